import { and, asc, count, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  elementLinks,
  elements,
  indicatorElements,
  indicatorRevisions,
  indicators,
  indicatorTargets,
  periodLocks,
  progressEntries,
  userRoles,
  users,
} from "../../db/schema";
import { recordAudit } from "../audit.server";
import { isSuppressed, SmallCounts } from "../dashboards/small-counts";
import { breakdownShown, thresholdFor } from "../dashboards/small-counts.server";
import { type RefusalStatus, Refused } from "../errors";
import { type FieldProblem, problem, wholeForm } from "../forms/problem";
import { compareCodes, outlineOrder } from "../plan-graph/graph";
import { citationFormatter } from "../plan-graph/queries.server";
import { entryInScope, inScope, type VisiblePlan } from "../plan-graph/scope.server";
import { referenceLists } from "../progress/entries.server";
import { readingOf } from "../rollup/indicator";
import {
  type ChangeGroup,
  changedGroups,
  type FormContext,
  fixedOnceReported,
  type IndicatorDefinition,
  type IndicatorSnapshot,
  keepTargetCitations,
  needsRationale,
} from "./definition";
import { cellKey, genders, resolveDimensions } from "./dimensions";
import { planPeriods } from "./periods";
import { currentSnapshot, elementsOf } from "./snapshot.server";
import { actualOverPlan, actualsByPeriod, percentOfTarget } from "./values";

/**
 * Indicator management: the list, detail and history pages read through here, and every change to a definition or
 * its targets goes through `createIndicator` / `updateIndicator`: one transaction, the previous version kept in
 * indicator_revisions, one audit row. Reported entries are never changed by a change of definition.
 */

/** A refusal shown next to the fields it concerns; nothing was changed (409 when the form is stale). */
export class IndicatorProblem extends Refused {
  constructor(problems: FieldProblem[], status: RefusalStatus = 400) {
    super(problems, status);
  }
}

// ---------------------------------------------------------------- reading

type IndicatorRow = typeof indicators.$inferSelect;

/** The plan's indicators the viewer may see (a funder: those measuring an element in its scope). */
export async function listIndicators({ db, ...found }: VisiblePlan & { db: Db }) {
  const rows = await db
    .select()
    .from(indicators)
    .where(eq(indicators.planId, found.plan.id))
    .orderBy(asc(indicators.code));
  const measured = await elementsOf(
    db,
    rows.map((row) => row.id),
  );
  const counts = rows.length
    ? await db
        .select({ indicatorId: progressEntries.indicatorId, status: progressEntries.status, n: count() })
        .from(progressEntries)
        .where(
          inArray(
            progressEntries.indicatorId,
            rows.map((row) => row.id),
          ),
        )
        .groupBy(progressEntries.indicatorId, progressEntries.status)
    : [];
  const list = rows.flatMap((row) => {
    const own = measured.filter(
      (element) => element.indicatorId === row.id && inScope(found.scope, element.id),
    );
    if (own.length === 0) return [];
    return [
      {
        code: row.code,
        name: row.name,
        measure: row.measure,
        aggregation: row.aggregation,
        frequency: row.frequency,
        direction: row.direction,
        dimensions: row.dimensions.map((spec) => spec.code),
        revision: row.revision,
        elements: own.map(({ code, title }) => ({ code, title })),
        approved: counts.find((c) => c.indicatorId === row.id && c.status === "approved")?.n ?? 0,
      },
    ];
  });
  return { plan: found.plan, indicators: list.sort((a, b) => compareCodes(a.code, b.code)) };
}

/** What names one indicator for one reader: the plan as they may see it and the indicator's code. */
type IndicatorLookup = VisiblePlan & { db: Db; code: string };

