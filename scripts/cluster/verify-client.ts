import http from "node:http";

// One verification on a fresh connection (no keep-alive): with node:cluster
// handing out connections in turn, consecutive calls reach each server
// process of an instance.
export function verifyOnce(url: string, key: string): Promise<number> {
  const body = JSON.stringify({ key, scope: "dataset", action: "read" });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/api/v1/keys/verify`,
      { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: "close" } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

// Each instance answered `tries` fresh connections with `status`.
export async function allAnswer(urls: string[], key: string, status: number, tries: number): Promise<boolean> {
  const answers = await Promise.all(urls.flatMap((url) => Array.from({ length: tries }, () => verifyOnce(url, key))));
  return answers.every((answer) => answer === status);
}
