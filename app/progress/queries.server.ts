import { aliasedTable, and, asc, count, desc, eq, inArray, ne, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  elementAssignees,
  elements,
  entryEvidence,
  entryNotes,
  indicatorElements,
  indicators,
  periodLocks,
  plans,
  progressEntries,
  users,
} from "../../db/schema";
import { can, type Viewer } from "../auth/policy";
import type { ResolvedDimension } from "../indicators/dimensions";
import { type Period, periodContaining, planPeriods } from "../indicators/periods";
import { compareCodes } from "../plan-graph/graph";
import type { LocalizedText } from "../plan-graph/vocabulary";
import { loadIndicatorRules } from "./entries.server";
import { evidenceShown } from "./evidence.server";
import { defaultPeriod, loggablePeriods } from "./form";
import type { EntryStatus } from "./workflow.server";

/** What the progress pages read. Each takes the viewer and returns only what that viewer may see. */

export type IndicatorBrief = {
  id: string;
  code: string;
  name: LocalizedText;
  measure: "number" | "percentage" | "qualitative";
  unit: LocalizedText | null;
  scale: { label: LocalizedText }[];
};

const indicatorBrief = (row: typeof indicators.$inferSelect): IndicatorBrief => ({
  id: row.id,
  code: row.code,
  name: row.name,
  measure: row.measure,
  unit: row.unit,
  scale: row.scale ?? [],
});

/** Where a period stands: locked, or what its entries wait for. Drafts count only the viewer's own. */
export type PeriodState = "locked" | "returned" | "submitted" | "approved" | "draft" | "empty";

function periodState(locked: boolean, counts: Partial<Record<EntryStatus, number>>): PeriodState {
  if (locked) return "locked";
  for (const status of ["returned", "submitted", "approved", "draft"] as const)
    if ((counts[status] ?? 0) > 0) return status;
  return "empty";
}

/**
 * How many entries each indicator has, by period and status. For a `viewer`, drafts count only when they are the
 * viewer's own (nobody else sees them).
 */
async function entryCounts(db: Db, indicatorIds: readonly string[], viewer?: Viewer) {
  if (!indicatorIds.length) return [];
  return db
    .select({
      indicatorId: progressEntries.indicatorId,
      periodKey: progressEntries.periodKey,
      status: progressEntries.status,
      n: count(),
    })
    .from(progressEntries)
    .where(
      and(
        inArray(progressEntries.indicatorId, indicatorIds),
        viewer && or(ne(progressEntries.status, "draft"), eq(progressEntries.enteredBy, viewer.id)),
      ),
    )
    .groupBy(progressEntries.indicatorId, progressEntries.periodKey, progressEntries.status);
}

/** The period an activity page reports on first: the one containing today, else the last one that has started. */
function currentPeriod(periods: readonly Period[], today: string): Period | undefined {
  return periodContaining(periods, today) ?? periods.filter((period) => period.start <= today).at(-1);
}

/** A note's text and the language it is written in, when known (for the page's `lang`). */
export type NoteText = { body: string; language: string | null };

async function latestReturnNotes(db: Db, entryIds: readonly string[]) {
  if (entryIds.length === 0) return new Map<string, NoteText>();
  const notes = await db
    .select({ entryId: entryNotes.entryId, body: entryNotes.body, language: entryNotes.language })
    .from(entryNotes)
    .where(and(inArray(entryNotes.entryId, [...entryIds]), eq(entryNotes.kind, "returned")))
    .orderBy(asc(entryNotes.id));
  return new Map<string, NoteText>(
    notes.map((note) => [note.entryId, { body: note.body, language: note.language }]),
  );
}

/**
 * "My activities": the activities assigned to the viewer first, then the other activities with indicators in plans
 * that are not closed. Each with its indicators, the state of their current period, and the viewer's own entries
 * that need attention (returned ones first, with the M&E officer's note; then drafts).
 */
