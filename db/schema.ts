import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { roles } from "../app/auth/roles";
import { frequencies } from "../app/indicators/periods";
import { aggregationModes, directions, measures } from "../app/indicators/values";
import {
  elementKinds,
  elementStatuses,
  evidenceStrengths,
  type LocalizedText,
  linkKinds,
  planStatuses,
  referenceListNames,
} from "../app/plan-graph/vocabulary";

export const planStatus = pgEnum("plan_status", planStatuses);
export const elementKind = pgEnum("element_kind", elementKinds);
export const elementStatus = pgEnum("element_status", elementStatuses);
export const linkKind = pgEnum("link_kind", linkKinds);
export const evidenceStrength = pgEnum("evidence_strength", evidenceStrengths);
export const referenceList = pgEnum("reference_list", referenceListNames);

const slugPattern = "^[a-z0-9][a-z0-9-]*$";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** A citation is a source document, a section of it, and optionally a verbatim quote. */
const citationColumns = () => ({
  citationSourceId: text("citation_source_id").references(() => sourceDocuments.id, { onDelete: "restrict" }),
  citationSection: text("citation_section"),
  citationQuote: text("citation_quote"),
});
const citationChecks = (table: {
  citationSourceId: unknown;
  citationSection: unknown;
  citationQuote: unknown;
}) =>
  check(
    "citation_complete",
    sql`(${table.citationSourceId} is null and ${table.citationSection} is null and ${table.citationQuote} is null)
        or (${table.citationSourceId} is not null and ${table.citationSection} is not null)`,
  );

/** The documents that plans, elements and reference items cite (a plan, an evaluation, a report). */
export const sourceDocuments = pgTable(
  "source_documents",
  {
    id: text("id").primaryKey(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    language: text("language").notNull(),
    publishedYear: integer("published_year"),
    file: text("file"),
    createdAt: createdAt(),
  },
  (t) => [check("source_id_format", sql`${t.id} ~ ${sql.raw(`'${slugPattern}'`)}`)],
);

/** The organisation this installation serves (one per installation: see docs/decisions/003). */
export const organisation = pgTable(
  "organisation",
  {
    id: integer("id").primaryKey().default(1),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    shortName: text("short_name").notNull(),
    foundedYear: integer("founded_year"),
    ...citationColumns(),
    updatedAt: updatedAt(),
  },
  (t) => [check("single_organisation", sql`${t.id} = 1`), citationChecks(t)],
);

export const plans = pgTable(
  "plans",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    summary: jsonb("summary").$type<LocalizedText>(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    status: planStatus("status").notNull().default("draft"),
    previousPlanId: uuid("previous_plan_id"),
    reconstructed: boolean("reconstructed").notNull().default(false),
    ...citationColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      columns: [t.previousPlanId],
      foreignColumns: [t.id],
      name: "plans_previous_plan_fk",
    }).onDelete("restrict"),
    // Lineage is a chain: a plan is followed by at most one plan.
    uniqueIndex("plans_one_successor_key").on(t.previousPlanId),
    check("plan_slug_format", sql`${t.slug} ~ ${sql.raw(`'${slugPattern}'`)}`),
    check("plan_period_order", sql`${t.endDate} >= ${t.startDate}`),
    check("plan_not_own_predecessor", sql`${t.previousPlanId} is distinct from ${t.id}`),
    check("plan_title_has_en", sql`${t.title} ? 'en'`),
    citationChecks(t),
  ],
);

/** A node of the plan graph: objective, strategy, activity, outcome, … */
export const elements = pgTable(
  "elements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    kind: elementKind("kind").notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>(),
    status: elementStatus("status").notNull().default("planned"),
    resourcesRequired: jsonb("resources_required").$type<LocalizedText>(),
    reconstructed: boolean("reconstructed").notNull().default(false),
    ...citationColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("elements_plan_code_key").on(t.planId, t.code),
    // Lets links require both ends to be in the link's plan.
    unique("elements_plan_id_key").on(t.planId, t.id),
    check("element_code_format", sql`${t.code} ~ '^[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*$'`),
    check("element_title_has_en", sql`${t.title} ? 'en'`),
    check("reconstructed_element_cited", sql`not ${t.reconstructed} or ${t.citationSourceId} is not null`),
    citationChecks(t),
  ],
);

/** A typed edge: `part_of` builds the outline (a tree), the causal kinds build the theory of change (a DAG). */
export const elementLinks = pgTable(
  "element_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id").notNull(),
    kind: linkKind("kind").notNull(),
    fromElementId: uuid("from_element_id").notNull(),
    toElementId: uuid("to_element_id").notNull(),
    rationale: jsonb("rationale").$type<LocalizedText>(),
    evidenceStrength: evidenceStrength("evidence_strength"),
    ...citationColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({
      columns: [t.planId, t.fromElementId],
      foreignColumns: [elements.planId, elements.id],
      name: "element_links_from_fk",
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.planId, t.toElementId],
      foreignColumns: [elements.planId, elements.id],
      name: "element_links_to_fk",
    }).onDelete("cascade"),
    uniqueIndex("element_links_kind_from_to_key").on(t.kind, t.fromElementId, t.toElementId),
    // The outline is a tree: an element has at most one parent.
    uniqueIndex("element_links_one_parent_key").on(t.fromElementId).where(sql`${t.kind} = 'part_of'`),
    check("link_not_to_itself", sql`${t.fromElementId} <> ${t.toElementId}`),
    citationChecks(t),
  ],
);

