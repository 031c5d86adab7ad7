import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  elements,
  entryEvidence,
  entryNotes,
  indicatorElements,
  indicators,
  periodLocks,
  plans,
  progressEntries,
} from "../../db/schema";
import { recordAudit } from "../audit.server";
import { can, type Permission, type Viewer } from "../auth/policy";
import { type RefusalStatus, Refused } from "../errors";
import { type FieldProblem, type MessageValues, problem, wholeForm } from "../forms/problem";
import {
  checkEntry,
  type EntryDraft,
  type IndicatorRules,
  insertEntries,
  loadIndicatorRules,
} from "./entries.server";
import { evidenceShown, sha256Of, tombstoneEvidence } from "./evidence.server";
import {
  cellFieldPrefix,
  type EntryFields,
  entryProblem,
  evidenceLimitBytes,
  formFieldOf,
  maxEvidenceItems,
  maxNarrativeLength,
  maxNoteLength,
  readEntryFields,
} from "./form";

/**
 * The life of a progress entry: draft → submitted → returned | approved, and the locking of a period once its
 * entries are verified. Each mutation is one transaction with one audit row, authorised by the actor's permission
 * and, for an author's actions, by ownership (staff act on their own entries only). Values are checked by the
 * shared rules of entries.server.ts; the database refuses any change in a locked period whatever the path.
 */

export type EntryStatus = "draft" | "submitted" | "returned" | "approved";

/** Why a transition is refused; `progress.refused.<reason>` in the catalogue says it to the person. */
export type RefusalReason =
  | "notFound"
  | "notAnActivity"
  | "notEditable"
  | "notSubmitted"
  | "notReturned"
  | "locked"
  | "ownEntry"
  | "noteRequired"
  | "answerRequired"
  | "rationaleRequired"
  | "waitingEntries"
  | "nothingApproved"
  | "alreadyLocked"
  | "notLocked"
  | "unknownPeriod"
  | "needsFix"
  | "submissionKeyUsed";

/** The text a refusal for want of one is about (the rest concern the request as a whole). */
const requiredText: Partial<Record<RefusalReason, string>> = {
  noteRequired: "note",
  answerRequired: "answer",
  rationaleRequired: "rationale",
};

/** 404 for what the viewer may not see, 400 for a text left empty, 409 for what the entry's state does not allow. */
const refusalStatus = (reason: RefusalReason): RefusalStatus =>
  reason === "notFound" ? 404 : requiredText[reason] ? 400 : 409;

/** A transition refused (`progress.refused.<reason>`); nothing was written. */
export class EntryRefused extends Refused {
  constructor(
    readonly reason: RefusalReason,
    readonly detail: MessageValues = {},
    /** For `waitingEntries`: the entries that block the lock. */
    readonly entries: readonly { id: string; status: EntryStatus }[] = [],
  ) {
    super(
      [
        problem(
          requiredText[reason] ?? wholeForm,
          `progress.refused.${reason}`,
          Object.keys(detail).length ? detail : undefined,
        ),
      ],
      refusalStatus(reason),
    );
  }
}

/** The typed values cannot be recorded: each problem names its form field. Nothing was written. */
export class EntryProblems extends Refused {
  constructor(problems: readonly FieldProblem[]) {
    super([...problems], 400);
  }
}

export type EvidenceFile = { name: string; type: string; content: Buffer };
export type EvidenceInput = { links: readonly string[]; files: readonly EvidenceFile[] };

const actorOf = (viewer: Viewer) => `user:${viewer.id}`;
export const todayUtc = () => new Date().toISOString().slice(0, 10);

function allow(viewer: Viewer, permission: Permission) {
  // Callers authorise the request too; this keeps the domain safe whoever calls it (CLI, tests, another page).
  if (!can(viewer, permission)) throw new EntryRefused("notFound");
}

const pgCode = (error: unknown): string | undefined => {
  const candidate = error as { code?: string; cause?: { code?: string } };
  return candidate.code ?? candidate.cause?.code;
};
const pgMessage = (error: unknown): string => {
  const candidate = error as { message?: string; cause?: { message?: string } };
  return `${candidate.cause?.message ?? ""} ${candidate.message ?? ""}`;
};
/** The trigger of migration 0005 refuses any change to an entry in a locked period. */
const isLockRefusal = (error: unknown) => pgCode(error) === "23514" && /is locked/.test(pgMessage(error));