export async function myActivities({ db, viewer, today }: { db: Db; viewer: Viewer; today: string }) {
  if (!can(viewer, { action: "progress.log" }) || !can(viewer, { action: "plan.read", fundedBy: [] }))
    return null;
  const assignedIds = new Set(
    (
      await db
        .select({ elementId: elementAssignees.elementId })
        .from(elementAssignees)
        .where(eq(elementAssignees.userId, viewer.id))
    ).map((row) => row.elementId),
  );
  const measured = await db
    .selectDistinct({ elementId: indicatorElements.elementId })
    .from(indicatorElements)
    .innerJoin(elements, eq(elements.id, indicatorElements.elementId))
    .innerJoin(plans, eq(plans.id, elements.planId))
    .where(and(eq(elements.kind, "activity"), ne(plans.status, "closed"), ne(elements.status, "dropped")));
  const ids = [...new Set([...assignedIds, ...measured.map((row) => row.elementId)])];
  if (ids.length === 0) return { assigned: [], others: [], returnedCount: 0 };

  const rows = await db
    .select({ element: elements, plan: plans })
    .from(elements)
    .innerJoin(plans, eq(plans.id, elements.planId))
    .where(inArray(elements.id, ids));
  const links = await db
    .select({ elementId: indicatorElements.elementId, indicator: indicators })
    .from(indicatorElements)
    .innerJoin(indicators, eq(indicators.id, indicatorElements.indicatorId))
    .where(inArray(indicatorElements.elementId, ids));
  const indicatorIds = [...new Set(links.map((link) => link.indicator.id))];
  const locks = indicatorIds.length
    ? await db.select().from(periodLocks).where(inArray(periodLocks.indicatorId, indicatorIds))
    : [];
  const counts = await entryCounts(db, indicatorIds, viewer);
  const attention = await db
    .select({ entry: progressEntries, indicatorCode: indicators.code })
    .from(progressEntries)
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .where(
      and(
        eq(progressEntries.enteredBy, viewer.id),
        inArray(progressEntries.status, ["returned", "draft"]),
        inArray(progressEntries.elementId, ids),
      ),
    )
    .orderBy(desc(progressEntries.updatedAt));
  const notes = await latestReturnNotes(
    db,
    attention.filter((row) => row.entry.status === "returned").map((row) => row.entry.id),
  );
  const [returned] = await db
    .select({ n: count() })
    .from(progressEntries)
    .where(and(eq(progressEntries.enteredBy, viewer.id), eq(progressEntries.status, "returned")));

  const cards = rows.map(({ element, plan }) => {
    const own = links.filter((link) => link.elementId === element.id).map((link) => link.indicator);
    return {
      assigned: assignedIds.has(element.id),
      plan: { slug: plan.slug, title: plan.title, synthetic: plan.synthetic, status: plan.status },
      code: element.code,
      kind: element.kind,
      title: element.title,
      status: element.status,
      indicators: own
        .sort((a, b) => compareCodes(a.code, b.code))
        .map((indicator) => {
          const period = currentPeriod(planPeriods(plan, indicator.frequency), today);
          const locked = Boolean(
            period &&
              locks.some((lock) => lock.indicatorId === indicator.id && lock.periodKey === period.key),
          );
          const byStatus = Object.fromEntries(
            counts
              .filter((row) => row.indicatorId === indicator.id && row.periodKey === period?.key)
              .map((row) => [row.status, row.n]),
          ) as Partial<Record<EntryStatus, number>>;
          return {
            ...indicatorBrief(indicator),
            frequency: indicator.frequency,
            period: period ? { key: period.key, state: periodState(locked, byStatus) } : null,
          };
        }),
      entries: attention
        .filter((row) => row.entry.elementId === element.id)
        .sort((a, b) => Number(b.entry.status === "returned") - Number(a.entry.status === "returned"))
        .map(({ entry, indicatorCode }) => ({
          id: entry.id,
          indicatorCode,
          periodKey: entry.periodKey,
          status: entry.status,
          value: entry.value,
          note: notes.get(entry.id)?.body ?? null,
          noteLanguage: notes.get(entry.id)?.language ?? null,
        })),
    };
  });
  const order = (a: (typeof cards)[number], b: (typeof cards)[number]) =>
    a.plan.slug.localeCompare(b.plan.slug) || compareCodes(a.code, b.code);
  return {
    assigned: cards.filter((card) => card.assigned).sort(order),
    others: cards.filter((card) => !card.assigned).sort(order),
    returnedCount: returned?.n ?? 0,
  };
}

