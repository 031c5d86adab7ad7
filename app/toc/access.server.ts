import { can } from "../auth/policy";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { negotiateLocale, translator } from "../i18n/i18n";
import { requirePlan } from "../plan-graph/plan-route.server";
import { canvasVisibleTo } from "./canvas.server";
import { tocScope } from "./scope.server";

type RequestArgs = Parameters<typeof requirePlan>[0];
type CanvasArgs = RequestArgs & { params: { canvas: string } };

/**
 * What every theory-of-change route starts with: the signed-in viewer (else a redirect to sign in), the plan if
 * they may see it (else 404: `requirePlan`) with their theory-of-change scope (`tocScope`: a funder also sees the
 * outcomes and impact its money feeds), whether they may edit canvases, and the reader's translator.
 */
export async function requireTocPlan(args: RequestArgs) {
  const { viewer, plan, scope } = requirePlan(args);
  const db = await getDb();
  return {
    viewer,
    db,
    plan,
    scope: await tocScope(db, plan.id, scope),
    canEdit: can(viewer, { action: "toc.edit" }),
    by: { id: viewer.id, actor: `user:${viewer.id}`, viewer },
    t: translator(negotiateLocale(args.request)),
  };
}

/** A JSON answer that is never cached (it carries plan data). */
export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * What a write to one canvas (a save, an import) starts with: `requireTocPlan`, and the canvas if the viewer may see
 * it (else 404). A reader who may see it but not edit it gets the 403 JSON answer in `refusal`.
 */
export async function requireCanvasWrite(args: CanvasArgs) {
  const found = await requireTocPlan(args);
  const slug = args.params.canvas;
  if (!(await canvasVisibleTo({ db: found.db, plan: found.plan, scope: found.scope, slug }))) notFound();
  const refusal = found.canEdit
    ? null
    : jsonAnswer({ status: "forbidden", message: found.t("toc.save.forbidden") }, 403);
  return { ...found, slug, refusal };
}
