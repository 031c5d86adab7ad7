/**
 * Saving a theory-of-change canvas, the pure part: the edit document a save sends (the shape `editDocument` of
 * ./editor-state.ts produces), read with zod, and the rules that turn it into writes or refuse it, each problem
 * naming the field and the item (`$.addedLinks[2].to`). No I/O: `canvas.server.ts` loads a snapshot of the plan
 * under the plan's lock, calls `planCanvasSave`, and writes what it returns in the same transaction.
 */
import { z } from "zod";
import type { MessageKey } from "../i18n/messages";
import { elementCodePattern, evidenceLinksValue, isHttpAddress, maxCoordinate } from "../plan-graph/format";
import { jsonPath } from "../plan-graph/validate";
import {
  type ElementKind,
  type ElementLevel,
  type ElementStatus,
  type EvidenceLink,
  elementKinds,
  elementLevels,
  elementStatuses,
  evidenceStrengths,
  type LayoutDirection,
  type LocalizedText,
  layoutDirections,
  linkKinds,
} from "../plan-graph/vocabulary";
import { isCausal, type LinkKind } from "./pathways";

export type EvidenceStrength = (typeof evidenceStrengths)[number];

/** One reason a save was refused: where in the edit document, a message key of the catalogue, and its values. */
export type SaveProblem = {
  path: string;
  key: MessageKey;
  values?: Record<string, string | number>;
  /** For a cycle: the element codes along it, the first repeated at the end. */
  cycle?: string[];
  /** For a value of the wrong shape: what the reader expected, in English, for whoever debugs the client. */
  detail?: string;
};

// ---------------------------------------------------------------- the edit document

const text = z.string().trim().min(1, "toc.problem.empty").max(5000, "toc.problem.tooLong");
const localizedText = z.strictObject({
  en: text,
  fr: text.optional(),
  es: text.optional(),
  ru: text.optional(),
  zh: text.optional(),
});
const coordinate = z
  .number("toc.problem.position")
  .refine((value) => Math.abs(value) < maxCoordinate, { message: "toc.problem.position" });
/** An element or link: its id, or `new:N` for one created in this save. */
const key = z.string().min(1).max(100);
const newKey = z.string().regex(/^new:[A-Za-z0-9_-]{1,40}$/, "toc.problem.newKey");
const evidenceLinks = z
  .array(
    z.strictObject({
      url: z
        .string()
        .trim()
        .max(2000, "toc.problem.tooLong")
        .refine(isHttpAddress, { message: "toc.problem.url" }),
      label: text.max(200, "toc.problem.tooLong").optional(),
    }),
  )
  .max(50, "toc.problem.tooMany");
/**
 * The most items of one kind a save may carry: far above a plan's size (NSWP's has about a hundred elements), and the
 * writes go in batches (`rowsPerStatement`), so a save of this size stays within PostgreSQL's limits.
 */
export const maxItemsPerSave = 20_000;
const many = maxItemsPerSave;

export const canvasEditSchema = z.strictObject({
  baseVersion: z.number().int().min(1),
  /** Where each node of the canvas is after the save (those not named keep their place). */
  nodes: z
    .array(z.strictObject({ element: key, x: coordinate, y: coordinate, pinned: z.boolean() }))
    .max(many)
    .default([]),
  /** Taken off this canvas (they stay in the plan). */
  removedNodes: z.array(key).max(many).default([]),
  /** Created in the plan by this save; each must be placed on the canvas (`nodes`). */
  newElements: z
    .array(
      z.strictObject({
        key: newKey,
        code: z.string().max(100, "toc.problem.tooLong").regex(elementCodePattern, "toc.problem.code"),
        kind: z.enum(elementKinds),
        level: z.enum(elementLevels).nullable(),
        title: localizedText,
        status: z.enum(elementStatuses),
      }),
    )
    .max(many)
    .default([]),
  elementEdits: z
    .array(
      z.strictObject({
        element: key,
        changes: z.strictObject({
          title: localizedText.optional(),
          level: z.enum(elementLevels).nullable().optional(),
          status: z.enum(elementStatuses).optional(),
        }),
      }),
    )
    .max(many)
    .default([]),
  /** Deleted from the plan (not only from the canvas), with their links; refused where results depend on them. */
  deletedElements: z.array(key).max(many).default([]),
  addedLinks: z
    .array(
      z.strictObject({
        key: newKey,
        kind: z.enum(linkKinds),
        from: key,
        to: key,
        rationale: localizedText.nullable(),
        evidenceStrength: z.enum(evidenceStrengths).nullable(),
        evidenceLinks: evidenceLinks.nullable(),
      }),
    )
    .max(many)
    .default([]),
  linkEdits: z
    .array(
      z.strictObject({
        link: key,
        changes: z.strictObject({
          rationale: localizedText.nullable().optional(),
          evidenceStrength: z.enum(evidenceStrengths).nullable().optional(),
          evidenceLinks: evidenceLinks.nullable().optional(),
        }),
      }),
    )
    .max(many)
    .default([]),
  deletedLinks: z.array(key).max(many).default([]),
  settings: z
    .strictObject({
      title: localizedText.optional(),
      description: localizedText.nullable().optional(),
      showOutline: z.boolean().optional(),
      layoutDirection: z.enum(layoutDirections).optional(),
      draft: z.boolean().optional(),
    })
    .nullable()
    .default(null),
});

