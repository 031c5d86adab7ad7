import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import {
  auditEvents,
  elementLinks,
  elements,
  organisation,
  plans,
  referenceItems,
  sourceDocuments,
  tocCanvases,
  tocCanvasNodes,
} from "../../db/schema";
import {
  type Citation,
  evidenceLinksValue,
  type LocalizedText,
  type OrganisationFile,
  type PlanGraph,
  type PlanGraphCanvas,
  type PlanGraphElement,
  type PlanGraphLink,
  type Source,
} from "./format";
import { outlineOrder } from "./graph";
import type { Problem } from "./validate";
import { type LayoutDirection, languages } from "./vocabulary";

/** A document that passed its own checks but does not fit the database (e.g. lineage to a missing plan). */
export class ImportRejected extends Error {
  override name = "ImportRejected";
  constructor(readonly problems: Problem[]) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join("\n"));
  }
}

export type ImportSummary = {
  plan: string;
  created: boolean;
  changed: boolean;
  elements: { added: number; updated: number; removed: number };
  links: { added: number; updated: number; removed: number };
  /** Canvases the file added, changed (settings or nodes) or removed; all zero when it has no `canvases`. */
  canvases: { added: number; updated: number; removed: number };
};

// ---------------------------------------------------------------- value conversions

type CitationColumns = {
  citationSourceId: string | null;
  citationSection: string | null;
  citationQuote: string | null;
};

export function citationColumns(citation: Citation | null | undefined): CitationColumns {
  return {
    citationSourceId: citation?.source ?? null,
    citationSection: citation?.section ?? null,
    citationQuote: citation?.quote ?? null,
  };
}

export function citationOf(row: CitationColumns): Citation | null {
  if (!row.citationSourceId || !row.citationSection) return null;
  return {
    source: row.citationSourceId,
    section: row.citationSection,
    ...(row.citationQuote ? { quote: row.citationQuote } : {}),
  };
}

/** jsonb does not keep key order; the interchange format writes languages in a fixed order. */
export function localized(value: LocalizedText): LocalizedText;
export function localized(value: LocalizedText | null | undefined): LocalizedText | null;
export function localized(value: LocalizedText | null | undefined): LocalizedText | null {
  if (!value) return null;
  const out: Record<string, string> = {};
  for (const language of languages) {
    const text = value[language];
    if (text !== undefined) out[language] = text;
  }
  return out as LocalizedText;
}

/** Compares values as stored: key order does not matter, as in jsonb. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The named fields of a row, for comparing a stored row with the values a file gives. */
export function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, row[key]])) as Pick<T, K>;
}

// ---------------------------------------------------------------- import

/** Inserts or updates the given source documents; returns how many changed. */
export async function upsertSources(db: Db, sources: readonly Source[]): Promise<number> {
  if (sources.length === 0) return 0;
  const existing = await db
    .select()
    .from(sourceDocuments)
    .where(
      inArray(
        sourceDocuments.id,
        sources.map((source) => source.id),
      ),
    );
  const byId = new Map(existing.map((row) => [row.id, row]));
  let changed = 0;
  for (const source of sources) {
    const values = {
      title: source.title,
      language: source.language,
      publishedYear: source.publishedYear ?? null,
      file: source.file ?? null,
    };
    const current = byId.get(source.id);
    if (current && sameValue(pick(current, ["title", "language", "publishedYear", "file"]), values)) continue;
    await db
      .insert(sourceDocuments)
      .values({ id: source.id, ...values })
      .onConflictDoUpdate({ target: sourceDocuments.id, set: values });
    changed++;
  }
  return changed;
}

const elementFields = [
  "kind",
  "title",
  "description",
  "status",
  "resourcesRequired",
  "reconstructed",
  "level",
  "citationSourceId",
  "citationSection",
  "citationQuote",
] as const;

function elementValues(element: PlanGraphElement) {
  return {
    kind: element.kind,
    title: element.title,
    description: element.description,
    status: element.status,
    resourcesRequired: element.resourcesRequired,
    reconstructed: element.reconstructed,
    level: element.level ?? null,
    ...citationColumns(element.citation),
  };
}

const linkFields = [
  "rationale",
  "evidenceStrength",
  "evidenceLinks",
  "citationSourceId",
  "citationSection",
  "citationQuote",
] as const;

function linkValues(link: PlanGraphLink) {
  return {
    rationale: link.rationale,
    evidenceStrength: link.evidenceStrength,
    evidenceLinks: evidenceLinksValue(link.evidenceLinks),
    ...citationColumns(link.citation),
  };
}

