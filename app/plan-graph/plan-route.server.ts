import type { MiddlewareFunction } from "react-router";
import type { Viewer } from "../auth/policy";
import { requireViewer } from "../auth/request.server";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { planContext, viewerContext } from "../request-context";
import { type VisiblePlan, visiblePlan } from "./scope.server";

type RequestArgs = Parameters<typeof requireViewer>[0];

/**
 * The middleware of the `plans/:slug` layout route (app/routes/plan.layout.tsx): looks the plan up once per request,
 * for the signed-in viewer, and sets it (or null: no such plan, or none of it theirs to see) on `planContext` for
 * every page and resource route under it. It neither redirects nor answers 404 itself, so that a method a route does
 * not handle still answers 405 to everyone (docs/security.md, access matrix): the loaders and actions decide, through
 * `requirePlan`.
 */
export const loadVisiblePlan: MiddlewareFunction<Response> = async ({ context, params }) => {
  const viewer = context.get(viewerContext);
  context.set(
    planContext,
    viewer ? await visiblePlan({ db: await getDb(), slug: params.slug ?? "", viewer }) : null,
  );
};

/**
 * What every loader and action under `/plans/:slug` starts with: the signed-in viewer (else a redirect to sign in)
 * and the plan with their scope in it (else 404, the same answer for a plan that does not exist and one that is not
 * theirs to see).
 */
export function requirePlan(args: RequestArgs): VisiblePlan & { viewer: Viewer } {
  const viewer = requireViewer(args);
  const found = args.context.get(planContext);
  if (!found) notFound();
  return { viewer, ...found };
}
