import type { Db } from "../../db/client";
import type { Viewer } from "../auth/policy";
import { requireViewer } from "../auth/request.server";
import { getDb } from "../db.server";
import { todayUtc } from "../progress/workflow.server";

/** What every dashboard query reads: the route's params (the plan's slug, an element's or indicator's code) and more. */
export type DashboardQuery<Params> = Params & { db: Db; viewer: Viewer; url: URL; today: string };

/**
 * A dashboard route's loader: the signed-in viewer (or the sign-in page), the query with the request's address and
 * today's day, and a 404 when the plan (or the element, the indicator) is not there or not the viewer's to see.
 */
export async function loadDashboard<Params extends { slug: string }, Result>(
  args: Parameters<typeof requireViewer>[0] & { params: Params },
  query: (input: DashboardQuery<Params>) => Promise<Result | null>,
): Promise<Result> {
  const viewer = requireViewer(args);
  const result = await query({
    ...args.params,
    db: await getDb(),
    viewer,
    url: new URL(args.request.url),
    today: todayUtc(),
  });
  if (!result) throw new Response("Not Found", { status: 404 });
  return result;
}
