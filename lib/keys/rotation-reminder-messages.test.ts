import { describe, expect, it } from "vitest";
import { rotationReminderMessages } from "./rotation-reminder-messages";

describe("rotationReminderMessages", () => {
  it("tells an owner about their own keys, once, and everyone else the summary", () => {
    const due = [
      { name: "ci", ownerId: "ada" },
      { name: "prod", ownerId: "ada" },
      { name: "etl", ownerId: "bob" },
    ];
    const messages = rotationReminderMessages(due, ["ada", "bob", "cy"]);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toEqual({
      userId: "ada",
      title: "2 of your keys are due for rotation",
      body: "“ci”, “prod” are older than the rotation policy allows or expire within two weeks. Rotate them from the keys page. One other key of your organization is due too.",
      link: "/settings/secret-keys?due=1&owner=me",
    });
    expect(messages[1]).toMatchObject({ userId: "bob", title: "Your key “etl” is due for rotation" });
    expect(messages[1].body).toContain("2 other keys of your organization are due too.");
    expect(messages[2]).toEqual({
      userId: "cy",
      title: "3 keys are due for rotation",
      body: "“ci”, “prod”, “etl” are older than the rotation policy allows or expire within two weeks. Rotate them from the keys page.",
      link: "/settings/secret-keys?due=1",
    });
  });

  it("sends keys without an owner, or whose owner left, to everyone as the summary", () => {
    const messages = rotationReminderMessages(
      [
        { name: "old", ownerId: null },
        { name: "left", ownerId: "gone" },
      ],
      ["ada"],
    );
    expect(messages).toEqual([expect.objectContaining({ userId: "ada", title: "2 keys are due for rotation" })]);
  });

  it("names five keys and counts the rest", () => {
    const due = Array.from({ length: 7 }, (_, i) => ({ name: `k${i}`, ownerId: null }));
    expect(rotationReminderMessages(due, ["ada"])[0].body).toContain("“k4” and 2 more are");
    expect(rotationReminderMessages([], ["ada"])).toEqual([]);
  });
});

describe("rotationReminderMessages at a large organization's first run", () => {
  // Linear in keys and members: 300,000 due keys and 1,000 members. Grouping
  // by copying arrays, or filtering the keys once per member, would take minutes.
  it("groups 300,000 keys among 1,000 members", () => {
    const members = [...Array.from({ length: 999 }, (_, i) => `u${i}`), "observer"];
    const due = Array.from({ length: 300_000 }, (_, i) => ({ name: `key ${i}`, ownerId: i % 3 === 0 ? null : `u${i % 1_000}` }));
    const messages = rotationReminderMessages(due, members);
    expect(messages).toHaveLength(1_000);
    expect(messages[1].title).toBe("200 of your keys are due for rotation");
    expect(messages[999]).toMatchObject({ userId: "observer", title: "300000 keys are due for rotation" });
  });
});
