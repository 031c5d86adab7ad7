import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { elements, indicatorElements, type indicators, indicatorTargets, users } from "../../db/schema";
import { type IndicatorSnapshot, sortTargets } from "./definition";

/** An indicator as the history keeps it (indicator_revisions.snapshot), read from its current rows. */
type IndicatorRow = typeof indicators.$inferSelect;

/** The elements each indicator measures, by code. */
export async function elementsOf(db: Db, indicatorIds: readonly string[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .select({
      indicatorId: indicatorElements.indicatorId,
      id: elements.id,
      code: elements.code,
      kind: elements.kind,
      title: elements.title,
    })
    .from(indicatorElements)
    .innerJoin(elements, eq(elements.id, indicatorElements.elementId))
    .where(inArray(indicatorElements.indicatorId, [...indicatorIds]))
    .orderBy(asc(elements.code));
}

/** The indicator as it is now, in the shape its history keeps. */
export async function currentSnapshot(db: Db, row: IndicatorRow): Promise<IndicatorSnapshot> {
  const targets = await db.select().from(indicatorTargets).where(eq(indicatorTargets.indicatorId, row.id));
  const measured = await elementsOf(db, [row.id]);
  const [responsible] = row.responsibleId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.responsibleId))
    : [];
  return {
    revision: row.revision,
    code: row.code,
    name: row.name,
    definition: row.definition,
    measure: row.measure,
    scale: row.scale,
    unit: row.unit,
    direction: row.direction,
    tolerance: row.tolerance,
    aggregation: row.aggregation,
    frequency: row.frequency,
    baselineValue: row.baselineValue,
    baselineDate: row.baselineDate,
    baselineNote: row.baselineNote,
    dimensions: row.dimensions,
    meansOfVerification: row.meansOfVerification,
    dataSource: row.dataSource,
    responsibleId: row.responsibleId,
    responsibleName: responsible?.name ?? null,
    elements: measured.map((element) => element.code).sort(),
    targets: sortTargets(
      targets.map(({ periodKey, cell, value, citationSourceId, citationSection, citationQuote }) => ({
        periodKey,
        cell,
        value,
        // A target a source states keeps its passage in the history too (absent, not null, on the others).
        ...(citationSourceId && citationSection
          ? { citation: { source: citationSourceId, section: citationSection, quote: citationQuote } }
          : {}),
      })),
    ),
  };
}
