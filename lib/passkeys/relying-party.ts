// Who the panel is to a passkey: its host name (the RP ID, which a passkey
// is bound to) and the exact origin browsers report. Both come from the
// panel's public address (NEXTAUTH_URL), never from a request's Host.
export type RelyingParty = { id: string; name: string; origin: string };

export function relyingPartyFor(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: url.hostname, name: "Secret Keys", origin: url.origin };
}

export function relyingParty(): RelyingParty {
  return relyingPartyFor(process.env.NEXTAUTH_URL ?? "http://localhost:3000");
}
