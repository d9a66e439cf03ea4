import { describe, expect, it } from "vitest";
import { webConcurrency } from "./web-concurrency";

const GiB = 2 ** 30;

describe("webConcurrency", () => {
  it("runs one process per core when memory allows", () => {
    expect(webConcurrency({ setting: undefined, cores: 8, memoryBytes: 16 * GiB })).toBe(8);
    expect(webConcurrency({ setting: "", cores: 2, memoryBytes: 24 * GiB })).toBe(2);
  });

  it("runs fewer on a machine short of memory, and never none", () => {
    expect(webConcurrency({ setting: undefined, cores: 8, memoryBytes: 2 * GiB })).toBe(2);
    expect(webConcurrency({ setting: undefined, cores: 4, memoryBytes: 1 * GiB })).toBe(1);
    expect(webConcurrency({ setting: undefined, cores: 4, memoryBytes: 0.5 * GiB })).toBe(1);
  });

  it("takes WEB_CONCURRENCY as given and refuses nonsense", () => {
    expect(webConcurrency({ setting: "3", cores: 1, memoryBytes: 1 * GiB })).toBe(3);
    for (const bad of ["0", "-1", "1.5", "many", "1000"]) {
      expect(() => webConcurrency({ setting: bad, cores: 2, memoryBytes: GiB })).toThrow(/WEB_CONCURRENCY/);
    }
  });
});
