import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
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
import type { DimensionSpec, ScaleLevel } from "../app/indicators/dimensions";
import { frequencies } from "../app/indicators/periods";
import { aggregationModes, directions, measures } from "../app/indicators/values";
import {
  elementKinds,
  elementLevels,
  elementStatuses,
  evidenceStrengths,
  type LocalizedText,
  linkKinds,
  planStatuses,
  referenceListNames,
} from "../app/plan-graph/vocabulary";

/** Binary content (evidence files): a Buffer in, a Buffer out, on PGlite and postgres.js alike. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

export const planStatus = pgEnum("plan_status", planStatuses);
export const elementKind = pgEnum("element_kind", elementKinds);
export const elementStatus = pgEnum("element_status", elementStatuses);
export const linkKind = pgEnum("link_kind", linkKinds);
export const evidenceStrength = pgEnum("evidence_strength", evidenceStrengths);
export const elementLevel = pgEnum("element_level", elementLevels);
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
    /** Generated demo data (`cli demo-data`): always shown with a badge, never mixed into sourced plans. */
    synthetic: boolean("synthetic").notNull().default(false),
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
    /** Where it acts (global, regional, national, local), where given: drawn on theory-of-change canvases. */
    level: elementLevel("level"),
    /** Its weight among the inputs of each element it rolls up into (docs/rollup.md); default 1, positive. */
    weight: doublePrecision("weight").notNull().default(1),
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
    check("element_weight_positive", sql`${t.weight} > 0 and ${t.weight} < 'Infinity'::float8`),
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
    /** For causal links: the assumption or rationale behind it. */
    rationale: jsonb("rationale").$type<LocalizedText>(),
    evidenceStrength: evidenceStrength("evidence_strength"),
    /** For causal links: where the evidence for it can be read. */
    evidenceLinks: jsonb("evidence_links").$type<{ url: string; label?: string }[]>(),
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
  /**
   * The hash chain (migration 0009): `hash` = SHA-256 over the previous row's hash and this row's content, set by a
   * trigger that also gives the row its id under a lock, so ids follow the chain. `cli audit verify` recomputes it.
   */
  prevHash: text("prev_hash"),
  hash: text("hash"),
});

/**
 * Sensitive reads (evidence downloads, exports, CSV downloads, entry pages with narratives): who read what, when.
 * Append-only like the audit trail; never holds the content read.
 */
export const readEvents = pgTable(
  "read_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    /** A dotted verb: `evidence.download`, `plan.export`, `canvas.export`, `dashboard.csv`, `entry.view`, … */
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** What was read, without its content (a file's name and size, a CSV's filters). */
    detail: jsonb("detail"),
  },
  (t) => [index("read_events_at_idx").on(t.at), index("read_events_entity_idx").on(t.entityType, t.entityId)],
);

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
    /** Set by an administrator's password reset: the user must choose a new password at next sign-in. */
    passwordChangeRequired: boolean("password_change_required").notNull().default(false),
    /** Failed sign-ins on this account (from any address) since `failedSignInsSince`, shown at next sign-in. */
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    failedSignInsSince: timestamp("failed_sign_ins_since", { withTimezone: true }),
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