/** An activity and what its logging form needs: indicators, the chosen one's rules and loggable periods. */
export async function activityForLogging({
  db,
  viewer,
  slug,
  code,
  indicatorCode,
  today,
}: {
  db: Db;
  viewer: Viewer;
  slug: string;
  code: string;
  indicatorCode: string | null;
  today: string;
}) {
  if (!can(viewer, { action: "progress.log" }) || !can(viewer, { action: "plan.read", fundedBy: [] }))
    return null;
  const [row] = await db
    .select({ element: elements, plan: plans })
    .from(elements)
    .innerJoin(plans, eq(plans.id, elements.planId))
    .where(and(eq(plans.slug, slug), eq(elements.code, code)));
  if (row?.element.kind !== "activity") return null;
  const measuring = (
    await db
      .select({ indicator: indicators })
      .from(indicatorElements)
      .innerJoin(indicators, eq(indicators.id, indicatorElements.indicatorId))
      .where(eq(indicatorElements.elementId, row.element.id))
  )
    .map((link) => link.indicator)
    .sort((a, b) => compareCodes(a.code, b.code));
  const chosen = measuring.find((indicator) => indicator.code === indicatorCode) ?? measuring[0] ?? null;
  const rules = chosen ? (await loadIndicatorRules(db, [chosen.id])).get(chosen.id) : undefined;
  const periods = rules ? loggablePeriods(rules.periods, rules.lockedPeriods, today) : [];
  const recent = chosen
    ? await db
        .select()
        .from(progressEntries)
        .where(
          and(
            eq(progressEntries.enteredBy, viewer.id),
            eq(progressEntries.indicatorId, chosen.id),
            eq(progressEntries.elementId, row.element.id),
          ),
        )
        .orderBy(desc(progressEntries.periodKey), desc(progressEntries.createdAt))
        .limit(10)
    : [];
  return {
    plan: { slug: row.plan.slug, title: row.plan.title, synthetic: row.plan.synthetic },
    activity: { id: row.element.id, code: row.element.code, title: row.element.title },
    indicators: measuring.map(indicatorBrief),
    indicator: chosen
      ? {
          ...indicatorBrief(chosen),
          definition: chosen.definition,
          dimensions: rules?.dimensions ?? [],
          frequency: chosen.frequency,
        }
      : null,
    periods,
    defaultPeriod: defaultPeriod(periods, today),
    recent: recent.map((entry) => ({
      id: entry.id,
      periodKey: entry.periodKey,
      status: entry.status,
      value: entry.value,
      locked: Boolean(rules?.lockedPeriods.has(entry.periodKey)),
    })),
  };
}

const author = aliasedTable(users, "author");

/** The viewer's own entries by status (returned first), each with the M&E officer's latest return note. */
export async function myEntries({ db, viewer, limit = 100 }: { db: Db; viewer: Viewer; limit?: number }) {
  if (!can(viewer, { action: "progress.log" })) return null;
  const groups = ["returned", "draft", "submitted", "approved"] as const;
  // Approved entries need nothing more from their author: the latest few are enough on a small page.
  const shown = (status: (typeof groups)[number]) => (status === "approved" ? Math.min(limit, 20) : limit);
  const result = [];
  for (const status of groups) {
    const rows = await db
      .select({
        entry: progressEntries,
        indicator: indicators,
        planSlug: plans.slug,
        activityCode: elements.code,
        locked: periodLocks.periodKey,
      })
      .from(progressEntries)
      .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
      .innerJoin(plans, eq(plans.id, indicators.planId))
      .leftJoin(elements, eq(elements.id, progressEntries.elementId))
      .leftJoin(
        periodLocks,
        and(
          eq(periodLocks.indicatorId, progressEntries.indicatorId),
          eq(periodLocks.periodKey, progressEntries.periodKey),
        ),
      )
      .where(and(eq(progressEntries.enteredBy, viewer.id), eq(progressEntries.status, status)))
      .orderBy(status === "submitted" ? asc(progressEntries.submittedAt) : desc(progressEntries.updatedAt))
      .limit(shown(status) + 1);
    const notes =
      status === "returned"
        ? await latestReturnNotes(
            db,
            rows.map((row) => row.entry.id),
          )
        : null;
    result.push({
      status,
      more: rows.length > shown(status),
      entries: rows.slice(0, shown(status)).map((row) => ({
        id: row.entry.id,
        indicator: indicatorBrief(row.indicator),
        planSlug: row.planSlug,
        activityCode: row.activityCode,
        periodKey: row.entry.periodKey,
        value: row.entry.value,
        reportedOn: row.entry.reportedOn,
        imported: row.entry.externalSource,
        locked: row.locked !== null,
        note: notes?.get(row.entry.id)?.body ?? null,
        noteLanguage: notes?.get(row.entry.id)?.language ?? null,
      })),
    });
  }
  return result;
}