/**
 * Writes a checked plan graph (see `parsePlanGraph`) in one transaction. Elements are matched by code and links
 * by (kind, from, to), so re-importing keeps their ids and importing the same file twice changes nothing.
 * Elements and links missing from the file are removed from the plan.
 */
export async function importPlanGraph({
  db,
  graph,
  actor,
  keepExisting = false,
}: {
  db: Db;
  graph: PlanGraph;
  actor: string;
  /**
   * Refuse (ImportRejected, naming each) rather than remove or change anything already stored: what `seed` uses, so
   * re-running it on a database where people worked never undoes their work; it only adds what is missing.
   */
  keepExisting?: boolean;
}): Promise<ImportSummary> {
  return db.transaction(async (tx) => {
    const sourcesChanged = await upsertSources(tx, graph.sources);

    let previousPlanId: string | null = null;
    if (graph.plan.previousPlan) {
      const [previous] = await tx
        .select({ id: plans.id })
        .from(plans)
        .where(eq(plans.slug, graph.plan.previousPlan));
      if (!previous) {
        throw new ImportRejected([
          {
            path: "$.plan.previousPlan",
            message: `no plan "${graph.plan.previousPlan}" exists in the database; import it first`,
          },
        ]);
      }
      previousPlanId = previous.id;
    }
    // The plan's row lock serialises this import with canvas saves (app/toc/canvas.server.ts), which check the
    // causal graph for cycles under the same lock.
    const [existingPlan] = await tx
      .select()
      .from(plans)
      .where(eq(plans.slug, graph.plan.slug))
      .for("no key update");
    if (previousPlanId) await checkLineage(tx, graph.plan.slug, previousPlanId, existingPlan?.id);

    const planValues = {
      title: graph.plan.title,
      summary: graph.plan.summary ?? null,
      startDate: graph.plan.startDate,
      endDate: graph.plan.endDate,
      status: graph.plan.status,
      previousPlanId,
      reconstructed: graph.plan.reconstructed,
      ...citationColumns(graph.plan.citation),
    };
    let planId: string;
    let planChanged = false;
    if (!existingPlan) {
      const [inserted] = await tx
        .insert(plans)
        .values({ slug: graph.plan.slug, ...planValues })
        .returning({ id: plans.id });
      planId = (inserted as { id: string }).id;
      planChanged = true;
    } else {
      planId = existingPlan.id;
      if (
        !sameValue(pick(existingPlan, Object.keys(planValues) as (keyof typeof planValues)[]), planValues)
      ) {
        await tx
          .update(plans)
          .set({ ...planValues, updatedAt: sql`now()` })
          .where(eq(plans.id, planId));
        planChanged = true;
      }
    }

    // Elements: match by code.
    const currentElements = await tx.select().from(elements).where(eq(elements.planId, planId));
    const elementByCode = new Map(currentElements.map((row) => [row.code, row]));
    const fileCodes = new Set(graph.elements.map((element) => element.code));
    const removedElementIds = currentElements.filter((row) => !fileCodes.has(row.code)).map((row) => row.id);

    // Links: match by (kind, from code, to code). Removals go first so that a moved element can take its new parent.
    const codeById = new Map(currentElements.map((row) => [row.id, row.code]));
    const currentLinks = await tx.select().from(elementLinks).where(eq(elementLinks.planId, planId));
    const linkKey = (kind: string, from: string, to: string) => `${kind} ${from} ${to}`;
    const fileLinks = new Map(graph.links.map((link) => [linkKey(link.kind, link.from, link.to), link]));
    const linkByKey = new Map(
      currentLinks.map((row) => [
        linkKey(row.kind, codeById.get(row.fromElementId) ?? "", codeById.get(row.toElementId) ?? ""),
        row,
      ]),
    );
    const removedLinks = [...linkByKey].filter(([key]) => !fileLinks.has(key)).map(([, row]) => row);
    const removedLinkIds = removedLinks.map((row) => row.id);

    // Canvases: a removed element takes its nodes off every canvas, but a canvas drawn around it (its focus) is
    // never removed silently: the file must remove the canvas or give it another focus.
    const storedCanvases = await tx.select().from(tocCanvases).where(eq(tocCanvases.planId, planId));
    const fileCanvases = graph.canvases
      ? new Map(graph.canvases.map((canvas) => [canvas.slug, canvas]))
      : null;
    const removedIds = new Set(removedElementIds);
    const orphaned = storedCanvases.filter(
      (row) => row.focusElementId !== null && removedIds.has(row.focusElementId),
    );
    const canvasProblems: Problem[] = [];
    if (!fileCanvases)
      for (const row of orphaned)
        canvasProblems.push({
          path: "$.elements",
          message: `canvas "${row.slug}" is drawn around element "${codeById.get(row.focusElementId as string)}", which the file removes; add "canvases" to the file without that canvas (or with another focus), or keep the element`,
        });
    if (canvasProblems.length) throw new ImportRejected(canvasProblems);
    if (keepExisting)
      refuseChanges(graph, {
        removedElements: removedElementIds.map((id) => codeById.get(id) as string),
        removedLinks: removedLinks.map(
          (row) => `${row.kind} ${codeById.get(row.fromElementId)} → ${codeById.get(row.toElementId)}`,
        ),
        changedElements: graph.elements
          .filter((element) => {
            const current = elementByCode.get(element.code);
            return current && !sameValue(pick(current, elementFields), elementValues(element));
          })
          .map((element) => element.code),
        changedLinks: [...fileLinks]
          .filter(([key, link]) => {
            const current = linkByKey.get(key);
            return current && !sameValue(pick(current, linkFields), linkValues(link));
          })
          .map(([key]) => key.replace(/ (\S+) (\S+)$/, " $1 → $2")),
        removedCanvases: fileCanvases
          ? storedCanvases.filter((row) => !fileCanvases.has(row.slug)).map((row) => row.slug)
          : [],
      });
    let canvasesRemoved = 0;
    if (fileCanvases) {
      const gone = storedCanvases.filter((row) => !fileCanvases.has(row.slug)).map((row) => row.id);
      if (gone.length) await tx.delete(tocCanvases).where(inArray(tocCanvases.id, gone));
      canvasesRemoved = gone.length;
      // A kept canvas whose focus goes gets the file's focus below (syncCanvases); until then it has none.
      const refocused = orphaned.filter((row) => fileCanvases.has(row.slug)).map((row) => row.id);
      if (refocused.length)
        await tx.update(tocCanvases).set({ focusElementId: null }).where(inArray(tocCanvases.id, refocused));
    }

    if (removedLinkIds.length) await tx.delete(elementLinks).where(inArray(elementLinks.id, removedLinkIds));
    if (removedElementIds.length) await tx.delete(elements).where(inArray(elements.id, removedElementIds));

    const summary: ImportSummary = {
      plan: graph.plan.slug,
      created: !existingPlan,
      changed: false,
      elements: { added: 0, updated: 0, removed: removedElementIds.length },
      links: { added: 0, updated: 0, removed: removedLinkIds.length },
      canvases: { added: 0, updated: 0, removed: canvasesRemoved },
    };

    const idByCode = new Map<string, string>();
    for (const element of graph.elements) {
      const values = elementValues(element);
      const current = elementByCode.get(element.code);
      if (!current) {
        const [inserted] = await tx
          .insert(elements)
          .values({ planId, code: element.code, ...values })
          .returning({ id: elements.id });
        idByCode.set(element.code, (inserted as { id: string }).id);
        summary.elements.added++;
        continue;
      }
      idByCode.set(element.code, current.id);
      if (!sameValue(pick(current, elementFields), values)) {
        await tx
          .update(elements)
          .set({ ...values, updatedAt: sql`now()` })
          .where(eq(elements.id, current.id));
        summary.elements.updated++;
      }
    }

    for (const [key, link] of fileLinks) {
      const values = linkValues(link);
      const current = linkByKey.get(key);
      const ends: [string, string] = [idByCode.get(link.from) as string, idByCode.get(link.to) as string];
      if (!current) {
        await tx.insert(elementLinks).values({
          planId,
          kind: link.kind,
          fromElementId: ends[0],
          toElementId: ends[1],
          ...values,
        });
        summary.links.added++;
      } else if (!sameValue(pick(current, linkFields), values)) {
        await tx
          .update(elementLinks)
          .set({ ...values, updatedAt: sql`now()` })
          .where(eq(elementLinks.id, current.id));
        summary.links.updated++;
      }
    }

    // When the plan's elements or links changed, every canvas gets its next version, so an editor holding an older
    // one reloads before saving (decision 009). A canvas the file changed already has it; a new one starts at 1.
    const graphChanged = [...Object.values(summary.elements), ...Object.values(summary.links)].some(
      (n) => n > 0,
    );
    const touchedCanvases = graphChanged ? await planCanvasIds(tx, planId) : new Set<string>();
    if (graph.canvases) {
      const synced = await syncCanvases(tx, planId, graph.canvases, idByCode, keepExisting);
      summary.canvases = { ...synced.counts, removed: canvasesRemoved };
      for (const id of synced.versioned) touchedCanvases.delete(id);
    }
    await bumpCanvasVersions(tx, [...touchedCanvases], null);

    const counts = [
      ...Object.values(summary.elements),
      ...Object.values(summary.links),
      ...Object.values(summary.canvases),
    ];
    summary.changed = planChanged || sourcesChanged > 0 || counts.some((count) => count > 0);
    if (summary.changed) {
      await tx.insert(auditEvents).values({
        actor,
        action: summary.created ? "plan.import.create" : "plan.import.update",
        entityType: "plan",
        entityId: graph.plan.slug,
        before: existingPlan ? { elements: currentElements.length, links: currentLinks.length } : null,
        after: { ...summary, sourcesChanged },
      });
    }
    return summary;
  });
}

