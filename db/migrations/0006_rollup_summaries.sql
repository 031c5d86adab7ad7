CREATE TABLE "rollup_cell_days" (
	"indicator_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"decided_on" date NOT NULL,
	"value_sum" double precision NOT NULL,
	"entry_count" integer NOT NULL,
	"latest_value" double precision NOT NULL,
	"latest_reported_on" date NOT NULL,
	"latest_created_at" timestamp with time zone NOT NULL,
	"latest_entry_id" uuid NOT NULL,
	CONSTRAINT "rollup_cell_days_indicator_id_period_key_decided_on_pk" PRIMARY KEY("indicator_id","period_key","decided_on")
);
--> statement-breakpoint
CREATE TABLE "rollup_cells" (
	"plan_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"approved_count" integer NOT NULL,
	"approved_sum" double precision,
	"latest_value" double precision,
	"first_approved_on" date,
	"last_approved_on" date,
	"first_received_on" date NOT NULL,
	CONSTRAINT "rollup_cells_indicator_id_period_key_pk" PRIMARY KEY("indicator_id","period_key")
);
--> statement-breakpoint
ALTER TABLE "elements" ADD COLUMN "weight" double precision DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "weight" double precision DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "rollup_cell_days" ADD CONSTRAINT "rollup_cell_days_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_cells" ADD CONSTRAINT "rollup_cells_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollup_cells" ADD CONSTRAINT "rollup_cells_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rollup_cells_plan_idx" ON "rollup_cells" USING btree ("plan_id","indicator_id");--> statement-breakpoint
ALTER TABLE "elements" ADD CONSTRAINT "element_weight_positive" CHECK ("elements"."weight" > 0 and "elements"."weight" < 'Infinity'::float8);--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicator_weight_positive" CHECK ("indicators"."weight" > 0 and "indicators"."weight" < 'Infinity'::float8);--> statement-breakpoint
-- Roll-up summaries (docs/decisions/008-rollup-summaries.md): rollup_cell_days and rollup_cells are kept current by
-- the statement triggers below, in the transaction that writes progress_entries, whichever path writes them (forms,
-- CSV import, Kobo sync, seed, demo generator, unlocks and corrections). Each affected indicator × period is
-- recomputed from its entries, so the summaries never drift.
CREATE FUNCTION rollup_refresh_cells(cell_indicators uuid[], cell_periods text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Two transactions refreshing the same indicator take turns (a row lock on the indicator, in id order); each
  -- statement below then reads what the other committed (READ COMMITTED takes a snapshot per statement).
  PERFORM 1 FROM indicators WHERE id = ANY(cell_indicators) ORDER BY id FOR NO KEY UPDATE;
  DELETE FROM rollup_cell_days d
    USING unnest(cell_indicators, cell_periods) AS c(indicator_id, period_key)
    WHERE d.indicator_id = c.indicator_id AND d.period_key = c.period_key;
  DELETE FROM rollup_cells r
    USING unnest(cell_indicators, cell_periods) AS c(indicator_id, period_key)
    WHERE r.indicator_id = c.indicator_id AND r.period_key = c.period_key;
  INSERT INTO rollup_cell_days (indicator_id, period_key, decided_on, value_sum, entry_count, latest_value,
                                latest_reported_on, latest_created_at, latest_entry_id)
  SELECT DISTINCT ON (e.indicator_id, e.period_key, e.day)
         e.indicator_id, e.period_key, e.day, sum(e.value) OVER w, count(*) OVER w, e.value, e.reported_on,
         e.created_at, e.id
  FROM (
    SELECT p.indicator_id, p.period_key, p.value, p.reported_on, p.created_at, p.id,
           coalesce((p.decided_at AT TIME ZONE 'UTC')::date, '-infinity'::date) AS day
    FROM progress_entries p
    JOIN (SELECT DISTINCT * FROM unnest(cell_indicators, cell_periods)) AS c(indicator_id, period_key)
      ON p.indicator_id = c.indicator_id AND p.period_key = c.period_key
    WHERE p.status = 'approved'
  ) e
  WINDOW w AS (PARTITION BY e.indicator_id, e.period_key, e.day)
  ORDER BY e.indicator_id, e.period_key, e.day, e.reported_on DESC, e.created_at DESC, e.id DESC;
  INSERT INTO rollup_cells (plan_id, indicator_id, period_key, approved_count, approved_sum, latest_value,
                            first_approved_on, last_approved_on, first_received_on)
  SELECT i.plan_id, e.indicator_id, e.period_key,
         count(*) FILTER (WHERE e.status = 'approved'),
         sum(e.value) FILTER (WHERE e.status = 'approved'),
         (array_agg(e.value ORDER BY e.reported_on DESC, e.created_at DESC, e.id DESC)
            FILTER (WHERE e.status = 'approved'))[1],
         min(e.day) FILTER (WHERE e.status = 'approved'),
         max(e.day) FILTER (WHERE e.status = 'approved'),
         min(coalesce((e.submitted_at AT TIME ZONE 'UTC')::date, '-infinity'::date))
  FROM (
    SELECT p.indicator_id, p.period_key, p.status, p.value, p.reported_on, p.created_at, p.id, p.submitted_at,
           coalesce((p.decided_at AT TIME ZONE 'UTC')::date, '-infinity'::date) AS day
    FROM progress_entries p
    JOIN (SELECT DISTINCT * FROM unnest(cell_indicators, cell_periods)) AS c(indicator_id, period_key)
      ON p.indicator_id = c.indicator_id AND p.period_key = c.period_key
    WHERE p.status IN ('submitted', 'approved')
  ) e
  JOIN indicators i ON i.id = e.indicator_id
  GROUP BY i.plan_id, e.indicator_id, e.period_key;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION rollup_entries_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
  keys text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(c.indicator_id ORDER BY c.indicator_id, c.period_key),
           array_agg(c.period_key ORDER BY c.indicator_id, c.period_key)
      INTO ids, keys
      FROM (SELECT DISTINCT indicator_id, period_key FROM new_rows WHERE status IN ('submitted', 'approved')) c;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(c.indicator_id ORDER BY c.indicator_id, c.period_key),
           array_agg(c.period_key ORDER BY c.indicator_id, c.period_key)
      INTO ids, keys
      FROM (SELECT DISTINCT indicator_id, period_key FROM old_rows WHERE status IN ('submitted', 'approved')) c;
  ELSE
    -- Only rows whose change matters to a roll-up (not a narrative or an updated_at).
    SELECT array_agg(c.indicator_id ORDER BY c.indicator_id, c.period_key),
           array_agg(c.period_key ORDER BY c.indicator_id, c.period_key)
      INTO ids, keys
      FROM (
        SELECT o.indicator_id, o.period_key FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.indicator_id, o.period_key, o.status, o.value, o.reported_on, o.created_at, o.submitted_at,
               o.decided_at)
              IS DISTINCT FROM
              (n.indicator_id, n.period_key, n.status, n.value, n.reported_on, n.created_at, n.submitted_at,
               n.decided_at)
        UNION
        SELECT n.indicator_id, n.period_key FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.indicator_id, o.period_key, o.status, o.value, o.reported_on, o.created_at, o.submitted_at,
               o.decided_at)
              IS DISTINCT FROM
              (n.indicator_id, n.period_key, n.status, n.value, n.reported_on, n.created_at, n.submitted_at,
               n.decided_at)
      ) c;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM rollup_refresh_cells(ids, keys);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER progress_entries_rollup_insert
  AFTER INSERT ON progress_entries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_entries_changed();
--> statement-breakpoint
CREATE TRIGGER progress_entries_rollup_update
  AFTER UPDATE ON progress_entries REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_entries_changed();
--> statement-breakpoint
CREATE TRIGGER progress_entries_rollup_delete
  AFTER DELETE ON progress_entries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_entries_changed();
--> statement-breakpoint
CREATE FUNCTION rollup_entries_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM rollup_cell_days;
  DELETE FROM rollup_cells;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER progress_entries_rollup_truncate
  AFTER TRUNCATE ON progress_entries
  FOR EACH STATEMENT EXECUTE FUNCTION rollup_entries_truncated();
--> statement-breakpoint
-- Entries written before this migration.
SELECT rollup_refresh_cells(array_agg(indicator_id), array_agg(period_key))
FROM (SELECT DISTINCT indicator_id, period_key FROM progress_entries WHERE status IN ('submitted', 'approved')) c
HAVING count(*) > 0;
