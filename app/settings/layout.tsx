import { ReauthProvider } from "@/components/reauth/reauth-provider";
import { requireMemberPage } from "@/lib/auth/current-member";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { countUnread } from "@/lib/notifications/notifications";
import { NotificationBell } from "./_components/notification-bell";
import { SettingsNav } from "./_components/settings-nav";
import { SignOutButton } from "./_components/sign-out-button";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMemberPage();
  const unread = await countUnread(member.userId, member.organizationId);
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#content"
        className="print:hidden sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2 dark:focus:bg-zinc-900"
      >
        Skip to content
      </a>
      <aside className="print:hidden border-b border-zinc-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-64 md:shrink-0 md:flex-col md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900">
        <div className="flex items-center justify-between gap-3 px-4 pt-4">
          <div className="min-w-0">
            <p className="text-xs font-semibold tracking-wide text-indigo-600 uppercase dark:text-indigo-400">Secret Keys</p>
            <p className="truncate font-semibold" data-testid="organization-name">
              {member.organizationName}
            </p>
          </div>
          <NotificationBell unread={unread} />
        </div>
        <SettingsNav role={member.role} />
        <div className="flex items-center justify-between gap-3 border-t border-zinc-200 px-4 py-3 md:mt-auto dark:border-zinc-800">
          <div className="min-w-0 text-sm">
            <p className="truncate font-medium" data-testid="current-user">
              {member.name}
            </p>
            <p className="truncate text-zinc-500 dark:text-zinc-400">{member.email}</p>
            <p className="text-zinc-500 dark:text-zinc-400">
              Role: <span data-testid="current-role">{ROLE_LABELS[member.role]}</span>
            </p>
          </div>
          <SignOutButton />
        </div>
      </aside>
      <main id="content" className="min-w-0 flex-1 px-4 py-6 sm:px-8 sm:py-8 print:p-0">
        <ReauthProvider withPassword={member.hasPassword} withCode={member.hasAuthenticatorApp} withPasskey={member.hasPasskey}>
          {children}
        </ReauthProvider>
      </main>
    </div>
  );
}
