// The SMTP server that incident emails go through: SMTP_URL
// (smtp[s]://user:password@host:port) and SMTP_FROM. Email is off when
// SMTP_URL is unset. Error messages never repeat the URL: it holds a password.
export type SmtpConfig = { url: string; from: string; host: string };

const ADDRESS = /^[^\s@<>"]+@[^\s@<>"]+\.?[^\s@<>"]*$/;
const NAMED_ADDRESS = /^[^<>\r\n]*<([^<>\s]+)>$/;

export function smtpConfig(env: Record<string, string | undefined> = process.env): SmtpConfig | null {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error("SMTP_URL is not a URL. Use smtp://user:password@host:587 or smtps://user:password@host:465.");
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//.`);
  }
  if (!url.hostname) throw new Error("SMTP_URL has no host.");
  const from = env.SMTP_FROM?.trim();
  if (!from) throw new Error('SMTP_FROM is required with SMTP_URL, e.g. "Secret Keys <security@example.com>".');
  const address = NAMED_ADDRESS.exec(from)?.[1] ?? from;
  if (!ADDRESS.test(address) || /[\r\n]/.test(from)) {
    throw new Error(`SMTP_FROM must be an email address or "Name <address>", not "${from}".`);
  }
  return { url: raw, from, host: url.hostname };
}
