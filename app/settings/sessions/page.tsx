import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { CELL_CLASS, ROW_CLASS, TableHead, TableShell } from "@/components/ui/table";
import { listLiveAuthSessions } from "@/lib/auth/auth-sessions";
import { requireMemberPage } from "@/lib/auth/current-member";
import { EndSessionButton } from "./_components/end-session-button";
import { RevokeSessionsButton } from "./_components/revoke-sessions-button";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage() {
  const member = await requireMemberPage();
  const now = new Date();
  const sessions = await listLiveAuthSessions(member.userId, member.sessionId, now);
  return (
    <>
      <PageHeader
        title="Sessions"
        description="Every browser signed in to your account. Sign out any you do not recognise, then change your password on the Security page."
      />
      <TableShell>
        <TableHead
          columns={[
            { label: "Device" },
            { label: "Address" },
            { label: "Signed in" },
            { label: "Last seen" },
            { label: <span className="sr-only">Actions</span> },
          ]}
        />
        <tbody>
          {sessions.map((session) => (
            <tr key={session.handle} className={ROW_CLASS} aria-current={session.current ? "true" : undefined}>
              <td className={`${CELL_CLASS} font-medium`}>
                {session.device}
                {session.current && <strong className="ml-2 text-indigo-600 dark:text-indigo-400">This browser</strong>}
              </td>
              <td className={CELL_CLASS}>{session.ipAddress ?? "unknown"}</td>
              <td className={CELL_CLASS}>
                <RelativeTime date={session.createdAt} now={now} />
              </td>
              <td className={CELL_CLASS}>{session.current ? "Now" : <RelativeTime date={session.lastSeenAt} now={now} />}</td>
              <td className={`${CELL_CLASS} text-right`}>
                <EndSessionButton handle={session.handle} device={session.device} current={session.current} />
              </td>
            </tr>
          ))}
        </tbody>
      </TableShell>
      <div className="mt-4">
        <RevokeSessionsButton disabled={sessions.length < 2} />
      </div>
    </>
  );
}