export type CanvasEdit = z.infer<typeof canvasEditSchema>;

const problemKeys = new Set<string>([
  "toc.problem.empty",
  "toc.problem.tooLong",
  "toc.problem.tooMany",
  "toc.problem.position",
  "toc.problem.url",
  "toc.problem.code",
  "toc.problem.newKey",
]);

/** Reads an edit document (already parsed from JSON): its shape, each problem with its path. */
export function readCanvasEdit(
  input: unknown,
): { ok: true; edit: CanvasEdit } | { ok: false; problems: SaveProblem[] } {
  const parsed = canvasEditSchema.safeParse(input);
  if (parsed.success) return { ok: true, edit: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue): SaveProblem => {
      const path = jsonPath(issue.path);
      if (issue.code === "unrecognized_keys")
        return { path, key: "toc.problem.unknownField", values: { fields: issue.keys.join(", ") } };
      if (problemKeys.has(issue.message)) return { path, key: issue.message as MessageKey };
      return { path, key: "toc.problem.invalid", detail: issue.message };
    }),
  };
}

// ---------------------------------------------------------------- the plan as the save finds it

export type SnapshotElement = {
  id: string;
  code: string;
  kind: ElementKind;
  title: LocalizedText;
  level: ElementLevel | null;
  status: ElementStatus;
  /** Taken from a source document: deleting it would lose the record of that source. */
  cited: boolean;
};
export type SnapshotLink = {
  id: string;
  kind: LinkKind;
  from: string;
  to: string;
  rationale: LocalizedText | null;
  evidenceStrength: EvidenceStrength | null;
  evidenceLinks: EvidenceLink[] | null;
  /** Taken from a source document (absent: not cited). */
  cited?: boolean;
};
export type NodePosition = { x: number; y: number; pinned: boolean };
export type CanvasSettingsValues = {
  title: LocalizedText;
  description: LocalizedText | null;
  showOutline: boolean;
  layoutDirection: LayoutDirection;
  draft: boolean;
};
/** What else rests on an element: results, funding, people, canvases drawn around it. */
export type Dependants = {
  indicators: number;
  entries: number;
  funders: number;
  assignees: number;
  /** Slugs of the canvases whose focus it is. */
  focusOf: string[];
};

export type CanvasSnapshot = {
  elements: ReadonlyMap<string, SnapshotElement>;
  links: ReadonlyMap<string, SnapshotLink>;
  /** This canvas's nodes, by element id. */
  nodes: ReadonlyMap<string, NodePosition>;
  settings: CanvasSettingsValues;
  /** For the elements the edit would delete (and only those). */
  dependants: ReadonlyMap<string, Dependants>;
};

// ---------------------------------------------------------------- what a save writes

export type NewElementRow = {
  id: string;
  code: string;
  kind: ElementKind;
  level: ElementLevel | null;
  title: LocalizedText;
  status: ElementStatus;
};
export type LinkValues = {
  rationale: LocalizedText | null;
  evidenceStrength: EvidenceStrength | null;
  evidenceLinks: EvidenceLink[] | null;
};

