import { Outlet } from "react-router";
import { loadVisiblePlan, requirePlan } from "../plan-graph/plan-route.server";
import type { Route } from "./+types/plan.layout";

/** Every page under /plans/:slug: the plan is looked up once, for the viewer, before any of their loaders run. */
export const middleware: Route.MiddlewareFunction[] = [loadVisiblePlan];

/** What the plan's pages share (their breadcrumbs): the plan's address, title and whether it is synthetic. */
export function loader(args: Route.LoaderArgs) {
  const { plan } = requirePlan(args);
  return { plan: { slug: plan.slug, title: plan.title, synthetic: plan.synthetic } };
}

export default function PlanLayout() {
  return <Outlet />;
}
