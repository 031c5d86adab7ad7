import { notFound } from "../http-errors";
import { todayUtc } from "../progress/workflow.server";
import { jsonAnswer, requireTocPlan } from "../toc/access.server";
import { loadCanvas } from "../toc/canvas.server";
import { nodePanel } from "../toc/overlay.server";
import type { Route } from "./+types/toc.node";

/**
 * The editor's side panel for one element of a canvas (JSON): its roll-up, indicators, latest approved entries in
 * the reader's scope and causal pathways. 404 when the reader may not see the canvas or the element on it.
 */
export async function loader(args: Route.LoaderArgs) {
  const { db, plan, scope, viewer } = await requireTocPlan(args);
  const canvas = await loadCanvas({ db, plan, scope, slug: args.params.canvas, canEdit: false });
  const element = canvas
    ? Object.values(canvas.doc.elements).find((candidate) => candidate.code === args.params.code)
    : undefined;
  if (!element) notFound();
  const panel = await nodePanel({
    db,
    plan,
    scope,
    viewer,
    element: { id: element.key, code: element.code },
    url: new URL(args.request.url),
    today: todayUtc(),
  });
  if (!panel) notFound();
  return jsonAnswer(panel);
}
