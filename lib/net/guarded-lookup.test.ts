import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { describe, expect, it } from "vitest";
import { allDestinationsAllowed, guardedLookup, type ResolvedAddress, type Resolver } from "./guarded-lookup";

// Fake DNS only: these tests never resolve a real name nor connect anywhere.
const PUBLIC_V4 = { address: "93.184.216.34", family: 4 };
const PUBLIC_V6 = { address: "2606:2800:220:1:248:1893:25c8:1946", family: 6 };
const fakeDns: Record<string, ResolvedAddress[]> = {
  "public.test": [PUBLIC_V4, PUBLIC_V6],
  "rebind.test": [PUBLIC_V4, { address: "127.0.0.1", family: 4 }],
  "mixed-v6.test": [PUBLIC_V4, { address: "::ffff:10.0.0.1", family: 6 }],
  "metadata.test": [{ address: "169.254.169.254", family: 4 }],
  "internal.test": [
    { address: "10.1.2.3", family: 4 },
    { address: "fd12::1", family: 6 },
  ],
};
const asked: { hostname: string; family?: number | string }[] = [];
const fakeResolver: Resolver = async (hostname, options) => {
  asked.push({ hostname, family: options.family });
  const addresses = fakeDns[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  return addresses;
};

function lookUp(lookup: LookupFunction, hostname: string, all: boolean) {
  return new Promise<{ error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
    lookup(hostname, { all, family: 0 }, (error, address, family) => resolve({ error, address, family })),
  );
}

describe("allDestinationsAllowed", () => {
  it.each<[string, string[], boolean, boolean]>([
    ["only public", ["93.184.216.34", "2606:2800:220:1::1"], true, true],
    ["one public, one loopback", ["93.184.216.34", "127.0.0.1"], false, true],
    ["one public, one v4-mapped private", ["93.184.216.34", "::ffff:10.0.0.1"], false, true],
    ["one public, one metadata", ["93.184.216.34", "169.254.169.254"], false, false],
    ["only private", ["10.0.0.1", "fd00::1"], false, true],
    ["private and link-local", ["10.0.0.1", "fe80::1"], false, false],
    ["nothing", [], false, false],
    ["not an address", ["example.com"], false, false],
  ])("%s: allowed %s, with private allowed %s", (_, addresses, allowed, allowedWithPrivate) => {
    const resolved = addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    expect(allDestinationsAllowed(resolved, { allowPrivate: false })).toBe(allowed);
    expect(allDestinationsAllowed(resolved, { allowPrivate: true })).toBe(allowedWithPrivate);
  });
});

describe("guardedLookup", () => {
  const lookup = guardedLookup({ allowPrivate: false, resolve: fakeResolver });

  it("hands a name resolving only to public addresses to the socket, all or the first", async () => {
    expect(await lookUp(lookup, "public.test", true)).toEqual({ error: null, address: [PUBLIC_V4, PUBLIC_V6], family: undefined });
    expect(await lookUp(lookup, "public.test", false)).toEqual({ error: null, address: PUBLIC_V4.address, family: 4 });
  });

  it.each(["rebind.test", "mixed-v6.test", "metadata.test", "internal.test"])("refuses %s: one of its addresses is not public", async (hostname) => {
    for (const all of [true, false]) {
      const { error, address } = await lookUp(lookup, hostname, all);
      expect(error).toMatchObject({ code: "EFORBIDDENDESTINATION", message: "destination not allowed" });
      expect(address).toBe("");
    }
  });

  it("lets internal names through when private destinations are allowed, but never metadata", async () => {
    const internal = guardedLookup({ allowPrivate: true, resolve: fakeResolver });
    expect(await lookUp(internal, "internal.test", true)).toMatchObject({ error: null, address: fakeDns["internal.test"] });
    expect(await lookUp(internal, "rebind.test", false)).toMatchObject({ error: null, address: PUBLIC_V4.address });
    expect((await lookUp(internal, "metadata.test", true)).error).toMatchObject({ code: "EFORBIDDENDESTINATION" });
  });

  it("passes resolver errors on as they are, and the requested family to the resolver", async () => {
    asked.length = 0;
    expect((await lookUp(lookup, "missing.test", true)).error).toMatchObject({ code: "ENOTFOUND" });
    await new Promise<void>((resolve) => lookup("public.test", { family: 6 }, () => resolve()));
    expect(asked).toEqual([
      { hostname: "missing.test", family: 0 },
      { hostname: "public.test", family: 6 },
    ]);
  });
});
