import type { Db } from "../../db/client";
import type { Viewer } from "../auth/policy";
import { can } from "../auth/policy";
import { requireViewer } from "../auth/request.server";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { requirePlan } from "../plan-graph/plan-route.server";
import type { VisiblePlan } from "../plan-graph/scope.server";
import { todayUtc } from "../progress/workflow.server";
import { spendHistoryBudget } from "./budget.server";

/**
 * What every dashboard query reads: the plan the viewer may see with their scope in it (looked up once by the
 * `plans/:slug` layout), the viewer, the route's other params (an element's or indicator's code), the request's
 * address and today's day.
 */
export type DashboardQuery<Params = unknown> = Params &
  VisiblePlan & { db: Db; viewer: Viewer; url: URL; today: string };

/**
 * A dashboard route's loader: the signed-in viewer (or the sign-in page) and the plan (or a 404), the query with the
 * request's address and today's day, and a 404 when the element or the indicator is not there or not the viewer's
 * to see. Another day than today spends the viewer's budget for past days (./budget.server.ts), and so does every
 * request of a funder, whose figures are computed afresh: over it, a 429 page with Retry-After, before any of the
 * roll-up's work.
 */
export async function loadDashboard<Params extends { slug: string }, Result>(
  args: Parameters<typeof requirePlan>[0] & { params: Params },
  query: (input: DashboardQuery<Omit<Params, "slug">>) => Promise<Result | null>,
): Promise<Result> {
  const viewer = requireViewer(args);
  const url = new URL(args.request.url);
  const today = todayUtc();
  // A reader who does not see the whole plan (a funder) gets figures computed afresh: every request costs, a 404
  // included (before the plan is looked at, so a refused plan answers no faster than a served one).
  spendHistoryBudget(viewer.id, url, today, {
    uncached: !can(viewer, { action: "plan.read", fundedBy: [] }),
  });
  const { plan, scope } = requirePlan(args);
  const { slug: _slug, ...params } = args.params;
  const result = await query({ ...params, plan, scope, db: await getDb(), viewer, url, today });
  if (!result) notFound();
  return result;
}
