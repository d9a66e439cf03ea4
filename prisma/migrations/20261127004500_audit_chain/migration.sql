-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "sequence" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "previousHash" TEXT,
ADD COLUMN "hash" TEXT NOT NULL DEFAULT '';

-- The canonical content of an event, hashed with its predecessor's hash.
-- One definition, used by the chaining trigger and by verification, so a
-- row changed behind the application's back no longer matches its hash.
CREATE OR REPLACE FUNCTION audit_event_hash(e "AuditEvent") RETURNS text AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    e."organizationId", e."sequence", to_char(e."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS'),
    e."actorUserId", e."actorLabel", e."action", e."keyId", e."keyPrefix", e."details",
    e."ipAddress", e."userAgent", e."previousHash"
  )::text, 'UTF8')), 'hex');
$$ LANGUAGE sql IMMUTABLE;

-- Existing events join the chain in their order of creation.
DO $$
DECLARE
  e "AuditEvent";
  previous_org text := NULL;
  previous_hash text := NULL;
  next_sequence integer := 0;
BEGIN
  FOR e IN SELECT * FROM "AuditEvent" ORDER BY "organizationId", "createdAt", "id" LOOP
    IF previous_org IS DISTINCT FROM e."organizationId" THEN
      previous_org := e."organizationId";
      previous_hash := NULL;
      next_sequence := 0;
    END IF;
    next_sequence := next_sequence + 1;
    e."sequence" := next_sequence;
    e."previousHash" := previous_hash;
    e."hash" := audit_event_hash(e);
    UPDATE "AuditEvent" SET "sequence" = e."sequence", "previousHash" = e."previousHash", "hash" = e."hash" WHERE "id" = e."id";
    previous_hash := e."hash";
  END LOOP;
END $$;

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_organizationId_sequence_key" ON "AuditEvent"("organizationId", "sequence");

-- Every insert is chained here, whatever code path made it. The advisory
-- lock (per organization, held to commit) serializes writers, so concurrent
-- inserts can never fork the chain.
CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger AS $$
DECLARE
  last_event "AuditEvent";
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('audit:' || NEW."organizationId", 0));
  SELECT * INTO last_event FROM "AuditEvent"
    WHERE "organizationId" = NEW."organizationId"
    ORDER BY "sequence" DESC LIMIT 1;
  NEW."sequence" := COALESCE(last_event."sequence", 0) + 1;
  NEW."previousHash" := last_event."hash";
  NEW."hash" := audit_event_hash(NEW);
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_chain BEFORE INSERT ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

-- Append-only: no code path may change or remove an event.
CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
