CREATE TABLE "read_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "entry_evidence" DROP CONSTRAINT "evidence_link_or_file";--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
ALTER TABLE "entry_evidence" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "entry_evidence" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "entry_evidence" ADD COLUMN "removed_by" uuid;--> statement-breakpoint
ALTER TABLE "kobo_connections" ADD COLUMN "sync_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_change_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "failed_sign_ins" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "failed_sign_ins_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "read_events_at_idx" ON "read_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "read_events_entity_idx" ON "read_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "recovery_codes_user_idx" ON "recovery_codes" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "entry_evidence" ADD CONSTRAINT "entry_evidence_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_evidence" ADD CONSTRAINT "evidence_link_or_file" CHECK (("entry_evidence"."url" is not null and "entry_evidence"."content" is null) or ("entry_evidence"."url" is null and "entry_evidence"."file_name" is not null and ("entry_evidence"."content" is not null or "entry_evidence"."removed_at" is not null)));--> statement-breakpoint
-- Files already stored get their SHA-256, so a later removal can name exactly what was removed.
UPDATE "entry_evidence" SET "sha256" = encode(sha256("content"), 'hex') WHERE "content" IS NOT NULL;
--> statement-breakpoint
-- The audit trail's hash chain. A row's hash covers the previous row's hash and every field of the row, as a jsonb
-- array (jsonb's text form is canonical; the time as microseconds since the epoch, independent of the time zone).
CREATE FUNCTION audit_event_hash(prev text, e audit_events) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(jsonb_build_array(
    prev, e.id, (extract(epoch FROM e.at) * 1000000)::bigint, e.actor, e.action, e.entity_type, e.entity_id,
    e.before, e.after, e.rationale
  )::text, 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- Every new row links to the last one. The lock serialises writers, and the id is taken under it, so ids follow the
-- chain whatever order concurrent transactions started in. Whatever the writer supplies for the chain is replaced.
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  last_hash text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('throughline.audit_chain'));
  NEW.id := nextval(pg_get_serial_sequence('audit_events', 'id'));
  SELECT hash INTO last_hash FROM audit_events ORDER BY id DESC LIMIT 1;
  NEW.prev_hash := last_hash;
  NEW.hash := audit_event_hash(last_hash, NEW);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
-- Existing rows join the chain in id order (the append-only trigger is set aside for this migration only).
ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
DO $$
DECLARE
  r audit_events;
  last_hash text;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    UPDATE audit_events SET prev_hash = last_hash, hash = audit_event_hash(last_hash, r) WHERE id = r.id;
    last_hash := audit_event_hash(last_hash, r);
  END LOOP;
END;
$$;
--> statement-breakpoint
ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;
--> statement-breakpoint
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
--> statement-breakpoint
-- The read log is append-only too.
CREATE FUNCTION read_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'read_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER read_events_append_only
  BEFORE UPDATE OR DELETE ON read_events
  FOR EACH ROW EXECUTE FUNCTION read_events_refuse_change();
--> statement-breakpoint
CREATE TRIGGER read_events_no_truncate
  BEFORE TRUNCATE ON read_events
  FOR EACH STATEMENT EXECUTE FUNCTION read_events_refuse_change();
