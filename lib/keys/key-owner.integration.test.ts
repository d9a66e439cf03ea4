import { describe, expect, it } from "vitest";
import { toActionError } from "@/lib/action-result";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { replaceStep, revokeStep } from "@/lib/incidents/incident-step-actions";
import { openIncident } from "@/lib/incidents/open-incident";
import { removeMember } from "@/lib/members/change-member";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { snapshotOrganization } from "@/lib/testing/organization-snapshot";
import { createKey } from "./create-key";
import { deleteKey } from "./delete-key";
import { getKeyWithHistory } from "./get-key";
import { listKeys } from "./list-keys";
import { parseListKeysQuery } from "./list-keys-query";
import { rotateKey } from "./rotate-key";
import { updateKeyDetails } from "./update-key-details";

type World = Awaited<ReturnType<typeof createOrganizationWithAllRoles>>;

const input = (name: string, extra: Record<string, unknown> = {}) => ({ name, environment: "PRODUCTION", permission: "FULL", expiresInDays: "90", ...extra });
const refusal = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (error: unknown) => toActionError(error),
  );
const keyRow = (id: string) => db().secretKey.findUniqueOrThrow({ where: { id }, select: { ownerId: true, team: true, description: true } });
const membershipOf = (world: World, actor: Actor) =>
  db().membership.findFirstOrThrow({ where: { organizationId: world.organization.id, userId: actor.userId } });

describe("creating a key", () => {
  it("makes its creator the owner by default and records owner, team and description", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: actors.ADMIN, input: input("Default owner", { team: "  Data platform ", description: "Nightly export" }) });
    expect(key).toMatchObject({
      ownerId: actors.ADMIN.userId,
      ownerName: "ADMIN user",
      ownerActive: true,
      team: "Data platform",
      description: "Nightly export",
    });
    const event = await db().auditEvent.findFirstOrThrow({ where: { keyId: key.id, action: "key.created" } });
    expect(event.details).toMatchObject({ owner: `ADMIN user <${actors.ADMIN.label.split("<")[1]}`, ownerId: actors.ADMIN.userId, team: "Data platform" });
    const { key: plain } = await createKey({ actor: actors.ADMIN, input: input("No details", { team: "", description: "   " }) });
    expect(await keyRow(plain.id)).toEqual({ ownerId: actors.ADMIN.userId, team: null, description: null });
  });

  it("lets the creator choose another member as owner, who is told the key is theirs (and gets nothing twice)", async () => {
    const { organization, actors, members } = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: actors.OWNER, input: input("For the member", { ownerId: actors.MEMBER.userId }) });
    expect(await keyRow(key.id)).toMatchObject({ ownerId: actors.MEMBER.userId });
    const notifications = await db().notification.findMany({ where: { organizationId: organization.id }, select: { userId: true, title: true } });
    expect(notifications).toHaveLength(members.length);
    expect(notifications.find((n) => n.userId === actors.MEMBER.userId)?.title).toBe("You own the new key “For the member”");
    expect(notifications.find((n) => n.userId === actors.SECURITY.userId)?.title).toBe("Key “For the member” created");
  });

  it("refuses an owner from another organization, a former member or a made-up id, and changes nothing", async () => {
    const mine = await createOrganizationWithAllRoles();
    const theirs = await createOrganizationWithAllRoles();
    const former = mine.members.find((m) => m.role === "MEMBER")!;
    await removeMember({ actor: mine.actors.OWNER, input: { membershipId: former.membershipId } });
    const before = [await snapshotOrganization(mine.organization.id), await snapshotOrganization(theirs.organization.id)];
    for (const ownerId of [theirs.actors.OWNER.userId, former.userId, "cmadeupuser00000000000000", "__proto__", "constructor"]) {
      const error = await refusal(createKey({ actor: mine.actors.OWNER, input: input("Forged owner", { ownerId }) }));
      expect(error, ownerId).toMatchObject({ code: "INVALID_INPUT", fieldErrors: { ownerId: ["Choose a current member of your organization as the owner."] } });
    }
    for (const ownerId of ["", "x".repeat(65), "a\u0000b", "b\ud800", 42, { id: mine.actors.ADMIN.userId }]) {
      expect(await refusal(createKey({ actor: mine.actors.OWNER, input: input("Odd owner", { ownerId }) })), String(ownerId)).toMatchObject({
        code: "INVALID_INPUT",
      });
    }
    expect([await snapshotOrganization(mine.organization.id), await snapshotOrganization(theirs.organization.id)]).toEqual(before);
  });

  it("refuses team and description that are too long or span lines, without cutting them", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const cases = [
      { team: "t".repeat(51) },
      { description: "d".repeat(501) },
      { team: "ops\nrm -rf" },
      { description: "line one\r\nline two" },
      { description: "bell\u0007" },
      { team: "x\u0000" },
      { team: ["ops"] },
    ];
    for (const extra of cases) {
      const error = await refusal(createKey({ actor: actors.OWNER, input: input("Long details", extra) }));
      expect(error, JSON.stringify(extra)).toMatchObject({ code: "INVALID_INPUT" });
      expect(Object.keys(error!.fieldErrors ?? {})).toEqual(Object.keys(extra));
    }
    expect(await db().secretKey.count({ where: { organizationId: organization.id } })).toBe(0);
    const { key } = await createKey({ actor: actors.OWNER, input: input("At the limit", { team: "t".repeat(50), description: "d".repeat(500) }) });
    expect((await keyRow(key.id)).description).toHaveLength(500);
  });

  it.each(["SECURITY", "MEMBER"] as const)("refuses %s, even for a key they would own", async (role) => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const error = await refusal(createKey({ actor: actors[role], input: input("Not allowed", { ownerId: actors[role].userId }) }));
    expect(error?.code).toBe("FORBIDDEN");
    expect(await db().secretKey.count({ where: { organizationId: organization.id } })).toBe(0);
  });
});

