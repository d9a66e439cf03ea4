// Which names the panel answers to, and which origins may change things.
export type PanelHosts = { hosts: ReadonlySet<string>; origins: ReadonlySet<string>; https: boolean };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SAME_SITE_FETCHES = new Set(["same-origin", "none"]);

// The public URL's host; with no NEXTAUTH_URL set (the embedded default),
// the loopback names at the port instead. ALLOWED_HOSTS adds names (e.g. an
// internal one for health checks). Throws on a malformed setting.
export function panelHosts(options: { publicUrl: string | undefined; port: number; extraHosts?: string }): PanelHosts {
  const hosts = new Set<string>();
  let protocol = "http:";
  if (options.publicUrl) {
    let url: URL;
    try {
      url = new URL(options.publicUrl);
    } catch {
      throw new Error("NEXTAUTH_URL must be the panel's public URL, such as https://keys.example.com.");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("NEXTAUTH_URL must start with http:// or https://.");
    protocol = url.protocol;
    hosts.add(url.host.toLowerCase());
  } else {
    for (const name of ["localhost", "127.0.0.1", "[::1]"]) {
      hosts.add(`${name}:${options.port}`);
      if (options.port === 80) hosts.add(name);
    }
  }
  for (const host of (options.extraHosts ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean)) {
    if (!/^[a-z0-9.\-[\]:]+$/.test(host)) throw new Error(`ALLOWED_HOSTS: "${host}" is not a host name (with an optional :port).`);
    hosts.add(host);
  }
  return { hosts, origins: new Set([...hosts].map((host) => `${protocol}//${host}`)), https: protocol === "https:" };
}

export type Refusal = { status: number; message: string };

// Pages, server actions and sign-in answer only under the panel's own names:
// a DNS-rebinding page (a foreign name pointing at this server) is refused
// before it reaches the app. Requests that change something must come from
// the panel's own pages: a browser says where a request came from (Origin,
// Sec-Fetch-Site), and a cross-site one is refused even where the framework
// would not check (a server action without Origin, a route handler).
// "null" (never an allowed origin) for a Referer that is not a URL.
function originOf(referer: string): string {
  try {
    return new URL(referer).origin.toLowerCase();
  } catch {
    return "null";
  }
}

export function checkPanelRequest(
  request: {
    method: string | undefined;
    target?: string;
    host: string | undefined;
    origin: string | undefined;
    referer?: string | undefined;
    fetchSite: string | undefined;
  },
  allowed: PanelHosts,
): Refusal | null {
  // Only a path ("/settings"): an absolute URL as the target ("GET
  // http://evil.test/ HTTP/1.1") would be echoed into redirects.
  if (request.target !== undefined && !request.target.startsWith("/")) return { status: 400, message: "Bad request target." };
  const host = request.host?.toLowerCase();
  if (!host || !allowed.hosts.has(host)) {
    return { status: 421, message: "This server does not answer to that name. Use the panel's address (NEXTAUTH_URL)." };
  }
  if (SAFE_METHODS.has(request.method ?? "GET")) return null;
  // The page must be of the very name the request is for: Next refuses a
  // server action whose Origin and Host differ with an error of its own.
  // Without Origin, the Referer's origin stands in for it (an old client,
  // or a proxy that strips Origin): a page elsewhere is refused all the same.
  const origin = request.origin?.toLowerCase() ?? (request.referer === undefined ? undefined : originOf(request.referer));
  if (origin !== undefined && (!allowed.origins.has(origin) || origin.slice(origin.indexOf("//") + 2) !== host)) {
    return { status: 403, message: "Cross-site request refused." };
  }
  if (request.fetchSite !== undefined && !SAME_SITE_FETCHES.has(request.fetchSite)) {
    return { status: 403, message: "Cross-site request refused." };
  }
  return null;
}

// Strict policy: scripts only with this response's nonce (and what they
// load), no plugins, no <base>, never framed.
export function contentSecurityPolicy(nonce: string, https: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

export function securityHeaders(nonce: string, https: boolean): [string, string][] {
  return [
    ["content-security-policy", contentSecurityPolicy(nonce, https)],
    ["cross-origin-opener-policy", "same-origin"],
    ["cross-origin-resource-policy", "same-origin"],
    ...(https ? ([["strict-transport-security", "max-age=63072000; includeSubDomains"]] as [string, string][]) : []),
  ];
}
