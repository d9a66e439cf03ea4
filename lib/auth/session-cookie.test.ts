import { describe, expect, it } from "vitest";
import { sessionCookieFor } from "./session-cookie";

describe("sessionCookieFor", () => {
  it("uses __Host- under https: Secure, Path=/, no Domain", () => {
    expect(sessionCookieFor("https://keys.example.com")).toEqual({
      name: "__Host-secret-keys.session",
      options: { httpOnly: true, sameSite: "lax", path: "/", secure: true },
    });
  });

  it("uses a plain name and no Secure flag over http (a browser would drop a Secure cookie there)", () => {
    for (const url of ["http://localhost:3000", undefined]) {
      expect(sessionCookieFor(url)).toEqual({
        name: "secret-keys.session",
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: false },
      });
    }
  });
});
