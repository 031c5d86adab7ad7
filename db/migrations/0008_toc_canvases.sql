CREATE TYPE "public"."element_level" AS ENUM('global', 'regional', 'national', 'local');--> statement-breakpoint
CREATE TABLE "toc_canvas_nodes" (
	"canvas_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"element_id" uuid NOT NULL,
	"x" double precision NOT NULL,
	"y" double precision NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	CONSTRAINT "toc_canvas_nodes_canvas_id_element_id_pk" PRIMARY KEY("canvas_id","element_id"),
	CONSTRAINT "toc_canvas_node_position_finite" CHECK ("toc_canvas_nodes"."x" = "toc_canvas_nodes"."x" and "toc_canvas_nodes"."y" = "toc_canvas_nodes"."y" and abs("toc_canvas_nodes"."x") < 1e7 and abs("toc_canvas_nodes"."y") < 1e7)
);
--> statement-breakpoint
CREATE TABLE "toc_canvases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" jsonb NOT NULL,
	"description" jsonb,
	"focus_element_id" uuid,
	"draft" boolean DEFAULT false NOT NULL,
	"show_outline" boolean DEFAULT true NOT NULL,
	"layout_direction" text DEFAULT 'RIGHT' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"citation_source_id" text,
	"citation_section" text,
	"citation_quote" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "toc_canvases_plan_slug_key" UNIQUE("plan_id","slug"),
	CONSTRAINT "toc_canvases_plan_id_key" UNIQUE("plan_id","id"),
	CONSTRAINT "toc_canvas_slug_format" CHECK ("toc_canvases"."slug" ~ '^[a-z0-9][a-z0-9-]*$'),
	CONSTRAINT "toc_canvas_title_has_en" CHECK ("toc_canvases"."title" ? 'en'),
	CONSTRAINT "toc_canvas_layout_direction" CHECK ("toc_canvases"."layout_direction" in ('RIGHT', 'DOWN', 'LEFT', 'UP')),
	CONSTRAINT "toc_canvas_version_positive" CHECK ("toc_canvases"."version" > 0),
	CONSTRAINT "citation_complete" CHECK (("toc_canvases"."citation_source_id" is null and "toc_canvases"."citation_section" is null and "toc_canvases"."citation_quote" is null)
        or ("toc_canvases"."citation_source_id" is not null and "toc_canvases"."citation_section" is not null))
);
--> statement-breakpoint
ALTER TABLE "element_links" ADD COLUMN "evidence_links" jsonb;--> statement-breakpoint
ALTER TABLE "elements" ADD COLUMN "level" "element_level";--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD COLUMN "citation_source_id" text;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD COLUMN "citation_section" text;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD COLUMN "citation_quote" text;--> statement-breakpoint
ALTER TABLE "toc_canvas_nodes" ADD CONSTRAINT "toc_canvas_nodes_canvas_fk" FOREIGN KEY ("plan_id","canvas_id") REFERENCES "public"."toc_canvases"("plan_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_canvas_nodes" ADD CONSTRAINT "toc_canvas_nodes_element_fk" FOREIGN KEY ("plan_id","element_id") REFERENCES "public"."elements"("plan_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_canvases" ADD CONSTRAINT "toc_canvases_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_canvases" ADD CONSTRAINT "toc_canvases_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_canvases" ADD CONSTRAINT "toc_canvases_citation_source_id_source_documents_id_fk" FOREIGN KEY ("citation_source_id") REFERENCES "public"."source_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "toc_canvases" ADD CONSTRAINT "toc_canvases_focus_fk" FOREIGN KEY ("plan_id","focus_element_id") REFERENCES "public"."elements"("plan_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "toc_canvas_nodes_element_idx" ON "toc_canvas_nodes" USING btree ("element_id");--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "indicator_targets_citation_source_id_source_documents_id_fk" FOREIGN KEY ("citation_source_id") REFERENCES "public"."source_documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_targets" ADD CONSTRAINT "citation_complete" CHECK (("indicator_targets"."citation_source_id" is null and "indicator_targets"."citation_section" is null and "indicator_targets"."citation_quote" is null)
        or ("indicator_targets"."citation_source_id" is not null and "indicator_targets"."citation_section" is not null));