// ---------------------------------------------------------------- canvases

/**
 * The ids of every canvas of a plan. A change to the plan's elements or links gives all of them their next version
 * (docs/decisions/009-toc-canvases.md): any canvas can place any element and edit it, so an editor holding an older
 * version of any canvas must reload before a save could overwrite the change.
 */
export async function planCanvasIds(db: Db, planId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: tocCanvases.id })
    .from(tocCanvases)
    .where(eq(tocCanvases.planId, planId));
  return new Set(rows.map((row) => row.id));
}

/** Gives canvases their next version (what they show changed). `by` is the user who changed it, if one did. */
export async function bumpCanvasVersions(db: Db, canvasIds: readonly string[], by: string | null) {
  if (canvasIds.length === 0) return;
  await db
    .update(tocCanvases)
    .set({ version: sql`${tocCanvases.version} + 1`, updatedBy: by, updatedAt: sql`now()` })
    .where(inArray(tocCanvases.id, [...canvasIds]));
}

const canvasFields = [
  "title",
  "description",
  "focusElementId",
  "draft",
  "showOutline",
  "layoutDirection",
  "citationSourceId",
  "citationSection",
  "citationQuote",
] as const;

function canvasValues(canvas: PlanGraphCanvas, idByCode: ReadonlyMap<string, string>) {
  return {
    title: canvas.title,
    description: canvas.description ?? null,
    focusElementId: canvas.focus === null ? null : (idByCode.get(canvas.focus) as string),
    draft: canvas.draft,
    showOutline: canvas.showOutline,
    layoutDirection: canvas.layoutDirection as string,
    ...citationColumns(canvas.citation),
  };
}

