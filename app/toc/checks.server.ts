import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { elementLinks, elements, indicatorElements, tocCanvases, tocCanvasNodes } from "../../db/schema";
import { inScope, type PlanScope } from "../plan-graph/scope.server";
import { type Finding, tocChecks } from "./checks";

/**
 * The theory-of-change checks (./checks.ts) on a stored plan, or on one of its canvases: the whole plan's graph is
 * read (a pathway may pass through elements the canvas does not draw), and with a canvas only the findings about
 * what it draws are kept. Null when the canvas is not one of the plan's.
 *
 * With a partial scope (a funder's), the checks still run on the whole graph, so that they say the same thing to
 * everyone, and only findings whose elements are all in the scope are returned: nothing outside it is named.
 */
export async function planChecks({
  db,
  planId,
  canvasId = null,
  scope,
}: {
  db: Db;
  planId: string;
  canvasId?: string | null;
  scope: PlanScope;
}): Promise<Finding[] | null> {
  let canvasElementIds: string[] | null = null;
  if (canvasId !== null) {
    if (!z.uuid().safeParse(canvasId).success) return null;
    const [canvas] = await db
      .select({ id: tocCanvases.id })
      .from(tocCanvases)
      .where(and(eq(tocCanvases.planId, planId), eq(tocCanvases.id, canvasId)));
    if (!canvas) return null;
    const nodes = await db
      .select({ elementId: tocCanvasNodes.elementId })
      .from(tocCanvasNodes)
      .where(eq(tocCanvasNodes.canvasId, canvasId));
    canvasElementIds = nodes.map((node) => node.elementId);
  }
  const [planElements, links, measured] = await Promise.all([
    db
      .select({
        id: elements.id,
        code: elements.code,
        kind: elements.kind,
        status: elements.status,
        level: elements.level,
      })
      .from(elements)
      .where(eq(elements.planId, planId)),
    db
      .select({
        kind: elementLinks.kind,
        fromId: elementLinks.fromElementId,
        toId: elementLinks.toElementId,
        rationale: elementLinks.rationale,
      })
      .from(elementLinks)
      .where(eq(elementLinks.planId, planId)),
    db
      .select({ indicatorId: indicatorElements.indicatorId, elementId: indicatorElements.elementId })
      .from(indicatorElements)
      .where(eq(indicatorElements.planId, planId)),
  ]);
  const findings = tocChecks({
    elements: planElements,
    links,
    indicatorElements: measured,
    canvasElementIds,
  });
  return findings.filter((finding) => finding.nodes.every((node) => inScope(scope, node.id)));
}
