import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { elementLinks, elements, fundedElements, plans } from "../../db/schema";
import { can, type Viewer } from "../auth/policy";

/** What of a plan a viewer may see: all of it, or a set of element ids (a funder's scope). */
export type PlanScope = { all: true } | { all: false; elementIds: ReadonlySet<string> };

/**
 * Each funder's scope in a plan: the elements it funds, everything that is part of them (down the outline) and
 * everything they are part of (up to the objective), so its pathways read as a whole.
 */
export async function funderScopes({
  db,
  planId,
}: {
  db: Db;
  planId: string;
}): Promise<Map<string, Set<string>>> {
  const funded = await db
    .select({ funderCode: fundedElements.funderCode, elementId: fundedElements.elementId })
    .from(fundedElements)
    .innerJoin(elements, eq(elements.id, fundedElements.elementId))
    .where(eq(elements.planId, planId));
  if (funded.length === 0) return new Map();
  const outline = await db
    .select({ child: elementLinks.fromElementId, parent: elementLinks.toElementId })
    .from(elementLinks)
    .where(and(eq(elementLinks.planId, planId), eq(elementLinks.kind, "part_of")));
  const parentOf = new Map(outline.map((link) => [link.child, link.parent]));
  const childrenOf = new Map<string, string[]>();
  for (const link of outline)
    childrenOf.set(link.parent, [...(childrenOf.get(link.parent) ?? []), link.child]);

  const scopes = new Map<string, Set<string>>();
  for (const { funderCode, elementId } of funded) {
    const scope = scopes.get(funderCode) ?? new Set<string>();
    scopes.set(funderCode, scope);
    const down = [elementId];
    while (down.length) {
      const id = down.pop() as string;
      if (scope.has(id)) continue;
      scope.add(id);
      down.push(...(childrenOf.get(id) ?? []));
    }
    for (let up = parentOf.get(elementId); up && !scope.has(up); up = parentOf.get(up)) scope.add(up);
  }
  return scopes;
}

/** The viewer's scope in a plan, or null when the policy lets them see none of it. */
export async function planScope({
  db,
  viewer,
  planId,
}: {
  db: Db;
  viewer: Viewer;
  planId: string;
}): Promise<PlanScope | null> {
  if (can(viewer, { action: "plan.read", fundedBy: [] })) return { all: true };
  const scopes = await funderScopes({ db, planId });
  if (!can(viewer, { action: "plan.read", fundedBy: [...scopes.keys()] })) return null;
  const elementIds = new Set(
    [...scopes]
      .filter(([funder]) => can(viewer, { action: "element.read", fundedBy: [funder] }))
      .flatMap(([, ids]) => [...ids]),
  );
  return { all: false, elementIds };
}

export const inScope = (scope: PlanScope, elementId: string) => scope.all || scope.elementIds.has(elementId);

/**
 * Whether a viewer sees a progress entry (its figure, narrative and breakdown): everyone who sees the whole plan; a
 * funder, an entry logged from an activity in its scope, or a figure cited from a published source. An entry with
 * no activity (imported from a CSV file or a KoboToolbox form) may be about anything, so it is not shown to them.
 */
export const entryInScope = (
  scope: PlanScope,
  entry: { elementId: string | null; citationSourceId: string | null },
) =>
  scope.all ||
  (entry.elementId !== null ? scope.elementIds.has(entry.elementId) : entry.citationSourceId !== null);

/** A plan the viewer may see, with the viewer's scope in it; null when there is none (the page answers 404). */
export async function visiblePlan({ db, slug, viewer }: { db: Db; slug: string; viewer: Viewer }) {
  const [plan] = await db
    .select({
      id: plans.id,
      slug: plans.slug,
      title: plans.title,
      startDate: plans.startDate,
      endDate: plans.endDate,
      synthetic: plans.synthetic,
      reconstructed: plans.reconstructed,
    })
    .from(plans)
    .where(eq(plans.slug, slug));
  if (!plan) return null;
  const scope = await planScope({ db, viewer, planId: plan.id });
  return scope ? { plan, scope } : null;
}