/**
 * Brings a plan's canvases to the file's list (those missing from it are already removed): matched by slug, their
 * nodes by element. A canvas whose settings or nodes change gets its next version. Returns the counts and the
 * canvases that got a version here (added or changed). With `keepExisting`, a stored canvas the file would change
 * is refused instead.
 */
async function syncCanvases(
  tx: Db,
  planId: string,
  canvases: readonly PlanGraphCanvas[],
  idByCode: ReadonlyMap<string, string>,
  keepExisting: boolean,
) {
  const counts = { added: 0, updated: 0 };
  const versioned: string[] = [];
  const current = await tx.select().from(tocCanvases).where(eq(tocCanvases.planId, planId));
  const bySlug = new Map(current.map((row) => [row.slug, row]));
  const refused: string[] = [];
  for (const canvas of canvases) {
    const values = canvasValues(canvas, idByCode);
    const nodes = canvas.nodes.map((node) => ({
      elementId: idByCode.get(node.element) as string,
      x: node.x,
      y: node.y,
      pinned: node.pinned,
    }));
    const row = bySlug.get(canvas.slug);
    if (!row) {
      const [inserted] = await tx
        .insert(tocCanvases)
        .values({ planId, slug: canvas.slug, ...values })
        .returning({ id: tocCanvases.id });
      const canvasId = (inserted as { id: string }).id;
      await upsertNodes(tx, canvasId, planId, nodes);
      counts.added++;
      versioned.push(canvasId);
      continue;
    }
    const applied = await applyCanvasContent(tx, {
      canvas: row,
      values,
      nodes,
      by: null,
      dryRun: keepExisting,
    });
    if (!applied.changed) continue;
    if (keepExisting) {
      refused.push(canvas.slug);
      continue;
    }
    counts.updated++;
    versioned.push(row.id);
  }
  if (refused.length) refuseChanges(null, { changedCanvases: refused });
  return { counts, versioned };
}

