import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id, m=19 MiB, t=2, p=1 (OWASP's baseline).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummyHash: Promise<string> | undefined;

// Verifies against a real hash even for unknown accounts, so response time
// does not tell which email addresses have an account.
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hash("not-a-real-password");
  const matches = await verify(passwordHash ?? (await dummyHash), password).catch(() => false);
  return passwordHash !== undefined && matches;
}