/** Organisation-wide lists later features pick from: regions, languages, advocacy themes, member roles, funders. */
export const referenceItems = pgTable(
  "reference_items",
  {
    list: referenceList("list").notNull(),
    code: text("code").notNull(),
    position: integer("position").notNull(),
    label: jsonb("label").$type<LocalizedText>().notNull(),
    note: jsonb("note").$type<LocalizedText>(),
    ...citationColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.list, t.code] }),
    check("reference_code_format", sql`${t.code} ~ '^[a-z0-9][a-z0-9_-]*$'`),
    citationChecks(t),
  ],
);

/** One row per mutation, written in the mutation's transaction. Append-only (a trigger refuses UPDATE/DELETE). */
export const auditEvents = pgTable("audit_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  entityType: text("entity_type").notNull(),
  entityId: text("entity_id").notNull(),
  before: jsonb("before"),
  after: jsonb("after"),
  rationale: text("rationale"),
});

// ---------------------------------------------------------------- accounts and sessions (docs/security.md)

export const role = pgEnum("role", roles);

/** A person who signs in. Email is stored lower-case; the password only as an argon2id hash. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** For users with the funder role: the funder organisation (a code of the `funder` reference list). */
    funderCode: text("funder_code"),
    /** TOTP secret, encrypted with the application secret (AES-256-GCM); null until the user enrols. */
    totpSecret: text("totp_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last TOTP time step accepted, so a code cannot be replayed within its window. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("user_email_lower_case", sql`${t.email} = lower(${t.email})`)],
);

/** The roles a user holds; a consultant's access ends on `access_until` (inclusive). */
export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
    accessUntil: date("access_until"),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/**
 * A signed-in browser. The cookie holds a random 256-bit token; only its SHA-256 is stored, so a copy of the table
 * cannot be replayed as a session. `stage` is `second_factor` between a correct password and a correct TOTP code.
 */
export const sessions = pgTable(
  "sessions",
  {
    /** A handle for pages and the audit trail; never the token nor its hash. */
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    stage: text("stage", { enum: ["second_factor", "active"] }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    endedReason: text("ended_reason"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed sign-ins, for throttling per (account, address) and per address. Old rows are pruned. */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** A hash of what was typed as the email (see typedEmailKey), never the text itself. */
    email: text("email").notNull(),
    ipAddress: text("ip_address").notNull(),
  },
  (t) => [
    index("sign_in_failures_ip_at_idx").on(t.ipAddress, t.at),
    index("sign_in_failures_email_at_idx").on(t.email, t.at),
  ],
);

/**
 * What a funder organisation funds, as elements of a plan. A funder sees those elements, their parts and the
 * elements they belong to, and the plans they are in; nothing else. Grants (a later issue) will carry these links.
 */
export const fundedElements = pgTable(
  "funded_elements",
  {
    funderCode: text("funder_code").notNull(),
    elementId: uuid("element_id")
      .notNull()
      .references(() => elements.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.funderCode, t.elementId] })],
);

// ---------------------------------------------------------------- indicators and progress (issue 4)

export const measure = pgEnum("measure", measures);
export const direction = pgEnum("direction", directions);
export const aggregation = pgEnum("aggregation", aggregationModes);
export const frequency = pgEnum("frequency", frequencies);
export const entryStatus = pgEnum("entry_status", ["draft", "submitted", "returned", "approved"]);

/** What is measured, how values combine over time, and how often it is reported. */
export const indicators = pgTable(
  "indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    definition: jsonb("definition").$type<LocalizedText>(),
    measure: measure("measure").notNull(),
    unit: jsonb("unit").$type<LocalizedText>(),
    direction: direction("direction").notNull(),
    aggregation: aggregation("aggregation").notNull(),
    frequency: frequency("frequency").notNull(),
    /** Disaggregation dimensions (reference list names or custom codes), in grid order. */
    dimensions: jsonb("dimensions").$type<string[]>().notNull().default([]),
    ...citationColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("indicators_plan_code_key").on(t.planId, t.code),
    unique("indicators_plan_id_key").on(t.planId, t.id),
    check("indicator_name_has_en", sql`${t.name} ? 'en'`),
    citationChecks(t),
  ],
);

/** The elements an indicator measures: one or more, in the indicator's plan. */
export const indicatorElements = pgTable(
  "indicator_elements",
  {
    planId: uuid("plan_id").notNull(),
    indicatorId: uuid("indicator_id").notNull(),
    elementId: uuid("element_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.elementId] }),
    foreignKey({
      columns: [t.planId, t.indicatorId],
      foreignColumns: [indicators.planId, indicators.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.planId, t.elementId], foreignColumns: [elements.planId, elements.id] }).onDelete(
      "cascade",
    ),
    index("indicator_elements_element_idx").on(t.elementId),
  ],
);

/**
 * A reported value for an indicator and period. Only `approved` entries count. `value` is the total (derived from
 * the breakdown when one is given); a figure taken from a source document cites it.
 */
export const progressEntries = pgTable(
  "progress_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "restrict" }),
    periodKey: text("period_key").notNull(),
    status: entryStatus("status").notNull().default("draft"),
    value: doublePrecision("value").notNull(),
    breakdown: jsonb("breakdown").$type<{ values: Record<string, string>; value: number }[]>(),
    narrative: jsonb("narrative").$type<LocalizedText>(),
    reportedOn: date("reported_on").notNull(),
    enteredBy: uuid("entered_by").references(() => users.id, { onDelete: "set null" }),
    ...citationColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("progress_entries_indicator_idx").on(t.indicatorId, t.periodKey),
    check(
      "entry_value_finite",
      sql`${t.value} = ${t.value} and ${t.value} not in ('Infinity'::float8, '-Infinity'::float8)`,
    ),
    citationChecks(t),
  ],
);