/** An indicator of a visible plan, when the viewer may see it (it measures an element in the viewer's scope). */
async function visibleIndicator({ db, code, ...found }: IndicatorLookup) {
  const [row] = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.planId, found.plan.id), eq(indicators.code, code)));
  if (!row) return null;
  const measured = await elementsOf(db, [row.id]);
  const own = measured.filter((element) => inScope(found.scope, element.id));
  if (own.length === 0) return null;
  // Who defined, changed or answers for an indicator is internal: readers of part of the plan (funders) see the
  // indicator and its figures, not these names, nor the codes of elements outside their scope.
  const internal = found.scope.all;
  const forViewer = <T extends IndicatorSnapshot>(snapshot: T): T =>
    internal
      ? snapshot
      : {
          ...snapshot,
          responsibleId: null,
          responsibleName: null,
          elements: snapshot.elements.filter((elementCode) =>
            own.some((element) => element.code === elementCode),
          ),
        };
  // What the indicator measures: an entry logged from no element counts for a funder when it is all theirs.
  const measures = measured.map((element) => element.id);
  return { ...found, row, elements: own, measures, internal, forViewer };
}

/** Results exist once an entry for the indicator is more than a draft (submitted, returned or approved). */
export async function countResults(db: Db, indicatorId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(progressEntries)
    .where(and(eq(progressEntries.indicatorId, indicatorId), ne(progressEntries.status, "draft")));
  return row?.n ?? 0;
}

async function revisionsOf(db: Db, indicatorId: string) {
  return db
    .select({
      revision: indicatorRevisions.revision,
      snapshot: indicatorRevisions.snapshot,
      rationale: indicatorRevisions.rationale,
      replacedAt: indicatorRevisions.replacedAt,
      replacedBy: users.name,
    })
    .from(indicatorRevisions)
    .leftJoin(users, eq(users.id, indicatorRevisions.replacedBy))
    .where(eq(indicatorRevisions.indicatorId, indicatorId))
    .orderBy(asc(indicatorRevisions.revision));
}

type RevisionRow = Awaited<ReturnType<typeof revisionsOf>>[number];

/** The revision in force when an entry was written: 1 + the revisions replaced before that moment. */
const revisionAt = (revisions: readonly RevisionRow[], moment: Date) =>
  1 + revisions.filter((revision) => revision.replacedAt <= moment).length;

/** What each revision's replacement changed, newest first: the history list. */
function historyOf(revisions: readonly RevisionRow[], current: IndicatorSnapshot, internal: boolean) {
  return revisions
    .map((revision, i) => {
      const next = (revisions[i + 1]?.snapshot as IndicatorSnapshot | undefined) ?? current;
      return {
        revision: revision.revision,
        replacedAt: revision.replacedAt,
        replacedBy: internal ? revision.replacedBy : null,
        rationale: revision.rationale,
        changes: changedGroups(revision.snapshot as IndicatorSnapshot, next),
      };
    })
    .reverse();
}

const dimensionKey = (codes: readonly string[]) => [...codes].sort().join(",");

