/**
 * Theory-of-change canvases: list, create, load and save (docs/decisions/009-toc-canvases.md). A canvas stores only
 * which of the plan's elements it draws and where; the elements and links are the plan's own, so a save that adds an
 * element or a link changes the plan. Saves are serialised per plan by a lock on the plan's row, under which the
 * version is compared and the graph checked (no cycle among causal links, the outline a tree).
 */
import { randomUUID } from "node:crypto";
import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  elementAssignees,
  elementLinks,
  elements,
  fundedElements,
  indicatorElements,
  plans,
  progressEntries,
  sourceDocuments,
  tocCanvases,
  tocCanvasNodes,
  users,
} from "../../db/schema";
import { recordAudit } from "../audit.server";
import { can, type Viewer } from "../auth/policy";
import { type FieldProblem, problem } from "../forms/problem";
import { type Citation, evidenceLinksValue } from "../plan-graph/format";
import { inScope, type PlanScope } from "../plan-graph/scope.server";
import {
  batches,
  bumpCanvasVersions,
  citationOf,
  localized,
  planCanvasIds,
  upsertNodes,
} from "../plan-graph/store.server";
import type {
  ElementKind,
  ElementLevel,
  ElementStatus,
  EvidenceLink,
  LayoutDirection,
  LocalizedText,
} from "../plan-graph/vocabulary";
import {
  type CanvasEdit,
  type CanvasSnapshot,
  type Dependants,
  type EvidenceStrength,
  isEmptySave,
  planCanvasSave,
  type SaveProblem,
  type SaveSummary,
} from "./edit";
import { canvasElementIds, provisionalPositions } from "./new-canvas";
import type { LinkKind } from "./pathways";

export type CanvasPlan = { id: string; slug: string; title: LocalizedText };
/**
 * Who changes a canvas: a user (`id`, and `viewer`, whose permission the functions below check again, so a route
 * cannot forget), or the system (`id` null, no viewer: an import from the command line, a test).
 */
export type Actor = { id: string | null; actor: string; viewer?: Viewer };

/** Whether the actor may change canvases: a person needs `toc.edit`. */
export const mayEdit = (by: Actor) => !by.viewer || can(by.viewer, { action: "toc.edit" });

// ---------------------------------------------------------------- list

export type CanvasListItem = {
  slug: string;
  title: LocalizedText;
  description: LocalizedText | null;
  draft: boolean;
  focus: { code: string; title: LocalizedText } | null;
  nodes: number;
  version: number;
  updatedAt: string;
};

/**
 * A funder sees a canvas when it draws at least one element in its scope and its focus (if any) is in its scope;
 * it then sees only those nodes. Everyone else who may read the plan sees every canvas whole.
 */
export function canvasVisible(scope: PlanScope, focusId: string | null, nodeIds: readonly string[]) {
  if (scope.all) return true;
  if (focusId !== null && !inScope(scope, focusId)) return false;
  return nodeIds.some((id) => inScope(scope, id));
}

export async function listCanvases({
  db,
  plan,
  scope,
}: {
  db: Db;
  plan: CanvasPlan;
  scope: PlanScope;
}): Promise<CanvasListItem[]> {
  const rows = await db
    .select({
      id: tocCanvases.id,
      slug: tocCanvases.slug,
      title: tocCanvases.title,
      description: tocCanvases.description,
      draft: tocCanvases.draft,
      focusId: tocCanvases.focusElementId,
      version: tocCanvases.version,
      updatedAt: tocCanvases.updatedAt,
    })
    .from(tocCanvases)
    .where(eq(tocCanvases.planId, plan.id))
    .orderBy(tocCanvases.slug);
  if (rows.length === 0) return [];
  const nodes = await db
    .select({ canvasId: tocCanvasNodes.canvasId, elementId: tocCanvasNodes.elementId })
    .from(tocCanvasNodes)
    .where(eq(tocCanvasNodes.planId, plan.id));
  const focusIds = rows.map((row) => row.focusId).filter((id): id is string => id !== null);
  const focusRows = focusIds.length
    ? await db
        .select({ id: elements.id, code: elements.code, title: elements.title })
        .from(elements)
        .where(inArray(elements.id, focusIds))
    : [];
  const focusById = new Map(focusRows.map((row) => [row.id, row]));
  return rows.flatMap((row) => {
    const nodeIds = nodes.filter((node) => node.canvasId === row.id).map((node) => node.elementId);
    if (!canvasVisible(scope, row.focusId, nodeIds)) return [];
    const focus = row.focusId ? focusById.get(row.focusId) : undefined;
    return [
      {
        slug: row.slug,
        title: row.title,
        description: row.description,
        draft: row.draft,
        focus: focus ? { code: focus.code, title: focus.title } : null,
        nodes: nodeIds.filter((id) => inScope(scope, id)).length,
        version: row.version,
        updatedAt: row.updatedAt.toISOString(),
      },
    ];
  });
}