describe("changing a key's owner, team and description", () => {
  it("saves them and records each kind of change with what it was and what it became", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: actors.OWNER, input: input("Handed over", { team: "ML", description: "Old use" }) });
    const change = { keyId: key.id, ownerId: actors.SECURITY.userId, team: "Inference", description: "Serving gateway" };
    expect(await updateKeyDetails({ actor: actors.ADMIN, input: change })).toEqual({ changed: true });
    expect(await keyRow(key.id)).toEqual({ ownerId: actors.SECURITY.userId, team: "Inference", description: "Serving gateway" });
    const events = await db().auditEvent.findMany({ where: { keyId: key.id, action: { in: ["key.owner_changed", "key.details_changed"] } } });
    const email = (actor: Actor) => actor.label.split(" <")[1].slice(0, -1);
    expect(events.find((e) => e.action === "key.owner_changed")?.details).toEqual({
      from: `OWNER user <${email(actors.OWNER)}>`,
      to: `SECURITY user <${email(actors.SECURITY)}>`,
      fromUserId: actors.OWNER.userId,
      toUserId: actors.SECURITY.userId,
    });
    expect(events.find((e) => e.action === "key.details_changed")?.details).toEqual({
      team: { from: "ML", to: "Inference" },
      description: { from: "Old use", to: "Serving gateway" },
    });
    expect(await db().notification.findFirst({ where: { userId: actors.SECURITY.userId, title: "You now own the key “Handed over”" } })).not.toBeNull();

    // The same again changes and records nothing; clearing the team is one change.
    expect(await updateKeyDetails({ actor: actors.ADMIN, input: change })).toEqual({ changed: false });
    await updateKeyDetails({ actor: actors.ADMIN, input: { ...change, team: "" } });
    expect(await keyRow(key.id)).toMatchObject({ team: null });
    expect(await db().auditEvent.count({ where: { keyId: key.id, action: { in: ["key.owner_changed", "key.details_changed"] } } })).toBe(3);
    const page = await getKeyWithHistory(actors.OWNER.organizationId, key.id);
    expect(page?.key).toMatchObject({ ownerName: "SECURITY user", ownerActive: true, team: null, description: "Serving gateway" });
  });

  it.each(["SECURITY", "MEMBER"] as const)("refuses %s and changes nothing", async (role) => {
    const world = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: world.actors.OWNER, input: input("Guarded") });
    const before = await snapshotOrganization(world.organization.id);
    const error = await refusal(updateKeyDetails({ actor: world.actors[role], input: { keyId: key.id, ownerId: world.actors[role].userId, team: "mine" } }));
    expect(error?.code).toBe("FORBIDDEN");
    expect(await snapshotOrganization(world.organization.id)).toEqual(before);
  });

  it("refuses another organization's key, an owner from elsewhere and a deleted key, changing nothing", async () => {
    const mine = await createOrganizationWithAllRoles();
    const theirs = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: mine.actors.OWNER, input: input("Mine") });
    const { key: deleted } = await createKey({ actor: mine.actors.OWNER, input: input("Gone") });
    await deleteKey({ actor: mine.actors.OWNER, input: { keyId: deleted.id } });
    const before = [await snapshotOrganization(mine.organization.id), await snapshotOrganization(theirs.organization.id)];
    // A stranger naming this organization's key, with a member of either organization as owner.
    for (const ownerId of [theirs.actors.ADMIN.userId, mine.actors.ADMIN.userId]) {
      expect(await refusal(updateKeyDetails({ actor: theirs.actors.OWNER, input: { keyId: key.id, ownerId } }))).toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await refusal(updateKeyDetails({ actor: mine.actors.OWNER, input: { keyId: key.id, ownerId: theirs.actors.ADMIN.userId } }))).toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { ownerId: expect.any(Array) },
    });
    expect(await refusal(updateKeyDetails({ actor: mine.actors.OWNER, input: { keyId: deleted.id, ownerId: mine.actors.ADMIN.userId } }))).toMatchObject({
      code: "NOT_FOUND",
    });
    for (const bad of [{ keyId: key.id }, { keyId: key.id, ownerId: "__proto__" }, { keyId: "\u0000", ownerId: mine.actors.ADMIN.userId }, null, "x"]) {
      expect((await refusal(updateKeyDetails({ actor: mine.actors.OWNER, input: bad })))?.code, JSON.stringify(bad)).toBe("INVALID_INPUT");
    }
    expect([await snapshotOrganization(mine.organization.id), await snapshotOrganization(theirs.organization.id)]).toEqual(before);
  });
});

