import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  elements,
  indicatorElements,
  indicatorRevisions,
  indicators,
  indicatorTargets,
  plans,
  progressEntries,
} from "../../db/schema";
import { recordAudit } from "../audit.server";
import { ImportRejected, pick, sameValue, seedWouldUndo, upsertSources } from "../plan-graph/store.server";
import type { Problem } from "../plan-graph/validate";
import type { IndicatorsFile } from "./format";
import { planPeriods } from "./periods";
import { currentSnapshot } from "./snapshot.server";
import { valueProblem, whenProblem } from "./values";

/**
 * Writes the indicators of an indicators file, their sourced figures (as approved entries) and the targets sources
 * state, in one transaction. Indicators are matched by (plan, code); sourced figures by (indicator, period, cited
 * source and section); targets by (indicator, period), for the total. Loading the same file twice changes nothing.
 * Entries that people reported (no citation) are never touched, nor targets of periods the file does not name.
 */
export async function importIndicators({
  db,
  file,
  actor,
  today = new Date().toISOString().slice(0, 10),
  keepExisting = false,
}: {
  db: Db;
  file: IndicatorsFile;
  actor: string;
  today?: string;
  /**
   * Refuse (ImportRejected, naming each) rather than change a stored indicator's definition, targets or elements,
   * or change or remove a sourced figure: what `seed` uses, so that it only adds what is missing and never undoes
   * what people changed (on the indicator's page, or by importing another file).
   */
  keepExisting?: boolean;
}): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const problems: Problem[] = [];
    const known = new Set(file.sources.map((source) => source.id));
    const planRows = await tx.select().from(plans);
    const planBySlug = new Map(planRows.map((plan) => [plan.slug, plan]));
    const elementRows = await tx
      .select({ id: elements.id, planId: elements.planId, code: elements.code })
      .from(elements);
    const seenCodes = new Set<string>();

    file.indicators.forEach((indicator, i) => {
      const at = `$.indicators[${i}]`;
      const plan = planBySlug.get(indicator.plan);
      if (!plan) {
        problems.push({ path: `${at}.plan`, message: `no plan "${indicator.plan}" exists` });
        return;
      }
      const key = `${indicator.plan} ${indicator.code}`;
      if (seenCodes.has(key))
        problems.push({
          path: `${at}.code`,
          message: `"${indicator.code}" is used twice in ${indicator.plan}`,
        });
      seenCodes.add(key);
      indicator.elements.forEach((code, j) => {
        if (!elementRows.some((element) => element.planId === plan.id && element.code === code)) {
          problems.push({
            path: `${at}.elements[${j}]`,
            message: `no element "${code}" in plan ${indicator.plan}`,
          });
        }
      });
      for (const [path, citation] of [
        [`${at}.citation`, indicator.citation],
        ...indicator.entries.map((entry, j) => [`${at}.entries[${j}].citation`, entry.citation] as const),
        ...(indicator.targets ?? []).map(
          (target, j) => [`${at}.targets[${j}].citation`, target.citation] as const,
        ),
      ] as const) {
        if (citation && !known.has(citation.source)) {
          problems.push({
            path: `${path}.source`,
            message: `"${citation.source}" is not one of the file's sources`,
          });
        }
      }
      const periods = planPeriods(plan, indicator.frequency);
      indicator.entries.forEach((entry, j) => {
        const when = whenProblem({ periods, periodKey: entry.period, reportedOn: entry.reportedOn, today });
        if (when)
          problems.push({
            path: `${at}.entries[${j}].${when.field === "reportedOn" ? "reportedOn" : "period"}`,
            message: when.problem,
          });
        const problem = valueProblem(indicator.measure, entry.value);
        if (problem) problems.push({ path: `${at}.entries[${j}].value`, message: problem });
      });
      const targeted = new Set<string>();
      (indicator.targets ?? []).forEach((target, j) => {
        if (!periods.some((period) => period.key === target.period))
          problems.push({ path: `${at}.targets[${j}].period`, message: "outsidePlan" });
        else if (targeted.has(target.period))
          problems.push({
            path: `${at}.targets[${j}].period`,
            message: `"${target.period}" has two targets`,
          });
        targeted.add(target.period);
        const problem = valueProblem(indicator.measure, target.value);
        if (problem) problems.push({ path: `${at}.targets[${j}].value`, message: problem });
      });
    });
    if (problems.length) throw new ImportRejected(problems);
    if (keepExisting) await refuseIndicatorChanges(tx, file, planBySlug, elementRows);

    let changes = await upsertSources(tx, file.sources);
    for (const indicator of file.indicators) {
      const plan = planBySlug.get(indicator.plan) as (typeof planRows)[number];
      const values = indicatorValues(indicator);
      const [existing] = await tx
        .select()
        .from(indicators)
        .where(and(eq(indicators.planId, plan.id), eq(indicators.code, indicator.code)));
      let indicatorId: string;
      if (!existing) {
        const [row] = await tx
          .insert(indicators)
          .values({ planId: plan.id, code: indicator.code, ...values })
          .returning({ id: indicators.id });
        indicatorId = (row as { id: string }).id;
        changes++;
        await writeTargets(tx, indicatorId, await targetsToWrite(tx, indicatorId, indicator.targets));
      } else {
        indicatorId = existing.id;
        const definitionChanged = !sameValue(
          pick(existing, Object.keys(values) as (keyof typeof values)[]),
          values,
        );
        const targets = await targetsToWrite(tx, indicatorId, indicator.targets);
        if (definitionChanged || targets.length) {
          // History without loss: the version the file replaces is kept, as for a change made on the page.
          await tx.insert(indicatorRevisions).values({
            indicatorId,
            revision: existing.revision,
            snapshot: await currentSnapshot(tx, existing),
            rationale: `Changed by an indicators file import (${actor}).`,
          });
          await tx
            .update(indicators)
            .set({ ...values, revision: existing.revision + 1, updatedAt: sql`now()` })
            .where(eq(indicators.id, indicatorId));
          await writeTargets(tx, indicatorId, targets);
          changes++;
        }
      }

      const wanted = elementRows.filter(
        (element) => element.planId === plan.id && indicator.elements.includes(element.code),
      );
      const linked = await tx
        .select({ elementId: indicatorElements.elementId })
        .from(indicatorElements)
        .where(eq(indicatorElements.indicatorId, indicatorId));
      const linkedIds = new Set(linked.map((link) => link.elementId));
      const wantedIds = new Set(wanted.map((element) => element.id));
      const stale = [...linkedIds].filter((id) => !wantedIds.has(id));
      if (stale.length) {
        await tx
          .delete(indicatorElements)
          .where(
            and(eq(indicatorElements.indicatorId, indicatorId), inArray(indicatorElements.elementId, stale)),
          );
        changes += stale.length;
      }
      const missing = wanted.filter((element) => !linkedIds.has(element.id));
      if (missing.length) {
        await tx
          .insert(indicatorElements)
          .values(missing.map((element) => ({ planId: plan.id, indicatorId, elementId: element.id })));
        changes += missing.length;
      }

      // Sourced figures: matched by period and cited passage.
      const sourced = await tx
        .select()
        .from(progressEntries)
        .where(
          and(eq(progressEntries.indicatorId, indicatorId), isNotNull(progressEntries.citationSourceId)),
        );
      const current = new Map(
        sourced.map((entry) => [
          entryKey(entry.periodKey, entry.citationSourceId, entry.citationSection),
          entry,
        ]),
      );
      const inFile = new Set<string>();
      for (const entry of indicator.entries) {
        const k = entryKey(entry.period, entry.citation.source, entry.citation.section);
        inFile.add(k);
        const row = {
          status: "approved" as const,
          value: entry.value,
          narrative: entry.narrative,
          reportedOn: entry.reportedOn,
          citationQuote: entry.citation.quote ?? null,
        };
        const found = current.get(k);
        if (!found) {
          await tx.insert(progressEntries).values({
            indicatorId,
            periodKey: entry.period,
            citationSourceId: entry.citation.source,
            citationSection: entry.citation.section,
            ...row,
          });
          changes++;
        } else if (!sameValue(pick(found, Object.keys(row) as (keyof typeof row)[]), row)) {
          await tx
            .update(progressEntries)
            .set({ ...row, updatedAt: sql`now()` })
            .where(eq(progressEntries.id, found.id));
          changes++;
        }
      }
      const removed = sourced.filter(
        (entry) => !inFile.has(entryKey(entry.periodKey, entry.citationSourceId, entry.citationSection)),
      );
      if (removed.length) {
        await tx.delete(progressEntries).where(
          inArray(
            progressEntries.id,
            removed.map((entry) => entry.id),
          ),
        );
        changes += removed.length;
      }
    }
    if (changes > 0) {
      await recordAudit(tx, {
        actor,
        action: "indicators.import",
        entityType: "indicators",
        entityId: [...new Set(file.indicators.map((indicator) => indicator.plan))].join(","),
        after: { indicators: file.indicators.length, changes },
      });
    }
    return { changed: changes > 0 };
  });
}

