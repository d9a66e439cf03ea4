import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "./secret-box";

describe("authenticator secret box", () => {
  it("opens what it sealed, and each seal differs", () => {
    const a = sealSecret("JBSWY3DPEHPK3PXP", "k1");
    const b = sealSecret("JBSWY3DPEHPK3PXP", "k1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("JBSWY3DPEHPK3PXP");
    expect(openSecret(a, "k1")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses another key and any change to the sealed text", () => {
    const sealed = sealSecret("JBSWY3DPEHPK3PXP", "k1");
    expect(() => openSecret(sealed, "k2")).toThrow();
    const [v, iv, body, tag] = sealed.split(".");
    const flipped = body[0] === "A" ? `B${body.slice(1)}` : `A${body.slice(1)}`;
    expect(() => openSecret([v, iv, flipped, tag].join("."), "k1")).toThrow();
    expect(() => openSecret("v2.x.y.z", "k1")).toThrow();
    expect(() => openSecret("garbage", "k1")).toThrow();
  });
});