export type CanvasWrites = {
  deleteLinks: string[];
  deleteElements: string[];
  deleteNodes: string[];
  updateElements: { id: string; values: Partial<Pick<NewElementRow, "title" | "level" | "status">> }[];
  insertElements: NewElementRow[];
  insertLinks: ({ id: string; kind: LinkKind; from: string; to: string } & LinkValues)[];
  updateLinks: { id: string; values: Partial<LinkValues> }[];
  upsertNodes: ({ elementId: string } & NodePosition)[];
  settings: Partial<CanvasSettingsValues> | null;
  /** The ids given to what the save created, by the keys the client used (`new:3` → id). */
  created: Record<string, string>;
  /** Elements and links whose content changed: other canvases showing them get a new version. */
  touched: { elements: string[]; links: [string, string][] };
  /** What changed, by code, for the audit trail. */
  summary: SaveSummary;
  /** The values before and after of what changed (titles, levels, statuses, rationales, settings), by code. */
  values: { before: ChangedValues; after: ChangedValues };
};

/**
 * Changed values by element code and link label (`contributes_to A → B`): for an edit, the fields it changed; for a
 * creation (after only) or a deletion (before only), every field. Empty parts are left out.
 */
export type ChangedValues = {
  elements?: Record<string, Partial<Pick<NewElementRow, "title" | "level" | "status">>>;
  links?: Record<string, Partial<LinkValues>>;
  settings?: Partial<CanvasSettingsValues>;
};

export type SaveSummary = {
  nodes: { placed: string[]; moved: number; removed: string[] };
  elements: { created: string[]; edited: string[]; deleted: string[] };
  /** `removedWithElements`: the links that went with a deleted element (kind, codes). */
  links: { added: string[]; edited: string[]; deleted: string[]; removedWithElements: string[] };
  settings: string[];
};

