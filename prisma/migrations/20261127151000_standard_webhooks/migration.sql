-- Standard Webhooks: each delivery has the message id sent as webhook-id, the
-- same on every retry; deliveries already queued get one each.
ALTER TABLE "WebhookDelivery" ADD COLUMN "messageId" TEXT NOT NULL DEFAULT ('msg_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text));
CREATE UNIQUE INDEX "WebhookDelivery_messageId_key" ON "WebhookDelivery"("messageId");

-- Endpoints saved before keep their receivers working: their deliveries also
-- carry the old x-secret-keys-* headers until the URL is saved again.
ALTER TABLE "WebhookEndpoint" ADD COLUMN "legacySignature" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "WebhookEndpoint" ALTER COLUMN "legacySignature" SET DEFAULT false;
