import { notFound } from "../http-errors";
import { formatPlanGraph } from "../plan-graph/store.server";
import { recordRead } from "../read-log.server";
import { requireTocPlan } from "../toc/access.server";
import { exportCanvas } from "../toc/exchange.server";
import type { Route } from "./+types/toc.export";

/** The canvas as plan-graph interchange JSON with its positions (docs/formats/plan-graph.md), as a download. */
export async function loader(args: Route.LoaderArgs) {
  const { db, plan, scope, viewer } = await requireTocPlan(args);
  const graph = await exportCanvas({ db, plan, scope, slug: args.params.canvas });
  if (!graph) notFound();
  await recordRead({
    db,
    viewer,
    action: "canvas.export",
    entityType: "toc_canvas",
    entityId: `${plan.slug}/${args.params.canvas}`,
    detail: { scoped: !scope.all },
  });
  return new Response(formatPlanGraph(graph), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${plan.slug}-${args.params.canvas}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