/** A canvas's settings as stored (`canvasValues` gives a file's). */
export type CanvasContent = ReturnType<typeof canvasValues>;

/**
 * Brings one stored canvas to the given settings and nodes (nodes not given are taken off), and gives it its next
 * version when anything changed; with `dryRun`, only says what would change. Shared by the plan import and the
 * canvas import (app/toc/exchange.server.ts).
 */
export async function applyCanvasContent(
  tx: Db,
  {
    canvas,
    values,
    nodes,
    by,
    dryRun = false,
  }: {
    canvas: typeof tocCanvases.$inferSelect;
    values: CanvasContent;
    nodes: readonly { elementId: string; x: number; y: number; pinned: boolean }[];
    by: string | null;
    dryRun?: boolean;
  },
): Promise<{
  changed: boolean;
  version: number;
  nodesBefore: number;
  placedOrMoved: number;
  removed: number;
  settingsChanged: boolean;
}> {
  const stored = new Map(
    (await tx.select().from(tocCanvasNodes).where(eq(tocCanvasNodes.canvasId, canvas.id))).map((row) => [
      row.elementId,
      row,
    ]),
  );
  const wanted = new Set(nodes.map((node) => node.elementId));
  const gone = [...stored.keys()].filter((elementId) => !wanted.has(elementId));
  const moved = nodes.filter((node) => {
    const before = stored.get(node.elementId);
    return !before || before.x !== node.x || before.y !== node.y || before.pinned !== node.pinned;
  });
  const settingsChanged = !sameValue(pick(canvas, canvasFields), values);
  const changed = settingsChanged || gone.length > 0 || moved.length > 0;
  const outcome = {
    changed,
    version: changed ? canvas.version + 1 : canvas.version,
    nodesBefore: stored.size,
    placedOrMoved: moved.length,
    removed: gone.length,
    settingsChanged,
  };
  if (!changed || dryRun) return outcome;
  for (const batch of batches(gone))
    await tx
      .delete(tocCanvasNodes)
      .where(and(eq(tocCanvasNodes.canvasId, canvas.id), inArray(tocCanvasNodes.elementId, batch)));
  await upsertNodes(tx, canvas.id, canvas.planId, moved);
  await tx
    .update(tocCanvases)
    .set({ ...values, version: outcome.version, updatedBy: by, updatedAt: sql`now()` })
    .where(eq(tocCanvases.id, canvas.id));
  return outcome;
}

/**
 * Rows per INSERT (or ids per IN list): PostgreSQL takes at most 65,535 bound parameters in one statement, and a
 * row of the widest table written here binds about a dozen.
 */
export const rowsPerStatement = 1000;

/** The list in slices of `rowsPerStatement`. */
export function batches<T>(list: readonly T[], size = rowsPerStatement): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Places elements on a canvas, or moves them where they already are (in batches, however many). */
export async function upsertNodes(
  db: Db,
  canvasId: string,
  planId: string,
  nodes: readonly { elementId: string; x: number; y: number; pinned: boolean }[],
) {
  for (const batch of batches(nodes))
    await db
      .insert(tocCanvasNodes)
      .values(batch.map((node) => ({ canvasId, planId, ...node })))
      .onConflictDoUpdate({
        target: [tocCanvasNodes.canvasId, tocCanvasNodes.elementId],
        set: { x: sql`excluded.x`, y: sql`excluded.y`, pinned: sql`excluded.pinned` },
      });
}

/** What `seed` (`keepExisting`) would undo, by code or slug: refused with one problem per kind of change. */
function refuseChanges(
  graph: PlanGraph | null,
  found: Partial<
    Record<
      | "removedElements"
      | "removedLinks"
      | "changedElements"
      | "changedLinks"
      | "removedCanvases"
      | "changedCanvases",
      string[]
    >
  >,
) {
  const what = {
    removedElements: ["$.elements", "elements stored but not in the file"],
    removedLinks: ["$.links", "links stored but not in the file"],
    changedElements: ["$.elements", "elements whose stored values differ from the file"],
    changedLinks: ["$.links", "links whose stored values differ from the file"],
    removedCanvases: ["$.canvases", "canvases stored but not in the file"],
    changedCanvases: ["$.canvases", "canvases whose stored settings or nodes differ from the file"],
  } as const;
  const problems: Problem[] = [];
  for (const [kind, [path, label]] of Object.entries(what) as [
    keyof typeof what,
    (typeof what)[keyof typeof what],
  ][]) {
    const problem = seedWouldUndo(
      graph ? `${path} (plan "${graph.plan.slug}")` : path,
      label,
      found[kind] ?? [],
    );
    if (problem) problems.push(problem);
  }
  if (problems.length) throw new ImportRejected(problems);
}