type FileIndicator = IndicatorsFile["indicators"][number];
type FileTarget = NonNullable<FileIndicator["targets"]>[number];

/** An indicator's columns as a file sets them (the rest, e.g. baseline or scale, is set on its page). */
const indicatorValues = (indicator: FileIndicator) => ({
  name: indicator.name,
  definition: indicator.definition,
  measure: indicator.measure,
  unit: indicator.unit,
  direction: indicator.direction,
  aggregation: indicator.aggregation,
  frequency: indicator.frequency,
  dimensions: indicator.dimensions,
  citationSourceId: indicator.citation?.source ?? null,
  citationSection: indicator.citation?.section ?? null,
  citationQuote: indicator.citation?.quote ?? null,
});

const entryKey = (period: string, source: string | null, section: string | null) =>
  `${period}|${source}|${section}`;

/**
 * What loading the file would change in indicators already stored (by plan and code, e.g. "2013-2015 I4"): their
 * definition, the targets the file names, the elements they measure (one the file does not name would be unlinked),
 * and their sourced figures (changed, or removed when the file no longer has them). Refused, naming each.
 */
async function refuseIndicatorChanges(
  tx: Db,
  file: IndicatorsFile,
  planBySlug: ReadonlyMap<string, { id: string }>,
  elementRows: readonly { id: string; planId: string; code: string }[],
) {
  const found = {
    definitions: [] as string[],
    targets: [] as string[],
    elements: [] as string[],
    figures: [] as string[],
  };
  for (const indicator of file.indicators) {
    const plan = planBySlug.get(indicator.plan) as { id: string };
    const name = `${indicator.plan} ${indicator.code}`;
    const [existing] = await tx
      .select()
      .from(indicators)
      .where(and(eq(indicators.planId, plan.id), eq(indicators.code, indicator.code)));
    if (!existing) continue;
    const values = indicatorValues(indicator);
    if (!sameValue(pick(existing, Object.keys(values) as (keyof typeof values)[]), values))
      found.definitions.push(name);
    const changedTargets = await targetsToWrite(tx, existing.id, indicator.targets);
    const storedTargets = await tx
      .select({ periodKey: indicatorTargets.periodKey })
      .from(indicatorTargets)
      .where(and(eq(indicatorTargets.indicatorId, existing.id), eq(indicatorTargets.cellKey, "")));
    // A target the file names but that is not stored is only added; one stored with another value is a change.
    for (const target of changedTargets)
      if (storedTargets.some((stored) => stored.periodKey === target.period))
        found.targets.push(`${name} ${target.period}`);
    const wanted = new Set(
      elementRows
        .filter((element) => element.planId === plan.id && indicator.elements.includes(element.code))
        .map((element) => element.id),
    );
    const linked = await tx
      .select({ elementId: indicatorElements.elementId })
      .from(indicatorElements)
      .where(eq(indicatorElements.indicatorId, existing.id));
    for (const link of linked)
      if (!wanted.has(link.elementId))
        found.elements.push(
          `${name} → ${elementRows.find((element) => element.id === link.elementId)?.code}`,
        );
    const sourced = await tx
      .select()
      .from(progressEntries)
      .where(and(eq(progressEntries.indicatorId, existing.id), isNotNull(progressEntries.citationSourceId)));
    const inFile = new Map(
      indicator.entries.map((entry) => [
        entryKey(entry.period, entry.citation.source, entry.citation.section),
        entry,
      ]),
    );
    for (const row of sourced) {
      const entry = inFile.get(entryKey(row.periodKey, row.citationSourceId, row.citationSection));
      const same =
        entry &&
        sameValue(pick(row, ["status", "value", "narrative", "reportedOn", "citationQuote"]), {
          status: "approved",
          value: entry.value,
          narrative: entry.narrative,
          reportedOn: entry.reportedOn,
          citationQuote: entry.citation.quote ?? null,
        });
      if (!same) found.figures.push(`${name} ${row.periodKey}`);
    }
  }
  const keep = "keep it";
  const problems = [
    seedWouldUndo(
      "$.indicators",
      "indicators whose stored definition differs from the file",
      found.definitions,
      keep,
    ),
    seedWouldUndo(
      "$.indicators",
      "targets whose stored value or citation differs from the file",
      found.targets,
      keep,
    ),
    seedWouldUndo(
      "$.indicators",
      "indicators measuring elements the file does not name",
      found.elements,
      keep,
    ),
    seedWouldUndo("$.indicators", "sourced figures changed or not in the file", found.figures, keep),
  ].filter((problem) => problem !== null);
  if (problems.length) throw new ImportRejected(problems);
}

