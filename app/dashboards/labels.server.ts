import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { elements, indicators } from "../../db/schema";

/**
 * What the dashboards write beside a roll-up's ids: each element's code, kind and title, and each indicator's code,
 * name, unit and how its values read (measure, scale, aggregation, frequency), by id.
 */
export async function planLabels(db: Db, planId: string) {
  const [elementRows, indicatorRows] = await Promise.all([
    db
      .select({ id: elements.id, code: elements.code, kind: elements.kind, title: elements.title })
      .from(elements)
      .where(eq(elements.planId, planId)),
    db
      .select({
        id: indicators.id,
        code: indicators.code,
        name: indicators.name,
        unit: indicators.unit,
        measure: indicators.measure,
        scale: indicators.scale,
        aggregation: indicators.aggregation,
        frequency: indicators.frequency,
      })
      .from(indicators)
      .where(eq(indicators.planId, planId)),
  ]);
  return {
    indicatorRows,
    elementById: new Map(elementRows.map((row) => [row.id, row])),
    indicatorById: new Map(indicatorRows.map((row) => [row.id, row])),
  };
}
