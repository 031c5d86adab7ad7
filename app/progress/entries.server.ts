import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { indicators, periodLocks, plans, progressEntries, referenceItems } from "../../db/schema";
import { type ResolvedDimension, resolveDimensions } from "../indicators/dimensions";
import { type Period, planPeriods } from "../indicators/periods";
import {
  type BreakdownCell,
  deriveTotal,
  type ValueProblem,
  valueProblem,
  whenProblem,
} from "../indicators/values";
import type { LocalizedText } from "../plan-graph/vocabulary";

/**
 * The one way progress entries are checked and written, whatever brings them (the logging form, a CSV import, a
 * KoboToolbox pull): the same rules, the same problems, so a value refused in one is refused in all.
 */

/** What an indicator allows, loaded once per request or import. */
export type IndicatorRules = {
  id: string;
  code: string;
  planId: string;
  name: LocalizedText;
  measure: "number" | "percentage" | "qualitative";
  scaleLevels: number;
  dimensions: ResolvedDimension[];
  periods: readonly Period[];
  lockedPeriods: Set<string>;
};

/** An entry as typed or imported, numbers already read (a text that is not a number is the caller's problem). */
export type EntryDraft = {
  indicatorId: string;
  periodKey: string;
  /** The total as given, or null when only a breakdown is given (the total is then derived from it). */
  total: number | null;
  breakdown: BreakdownCell[] | null;
  narrative: string | null;
  reportedOn: string;
  elementId?: string | null;
};

export async function loadIndicatorRules(db: Db, indicatorIds: readonly string[]) {
  const rules = new Map<string, IndicatorRules>();
  if (indicatorIds.length === 0) return rules;
  const rows = await db
    .select({ indicator: indicators, startDate: plans.startDate, endDate: plans.endDate })
    .from(indicators)
    .innerJoin(plans, eq(plans.id, indicators.planId))
    .where(inArray(indicators.id, [...new Set(indicatorIds)]));
  const references = await referenceLists(db);
  const locks = await db
    .select()
    .from(periodLocks)
    .where(
      inArray(
        periodLocks.indicatorId,
        rows.map((row) => row.indicator.id),
      ),
    );
  for (const { indicator, startDate, endDate } of rows) {
    rules.set(indicator.id, {
      id: indicator.id,
      code: indicator.code,
      planId: indicator.planId,
      name: indicator.name,
      measure: indicator.measure,
      scaleLevels: indicator.scale?.length ?? 0,
      dimensions: resolveDimensions(indicator.dimensions, references),
      periods: planPeriods({ startDate, endDate }, indicator.frequency),
      lockedPeriods: new Set(
        locks.filter((lock) => lock.indicatorId === indicator.id).map((l) => l.periodKey),
      ),
    });
  }
  return rules;
}

/** The region and language reference lists, as dimension values. */
export async function referenceLists(db: Db) {
  const rows = await db
    .select({ list: referenceItems.list, code: referenceItems.code, label: referenceItems.label })
    .from(referenceItems)
    .where(inArray(referenceItems.list, ["region", "language"]))
    .orderBy(referenceItems.position);
  const of = (list: string) =>
    rows.filter((row) => row.list === list).map(({ code, label }) => ({ code, label }));
  return { region: of("region"), language: of("language") };
}

/**
 * Every reason the entry cannot be recorded, each naming its field (`total`, `period`, `reportedOn`,
 * `breakdown[2].region`, …); an empty list means it can, with the total it records.
 */
export function checkEntry(
  rules: IndicatorRules,
  draft: EntryDraft,
  today: string,
): { total: number; problems: [] } | { total: null; problems: ValueProblem[] } {
  const problems: ValueProblem[] = [];
  const when = whenProblem({
    periods: rules.periods,
    periodKey: draft.periodKey,
    reportedOn: draft.reportedOn,
    today,
  });
  if (when) problems.push(when);
  if (rules.lockedPeriods.has(draft.periodKey))
    problems.push({ field: "period", problem: "locked", detail: { period: draft.periodKey } });
  // Counts add up; percentages and milestone levels do not, so their breakdown is checked cell by cell but their
  // total is the one given, never a sum.
  const sums = rules.measure === "number";
  const breakdown = rules.dimensions.length ? draft.breakdown : null;
  const derived = deriveTotal({
    // Without a breakdown, the total given is the entry's (for every measure).
    total: sums || !breakdown?.length ? draft.total : null,
    breakdown,
    dimensions: rules.dimensions.map((dimension) => ({
      code: dimension.code,
      allowed: dimension.values.map((value) => value.code),
    })),
  });
  problems.push(...derived.problems);
  if (!sums && draft.total === null && !problems.some((problem) => problem.field === "total"))
    problems.push({ field: "total", problem: "required" });
  const values: [string, number][] = [
    ...(draft.total !== null ? [["total", draft.total] as [string, number]] : []),
    ...(draft.breakdown ?? []).map((cell, i) => [`breakdown[${i}].value`, cell.value] as [string, number]),
  ];
  for (const [field, value] of values) {
    const problem = valueProblem(rules.measure, value, rules.scaleLevels);
    if (problem) problems.push({ field, problem });
  }
  const total = sums ? derived.total : draft.total;
  if (problems.length || total === null) return { total: null, problems };
  return { total, problems: [] };
}

export type NewEntry = {
  draft: EntryDraft;
  total: number;
  status: "draft" | "submitted";
  enteredBy: string | null;
  submissionKey?: string | null;
  externalSource?: string | null;
  externalId?: string | null;
};

/** Inserts checked entries (in the caller's transaction), in chunks so a 10,000-row import is a few statements. */
export async function insertEntries(db: Db, entries: readonly NewEntry[]): Promise<string[]> {
  const ids: string[] = [];
  // Hold the indicators (as locking a period does, exclusively) so a period cannot be locked between the check and
  // the insert: a lock committed first is then seen by the trigger, which refuses the insert.
  const indicatorIds = [...new Set(entries.map((entry) => entry.draft.indicatorId))].sort();
  if (indicatorIds.length)
    await db
      .select({ id: indicators.id })
      .from(indicators)
      .where(inArray(indicators.id, indicatorIds))
      .orderBy(indicators.id)
      .for("share");
  for (let i = 0; i < entries.length; i += 1000) {
    const rows = await db
      .insert(progressEntries)
      .values(
        entries.slice(i, i + 1000).map((entry) => ({
          indicatorId: entry.draft.indicatorId,
          periodKey: entry.draft.periodKey,
          status: entry.status,
          value: entry.total,
          breakdown: entry.draft.breakdown?.length ? entry.draft.breakdown : null,
          narrative: entry.draft.narrative ? { en: entry.draft.narrative } : null,
          reportedOn: entry.draft.reportedOn,
          enteredBy: entry.enteredBy,
          elementId: entry.draft.elementId ?? null,
          submissionKey: entry.submissionKey ?? null,
          externalSource: entry.externalSource ?? null,
          externalId: entry.externalId ?? null,
          submittedAt: entry.status === "submitted" ? new Date() : null,
        })),
      )
      .returning({ id: progressEntries.id });
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

/** Entries already recorded from an external source, by their external id (for re-runs without duplicates). */
export async function knownExternalIds(db: Db, source: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ externalId: progressEntries.externalId })
    .from(progressEntries)
    .where(and(eq(progressEntries.externalSource, source), inArray(progressEntries.externalId, [...ids])));
  return new Set(rows.map((row) => row.externalId as string));
}
