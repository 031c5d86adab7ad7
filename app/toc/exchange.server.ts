/**
 * A canvas as a plan-graph interchange file (docs/formats/plan-graph.md): export restricted to what the canvas
 * draws, with its positions; import of such a file back onto the canvas (its settings and nodes, never the plan's
 * elements or links, which a plan import or the editor changes).
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { elements, plans, sourceDocuments, tocCanvasNodes } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { type FieldProblem, problem } from "../forms/problem";
import type { PlanGraph } from "../plan-graph/format";
import { inScope, type PlanScope } from "../plan-graph/scope.server";
import { applyCanvasContent, citationColumns, planGraphDocument } from "../plan-graph/store.server";
import { type CodedProblem, jsonErrorAt, parseCanvasFile, parseJsonText } from "../plan-graph/validate";
import { type Actor, type CanvasPlan, canvasVisible, findCanvas, lockPlan, mayEdit } from "./canvas.server";

/** The canvas as an interchange document: the elements it draws (and its focus), the links between them, one canvas. */
export async function exportCanvas({
  db,
  plan,
  scope,
  slug,
}: {
  db: Db;
  plan: CanvasPlan;
  scope: PlanScope;
  slug: string;
}): Promise<PlanGraph | null> {
  const canvas = await findCanvas(db, plan.id, slug);
  if (!canvas) return null;
  const allNodeIds = (
    await db
      .select({ elementId: tocCanvasNodes.elementId })
      .from(tocCanvasNodes)
      .where(eq(tocCanvasNodes.canvasId, canvas.id))
  ).map((row) => row.elementId);
  if (!canvasVisible(scope, canvas.focusElementId, allNodeIds)) return null;
  const nodeIds = allNodeIds.filter((id) => inScope(scope, id));
  const [planRow] = await db.select().from(plans).where(eq(plans.id, plan.id));
  if (!planRow) return null;
  const elementIds = new Set(nodeIds);
  if (canvas.focusElementId) elementIds.add(canvas.focusElementId);
  return planGraphDocument({ db, plan: planRow, only: { elementIds, canvasIds: [canvas.id] } });
}

export type CanvasImportResult =
  | { status: "imported"; version: number; changed: boolean }
  | { status: "invalid"; problems: FieldProblem[] }
  | { status: "forbidden" }
  | { status: "not_found" };

/**
 * Puts a canvas file back onto the canvas: the file must be valid plan-graph JSON for this plan with exactly this
 * one canvas, and every element it places (and its focus) must exist in the plan. The canvas's settings and nodes
 * become the file's (nodes missing from the file are taken off); if anything changed, the canvas gets its next
 * version (an editor holding the old one reloads before saving) and one audit row is written.
 */
