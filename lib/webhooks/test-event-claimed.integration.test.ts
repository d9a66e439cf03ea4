import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganizationWithAllRoles } from "@/lib/testing/fixtures";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { waitForLockWaiters } from "@/lib/testing/lock-waits";
import { processDueWebhooks } from "./deliver-webhooks";

beforeAll(async () => {
  await useFreshDatabase();
});

describe("an owner's test event the worker claimed first", () => {
  it("waits for the worker's attempt and reports it, without sending again", async () => {
    const { organization } = await createOrganizationWithAllRoles();
    const delivery = await db().webhookDelivery.create({ data: { organizationId: organization.id, event: "webhook.test", payload: {} } });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    // The worker: holds the delivery while it attempts it.
    const worker = db().$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT 1 FROM "WebhookDelivery" WHERE "id" = ${delivery.id} FOR UPDATE`;
        await finished;
        await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { attempts: 1, lastError: "could not connect" } });
      },
      { timeout: 30_000 },
    );
    const sendNow = processDueWebhooks(1, delivery.id);
    await waitForLockWaiters(1);
    finish();
    await worker;
    expect(await sendNow).toBe(0);
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({ attempts: 1, lastError: "could not connect" });
  });
});
