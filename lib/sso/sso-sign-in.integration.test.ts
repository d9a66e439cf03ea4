import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as NextServer from "next/server";
import type { NextRequest } from "next/server";
import type * as NextAuthJwt from "next-auth/jwt";
import type * as ResolveMember from "@/lib/auth/resolve-member";
import type * as DbClient from "@/lib/db/client";
import type * as MemberChanges from "@/lib/members/change-member";
import type * as Fixtures from "@/lib/testing/fixtures";
import type { TestIdp } from "@/lib/testing/oidc-test-provider";
import type * as SetSsoJoin from "./set-sso-join";
import type * as SignInWithSso from "./sign-in-with-sso";
import type * as SetSsoRequired from "./set-sso-required";

// Single sign-on end to end, without a browser: a real OpenID Connect
// provider (oidc-provider) on loopback, its login page driven over HTTP, and
// the app's own next-auth route handler (app/api/auth/[...nextauth]/route.ts)
// called with each request a browser would send, its cookies kept between
// requests. next-auth fetches discovery, the token endpoint and the keys
// from the provider itself.

const PANEL = "http://localhost:3999";
// The request a route handler sees through next/headers: this browser's
// cookies, and the headers our HTTP server stamps (lib/runtime/http-server.ts).
const jar = vi.hoisted(() => ({
  current: new Map<string, string>(),
  cookies: async () => ({
    getAll: () => [...jar.current].map(([name, value]) => ({ name, value })),
    get: (name: string) => (jar.current.has(name) ? { name, value: jar.current.get(name)! } : undefined),
  }),
  headers: async () => new Headers({ "x-secret-keys-client-address": "203.0.113.80", "user-agent": "sso integration test", host: "localhost:3999" }),
}));
vi.mock("next/headers", () => ({ cookies: jar.cookies, headers: jar.headers }));
// next-auth's route handler require()s next/headers itself, past vi.mock.
const nextHeaders = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
const realNextHeaders = { ...nextHeaders };
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
// A failed password sign-in records its audit event after the response (next/server's after()).
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof NextServer>()),
  after: (task: () => unknown) => void Promise.resolve().then(task),
}));

type Route = (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
let idp: TestIdp;
let route: { GET: Route; POST: Route };
let NextRequestClass: typeof NextRequest;
// Imported once the provider runs and OIDC_* point at it: the app reads them when it loads.
let app: {
  db: typeof DbClient.db;
  fixtures: typeof Fixtures;
  decode: typeof NextAuthJwt.decode;
  resolveMember: typeof ResolveMember.resolveMember;
  setSsoJoin: typeof SetSsoJoin.setSsoJoin;
  signInWithSso: typeof SignInWithSso.signInWithSso;
  setSsoRequired: typeof SetSsoRequired.setSsoRequired;
  removeMember: typeof MemberChanges.removeMember;
  changeMemberRole: typeof MemberChanges.changeMemberRole;
  SESSION_COOKIE: string;
};
// The installation's organization (the first one), which strangers may join.
let home: Awaited<ReturnType<typeof Fixtures.createOrganization>>;

// Values as a server reads them: the panel's decoded (as next/headers gives
// them), the provider's as sent back.
function storeCookies(cookies: Map<string, string>, response: Response, decode = false) {
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(";").map((part) => part.trim());
    const name = pair.slice(0, pair.indexOf("="));
    const value = pair.slice(pair.indexOf("=") + 1);
    const expired = attributes.some((a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)) < new Date()));
    if (expired || value === "") cookies.delete(name);
    else cookies.set(name, decode ? decodeURIComponent(value) : value);
  }
}

// One browser: its cookies for the panel and for the provider.
class Browser {
  panelCookies = new Map<string, string>();
  idpCookies = new Map<string, string>();

