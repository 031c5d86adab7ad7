import { and, eq, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { elementLinks } from "../../db/schema";
import type { PlanScope } from "../plan-graph/scope.server";

/**
 * What a reader sees of a plan's theory of change. Everyone who sees the whole plan sees it whole. A funder's
 * `planScope` (what it funds and its outline relatives, which the dashboards keep) is widened here with the causal
 * descendants of those elements (`contributes_to`, `precondition_of`, downstream): the outcomes and impact its money
 * feeds (docs/product.md), with the links between them. Nothing upstream of those descendants is added, so other
 * funders' activities stay hidden. `dashboards` keeps the narrower scope for figures (roll-ups, entries), which
 * follow the dashboards' rule. docs/toc.md ("Who sees what") and docs/security.md.
 */
export type TocScope = PlanScope & { dashboards?: PlanScope };

export async function tocScope(db: Db, planId: string, scope: PlanScope): Promise<TocScope> {
  if (scope.all) return scope;
  const links = await db
    .select({ from: elementLinks.fromElementId, to: elementLinks.toElementId })
    .from(elementLinks)
    .where(and(eq(elementLinks.planId, planId), ne(elementLinks.kind, "part_of")));
  const effects = new Map<string, string[]>();
  for (const link of links) effects.set(link.from, [...(effects.get(link.from) ?? []), link.to]);
  const seen = new Set(scope.elementIds);
  const queue = [...scope.elementIds];
  // A set walk: ends on cyclic data too.
  for (let i = 0; i < queue.length; i++)
    for (const next of effects.get(queue[i] as string) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  // What it funds stays what it funds: the entries its figures count are those of the dashboards' scope.
  return { all: false, elementIds: seen, funded: scope.funded ?? scope.elementIds, dashboards: scope };
}

/** The scope figures (roll-ups, entries) are read in: the dashboards' one. */
export const figuresScope = (scope: TocScope): PlanScope => scope.dashboards ?? scope;
