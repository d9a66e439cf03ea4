-- Webhook errors used to keep node's message (errno, address, port), which
-- told an owner which ports answer inside the network. Keep only the generic
-- reasons deliveries now record.
UPDATE "WebhookDelivery"
SET "lastError" = 'could not connect'
WHERE "lastError" IS NOT NULL
  AND "lastError" !~ '^HTTP [0-9]{3}$'
  AND "lastError" NOT IN ('could not connect', 'destination not allowed', 'no webhook URL configured', 'webhook removed');
