import fs from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

// The App Router files of one kind (actions.ts, route.ts, page.tsx) under
// app/, relative to it with forward slashes, sorted: what the authorization
// tables must cover.
export function appFiles(appDir: string, fileName: string): string[] {
  return (fs.readdirSync(appDir, { recursive: true }) as string[])
    .filter((file) => path.basename(file) === fileName)
    .map((file) => file.split(path.sep).join("/"))
    .sort();
}

type Handler = (...args: unknown[]) => Promise<unknown>;

// Every exported function of every actions.ts and every exported HTTP method
// of every route.ts, keyed "<file>#<export>".
export async function discoverServerEntries(appDir: string): Promise<Map<string, Handler>> {
  const entries = new Map<string, Handler>();
  for (const [fileName, isEntry] of [
    ["actions.ts", (name: string, value: unknown) => typeof value === "function"],
    ["route.ts", (name: string) => (HTTP_METHODS as readonly string[]).includes(name)],
  ] as const) {
    for (const file of appFiles(appDir, fileName)) {
      const exports: Record<string, unknown> = await import(path.join(appDir, file));
      for (const [name, value] of Object.entries(exports)) if (isEntry(name, value)) entries.set(`${file}#${name}`, value as Handler);
    }
  }
  return entries;
}
