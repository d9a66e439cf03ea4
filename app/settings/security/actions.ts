"use server";

import { changePassword } from "@/lib/auth/change-password";
import { runAsActor } from "@/lib/auth/run-as-actor";
import { sendTestEmail } from "@/lib/email/send-test-email";
import { setGranularScopes } from "@/lib/organization/set-granular-scopes";
import { setProductionApproval } from "@/lib/organization/set-production-approval";
import { setSsoJoin } from "@/lib/sso/set-sso-join";
import { setSsoRequired } from "@/lib/sso/set-sso-required";
import { confirmAppEnrolment, regenerateRecoveryCodes, removeAuthenticatorApp, startAppEnrolment } from "@/lib/two-factor/authenticator-app";
import { setRequireTwoFactor } from "@/lib/two-factor/require-two-factor";
import { removePasskey, renamePasskey } from "@/lib/passkeys/manage-passkeys";
import { finishPasskeyRegistration, startPasskeyRegistration } from "@/lib/passkeys/register-passkey";
import { removeWebhookEndpoint, retryWebhookDelivery, sendTestWebhook, setWebhookEndpoint, setWebhookEvents } from "@/lib/webhooks/webhook-endpoint";

const SECURITY_PAGE = { path: "/settings/security" };

// Changes the caller's own password (asks the current one); every other
// session of the account ends.
export async function changePasswordAction(input: unknown) {
  return runAsActor((actor) => changePassword({ actor, input }), { path: "/settings", type: "layout" });
}

// Turns per-scope keys on or off for the caller's organization (owners only).
export async function setGranularScopesAction(input: unknown) {
  return runAsActor((actor) => setGranularScopes({ actor, input }), { path: "/settings", type: "layout" });
}

// Turns approval for production keys on or off (owners only).
export async function setProductionApprovalAction(input: unknown) {
  return runAsActor((actor) => setProductionApproval({ actor, input }), { path: "/settings", type: "layout" });
}

// Lets unknown people join with SSO, or stops it (owners only).
export async function setSsoJoinAction(input: unknown) {
  return runAsActor((actor) => setSsoJoin({ actor, input }), SECURITY_PAGE);
}

// Requires SSO for all but the break-glass owner, moves the break glass, or
// stops requiring SSO (owners only).
export async function setSsoRequiredAction(input: unknown) {
  return runAsActor((actor) => setSsoRequired({ actor, input }), SECURITY_PAGE);
}

// Sets the organization's webhook URL and returns its new signing secret, once (owners only).
export async function setWebhookAction(input: unknown) {
  return runAsActor((actor) => setWebhookEndpoint({ actor, input }), SECURITY_PAGE);
}

// Chooses the events the organization's webhook is sent (owners only).
export async function setWebhookEventsAction(input: unknown) {
  return runAsActor((actor) => setWebhookEvents({ actor, input }), SECURITY_PAGE);
}

// Sends a test event to the organization's webhook now (owners only).
export async function sendTestWebhookAction() {
  return runAsActor((actor) => sendTestWebhook({ actor }), SECURITY_PAGE);
}

// Removes the organization's webhook (owners only).
export async function removeWebhookAction() {
  return runAsActor((actor) => removeWebhookEndpoint({ actor }), SECURITY_PAGE);
}

// Sends a test email to the caller through the configured SMTP server (owners only).
export async function sendTestEmailAction() {
  return runAsActor((actor) => sendTestEmail({ actor }));
}

// Sends a failed webhook delivery again (owners only).
export async function retryWebhookDeliveryAction(input: unknown) {
  return runAsActor((actor) => retryWebhookDelivery({ actor, input }), SECURITY_PAGE);
}

// Requires two-factor sign-in for every member, or makes it optional (owners only).
export async function setRequireTwoFactorAction(input: unknown) {
  return runAsActor((actor) => setRequireTwoFactor({ actor, input }), { path: "/settings", type: "layout" });
}

// Starts setting up the caller's authenticator app: its secret, once, as a QR code and text.
export async function startAppEnrolmentAction() {
  return runAsActor((actor) => startAppEnrolment({ actor }), undefined, { enrolling: true });
}

// Confirms the caller's authenticator app with a code; returns ten recovery codes, once.
export async function confirmAppEnrolmentAction(input: unknown) {
  return runAsActor((actor) => confirmAppEnrolment({ actor, input }), undefined, { enrolling: true });
}

// Replaces the caller's recovery codes with ten new ones, shown once.
export async function regenerateRecoveryCodesAction() {
  return runAsActor((actor) => regenerateRecoveryCodes({ actor }), SECURITY_PAGE);
}

// Removes the caller's authenticator app (asks the password and a code).
export async function removeAuthenticatorAppAction(input: unknown) {
  return runAsActor((actor) => removeAuthenticatorApp({ actor, input }), { path: "/settings", type: "layout" });
}

// Options for the browser to make a passkey for the caller.
export async function startPasskeyRegistrationAction() {
  return runAsActor((actor) => startPasskeyRegistration({ actor }), undefined, { enrolling: true });
}

// Keeps the caller's new passkey; the first second factor comes with recovery codes, once.
export async function finishPasskeyRegistrationAction(input: unknown) {
  return runAsActor((actor) => finishPasskeyRegistration({ actor, input }), { path: "/settings", type: "layout" }, { enrolling: true });
}

// Renames one of the caller's passkeys.
export async function renamePasskeyAction(input: unknown) {
  return runAsActor((actor) => renamePasskey({ actor, input }), SECURITY_PAGE);
}

// Removes one of the caller's passkeys.
export async function removePasskeyAction(input: unknown) {
  return runAsActor((actor) => removePasskey({ actor, input }), { path: "/settings", type: "layout" });
}