/** Single-use recovery codes for the second factor; only their hashes are kept. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: createdAt(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
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
    /** Disaggregation dimensions in grid order: region, gender, language (built in) or custom ones with values. */
    dimensions: jsonb("dimensions").$type<DimensionSpec[]>().notNull().default([]),
    /** For `qualitative` indicators: the ordered milestone levels (a reported value is a level's index). */
    scale: jsonb("scale").$type<ScaleLevel[]>(),
    /** For `maintain`: how far from the target still counts as maintained. */
    tolerance: doublePrecision("tolerance"),
    baselineValue: doublePrecision("baseline_value"),
    baselineDate: date("baseline_date"),
    baselineNote: jsonb("baseline_note").$type<LocalizedText>(),
    meansOfVerification: jsonb("means_of_verification").$type<LocalizedText>(),
    dataSource: jsonb("data_source").$type<LocalizedText>(),
    responsibleId: uuid("responsible_id").references(() => users.id, { onDelete: "set null" }),
    /** Its weight among the inputs of each element it measures (docs/rollup.md); default 1, positive. */
    weight: doublePrecision("weight").notNull().default(1),
    /** Incremented by every change to the definition or targets; earlier revisions are in indicator_revisions. */
    revision: integer("revision").notNull().default(1),
    ...citationColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("indicators_plan_code_key").on(t.planId, t.code),
    unique("indicators_plan_id_key").on(t.planId, t.id),
    check("indicator_name_has_en", sql`${t.name} ? 'en'`),
    check("indicator_weight_positive", sql`${t.weight} > 0 and ${t.weight} < 'Infinity'::float8`),
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
    /** The activity the entry was logged from, when it was logged from one. */
    elementId: uuid("element_id").references(() => elements.id, { onDelete: "set null" }),
    /** A key the logging form sends once per form, so a double submit creates one entry. */
    submissionKey: text("submission_key").unique(),
    /** Where an imported entry came from (`kobo:<connection id>`, `csv`) and its id there; unique together. */
    externalSource: text("external_source"),
    externalId: text("external_id"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    ...citationColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("progress_entries_indicator_idx").on(t.indicatorId, t.periodKey),
    index("progress_entries_status_idx").on(t.status),
    unique("progress_entries_external_key").on(t.externalSource, t.externalId),
    check(
      "entry_value_finite",
      sql`${t.value} = ${t.value} and ${t.value} not in ('Infinity'::float8, '-Infinity'::float8)`,
    ),
    citationChecks(t),
  ],
);

/** A target for an indicator and period: for the total (`cell` = {}) or for one cell of its disaggregation. */
export const indicatorTargets = pgTable(
  "indicator_targets",
  {
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    periodKey: text("period_key").notNull(),
    /** Canonical key of the cell (`gender=trans|region=africa`), "" for the total. */
    cellKey: text("cell_key").notNull().default(""),
    cell: jsonb("cell").$type<Record<string, string>>().notNull().default({}),
    value: doublePrecision("value").notNull(),
    /** A target stated in a source document cites it (seeds/nswp/indicators.json). */
    ...citationColumns(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.periodKey, t.cellKey] }), citationChecks(t)],
);

/**
 * Earlier versions of an indicator: before a change, its definition and targets as they were are kept here with
 * the change's rationale, so what a report said at the time stays readable. Never updated or deleted.
 */
export const indicatorRevisions = pgTable(
  "indicator_revisions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    /** The revision number the snapshot had (the indicator now has a higher one). */
    revision: integer("revision").notNull(),
    snapshot: jsonb("snapshot").notNull(),
    rationale: text("rationale"),
    replacedBy: uuid("replaced_by").references(() => users.id, { onDelete: "set null" }),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("indicator_revisions_key").on(t.indicatorId, t.revision)],
);

/** Who is responsible for an element (an activity's staff): their "my activities". */
export const elementAssignees = pgTable(
  "element_assignees",
  {
    elementId: uuid("element_id")
      .notNull()
      .references(() => elements.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.elementId, t.userId] }), index("element_assignees_user_idx").on(t.userId)],
);

export const entryNoteKind = pgEnum("entry_note_kind", ["returned", "answered", "approved", "comment"]);

/** The conversation on an entry: an M&E officer's return note, the author's answer, an approval remark. */
export const entryNotes = pgTable(
  "entry_notes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => progressEntries.id, { onDelete: "cascade" }),
    kind: entryNoteKind("kind").notNull(),
    body: text("body").notNull(),
    /** The language the note is written in (`en`, `fr`, …) when known, so pages mark it for screen readers. */
    language: text("language"),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("entry_notes_entry_idx").on(t.entryId)],
);

