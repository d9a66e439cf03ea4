import { describe, expect, it } from "vitest";
import { answerThrottledWith429, reportThrottled } from "./throttled-sign-in";

const errorUrl = "http://localhost:3000/api/auth/error?error=Too%20many%20failed%20sign-ins.%20Try%20again%20in%202%20minutes.";

// What next-auth answers signIn("credentials", { redirect: false }) when authorize() throws.
function nextAuthRefusal(): Response {
  const headers = new Headers({ "content-type": "application/json" });
  headers.append("set-cookie", "next-auth.callback-url=x; Path=/; HttpOnly");
  headers.append("set-cookie", "other=y; Path=/");
  return new Response(JSON.stringify({ url: errorUrl }), { status: 401, headers });
}

describe("answerThrottledWith429", () => {
  it("answers a throttled sign-in with 429, Retry-After and the body next-auth's client reads", async () => {
    const response = await answerThrottledWith429(async () => {
      await Promise.resolve();
      reportThrottled(120);
      return nextAuthRefusal();
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("120");
    expect(response.headers.getSetCookie()).toEqual(["next-auth.callback-url=x; Path=/; HttpOnly", "other=y; Path=/"]);
    const body = (await response.json()) as { url: string };
    expect(new URL(body.url).searchParams.get("error")).toBe("Too many failed sign-ins. Try again in 2 minutes.");
  });

  it("turns a redirect (a request without json=true) into the same answer", async () => {
    const response = await answerThrottledWith429(async () => {
      reportThrottled(3);
      return new Response(null, { status: 302, headers: { location: errorUrl } });
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.json()).toEqual({ url: errorUrl });
  });

  it("leaves every other answer alone, and a report outside it changes nothing", async () => {
    reportThrottled(5);
    const original = nextAuthRefusal();
    expect(await answerThrottledWith429(async () => original)).toBe(original);
  });

  it("keeps concurrent requests' reports apart", async () => {
    const [throttled, refused] = await Promise.all([
      answerThrottledWith429(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        reportThrottled(7);
        return nextAuthRefusal();
      }),
      answerThrottledWith429(async () => {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return nextAuthRefusal();
      }),
    ]);
    expect([throttled.status, refused.status]).toEqual([429, 401]);
  });
});