/**
 * The problem `seed` reports for stored work it would undo (what people changed since it was loaded), naming each
 * item, or null when there is none. `keep` says how to keep the work.
 */
export function seedWouldUndo(
  path: string,
  label: string,
  items: readonly string[],
  keep = "export the plan to keep it",
): Problem | null {
  if (items.length === 0) return null;
  const shown = items.slice(0, 20).join(", ") + (items.length > 20 ? ` and ${items.length - 20} more` : "");
  return {
    path,
    message: `the database has work the seed would undo: ${label}: ${shown}; ${keep}, or import the file deliberately with \`npm run cli -- import <file>\` to replace it`,
  };
}

/** Lineage is a chain: the predecessor must not already have a successor, and the chain must not loop. */
async function checkLineage(db: Db, slug: string, previousPlanId: string, planId: string | undefined) {
  const lineage = await db
    .select({ id: plans.id, slug: plans.slug, previousPlanId: plans.previousPlanId })
    .from(plans);
  const byId = new Map(lineage.map((plan) => [plan.id, plan]));
  const successor = lineage.find((plan) => plan.previousPlanId === previousPlanId && plan.id !== planId);
  const previousSlug = byId.get(previousPlanId)?.slug;
  if (successor) {
    throw new ImportRejected([
      {
        path: "$.plan.previousPlan",
        message: `plan "${successor.slug}" already follows "${previousSlug}"; a plan is followed by at most one plan`,
      },
    ]);
  }
  const chain = [slug];
  for (let id: string | null = previousPlanId; id; id = byId.get(id)?.previousPlanId ?? null) {
    chain.push(byId.get(id)?.slug ?? id);
    if (id === planId) {
      throw new ImportRejected([
        { path: "$.plan.previousPlan", message: `the lineage would loop: ${chain.join(" → ")}` },
      ]);
    }
    if (chain.length > lineage.length + 1) break;
  }
}

/** Writes the organisation profile and its reference lists; items missing from a listed list are removed. */
export async function importOrganisationFile({
  db,
  file,
  actor,
  keepExisting = false,
}: {
  db: Db;
  file: OrganisationFile;
  actor: string;
  /**
   * Refuse (ImportRejected, naming each) rather than change or remove a stored profile or reference item: what
   * `seed` uses, so that it only adds what is missing and never undoes what people changed.
   */
  keepExisting?: boolean;
}): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    const profile = {
      name: file.organisation.name,
      shortName: file.organisation.shortName,
      foundedYear: file.organisation.foundedYear,
      ...citationColumns(file.organisation.citation),
    };
    const [current] = await tx.select().from(organisation);
    if (keepExisting) await refuseOrganisationChanges(tx, file, profile, current);
    let changes = await upsertSources(tx, file.sources);
    if (!current || !sameValue(pick(current, Object.keys(profile) as (keyof typeof profile)[]), profile)) {
      await tx
        .insert(organisation)
        .values({ id: 1, ...profile })
        .onConflictDoUpdate({ target: organisation.id, set: { ...profile, updatedAt: sql`now()` } });
      changes++;
    }
    for (const [list, items = []] of Object.entries(file.referenceLists) as [
      keyof OrganisationFile["referenceLists"],
      OrganisationFile["referenceLists"][keyof OrganisationFile["referenceLists"]],
    ][]) {
      const existing = await tx.select().from(referenceItems).where(eq(referenceItems.list, list));
      const byCode = new Map(existing.map((row) => [row.code, row]));
      const codes = new Set(items.map((item) => item.code));
      const removed = existing.filter((row) => !codes.has(row.code)).map((row) => row.code);
      if (removed.length) {
        await tx
          .delete(referenceItems)
          .where(and(eq(referenceItems.list, list), inArray(referenceItems.code, removed)));
        changes += removed.length;
      }
      for (const [position, item] of items.entries()) {
        const values = { position, label: item.label, note: item.note, ...citationColumns(item.citation) };
        const row = byCode.get(item.code);
        if (row && sameValue(pick(row, Object.keys(values) as (keyof typeof values)[]), values)) continue;
        await tx
          .insert(referenceItems)
          .values({ list, code: item.code, ...values })
          .onConflictDoUpdate({ target: [referenceItems.list, referenceItems.code], set: values });
        changes++;
      }
    }
    if (changes > 0) {
      await tx.insert(auditEvents).values({
        actor,
        action: "organisation.import",
        entityType: "organisation",
        entityId: file.organisation.shortName,
        before: current ? { shortName: current.shortName } : null,
        after: { changes },
      });
    }
    return { changed: changes > 0 };
  });
}

