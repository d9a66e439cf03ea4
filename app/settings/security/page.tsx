import type { Metadata } from "next";
import Link from "next/link";
import { LocalTime } from "@/components/local-time";
import { PageHeader } from "@/components/page-header";
import { listLiveAuthSessions } from "@/lib/auth/auth-sessions";
import { requireMemberPage } from "@/lib/auth/current-member";
import { can } from "@/lib/auth/permissions";
import { smtpConfig } from "@/lib/email/smtp-config";
import { getOrganizationSettings } from "@/lib/organization/get-organization-settings";
import { webhookAllowsPrivate } from "@/lib/webhooks/webhook-destination";
import { getWebhookEndpoint, listDeliveries } from "@/lib/webhooks/webhook-endpoint";
import { EmailSettings } from "./_components/email-settings";
import { GranularScopesToggle } from "./_components/granular-scopes-toggle";
import { ProductionApprovalToggle } from "./_components/production-approval-toggle";
import { holdersOf, namedPeople } from "@/lib/responsibilities/named-people";
import { RetryDeliveryButton } from "./_components/retry-delivery-button";
import { WebhookEvents } from "./_components/webhook-events";
import { WebhookReceiverHelp } from "./_components/webhook-receiver-help";
import { WebhookSettings } from "./_components/webhook-settings";
import { ChangePasswordForm } from "./_components/change-password-form";
import { SsoSettings } from "./_components/sso-settings";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { listMembers } from "@/lib/members/list-members";
import { isSsoConfigured, ssoConfig } from "@/lib/sso/sso-config";
import { getSsoPolicy } from "@/lib/sso/sso-policy";
import { RequireTwoFactorToggle } from "./_components/require-two-factor-toggle";
import { TwoFactorSettings } from "./_components/two-factor-settings";
import { countMembersWithoutSecondFactor, twoFactorStatus } from "@/lib/two-factor/two-factor-status";

export const metadata: Metadata = { title: "Security" };

export default async function SecurityPage() {
  const member = await requireMemberPage();
  // The webhook URL (often a bearer secret in its path), its delivery errors
  // and the mail server are for those who manage settings.
  const canManage = can(member.role, "settings.manage");
  const [sessions, organization, webhook, deliveries, named, twoFactor, withoutSecondFactor, ssoPolicy, members] = await Promise.all([
    listLiveAuthSessions(member.userId, member.sessionId),
    getOrganizationSettings(member.organizationId),
    getWebhookEndpoint(member.organizationId),
    canManage ? listDeliveries(member.organizationId) : [],
    namedPeople(member.organizationId),
    twoFactorStatus(member.userId, member.organizationId),
    countMembersWithoutSecondFactor(member.organizationId),
    getSsoPolicy(member.organizationId),
    listMembers(member.organizationId),
  ]);
  const ssoConfigured = isSsoConfigured();
  const owners = members.filter((m) => m.role === "OWNER").map((m) => ({ membershipId: m.id, label: `${m.name} <${m.email}>` }));
  const approvers = holdersOf(named, "PRODUCTION_APPROVER").map((person) => person.name);
  const smtp = smtpConfig();
  return (
    <>
      <PageHeader
        title="Security"
        description="Organization-wide key and sign-in settings, your password and two-factor sign-in, and where your account is signed in."
      />
      <section aria-labelledby="keys-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="keys-heading" className="mb-4 font-semibold">
          Secret keys
        </h2>
        <GranularScopesToggle enabled={organization.granularScopes} canManage={canManage} />
        <ProductionApprovalToggle
          enabled={organization.requireProductionApproval}
          canManage={canManage}
          approvers={approvers.length > 0 ? approvers.join(", ") : "the owners (no approvers named)"}
        />
      </section>
      <section aria-labelledby="sso-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="sso-heading" className="mb-4 font-semibold">
          Single sign-on
        </h2>
        <SsoSettings
          configured={ssoConfigured}
          joinRole={ROLE_LABELS[(ssoConfigured && ssoConfig()?.defaultRole) || "MEMBER"]}
          justInTime={ssoPolicy.justInTime}
          required={ssoPolicy.required}
          breakGlassMembershipId={ssoPolicy.breakGlassMembershipId}
          owners={owners}
          canManage={canManage}
        />
      </section>
      <section aria-labelledby="sign-in-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="sign-in-heading" className="mb-4 font-semibold">
          Sign-in
        </h2>
        <RequireTwoFactorToggle enabled={organization.requireTwoFactor} canManage={canManage} withoutSecondFactor={withoutSecondFactor} />
      </section>
      <section aria-labelledby="webhook-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="webhook-heading" className="mb-4 font-semibold">
          Incident webhook
        </h2>
        {canManage ? (
          <WebhookSettings url={webhook?.url ?? null} legacySignature={webhook?.legacySignature ?? false} allowPrivate={webhookAllowsPrivate()} />
        ) : (
          <p className="text-sm">
            {webhook ? "Incident events go to the organization's webhook." : "No webhook is configured."} Only an owner can see or change it.
          </p>
        )}
        {webhook && canManage && <WebhookEvents key={webhook.url} events={webhook.events} />}
        {canManage && <WebhookReceiverHelp />}
        {deliveries.length > 0 && (
          <ul className="mt-4 divide-y divide-zinc-100 text-sm dark:divide-zinc-800" aria-label="Recent deliveries">
            {deliveries.map((d) => (
              <li key={d.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>{d.event}</span>
                <span className="flex flex-wrap items-center gap-x-2 text-zinc-500 dark:text-zinc-400">
                  {d.status}, {d.attempts} attempt{d.attempts === 1 ? "" : "s"}
                  {d.lastStatusCode ? `, HTTP ${d.lastStatusCode}` : d.lastError ? `, ${d.lastError}` : ""} · <LocalTime date={d.createdAt} />
                  {d.status === "failed" && webhook && canManage && <RetryDeliveryButton deliveryId={d.id} event={d.event} />}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="email-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="email-heading" className="mb-4 font-semibold">
          Incident email
        </h2>
        <EmailSettings smtp={smtp ? (canManage ? { host: smtp.host, from: smtp.from } : { host: null, from: null }) : null} canManage={canManage} />
      </section>
      <section aria-labelledby="password-heading" className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="password-heading" className="mb-1 font-semibold">
          Your password
        </h2>
        <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400">Changing it signs out every other browser where you are signed in.</p>
        <ChangePasswordForm />
      </section>
      <section
        aria-labelledby="two-factor-heading"
        className="mb-6 rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2 id="two-factor-heading" className="mb-4 font-semibold">
          Your two-factor sign-in
        </h2>
        <TwoFactorSettings status={twoFactor} />
      </section>
      <section aria-labelledby="sessions-heading" className="rounded-xl border border-zinc-200 bg-white p-4 sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
        <h2 id="sessions-heading" className="mb-2 font-semibold">
          Your sessions
        </h2>
        <p className="text-sm">
          You are signed in on {sessions.length === 1 ? "this browser only" : `${sessions.length} browsers`}.{" "}
          <Link href="/settings/sessions" className="font-medium text-indigo-700 underline dark:text-indigo-300">
            See and sign out your sessions
          </Link>
        </p>
      </section>
    </>
  );
}
