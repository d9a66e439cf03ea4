import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { isForbiddenDestination } from "./forbidden-destination";

export type ResolvedAddress = { address: string; family: number };
export type Resolver = (hostname: string, options: { family?: number | "IPv4" | "IPv6"; hints?: number }) => Promise<ResolvedAddress[]>;

const systemResolver: Resolver = (hostname, options) => dns.promises.lookup(hostname, { ...options, all: true });

// How a connection refused by the filter fails, told apart from network
// errors by its code.
export class ForbiddenDestinationError extends Error {
  readonly code = "EFORBIDDENDESTINATION";
  constructor() {
    super("destination not allowed");
    this.name = "ForbiddenDestinationError";
  }
}

// Whether every address a name resolved to may be connected to. One bad
// address refuses them all: a name that also points inside the network is
// an attack, whichever address the connection would have picked.
export function allDestinationsAllowed(addresses: readonly ResolvedAddress[], options: { allowPrivate: boolean }): boolean {
  return addresses.length > 0 && addresses.every(({ address }) => !isForbiddenDestination(address, options));
}

// A `lookup` for net/http/https requests that resolves the name once and
// hands the socket only addresses it checked, so the address is judged at
// connect time and a DNS answer cannot change between check and use (DNS
// rebinding). Node skips `lookup` for IP-literal hosts: check those first.
export function guardedLookup(options: { allowPrivate: boolean; resolve?: Resolver }): LookupFunction {
  const resolve = options.resolve ?? systemResolver;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname, { family: lookupOptions.family, hints: lookupOptions.hints }).then(
      (addresses) => {
        if (!allDestinationsAllowed(addresses, options)) return callback(new ForbiddenDestinationError(), "", 0);
        if (lookupOptions.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };
}