// ---------------------------------------------------------------- load

/** An element as the editor knows it (`EditorElement` of ./editor-state.ts); `key` is its id. */
export type CanvasElement = {
  key: string;
  code: string;
  kind: ElementKind;
  level: ElementLevel | null;
  title: LocalizedText;
  status: ElementStatus;
};
export type CanvasLink = {
  key: string;
  kind: LinkKind;
  from: string;
  to: string;
  rationale: LocalizedText | null;
  evidenceStrength: EvidenceStrength | null;
  evidenceLinks: EvidenceLink[] | null;
};

/**
 * A canvas as the editor loads it. `{ version, doc }` is the editor's `LoadedCanvas`: `doc.elements` holds every
 * element of the plan the reader may see (so one can be put on the canvas), `doc.nodes` those drawn and where,
 * `doc.links` every link between two of those elements (the editor draws those whose ends are both on the canvas).
 */
export type CanvasDocument = {
  plan: { slug: string; title: LocalizedText };
  canvas: {
    slug: string;
    title: LocalizedText;
    description: LocalizedText | null;
    focus: { key: string; code: string } | null;
    draft: boolean;
    showOutline: boolean;
    layoutDirection: LayoutDirection;
    version: number;
    updatedAt: string;
    citation: Citation | null;
  };
  version: number;
  doc: {
    elements: Record<string, CanvasElement>;
    nodes: Record<string, { x: number; y: number; pinned: boolean }>;
    links: Record<string, CanvasLink>;
    settings: {
      title: LocalizedText;
      description: LocalizedText | null;
      showOutline: boolean;
      layoutDirection: LayoutDirection;
    };
  };
  /** Where elements and links come from, by key. */
  citations: { elements: Record<string, Citation>; links: Record<string, Citation> };
  /** The source documents those citations name. */
  sources: { id: string; title: LocalizedText }[];
  canEdit: boolean;
};

export async function findCanvas(db: Db, planId: string, slug: string) {
  const [row] = await db
    .select()
    .from(tocCanvases)
    .where(and(eq(tocCanvases.planId, planId), eq(tocCanvases.slug, slug)));
  return row;
}

/** Whether the canvas exists and the reader may see it (what a route checks before anything else). */
export async function canvasVisibleTo({
  db,
  plan,
  scope,
  slug,
}: {
  db: Db;
  plan: CanvasPlan;
  scope: PlanScope;
  slug: string;
}): Promise<boolean> {
  const canvas = await findCanvas(db, plan.id, slug);
  if (!canvas) return false;
  if (scope.all) return true;
  const nodes = await db
    .select({ elementId: tocCanvasNodes.elementId })
    .from(tocCanvasNodes)
    .where(eq(tocCanvasNodes.canvasId, canvas.id));
  return canvasVisible(
    scope,
    canvas.focusElementId,
    nodes.map((node) => node.elementId),
  );
}