/** Who may open an entry's page (/entries/:id) and its evidence files: its author, and those who verify. */
export const maySee = (viewer: Viewer, entry: { enteredBy: string | null }) =>
  (entry.enteredBy === viewer.id && can(viewer, { action: "progress.log" })) ||
  can(viewer, { action: "progress.verify" });

async function notesAndEvidence(db: Db, entryIds: readonly string[]) {
  if (entryIds.length === 0) return { notes: [], evidence: [] };
  const notes = await db
    .select({
      id: entryNotes.id,
      entryId: entryNotes.entryId,
      kind: entryNotes.kind,
      body: entryNotes.body,
      language: entryNotes.language,
      at: entryNotes.at,
      authorName: users.name,
    })
    .from(entryNotes)
    .leftJoin(users, eq(users.id, entryNotes.authorId))
    .where(inArray(entryNotes.entryId, [...entryIds]))
    .orderBy(asc(entryNotes.id));
  const evidence = await db
    .select({
      id: entryEvidence.id,
      entryId: entryEvidence.entryId,
      url: entryEvidence.url,
      fileName: entryEvidence.fileName,
      size: entryEvidence.size,
    })
    .from(entryEvidence)
    .where(and(inArray(entryEvidence.entryId, [...entryIds]), evidenceShown))
    .orderBy(asc(entryEvidence.createdAt));
  return { notes, evidence };
}

/** Dimensions of several indicators, resolved once (reference lists read once). */
async function dimensionsOf(db: Db, rows: readonly (typeof indicators.$inferSelect)[]) {
  const ids = [...new Set(rows.map((row) => row.id))];
  const rules = await loadIndicatorRules(db, ids);
  return (id: string): ResolvedDimension[] => rules.get(id)?.dimensions ?? [];
}

/** One entry with its conversation and evidence, for its author or a verifier; null when the viewer may not. */
export async function entryDetail({
  db,
  viewer,
  entryId,
  today,
}: {
  db: Db;
  viewer: Viewer;
  entryId: string;
  today: string;
}) {
  const [row] = await db
    .select({
      entry: progressEntries,
      indicator: indicators,
      plan: plans,
      activity: elements,
      authorName: author.name,
    })
    .from(progressEntries)
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .leftJoin(elements, eq(elements.id, progressEntries.elementId))
    .leftJoin(author, eq(author.id, progressEntries.enteredBy))
    .where(eq(progressEntries.id, entryId));
  if (!row || !maySee(viewer, row.entry)) return null;
  const rules = (await loadIndicatorRules(db, [row.indicator.id])).get(row.indicator.id);
  const { notes, evidence } = await notesAndEvidence(db, [row.entry.id]);
  const locked = Boolean(rules?.lockedPeriods.has(row.entry.periodKey));
  const isAuthor = row.entry.enteredBy === viewer.id;
  const editable = isAuthor && !locked && (row.entry.status === "draft" || row.entry.status === "returned");
  const periods = rules ? loggablePeriods(rules.periods, rules.lockedPeriods, today) : [];
  return {
    entry: {
      id: row.entry.id,
      status: row.entry.status,
      periodKey: row.entry.periodKey,
      value: row.entry.value,
      breakdown: row.entry.breakdown,
      narrative: row.entry.narrative,
      reportedOn: row.entry.reportedOn,
      submittedAt: row.entry.submittedAt,
      decidedAt: row.entry.decidedAt,
      imported: row.entry.externalSource,
      authorName: row.authorName,
      locked,
    },
    plan: { slug: row.plan.slug, title: row.plan.title, synthetic: row.plan.synthetic },
    activity: row.activity ? { code: row.activity.code, title: row.activity.title } : null,
    indicator: { ...indicatorBrief(row.indicator), dimensions: rules?.dimensions ?? [] },
    notes,
    evidence,
    isAuthor,
    editable,
    canVerify:
      row.entry.status === "submitted" && !isAuthor && !locked && can(viewer, { action: "progress.verify" }),
    periods,
  };
}

