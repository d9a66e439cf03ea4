import { listDb } from "@/lib/db/client";

// How the keys list searches: by trigram (any part of a name or key prefix,
// case-insensitive) where the migration could create pg_trgm and its index,
// else by the start of the name (or of the key prefix, for "skml_…"), which
// the name's btree index serves. Checked once per database per process.
export type SearchMode = "trigram" | "prefix";

const modes = new Map<string, Promise<SearchMode>>();

export function searchMode(): Promise<SearchMode> {
  const url = process.env.DATABASE_URL ?? "";
  let mode = modes.get(url);
  if (!mode) {
    mode = listDb().$queryRaw<{ trigram: boolean }[]>`SELECT to_regclass('"SecretKey_search_trgm_idx"') IS NOT NULL AS "trigram"`.then(
      ([row]) => (row.trigram ? "trigram" : "prefix") as SearchMode,
    );
    mode.catch(() => modes.delete(url));
    modes.set(url, mode);
  }
  return mode;
}
