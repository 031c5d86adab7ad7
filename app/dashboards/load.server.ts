import type { Db } from "../../db/client";
import { can, type Viewer } from "../auth/policy";
import { requireViewer } from "../auth/request.server";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { todayUtc } from "../progress/workflow.server";
import { spendHistoryBudget } from "./budget.server";

/** What every dashboard query reads: the route's params (the plan's slug, an element's or indicator's code) and more. */
export type DashboardQuery<Params> = Params & { db: Db; viewer: Viewer; url: URL; today: string };

/**
 * A dashboard route's loader: the signed-in viewer (or the sign-in page), the query with the request's address and
 * today's day, and a 404 when the plan (or the element, the indicator) is not there or not the viewer's to see.
 * Another day than today spends the viewer's budget for past days (./budget.server.ts), and so does every request of
 * a funder, whose figures are computed afresh: over it, a 429 page with Retry-After, before any of the roll-up's work.
 */
export async function loadDashboard<Params extends { slug: string }, Result>(
  args: Parameters<typeof requireViewer>[0] & { params: Params },
  query: (input: DashboardQuery<Params>) => Promise<Result | null>,
): Promise<Result> {
  const viewer = requireViewer(args);
  const url = new URL(args.request.url);
  const today = todayUtc();
  // A reader who does not see the whole plan (a funder) gets figures computed afresh: every request costs.
  spendHistoryBudget(viewer.id, url, today, {
    uncached: !can(viewer, { action: "plan.read", fundedBy: [] }),
  });
  const result = await query({ ...args.params, db: await getDb(), viewer, url, today });
  if (!result) notFound();
  return result;
}