/** Everything the indicator page shows: definition, targets against approved actuals, entries and history. */
export async function getIndicatorDetail({ canManage, ...lookup }: IndicatorLookup & { canManage: boolean }) {
  const { db } = lookup;
  const found = await visibleIndicator(lookup);
  if (!found) return null;
  const { plan, scope, row } = found;
  const snapshot = await currentSnapshot(db, row);
  const references = await referenceLists(db);
  const cite = await citationFormatter(db);
  const revisions = await revisionsOf(db, row.id);
  // A funder's figures count the entries in its scope only, as on the dashboards (docs/rollup.md).
  const entries = (
    await db
      .select()
      .from(progressEntries)
      .where(and(eq(progressEntries.indicatorId, row.id), eq(progressEntries.status, "approved")))
      // Ranked as the roll-up ranks them (reported day, creation, id): the later one wins a period for a level.
      .orderBy(asc(progressEntries.reportedOn), asc(progressEntries.createdAt), asc(progressEntries.id))
  ).filter((entry) => entryInScope(scope, entry, found.measures));
  const locks = await db.select().from(periodLocks).where(eq(periodLocks.indicatorId, row.id));
  const periods = planPeriods(plan, row.frequency);
  const ordered = entries.map((entry, order) => ({ entry, order }));
  // Values combine as the roll-up and the dashboards combine them: a qualitative milestone is a level, whatever its
  // aggregation says (docs/rollup.md), so this page shows their numbers.
  const reading = readingOf(row);

  const baseline = row.baselineValue ?? 0;
  const percent = (target: number | undefined, actual: number | null) =>
    target === undefined || actual === null || row.measure === "qualitative"
      ? null
      : percentOfTarget({
          direction: row.direction,
          baseline,
          target,
          actual,
          tolerance: row.tolerance ?? 0,
        });
  const totalTarget = new Map(
    snapshot.targets.filter((t) => cellKey(t.cell) === "").map((t) => [t.periodKey, t.value]),
  );
  const actuals = actualsByPeriod(
    periods,
    ordered.map(({ entry, order }) => ({ periodKey: entry.periodKey, value: entry.value, order })),
    reading,
  );
  const periodRows = periods.map((period, i) => {
    const actual = actuals[i] as (typeof actuals)[number];
    const target = totalTarget.get(period.key);
    return {
      ...period,
      target: target ?? null,
      reported: actual.reported,
      actual: actual.actual,
      percent: percent(target, actual.actual),
      locked: locks.some((lock) => lock.periodKey === period.key),
    };
  });
  const targetValues = periods.map((period) => totalTarget.get(period.key)).filter((v) => v !== undefined);
  const overPlanTarget =
    targetValues.length === 0
      ? null
      : reading === "per_period"
        ? targetValues.reduce((sum, value) => sum + value, 0)
        : (totalTarget.get(periods.findLast((period) => totalTarget.has(period.key))?.key ?? "") ?? null);
  const overPlanActual = actualOverPlan(actuals, reading);

  // Per-value targets (e.g. women): the actual of a value is the sum of the breakdown cells naming it.
  const cellTargets = snapshot.targets.filter((t) => cellKey(t.cell) !== "");
  const cellKeys = [...new Set(cellTargets.map((t) => cellKey(t.cell)))];
  // A funder's small counts in these cells are "< 5", with a complement where the period's total gives one away.
  const counts = new SmallCounts(thresholdFor(scope, row.measure));
  periods.forEach((period, i) => {
    counts.cell(`@${period.key}`, actuals[i]?.actual ?? null, { total: true });
  });
  const computed = cellKeys.map((key) => {
    const cell = (cellTargets.find((t) => cellKey(t.cell) === key) as (typeof cellTargets)[number]).cell;
    const [dimension, value] = Object.entries(cell)[0] as [string, string];
    const values = ordered.flatMap(({ entry, order }) => {
      if (!entry.breakdown) return [];
      const sum = entry.breakdown
        .filter((part) => Object.entries(cell).every(([d, v]) => part.values[d] === v))
        .reduce((acc, part) => acc + part.value, 0);
      return [{ periodKey: entry.periodKey, value: sum, order }];
    });
    const cellActuals = actualsByPeriod(periods, values, reading);
    return {
      key,
      dimension,
      value,
      periods: periods.map((period, i) => {
        const target = cellTargets.find((t) => t.periodKey === period.key && cellKey(t.cell) === key)?.value;
        const actual = (cellActuals[i] as (typeof cellActuals)[number]).actual;
        counts.cell(`${key}@${period.key}`, actual);
        return { key: period.key, target: target ?? null, actual, percent: percent(target, actual) };
      }),
    };
  });
  for (const dimension of new Set(computed.map((cell) => cell.dimension)))
    for (const period of periods)
      counts.line([
        ...computed.filter((cell) => cell.dimension === dimension).map((cell) => `${cell.key}@${period.key}`),
        `@${period.key}`,
      ]);
  // A suppressed actual takes its percent of target with it (the target is shown).
  const cells = computed.map((cell) => ({
    ...cell,
    periods: cell.periods.map((period) => {
      const actual = counts.shown(`${cell.key}@${period.key}`);
      return { ...period, actual, percent: isSuppressed(actual) ? null : period.percent };
    }),
  }));

  const currentDimensions = dimensionKey(row.dimensions.map((spec) => spec.code));
  // A funder reads the entries in its scope (those its figures count), no others.
  const shown = [...ordered]
    .reverse()
    .slice(0, 30)
    .map(({ entry }) => {
      const reportedUnder = revisionAt(revisions, entry.createdAt);
      const breakdownDimensions = entry.breakdown?.[0] ? Object.keys(entry.breakdown[0].values) : [];
      return {
        id: entry.id,
        periodKey: entry.periodKey,
        value: entry.value,
        breakdown: breakdownShown(scope, row.measure, entry),
        narrative: entry.narrative,
        reportedOn: entry.reportedOn,
        citation: cite(entry),
        reportedUnder,
        earlierDimensions:
          entry.breakdown !== null && dimensionKey(breakdownDimensions) !== currentDimensions,
      };
    });

  const statusCounts = canManage
    ? await db
        .select({ status: progressEntries.status, n: count() })
        .from(progressEntries)
        .where(eq(progressEntries.indicatorId, row.id))
        .groupBy(progressEntries.status)
    : [];

  return {
    plan: {
      slug: plan.slug,
      title: plan.title,
      synthetic: plan.synthetic,
      startDate: plan.startDate,
      endDate: plan.endDate,
    },
    indicator: {
      ...found.forViewer(snapshot),
      reading,
      citation: cite(row),
      measuredElements: found.elements.map(({ code: elementCode, kind, title }) => ({
        code: elementCode,
        kind,
        title,
      })),
    },
    dimensions: resolveDimensions(row.dimensions, references),
    periods: periodRows,
    overPlan: {
      target: overPlanTarget,
      actual: overPlanActual,
      percent: percent(overPlanTarget ?? undefined, overPlanActual),
    },
    cells,
    /** The targets a source states (the total's), with the passage they are quoted from. */
    targetSources: snapshot.targets.flatMap((target) =>
      cellKey(target.cell) === "" && target.citation
        ? [
            {
              periodKey: target.periodKey,
              value: target.value,
              citation: cite({
                citationSourceId: target.citation.source,
                citationSection: target.citation.section,
                citationQuote: target.citation.quote,
              }),
            },
          ]
        : [],
    ),
    entries: shown,
    approvedCount: entries.length,
    statusCounts: Object.fromEntries(statusCounts.map((c) => [c.status, c.n])) as Partial<
      Record<"draft" | "submitted" | "returned" | "approved", number>
    >,
    history: historyOf(revisions, snapshot, found.internal),
  };
}

