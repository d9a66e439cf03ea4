-- CreateTable
CREATE TABLE "AuditSeal" (
    "organizationId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "mac" TEXT NOT NULL,

    CONSTRAINT "AuditSeal_pkey" PRIMARY KEY ("organizationId","sequence")
);

-- AddForeignKey
ALTER TABLE "AuditSeal" ADD CONSTRAINT "AuditSeal_organizationId_sequence_fkey" FOREIGN KEY ("organizationId", "sequence") REFERENCES "AuditEvent"("organizationId", "sequence") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Seals are computed by the application under AUDIT_HMAC_SECRET, which never
-- enters the database, so this migration cannot seal existing events: the
-- panel seals them on its first start (lib/audit/seal-unsealed-events.ts).

-- Append-only, like the events they seal.
CREATE OR REPLACE FUNCTION audit_seal_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'audit seals are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_seal_append_only BEFORE UPDATE OR DELETE ON "AuditSeal"
FOR EACH ROW EXECUTE FUNCTION audit_seal_refuse_change();

CREATE TRIGGER audit_seal_no_truncate BEFORE TRUNCATE ON "AuditSeal"
FOR EACH STATEMENT EXECUTE FUNCTION audit_seal_refuse_change();