/**
 * The file's targets (for the total) that the indicator does not have yet, or has with another value or another
 * citation (a passage quoted differently is a change too, kept in the history). Targets of periods the file does not
 * name are left alone: they may have been set on the indicator's page.
 */
async function targetsToWrite(tx: Db, indicatorId: string, targets: readonly FileTarget[] | undefined) {
  if (!targets?.length) return [];
  const current = await tx
    .select({
      periodKey: indicatorTargets.periodKey,
      value: indicatorTargets.value,
      citationSourceId: indicatorTargets.citationSourceId,
      citationSection: indicatorTargets.citationSection,
      citationQuote: indicatorTargets.citationQuote,
    })
    .from(indicatorTargets)
    .where(and(eq(indicatorTargets.indicatorId, indicatorId), eq(indicatorTargets.cellKey, "")));
  const stored = new Map(current.map((target) => [target.periodKey, target]));
  return targets.filter((target) => {
    const found = stored.get(target.period);
    if (!found) return true;
    const { periodKey: _, ...kept } = found;
    return !sameValue(kept, { value: target.value, ...targetCitation(target) });
  });
}

/** A file target's citation as `indicator_targets` stores it. */
const targetCitation = (target: FileTarget) => ({
  citationSourceId: target.citation.source,
  citationSection: target.citation.section,
  citationQuote: target.citation.quote ?? null,
});