/** A stored evidence file, for those who may see its entry. */
export async function evidenceFile({
  db,
  viewer,
  entryId,
  evidenceId,
}: {
  db: Db;
  viewer: Viewer;
  entryId: string;
  evidenceId: string;
}) {
  const [row] = await db
    .select({ evidence: entryEvidence, enteredBy: progressEntries.enteredBy })
    .from(entryEvidence)
    .innerJoin(progressEntries, eq(progressEntries.id, entryEvidence.entryId))
    .where(and(eq(entryEvidence.id, evidenceId), eq(entryEvidence.entryId, entryId), evidenceShown));
  if (!row?.evidence.content || !maySee(viewer, row)) return null;
  return {
    fileName: row.evidence.fileName ?? "evidence",
    contentType: row.evidence.contentType ?? "application/octet-stream",
    content: row.evidence.content,
    sha256: row.evidence.sha256,
  };
}

/** What the verification queue can be narrowed to (each optional): a plan, an activity, an author, a period. */
export type QueueFilters = {
  /** The plan's slug. */
  plan?: string;
  /** The activity's element id. */
  activity?: string;
  /** The author's user id. */
  author?: string;
  /** A period key (`2014`, `2014-Q2`, `lop`…). */
  period?: string;
};

/** Entries per page of the verification queue. */
export const queuePageSize = 20;

/**
 * The verification queue: submitted entries, oldest first, each with what a verifier needs to decide, one page at a
 * time (a page past the last shows the last), narrowed by the filters. `total` counts the entries that match, `waiting`
 * every submitted entry; `choices` lists what the filters can choose among the submitted entries.
 */
export async function verificationQueue({
  db,
  viewer,
  filters = {},
  page = 1,
  pageSize = queuePageSize,
}: {
  db: Db;
  viewer: Viewer;
  filters?: QueueFilters;
  page?: number;
  pageSize?: number;
}) {
  if (!can(viewer, { action: "progress.verify" })) return null;
  const submitted = eq(progressEntries.status, "submitted");
  const matching = and(
    submitted,
    filters.plan === undefined ? undefined : eq(plans.slug, filters.plan),
    filters.activity === undefined ? undefined : eq(progressEntries.elementId, filters.activity),
    filters.author === undefined ? undefined : eq(progressEntries.enteredBy, filters.author),
    filters.period === undefined ? undefined : eq(progressEntries.periodKey, filters.period),
  );
  const [waiting] = await db.select({ n: count() }).from(progressEntries).where(submitted);
  const [found] = await db
    .select({ n: count() })
    .from(progressEntries)
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .where(matching);
  const total = found?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const shownPage = Math.min(Math.max(1, page), pageCount);
  const rows = await db
    .select({
      entry: progressEntries,
      indicator: indicators,
      plan: { slug: plans.slug, title: plans.title, synthetic: plans.synthetic },
      activity: { code: elements.code, title: elements.title },
      authorName: author.name,
    })
    .from(progressEntries)
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .leftJoin(elements, eq(elements.id, progressEntries.elementId))
    .leftJoin(author, eq(author.id, progressEntries.enteredBy))
    .where(matching)
    .orderBy(asc(progressEntries.submittedAt), asc(progressEntries.createdAt), asc(progressEntries.id))
    .limit(pageSize)
    .offset((shownPage - 1) * pageSize);
  const dimensions = await dimensionsOf(
    db,
    rows.map((row) => row.indicator),
  );
  const { notes, evidence } = await notesAndEvidence(
    db,
    rows.map((row) => row.entry.id),
  );
  return {
    waiting: waiting?.n ?? 0,
    total,
    page: shownPage,
    pageCount,
    pageSize,
    choices: await queueChoices(db),
    entries: rows.map((row) => ({
      id: row.entry.id,
      periodKey: row.entry.periodKey,
      value: row.entry.value,
      breakdown: row.entry.breakdown,
      narrative: row.entry.narrative,
      reportedOn: row.entry.reportedOn,
      submittedAt: row.entry.submittedAt,
      imported: row.entry.externalSource,
      authorName: row.authorName,
      own: row.entry.enteredBy === viewer.id,
      plan: row.plan,
      activity: row.activity?.code ? row.activity : null,
      indicator: { ...indicatorBrief(row.indicator), dimensions: dimensions(row.indicator.id) },
      notes: notes.filter((note) => note.entryId === row.entry.id),
      evidence: evidence.filter((item) => item.entryId === row.entry.id),
    })),
  };
}

