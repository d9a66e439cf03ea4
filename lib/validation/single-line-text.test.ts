import { describe, expect, it } from "vitest";
import { noteText } from "./note-text";
import { singleLineText } from "./single-line-text";

const name = singleLineText({ required: "Enter a name.", max: 100 });
const note = noteText({ max: 500 });

describe("text fields", () => {
  it.each(["evil\u202Etxt.exe", "a\u2066b\u2069", "\u200Fname"])("refuse text-direction controls: %j", (value) => {
    expect(name.safeParse(value).error?.issues[0].message).toBe("Text-direction control characters are not allowed.");
    expect(note.safeParse(value).success).toBe(false);
  });

  it.each(["\u0085nel", "a\u009bcsi", "tab\there", "del\u007f"])("refuse C0 and C1 control characters in one-line text: %j", (value) => {
    expect(name.safeParse(value).error?.issues[0].message).toBe("Line breaks and control characters are not allowed.");
    expect(note.safeParse(value.replace("\t", "\u0000")).success).toBe(false);
  });

  it("keep right-to-left scripts themselves", () => {
    expect(name.parse("مفتاح الإنتاج")).toBe("مفتاح الإنتاج");
    expect(note.parse("שלום\nעולם")).toBe("שלום\nעולם");
  });
});
