import { describe, expect, it } from "vitest";
import { smtpConfig } from "./smtp-config";

describe("smtpConfig", () => {
  it("is off without SMTP_URL", () => {
    expect(smtpConfig({})).toBeNull();
    expect(smtpConfig({ SMTP_URL: "  ", SMTP_FROM: "a@b.c" })).toBeNull();
  });

  it("reads the URL and sender", () => {
    expect(smtpConfig({ SMTP_URL: "smtp://u:p@mail.example.com:587", SMTP_FROM: "Secret Keys <security@example.com>" })).toEqual({
      url: "smtp://u:p@mail.example.com:587",
      from: "Secret Keys <security@example.com>",
      host: "mail.example.com",
    });
    expect(smtpConfig({ SMTP_URL: "smtps://mail.example.com", SMTP_FROM: "security@example.com" })?.host).toBe("mail.example.com");
  });

  it("refuses bad settings without repeating the password", () => {
    const attempts = [
      { SMTP_URL: "not a url with secretpw", SMTP_FROM: "a@b.c" },
      { SMTP_URL: "http://u:secretpw@mail.example.com", SMTP_FROM: "a@b.c" },
      { SMTP_URL: "smtp://u:secretpw@mail.example.com" },
      { SMTP_URL: "smtp://u:secretpw@mail.example.com", SMTP_FROM: "nobody" },
      { SMTP_URL: "smtp://u:secretpw@mail.example.com", SMTP_FROM: "a@b.c\r\nBcc: x@y.z" },
    ];
    for (const env of attempts) {
      expect(() => smtpConfig(env)).toThrow();
      try {
        smtpConfig(env);
      } catch (error) {
        expect((error as Error).message).not.toContain("secretpw");
      }
    }
  });
});