/** A canvas the reader may see, or null (404): unknown, or (for a funder) nothing of it in scope. */
export async function loadCanvas({
  db,
  plan,
  scope,
  slug,
  canEdit,
}: {
  db: Db;
  plan: CanvasPlan;
  scope: PlanScope;
  slug: string;
  canEdit: boolean;
}): Promise<CanvasDocument | null> {
  const canvas = await findCanvas(db, plan.id, slug);
  if (!canvas) return null;
  const nodeRows = await db.select().from(tocCanvasNodes).where(eq(tocCanvasNodes.canvasId, canvas.id));
  if (
    !canvasVisible(
      scope,
      canvas.focusElementId,
      nodeRows.map((node) => node.elementId),
    )
  )
    return null;
  const elementRows = (await db.select().from(elements).where(eq(elements.planId, plan.id))).filter((row) =>
    inScope(scope, row.id),
  );
  const visible = new Set(elementRows.map((row) => row.id));
  const linkRows = (await db.select().from(elementLinks).where(eq(elementLinks.planId, plan.id))).filter(
    (row) => visible.has(row.fromElementId) && visible.has(row.toElementId),
  );

  const doc: CanvasDocument["doc"] = {
    elements: {},
    nodes: {},
    links: {},
    settings: {
      title: localized(canvas.title),
      description: localized(canvas.description),
      showOutline: canvas.showOutline,
      layoutDirection: canvas.layoutDirection as LayoutDirection,
    },
  };
  const citations: CanvasDocument["citations"] = { elements: {}, links: {} };
  for (const row of elementRows) {
    doc.elements[row.id] = {
      key: row.id,
      code: row.code,
      kind: row.kind,
      level: row.level,
      title: localized(row.title),
      status: row.status,
    };
    const citation = citationOf(row);
    if (citation) citations.elements[row.id] = citation;
  }
  for (const node of nodeRows)
    if (visible.has(node.elementId))
      doc.nodes[node.elementId] = { x: node.x, y: node.y, pinned: node.pinned };
  for (const row of linkRows) {
    doc.links[row.id] = {
      key: row.id,
      kind: row.kind,
      from: row.fromElementId,
      to: row.toElementId,
      rationale: localized(row.rationale),
      evidenceStrength: row.evidenceStrength,
      evidenceLinks: evidenceLinksValue(row.evidenceLinks),
    };
    const citation = citationOf(row);
    if (citation) citations.links[row.id] = citation;
  }
  const cited = new Set(
    [canvas, ...elementRows, ...linkRows]
      .map((row) => row.citationSourceId)
      .filter((id): id is string => !!id),
  );
  const sources = cited.size
    ? await db
        .select({ id: sourceDocuments.id, title: sourceDocuments.title })
        .from(sourceDocuments)
        .where(inArray(sourceDocuments.id, [...cited]))
        .orderBy(sourceDocuments.id)
    : [];
  const focus = canvas.focusElementId ? doc.elements[canvas.focusElementId] : undefined;
  return {
    plan: { slug: plan.slug, title: localized(plan.title) },
    canvas: {
      slug: canvas.slug,
      title: localized(canvas.title),
      description: localized(canvas.description),
      focus: focus ? { key: focus.key, code: focus.code } : null,
      draft: canvas.draft,
      showOutline: canvas.showOutline,
      layoutDirection: canvas.layoutDirection as LayoutDirection,
      version: canvas.version,
      updatedAt: canvas.updatedAt.toISOString(),
      citation: citationOf(canvas),
    },
    version: canvas.version,
    doc,
    citations,
    sources: sources.map((source) => ({ id: source.id, title: localized(source.title) })),
    canEdit,
  };
}

// ---------------------------------------------------------------- create

export type NewCanvas = {
  slug: string;
  title: LocalizedText;
  description?: LocalizedText | null;
  /** The code of the element whose pathway to draw, or null for the whole plan. */
  focus: string | null;
  draft?: boolean;
  layoutDirection?: LayoutDirection;
};

/**
 * Creates a canvas drawing the whole plan, or the pathway of one element (its parts, their causes and effects), on
 * a provisional grid the editor then lays out. One audit row.
 */
export async function createCanvas({
  db,
  plan,
  input,
  by,
}: {
  db: Db;
  plan: CanvasPlan;
  input: NewCanvas;
  by: Actor;
}): Promise<
  | { ok: true; slug: string; nodes: number }
  | { ok: false; problems: FieldProblem[] }
  | { ok: false; forbidden: true }