/** Evidence for an entry: a link, or a file kept in the database (size limit in docs/guides/staff.md). */
export const entryEvidence = pgTable(
  "entry_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => progressEntries.id, { onDelete: "cascade" }),
    url: text("url"),
    fileName: text("file_name"),
    contentType: text("content_type"),
    size: integer("size"),
    content: bytea("content"),
    /** SHA-256 of a file's bytes (hex), kept after removal so the audit trail can name what was removed. */
    sha256: text("sha256"),
    addedBy: uuid("added_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    /** A removed piece of evidence is a tombstone: hidden everywhere, kept until a retention rule purges it. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removedBy: uuid("removed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("entry_evidence_entry_idx").on(t.entryId),
    check(
      "evidence_link_or_file",
      sql`(${t.url} is not null and ${t.content} is null) or (${t.url} is null and ${t.fileName} is not null and (${t.content} is not null or ${t.removedAt} is not null))`,
    ),
  ],
);

/** A locked period: its approved entries can no longer change, nor can new ones be added, until it is unlocked. */
export const periodLocks = pgTable(
  "period_locks",
  {
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    periodKey: text("period_key").notNull(),
    lockedBy: uuid("locked_by").references(() => users.id, { onDelete: "set null" }),
    lockedAt: timestamp("locked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.periodKey] })],
);

/** A KoboToolbox form whose submissions become draft entries. The API token is encrypted (app/auth/secrets). */
export const koboConnections = pgTable("kobo_connections", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  planId: uuid("plan_id")
    .notNull()
    .references(() => plans.id, { onDelete: "cascade" }),
  serverUrl: text("server_url").notNull(),
  tokenEncrypted: text("token_encrypted").notNull(),
  assetUid: text("asset_uid").notNull(),
  /** Which form fields give the period, date, indicator values and their dimensions (app/kobo/format.ts). */
  mapping: jsonb("mapping").notNull(),
  /** The newest `_submission_time` already pulled: the next run asks only for later ones. */
  lastSubmissionTime: text("last_submission_time"),
  /** Set while a sync runs (claimed by a conditional update): one sync per connection at a time. */
  syncStartedAt: timestamp("sync_started_at", { withTimezone: true }),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** One pull from a Kobo connection: what came, what became draft entries, what was skipped and why. */
export const koboRuns = pgTable(
  "kobo_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => koboConnections.id, { onDelete: "cascade" }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    outcome: text("outcome").notNull(),
    fetched: integer("fetched").notNull().default(0),
    created: integer("created").notNull().default(0),
    skipped: jsonb("skipped").$type<{ submission: string; reason: string }[]>().notNull().default([]),
    error: text("error"),
  },
  (t) => [index("kobo_runs_connection_idx").on(t.connectionId)],
);

// ---------------------------------------------------------------- roll-up summaries (issue 5, docs/decisions/008)

/**
 * Approved progress per indicator × period × decision day, kept current by triggers on progress_entries in the
 * writing transaction (never written by the application). `decided_on` is the UTC day of `decided_at`, `-infinity`
 * when it is null (figures imported from source documents count on every day). `latest_*` is the entry ranked last
 * by (reported_on, created_at, id) among that day's approvals. Lets a roll-up "as of" an earlier day read only the
 * approvals made by then.
 */
export const rollupCellDays = pgTable(
  "rollup_cell_days",
  {
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    periodKey: text("period_key").notNull(),
    decidedOn: date("decided_on").notNull(),
    valueSum: doublePrecision("value_sum").notNull(),
    entryCount: integer("entry_count").notNull(),
    latestValue: doublePrecision("latest_value").notNull(),
    latestReportedOn: date("latest_reported_on").notNull(),
    latestCreatedAt: timestamp("latest_created_at", { withTimezone: true }).notNull(),
    latestEntryId: uuid("latest_entry_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.periodKey, t.decidedOn] })],
);

/**
 * One row per indicator × period that has received something (an entry submitted or approved), kept current by
 * the same triggers: every approval counted (sum, count, latest value), the first and last decision days, and the
 * first day anything was received (`-infinity` for "always"). The plan overview reads these rows only; it goes
 * back to rollup_cell_days only for cells with an approval after the day asked about.
 */
export const rollupCells = pgTable(
  "rollup_cells",
  {
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    indicatorId: uuid("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    periodKey: text("period_key").notNull(),
    approvedCount: integer("approved_count").notNull(),
    approvedSum: doublePrecision("approved_sum"),
    latestValue: doublePrecision("latest_value"),
    firstApprovedOn: date("first_approved_on"),
    lastApprovedOn: date("last_approved_on"),
    firstReceivedOn: date("first_received_on").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.indicatorId, t.periodKey] }),
    index("rollup_cells_plan_idx").on(t.planId, t.indicatorId),
  ],
);

/**
 * A plan's roll-up version: a fresh number (from a sequence, so never reused, even after a rollback) written by
 * triggers in the transaction of every change a roll-up reads (entries, elements, links, indicators, targets, the
 * plan's dates). A roll-up computed at a version can be reused until the version changes (app/rollup/store.server.ts).
 */
export const rollupPlanVersions = pgTable("rollup_plan_versions", {
  planId: uuid("plan_id")
    .primaryKey()
    .references(() => plans.id, { onDelete: "cascade" }),
  version: bigint("version", { mode: "number" }).notNull(),
});

/**
 * A theory-of-change canvas: a drawing of part of a plan's graph (the whole plan, or one objective's pathway). The
 * elements and links are the plan's own; the canvas keeps only which elements it shows and where. `version` goes up
 * with every save, and a save names the version it started from, so a stale save is refused, never applied.
 */
export const tocCanvases = pgTable(
  "toc_canvases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: jsonb("title").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>(),
    /** The element whose pathway the canvas draws (an objective, say), or null for the whole plan. */
    focusElementId: uuid("focus_element_id"),
    /** A draft (the seeded NSWP theory of change, reconstructed from the 2015 review) is labelled as one. */
    draft: boolean("draft").notNull().default(false),
    /** Whether the outline's `part_of` links are drawn. */
    showOutline: boolean("show_outline").notNull().default(true),
    /** The direction auto-layout lays the layers out in (elkjs `elk.direction`). */
    layoutDirection: text("layout_direction").notNull().default("RIGHT"),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    ...citationColumns(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique("toc_canvases_plan_slug_key").on(t.planId, t.slug),
    // Lets nodes require their element to be in the canvas's plan.
    unique("toc_canvases_plan_id_key").on(t.planId, t.id),
    foreignKey({
      columns: [t.planId, t.focusElementId],
      foreignColumns: [elements.planId, elements.id],
      name: "toc_canvases_focus_fk",
    }).onDelete("cascade"),
    check("toc_canvas_slug_format", sql`${t.slug} ~ ${sql.raw(`'${slugPattern}'`)}`),
    check("toc_canvas_title_has_en", sql`${t.title} ? 'en'`),
    check("toc_canvas_layout_direction", sql`${t.layoutDirection} in ('RIGHT', 'DOWN', 'LEFT', 'UP')`),
    check("toc_canvas_version_positive", sql`${t.version} > 0`),
    citationChecks(t),
  ],
);

/** An element drawn on a canvas, where. `pinned`: placed by a person, so auto-layout leaves it where it is. */
export const tocCanvasNodes = pgTable(
  "toc_canvas_nodes",
  {
    canvasId: uuid("canvas_id").notNull(),
    planId: uuid("plan_id").notNull(),
    elementId: uuid("element_id").notNull(),
    x: doublePrecision("x").notNull(),
    y: doublePrecision("y").notNull(),
    pinned: boolean("pinned").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.canvasId, t.elementId] }),
    foreignKey({
      columns: [t.planId, t.canvasId],
      foreignColumns: [tocCanvases.planId, tocCanvases.id],
      name: "toc_canvas_nodes_canvas_fk",
    }).onDelete("cascade"),
    foreignKey({
      columns: [t.planId, t.elementId],
      foreignColumns: [elements.planId, elements.id],
      name: "toc_canvas_nodes_element_fk",
    }).onDelete("cascade"),
    index("toc_canvas_nodes_element_idx").on(t.elementId),
    check(
      "toc_canvas_node_position_finite",
      sql`${t.x} = ${t.x} and ${t.y} = ${t.y} and abs(${t.x}) < 1e7 and abs(${t.y}) < 1e7`,
    ),
  ],
);
