import { AsyncLocalStorage } from "node:async_hooks";

type Report = { retryAfterSeconds?: number };
const reports = new AsyncLocalStorage<Report>();

// Called from authorize(), which cannot choose next-auth's status code.
export function reportThrottled(retryAfterSeconds: number): void {
  const report = reports.getStore();
  if (report) report.retryAfterSeconds = retryAfterSeconds;
}

// Runs next-auth's handler; when a sign-in in it was throttled, answers 429
// with Retry-After instead of next-auth's 401, keeping its cookies and its
// { url } body (the message travels in url's error parameter, which
// signIn("credentials", { redirect: false }) reads).
export async function answerThrottledWith429(handle: () => Promise<Response>): Promise<Response> {
  const report: Report = {};
  const response = await reports.run(report, handle);
  if (report.retryAfterSeconds === undefined) return response;
  const headers = new Headers(response.headers);
  const url = headers.get("location") ?? ((await response.json().catch(() => ({}))) as { url?: string }).url;
  headers.delete("location");
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  headers.set("cache-control", "no-store");
  headers.set("retry-after", String(report.retryAfterSeconds));
  return new Response(JSON.stringify({ url }), { status: 429, headers });
}