async function writeTargets(tx: Db, indicatorId: string, targets: readonly FileTarget[]) {
  if (!targets.length) return;
  await tx
    .insert(indicatorTargets)
    .values(
      targets.map((target) => ({
        indicatorId,
        periodKey: target.period,
        cellKey: "",
        cell: {},
        value: target.value,
        ...targetCitation(target),
      })),
    )
    .onConflictDoUpdate({
      target: [indicatorTargets.indicatorId, indicatorTargets.periodKey, indicatorTargets.cellKey],
      set: {
        value: sql`excluded.value`,
        citationSourceId: sql`excluded.citation_source_id`,
        citationSection: sql`excluded.citation_section`,
        citationQuote: sql`excluded.citation_quote`,
      },
    });
}

/** The indicators measuring an element, with their approved entries (newest period last), for the element page. */
export async function indicatorsOfElement({ db, elementId }: { db: Db; elementId: string }) {
  const rows = await db
    .select({ indicator: indicators })
    .from(indicatorElements)
    .innerJoin(indicators, eq(indicators.id, indicatorElements.indicatorId))
    .where(eq(indicatorElements.elementId, elementId))
    .orderBy(asc(indicators.code));
  if (rows.length === 0) return [];
  const entries = await db
    .select()
    .from(progressEntries)
    .where(
      and(
        inArray(
          progressEntries.indicatorId,
          rows.map((row) => row.indicator.id),
        ),
        eq(progressEntries.status, "approved"),
      ),
    )
    .orderBy(asc(progressEntries.periodKey), asc(progressEntries.reportedOn));
  return rows.map(({ indicator }) => ({
    code: indicator.code,
    name: indicator.name,
    definition: indicator.definition,
    measure: indicator.measure,
    unit: indicator.unit,
    aggregation: indicator.aggregation,
    entries: entries
      .filter((entry) => entry.indicatorId === indicator.id)
      .map((entry) => ({
        id: entry.id,
        periodKey: entry.periodKey,
        value: entry.value,
        narrative: entry.narrative,
        reportedOn: entry.reportedOn,
        elementId: entry.elementId,
        citationSourceId: entry.citationSourceId,
        citationSection: entry.citationSection,
        citationQuote: entry.citationQuote,
      })),
  }));
}