> {
  if (!mayEdit(by)) return { ok: false, forbidden: true };
  return db.transaction(async (tx) => {
    await lockPlan(tx, plan.id);
    const problems: FieldProblem[] = [];
    if (await findCanvas(tx, plan.id, input.slug)) problems.push(problem("slug", "toc.new.slugTaken"));
    const elementRows = await tx
      .select({ id: elements.id, code: elements.code, kind: elements.kind })
      .from(elements)
      .where(eq(elements.planId, plan.id));
    const focus = input.focus === null ? null : elementRows.find((row) => row.code === input.focus);
    if (focus === undefined) problems.push(problem("focus", "toc.new.focusUnknown"));
    if (problems.length || focus === undefined) return { ok: false as const, problems };
    const links = await tx
      .select({ kind: elementLinks.kind, from: elementLinks.fromElementId, to: elementLinks.toElementId })
      .from(elementLinks)
      .where(eq(elementLinks.planId, plan.id));
    const shown = new Set(canvasElementIds({ elements: elementRows, links, focusId: focus?.id ?? null }));
    const direction = input.layoutDirection ?? "RIGHT";
    const positions = provisionalPositions(
      elementRows.filter((row) => shown.has(row.id)),
      direction,
    );
    const [inserted] = await tx
      .insert(tocCanvases)
      .values({
        planId: plan.id,
        slug: input.slug,
        title: input.title,
        description: input.description ?? null,
        focusElementId: focus?.id ?? null,
        draft: input.draft ?? false,
        layoutDirection: direction,
        updatedBy: by.id,
      })
      .returning({ id: tocCanvases.id });
    const canvasId = (inserted as { id: string }).id;
    await upsertNodes(
      tx,
      canvasId,
      plan.id,
      [...positions].map(([elementId, at]) => ({ elementId, ...at, pinned: false })),
    );
    await recordAudit(tx, {
      actor: by.actor,
      action: "toc.canvas.create",
      entityType: "toc_canvas",
      entityId: `${plan.slug}/${input.slug}`,
      after: { title: input.title, focus: focus?.code ?? null, nodes: positions.size },
    });
    return { ok: true as const, slug: input.slug, nodes: positions.size };
  });
}

// ---------------------------------------------------------------- save

export type SaveResult =
  | {
      status: "saved";
      version: number;
      changed: boolean;
      created: Record<string, string>;
      canvas: CanvasDocument;
    }
  /** `savedBy`: who saved the version it meets (null when unknown), for the editor to name after merging. */
  | { status: "conflict"; baseVersion: number; canvas: CanvasDocument; savedBy: string | null }
  | { status: "invalid"; problems: SaveProblem[] }
  | { status: "forbidden" }
  | { status: "not_found" };

/**
 * Serialises the writers of one plan's graph: canvas saves and creations, and plan imports. `FOR NO KEY UPDATE`
 * conflicts with itself (and with an UPDATE of the plan) but not with the key-share locks that inserting rows
 * referring to the plan takes, so it queues graph writers without blocking progress logging.
 */
export async function lockPlan(tx: Db, planId: string) {
  await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).for("no key update");
}

/**
 * Saves an edit of a canvas in one transaction. A save from a stale version is refused with the canvas as it is
 * now (nothing written); so is an edit that breaks a rule (every problem, with its path). A save that changes
 * nothing writes nothing and keeps the version. Otherwise: the plan's elements and links change as the edit says,
 * the canvas gets its next version, every other canvas showing what changed gets its next version too (so its
 * editors reload before they save), and one audit row records what changed, by code.
 */
