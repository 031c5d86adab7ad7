import { InvalidEnvironment, smallCountThresholdSetting } from "../env.server";
import type { Measure } from "../indicators/values";
import type { PlanScope } from "../plan-graph/scope.server";
import { SmallCounts, type Suppressed } from "./small-counts";

/**
 * The installation's `SMALL_COUNT_THRESHOLD` (default 5), read once. The server checks the whole environment when
 * it starts (`readEnv`), so a bad value stops it there; this reads the one setting without the rest.
 */
let cached: number | undefined;
export function smallCountThreshold(source: NodeJS.ProcessEnv = process.env): number {
  if (source !== process.env) return parseThreshold(source);
  cached ??= parseThreshold(source);
  return cached;
}

function parseThreshold(source: NodeJS.ProcessEnv): number {
  const parsed = smallCountThresholdSetting.safeParse(source.SMALL_COUNT_THRESHOLD);
  if (!parsed.success)
    throw new InvalidEnvironment("Invalid environment: SMALL_COUNT_THRESHOLD: a whole number from 1 to 1000");
  return parsed.data;
}

/**
 * The threshold a viewer's breakdowns of an indicator are read with: null (nothing suppressed) for readers of the
 * whole plan and for measures that are not counts (percentages, milestone levels); `threshold` (default: the
 * installation's) for a funder's counts.
 */
export const thresholdFor = (scope: PlanScope, measure: Measure, threshold?: number): number | null =>
  scope.all || measure !== "number" ? null : (threshold ?? smallCountThreshold());

/**
 * An entry's breakdown as a viewer sees it: for a funder, the cells of a count below the threshold as "< 5", with
 * the smallest other cell where one alone would be given away by the entry's total (which is shown).
 */
export function breakdownShown(
  scope: PlanScope,
  measure: Measure,
  entry: { value: number; breakdown: readonly { values: Record<string, string>; value: number }[] | null },
  threshold?: number,
): { values: Record<string, string>; value: number | Suppressed }[] | null {
  if (!entry.breakdown) return null;
  const counts = new SmallCounts(thresholdFor(scope, measure, threshold));
  const ids = entry.breakdown.map((_, i) => `cell:${i}`);
  entry.breakdown.forEach((cell, i) => {
    counts.cell(ids[i] as string, cell.value);
  });
  counts.cell("total", entry.value, { total: true });
  counts.line([...ids, "total"]);
  return entry.breakdown.map((cell, i) => ({
    values: cell.values,
    value: counts.shown(ids[i] as string) ?? cell.value,
  }));
}