  async panel(method: "GET" | "POST", path: string, body?: Record<string, string>): Promise<Response> {
    jar.current = this.panelCookies;
    const url = new URL(path, PANEL);
    const init = body ? { method, body: new URLSearchParams(body).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } } : { method };
    const nextauth = url.pathname.replace(/^\/api\/auth\//, "").split("/");
    const response = await route[method](new NextRequestClass(url, init), { params: Promise.resolve({ nextauth }) });
    storeCookies(this.panelCookies, response, true);
    return response;
  }

  // "Sign in with SSO": the provider's authorization URL, as next-auth/react gets it.
  async startSso(): Promise<string> {
    const { csrfToken } = (await (await this.panel("GET", "/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.panel("POST", "/api/auth/signin/oidc", { csrfToken, callbackUrl: `${PANEL}/settings/secret-keys`, json: "true" });
    const { url } = (await response.json()) as { url: string };
    expect(url.startsWith(`${idp.issuer}/`), url).toBe(true);
    return url;
  }

  // The provider's login and consent pages, submitted as a person would;
  // returns the callback URL the provider sends the browser back to.
  async loginAtIdp(authorizationUrl: string, login: string): Promise<string> {
    let url = authorizationUrl;
    for (let step = 0; step < 12; step++) {
      if (url.startsWith(PANEL)) return url;
      const cookie = [...this.idpCookies].map(([n, v]) => `${n}=${v}`).join("; ");
      let response = await fetch(url, { redirect: "manual", headers: { cookie } });
      storeCookies(this.idpCookies, response);
      if (response.status === 200) {
        const html = await response.text();
        const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
        const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
        if (!prompt || !action) throw new Error(`Unexpected provider page: ${html.slice(0, 300)}`);
        const form: Record<string, string> = prompt === "login" ? { prompt, login, password: "anything" } : { prompt };
        const cookieNow = [...this.idpCookies].map(([n, v]) => `${n}=${v}`).join("; ");
        response = await fetch(new URL(action.replace(/&amp;/g, "&"), url), {
          method: "POST",
          redirect: "manual",
          body: new URLSearchParams(form),
          headers: { cookie: cookieNow, "content-type": "application/x-www-form-urlencoded" },
        });
        storeCookies(this.idpCookies, response);
      }
      const location = response.headers.get("location");
      if (!location) throw new Error(`The provider answered ${response.status} without a redirect: ${(await response.text()).slice(0, 300)}`);
      url = new URL(location, url).href;
    }
    throw new Error("Too many redirects at the provider.");
  }

  // The provider's redirect back, handled by next-auth.
  async callback(callbackUrl: string): Promise<{ location: string; sessionId: string | null }> {
    const url = new URL(callbackUrl);
    const response = await this.panel("GET", url.pathname + url.search);
    const location = response.headers.get("location") ?? "";
    const token = this.panelCookies.get(app.SESSION_COOKIE);
    const payload = token ? await app.decode({ token, secret: process.env.NEXTAUTH_SECRET! }) : null;
    return { location, sessionId: typeof payload?.sid === "string" ? payload.sid : null };
  }

  async signInWithSso(login: string) {
    return this.callback(await this.loginAtIdp(await this.startSso(), login));
  }

  // The password form (next-auth's credentials callback).
  async signInWithPassword(email: string, password: string): Promise<{ ok: boolean; error: string | null }> {
    const { csrfToken } = (await (await this.panel("GET", "/api/auth/csrf")).json()) as { csrfToken: string };
    const response = await this.panel("POST", "/api/auth/callback/credentials", { csrfToken, email, password, json: "true", callbackUrl: PANEL });
    const { url } = (await response.json()) as { url: string };
    const error = new URL(url).searchParams.get("error");
    return { ok: response.ok && !error, error };
  }
}

const counts = async () => ({ users: await app.db().user.count(), sessions: await app.db().authSession.count() });

beforeAll(async () => {
  Object.assign(nextHeaders, { cookies: jar.cookies, headers: jar.headers });
  const { useFreshDatabase } = await import("@/lib/testing/fresh-database");
  await useFreshDatabase();
  const { startTestIdp } = await import("@/lib/testing/oidc-test-provider");
  idp = await startTestIdp({ redirectUri: `${PANEL}/api/auth/callback/oidc` });
  Object.assign(process.env, { NEXTAUTH_URL: PANEL, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: idp.client.id, OIDC_CLIENT_SECRET: idp.client.secret });
  delete process.env.OIDC_DEFAULT_ROLE;
  vi.resetModules();
  route = (await import("@/app/api/auth/[...nextauth]/route")) as unknown as typeof route;
  NextRequestClass = (await import("next/server")).NextRequest;
  const members = await import("@/lib/members/change-member");
  app = {
    db: (await import("@/lib/db/client")).db,
    fixtures: await import("@/lib/testing/fixtures"),
    decode: (await import("next-auth/jwt")).decode,
    resolveMember: (await import("@/lib/auth/resolve-member")).resolveMember,
    setSsoJoin: (await import("./set-sso-join")).setSsoJoin,
    signInWithSso: (await import("./sign-in-with-sso")).signInWithSso,
    setSsoRequired: (await import("./set-sso-required")).setSsoRequired,
    removeMember: members.removeMember,
    changeMemberRole: members.changeMemberRole,
    SESSION_COOKIE: (await import("@/lib/auth/auth-options")).SESSION_COOKIE,
  };
  home = await app.fixtures.createOrganization(["OWNER", "OWNER", "MEMBER"]);
});

afterAll(async () => {
  Object.assign(nextHeaders, realNextHeaders);
  for (const name of ["NEXTAUTH_URL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]) delete process.env[name];
  await idp?.close();
});

const ownerActor = () => app.fixtures.actorFor(home.members[0], home.organization.id);
const joinAllowed = (enabled: boolean) => app.setSsoJoin({ actor: ownerActor(), input: { enabled } });

describe("joining with SSO", () => {
  it("a stranger is refused clearly while joining is off (the default), and nothing is created", async () => {
    const email = app.fixtures.uniqueEmail("stranger");
    const before = await counts();
    const result = await new Browser().signInWithSso(email);
    expect(result).toEqual({ location: "/signin?sso=no-account", sessionId: null });
    expect(await counts()).toEqual(before);
  });

  it("with joining on, a stranger with a verified email joins as a member without a password, signed in and audited", async () => {
    await joinAllowed(true);
    try {
      const email = app.fixtures.uniqueEmail("newcomer");
      const result = await new Browser().signInWithSso(email);
      expect(result.location).toBe(`${PANEL}/settings/secret-keys`);
      const user = await app.db().user.findUniqueOrThrow({ where: { email }, include: { memberships: true, sessions: true } });
      expect(user.passwordHash).toBeNull();
      expect(user.memberships.map((m) => [m.organizationId, m.role])).toEqual([[home.organization.id, "MEMBER"]]);
      expect(user.sessions.map((s) => [s.id, s.signInMethod, s.ipAddress])).toEqual([[result.sessionId, "sso", "203.0.113.80"]]);
      expect(await app.resolveMember(result.sessionId!)).toMatchObject({ userId: user.id, role: "MEMBER", organizationId: home.organization.id });
      const events = await app
        .db()
        .auditEvent.findMany({ where: { organizationId: home.organization.id, actorUserId: user.id }, orderBy: { sequence: "asc" } });
      expect(events.map((e) => [e.action, e.details])).toEqual([
        ["member.joined_sso", { email, name: email.split("@")[0], role: "MEMBER" }],
        ["auth.sign_in", { method: "sso" }],
      ]);
    } finally {
      await joinAllowed(false);
    }
  });

  it("joins with the configured role, and two first sign-ins at once make one account", async () => {
    await joinAllowed(true);
    try {
      const email = app.fixtures.uniqueEmail("twice");
      const claims = { sub: "twice", email, email_verified: true, name: "Twice" };
      const request = { claims, defaultRole: "SECURITY" as const, ipAddress: "203.0.113.81" };
      const [first, second] = await Promise.all([app.signInWithSso(request), app.signInWithSso(request)]);
      expect(first.userId).toBe(second.userId);
      const memberships = await app.db().membership.findMany({ where: { user: { email } }, select: { role: true, organizationId: true } });
      expect(memberships).toEqual([{ role: "SECURITY", organizationId: home.organization.id }]);
      expect(await app.db().auditEvent.count({ where: { organizationId: home.organization.id, action: "member.joined_sso", actorUserId: first.userId } })).toBe(
        1,
      );
    } finally {
      await joinAllowed(false);
    }
  });

  it("a removed member does not come back through SSO, even with joining on", async () => {
    const leaver = await app.fixtures.createMember(home.organization.id, "MEMBER");
    await app.removeMember({ actor: ownerActor(), input: { membershipId: leaver.membershipId } });
    await joinAllowed(true);
    try {
      const before = await counts();
      expect(await new Browser().signInWithSso(leaver.email)).toEqual({ location: "/signin?sso=removed", sessionId: null });
      expect(await counts()).toEqual(before);
    } finally {
      await joinAllowed(false);
    }
  });
});

describe("matching members", () => {
  it("an existing member is matched by verified email, whatever its case at the provider", async () => {
    const { organization, members } = await app.fixtures.createOrganization(["ADMIN"]);
    const [admin] = members;
    const shouted = admin.email.toUpperCase();
    const before = await counts();
    const result = await new Browser().signInWithSso(shouted);
    expect(result.location).toBe(`${PANEL}/settings/secret-keys`);
    expect(await app.resolveMember(result.sessionId!)).toMatchObject({ userId: admin.userId, role: "ADMIN", organizationId: organization.id });
    expect((await counts()).users).toBe(before.users);
    const signIn = await app.db().auditEvent.findFirstOrThrow({ where: { organizationId: organization.id, action: "auth.sign_in" } });
    expect(signIn.details).toEqual({ method: "sso" });
  });

  it("an organization requiring two-factor sign-in does not send an SSO session to enrol (the provider handles it); a password session it does", async () => {
    const { organization, members } = await app.fixtures.createOrganization(["MEMBER"]);
    await app.db().organization.update({ where: { id: organization.id }, data: { requireTwoFactor: true } });
    const result = await new Browser().signInWithSso(members[0].email);
    expect(await app.resolveMember(result.sessionId!)).toMatchObject({ userId: members[0].userId, mustEnrolTwoFactor: false });
    const passwordSession = await app.fixtures.createSessionCookie(members[0].userId);
    expect(await app.resolveMember(passwordSession.sessionId)).toMatchObject({ mustEnrolTwoFactor: true });
  });

  it("an email the provider has not verified is refused, and the account's log says someone tried", async () => {
    const { organization, members } = await app.fixtures.createOrganization(["OWNER"]);
    idp.accounts.set(members[0].email, { email_verified: false });
    const before = await counts();
    expect(await new Browser().signInWithSso(members[0].email)).toEqual({ location: "/signin?sso=unverified", sessionId: null });
    expect(await counts()).toEqual(before);
    const failed = await app.db().auditEvent.findFirstOrThrow({ where: { organizationId: organization.id, action: "auth.sign_in_failed" } });
    expect(failed.details).toEqual({ method: "sso", reason: "email not verified" });
  });
});

describe("requiring SSO", () => {
  it("refuses the password of owners and members but the break-glass owner's, while SSO still signs them in", async () => {
    const { organization, members } = await app.fixtures.createOrganization(["OWNER", "OWNER", "MEMBER"]);
    const [breakGlass, owner, member] = members;
    const actor = app.fixtures.actorFor(owner, organization.id);
    await app.setSsoRequired({ actor, input: { required: true, breakGlassMembershipId: breakGlass.membershipId } });
    const password = app.fixtures.TEST_PASSWORD;
    for (const refused of [owner, member]) {
      expect(await new Browser().signInWithPassword(refused.email, password)).toEqual({ ok: false, error: expect.stringMatching(/single sign-on/) });
    }
    // A wrong password still reads as a wrong password (nothing about SSO).
    expect((await new Browser().signInWithPassword(owner.email, "not the password")).error).toBe("That email and password do not match an account.");
    expect(await new Browser().signInWithPassword(breakGlass.email, password)).toEqual({ ok: true, error: null });
    expect((await new Browser().signInWithSso(owner.email)).location).toBe(`${PANEL}/settings/secret-keys`);

    // The break glass stays an owner and a member while SSO is required...
    const demote = app.changeMemberRole({ actor, input: { membershipId: breakGlass.membershipId, role: "ADMIN" } });
    await expect(demote).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/break-glass/) });
    await expect(app.removeMember({ actor, input: { membershipId: breakGlass.membershipId } })).rejects.toMatchObject({ code: "CONFLICT" });
    // ...until another owner takes it over; then the former one's password is refused too.
    await app.setSsoRequired({ actor, input: { required: true, breakGlassMembershipId: owner.membershipId } });
    await app.changeMemberRole({ actor, input: { membershipId: breakGlass.membershipId, role: "ADMIN" } });
    expect((await new Browser().signInWithPassword(breakGlass.email, password)).ok).toBe(false);
    expect((await new Browser().signInWithPassword(owner.email, password)).ok).toBe(true);

    // Off again: everyone's password works.
    await app.setSsoRequired({ actor, input: { required: false } });
    expect((await new Browser().signInWithPassword(member.email, password)).ok).toBe(true);
    const actions = await app
      .db()
      .auditEvent.findMany({ where: { organizationId: organization.id, action: { startsWith: "organization.sso" } }, orderBy: { sequence: "asc" } });
    expect(actions.map((e) => [e.action, e.details])).toEqual([
      ["organization.sso_required_enabled", { breakGlass: breakGlass.email }],
      ["organization.sso_break_glass_changed", { from: breakGlass.email, to: owner.email }],
      ["organization.sso_required_disabled", null],
    ]);
  });

  it("turning it on needs SSO configured and an owner of this organization as the break glass; bad input changes nothing", async () => {
    const { organization, members } = await app.fixtures.createOrganization(["OWNER", "MEMBER"]);
    const elsewhere = await app.fixtures.createOrganization(["OWNER"]);
    const actor = app.fixtures.actorFor(members[0], organization.id);
    const policy = () => app.db().ssoPolicy.findUnique({ where: { organizationId: organization.id } });
    const set = (input: unknown) => app.setSsoRequired({ actor, input });
    const cases: [unknown, string][] = [
      [{ required: true }, "INVALID_INPUT"],
      [{ required: true, breakGlassMembershipId: members[1].membershipId }, "INVALID_INPUT"],
      [{ required: true, breakGlassMembershipId: elsewhere.members[0].membershipId }, "NOT_FOUND"],
      [{ required: true, breakGlassMembershipId: "__proto__" }, "NOT_FOUND"],
      [{ required: "yes", breakGlassMembershipId: members[0].membershipId }, "ZodError"],
      [{ ["__proto__"]: { required: true }, breakGlassMembershipId: members[0].membershipId }, "ZodError"],
    ];
    for (const [input, code] of cases) {
      const error = await set(input).catch((e: { code?: string; name: string }) => e.code ?? e.name);
      expect(error, JSON.stringify(input)).toBe(code);
    }
    expect((await policy())?.required ?? false).toBe(false);
    const secret = process.env.OIDC_CLIENT_SECRET;
    delete process.env.OIDC_CLIENT_SECRET;
    try {
      await expect(set({ required: true, breakGlassMembershipId: members[0].membershipId })).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      process.env.OIDC_CLIENT_SECRET = secret;
    }
    expect((await policy())?.required ?? false).toBe(false);
    // A member cannot change any of it.
    const memberActor = app.fixtures.actorFor(members[1], organization.id);
    await expect(app.setSsoRequired({ actor: memberActor, input: { required: true, breakGlassMembershipId: members[0].membershipId } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(app.setSsoJoin({ actor: memberActor, input: { enabled: true } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await policy()).toBeNull();
  });
});

describe("attacks on the callback", () => {
  it("a code delivered to a browser whose state does not match (login CSRF) is refused", async () => {
    const victim = new Browser();
    const attacker = new Browser();
    await victim.startSso();
    const attackersCallback = await attacker.loginAtIdp(await attacker.startSso(), (await app.fixtures.createOrganization(["OWNER"])).members[0].email);
    const before = await counts();
    const result = await victim.callback(attackersCallback);
    expect(result.sessionId).toBeNull();
    expect(result.location).toBe(`${PANEL}/api/auth/error?error=OAuthCallback`);
    expect(await counts()).toEqual(before);
  });

  it("a replayed callback (same code, same cookies) does not make a second session", async () => {
    const { members } = await app.fixtures.createOrganization(["OWNER"]);
    const browser = new Browser();
    const callbackUrl = await browser.loginAtIdp(await browser.startSso(), members[0].email);
    const cookiesBefore = new Map(browser.panelCookies);
    expect((await browser.callback(callbackUrl)).sessionId).not.toBeNull();
    const before = await counts();
    const replay = new Browser();
    replay.panelCookies = cookiesBefore;
    const result = await replay.callback(callbackUrl);
    expect(result.sessionId).toBeNull();
    expect(result.location).toBe(`${PANEL}/api/auth/error?error=OAuthCallback`);
    expect(await counts()).toEqual(before);
  });

  it("a code the provider issued to another client is refused", async () => {
    const { members } = await app.fixtures.createOrganization(["OWNER"]);
    const browser = new Browser();
    const ours = new URL(await browser.startSso());
    ours.searchParams.set("client_id", idp.otherClient.id);
    const callbackUrl = await browser.loginAtIdp(ours.href, members[0].email);
    const before = await counts();
    const result = await browser.callback(callbackUrl);
    expect(result.sessionId).toBeNull();
    expect(result.location).toBe(`${PANEL}/api/auth/error?error=OAuthCallback`);
    expect(await counts()).toEqual(before);
  });

  it("__proto__ as the email is no email; as a name it is only a name", async () => {
    idp.accounts.set("__proto__", { email: "__proto__" });
    const before = await counts();
    expect(await new Browser().signInWithSso("__proto__")).toEqual({ location: "/signin?sso=no-email", sessionId: null });
    expect(await counts()).toEqual(before);
    await joinAllowed(true);
    try {
      const email = app.fixtures.uniqueEmail("proto");
      idp.accounts.set(email, { name: "__proto__" });
      const result = await new Browser().signInWithSso(email);
      expect(result.sessionId).not.toBeNull();
      expect(await app.db().user.findUniqueOrThrow({ where: { email }, select: { name: true } })).toEqual({ name: "__proto__" });
    } finally {
      await joinAllowed(false);
    }
  });

  it("no secret reaches a URL the browser sees or the log", async () => {
    const errors: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(" ")));
    try {
      const browser = new Browser();
      const authorizationUrl = await browser.startSso();
      const callbackUrl = await browser.loginAtIdp(authorizationUrl, (await app.fixtures.createOrganization(["OWNER"])).members[0].email);
      const tampered = new URL(callbackUrl);
      tampered.searchParams.set("code", "forged-code");
      const result = await browser.callback(tampered.href);
      expect(result.sessionId).toBeNull();
      for (const text of [authorizationUrl, result.location, ...errors]) expect(text).not.toContain(idp.client.secret);
      expect(errors.join("\n")).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    } finally {
      spy.mockRestore();
    }
  });
});