/** What seeding the organisation file would change or remove in the stored profile and reference lists. */
async function refuseOrganisationChanges(
  db: Db,
  file: OrganisationFile,
  profile: Record<string, unknown>,
  current: typeof organisation.$inferSelect | undefined,
) {
  const problems: Problem[] = [];
  if (current && !sameValue(pick(current, Object.keys(profile) as (keyof typeof current)[]), profile)) {
    const fields = Object.keys(profile).filter(
      (key) => !sameValue(current[key as keyof typeof current], profile[key]),
    );
    const problem = seedWouldUndo(
      "$.organisation",
      "the organisation's profile differs from the file",
      fields,
      "keep it",
    );
    if (problem) problems.push(problem);
  }
  const stored = await db.select().from(referenceItems);
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [list, items = []] of Object.entries(file.referenceLists) as [
    keyof OrganisationFile["referenceLists"],
    OrganisationFile["referenceLists"][keyof OrganisationFile["referenceLists"]],
  ][]) {
    const inList = stored.filter((row) => row.list === list);
    const codes = new Set(items.map((item) => item.code));
    for (const row of inList) if (!codes.has(row.code)) removed.push(`${list} ${row.code}`);
    for (const [position, item] of items.entries()) {
      const values = { position, label: item.label, note: item.note, ...citationColumns(item.citation) };
      const row = inList.find((candidate) => candidate.code === item.code);
      if (row && !sameValue(pick(row, Object.keys(values) as (keyof typeof values)[]), values))
        changed.push(`${list} ${item.code}`);
    }
  }
  for (const problem of [
    seedWouldUndo("$.referenceLists", "reference items stored but not in the file", removed, "keep them"),
    seedWouldUndo(
      "$.referenceLists",
      "reference items whose stored values differ from the file",
      changed,
      "keep them",
    ),
  ])
    if (problem) problems.push(problem);
  if (problems.length) throw new ImportRejected(problems);
}

// ---------------------------------------------------------------- export

/** The plan as an interchange document, in canonical order (outline order; links by kind then endpoints). */
export async function exportPlanGraph({
  db,
  slug,
}: {
  db: Db;
  slug: string;
}): Promise<PlanGraph | undefined> {
  const [plan] = await db.select().from(plans).where(eq(plans.slug, slug));
  if (!plan) return undefined;
  return planGraphDocument({ db, plan });
}

type PlanRow = typeof plans.$inferSelect;

/**
 * Builds the interchange document of a plan, or of part of it: `only` keeps the given elements (and the links
 * between two of them) and the given canvases (with their nodes on kept elements). Canonical order: elements in
 * outline order, links by kind then endpoints, canvases by slug, nodes in element order; optional fields that are
 * empty (`level`, `evidenceLinks`, a canvas's `description`, `canvases` when there is none) are left out.
 */
