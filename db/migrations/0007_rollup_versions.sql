CREATE TABLE "rollup_plan_versions" (
	"plan_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rollup_plan_versions" ADD CONSTRAINT "rollup_plan_versions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Roll-up versions (docs/decisions/008-rollup-summaries.md): every statement that changes what a plan's roll-up
-- reads gives the plan a fresh version, in its own transaction, so a roll-up cached at the previous version is never
-- served again. A sequence, because its numbers are not reused after a rollback.
CREATE SEQUENCE rollup_version_seq;
--> statement-breakpoint
CREATE FUNCTION rollup_bump_plans(plan_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF plan_ids IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO rollup_plan_versions (plan_id, version)
  SELECT p.id, nextval('rollup_version_seq')
  FROM plans p
  WHERE p.id IN (SELECT DISTINCT unnest(plan_ids))
  ORDER BY p.id
  ON CONFLICT (plan_id) DO UPDATE SET version = excluded.version;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION rollup_structure_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  -- plpgsql plans each trigger's table separately, so a branch naming another table's columns is never compiled here.
  IF TG_TABLE_NAME = 'plans' THEN
    SELECT array_agg(id) INTO ids FROM new_rows;
  ELSIF TG_TABLE_NAME IN ('indicator_targets', 'progress_entries') THEN
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(DISTINCT i.plan_id) INTO ids FROM new_rows r JOIN indicators i ON i.id = r.indicator_id;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(DISTINCT i.plan_id) INTO ids FROM old_rows r JOIN indicators i ON i.id = r.indicator_id;
    ELSE
      SELECT array_agg(DISTINCT i.plan_id) INTO ids
      FROM (SELECT indicator_id FROM old_rows UNION SELECT indicator_id FROM new_rows) r
      JOIN indicators i ON i.id = r.indicator_id;
    END IF;
  ELSE
    IF TG_OP = 'INSERT' THEN
      SELECT array_agg(DISTINCT plan_id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
      SELECT array_agg(DISTINCT plan_id) INTO ids FROM old_rows;
    ELSE
      SELECT array_agg(DISTINCT plan_id) INTO ids
      FROM (SELECT plan_id FROM old_rows UNION SELECT plan_id FROM new_rows) r;
    END IF;
  END IF;
  PERFORM rollup_bump_plans(ids);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['plans', 'elements', 'element_links', 'indicators', 'indicator_elements',
                           'indicator_targets', 'progress_entries'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION rollup_structure_changed()', t || '_rollup_version_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION rollup_structure_changed()', t || '_rollup_version_update', t);
    IF t <> 'plans' THEN
      EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
                     'FOR EACH STATEMENT EXECUTE FUNCTION rollup_structure_changed()', t || '_rollup_version_delete', t);
    END IF;
  END LOOP;
END;
$$;
--> statement-breakpoint
INSERT INTO rollup_plan_versions (plan_id, version)
SELECT id, nextval('rollup_version_seq') FROM plans ORDER BY id;
