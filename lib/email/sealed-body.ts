import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const PREFIX = "sealed:v1:";
export const SEALED_BODY_REMOVED = "(This email held a one-time link; it is not kept once the email is sent or given up.)";

// An email body that holds a one-time link is queued encrypted (AES-256-GCM
// under a key derived from NEXTAUTH_SECRET, which never enters the
// database), so the queue never holds a usable link in clear; the body is
// dropped once the email is sent or given up.
function key(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set (npm start sets it from the data directory).");
  return Buffer.from(hkdfSync("sha256", secret, "secret-keys", "queued email body", 32));
}

export function sealEmailBody(body: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(body, "utf8"), cipher.final()]);
  return `${PREFIX}${[iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url")).join(".")}`;
}

export function isSealedEmailBody(body: string): boolean {
  return body.startsWith(PREFIX);
}

// The body to send: a sealed one opened, any other as it is.
export function openEmailBody(body: string): string {
  if (!isSealedEmailBody(body)) return body;
  const [iv, tag, sealed] = body
    .slice(PREFIX.length)
    .split(".")
    .map((part) => Buffer.from(part, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]).toString("utf8");
}
