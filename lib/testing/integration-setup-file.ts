import { afterAll, inject } from "vitest";
import { disconnectAll } from "@/lib/db/client";

// Each test file starts on the shared test database; a file may point
// DATABASE_URL elsewhere (a fresh database) before its first query.
process.env.DATABASE_URL = inject("databaseUrl");
process.env.NEXTAUTH_SECRET ??= "integration-test-session-secret";
process.env.KEY_HASH_SECRET ??= "integration-test-key-hash-secret";
process.env.AUDIT_HMAC_SECRET ??= "integration-test-audit-hmac-secret";
process.env.TWO_FACTOR_SECRET ??= "integration-test-two-factor-secret";

afterAll(async () => {
  await disconnectAll();
});
