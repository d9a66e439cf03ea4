import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "@/lib/validation/zod";
import { partFits, type SortPartType } from "./key-order";
import type { ListKeysQuery } from "./list-keys-query";

// A page position in the keys list, as the URL carries it: the sort key of
// the row it starts after ("next") or before ("prev"), that row's id, and how
// many rows come before the page (for "26–50"). It holds no secret (names,
// dates and ids the viewer already sees) but is signed, so a cursor edited by
// hand, made for another organization or for another sort or filter is
// refused rather than read; the query is scoped to the viewer's organization
// in any case.
export type ListCursor = { direction: "next" | "prev"; values: string[]; id: string; offset: number };

export const MAX_CURSOR_LENGTH = 2048;
const TOKEN = /^[A-Za-z0-9_-]{1,2000}\.[A-Za-z0-9_-]{43}$/;

const payload = z
  .object({
    d: z.enum(["n", "p"]),
    v: z.array(z.string()).max(6),
    i: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    o: z.number().int().min(0).max(1_000_000_000),
  })
  .strict();

// The list a cursor belongs to: organization, sort and every filter (not the
// page size, which may change between pages). "My keys" are the viewer's:
// that filter binds the viewer too, so a link to a page of them is refused
// for anyone else rather than read as a position in their own keys.
export function listCursorBinding(organizationId: string, query: ListKeysQuery, viewerId?: string): string {
  return JSON.stringify([
    organizationId,
    query.sort,
    query.dir,
    query.group ?? "",
    query.q,
    query.scope ?? "",
    query.permission ?? "",
    query.environment ?? "",
    query.stale,
    query.due,
    query.owner === "me" ? `me ${viewerId ?? ""}` : (query.owner ?? ""),
  ]);
}

// A key of its own for cursors, so a signature made here is good for nothing else.
function cursorKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("secret-keys/list-cursor/v1").digest();
}

function sign(secret: string, binding: string, body: string): string {
  return createHmac("sha256", cursorKey(secret)).update(`${binding}\n${body}`).digest("base64url");
}

export function encodeListCursor(cursor: ListCursor, options: { secret: string; binding: string }): string {
  const body = Buffer.from(JSON.stringify({ d: cursor.direction === "next" ? "n" : "p", v: cursor.values, i: cursor.id, o: cursor.offset })).toString(
    "base64url",
  );
  return `${body}.${sign(options.secret, options.binding, body)}`;
}

// The cursor, or null when it is malformed, forged, or not this list's.
export function decodeListCursor(token: string, options: { secret: string; binding: string; parts: SortPartType[] }): ListCursor | null {
  if (token.length > MAX_CURSOR_LENGTH || !TOKEN.test(token)) return null;
  const [body, signature] = token.split(".");
  const expected = Buffer.from(sign(options.secret, options.binding, body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = payload.safeParse(json);
  if (!parsed.success) return null;
  const { d, v, i, o } = parsed.data;
  if (v.length !== options.parts.length || !v.every((value, index) => partFits(options.parts[index], value))) return null;
  return { direction: d === "n" ? "next" : "prev", values: v, id: i, offset: o };
}