/** The history list: every revision with who replaced it, when, why and what the change touched. */
export async function getIndicatorHistory(lookup: IndicatorLookup) {
  const { db } = lookup;
  const found = await visibleIndicator(lookup);
  if (!found) return null;
  const snapshot = await currentSnapshot(db, found.row);
  const revisions = await revisionsOf(db, found.row.id);
  return {
    plan: { slug: found.plan.slug, title: found.plan.title, synthetic: found.plan.synthetic },
    indicator: {
      code: snapshot.code,
      name: snapshot.name,
      revision: snapshot.revision,
      updatedAt: found.row.updatedAt,
    },
    history: historyOf(revisions, snapshot, found.internal),
  };
}

/**
 * One revision as it was: its definition and targets, why and by whom it was replaced, and the approved entries
 * written while it was in force (with their breakdowns as reported). The current revision reads the same way.
 */
export async function getIndicatorRevision({ revision, ...lookup }: IndicatorLookup & { revision: number }) {
  const { db } = lookup;
  const found = await visibleIndicator(lookup);
  if (!found) return null;
  const { row, plan, scope } = found;
  const revisions = await revisionsOf(db, row.id);
  const current = await currentSnapshot(db, row);
  const index = revisions.findIndex((r) => r.revision === revision);
  const kept = revisions[index];
  if (!kept && revision !== row.revision) return null;
  const snapshot = kept ? (kept.snapshot as IndicatorSnapshot) : current;
  const from = revisions[index - 1]?.replacedAt ?? (kept ? null : revisions.at(-1)?.replacedAt) ?? null;
  const until = kept?.replacedAt ?? null;
  const conditions = [eq(progressEntries.indicatorId, row.id), eq(progressEntries.status, "approved")];
  if (from) conditions.push(sql`${progressEntries.createdAt} >= ${from.toISOString()}`);
  if (until) conditions.push(sql`${progressEntries.createdAt} < ${until.toISOString()}`);
  const entries = (
    await db
      .select()
      .from(progressEntries)
      .where(and(...conditions))
      .orderBy(desc(progressEntries.reportedOn))
      .limit(200)
  ).filter((entry) => entryInScope(scope, entry, found.measures));
  const references = await referenceLists(db);
  const elementRows = await db
    .select({ code: elements.code, title: elements.title, id: elements.id })
    .from(elements)
    .where(
      and(
        eq(elements.planId, plan.id),
        inArray(elements.code, snapshot.elements.length ? snapshot.elements : [""]),
      ),
    );
  return {
    plan: {
      slug: plan.slug,
      title: plan.title,
      synthetic: plan.synthetic,
      startDate: plan.startDate,
      endDate: plan.endDate,
    },
    indicator: { code: row.code, revision: row.revision },
    snapshot: {
      ...found.forViewer(snapshot),
      elementTitles: elementRows
        .filter((element) => inScope(scope, element.id))
        .map(({ code: elementCode, title }) => ({ code: elementCode, title })),
    },
    dimensions: resolveDimensions(snapshot.dimensions, references),
    periods: planPeriods(plan, snapshot.frequency),
    isCurrent: !kept,
    replaced: kept
      ? {
          at: kept.replacedAt,
          by: found.internal ? kept.replacedBy : null,
          rationale: kept.rationale,
          changes: changedGroups(
            snapshot,
            (revisions[index + 1]?.snapshot as IndicatorSnapshot | undefined) ?? current,
          ),
        }
      : null,
    previousRevision: revision > 1 ? revision - 1 : null,
    nextRevision: revision < row.revision ? revision + 1 : null,
    entries: entries.map((entry) => ({
      id: entry.id,
      periodKey: entry.periodKey,
      value: entry.value,
      breakdown: breakdownShown(scope, row.measure, entry),
      reportedOn: entry.reportedOn,
    })),
  };
}