export async function saveCanvas({
  db,
  plan,
  slug,
  edit,
  by,
  newId = randomUUID,
}: {
  db: Db;
  plan: CanvasPlan;
  slug: string;
  edit: CanvasEdit;
  by: Actor;
  newId?: () => string;
}): Promise<SaveResult> {
  if (!mayEdit(by)) return { status: "forbidden" };
  return db.transaction(async (tx): Promise<SaveResult> => {
    await lockPlan(tx, plan.id);
    const canvas = await findCanvas(tx, plan.id, slug);
    if (!canvas) return { status: "not_found" };
    // The canvas as this transaction leaves it (what the editor continues from): read under the lock.
    const current = async () =>
      (await loadCanvas({ db: tx, plan, scope: { all: true }, slug, canEdit: true })) as CanvasDocument;
    if (canvas.version !== edit.baseVersion) {
      const [saver] = canvas.updatedBy
        ? await tx.select({ name: users.name }).from(users).where(eq(users.id, canvas.updatedBy))
        : [];
      return {
        status: "conflict",
        baseVersion: edit.baseVersion,
        canvas: await current(),
        savedBy: saver?.name ?? null,
      };
    }

    const snapshot = await loadSnapshot(tx, plan.id, canvas, edit.deletedElements);
    const planned = planCanvasSave(snapshot, edit, newId);
    if (!planned.ok) return { status: "invalid", problems: planned.problems };
    const writes = planned.writes;
    if (isEmptySave(writes))
      return {
        status: "saved",
        version: canvas.version,
        changed: false,
        created: writes.created,
        canvas: await current(),
      };

    // A save that changes the plan's elements or links (not only this canvas's nodes or settings) gives every
    // canvas of the plan its next version: any canvas may place and edit any element, so whoever holds an older
    // version of any canvas gets a conflict on their next save instead of overwriting this one (decision 009).
    const structural =
      writes.touched.elements.length > 0 ||
      writes.touched.links.length > 0 ||
      writes.insertElements.length > 0;
    const others = structural ? await planCanvasIds(tx, plan.id) : new Set<string>();

    for (const batch of batches(writes.deleteLinks))
      await tx.delete(elementLinks).where(inArray(elementLinks.id, batch));
    for (const batch of batches(writes.deleteElements))
      await tx.delete(elements).where(inArray(elements.id, batch));
    for (const batch of batches(writes.deleteNodes))
      await tx
        .delete(tocCanvasNodes)
        .where(and(eq(tocCanvasNodes.canvasId, canvas.id), inArray(tocCanvasNodes.elementId, batch)));
    for (const update of writes.updateElements)
      await tx
        .update(elements)
        .set({ ...update.values, updatedAt: new Date() })
        .where(eq(elements.id, update.id));
    for (const batch of batches(writes.insertElements))
      await tx
        .insert(elements)
        .values(batch.map((element) => ({ ...element, planId: plan.id, reconstructed: false })));
    for (const batch of batches(writes.insertLinks))
      await tx.insert(elementLinks).values(
        batch.map((link) => ({
          id: link.id,
          planId: plan.id,
          kind: link.kind,
          fromElementId: link.from,
          toElementId: link.to,
          rationale: link.rationale,
          evidenceStrength: link.evidenceStrength,
          evidenceLinks: link.evidenceLinks,
        })),
      );
    for (const update of writes.updateLinks)
      await tx
        .update(elementLinks)
        .set({ ...update.values, updatedAt: new Date() })
        .where(eq(elementLinks.id, update.id));
    await upsertNodes(tx, canvas.id, plan.id, writes.upsertNodes);
    const version = canvas.version + 1;
    await tx
      .update(tocCanvases)
      .set({ ...(writes.settings ?? {}), version, updatedBy: by.id, updatedAt: new Date() })
      .where(eq(tocCanvases.id, canvas.id));
    others.delete(canvas.id);
    await bumpCanvasVersions(tx, [...others], by.id);
    await recordAudit(tx, {
      actor: by.actor,
      action: "toc.canvas.save",
      entityType: "toc_canvas",
      entityId: `${plan.slug}/${slug}`,
      // What changed, by code, and the values before and after (titles, levels, statuses, rationales, settings).
      before: { version: canvas.version, values: writes.values.before },
      after: {
        version,
        values: writes.values.after,
        ...nonEmpty(writes.summary),
        ...(others.size ? { otherCanvasesVersioned: others.size } : {}),
      },
    });
    return { status: "saved", version, changed: true, created: writes.created, canvas: await current() };
  });
}

/** The summary without its empty parts, so an audit row reads as what happened. */
function nonEmpty(summary: SaveSummary) {
  const out: Record<string, unknown> = {};
  for (const [part, values] of Object.entries(summary)) {
    if (Array.isArray(values)) {
      if (values.length) out[part] = values;
      continue;
    }
    const kept = Object.fromEntries(
      Object.entries(values as Record<string, unknown>).filter(([, value]) =>
        Array.isArray(value) ? value.length > 0 : value !== 0,
      ),
    );
    if (Object.keys(kept).length) out[part] = kept;
  }
  return out;
}

