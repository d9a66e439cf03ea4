-- The Usage page's queries (lib/usage/) read one organization's activity
-- over the last 7 or 30 days; without this they would walk every
-- organization's rows of that period through the lastSeenAt index.
CREATE INDEX "KeyActivity_organizationId_lastSeenAt_idx" ON "KeyActivity"("organizationId", "lastSeenAt");