// ---------------------------------------------------------------- the form's choices

/** What the create and edit forms offer: the plan's elements (outline order), the people, the reference lists. */
export async function indicatorFormChoices({ db, planId }: { db: Db; planId: string }) {
  const elementRows = await db
    .select({ id: elements.id, code: elements.code, kind: elements.kind, title: elements.title })
    .from(elements)
    .where(eq(elements.planId, planId));
  const parents = await db
    .select({ from: elementLinks.fromElementId, to: elementLinks.toElementId })
    .from(elementLinks)
    .where(and(eq(elementLinks.planId, planId), eq(elementLinks.kind, "part_of")));
  const codeById = new Map(elementRows.map((row) => [row.id, row.code]));
  const parentOf = new Map(
    parents.map((link) => [codeById.get(link.from) ?? "", codeById.get(link.to) ?? ""]),
  );
  const order = outlineOrder(
    elementRows.map((row) => row.code),
    parentOf,
  );
  const byCode = new Map(elementRows.map((row) => [row.code, row]));
  const depth = (code: string) => {
    let d = 0;
    for (let up = parentOf.get(code); up && d < 20; up = parentOf.get(up)) d++;
    return d;
  };
  return {
    elements: order.map((code) => {
      const row = byCode.get(code) as (typeof elementRows)[number];
      return { code, kind: row.kind, title: row.title, depth: depth(code) };
    }),
    people: await responsibleChoices(db),
    references: await referenceLists(db),
    genders: [...genders],
  };
}

