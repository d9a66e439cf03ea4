import path from "node:path";
import { defineConfig } from "prisma/config";
import { migrationAdapterFactory } from "./lib/db/migration-adapter";

// Migrations run through the WebAssembly schema engine and the pg driver
// adapter, so the CLI never downloads a native engine.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => migrationAdapterFactory(requireDatabaseUrl()),
});

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set. `npm start` sets it for the embedded database; set it yourself to migrate another PostgreSQL.");
  }
  return url;
}
