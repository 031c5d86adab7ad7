import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { elementLinks, elements, fundedElements, plans } from "../../db/schema";
import { can, type Viewer } from "../auth/policy";

/**
 * What of a plan a viewer may see: all of it, or a set of element ids (a funder's scope). `funded` is the part of
 * a funder's scope its money pays for — the elements it funds and everything part of them — without the elements
 * above them, which it sees for context; its figures count the entries of that part (`entryInScope`). Absent, it
 * is the whole set.
 */
export type PlanScope =
  | { all: true }
  | { all: false; elementIds: ReadonlySet<string>; funded?: ReadonlySet<string> };

/**
 * Each funder's scope in a plan: the elements it funds, everything that is part of them (down the outline) and
 * everything they are part of (up to the objective), so its pathways read as a whole. With `funded`, the part
 * without the elements above (see `PlanScope`).
 */
export async function funderScopes(args: { db: Db; planId: string }): Promise<Map<string, Set<string>>> {
  return new Map([...(await funderParts(args))].map(([funder, part]) => [funder, part.scope]));
}

async function funderParts({
  db,
  planId,
}: {
  db: Db;
  planId: string;
}): Promise<Map<string, { scope: Set<string>; funded: Set<string> }>> {
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

  const scopes = new Map<string, { scope: Set<string>; funded: Set<string> }>();
  for (const { funderCode, elementId } of funded) {
    const part = scopes.get(funderCode) ?? { scope: new Set<string>(), funded: new Set<string>() };
    scopes.set(funderCode, part);
    const down = [elementId];
    while (down.length) {
      const id = down.pop() as string;
      if (part.funded.has(id)) continue;
      part.funded.add(id);
      part.scope.add(id);
      down.push(...(childrenOf.get(id) ?? []));
    }
    for (let up = parentOf.get(elementId); up && !part.scope.has(up); up = parentOf.get(up))
      part.scope.add(up);
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
  const scopes = await funderParts({ db, planId });
  if (!can(viewer, { action: "plan.read", fundedBy: [...scopes.keys()] })) return null;
  const own = [...scopes].filter(([funder]) => can(viewer, { action: "element.read", fundedBy: [funder] }));
  return {
    all: false,
    elementIds: new Set(own.flatMap(([, part]) => [...part.scope])),
    funded: new Set(own.flatMap(([, part]) => [...part.funded])),
  };
}

export const inScope = (scope: PlanScope, elementId: string) => scope.all || scope.elementIds.has(elementId);

/**
 * Whether a viewer sees a progress entry (its figure, narrative and breakdown), and whether it counts in the
 * figures they see (docs/rollup.md, "What a funder's figures count"): everyone who sees the whole plan sees every
 * entry; a funder, a figure cited from a published source, and an entry logged from an element in the part of the
 * plan it funds (`PlanScope.funded`: not from an element above it, whose entries are about others' work too). An
 * entry logged from no element (a CSV import, a KoboToolbox form for an indicator of several elements) counts when
 * every element its indicator measures (`measures`) is in that part: it can only be about that work. Otherwise it
 * may be about anything, so it is neither shown to a funder nor counted in its figures.
 */
export const entryInScope = (
  scope: PlanScope,
  entry: { elementId: string | null; citationSourceId: string | null },
  measures: readonly string[] = [],
) => {
  if (scope.all || entry.citationSourceId !== null) return true;
  const funded = scope.funded ?? scope.elementIds;
  if (entry.elementId !== null) return funded.has(entry.elementId);
  return measures.length > 0 && measures.every((id) => funded.has(id));
};

/** A plan a viewer may see, with the viewer's scope in it: what every page under `/plans/:slug` starts from. */
export type VisiblePlan = NonNullable<Awaited<ReturnType<typeof visiblePlan>>>;

/**
 * A plan the viewer may see, with the viewer's scope in it; null when there is none (the page answers 404). Plan
 * routes do not call it: the `plans/:slug` layout does, once per request (app/plan-graph/plan-route.server.ts).
 */
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
