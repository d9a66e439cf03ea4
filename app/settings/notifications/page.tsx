import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { RelativeTime } from "@/components/relative-time";
import { requireMemberPage } from "@/lib/auth/current-member";
import { listNotifications } from "@/lib/notifications/notifications";
import { MarkAllReadButton } from "./_components/mark-all-read-button";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const member = await requireMemberPage();
  const notifications = await listNotifications(member.userId, member.organizationId);
  const now = new Date();
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Keys created, deleted or compromised in your organization, and incidents closed."
        actions={<MarkAllReadButton disabled={unread === 0} />}
      />
      {notifications.length === 0 ? (
        <EmptyState title="Nothing yet" />
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Notifications">
          {notifications.map((n) => (
            <li
              key={n.id}
              className={`rounded-xl border p-4 ${n.readAt ? "border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900" : "border-indigo-300 bg-indigo-50 dark:border-indigo-800 dark:bg-indigo-950"}`}
            >
              <p className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">
                  {!n.readAt && <span className="sr-only">Unread: </span>}
                  {n.link ? (
                    <Link href={n.link} className="hover:underline">
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </span>
                <span className="text-xs text-zinc-600 dark:text-zinc-400">
                  <RelativeTime date={n.createdAt} now={now} />
                </span>
              </p>
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