/** What the posted indicator form is checked against: the elements, people and lists the form offered, and today. */
export function formContext(
  choices: Awaited<ReturnType<typeof indicatorFormChoices>>,
  { locale, plan, previous }: Pick<FormContext, "locale" | "plan" | "previous">,
): FormContext {
  return {
    locale,
    plan,
    today: new Date().toISOString().slice(0, 10),
    elementCodes: new Set(choices.elements.map((element) => element.code)),
    people: new Set(choices.people.map((person) => person.id)),
    references: choices.references,
    genderCodes: choices.genders,
    previous,
  };
}

/** Who can be responsible for an indicator: active users who log or verify progress. */
async function responsibleChoices(db: Db) {
  const rows = await db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(isNull(users.deactivatedAt), inArray(userRoles.role, ["staff", "me_officer", "admin"])))
    .orderBy(asc(users.name));
  return rows;
}

/** The indicator to edit, with what the edit page needs to say about results. */
export async function indicatorForEdit({ db, planId, code }: { db: Db; planId: string; code: string }) {
  const [row] = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.planId, planId), eq(indicators.code, code)));
  if (!row) return null;
  return { id: row.id, snapshot: await currentSnapshot(db, row), results: await countResults(db, row.id) };
}

// ---------------------------------------------------------------- changing

const toRow = (definition: IndicatorDefinition) => ({
  name: definition.name,
  definition: definition.definition,
  measure: definition.measure,
  scale: definition.scale,
  unit: definition.unit,
  direction: definition.direction,
  tolerance: definition.tolerance,
  aggregation: definition.aggregation,
  frequency: definition.frequency,
  baselineValue: definition.baselineValue,
  baselineDate: definition.baselineDate,
  baselineNote: definition.baselineNote,
  dimensions: definition.dimensions,
  meansOfVerification: definition.meansOfVerification,
  dataSource: definition.dataSource,
  responsibleId: definition.responsibleId,
});

async function writeTargetsAndElements(
  tx: Db,
  {
    indicatorId,
    planId,
    definition,
  }: { indicatorId: string; planId: string; definition: IndicatorDefinition },
) {
  await tx.delete(indicatorTargets).where(eq(indicatorTargets.indicatorId, indicatorId));
  if (definition.targets.length) {
    await tx.insert(indicatorTargets).values(
      definition.targets.map((target) => ({
        indicatorId,
        periodKey: target.periodKey,
        cellKey: cellKey(target.cell),
        cell: target.cell,
        value: target.value,
        citationSourceId: target.citation?.source ?? null,
        citationSection: target.citation?.section ?? null,
        citationQuote: target.citation?.quote ?? null,
      })),
    );
  }
  const wanted = await tx
    .select({ id: elements.id })
    .from(elements)
    .where(and(eq(elements.planId, planId), inArray(elements.code, definition.elements)));
  if (wanted.length !== definition.elements.length)
    throw new IndicatorProblem([problem("elements", "form.invalid")]);
  await tx.delete(indicatorElements).where(eq(indicatorElements.indicatorId, indicatorId));
  await tx
    .insert(indicatorElements)
    .values(wanted.map((element) => ({ planId, indicatorId, elementId: element.id })));
}

const isUniqueViolation = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code === "23505" ||
  (error as { code?: string }).code === "23505";

/** Creates an indicator at revision 1. */
export async function createIndicator({
  db,
  by,
  planId,
  definition,
}: {
  db: Db;
  by: { id: string | null; actor: string };
  planId: string;
  definition: IndicatorDefinition;
}): Promise<string> {
  try {
    return await db.transaction(async (tx) => {
      const [taken] = await tx
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.planId, planId), eq(indicators.code, definition.code)));
      if (taken) throw new IndicatorProblem([problem("code", "indicators.error.codeTaken")]);
      const [row] = await tx
        .insert(indicators)
        .values({ planId, code: definition.code, ...toRow(definition) })
        .returning();
      const created = row as IndicatorRow;
      await writeTargetsAndElements(tx, { indicatorId: created.id, planId, definition });
      await recordAudit(tx, {
        actor: by.actor,
        action: "indicator.create",
        entityType: "indicator",
        entityId: created.id,
        after: await currentSnapshot(tx, created),
      });
      return created.id;
    });
  } catch (error) {
    // Two people creating the same code at once: the second is told, as if it had been there first.
    if (isUniqueViolation(error)) throw new IndicatorProblem([problem("code", "indicators.error.codeTaken")]);
    throw error;
  }
}

