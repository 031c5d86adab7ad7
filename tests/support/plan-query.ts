import type { Viewer } from "../../app/auth/policy";
import { type VisiblePlan, visiblePlan } from "../../app/plan-graph/scope.server";
import type { Db } from "../../db/client";

/**
 * Calls a query of a plan page as its route does: with the plan as the viewer may see it, which the `plans/:slug`
 * layout looks up (app/plan-graph/plan-route.server.ts). Null, the route's 404, when the viewer may see no such plan.
 */
export async function asPlanPage<Input extends Pick<VisiblePlan, "plan"> & { db: Db }, Result>(
  query: (input: Input) => Promise<Result | null>,
  { slug, viewer, ...input }: Omit<Input, keyof VisiblePlan | "viewer"> & { slug: string; viewer: Viewer },
): Promise<Result | null> {
  const found = await visiblePlan({ db: input.db, slug, viewer });
  return found ? query({ ...input, viewer, ...found } as unknown as Input) : null;
}
