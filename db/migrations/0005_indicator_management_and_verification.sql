CREATE TYPE "public"."entry_note_kind" AS ENUM('returned', 'answered', 'approved', 'comment');--> statement-breakpoint
CREATE TABLE "element_assignees" (
	"element_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "element_assignees_element_id_user_id_pk" PRIMARY KEY("element_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "entry_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"url" text,
	"file_name" text,
	"content_type" text,
	"size" integer,
	"content" "bytea",
	"added_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_link_or_file" CHECK (("entry_evidence"."url" is not null and "entry_evidence"."content" is null) or ("entry_evidence"."url" is null and "entry_evidence"."content" is not null and "entry_evidence"."file_name" is not null))
);
--> statement-breakpoint
CREATE TABLE "entry_notes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"kind" "entry_note_kind" NOT NULL,
	"body" text NOT NULL,
	"author_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"indicator_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"rationale" text,
	"replaced_by" uuid,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_revisions_key" UNIQUE("indicator_id","revision")
);
--> statement-breakpoint
CREATE TABLE "indicator_targets" (
	"indicator_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"cell_key" text DEFAULT '' NOT NULL,
	"cell" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"value" double precision NOT NULL,
	CONSTRAINT "indicator_targets_indicator_id_period_key_cell_key_pk" PRIMARY KEY("indicator_id","period_key","cell_key")
);
--> statement-breakpoint
CREATE TABLE "kobo_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"plan_id" uuid NOT NULL,
	"server_url" text NOT NULL,
	"token_encrypted" text NOT NULL,
	"asset_uid" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"last_submission_time" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kobo_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text NOT NULL,
	"fetched" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "period_locks" (
	"indicator_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"locked_by" uuid,
	"locked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "period_locks_indicator_id_period_key_pk" PRIMARY KEY("indicator_id","period_key")
);
--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "scale" jsonb;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "tolerance" double precision;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "baseline_value" double precision;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "baseline_date" date;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "baseline_note" jsonb;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "means_of_verification" jsonb;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "data_source" jsonb;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "responsible_id" uuid;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "synthetic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD COLUMN "element_id" uuid;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD COLUMN "submission_key" text;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD COLUMN "external_source" text;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD COLUMN "decided_by" uuid;--> statement-breakpoint
ALTER TABLE "element_assignees" ADD CONSTRAINT "element_assignees_element_id_elements_id_fk" FOREIGN KEY ("element_id") REFERENCES "public"."elements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "element_assignees" ADD CONSTRAINT "element_assignees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_evidence" ADD CONSTRAINT "entry_evidence_entry_id_progress_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."progress_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_evidence" ADD CONSTRAINT "entry_evidence_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_notes" ADD CONSTRAINT "entry_notes_entry_id_progress_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."progress_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_notes" ADD CONSTRAINT "entry_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_revisions" ADD CONSTRAINT "indicator_revisions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_revisions" ADD CONSTRAINT "indicator_revisions_replaced_by_users_id_fk" FOREIGN KEY ("replaced_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kobo_connections" ADD CONSTRAINT "kobo_connections_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kobo_connections" ADD CONSTRAINT "kobo_connections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kobo_runs" ADD CONSTRAINT "kobo_runs_connection_id_kobo_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."kobo_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_locks" ADD CONSTRAINT "period_locks_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "period_locks" ADD CONSTRAINT "period_locks_locked_by_users_id_fk" FOREIGN KEY ("locked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "element_assignees_user_idx" ON "element_assignees" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "entry_evidence_entry_idx" ON "entry_evidence" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "entry_notes_entry_idx" ON "entry_notes" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "kobo_runs_connection_idx" ON "kobo_runs" USING btree ("connection_id");--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_responsible_id_users_id_fk" FOREIGN KEY ("responsible_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_element_id_elements_id_fk" FOREIGN KEY ("element_id") REFERENCES "public"."elements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "progress_entries_status_idx" ON "progress_entries" USING btree ("status");--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_submission_key_unique" UNIQUE("submission_key");--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_external_key" UNIQUE("external_source","external_id");--> statement-breakpoint
-- Earlier revisions of an indicator are what reports said at the time: they are never rewritten.
CREATE FUNCTION indicator_revisions_refuse_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'indicator_revisions is append-only: UPDATE is not allowed'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER indicator_revisions_append_only
  BEFORE UPDATE ON indicator_revisions
  FOR EACH ROW EXECUTE FUNCTION indicator_revisions_refuse_update();
--> statement-breakpoint
-- A locked period's entries cannot be added, changed or removed by any path (form, CSV, Kobo, SQL) until it is
-- unlocked; the application checks first and says so, this is the guarantee behind it.
CREATE FUNCTION progress_entries_refuse_locked() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r progress_entries%ROWTYPE;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF EXISTS (SELECT 1 FROM period_locks l WHERE l.indicator_id = r.indicator_id AND l.period_key = r.period_key)
     OR (TG_OP = 'UPDATE' AND EXISTS (
       SELECT 1 FROM period_locks l WHERE l.indicator_id = OLD.indicator_id AND l.period_key = OLD.period_key)) THEN
    RAISE EXCEPTION 'period % of this indicator is locked', r.period_key USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER progress_entries_locked_periods
  BEFORE INSERT OR UPDATE OR DELETE ON progress_entries
  FOR EACH ROW EXECUTE FUNCTION progress_entries_refuse_locked();
