import { Outlet } from "react-router";
import { loadVisiblePlan } from "../plan-graph/plan-route.server";
import { planContext } from "../request-context";
import type { Route } from "./+types/plan.layout";

/** Every page under /plans/:slug: the plan is looked up once, for the viewer, before any of their loaders run. */
export const middleware: Route.MiddlewareFunction[] = [loadVisiblePlan];

/**
 * What the plan's pages share (their breadcrumbs): the plan's address, title and whether it is synthetic, or null.
 * It neither redirects nor answers 404 (the page's own loader does, through `requirePlan`): when a page has no
 * loader or action for the request (an anonymous POST: 405), its error page still renders under this layout.
 */
export function loader({ context }: Route.LoaderArgs) {
  const found = context.get(planContext);
  return {
    plan: found && { slug: found.plan.slug, title: found.plan.title, synthetic: found.plan.synthetic },
  };
}

export default function PlanLayout() {
  return <Outlet />;
}