export function isEmptySave(writes: CanvasWrites): boolean {
  return (
    writes.deleteLinks.length === 0 &&
    writes.deleteElements.length === 0 &&
    writes.deleteNodes.length === 0 &&
    writes.updateElements.length === 0 &&
    writes.insertElements.length === 0 &&
    writes.insertLinks.length === 0 &&
    writes.updateLinks.length === 0 &&
    writes.upsertNodes.length === 0 &&
    writes.settings === null
  );
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Checks an edit against the plan as it is (under the plan's lock) and returns the writes, or every problem found.
 * `newId` gives the id of each created element and link.
 */
export function planCanvasSave(
  snapshot: CanvasSnapshot,
  edit: CanvasEdit,
  newId: () => string,
): { ok: true; writes: CanvasWrites } | { ok: false; problems: SaveProblem[] } {
  const problems: SaveProblem[] = [];
  const refuse = (
    path: string,
    key: MessageKey,
    values?: SaveProblem["values"],
    extra: Partial<SaveProblem> = {},
  ) => problems.push({ path, key, ...(values ? { values } : {}), ...extra });
  const created: Record<string, string> = {};

  // Deleted elements first: what else the edit says must not name them.
  const deleted = new Set<string>();
  for (const [i, elementKey] of edit.deletedElements.entries()) {
    const path = `$.deletedElements[${i}]`;
    const element = snapshot.elements.get(elementKey);
    if (!element) {
      refuse(path, "toc.problem.unknownElement", { key: elementKey });
      continue;
    }
    if (deleted.has(element.id)) {
      refuse(path, "toc.problem.repeated", { code: element.code });
      continue;
    }
    deleted.add(element.id);
  }

  // New elements: codes unique in the plan (ignoring case, as the editor does), once the deletions are done.
  const codes = new Map<string, string>();
  for (const element of snapshot.elements.values())
    if (!deleted.has(element.id)) codes.set(element.code.toLowerCase(), element.code);
  const newByKey = new Map<string, NewElementRow>();
  for (const [i, element] of edit.newElements.entries()) {
    const path = `$.newElements[${i}]`;
    if (newByKey.has(element.key)) {
      refuse(`${path}.key`, "toc.problem.repeated", { code: element.key });
      continue;
    }
    const taken = codes.get(element.code.toLowerCase());
    if (taken !== undefined) {
      refuse(`${path}.code`, "toc.problem.codeTaken", { code: element.code });
      continue;
    }
    codes.set(element.code.toLowerCase(), element.code);
    const id = newId();
    created[element.key] = id;
    newByKey.set(element.key, {
      id,
      code: element.code,
      kind: element.kind,
      level: element.level,
      title: element.title,
      status: element.status,
    });
  }
  const codeOf = (id: string) =>
    snapshot.elements.get(id)?.code ?? [...newByKey.values()].find((row) => row.id === id)?.code ?? id;

  /** An element named by the edit: an existing one not being deleted, or one created by this save. */
  const resolve = (elementKey: string, path: string): string | undefined => {
    const fresh = newByKey.get(elementKey);
    if (fresh) return fresh.id;
    const element = snapshot.elements.get(elementKey);
    if (!element) {
      refuse(path, "toc.problem.unknownElement", { key: elementKey });
      return undefined;
    }
    if (deleted.has(element.id)) {
      refuse(path, "toc.problem.elementDeleted", { code: element.code });
      return undefined;
    }
    return element.id;
  };

  // Element edits.
  const updateElements: CanvasWrites["updateElements"] = [];
  const edited = new Set<string>();
  for (const [i, { element: elementKey, changes }] of edit.elementEdits.entries()) {
    const path = `$.elementEdits[${i}].element`;
    const fresh = newByKey.get(elementKey);
    if (fresh) {
      refuse(path, "toc.problem.editNewElement", { code: fresh.code });
      continue;
    }
    const id = resolve(elementKey, path);
    if (!id) continue;
    const current = snapshot.elements.get(id) as SnapshotElement;
    if (edited.has(id)) {
      refuse(path, "toc.problem.repeated", { code: current.code });
      continue;
    }
    edited.add(id);
    const values: CanvasWrites["updateElements"][number]["values"] = {};
    if (changes.title !== undefined && !sameJson(changes.title, current.title)) values.title = changes.title;
    if (changes.level !== undefined && changes.level !== current.level) values.level = changes.level;
    if (changes.status !== undefined && changes.status !== current.status) values.status = changes.status;
    if (Object.keys(values).length) updateElements.push({ id, values });
  }

  // Nodes.
  const removed = new Set<string>();
  for (const [i, elementKey] of edit.removedNodes.entries()) {
    const path = `$.removedNodes[${i}]`;
    const element = snapshot.elements.get(elementKey);
    if (!element) {
      refuse(path, "toc.problem.unknownElement", { key: elementKey });
      continue;
    }
    if (!snapshot.nodes.has(element.id)) {
      refuse(path, "toc.problem.notOnCanvas", { code: element.code });
      continue;
    }
    removed.add(element.id);
  }
  const placed = new Map<string, NodePosition>();
  for (const [i, node] of edit.nodes.entries()) {
    const path = `$.nodes[${i}].element`;
    const id = resolve(node.element, path);
    if (!id) continue;
    if (placed.has(id)) {
      refuse(path, "toc.problem.repeated", { code: codeOf(id) });
      continue;
    }
    if (removed.has(id)) {
      refuse(path, "toc.problem.placedAndRemoved", { code: codeOf(id) });
      continue;
    }
    placed.set(id, { x: node.x, y: node.y, pinned: node.pinned });
  }
  for (const [i, element] of edit.newElements.entries()) {
    const id = newByKey.get(element.key)?.id;
    if (id && !placed.has(id)) refuse(`$.newElements[${i}]`, "toc.problem.notPlaced", { code: element.code });
  }

  // Deletions are allowed only when nothing rests on the element.
  for (const [i, elementKey] of edit.deletedElements.entries()) {
    const element = snapshot.elements.get(elementKey);
    if (!element) continue;
    const path = `$.deletedElements[${i}]`;
    const rest = snapshot.dependants.get(element.id);
    const reason: MessageKey | null = element.cited
      ? "toc.problem.deleteCited"
      : rest?.indicators
        ? "toc.problem.deleteMeasured"
        : rest?.entries
          ? "toc.problem.deleteReported"
          : rest?.funders
            ? "toc.problem.deleteFunded"
            : rest?.assignees
              ? "toc.problem.deleteAssigned"
              : null;
    if (reason) {
      refuse(path, reason, { code: element.code });
      continue;
    }
    // A link taken from a source document would go with the element: refused, as a cited element is.
    const citedLink = [...snapshot.links.values()].find(
      (link) => link.cited && (link.from === element.id || link.to === element.id),
    );
    if (citedLink) {
      refuse(path, "toc.problem.deleteCitedLink", { code: element.code, link: linkLabel(citedLink, codeOf) });
      continue;
    }
    if (rest?.focusOf.length) {
      refuse(path, "toc.problem.deleteFocus", { code: element.code, canvases: rest.focusOf.join(", ") });
      continue;
    }
    // The outline stays whole: its parts go first (or with it), never left without their parent.
    const parts = [...snapshot.links.values()]
      .filter(
        (link) =>
          link.kind === "part_of" &&
          link.to === element.id &&
          !deleted.has(link.from) &&
          !edit.deletedLinks.includes(link.id),
      )
      .map((link) => codeOf(link.from));
    if (parts.length)
      refuse(path, "toc.problem.deleteHasParts", { code: element.code, parts: parts.join(", ") });
  }

  // Links: deletions, then edits, then additions (which may reuse what was deleted).
  const deletedLinks = new Set<string>();
  for (const [i, linkKey] of edit.deletedLinks.entries()) {
    const path = `$.deletedLinks[${i}]`;
    const link = snapshot.links.get(linkKey);
    if (!link) {
      refuse(path, "toc.problem.unknownLink", { key: linkKey });
      continue;
    }
    if (deletedLinks.has(link.id)) {
      refuse(path, "toc.problem.repeated", { code: linkLabel(link, codeOf) });
      continue;
    }
    deletedLinks.add(link.id);
  }
  // Links of deleted elements go with them.
  const goneLinks = new Set(deletedLinks);
  for (const link of snapshot.links.values())
    if (deleted.has(link.from) || deleted.has(link.to)) goneLinks.add(link.id);

  const updateLinks: CanvasWrites["updateLinks"] = [];
  const editedLinks = new Set<string>();
  for (const [i, { link: linkKey, changes }] of edit.linkEdits.entries()) {
    const path = `$.linkEdits[${i}]`;
    const link = snapshot.links.get(linkKey);
    if (!link) {
      refuse(`${path}.link`, "toc.problem.unknownLink", { key: linkKey });
      continue;
    }
    if (goneLinks.has(link.id)) {
      refuse(`${path}.link`, "toc.problem.linkDeleted", { link: linkLabel(link, codeOf) });
      continue;
    }
    if (editedLinks.has(link.id)) {
      refuse(`${path}.link`, "toc.problem.repeated", { code: linkLabel(link, codeOf) });
      continue;
    }
    editedLinks.add(link.id);
    if (
      !isCausal(link.kind) &&
      (changes.rationale || changes.evidenceStrength || changes.evidenceLinks?.length)
    ) {
      refuse(`${path}.changes`, "toc.problem.outlineLinkValues");
      continue;
    }
    const values: Partial<LinkValues> = {};
    if (changes.rationale !== undefined && !sameJson(changes.rationale, link.rationale))
      values.rationale = changes.rationale;
    if (changes.evidenceStrength !== undefined && changes.evidenceStrength !== link.evidenceStrength)
      values.evidenceStrength = changes.evidenceStrength;
    if (changes.evidenceLinks !== undefined) {
      const next = evidenceLinksValue(changes.evidenceLinks);
      if (!sameJson(next, evidenceLinksValue(link.evidenceLinks))) values.evidenceLinks = next;
    }
    if (Object.keys(values).length) updateLinks.push({ id: link.id, values });
  }

  // The graph after deletions, to check additions one by one against it.
  const remaining = [...snapshot.links.values()].filter((link) => !goneLinks.has(link.id));
  const causal = new Map<string, string[]>();
  const parentOf = new Map<string, string>();
  const linkKeys = new Set<string>();
  const addEdge = (kind: LinkKind, from: string, to: string) => {
    linkKeys.add(`${kind} ${from} ${to}`);
    if (kind === "part_of") parentOf.set(from, to);
    else causal.set(from, [...(causal.get(from) ?? []), to]);
  };
  for (const link of remaining) addEdge(link.kind, link.from, link.to);

  const insertLinks: CanvasWrites["insertLinks"] = [];
  const addedKeys = new Set<string>();
  for (const [i, link] of edit.addedLinks.entries()) {
    const path = `$.addedLinks[${i}]`;
    if (addedKeys.has(link.key)) {
      refuse(`${path}.key`, "toc.problem.repeated", { code: link.key });
      continue;
    }
    addedKeys.add(link.key);
    const from = resolve(link.from, `${path}.from`);
    const to = resolve(link.to, `${path}.to`);
    if (!from || !to) continue;
    const label = `${codeOf(from)} → ${codeOf(to)}`;
    if (from === to) {
      refuse(path, "toc.problem.selfLink", { code: codeOf(from) });
      continue;
    }
    if (linkKeys.has(`${link.kind} ${from} ${to}`)) {
      refuse(path, "toc.problem.duplicateLink", { link: label });
      continue;
    }
    if (link.kind === "part_of") {
      if (link.rationale || link.evidenceStrength || link.evidenceLinks?.length) {
        refuse(path, "toc.problem.outlineLinkValues");
        continue;
      }
      const parent = parentOf.get(from);
      if (parent !== undefined) {
        refuse(`${path}.from`, "toc.problem.secondParent", {
          code: codeOf(from),
          parent: codeOf(parent),
        });
        continue;
      }
      // The outline stays a tree: the new parent must not be part of the child.
      const loop = outlinePath(parentOf, to, from);
      if (loop) {
        const cycle = [from, ...loop].map(codeOf);
        refuse(path, "toc.problem.outlineCycle", { path: cycle.join(" → ") }, { cycle });
        continue;
      }
    } else {
      const back = causalPath(causal, to, from);
      if (back) {
        const cycle = [from, ...back].map(codeOf);
        refuse(path, "toc.problem.cycle", { path: cycle.join(" → ") }, { cycle });
        continue;
      }
    }
    addEdge(link.kind, from, to);
    const id = newId();
    created[link.key] = id;
    insertLinks.push({
      id,
      kind: link.kind,
      from,
      to,
      rationale: link.rationale,
      evidenceStrength: link.evidenceStrength,
      evidenceLinks: evidenceLinksValue(link.evidenceLinks),
    });
  }

  // Settings.
  let settings: Partial<CanvasSettingsValues> | null = null;
  if (edit.settings) {
    const changed: Partial<CanvasSettingsValues> = {};
    for (const name of ["title", "description", "showOutline", "layoutDirection", "draft"] as const) {
      const value = edit.settings[name];
      if (value !== undefined && !sameJson(value, snapshot.settings[name]))
        (changed as Record<string, unknown>)[name] = value;
    }
    if (Object.keys(changed).length) settings = changed;
  }

  if (problems.length) return { ok: false, problems };

  const upsertNodes = [...placed]
    .filter(([id, node]) => {
      const before = snapshot.nodes.get(id);
      return !before || before.x !== node.x || before.y !== node.y || before.pinned !== node.pinned;
    })
    .map(([elementId, node]) => ({ elementId, ...node }));
  const deleteNodes = [...removed];
  const deleteElements = [...deleted];
  const deleteLinks = [...deletedLinks].filter((id) => {
    const link = snapshot.links.get(id) as SnapshotLink;
    return !deleted.has(link.from) && !deleted.has(link.to);
  });
  const explicitlyDeleted = new Set(deleteLinks);
  const linkEnds = (id: string): [string, string] => {
    const link = snapshot.links.get(id) as SnapshotLink;
    return [link.from, link.to];
  };
  const label = (id: string) => linkLabel(snapshot.links.get(id) as SnapshotLink, codeOf);

  const before: Required<ChangedValues> = { elements: {}, links: {}, settings: {} };
  const after: Required<ChangedValues> = { elements: {}, links: {}, settings: {} };
  const pick = <T extends object>(from: T, fields: readonly (keyof T)[]) =>
    Object.fromEntries(fields.map((field) => [field, from[field] ?? null])) as Partial<T>;
  for (const update of updateElements) {
    const fields = Object.keys(update.values) as (keyof SnapshotElement & keyof typeof update.values)[];
    before.elements[codeOf(update.id)] = pick(snapshot.elements.get(update.id) as SnapshotElement, fields);
    after.elements[codeOf(update.id)] = pick(update.values, fields);
  }
  for (const id of deleteElements) {
    const gone = snapshot.elements.get(id) as SnapshotElement;
    before.elements[gone.code] = { title: gone.title, level: gone.level, status: gone.status };
  }
  for (const row of newByKey.values())
    after.elements[row.code] = { title: row.title, level: row.level, status: row.status };
  for (const update of updateLinks) {
    const fields = Object.keys(update.values) as (keyof LinkValues)[];
    before.links[label(update.id)] = pick(snapshot.links.get(update.id) as SnapshotLink, fields);
    after.links[label(update.id)] = pick(update.values, fields);
  }
  for (const id of goneLinks) {
    const gone = snapshot.links.get(id) as SnapshotLink;
    before.links[label(id)] = pick(gone, ["rationale", "evidenceStrength", "evidenceLinks"]);
  }
  for (const row of insertLinks)
    after.links[`${row.kind} ${codeOf(row.from)} → ${codeOf(row.to)}`] = pick(row, [
      "rationale",
      "evidenceStrength",
      "evidenceLinks",
    ]);
  if (settings) {
    const fields = Object.keys(settings) as (keyof CanvasSettingsValues)[];
    before.settings = pick(snapshot.settings, fields);
    after.settings = pick(settings, fields);
  }
  const compact = (values: Required<ChangedValues>): ChangedValues =>
    Object.fromEntries(Object.entries(values).filter(([, part]) => Object.keys(part).length > 0));

  return {
    ok: true,
    writes: {
      values: { before: compact(before), after: compact(after) },
      deleteLinks,
      deleteElements,
      deleteNodes,
      updateElements,
      insertElements: [...newByKey.values()],
      insertLinks,
      updateLinks,
      upsertNodes,
      settings,
      created,
      touched: {
        elements: [...deleteElements, ...updateElements.map((update) => update.id)],
        links: [
          ...deleteLinks.map(linkEnds),
          ...updateLinks.map((update) => linkEnds(update.id)),
          ...insertLinks.map((link): [string, string] => [link.from, link.to]),
        ],
      },
      summary: {
        nodes: {
          placed: upsertNodes
            .filter((node) => !snapshot.nodes.has(node.elementId))
            .map((node) => codeOf(node.elementId)),
          moved: upsertNodes.filter((node) => snapshot.nodes.has(node.elementId)).length,
          removed: deleteNodes.map(codeOf),
        },
        elements: {
          created: [...newByKey.values()].map((row) => row.code),
          edited: updateElements.map((update) => codeOf(update.id)),
          deleted: deleteElements.map(codeOf),
        },
        links: {
          added: insertLinks.map((link) => `${link.kind} ${codeOf(link.from)} → ${codeOf(link.to)}`),
          edited: updateLinks.map((update) => label(update.id)),
          deleted: deleteLinks.map(label),
          removedWithElements: [...goneLinks].filter((id) => !explicitlyDeleted.has(id)).map(label),
        },
        settings: Object.keys(settings ?? {}),
      },
    },
  };
}

const linkLabel = (link: SnapshotLink, codeOf: (id: string) => string) =>
  `${link.kind} ${codeOf(link.from)} → ${codeOf(link.to)}`;

/** The chain of parents from `start` up to `goal` (both included), or undefined when `goal` is not above it. */
function outlinePath(
  parentOf: ReadonlyMap<string, string>,
  start: string,
  goal: string,
): string[] | undefined {
  const chain = [start];
  for (let at = start; at !== goal; ) {
    const up = parentOf.get(at);
    if (up === undefined || chain.includes(up)) return undefined;
    chain.push(up);
    at = up;
  }
  return chain;
}

/** A path of causal links from `start` to `goal` (both included), shortest first; undefined when there is none. */
export function causalPath(
  next: ReadonlyMap<string, readonly string[]>,
  start: string,
  goal: string,
): string[] | undefined {
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as string;
    if (node === goal) {
      const path: string[] = [];
      for (let at: string | null = node; at !== null; at = cameFrom.get(at) ?? null) path.unshift(at);
      return path;
    }
    for (const target of next.get(node) ?? []) {
      if (cameFrom.has(target)) continue;
      cameFrom.set(target, node);
      queue.push(target);
    }
  }
  return undefined;
}
