import fc from "fast-check";
import { EXPIRY_CHOICES, MAX_RATE_LIMIT_PER_MINUTE } from "@/lib/keys/key-input";
import { ACTIONS, ENVIRONMENTS, PERMISSION_LEVELS, SCOPES } from "@/lib/keys/key-model";
import { ASSIGNABLE_ROLES } from "@/lib/members/add-member-input";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";
import { fieldsOf, hostileString } from "./fuzz";
import { emailLike, nameLike, passwordLike } from "./fuzz-schema";

// Inputs of the domain's forms, built from their real field names, shared by
// the schemas' unit fuzz and the domain functions' integration fuzz.

const restrictedActions = fc.dictionary(
  fc.oneof(fc.constantFrom(...SCOPES), hostileString),
  fc.array(fc.oneof(fc.constantFrom(...ACTIONS), hostileString), { maxLength: 4 }),
  { maxKeys: 4 },
);
const rateLimit = fc.oneof(
  fc.integer({ min: -5, max: MAX_RATE_LIMIT_PER_MINUTE + 5 }),
  fc.nat().map(String),
  fc.constantFrom("", " 12 ", "1e3", "0x10", null, 1.5),
);

// Optional one-line text: mostly what a form sends (nothing, blank, a
// label), sometimes too long, multi-line or odd.
const optionalLine = (max: number) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.oneof(fc.constantFrom("", "   ", null, undefined, "__proto__", "constructor"), fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,40}$/)),
    },
    fc.constantFrom("line one\nline two", "tab\there"),
    nameLike,
    fc.string({ minLength: max - 5, maxLength: max + 5 }),
  );
export const teamLike = optionalLine(50);
export const descriptionLike = optionalLine(500);

export const createKeyFields = (name: fc.Arbitrary<unknown> = nameLike) =>
  fieldsOf({
    name,
    environment: fc.constantFrom(...ENVIRONMENTS),
    scopes: fc.oneof(fc.constant([...SCOPES]), fc.array(fc.constantFrom(...SCOPES), { maxLength: 4 })),
    permission: fc.constantFrom(...PERMISSION_LEVELS),
    restrictedActions,
    expiresInDays: fc.constantFrom(...EXPIRY_CHOICES),
    rateLimitPerMinute: rateLimit,
  });

// A password among the fields is ignored: members choose their own.
export const addMemberFields = fieldsOf({ name: nameLike, email: emailLike, role: fc.constantFrom(...ASSIGNABLE_ROLES, "GOD"), password: passwordLike });
export const setupFields = fieldsOf({ organizationName: nameLike, name: nameLike, email: emailLike, password: passwordLike });
export const signInFields = fieldsOf({ email: emailLike, password: passwordLike });

const note = fc.oneof(fc.string({ maxLength: 510 }), fc.string({ unit: "binary", maxLength: 510 }), fc.constantFrom("line one\nline two", "tab\there"));
export const replaceStepFields = fc.oneof(fieldsOf({ name: nameLike }), fieldsOf({ skipReason: note }), fieldsOf({ name: nameLike, skipReason: note }));
export const updateAppsFields = fieldsOf({
  entries: fc.array(
    fieldsOf({
      ipAddress: fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 70 })),
      userAgent: fc.option(fc.string({ maxLength: 510 })),
      updated: fc.boolean(),
      note,
    }),
    { maxLength: 5 },
  ),
});
const dateLike = fc.oneof(
  fc.date({ noInvalidDate: false }),
  fc.date().map((d) => d.toISOString()),
  fc.integer(),
  fc.constantFrom("2026-01-01", "yesterday", "", "0000-01-01", "+275760-09-13T00:00:00.000Z"),
);
// Whole days as the wizard sends them, and whatever else arrives.
const realDay = fc.date({ noInvalidDate: true, min: new Date("2000-01-01"), max: new Date("2100-01-01") }).map((date) => date.toISOString().slice(0, 10));
const dayLike = fc.oneof({ arbitrary: realDay, weight: 6 }, fc.constantFrom("2026-02-30", "2026-13-01", "0000-00-00", "2026-1-1"), dateLike);
export const reviewFields = fieldsOf({
  from: dayLike,
  to: dayLike,
  suspicious: fc.oneof({ arbitrary: fc.nat({ max: 2_000_000 }), weight: 4 }, fc.integer(), fc.double()),
});
export const notifyFields = fieldsOf({ message: fc.oneof(note, fc.string({ minLength: 1900, maxLength: 2100 })) });

export const webhookUrlFields = fieldsOf({
  url: fc.oneof(
    fc.webUrl({ withQueryParameters: true, withFragments: true }),
    fc.webUrl().map((url) => `${url}/${"x".repeat(2_000)}`),
    hostileString.map((text) => `https://example.com/${text}`),
    fc.constantFrom(
      "http://127.0.0.1/",
      "http://[::1]/",
      "http://169.254.169.254/",
      "ftp://example.com/",
      "javascript:alert(1)",
      "http://0x7f.1/",
      "http://example.com:99999/",
    ),
  ),
});
export const webhookEventsFields = fieldsOf({ events: fc.array(fc.constantFrom(...WEBHOOK_EVENTS, "key.exploded", "__proto__"), { maxLength: 8 }) });

// The URL's search parameters as a page receives them.
export const searchParams = (names: readonly string[], values: fc.Arbitrary<string>) =>
  fc.dictionary(
    fc.oneof(fc.constantFrom(...names), hostileString),
    fc.option(fc.oneof(values, hostileString, fc.array(fc.oneof(values, hostileString), { maxLength: 3 })), { nil: undefined }),
    { maxKeys: 8 },
  );