describe("a key's successors", () => {
  it("inherit owner, team and description through rotation and the compromise wizard's replacement", async () => {
    const { actors } = await createOrganizationWithAllRoles();
    const details = { ownerId: actors.MEMBER.userId, team: "Labeling", description: "Annotation tool sync" };
    const { key } = await createKey({ actor: actors.ADMIN, input: input("Inherited", details) });
    const rotated = await rotateKey({ actor: actors.OWNER, input: { keyId: key.id, grace: "1h" } });
    expect(await keyRow(rotated.key.id)).toEqual(details);

    // A security lead, who may not create keys, replaces it in the wizard: the replacement is still the member's.
    const { incidentId } = await openIncident({ actor: actors.SECURITY, keyId: rotated.key.id });
    await revokeStep({ actor: actors.SECURITY, incidentId });
    const replaced = await replaceStep({ actor: actors.SECURITY, incidentId, input: { name: "Inherited replacement" } });
    if (replaced.alreadyDone || !replaced.result) throw new Error("no replacement");
    expect(await keyRow(replaced.result.key.id)).toEqual(details);
  });

  it("go to whoever makes them when the predecessor's owner is no longer a member", async () => {
    const world = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: world.actors.OWNER, input: input("Orphaned", { ownerId: world.actors.MEMBER.userId }) });
    // Keys from before owners existed kept a creator who had left as their owner.
    await db().membership.delete({ where: { id: (await membershipOf(world, world.actors.MEMBER)).id } });
    await db().secretKey.update({ where: { id: key.id }, data: { ownerId: world.actors.MEMBER.userId } });
    const rotated = await rotateKey({ actor: world.actors.ADMIN, input: { keyId: key.id, grace: "now" } });
    expect(await keyRow(rotated.key.id)).toMatchObject({ ownerId: world.actors.ADMIN.userId });
  });
});

