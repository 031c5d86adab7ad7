import type { Period } from "../indicators/periods";
import type { Aggregation, Direction } from "../indicators/values";
import { elapsedShare, expectedLevel, targetInForce } from "../rollup/indicator";

/**
 * The value the targets call for at the end of each period (at `asOf` for the period in progress), as the roll-up
 * reads them (docs/rollup.md, "Expected progress to date"): for levels (`latest`, `cumulative`, qualitative) the
 * engine's straight line through the targets; for flows (`per_period`) the period's target pro-rated by the share
 * of it elapsed; for `maintain`, the target in force. Null for a period not started, or without a target to read.
 */
export function expectedProgress({
  plan,
  periods,
  targets,
  baseline,
  direction,
  reading,
  asOf,
}: {
  plan: { startDate: string; endDate: string };
  periods: readonly Period[];
  targets: ReadonlyMap<string, number>;
  baseline: number;
  direction: Direction;
  reading: Aggregation;
  asOf: string;
}) {
  const targeted = periods.some((period) => targets.has(period.key));
  return (period: Period): number | null => {
    if (!targeted || period.start > asOf) return null;
    const day = period.end < asOf ? period.end : asOf;
    if (direction === "maintain")
      return targetInForce(
        periods,
        targets,
        periods.findIndex((candidate) => candidate.key === period.key),
      );
    if (reading === "per_period") {
      const target = targets.get(period.key);
      return target === undefined ? null : target * elapsedShare(period, day);
    }
    return expectedLevel({ plan, periods, targets, baseline, day });
  };
}