export async function importCanvas({
  db,
  plan,
  slug,
  text,
  by,
}: {
  db: Db;
  plan: CanvasPlan;
  slug: string;
  text: string;
  by: Actor;
}): Promise<CanvasImportResult> {
  if (!mayEdit(by)) return { status: "forbidden" };
  const json = parseJsonText(text);
  if (!json.ok) {
    const at = jsonErrorAt(text);
    return { status: "invalid", problems: [problem("$", "toc.import.invalidJson", at)] };
  }
  const parsed = parseCanvasFile(json.value);
  if (!parsed.ok) return { status: "invalid", problems: parsed.problems.map(importProblem) };
  const graph = parsed.value;
  const problems: FieldProblem[] = [];
  if (graph.plan.slug !== plan.slug)
    problems.push(problem("$.plan.slug", "toc.import.otherPlan", { file: graph.plan.slug, plan: plan.slug }));
  const canvases = graph.canvases ?? [];
  if (canvases.length !== 1)
    problems.push(problem("$.canvases", "toc.import.oneCanvas", { count: canvases.length }));
  const file = canvases[0];
  if (file && file.slug !== slug)
    problems.push(problem("$.canvases[0].slug", "toc.import.otherCanvas", { file: file.slug, canvas: slug }));
  if (problems.length || !file) return { status: "invalid", problems };

  return db.transaction(async (tx): Promise<CanvasImportResult> => {
    await lockPlan(tx, plan.id);
    const canvas = await findCanvas(tx, plan.id, slug);
    if (!canvas) return { status: "not_found" };
    const named = [
      ...new Set([...file.nodes.map((node) => node.element), ...(file.focus ? [file.focus] : [])]),
    ];
    const found = named.length
      ? await tx
          .select({ id: elements.id, code: elements.code })
          .from(elements)
          .where(and(eq(elements.planId, plan.id), inArray(elements.code, named)))
      : [];
    const idByCode = new Map(found.map((row) => [row.code, row.id]));
    const unknown = (code: string) => ({ plan: plan.slug, code });
    if (file.focus && !idByCode.has(file.focus))
      problems.push(problem("$.canvases[0].focus", "toc.import.unknownElement", unknown(file.focus)));
    file.nodes.forEach((node, i) => {
      if (!idByCode.has(node.element))
        problems.push(
          problem(`$.canvases[0].nodes[${i}].element`, "toc.import.unknownElement", unknown(node.element)),
        );
    });
    if (file.citation) {
      const [source] = await tx
        .select({ id: sourceDocuments.id })
        .from(sourceDocuments)
        .where(eq(sourceDocuments.id, file.citation.source));
      if (!source)
        problems.push(
          problem("$.canvases[0].citation.source", "toc.import.unknownSource", {
            source: file.citation.source,
          }),
        );
    }
    if (problems.length) return { status: "invalid", problems };

    // The settings before and after, for the audit row (what the import changed, by value).
    const settingsBefore = {
      title: canvas.title,
      description: canvas.description,
      focus: canvas.focusElementId
        ? (found.find((row) => row.id === canvas.focusElementId)?.code ?? canvas.focusElementId)
        : null,
      draft: canvas.draft,
      showOutline: canvas.showOutline,
      layoutDirection: canvas.layoutDirection,
    };
    const settingsAfter = {
      title: file.title,
      description: file.description ?? null,
      focus: file.focus ?? null,
      draft: file.draft,
      showOutline: file.showOutline,
      layoutDirection: file.layoutDirection,
    };
    const applied = await applyCanvasContent(tx, {
      canvas,
      values: {
        title: file.title,
        description: file.description ?? null,
        focusElementId: file.focus ? (idByCode.get(file.focus) as string) : null,
        draft: file.draft,
        showOutline: file.showOutline,
        layoutDirection: file.layoutDirection as string,
        ...citationColumns(file.citation),
      },
      nodes: file.nodes.map((node) => ({
        elementId: idByCode.get(node.element) as string,
        x: node.x,
        y: node.y,
        pinned: node.pinned,
      })),
      by: by.id,
    });
    if (!applied.changed) return { status: "imported", version: canvas.version, changed: false };
    const version = applied.version;
    await recordAudit(tx, {
      actor: by.actor,
      action: "toc.canvas.import",
      entityType: "toc_canvas",
      entityId: `${plan.slug}/${slug}`,
      before: {
        version: canvas.version,
        nodes: applied.nodesBefore,
        ...(applied.settingsChanged ? { values: { settings: settingsBefore } } : {}),
      },
      after: {
        version,
        ...(applied.settingsChanged ? { values: { settings: settingsAfter } } : {}),
        nodes: file.nodes.length,
        placedOrMoved: applied.placedOrMoved,
        removed: applied.removed,
        settingsChanged: applied.settingsChanged,
      },
    });
    return { status: "imported", version, changed: true };
  });
}

/** A problem of the file as the reader's language says it (the validator's own text is English, for the CLI). */
function importProblem(coded: CodedProblem): FieldProblem {
  const { path } = coded;
  switch (coded.code) {
    case "duplicate":
      return problem(path, "toc.import.duplicate", { ...coded.values });
    case "unknownCode":
      return problem(path, "toc.import.fileUnknownCode", { ...coded.values });
    case "placedTwice":
      return problem(path, "toc.import.placedTwice", { ...coded.values });
    default:
      // A value of the wrong shape: the path says where; the detail (English) is for whoever wrote the file.
      return problem(path, "toc.import.shape", { detail: path });
  }
}