/** The problem of a note, answer or rationale longer than the limit, by the form field it came from. */
const longNoteProblems = (field: string, text: string): FieldProblem[] =>
  text.length > maxNoteLength ? [entryProblem(field, "tooLong", { max: maxNoteLength })] : [];

function refuseLongNote(field: string, text: string) {
  const problems = longNoteProblems(field, text);
  if (problems.length) throw new EntryProblems(problems);
}

/** Runs a mutation, turning the database's locked-period refusal into the same refusal the checks give. */
async function guarded<T>(work: () => Promise<T>, periodKey: () => string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isLockRefusal(error)) throw new EntryRefused("locked", { period: periodKey() });
    throw error;
  }
}

/** The indicator rules for logging from an activity: the element must be an activity the indicator measures. */
async function rulesForActivity(db: Db, viewer: Viewer, elementId: string, indicatorId: string) {
  const [link] = await db
    .select({ kind: elements.kind })
    .from(indicatorElements)
    .innerJoin(elements, eq(elements.id, indicatorElements.elementId))
    .where(and(eq(indicatorElements.elementId, elementId), eq(indicatorElements.indicatorId, indicatorId)));
  if (!link) throw new EntryRefused("notFound");
  if (link.kind !== "activity") throw new EntryRefused("notAnActivity");
  // Everyone who may log reads whole plans; should that change, a funder-like scope must not log outside it.
  if (!can(viewer, { action: "plan.read", fundedBy: [] })) throw new EntryRefused("notFound");
  const rules = (await loadIndicatorRules(db, [indicatorId])).get(indicatorId);
  if (!rules) throw new EntryRefused("notFound");
  return rules;
}

/** Reads and checks the typed values against the indicator's rules: the draft, or every problem by form field. */
export function prepareEntry({
  rules,
  fields,
  locale,
  elementId,
  evidence,
  existingEvidence = 0,
  extraProblems = [],
  today,
}: {
  rules: IndicatorRules;
  fields: EntryFields;
  locale: "en" | "fr";
  elementId: string | null;
  evidence: EvidenceInput;
  existingEvidence?: number;
  extraProblems?: readonly FieldProblem[];
  today: string;
}): { draft: EntryDraft; total: number } {
  const read = readEntryFields(rules, fields, locale);
  const problems: FieldProblem[] = [...read.problems, ...extraProblems];
  const narrative = fields.narrative.trim();
  if (narrative.length > maxNarrativeLength)
    problems.push(entryProblem("narrative", "tooLong", { max: maxNarrativeLength }));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.reportedOn)) problems.push(entryProblem("reportedOn", "dateFormat"));
  const draft: EntryDraft = {
    indicatorId: rules.id,
    periodKey: fields.period,
    total: read.total,
    breakdown: read.breakdown,
    narrative: narrative || null,
    reportedOn: fields.reportedOn,
    elementId,
  };
  const checked = checkEntry(rules, draft, today);
  // With a box of the grid unreadable, the breakdown's sum is not what was meant: do not compare the total to it.
  const unreadableCell = read.problems.some((problem) => problem.field.startsWith(cellFieldPrefix));
  const placed = checked.problems
    .filter((problem) => !(unreadableCell && problem.problem === "contradictsBreakdown"))
    .map((problem) => formFieldOf(problem, read.cellFields, rules.measure));
  // A number that could not be read already has its problem; do not add "required" for the same field.
  for (const problem of placed) {
    if (!problems.some((known) => known.field === problem.field)) problems.push(problem);
  }
  const bytes = evidence.files.reduce((sum, file) => sum + file.content.byteLength, 0);
  if (bytes > evidenceLimitBytes)
    problems.push(entryProblem("evidenceFiles", "filesTooLarge", { max: evidenceLimitBytes }));
  if (existingEvidence + evidence.links.length + evidence.files.length > maxEvidenceItems)
    problems.push(entryProblem("evidenceFiles", "tooManyEvidence", { max: maxEvidenceItems }));
  if (problems.length || checked.total === null) throw new EntryProblems(problems);
  return { draft, total: checked.total };
}

async function insertEvidence(tx: Db, entryId: string, evidence: EvidenceInput, viewer: Viewer) {
  const rows = [
    ...evidence.links.map((url) => ({ entryId, url, addedBy: viewer.id })),
    ...evidence.files.map((file) => ({
      entryId,
      fileName: file.name.slice(0, 200) || "evidence",
      // The browser's word for the type, kept only when it is a plain media type (it is sent back as a header).
      contentType: /^[\w.+-]{1,100}\/[\w.+-]{1,100}$/.test(file.type)
        ? file.type
        : "application/octet-stream",
      size: file.content.byteLength,
      content: file.content,
      sha256: sha256Of(file.content),
      addedBy: viewer.id,
    })),
  ];
  if (rows.length) await tx.insert(entryEvidence).values(rows);
  return rows.length;
}