export async function planGraphDocument({
  db,
  plan,
  only,
}: {
  db: Db;
  plan: PlanRow;
  only?: { elementIds: ReadonlySet<string>; canvasIds: readonly string[] };
}): Promise<PlanGraph> {
  const previous = plan.previousPlanId
    ? (await db.select({ slug: plans.slug }).from(plans).where(eq(plans.id, plan.previousPlanId)))[0]
    : undefined;
  const keep = (id: string) => !only || only.elementIds.has(id);
  const elementRows = (await db.select().from(elements).where(eq(elements.planId, plan.id))).filter((row) =>
    keep(row.id),
  );
  const linkRows = (await db.select().from(elementLinks).where(eq(elementLinks.planId, plan.id))).filter(
    (row) => keep(row.fromElementId) && keep(row.toElementId),
  );
  const canvasRows = (await db.select().from(tocCanvases).where(eq(tocCanvases.planId, plan.id)))
    .filter((row) => !only || only.canvasIds.includes(row.id))
    .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const nodeRows = canvasRows.length
    ? (await db.select().from(tocCanvasNodes).where(eq(tocCanvasNodes.planId, plan.id))).filter((row) =>
        keep(row.elementId),
      )
    : [];

  const codeById = new Map(elementRows.map((row) => [row.id, row.code]));
  const links = linkRows.map((row) => ({
    row,
    from: codeById.get(row.fromElementId) as string,
    to: codeById.get(row.toElementId) as string,
  }));
  const parentOf = new Map(
    links.filter(({ row }) => row.kind === "part_of").map(({ from, to }) => [from, to]),
  );
  const order = outlineOrder(
    elementRows.map((row) => row.code),
    parentOf,
  );
  const rank = new Map(order.map((code, i) => [code, i]));
  const byCode = new Map(elementRows.map((row) => [row.code, row]));
  const kindRank = { part_of: 0, contributes_to: 1, precondition_of: 2 } as const;
  links.sort(
    (a, b) =>
      kindRank[a.row.kind] - kindRank[b.row.kind] ||
      (rank.get(a.from) ?? 0) - (rank.get(b.from) ?? 0) ||
      (rank.get(a.to) ?? 0) - (rank.get(b.to) ?? 0),
  );

  const citedSources = new Set(
    [plan, ...elementRows, ...linkRows, ...canvasRows]
      .map((row) => row.citationSourceId)
      .filter((id): id is string => !!id),
  );
  const sourceRows = citedSources.size
    ? await db
        .select()
        .from(sourceDocuments)
        .where(inArray(sourceDocuments.id, [...citedSources]))
        .orderBy(sourceDocuments.id)
    : [];

  const graph: PlanGraph = {
    format: "throughline/plan-graph",
    version: 1,
    sources: sourceRows.map((row) => ({
      id: row.id,
      title: localized(row.title),
      language: row.language,
      ...(row.publishedYear !== null ? { publishedYear: row.publishedYear } : {}),
      ...(row.file !== null ? { file: row.file } : {}),
    })),
    plan: {
      slug: plan.slug,
      title: localized(plan.title),
      ...(plan.summary ? { summary: localized(plan.summary) } : {}),
      startDate: plan.startDate,
      endDate: plan.endDate,
      status: plan.status,
      previousPlan: previous?.slug ?? null,
      reconstructed: plan.reconstructed,
      citation: citationOf(plan),
    },
    elements: order.map((code) => {
      const row = byCode.get(code) as (typeof elementRows)[number];
      return {
        code: row.code,
        kind: row.kind,
        title: localized(row.title),
        description: localized(row.description),
        status: row.status,
        resourcesRequired: localized(row.resourcesRequired),
        reconstructed: row.reconstructed,
        citation: citationOf(row),
        ...(row.level !== null ? { level: row.level } : {}),
      };
    }),
    links: links.map(({ row, from, to }) => {
      const evidenceLinks = evidenceLinksValue(row.evidenceLinks);
      return {
        kind: row.kind,
        from,
        to,
        rationale: localized(row.rationale),
        evidenceStrength: row.evidenceStrength,
        citation: citationOf(row),
        ...(evidenceLinks ? { evidenceLinks } : {}),
      };
    }),
  };
  if (canvasRows.length) {
    graph.canvases = canvasRows.map((row) => ({
      slug: row.slug,
      title: localized(row.title),
      ...(row.description ? { description: localized(row.description) } : {}),
      focus: row.focusElementId === null ? null : (codeById.get(row.focusElementId) ?? null),
      draft: row.draft,
      showOutline: row.showOutline,
      layoutDirection: row.layoutDirection as LayoutDirection,
      citation: citationOf(row),
      nodes: nodeRows
        .filter((node) => node.canvasId === row.id)
        .map((node) => ({ code: codeById.get(node.elementId) as string, node }))
        .sort((a, b) => (rank.get(a.code) ?? 0) - (rank.get(b.code) ?? 0))
        .map(({ code, node }) => ({ element: code, x: node.x, y: node.y, pinned: node.pinned })),
    }));
  }
  return graph;
}

/** The interchange document as text: two-space JSON with a final newline, as the seed files are written. */
export function formatPlanGraph(graph: PlanGraph): string {
  return `${JSON.stringify(graph, null, 2)}\n`;
}
