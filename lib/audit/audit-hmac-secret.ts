export function auditHmacSecret(): string {
  const secret = process.env.AUDIT_HMAC_SECRET;
  if (!secret) throw new Error("AUDIT_HMAC_SECRET is not set (npm start sets it from the data directory).");
  return secret;
}
