import { describe, expect, it } from "vitest";
import { createKey } from "@/lib/keys/create-key";
import { deleteKey } from "@/lib/keys/delete-key";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { countUnread, listNotifications, markAllRead } from "./notifications";

describe("notifications", () => {
  it("tells every member about keys created and deleted, each reading and clearing only their own", async () => {
    const { organization, actors } = await createOrganizationWithAllRoles();
    const other = await createOrganizationWithAllRoles();
    const { key } = await createKey({ actor: actors.ADMIN, input: { name: "Nightly eval", environment: "STAGING", permission: "FULL", expiresInDays: "30" } });
    await deleteKey({ actor: actors.SECURITY, input: { keyId: key.id } });
    for (const role of ["OWNER", "ADMIN", "SECURITY", "MEMBER"] as const) {
      const titles = (await listNotifications(actors[role].userId, organization.id)).map((n) => n.title);
      expect(titles).toEqual(["Key “Nightly eval” deleted", "Key “Nightly eval” created"]);
    }
    expect(await countUnread(other.actors.OWNER.userId, other.organization.id)).toBe(0);
    expect(await listNotifications(actors.MEMBER.userId, other.organization.id)).toEqual([]);

    expect(await markAllRead(actors.MEMBER.userId, organization.id)).toBe(2);
    expect(await countUnread(actors.MEMBER.userId, organization.id)).toBe(0);
    expect(await countUnread(actors.OWNER.userId, organization.id)).toBe(2);
  });
});
