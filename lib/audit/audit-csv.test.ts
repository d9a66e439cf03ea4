import { describe, expect, it } from "vitest";
import { auditCsvLine, csvField, csvLine } from "./audit-csv";

describe("csvField", () => {
  it("quotes separators, quotes and line breaks, so a name cannot forge a row", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvField("line\r\n42,2026-01-01,admin,key.deleted")).toBe('"line\r\n42,2026-01-01,admin,key.deleted"');
  });

  it("defuses spreadsheet formulas", () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+1")).toBe('"\'+1"');
    expect(csvField("@SUM(A1)")).toBe('"\'@SUM(A1)"');
  });

  it("writes empty for null and JSON for objects", () => {
    expect(csvLine([null, undefined, { a: 1 }, 3])).toBe(',,"{""a"":1}",3\r\n');
  });
});

describe("auditCsvLine", () => {
  it("writes one line per event whatever its content", () => {
    const line = auditCsvLine({
      id: "e1",
      sequence: 7,
      createdAt: new Date("2026-02-03T04:05:06.789Z"),
      actorLabel: "Ada <ada@example.test>",
      action: "key.renamed",
      keyId: "k1",
      keyPrefix: "skml_live_AbCd",
      details: { from: "a\nb", to: "c" },
      ipAddress: "127.0.0.1",
      userAgent: null,
    });
    expect(line).toBe(
      '7,2026-02-03T04:05:06.789Z,Ada <ada@example.test>,key.renamed,Key renamed,k1,skml_live_AbCd,"{""from"":""a\\nb"",""to"":""c""}",127.0.0.1,\r\n',
    );
  });
});
