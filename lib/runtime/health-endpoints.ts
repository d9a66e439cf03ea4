import type http from "node:http";
import type { Readiness } from "./readiness";

export const HEALTH_PATH = "/healthz";
export const READY_PATH = "/readyz";

const HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "x-content-type-options": "nosniff" };

export type HealthEndpoints = {
  handles(url: string | undefined): boolean;
  handle(request: http.IncomingMessage, response: http.ServerResponse): void;
};

function answer(request: http.IncomingMessage, response: http.ServerResponse, status: number, body: object) {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...HEADERS, "content-length": String(Buffer.byteLength(text)) });
  response.end(request.method === "HEAD" ? undefined : text);
}

// Liveness and readiness for load balancers and orchestrators: answered
// before the panel's host check and without a session (a balancer asks by
// address, not by the public name). They say only "ok", "ready" or one
// short reason: no version, no host name, no error text from the database.
export function healthEndpoints(readiness: () => Promise<Readiness>): HealthEndpoints {
  return {
    handles(url) {
      const path = url?.split("?")[0];
      return path === HEALTH_PATH || path === READY_PATH;
    },
    handle(request, response) {
      if (request.method !== "GET" && request.method !== "HEAD") {
        response.writeHead(405, { ...HEADERS, allow: "GET, HEAD", "content-length": "0" });
        return void response.end();
      }
      // The process answers: that is all liveness means.
      if (request.url?.split("?")[0] === HEALTH_PATH) return answer(request, response, 200, { status: "ok" });
      readiness().then(
        (state) => answer(request, response, state.ready ? 200 : 503, state.ready ? { status: "ready" } : { status: "unavailable", reason: state.reason }),
        () => answer(request, response, 503, { status: "unavailable", reason: "database" }),
      );
    },
  };
}