describe("the keys table's owner filter and grouping", () => {
  it("finds a member's keys, the viewer's own, and those without an active owner; groups them by owner", async () => {
    const world = await createOrganizationWithAllRoles();
    const { actors } = world;
    const make = (name: string, ownerId: string) => createKey({ actor: actors.OWNER, input: input(name, { ownerId }) });
    await make("Admin one", actors.ADMIN.userId);
    await make("Admin two", actors.ADMIN.userId);
    await make("Owner one", actors.OWNER.userId);
    const { key: leaving } = await make("Security one", actors.SECURITY.userId);
    const { key: gone } = await make("Member one", actors.MEMBER.userId);
    // A membership deleted outside the app (the database trigger) leaves the key ownerless...
    await db().membership.delete({ where: { id: (await membershipOf(world, actors.MEMBER)).id } });
    expect(await keyRow(gone.id)).toMatchObject({ ownerId: null });
    // ...and one kept from before owners existed names a creator who left.
    await db().membership.delete({ where: { id: (await membershipOf(world, actors.SECURITY)).id } });
    await db().secretKey.update({ where: { id: leaving.id }, data: { ownerId: actors.SECURITY.userId } });

    const names = async (params: Record<string, string>, viewer = actors.OWNER) =>
      (await listKeys(viewer.organizationId, parseListKeysQuery({ sort: "name", dir: "asc", ...params }), new Date(), { viewerId: viewer.userId })).rows.map(
        (row) => row.name,
      );
    expect(await names({ owner: actors.ADMIN.userId })).toEqual(["Admin one", "Admin two"]);
    expect(await names({ owner: "me" })).toEqual(["Owner one"]);
    expect(await names({ owner: "me" }, actors.ADMIN)).toEqual(["Admin one", "Admin two"]);
    expect(await names({ owner: "none" })).toEqual(["Member one", "Security one"]);
    expect(await names({ owner: "constructor" })).toEqual([]);
    // Another organization's member id finds none of this organization's keys.
    const stranger = await createOrganizationWithAllRoles();
    await createKey({ actor: stranger.actors.OWNER, input: input("Stranger's") });
    expect(await names({ owner: stranger.actors.OWNER.userId })).toEqual([]);

    const grouped = await listKeys(actors.OWNER.organizationId, parseListKeysQuery({ group: "owner", sort: "name", dir: "desc", pageSize: "10" }));
    expect(grouped.rows.map((row) => [row.ownerActive ? row.ownerName : "none", row.name])).toEqual([
      ["ADMIN user", "Admin two"],
      ["ADMIN user", "Admin one"],
      ["OWNER user", "Owner one"],
      ["none", "Security one"],
      ["none", "Member one"],
    ]);
    expect(grouped.rows[3]).toMatchObject({ ownerName: "SECURITY user", ownerActive: false });
    expect(Object.fromEntries(grouped.groups.map((g) => [g.group, g.count]))).toEqual({ [actors.ADMIN.userId]: 2, [actors.OWNER.userId]: 1, none: 2 });
    // Sorting by owner puts the same people together (no owner first, going up), former owners by their name.
    expect(await names({ sort: "owner" })).toEqual(["Member one", "Admin one", "Admin two", "Owner one", "Security one"]);
  });
});
