import http from "node:http";
import https from "node:https";
import { isForbiddenDestination } from "@/lib/net/forbidden-destination";
import { guardedLookup, type Resolver } from "@/lib/net/guarded-lookup";
import { parseHostAddress } from "@/lib/net/ip-address";

export type PostOutcome = { kind: "answered"; status: number } | { kind: "refused" } | { kind: "unreachable" };

const MAX_RESPONSE_BYTES = 64 * 1024;

// POSTs a webhook body, only to a destination the SSRF filter allows: an
// IP-literal host is checked here (node does not look those up), a name at
// connect time by the guarded lookup. Redirects are not followed, the answer's
// body is read up to 64 KiB and dropped, and every network failure is one
// "unreachable": the reason would tell open ports from closed ones.
export function postWebhook(options: {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  resolve?: Resolver;
}): Promise<PostOutcome> {
  if (!URL.canParse(options.url)) return Promise.resolve({ kind: "refused" });
  const url = new URL(options.url);
  const literal = parseHostAddress(url.hostname);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || (literal && isForbiddenDestination(literal, options))) {
    return Promise.resolve({ kind: "refused" });
  }
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = transport.request(
      url,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": String(Buffer.byteLength(options.body)) },
        lookup: guardedLookup({ allowPrivate: options.allowPrivate, resolve: options.resolve }),
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      },
      (response) => {
        const answered = () => settle({ kind: "answered", status: response.statusCode ?? 0 });
        let read = 0;
        response.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on("end", answered);
        response.on("close", answered);
        response.on("error", answered);
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => settle(error.code === "EFORBIDDENDESTINATION" ? { kind: "refused" } : { kind: "unreachable" }));
    request.end(options.body);
  });
}