/** Holds the indicator against a concurrent lock of its periods until this transaction ends. */
async function holdIndicator(tx: Db, indicatorId: string) {
  await tx.select({ id: indicators.id }).from(indicators).where(eq(indicators.id, indicatorId)).for("share");
}

const valuesOf = (entry: { periodKey: string; value: number; breakdown: unknown; reportedOn: string }) => ({
  period: entry.periodKey,
  value: entry.value,
  breakdown: entry.breakdown ?? null,
  reportedOn: entry.reportedOn,
});

/**
 * Logs an entry from an activity's form, as a draft or submitted. The form's submission key makes a double submit
 * return the entry the first one created (`created: false`) instead of a second entry.
 */
export async function createEntry({
  db,
  viewer,
  elementId,
  indicatorId,
  fields,
  locale,
  evidence,
  submit,
  submissionKey,
  extraProblems = [],
  today = todayUtc(),
}: {
  db: Db;
  viewer: Viewer;
  elementId: string;
  indicatorId: string;
  fields: EntryFields;
  locale: "en" | "fr";
  evidence: EvidenceInput;
  submit: boolean;
  submissionKey: string;
  extraProblems?: readonly FieldProblem[];
  today?: string;
}): Promise<{ id: string; created: boolean }> {
  allow(viewer, { action: "progress.log" });
  const already = async () => {
    const [existing] = await db
      .select({ id: progressEntries.id, enteredBy: progressEntries.enteredBy })
      .from(progressEntries)
      .where(eq(progressEntries.submissionKey, submissionKey));
    if (!existing) return null;
    if (existing.enteredBy !== viewer.id) throw new EntryRefused("submissionKeyUsed");
    return { id: existing.id, created: false };
  };
  const first = await already();
  if (first) return first;
  const rules = await rulesForActivity(db, viewer, elementId, indicatorId);
  const { draft, total } = prepareEntry({ rules, fields, locale, elementId, evidence, extraProblems, today });
  const status = submit ? ("submitted" as const) : ("draft" as const);
  try {
    return await guarded(
      () =>
        db.transaction(async (tx) => {
          const [id] = await insertEntries(tx, [
            { draft, total, status, enteredBy: viewer.id, submissionKey },
          ]);
          if (!id) throw new Error("the entry was not written");
          const evidenceCount = await insertEvidence(tx, id, evidence, viewer);
          await recordAudit(tx, {
            actor: actorOf(viewer),
            action: "entry.create",
            entityType: "progress_entry",
            entityId: id,
            after: {
              indicator: rules.code,
              status,
              period: draft.periodKey,
              value: total,
              breakdown: draft.breakdown,
              reportedOn: draft.reportedOn,
              narrative: draft.narrative,
              evidence: evidenceCount,
            },
          });
          return { id, created: true };
        }),
      () => draft.periodKey,
    );
  } catch (error) {
    // Two submits of one form at the same moment: the second meets the first's key; answer with its entry.
    if (pgCode(error) === "23505") {
      const again = await already();
      if (again) return again;
    }
    throw error;
  }
}

type EntryRow = typeof progressEntries.$inferSelect;

/** The text of a stored narrative (kept as `{ en: … }` for an entry typed in the app). */
const narrativeText = (narrative: EntryRow["narrative"]): string | null => (narrative ? narrative.en : null);

/** The entry for its author, locked for the transaction; someone else's entry is "not found" (404). */
async function ownEntry(tx: Db, viewer: Viewer, entryId: string): Promise<EntryRow> {
  allow(viewer, { action: "progress.log" });
  const [entry] = await tx
    .select()
    .from(progressEntries)
    .where(eq(progressEntries.id, entryId))
    .for("update");
  if (!entry || entry.enteredBy !== viewer.id) throw new EntryRefused("notFound");
  return entry;
}

/**
 * The author's draft or returned entry with its indicator's rules, the indicator held against a concurrent lock;
 * an entry in a locked period is refused.
 */