/**
 * Changes an indicator. The previous definition and targets are written to indicator_revisions first (with the
 * rationale and who), the revision number goes up, and one audit row holds before, after and rationale. Once results
 * exist, a change to targets, baseline, dimensions, aggregation, direction or scale needs a rationale, and the
 * measure and frequency cannot change. Entries are never touched. Submitting the same definition again changes
 * nothing (a double submit); a form opened on an older revision is refused (someone else changed it since).
 */
export async function updateIndicator({
  db,
  by,
  indicatorId,
  expectedRevision,
  definition: edited,
  rationale,
}: {
  db: Db;
  by: { id: string | null; actor: string };
  indicatorId: string;
  expectedRevision: number;
  definition: IndicatorDefinition;
  rationale: string | null;
}): Promise<{ changed: ChangeGroup[]; revision: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(indicators).where(eq(indicators.id, indicatorId)).for("update");
    if (!row) throw new IndicatorProblem([problem(wholeForm, "form.invalid")]);
    const before = await currentSnapshot(tx, row);
    // The form has no citations: a target whose value is kept keeps the passage its source states, a changed one
    // loses it (the source does not say the new value).
    const definition = { ...edited, targets: keepTargetCitations(edited.targets, before.targets) };
    const changed = changedGroups(before, definition);
    if (changed.length === 0) return { changed, revision: row.revision };
    if (row.revision !== expectedRevision) {
      throw new IndicatorProblem(
        [problem(wholeForm, "indicators.error.stale", { revision: row.revision })],
        409,
      );
    }
    const results = await countResults(tx, row.id);
    if (results > 0) {
      const problems: FieldProblem[] = [];
      for (const group of changed.filter((g) => fixedOnceReported.includes(g))) {
        problems.push(problem(group, `indicators.error.fixed.${group as "measure" | "frequency"}`));
      }
      const sensitive = changed.filter((group) => needsRationale.includes(group));
      if (sensitive.length && !rationale) {
        problems.push(
          problem("rationale", "indicators.error.rationaleRequired", {
            count: results,
            changes: sensitive.join(","),
          }),
        );
      }
      if (problems.length) throw new IndicatorProblem(problems);
    }
    if (definition.measure === "qualitative" && changed.includes("scale")) {
      // Entries name a level by its index: the scale may grow or be reworded, not lose a level in use.
      const [used] = await tx
        .select({ top: sql<number | null>`max(${progressEntries.value})` })
        .from(progressEntries)
        .where(eq(progressEntries.indicatorId, row.id));
      const top = used?.top === null || used?.top === undefined ? -1 : Number(used.top);
      if (top >= (definition.scale?.length ?? 0)) {
        throw new IndicatorProblem([problem("scale", "indicators.error.scaleInUse", { levels: top + 1 })]);
      }
    }

    await tx.insert(indicatorRevisions).values({
      indicatorId: row.id,
      revision: row.revision,
      snapshot: before,
      rationale,
      replacedBy: by.id,
    });
    const [updated] = await tx
      .update(indicators)
      .set({ ...toRow(definition), revision: row.revision + 1, updatedAt: sql`now()` })
      .where(eq(indicators.id, row.id))
      .returning();
    await writeTargetsAndElements(tx, { indicatorId: row.id, planId: row.planId, definition });
    const after = await currentSnapshot(tx, updated as IndicatorRow);
    await recordAudit(tx, {
      actor: by.actor,
      action: "indicator.update",
      entityType: "indicator",
      entityId: row.id,
      before,
      after: { ...after, changed },
      rationale,
    });
    return { changed, revision: row.revision + 1 };
  });
}
