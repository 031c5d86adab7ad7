import { randomUUID } from "node:crypto";
import type { ElementKind, ElementStatus, LocalizedText } from "../../app/plan-graph/vocabulary";
import type { LinkKind } from "../../app/toc/pathways";
import type { Db } from "../../db/client";
import { elementLinks, elements, plans } from "../../db/schema";

/** Writes a plan graph for the theory-of-change tests straight into the tables; returns the plan's id. */
export async function insertPlanGraph(
  db: Db,
  graph: {
    elements: readonly { id?: string; code: string; kind: ElementKind; status?: ElementStatus }[];
    links: readonly { kind: LinkKind; fromId: string; toId: string; rationale?: LocalizedText | null }[];
  },
  slug = `toc-${randomUUID().slice(0, 8)}`,
): Promise<string> {
  const [plan] = await db
    .insert(plans)
    .values({ slug, title: { en: `Plan ${slug}` }, startDate: "2013-01-01", endDate: "2015-12-31" })
    .returning({ id: plans.id });
  const planId = (plan as { id: string }).id;
  if (graph.elements.length > 0)
    await db.insert(elements).values(
      graph.elements.map((element) => ({
        id: element.id,
        planId,
        code: element.code,
        kind: element.kind,
        status: element.status ?? "active",
        title: { en: `Element ${element.code}` },
      })),
    );
  if (graph.links.length > 0)
    await db.insert(elementLinks).values(
      graph.links.map((link) => ({
        planId,
        kind: link.kind,
        fromElementId: link.fromId,
        toElementId: link.toId,
        rationale: link.rationale ?? null,
      })),
    );
  return planId;
}