async function editableEntry(tx: Db, viewer: Viewer, entryId: string) {
  const entry = await ownEntry(tx, viewer, entryId);
  if (entry.status !== "draft" && entry.status !== "returned")
    throw new EntryRefused("notEditable", { status: entry.status });
  await holdIndicator(tx, entry.indicatorId);
  const rules = (await loadIndicatorRules(tx, [entry.indicatorId])).get(entry.indicatorId);
  if (!rules) throw new EntryRefused("notFound");
  if (rules.lockedPeriods.has(entry.periodKey)) throw new EntryRefused("locked", { period: entry.periodKey });
  return { entry, rules };
}

async function isLocked(tx: Db, indicatorId: string, periodKey: string) {
  const [lock] = await tx
    .select({ periodKey: periodLocks.periodKey })
    .from(periodLocks)
    .where(and(eq(periodLocks.indicatorId, indicatorId), eq(periodLocks.periodKey, periodKey)));
  return Boolean(lock);
}

/**
 * The author changes a draft or a returned entry (values, narrative, date, evidence), and may submit it in the same
 * step, with an answer to the M&E officer's note. Approved and submitted entries cannot be edited.
 */
export async function updateEntry({
  db,
  viewer,
  entryId,
  fields,
  locale,
  evidence,
  removeEvidence = [],
  submit,
  answer = "",
  extraProblems = [],
  today = todayUtc(),
}: {
  db: Db;
  viewer: Viewer;
  entryId: string;
  fields: EntryFields;
  locale: "en" | "fr";
  evidence: EvidenceInput;
  removeEvidence?: readonly string[];
  submit: boolean;
  answer?: string;
  extraProblems?: readonly FieldProblem[];
  today?: string;
}): Promise<void> {
  let periodKey = "";
  await guarded(
    () =>
      db.transaction(async (tx) => {
        const { entry, rules } = await editableEntry(tx, viewer, entryId);
        periodKey = entry.periodKey;
        const kept = await tx
          .select({ id: entryEvidence.id })
          .from(entryEvidence)
          .where(and(eq(entryEvidence.entryId, entry.id), evidenceShown));
        const removing = kept.filter((row) => removeEvidence.includes(row.id)).map((row) => row.id);
        const body = answer.trim();
        const { draft, total } = prepareEntry({
          rules,
          fields,
          locale,
          elementId: entry.elementId,
          evidence,
          existingEvidence: kept.length - removing.length,
          extraProblems: [...extraProblems, ...longNoteProblems("answer", body)],
          today,
        });
        periodKey = draft.periodKey;
        const status: EntryStatus = submit ? "submitted" : entry.status;
        await tx
          .update(progressEntries)
          .set({
            periodKey: draft.periodKey,
            value: total,
            breakdown: draft.breakdown?.length ? draft.breakdown : null,
            narrative: draft.narrative ? { en: draft.narrative } : null,
            reportedOn: draft.reportedOn,
            status,
            submittedAt: submit ? new Date() : entry.submittedAt,
            updatedAt: sql`now()`,
          })
          .where(eq(progressEntries.id, entry.id));
        // Removed evidence becomes a tombstone (hidden everywhere; its content erased later by the retention rule).
        const removed = await tombstoneEvidence(tx, { entryId: entry.id, ids: removing, by: viewer.id });
        const added = await insertEvidence(tx, entry.id, evidence, viewer);
        if (body)
          await tx
            .insert(entryNotes)
            .values({ entryId: entry.id, kind: "answered", body, authorId: viewer.id });
        await recordAudit(tx, {
          actor: actorOf(viewer),
          action: submit ? (entry.status === "returned" ? "entry.resubmit" : "entry.submit") : "entry.update",
          entityType: "progress_entry",
          entityId: entry.id,
          // The narrative before and after (the audit trail is for administrators only), and what each removed
          // piece of evidence was: its name, type, size and SHA-256.
          before: {
            status: entry.status,
            ...valuesOf(entry),
            narrative: narrativeText(entry.narrative),
            ...(removed.length ? { evidence: removed } : {}),
          },
          after: {
            status,
            period: draft.periodKey,
            value: total,
            breakdown: draft.breakdown,
            reportedOn: draft.reportedOn,
            narrative: draft.narrative,
            evidenceAdded: added,
            evidenceRemoved: removed.length,
            answered: Boolean(body),
          },
        });
      }),
    () => periodKey,
  );
}

