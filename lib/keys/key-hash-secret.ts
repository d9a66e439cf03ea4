export function keyHashSecret(): string {
  const secret = process.env.KEY_HASH_SECRET;
  if (!secret) throw new Error("KEY_HASH_SECRET is not set (npm start sets it from the data directory).");
  return secret;
}
