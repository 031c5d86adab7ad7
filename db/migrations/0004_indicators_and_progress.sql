CREATE TYPE "public"."aggregation" AS ENUM('per_period', 'cumulative', 'latest');--> statement-breakpoint
CREATE TYPE "public"."direction" AS ENUM('increase', 'decrease', 'maintain');--> statement-breakpoint
CREATE TYPE "public"."entry_status" AS ENUM('draft', 'submitted', 'returned', 'approved');--> statement-breakpoint
CREATE TYPE "public"."frequency" AS ENUM('life_of_plan', 'annual', 'semi_annual', 'quarterly', 'monthly');--> statement-breakpoint
CREATE TYPE "public"."measure" AS ENUM('number', 'percentage', 'qualitative');--> statement-breakpoint
CREATE TABLE "indicator_elements" (
	"plan_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"element_id" uuid NOT NULL,
	CONSTRAINT "indicator_elements_indicator_id_element_id_pk" PRIMARY KEY("indicator_id","element_id")
);
--> statement-breakpoint
CREATE TABLE "indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" jsonb NOT NULL,
	"definition" jsonb,
	"measure" "measure" NOT NULL,
	"unit" jsonb,
	"direction" "direction" NOT NULL,
	"aggregation" "aggregation" NOT NULL,
	"frequency" "frequency" NOT NULL,
	"dimensions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"citation_source_id" text,
	"citation_section" text,
	"citation_quote" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicators_plan_code_key" UNIQUE("plan_id","code"),
	CONSTRAINT "indicators_plan_id_key" UNIQUE("plan_id","id"),
	CONSTRAINT "indicator_name_has_en" CHECK ("indicators"."name" ? 'en'),
	CONSTRAINT "citation_complete" CHECK (("indicators"."citation_source_id" is null and "indicators"."citation_section" is null and "indicators"."citation_quote" is null)
        or ("indicators"."citation_source_id" is not null and "indicators"."citation_section" is not null))
);
--> statement-breakpoint
CREATE TABLE "progress_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period_key" text NOT NULL,
	"status" "entry_status" DEFAULT 'draft' NOT NULL,
	"value" double precision NOT NULL,
	"breakdown" jsonb,
	"narrative" jsonb,
	"reported_on" date NOT NULL,
	"entered_by" uuid,
	"citation_source_id" text,
	"citation_section" text,
	"citation_quote" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entry_value_finite" CHECK ("progress_entries"."value" = "progress_entries"."value" and "progress_entries"."value" not in ('Infinity'::float8, '-Infinity'::float8)),
	CONSTRAINT "citation_complete" CHECK (("progress_entries"."citation_source_id" is null and "progress_entries"."citation_section" is null and "progress_entries"."citation_quote" is null)
        or ("progress_entries"."citation_source_id" is not null and "progress_entries"."citation_section" is not null))
);
--> statement-breakpoint
ALTER TABLE "indicator_elements" ADD CONSTRAINT "indicator_elements_plan_id_indicator_id_indicators_plan_id_id_fk" FOREIGN KEY ("plan_id","indicator_id") REFERENCES "public"."indicators"("plan_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_elements" ADD CONSTRAINT "indicator_elements_plan_id_element_id_elements_plan_id_id_fk" FOREIGN KEY ("plan_id","element_id") REFERENCES "public"."elements"("plan_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_citation_source_id_source_documents_id_fk" FOREIGN KEY ("citation_source_id") REFERENCES "public"."source_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_entries" ADD CONSTRAINT "progress_entries_citation_source_id_source_documents_id_fk" FOREIGN KEY ("citation_source_id") REFERENCES "public"."source_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_elements_element_idx" ON "indicator_elements" USING btree ("element_id");--> statement-breakpoint
CREATE INDEX "progress_entries_indicator_idx" ON "progress_entries" USING btree ("indicator_id","period_key");