/** The author submits a draft or a returned entry as it is; its values are checked again first. */
export async function submitEntry({
  db,
  viewer,
  entryId,
  today = todayUtc(),
}: {
  db: Db;
  viewer: Viewer;
  entryId: string;
  today?: string;
}): Promise<void> {
  let periodKey = "";
  await guarded(
    () =>
      db.transaction(async (tx) => {
        const { entry, rules } = await editableEntry(tx, viewer, entryId);
        periodKey = entry.periodKey;
        const checked = checkEntry(
          rules,
          {
            indicatorId: entry.indicatorId,
            periodKey: entry.periodKey,
            total: entry.breakdown?.length ? null : entry.value,
            breakdown: entry.breakdown,
            narrative: null,
            reportedOn: entry.reportedOn,
          },
          today,
        );
        // A draft from an import, or one whose indicator changed since, may need fixing in its form first.
        if (checked.problems.length)
          throw new EntryRefused("needsFix", { problems: checked.problems.length });
        await tx
          .update(progressEntries)
          .set({ status: "submitted", submittedAt: new Date(), updatedAt: sql`now()` })
          .where(eq(progressEntries.id, entry.id));
        await recordAudit(tx, {
          actor: actorOf(viewer),
          action: entry.status === "returned" ? "entry.resubmit" : "entry.submit",
          entityType: "progress_entry",
          entityId: entry.id,
          before: { status: entry.status },
          after: { status: "submitted" },
        });
      }),
    () => periodKey,
  );
}

/** The author answers the M&E officer's return note without changing the entry (it stays returned). */
export async function answerReturn({
  db,
  viewer,
  entryId,
  body,
}: {
  db: Db;
  viewer: Viewer;
  entryId: string;
  body: string;
}): Promise<void> {
  const text = body.trim();
  if (!text) throw new EntryRefused("answerRequired");
  refuseLongNote("answer", text);
  await db.transaction(async (tx) => {
    const entry = await ownEntry(tx, viewer, entryId);
    if (entry.status !== "returned") throw new EntryRefused("notReturned", { status: entry.status });
    const [note] = await tx
      .insert(entryNotes)
      .values({ entryId: entry.id, kind: "answered", body: text, authorId: viewer.id })
      .returning({ id: entryNotes.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "entry.answer",
      entityType: "progress_entry",
      entityId: entry.id,
      after: { note: note?.id, length: text.length },
    });
  });
}

/** A submitted entry for its verifier: someone else's, in an unlocked period. */
async function entryToVerify(tx: Db, viewer: Viewer, entryId: string): Promise<EntryRow> {
  allow(viewer, { action: "progress.verify" });
  const [entry] = await tx
    .select()
    .from(progressEntries)
    .where(eq(progressEntries.id, entryId))
    .for("update");
  if (!entry) throw new EntryRefused("notFound");
  if (entry.status !== "submitted") throw new EntryRefused("notSubmitted", { status: entry.status });
  // Verification is a second pair of eyes: nobody verifies what they entered themselves.
  if (entry.enteredBy === viewer.id) throw new EntryRefused("ownEntry");
  if (await isLocked(tx, entry.indicatorId, entry.periodKey))
    throw new EntryRefused("locked", { period: entry.periodKey });
  return entry;
}

/** Records the verifier's decision on a submitted entry: its new status, the note kept with it if any, and the audit. */
async function decideEntry({
  db,
  viewer,
  entryId,
  status,
  note,
  after,
}: {
  db: Db;
  viewer: Viewer;
  entryId: string;
  status: "approved" | "returned";
  note: string;
  after: (entry: EntryRow) => Record<string, unknown>;
}): Promise<void> {
  let periodKey = "";
  await guarded(
    () =>
      db.transaction(async (tx) => {
        const entry = await entryToVerify(tx, viewer, entryId);
        periodKey = entry.periodKey;
        await tx
          .update(progressEntries)
          .set({ status, decidedAt: new Date(), decidedBy: viewer.id, updatedAt: sql`now()` })
          .where(eq(progressEntries.id, entry.id));
        if (note)
          await tx
            .insert(entryNotes)
            .values({ entryId: entry.id, kind: status, body: note, authorId: viewer.id });
        await recordAudit(tx, {
          actor: actorOf(viewer),
          action: status === "approved" ? "entry.approve" : "entry.return",
          entityType: "progress_entry",
          entityId: entry.id,
          before: { status: entry.status },
          after: after(entry),
        });
      }),
    () => periodKey,
  );
}