async function loadSnapshot(
  tx: Db,
  planId: string,
  canvas: typeof tocCanvases.$inferSelect,
  deletions: readonly string[],
): Promise<CanvasSnapshot> {
  const elementRows = await tx
    .select({
      id: elements.id,
      code: elements.code,
      kind: elements.kind,
      title: elements.title,
      level: elements.level,
      status: elements.status,
      citationSourceId: elements.citationSourceId,
    })
    .from(elements)
    .where(eq(elements.planId, planId));
  const linkRows = await tx.select().from(elementLinks).where(eq(elementLinks.planId, planId));
  const nodeRows = await tx.select().from(tocCanvasNodes).where(eq(tocCanvasNodes.canvasId, canvas.id));
  const byId = new Map(
    elementRows.map((row) => [
      row.id,
      {
        id: row.id,
        code: row.code,
        kind: row.kind,
        title: row.title,
        level: row.level,
        status: row.status,
        cited: row.citationSourceId !== null,
      },
    ]),
  );
  // Only ids of this plan reach the queries below (a typed-in key is never sent to the database).
  const doomed = deletions.filter((key) => byId.has(key));
  return {
    elements: byId,
    links: new Map(
      linkRows.map((row) => [
        row.id,
        {
          id: row.id,
          kind: row.kind,
          from: row.fromElementId,
          to: row.toElementId,
          rationale: row.rationale,
          evidenceStrength: row.evidenceStrength,
          evidenceLinks: row.evidenceLinks,
          cited: row.citationSourceId !== null,
        },
      ]),
    ),
    nodes: new Map(nodeRows.map((row) => [row.elementId, { x: row.x, y: row.y, pinned: row.pinned }])),
    settings: {
      title: canvas.title,
      description: canvas.description,
      showOutline: canvas.showOutline,
      layoutDirection: canvas.layoutDirection as LayoutDirection,
      draft: canvas.draft,
    },
    dependants: await dependantsOf(tx, doomed),
  };
}

/**
 * What rests on each of these elements (indicators, entries, funding, people, canvases drawn around them). The
 * elements' rows are locked first (`FOR UPDATE`): a transaction adding an indicator link, an entry or funding for
 * one of them holds a key-share lock on its row, so the count below waits for it to commit (and sees it), and any
 * that comes later waits for this save and then fails on the deleted row, instead of being cascaded away unseen.
 */
async function dependantsOf(tx: Db, ids: readonly string[]): Promise<Map<string, Dependants>> {
  const out = new Map<string, Dependants>();
  if (ids.length === 0) return out;
  for (const batch of batches(ids))
    await tx.select({ id: elements.id }).from(elements).where(inArray(elements.id, batch)).for("update");
  for (const id of ids) out.set(id, { indicators: 0, entries: 0, funders: 0, assignees: 0, focusOf: [] });
  const tally = async (
    field: "indicators" | "entries" | "funders" | "assignees",
    rows: Promise<{ id: string | null; n: number }[]>,
  ) => {
    for (const row of await rows) {
      const entry = row.id ? out.get(row.id) : undefined;
      if (entry) entry[field] = row.n;
    }
  };
  const list = [...ids];
  await tally(
    "indicators",
    tx
      .select({ id: indicatorElements.elementId, n: count() })
      .from(indicatorElements)
      .where(inArray(indicatorElements.elementId, list))
      .groupBy(indicatorElements.elementId),
  );
  await tally(
    "entries",
    tx
      .select({ id: progressEntries.elementId, n: count() })
      .from(progressEntries)
      .where(inArray(progressEntries.elementId, list))
      .groupBy(progressEntries.elementId),
  );
  await tally(
    "funders",
    tx
      .select({ id: fundedElements.elementId, n: count() })
      .from(fundedElements)
      .where(inArray(fundedElements.elementId, list))
      .groupBy(fundedElements.elementId),
  );
  await tally(
    "assignees",
    tx
      .select({ id: elementAssignees.elementId, n: count() })
      .from(elementAssignees)
      .where(inArray(elementAssignees.elementId, list))
      .groupBy(elementAssignees.elementId),
  );
  const focused = await tx
    .select({ id: tocCanvases.focusElementId, slug: tocCanvases.slug })
    .from(tocCanvases)
    .where(inArray(tocCanvases.focusElementId, list));
  for (const row of focused) if (row.id) out.get(row.id)?.focusOf.push(row.slug);
  return out;
}