/** What the queue's filters can choose: the plans, activities, authors and periods of the submitted entries. */
async function queueChoices(db: Db) {
  const rows = await db
    .selectDistinct({
      planSlug: plans.slug,
      planTitle: plans.title,
      activityId: elements.id,
      activityCode: elements.code,
      activityTitle: elements.title,
      authorId: author.id,
      authorName: author.name,
      periodKey: progressEntries.periodKey,
    })
    .from(progressEntries)
    .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .leftJoin(elements, eq(elements.id, progressEntries.elementId))
    .leftJoin(author, eq(author.id, progressEntries.enteredBy))
    .where(eq(progressEntries.status, "submitted"));
  const once = <T, K>(items: T[], key: (item: T) => K) => [
    ...new Map(items.map((item) => [key(item), item])).values(),
  ];
  return {
    plans: once(rows, (row) => row.planSlug)
      .map((row) => ({ slug: row.planSlug, title: row.planTitle }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    activities: once(
      rows.filter((row) => row.activityId !== null),
      (row) => row.activityId,
    )
      .map((row) => ({
        id: row.activityId as string,
        code: row.activityCode as string,
        title: row.activityTitle as LocalizedText,
        planSlug: row.planSlug,
      }))
      .sort((a, b) => a.planSlug.localeCompare(b.planSlug) || compareCodes(a.code, b.code)),
    authors: once(
      rows.filter((row) => row.authorId !== null),
      (row) => row.authorId,
    )
      .map((row) => ({ id: row.authorId as string, name: row.authorName ?? "—" }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    periods: [...new Set(rows.map((row) => row.periodKey))].sort(),
  };
}

/**
 * Periods per indicator of a plan, for locking: each period that has entries or a lock, with its entries counted
 * by status. A period can be locked when it has approved entries and none waiting (submitted or returned).
 */
export async function periodsOverview({
  db,
  viewer,
  planSlug,
}: {
  db: Db;
  viewer: Viewer;
  planSlug: string | null;
}) {
  if (!can(viewer, { action: "progress.verify" })) return null;
  const planList = await db
    .select({ id: plans.id, slug: plans.slug, title: plans.title, synthetic: plans.synthetic })
    .from(plans)
    .orderBy(desc(plans.startDate));
  // Without a choice: the plan whose entries were most recently reported.
  let plan = planList.find((candidate) => candidate.slug === planSlug);
  if (!plan) {
    const [latest] = await db
      .select({ planId: indicators.planId })
      .from(progressEntries)
      .innerJoin(indicators, eq(indicators.id, progressEntries.indicatorId))
      .where(eq(progressEntries.status, "approved"))
      .orderBy(desc(progressEntries.updatedAt))
      .limit(1);
    plan = planList.find((candidate) => candidate.id === latest?.planId) ?? planList[0];
  }
  if (!plan) return { plans: planList, plan: null, indicators: [] };
  const planIndicators = await db
    .select()
    .from(indicators)
    .where(eq(indicators.planId, plan.id))
    .orderBy(asc(indicators.code));
  const ids = planIndicators.map((indicator) => indicator.id);
  const counts = await entryCounts(db, ids);
  const locks = ids.length
    ? await db
        .select({ lock: periodLocks, lockedByName: users.name })
        .from(periodLocks)
        .leftJoin(users, eq(users.id, periodLocks.lockedBy))
        .where(inArray(periodLocks.indicatorId, ids))
    : [];
  const [planRow] = await db.select().from(plans).where(eq(plans.id, plan.id));
  return {
    plans: planList,
    plan,
    indicators: planIndicators
      .sort((a, b) => compareCodes(a.code, b.code))
      .map((indicator) => {
        const periods = planRow ? planPeriods(planRow, indicator.frequency) : [];
        return {
          ...indicatorBrief(indicator),
          periods: periods
            .map((period) => {
              const byStatus = Object.fromEntries(
                counts
                  .filter((row) => row.indicatorId === indicator.id && row.periodKey === period.key)
                  .map((row) => [row.status, row.n]),
              ) as Partial<Record<EntryStatus, number>>;
              const lock = locks.find(
                (row) => row.lock.indicatorId === indicator.id && row.lock.periodKey === period.key,
              );
              const waiting = (byStatus.submitted ?? 0) + (byStatus.returned ?? 0);
              return {
                key: period.key,
                start: period.start,
                end: period.end,
                counts: byStatus,
                lock: lock ? { at: lock.lock.lockedAt, byName: lock.lockedByName } : null,
                lockable: !lock && waiting === 0 && (byStatus.approved ?? 0) > 0,
              };
            })
            .filter((period) => period.lock || Object.keys(period.counts).length > 0),
        };
      })
      .filter((indicator) => indicator.periods.length > 0),
  };
}
