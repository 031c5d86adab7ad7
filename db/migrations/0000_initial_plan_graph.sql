CREATE TYPE "public"."element_kind" AS ENUM('impact', 'objective', 'outcome', 'output', 'strategy', 'activity', 'assumption');--> statement-breakpoint
CREATE TYPE "public"."element_status" AS ENUM('planned', 'future', 'active', 'completed', 'dropped');--> statement-breakpoint
CREATE TYPE "public"."evidence_strength" AS ENUM('none', 'weak', 'moderate', 'strong');--> statement-breakpoint
CREATE TYPE "public"."link_kind" AS ENUM('part_of', 'contributes_to', 'precondition_of');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('draft', 'active', 'closed');--> statement-breakpoint
CREATE TYPE "public"."reference_list" AS ENUM('region', 'language', 'advocacy_theme', 'member_role', 'funder');--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"rationale" text
);
--> statement-breakpoint
CREATE TABLE "element_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" "link_kind" NOT NULL,
	"from_element_id" uuid NOT NULL,
	"to_element_id" uuid NOT NULL,
	"rationale" jsonb,
	"evidence_strength" "evidence_strength",
	"citation_source_id" text,
	"citation_section" text,
	"citation_quote" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "link_not_to_itself" CHECK ("element_links"."from_element_id" <> "element_links"."to_element_id"),
	CONSTRAINT "citation_complete" CHECK (("element_links"."citation_source_id" is null and "element_links"."citation_section" is null and "element_links"."citation_quote" is null)
        or ("element_links"."citation_source_id" is not null and "element_links"."citation_section" is not null))
);
--> statement-breakpoint
CREATE TABLE "elements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" "element_kind" NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb,
	"status" "element_status" DEFAULT 'planned' NOT NULL,
	"resources_required" jsonb,
	"reconstructed" boolean DEFAULT false NOT NULL,
	"citation_source_id" text,
	"citation_section" text,
	"citation_quote" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elements_plan_code_key" UNIQUE("plan_id","code"),
	CONSTRAINT "elements_plan_id_key" UNIQUE("plan_id","id"),
	CONSTRAINT "element_code_format" CHECK ("elements"."code" ~ '^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$'),
	CONSTRAINT "element_title_has_en" CHECK ("elements"."title" ? 'en'),
	CONSTRAINT "reconstructed_element_cited" CHECK (not "elements"."reconstructed" or "elements"."citation_source_id" is not null),
	CONSTRAINT "citation_complete" CHECK (("elements"."citation_source_id" is null and "elements"."citation_section" is null and "elements"."citation_quote" is null)
        or ("elements"."citation_source_id" is not null and "elements"."citation_section" is not null))
);
--> statement-breakpoint
CREATE TABLE "organisation" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"name" jsonb NOT NULL,
	"short_name" text NOT NULL,
	"founded_year" integer,
	"citation_source_id" text,
	"citation_section" text,
	"citation_quote" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "single_organisation" CHECK ("organisation"."id" = 1),
	CONSTRAINT "citation_complete" CHECK (("organisation"."citation_source_id" is null and "organisation"."citation_section" is null and "organisation"."citation_quote" is null)
        or ("organisation"."citation_source_id" is not null and "organisation"."citation_section" is not null))
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"summary" jsonb,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"status" "plan_status" DEFAULT 'draft' NOT NULL,
	"previous_plan_id" uuid,
	"reconstructed" boolean DEFAULT false NOT NULL,
	"citation_source_id" text,
	"citation_section" text,
	"citation_quote" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_slug_unique" UNIQUE("slug"),
	CONSTRAINT "plan_slug_format" CHECK ("plans"."slug" ~ '^[a-z0-9][a-z0-9-]*$'),
	CONSTRAINT "plan_period_order" CHECK ("plans"."end_date" >= "plans"."start_date"),
	CONSTRAINT "plan_not_own_predecessor" CHECK ("plans"."previous_plan_id" is distinct from "plans"."id"),
	CONSTRAINT "plan_title_has_en" CHECK ("plans"."title" ? 'en'),
	CONSTRAINT "citation_complete" CHECK (("plans"."citation_source_id" is null and "plans"."citation_section" is null and "plans"."citation_quote" is null)
        or ("plans"."citation_source_id" is not null and "plans"."citation_section" is not null))
);
--> statement-breakpoint
CREATE TABLE "reference_items" (
	"list" "reference_list" NOT NULL,
	"code" text NOT NULL,
	"position" integer NOT NULL,
	"label" jsonb NOT NULL,
	"note" jsonb,
	"citation_source_id" text,
	"citation_section" text,
	"citation_quote" text,
	CONSTRAINT "reference_items_list_code_pk" PRIMARY KEY("list","code"),
	CONSTRAINT "reference_code_format" CHECK ("reference_items"."code" ~ '^[a-z0-9][a-z0-9_-]*$'),
	CONSTRAINT "citation_complete" CHECK (("reference_items"."citation_source_id" is null and "reference_items"."citation_section" is null and "reference_items"."citation_quote" is null)
        or ("reference_items"."citation_source_id" is not null and "reference_items"."citation_section" is not null))
);
--> statement-breakpoint
CREATE TABLE "source_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"title" jsonb NOT NULL,
	"language" text NOT NULL,
	"published_year" integer,
	"file" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "source_id_format" CHECK ("source_documents"."id" ~ '^[a-z0-9][a-z0-9-]*$')
);
--> statement-breakpoint
ALTER TABLE "element_links" ADD CONSTRAINT "element_links_citation_source_id_source_documents_id_fk" FOREIGN KEY ("citation_source_id") REFERENCES "public"."source_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "element_links" ADD CONSTRAINT "element_links_from_fk" FOREIGN KEY ("plan_id","from_element_id") REFERENCES "public"."elements"("plan_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "element_links" ADD CONSTRAINT "element_links_to_fk" FOREIGN KEY ("plan_id","to_element_id") REFERENCES "public"."elements"("plan_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elements" ADD CONSTRAINT "elements_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elements" ADD CONSTRAINT "elements_citation_source_id_source_documents_id_fk" FOREIGN KEY ("citation_source_id") REFERENCES "public"."source_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation" ADD CONSTRAINT "organisation_citation_source_id_source_documents_id_fk" FOREIGN KEY ("citation_source_id") REFERENCES "public"."source_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_citation_source_id_source_documents_id_fk" FOREIGN KEY ("citation_source_id") REFERENCES "public"."source_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_previous_plan_fk" FOREIGN KEY ("previous_plan_id") REFERENCES "public"."plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_items" ADD CONSTRAINT "reference_items_citation_source_id_source_documents_id_fk" FOREIGN KEY ("citation_source_id") REFERENCES "public"."source_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "element_links_kind_from_to_key" ON "element_links" USING btree ("kind","from_element_id","to_element_id");--> statement-breakpoint
CREATE UNIQUE INDEX "element_links_one_parent_key" ON "element_links" USING btree ("from_element_id") WHERE "element_links"."kind" = 'part_of';