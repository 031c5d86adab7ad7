import { can } from "../auth/policy";
import { requireViewer } from "../auth/request.server";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { negotiateLocale, translator } from "../i18n/i18n";
import { visiblePlan } from "../plan-graph/scope.server";
import { tocScope } from "./scope.server";

type RequestArgs = Parameters<typeof requireViewer>[0] & { params: { slug?: string } };

/**
 * What every theory-of-change route starts with: the signed-in viewer (else a redirect to sign in), the plan if
 * they may see it (else 404) with their theory-of-change scope (`tocScope`: a funder also sees the outcomes and
 * impact its money feeds), whether they may edit canvases, and the reader's translator.
 */
export async function requireTocPlan(args: RequestArgs) {
  const viewer = requireViewer(args);
  const db = await getDb();
  const found = await visiblePlan({ db, slug: args.params.slug ?? "", viewer });
  if (!found) notFound();
  return {
    viewer,
    db,
    plan: found.plan,
    scope: await tocScope(db, found.plan.id, found.scope),
    canEdit: can(viewer, { action: "toc.edit" }),
    by: { id: viewer.id, actor: `user:${viewer.id}`, viewer },
    t: translator(negotiateLocale(args.request)),
  };
}

/** A JSON answer that is never cached (it carries plan data). */
export function jsonAnswer(body: unknown, status = 200, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
