-- A rotation request lapses when its key stops being rotatable (rotated or
-- deleted another way, by any path): nothing is left to reveal for it.
ALTER TYPE "KeyRequestStatus" ADD VALUE 'LAPSED';

CREATE FUNCTION key_requests_lapse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "KeyRequest" SET "status" = 'LAPSED', "withdrawnAt" = now()
  WHERE "keyId" = NEW."id" AND "status" IN ('PENDING', 'APPROVED');
  RETURN NULL;
END $$;

CREATE TRIGGER key_requests_lapse AFTER UPDATE OF "rotatedAt", "deletedAt" ON "SecretKey"
FOR EACH ROW WHEN ((OLD."rotatedAt" IS NULL AND NEW."rotatedAt" IS NOT NULL) OR (OLD."deletedAt" IS NULL AND NEW."deletedAt" IS NOT NULL))
EXECUTE FUNCTION key_requests_lapse();