/** The M&E officer approves a submitted entry (it then counts everywhere), with an optional remark. */
export async function approveEntry({
  db,
  viewer,
  entryId,
  note = "",
}: {
  db: Db;
  viewer: Viewer;
  entryId: string;
  note?: string;
}): Promise<void> {
  const text = note.trim();
  refuseLongNote("note", text);
  await decideEntry({
    db,
    viewer,
    entryId,
    status: "approved",
    note: text,
    after: (entry) => ({ status: "approved", ...valuesOf(entry), remark: Boolean(text) }),
  });
}

/** The M&E officer returns a submitted entry to its author with a note saying what to fix (required). */
export async function returnEntry({
  db,
  viewer,
  entryId,
  note,
}: {
  db: Db;
  viewer: Viewer;
  entryId: string;
  note: string;
}): Promise<void> {
  const text = note.trim();
  if (!text) throw new EntryRefused("noteRequired");
  refuseLongNote("note", text);
  await decideEntry({
    db,
    viewer,
    entryId,
    status: "returned",
    note: text,
    after: () => ({ status: "returned", note: text }),
  });
}

async function indicatorPeriods(tx: Db, indicatorId: string) {
  const [row] = await tx
    .select({ id: indicators.id, code: indicators.code, planId: indicators.planId })
    .from(indicators)
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .where(eq(indicators.id, indicatorId))
    .for("update", { of: indicators });
  if (!row) throw new EntryRefused("notFound");
  const rules = (await loadIndicatorRules(tx, [indicatorId])).get(indicatorId);
  if (!rules) throw new EntryRefused("notFound");
  return { indicator: row, rules };
}

/**
 * Locks a period of an indicator: its approved entries can no longer change and nothing can be added until it is
 * unlocked. Only a period whose entries are all verified: submitted or returned entries block the lock (they are
 * named), and a period with no approved entry has nothing to lock.
 */
export async function lockPeriod({
  db,
  viewer,
  indicatorId,
  periodKey,
}: {
  db: Db;
  viewer: Viewer;
  indicatorId: string;
  periodKey: string;
}): Promise<void> {
  allow(viewer, { action: "progress.verify" });
  await db.transaction(async (tx) => {
    const { indicator, rules } = await indicatorPeriods(tx, indicatorId);
    if (!rules.periods.some((period) => period.key === periodKey))
      throw new EntryRefused("unknownPeriod", { period: periodKey });
    if (rules.lockedPeriods.has(periodKey)) throw new EntryRefused("alreadyLocked", { period: periodKey });
    const entries = await tx
      .select({ id: progressEntries.id, status: progressEntries.status })
      .from(progressEntries)
      .where(and(eq(progressEntries.indicatorId, indicatorId), eq(progressEntries.periodKey, periodKey)));
    const waiting = entries.filter((entry) => entry.status === "submitted" || entry.status === "returned");
    if (waiting.length)
      throw new EntryRefused("waitingEntries", { period: periodKey, count: waiting.length }, waiting);
    const approved = entries.filter((entry) => entry.status === "approved").length;
    if (approved === 0) throw new EntryRefused("nothingApproved", { period: periodKey });
    await tx.insert(periodLocks).values({ indicatorId, periodKey, lockedBy: viewer.id });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "period.lock",
      entityType: "period_lock",
      entityId: `${indicatorId}:${periodKey}`,
      after: {
        indicator: indicator.code,
        period: periodKey,
        approved,
        drafts: entries.filter((entry) => entry.status === "draft").length,
      },
    });
  });
}

/** Unlocks a period; the rationale is required and kept in the audit trail. */
export async function unlockPeriod({
  db,
  viewer,
  indicatorId,
  periodKey,
  rationale,
}: {
  db: Db;
  viewer: Viewer;
  indicatorId: string;
  periodKey: string;
  rationale: string;
}): Promise<void> {
  allow(viewer, { action: "progress.verify" });
  const reason = rationale.trim();
  if (!reason) throw new EntryRefused("rationaleRequired");
  refuseLongNote("rationale", reason);
  await db.transaction(async (tx) => {
    const { indicator } = await indicatorPeriods(tx, indicatorId);
    const [removed] = await tx
      .delete(periodLocks)
      .where(and(eq(periodLocks.indicatorId, indicatorId), eq(periodLocks.periodKey, periodKey)))
      .returning();
    if (!removed) throw new EntryRefused("notLocked", { period: periodKey });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "period.unlock",
      entityType: "period_lock",
      entityId: `${indicatorId}:${periodKey}`,
      before: {
        indicator: indicator.code,
        period: periodKey,
        lockedBy: removed.lockedBy,
        lockedAt: removed.lockedAt,
      },
      rationale: reason,
    });
  });
}
