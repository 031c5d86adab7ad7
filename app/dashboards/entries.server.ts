import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { indicatorElements, progressEntries } from "../../db/schema";
import { entryInScope, type PlanScope } from "../plan-graph/scope.server";
import { utcDay } from "../rollup/load.server";

/**
 * The approved entries the dashboards read beside the roll-up (breakdowns, the entries behind a figure, the latest
 * figure of an indicator without a target): those the roll-up counts on `asOf` — approved by the end of that day,
 * read as a UTC day as the roll-up reads `decided_at` (`utcDay`), a null decision time (figures imported from
 * sources) counting as "always" — ranked per indicator as the roll-up ranks them (reported day, creation, id) and
 * grouped by indicator, so each indicator's list is its `actualsByPeriod` input in order. Narratives are not read.
 * Only the entries in the viewer's `scope` are read (`entryInScope`): a funder's figures count nothing else.
 */
export type ApprovedEntry = Awaited<ReturnType<typeof readApproved>>[number];

function readApproved(db: Db, indicatorIds: readonly string[], periodKeys: readonly string[] | undefined) {
  return db
    .select({
      id: progressEntries.id,
      indicatorId: progressEntries.indicatorId,
      periodKey: progressEntries.periodKey,
      value: progressEntries.value,
      breakdown: progressEntries.breakdown,
      reportedOn: progressEntries.reportedOn,
      decidedAt: progressEntries.decidedAt,
      elementId: progressEntries.elementId,
      enteredBy: progressEntries.enteredBy,
      citationSourceId: progressEntries.citationSourceId,
      citationSection: progressEntries.citationSection,
      citationQuote: progressEntries.citationQuote,
    })
    .from(progressEntries)
    .where(
      and(
        inArray(progressEntries.indicatorId, [...indicatorIds]),
        eq(progressEntries.status, "approved"),
        periodKeys ? inArray(progressEntries.periodKey, [...periodKeys]) : undefined,
      ),
    )
    .orderBy(
      asc(progressEntries.indicatorId),
      asc(progressEntries.reportedOn),
      asc(progressEntries.createdAt),
      asc(progressEntries.id),
    );
}

/**
 * The approved entries of `indicatorIds` as of `asOf`, by indicator (an indicator without any has no key).
 * `periodKeys`, when given, limits the read to entries of those periods (keys of different frequencies never
 * collide: `2015`, `2015-H1`, `2015-Q1`, `2015-01`, `lop`). `scope` is the viewer's: a funder's reads only the
 * entries in it.
 */
export async function approvedEntriesAsOf({
  db,
  indicatorIds,
  asOf,
  periodKeys,
  scope,
}: {
  db: Db;
  indicatorIds: readonly string[];
  asOf: string;
  periodKeys?: readonly string[];
  scope: PlanScope;
}): Promise<Map<string, ApprovedEntry[]>> {
  const byIndicator = new Map<string, ApprovedEntry[]>();
  if (indicatorIds.length === 0 || periodKeys?.length === 0) return byIndicator;
  // An entry logged from no element counts for a funder when its indicator measures only what it funds.
  const measures = new Map<string, string[]>();
  if (!scope.all)
    for (const row of await db
      .select({ indicatorId: indicatorElements.indicatorId, elementId: indicatorElements.elementId })
      .from(indicatorElements)
      .where(inArray(indicatorElements.indicatorId, [...indicatorIds])))
      measures.set(row.indicatorId, [...(measures.get(row.indicatorId) ?? []), row.elementId]);
  for (const entry of await readApproved(db, indicatorIds, periodKeys)) {
    const day = utcDay(entry.decidedAt);
    if (day !== null && day > asOf) continue;
    if (!entryInScope(scope, entry, measures.get(entry.indicatorId))) continue;
    const list = byIndicator.get(entry.indicatorId);
    if (list) list.push(entry);
    else byIndicator.set(entry.indicatorId, [entry]);
  }
  return byIndicator;
}
