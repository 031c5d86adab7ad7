/**
 * The theory-of-change editor's state, as a pure reducer (no React, no I/O), so that every way of changing the
 * canvas — a mouse drag, an arrow key, a form, undo, paste, auto-layout — goes through one path that keeps the
 * history (undo/redo), knows whether there are unsaved changes, and yields the edit document a save sends.
 *
 * The state holds the canvas as the server last gave it (`base`, with its version) and the canvas as edited
 * (`present`). Everything the editor saves is the difference between the two (`editDocument`), which is also how a
 * conflict is merged: the same difference is applied again on the canvas someone else saved (`rebase`).
 *
 * Nodes and links are keyed: an element by its id (or `new:N` for one created in this editor, which exists in the
 * plan once saved), a link by its id (or `new:N`). Links live in the plan, not on the canvas: removing a node from
 * the canvas keeps its links (they are drawn again when it comes back); deleting an element from the plan removes
 * its links with it.
 */
import { findCycle } from "../plan-graph/graph";
import type {
  ElementKind,
  ElementLevel,
  ElementStatus,
  EvidenceLink,
  evidenceStrengths,
  LayoutDirection,
  LocalizedText,
  linkKinds,
} from "../plan-graph/vocabulary";

export type LinkKind = (typeof linkKinds)[number];
export type EvidenceStrength = (typeof evidenceStrengths)[number];

export type EditorElement = {
  key: string;
  code: string;
  kind: ElementKind;
  level: ElementLevel | null;
  title: LocalizedText;
  status: ElementStatus;
};
export type EditorNode = { x: number; y: number; pinned: boolean };
export type EditorLink = {
  key: string;
  kind: LinkKind;
  from: string;
  to: string;
  rationale: LocalizedText | null;
  evidenceStrength: EvidenceStrength | null;
  evidenceLinks: EvidenceLink[] | null;
};
export type CanvasSettings = {
  title: LocalizedText;
  description: LocalizedText | null;
  showOutline: boolean;
  layoutDirection: LayoutDirection;
};

/** One state of the canvas: the plan's elements the editor knows, which of them are drawn and where, the links. */
export type EditorDoc = {
  elements: Readonly<Record<string, EditorElement>>;
  nodes: Readonly<Record<string, EditorNode>>;
  links: Readonly<Record<string, EditorLink>>;
  settings: CanvasSettings;
};

/** A canvas as the server sends it: the document and the version it is at. */
export type LoadedCanvas = { version: number; doc: EditorDoc };

export type Clipboard = {
  elements: EditorElement[];
  nodes: Record<string, EditorNode>;
  links: EditorLink[];
};

/** Why an edit was refused; shown to the person, never thrown. */
export type EditProblem =
  | { code: "selfLink" }
  | { code: "duplicateLink" }
  | { code: "cycle"; path: string[] }
  | { code: "secondParent"; child: string }
  | { code: "outlineCycle"; path: string[] }
  | { code: "codeTaken"; elementCode: string }
  | { code: "codeInvalid"; elementCode: string }
  | { code: "titleMissing" }
  | { code: "unknownNode" }
  | { code: "alreadyOnCanvas" }
  | { code: "nothingToPaste" };

export type EditorState = {
  baseVersion: number;
  base: EditorDoc;
  present: EditorDoc;
  /** Earlier states, the last one most recent (undo), and undone states (redo). */
  past: EditorDoc[];
  future: EditorDoc[];
  selectedNodes: string[];
  selectedLinks: string[];
  clipboard: Clipboard | null;
  /** A mouse drag in progress: its first move saved the state before it, the others do not add history. */
  dragging: boolean;
  nextTemp: number;
  /** The last edit refused, until the next action. */
  problem: EditProblem | null;
};

export type NodeMove = { key: string; x: number; y: number };

export type EditorAction =
  | { type: "load"; canvas: LoadedCanvas }
  /** Nodes moved: `dragging` while a mouse drag goes on (one history step for the whole drag); a keyboard move,
   * or the end of a drag, has `dragging: false`. A moved node is pinned: auto-layout leaves it where it is. */
  | { type: "moveNodes"; moves: NodeMove[]; dragging: boolean }
  /** Auto-layout's positions: pinned nodes keep theirs. */
  | { type: "applyLayout"; positions: NodeMove[] }
  | { type: "unpinAll" }
  | {
      type: "addElement";
      element: Omit<EditorElement, "key" | "status"> & { status?: ElementStatus };
      at: { x: number; y: number };
      /** Optionally, the element it is part of (a `part_of` link is added with it). */
      parent?: string | null;
    }
  | { type: "addExisting"; key: string; at: { x: number; y: number } }
  | {
      type: "editElement";
      key: string;
      changes: Partial<Pick<EditorElement, "title" | "level" | "status" | "code">>;
    }
  | { type: "removeNodes"; keys: string[] }
  | { type: "deleteElements"; keys: string[] }
  | { type: "addLink"; link: Omit<EditorLink, "key"> }
  | {
      type: "editLink";
      key: string;
      changes: Partial<Pick<EditorLink, "rationale" | "evidenceStrength" | "evidenceLinks">>;
    }
  | { type: "deleteLinks"; keys: string[] }
  | { type: "select"; nodes: string[]; links: string[] }
  | { type: "copy" }
  | { type: "paste"; offset?: { x: number; y: number } }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "settings"; changes: Partial<CanvasSettings> }
  /** The server saved: its canvas becomes the base and the present (new elements now have ids). */
  | { type: "saved"; canvas: LoadedCanvas }
  /** Someone else saved first: apply my edits again on their canvas (the merge of a conflict). */
  | { type: "rebase"; canvas: LoadedCanvas }
  | { type: "dismissProblem" };

/** How many steps undo keeps. */
export const historyLimit = 200;

const causalKinds: readonly LinkKind[] = ["contributes_to", "precondition_of"];
export const isCausal = (kind: LinkKind) => causalKinds.includes(kind);
const codePattern = /^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/;

export function initialEditorState(canvas: LoadedCanvas): EditorState {
  return {
    baseVersion: canvas.version,
    base: canvas.doc,
    present: canvas.doc,
    past: [],
    future: [],
    selectedNodes: [],
    selectedLinks: [],
    clipboard: null,
    dragging: false,
    nextTemp: nextTempAfter(canvas.doc),
    problem: null,
  };
}

/** The first `new:N` number not used in a document (a rebase keeps my new keys). */
function nextTempAfter(doc: EditorDoc, floor = 1): number {
  let next = floor;
  for (const key of [...Object.keys(doc.elements), ...Object.keys(doc.links)]) {
    const n = /^new:(\d+)$/.exec(key)?.[1];
    if (n && Number(n) >= next) next = Number(n) + 1;
  }
  return next;
}

/** Records `next` as the new present, the current one going to the history (redo is cleared). */
function commit(state: EditorState, next: EditorDoc, extra: Partial<EditorState> = {}): EditorState {
  if (next === state.present) return { ...state, ...extra, problem: null };
  const past = [...state.past, state.present];
  if (past.length > historyLimit) past.splice(0, past.length - historyLimit);
  return { ...state, ...extra, past, future: [], present: next, problem: null };
}

const refuse = (state: EditorState, problem: EditProblem): EditorState => ({ ...state, problem });

function withNodes(doc: EditorDoc, nodes: Record<string, EditorNode>): EditorDoc {
  return { ...doc, nodes };
}

function moved(doc: EditorDoc, moves: NodeMove[], { pin }: { pin: boolean }): EditorDoc {
  let nodes: Record<string, EditorNode> | null = null;
  for (const { key, x, y } of moves) {
    const node = doc.nodes[key];
    if (!node || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (pin ? node.x === x && node.y === y && node.pinned : node.pinned || (node.x === x && node.y === y))
      continue;
    nodes ??= { ...doc.nodes };
    nodes[key] = pin ? { x, y, pinned: true } : { ...node, x, y };
  }
  return nodes ? withNodes(doc, nodes) : doc;
}

/** The causal links would form a cycle with this one: the path it closes (node keys, first repeated last). */
export function cycleClosedBy(
  links: Readonly<Record<string, EditorLink>>,
  link: Pick<EditorLink, "kind" | "from" | "to">,
): string[] | undefined {
  const kinds = isCausal(link.kind) ? causalKinds : (["part_of"] as const);
  const edges = Object.values(links)
    .filter((existing) => kinds.includes(existing.kind))
    .map((existing) => ({ from: existing.from, to: existing.to }));
  const cycle = findCycle([...edges, { from: link.from, to: link.to }]);
  return cycle;
}

function linkProblem(doc: EditorDoc, link: Omit<EditorLink, "key">): EditProblem | null {
  if (!doc.elements[link.from] || !doc.elements[link.to]) return { code: "unknownNode" };
  if (link.from === link.to) return { code: "selfLink" };
  const links = Object.values(doc.links);
  if (links.some((other) => other.kind === link.kind && other.from === link.from && other.to === link.to))
    return { code: "duplicateLink" };
  if (link.kind === "part_of" && links.some((other) => other.kind === "part_of" && other.from === link.from))
    return { code: "secondParent", child: doc.elements[link.from]?.code ?? link.from };
  const cycle = cycleClosedBy(doc.links, link);
  if (cycle) {
    const path = cycle.map((key) => doc.elements[key]?.code ?? key);
    return link.kind === "part_of" ? { code: "outlineCycle", path } : { code: "cycle", path };
  }
  return null;
}

function elementProblem(doc: EditorDoc, element: { code: string; title: LocalizedText }, key?: string) {
  if (!codePattern.test(element.code)) return { code: "codeInvalid", elementCode: element.code } as const;
  const taken = Object.values(doc.elements).some(
    (other) => other.key !== key && other.code.toLowerCase() === element.code.toLowerCase(),
  );
  if (taken) return { code: "codeTaken", elementCode: element.code } as const;
  if (!element.title.en.trim()) return { code: "titleMissing" } as const;
  return null;
}

/** Removes elements from the plan: their nodes and every link touching them go with them. */
function withoutElements(doc: EditorDoc, keys: ReadonlySet<string>): EditorDoc {
  const elements = Object.fromEntries(Object.entries(doc.elements).filter(([key]) => !keys.has(key)));
  const nodes = Object.fromEntries(Object.entries(doc.nodes).filter(([key]) => !keys.has(key)));
  const links = Object.fromEntries(
    Object.entries(doc.links).filter(([, link]) => !keys.has(link.from) && !keys.has(link.to)),
  );
  return { ...doc, elements, nodes, links };
}

/** A free code for a copy of `code`: `O1.S2.COPY`, then `O1.S2.COPY2`, … */
function copyCode(code: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const candidate = `${code}.COPY${n === 1 ? "" : n}`;
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case "load":
      return initialEditorState(action.canvas);

    case "moveNodes": {
      const next = moved(state.present, action.moves, { pin: true });
      if (action.dragging) {
        if (next === state.present) return state;
        // The first move of a drag saves the state before it; the rest of the drag is the same history step.
        if (!state.dragging) return commit(state, next, { dragging: true });
        return { ...state, present: next };
      }
      if (state.dragging) return { ...state, present: next, dragging: false, problem: null };
      return commit(state, next);
    }

    case "applyLayout":
      return commit(state, moved(state.present, action.positions, { pin: false }));

    case "unpinAll": {
      const entries = Object.entries(state.present.nodes);
      if (!entries.some(([, node]) => node.pinned)) return state;
      return commit(
        state,
        withNodes(
          state.present,
          Object.fromEntries(entries.map(([key, node]) => [key, { ...node, pinned: false }])),
        ),
      );
    }

    case "addElement": {
      const { element, at, parent } = action;
      const problem = elementProblem(state.present, element);
      if (problem) return refuse(state, problem);
      if (parent && !state.present.elements[parent]) return refuse(state, { code: "unknownNode" });
      const key = `new:${state.nextTemp}`;
      const added: EditorElement = { ...element, status: element.status ?? "planned", key };
      let links = state.present.links;
      let nextTemp = state.nextTemp + 1;
      if (parent) {
        const linkKey = `new:${nextTemp++}`;
        links = {
          ...links,
          [linkKey]: {
            key: linkKey,
            kind: "part_of",
            from: key,
            to: parent,
            rationale: null,
            evidenceStrength: null,
            evidenceLinks: null,
          },
        };
      }
      const next: EditorDoc = {
        ...state.present,
        elements: { ...state.present.elements, [key]: added },
        nodes: { ...state.present.nodes, [key]: { x: at.x, y: at.y, pinned: true } },
        links,
      };
      return commit(state, next, { nextTemp, selectedNodes: [key], selectedLinks: [] });
    }

    case "addExisting": {
      if (!state.present.elements[action.key]) return refuse(state, { code: "unknownNode" });
      if (state.present.nodes[action.key]) return refuse(state, { code: "alreadyOnCanvas" });
      const next = withNodes(state.present, {
        ...state.present.nodes,
        [action.key]: { x: action.at.x, y: action.at.y, pinned: true },
      });
      return commit(state, next, { selectedNodes: [action.key], selectedLinks: [] });
    }

    case "editElement": {
      const element = state.present.elements[action.key];
      if (!element) return refuse(state, { code: "unknownNode" });
      // A saved element keeps its code (addresses, indicators and entries name it); a new one may change it.
      const { code, ...rest } = action.changes;
      const changes = code !== undefined && action.key.startsWith("new:") ? { ...rest, code } : rest;
      const edited = { ...element, ...changes };
      const problem = elementProblem(state.present, edited, action.key);
      if (problem) return refuse(state, problem);
      if (sameElement(element, edited)) return { ...state, problem: null };
      return commit(state, {
        ...state.present,
        elements: { ...state.present.elements, [action.key]: edited },
      });
    }

    case "removeNodes": {
      const keys = new Set(action.keys.filter((key) => state.present.nodes[key]));
      if (keys.size === 0) return state;
      const nodes = Object.fromEntries(Object.entries(state.present.nodes).filter(([key]) => !keys.has(key)));
      return commit(state, withNodes(state.present, nodes), {
        selectedNodes: state.selectedNodes.filter((key) => !keys.has(key)),
      });
    }

    case "deleteElements": {
      const keys = new Set(action.keys.filter((key) => state.present.elements[key]));
      if (keys.size === 0) return state;
      const next = withoutElements(state.present, keys);
      return commit(state, next, {
        selectedNodes: state.selectedNodes.filter((key) => !keys.has(key)),
        selectedLinks: state.selectedLinks.filter((key) => next.links[key]),
      });
    }

    case "addLink": {
      const problem = linkProblem(state.present, action.link);
      if (problem) return refuse(state, problem);
      const key = `new:${state.nextTemp}`;
      const link: EditorLink = {
        ...action.link,
        key,
        // Only causal links carry an assumption and evidence.
        ...(isCausal(action.link.kind)
          ? {}
          : { rationale: null, evidenceStrength: null, evidenceLinks: null }),
      };
      return commit(
        state,
        { ...state.present, links: { ...state.present.links, [key]: link } },
        { nextTemp: state.nextTemp + 1, selectedLinks: [key], selectedNodes: [] },
      );
    }

    case "editLink": {
      const link = state.present.links[action.key];
      if (!link) return refuse(state, { code: "unknownNode" });
      if (!isCausal(link.kind)) return state;
      const edited = { ...link, ...action.changes };
      if (sameLink(link, edited)) return { ...state, problem: null };
      return commit(state, { ...state.present, links: { ...state.present.links, [action.key]: edited } });
    }

    case "deleteLinks": {
      const keys = new Set(action.keys.filter((key) => state.present.links[key]));
      if (keys.size === 0) return state;
      const links = Object.fromEntries(Object.entries(state.present.links).filter(([key]) => !keys.has(key)));
      return commit(
        state,
        { ...state.present, links },
        { selectedLinks: state.selectedLinks.filter((key) => !keys.has(key)) },
      );
    }

    case "select": {
      const nodes = action.nodes.filter((key) => state.present.nodes[key]);
      const links = action.links.filter((key) => state.present.links[key]);
      if (sameList(nodes, state.selectedNodes) && sameList(links, state.selectedLinks)) return state;
      return { ...state, selectedNodes: nodes, selectedLinks: links };
    }

    case "copy": {
      const keys = new Set(state.selectedNodes.filter((key) => state.present.nodes[key]));
      if (keys.size === 0) return refuse(state, { code: "nothingToPaste" });
      const clipboard: Clipboard = {
        elements: [...keys].map((key) => state.present.elements[key] as EditorElement),
        nodes: Object.fromEntries([...keys].map((key) => [key, state.present.nodes[key] as EditorNode])),
        links: Object.values(state.present.links).filter((link) => keys.has(link.from) && keys.has(link.to)),
      };
      return { ...state, clipboard, problem: null };
    }

    case "paste": {
      const clipboard = state.clipboard;
      if (!clipboard || clipboard.elements.length === 0) return refuse(state, { code: "nothingToPaste" });
      const offset = action.offset ?? { x: 40, y: 40 };
      // A canvas draws an element once: a paste makes copies, new elements of the plan with their own codes.
      const taken = new Set(
        Object.values(state.present.elements).map((element) => element.code.toLowerCase()),
      );
      let nextTemp = state.nextTemp;
      const keyOf = new Map<string, string>();
      const elements = { ...state.present.elements };
      const nodes = { ...state.present.nodes };
      for (const element of clipboard.elements) {
        const key = `new:${nextTemp++}`;
        keyOf.set(element.key, key);
        elements[key] = { ...element, key, code: copyCode(element.code, taken), status: "planned" };
        const node = clipboard.nodes[element.key] ?? { x: 0, y: 0 };
        nodes[key] = { x: node.x + offset.x, y: node.y + offset.y, pinned: true };
      }
      const links = { ...state.present.links };
      for (const link of clipboard.links) {
        const key = `new:${nextTemp++}`;
        links[key] = {
          ...link,
          key,
          from: keyOf.get(link.from) as string,
          to: keyOf.get(link.to) as string,
        };
      }
      return commit(
        state,
        { ...state.present, elements, nodes, links },
        { nextTemp, selectedNodes: [...keyOf.values()], selectedLinks: [] },
      );
    }

    case "undo": {
      const previous = state.past[state.past.length - 1];
      if (!previous) return state;
      return {
        ...state,
        past: state.past.slice(0, -1),
        future: [state.present, ...state.future],
        present: previous,
        dragging: false,
        problem: null,
        ...keepSelection(state, previous),
      };
    }

    case "redo": {
      const [next, ...future] = state.future;
      if (!next) return state;
      return {
        ...state,
        past: [...state.past, state.present],
        future,
        present: next,
        dragging: false,
        problem: null,
        ...keepSelection(state, next),
      };
    }

    case "settings": {
      const settings = { ...state.present.settings, ...action.changes };
      if (JSON.stringify(settings) === JSON.stringify(state.present.settings)) return state;
      return commit(state, { ...state.present, settings });
    }

    case "saved":
      return { ...initialEditorState(action.canvas), clipboard: state.clipboard };

    case "rebase": {
      const doc = replay(state.base, state.present, action.canvas.doc);
      return {
        ...initialEditorState(action.canvas),
        present: doc,
        clipboard: state.clipboard,
        nextTemp: Math.max(state.nextTemp, nextTempAfter(doc)),
        ...keepSelection(state, doc),
      };
    }

    case "dismissProblem":
      return state.problem ? { ...state, problem: null } : state;
  }
}

function keepSelection(state: EditorState, doc: EditorDoc) {
  return {
    selectedNodes: state.selectedNodes.filter((key) => doc.nodes[key]),
    selectedLinks: state.selectedLinks.filter((key) => doc.links[key]),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

const sameElement = (a: EditorElement, b: EditorElement) =>
  a.code === b.code &&
  a.kind === b.kind &&
  a.level === b.level &&
  a.status === b.status &&
  JSON.stringify(a.title) === JSON.stringify(b.title);

const sameLink = (a: EditorLink, b: EditorLink) =>
  a.kind === b.kind &&
  a.from === b.from &&
  a.to === b.to &&
  a.evidenceStrength === b.evidenceStrength &&
  JSON.stringify(a.rationale) === JSON.stringify(b.rationale) &&
  JSON.stringify(a.evidenceLinks) === JSON.stringify(b.evidenceLinks);

const sameNode = (a: EditorNode, b: EditorNode) => a.x === b.x && a.y === b.y && a.pinned === b.pinned;

// ---------------------------------------------------------------- what a save sends

/** What changed between the canvas as loaded and as edited: what a save sends, and what a merge applies again. */
export type EditDocument = {
  baseVersion: number;
  /** Every node of the canvas after the save, with its position (element key: an id, or `new:N`). */
  nodes: { element: string; x: number; y: number; pinned: boolean }[];
  removedNodes: string[];
  newElements: EditorElement[];
  elementEdits: { element: string; changes: Partial<Pick<EditorElement, "title" | "level" | "status">> }[];
  deletedElements: string[];
  addedLinks: EditorLink[];
  linkEdits: {
    link: string;
    changes: Partial<Pick<EditorLink, "rationale" | "evidenceStrength" | "evidenceLinks">>;
  }[];
  deletedLinks: string[];
  settings: Partial<CanvasSettings> | null;
};

export function editDocument(state: Pick<EditorState, "base" | "present" | "baseVersion">): EditDocument {
  const { base, present } = state;
  const deletedElements = Object.keys(base.elements).filter((key) => !present.elements[key]);
  const deleted = new Set(deletedElements);
  const newElements = Object.values(present.elements).filter((element) => !base.elements[element.key]);
  const elementEdits: EditDocument["elementEdits"] = [];
  for (const element of Object.values(present.elements)) {
    const before = base.elements[element.key];
    if (!before || sameElement(before, element)) continue;
    const changes: EditDocument["elementEdits"][number]["changes"] = {};
    if (JSON.stringify(before.title) !== JSON.stringify(element.title)) changes.title = element.title;
    if (before.level !== element.level) changes.level = element.level;
    if (before.status !== element.status) changes.status = element.status;
    elementEdits.push({ element: element.key, changes });
  }
  const addedLinks = Object.values(present.links).filter((link) => !base.links[link.key]);
  const linkEdits: EditDocument["linkEdits"] = [];
  for (const link of Object.values(present.links)) {
    const before = base.links[link.key];
    if (!before || sameLink(before, link)) continue;
    const changes: EditDocument["linkEdits"][number]["changes"] = {};
    if (JSON.stringify(before.rationale) !== JSON.stringify(link.rationale))
      changes.rationale = link.rationale;
    if (before.evidenceStrength !== link.evidenceStrength) changes.evidenceStrength = link.evidenceStrength;
    if (JSON.stringify(before.evidenceLinks) !== JSON.stringify(link.evidenceLinks))
      changes.evidenceLinks = link.evidenceLinks;
    linkEdits.push({ link: link.key, changes });
  }
  // Links of a deleted element go with it; only the others are deleted one by one.
  const deletedLinks = Object.values(base.links)
    .filter((link) => !present.links[link.key] && !deleted.has(link.from) && !deleted.has(link.to))
    .map((link) => link.key);
  const settingsChanged = (Object.keys(present.settings) as (keyof CanvasSettings)[]).filter(
    (name) => JSON.stringify(present.settings[name]) !== JSON.stringify(base.settings[name]),
  );
  return {
    baseVersion: state.baseVersion,
    nodes: Object.entries(present.nodes).map(([element, node]) => ({ element, ...node })),
    removedNodes: Object.keys(base.nodes).filter((key) => !present.nodes[key] && !deleted.has(key)),
    newElements,
    elementEdits,
    deletedElements,
    addedLinks,
    linkEdits,
    deletedLinks,
    settings:
      settingsChanged.length === 0
        ? null
        : Object.fromEntries(settingsChanged.map((name) => [name, present.settings[name]])),
  };
}

/** Whether the canvas as edited differs from the canvas as loaded (what "unsaved changes" means). */
export function isDirty(state: Pick<EditorState, "base" | "present">): boolean {
  const { base, present } = state;
  if (base === present) return false;
  const keysDiffer = (a: object, b: object) => {
    const left = Object.keys(a);
    return left.length !== Object.keys(b).length || left.some((key) => !(key in b));
  };
  if (
    keysDiffer(base.elements, present.elements) ||
    keysDiffer(base.nodes, present.nodes) ||
    keysDiffer(base.links, present.links)
  )
    return true;
  for (const [key, node] of Object.entries(present.nodes))
    if (!sameNode(node, base.nodes[key] as EditorNode)) return true;
  for (const [key, element] of Object.entries(present.elements))
    if (!sameElement(element, base.elements[key] as EditorElement)) return true;
  for (const [key, link] of Object.entries(present.links))
    if (!sameLink(link, base.links[key] as EditorLink)) return true;
  return JSON.stringify(base.settings) !== JSON.stringify(present.settings);
}

/**
 * One of my changes that a merge did not keep because of theirs (shown to me after merging, app/toc/components/
 * use-canvas-save.ts): element codes name the elements, `from`/`to` a link's ends.
 */
export type GaveWay =
  /** We both moved the node: theirs stays where they put it. */
  | { what: "move"; code: string }
  /** We both changed this field of the element (its title, level or status): theirs is kept. */
  | { what: "elementField"; code: string; field: "title" | "level" | "status" }
  /** We both changed this field of the link: theirs is kept. */
  | { what: "linkField"; from: string; to: string; field: "rationale" | "evidenceStrength" | "evidenceLinks" }
  /** We both changed this setting of the canvas: theirs is kept. */
  | { what: "setting"; field: keyof CanvasSettings }
  /** They deleted the element my changes (a move, an edit) were about. */
  | { what: "elementDeleted"; code: string }
  /** They deleted the link my changes were about. */
  | { what: "linkDeleted"; from: string; to: string }
  /** My new link would now repeat one of theirs or close a cycle with their links. */
  | { what: "linkDropped"; from: string; to: string }
  /** They added an element with the code of my new one: mine takes another code. */
  | { what: "codeTaken"; code: string; now: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** My changes split into those to fields they left as they were (kept) and those to fields they changed too. */
function splitChanges<T extends object>(
  changes: Partial<T>,
  before: T | undefined,
  theirs: T,
): { kept: Partial<T>; gaveWay: (keyof T & string)[] } {
  const entries = Object.entries(changes);
  const theyChanged = ([field]: [string, unknown]) =>
    before !== undefined && !same(before[field as keyof T], theirs[field as keyof T]);
  return {
    kept: Object.fromEntries(entries.filter((entry) => !theyChanged(entry))) as Partial<T>,
    // Where they made the same change as mine, nothing of mine was lost.
    gaveWay: entries
      .filter((entry) => theyChanged(entry) && !same(entry[1], theirs[entry[0] as keyof T]))
      .map(([field]) => field as keyof T & string),
  };
}

/**
 * Applies the edits that turned `base` into `mine` onto `theirs` (a canvas saved by someone else since): my moves,
 * my new elements and links, my changes to elements, links and settings, my removals. Where theirs no longer has
 * what an edit is about (an element they deleted), the edit is dropped; a link of mine that would now close a cycle
 * or repeat one of theirs is dropped too, so the merged canvas is one the server accepts. Where we both changed the
 * same thing (a node's position, a field of an element or a link, a setting), theirs is kept: a merge never
 * overwrites their work. `gaveWay` lists each of my changes that was not kept, for the person to check.
 */
export function mergeEdits(
  base: EditorDoc,
  mine: EditorDoc,
  theirs: EditorDoc,
): { doc: EditorDoc; gaveWay: GaveWay[] } {
  const edits = editDocument({ base, present: mine, baseVersion: 0 });
  const gaveWay: GaveWay[] = [];
  const codeOf = (key: string) =>
    mine.elements[key]?.code ?? base.elements[key]?.code ?? theirs.elements[key]?.code ?? key;
  const elements: Record<string, EditorElement> = { ...theirs.elements };
  for (const element of edits.newElements) {
    const taken = Object.values(elements).some(
      (other) => other.code.toLowerCase() === element.code.toLowerCase(),
    );
    const code = taken
      ? copyCode(element.code, new Set(Object.values(elements).map((e) => e.code.toLowerCase())))
      : element.code;
    if (taken) gaveWay.push({ what: "codeTaken", code: element.code, now: code });
    elements[element.key] = { ...element, code };
  }
  const deletedByThem = new Set<string>();
  for (const { element, changes } of edits.elementEdits) {
    const current = elements[element];
    if (!current) {
      deletedByThem.add(element);
      continue;
    }
    const split = splitChanges(changes, base.elements[element], current);
    elements[element] = { ...current, ...split.kept };
    for (const field of split.gaveWay) gaveWay.push({ what: "elementField", code: current.code, field });
  }
  const nodes: Record<string, EditorNode> = { ...theirs.nodes };
  for (const key of edits.removedNodes) delete nodes[key];
  for (const { element, x, y, pinned } of edits.nodes) {
    const before = base.nodes[element];
    const mineNode = { x, y, pinned };
    if (!elements[element]) {
      if (!before || !sameNode(before, mineNode)) deletedByThem.add(element);
      continue;
    }
    // Only what I moved or placed: their positions stay for the nodes I did not touch, and for those we both moved.
    if (before && sameNode(before, mineNode)) continue;
    const theirNode = nodes[element];
    if (before && theirNode && !sameNode(before, theirNode)) {
      if (!sameNode(theirNode, mineNode)) gaveWay.push({ what: "move", code: codeOf(element) });
      continue;
    }
    nodes[element] = mineNode;
  }
  for (const key of deletedByThem) gaveWay.push({ what: "elementDeleted", code: codeOf(key) });
  let doc: EditorDoc = { ...theirs, elements, nodes };
  doc = withoutElements(doc, new Set(edits.deletedElements.filter((key) => doc.elements[key])));
  const links: Record<string, EditorLink> = { ...doc.links };
  const ends = (link: Pick<EditorLink, "from" | "to">) => ({ from: codeOf(link.from), to: codeOf(link.to) });
  for (const key of edits.deletedLinks) delete links[key];
  for (const { link, changes } of edits.linkEdits) {
    const current = links[link];
    if (!current) {
      const mineLink = mine.links[link];
      if (mineLink && doc.elements[mineLink.from] && doc.elements[mineLink.to])
        gaveWay.push({ what: "linkDeleted", ...ends(mineLink) });
      continue;
    }
    const split = splitChanges(changes, base.links[link], current);
    links[link] = { ...current, ...split.kept };
    for (const field of split.gaveWay) gaveWay.push({ what: "linkField", ...ends(current), field });
  }
  doc = { ...doc, links };
  for (const link of edits.addedLinks) {
    const { key: _key, ...rest } = link;
    if (linkProblem(doc, rest) === null) doc = { ...doc, links: { ...doc.links, [link.key]: link } };
    // A link to an element they deleted goes with it (reported with the element).
    else if (doc.elements[link.from] && doc.elements[link.to])
      gaveWay.push({ what: "linkDropped", ...ends(link) });
  }
  if (edits.settings) {
    const split = splitChanges(edits.settings, base.settings, theirs.settings);
    doc = { ...doc, settings: { ...doc.settings, ...split.kept } };
    for (const field of split.gaveWay) gaveWay.push({ what: "setting", field });
  }
  return { doc, gaveWay };
}

/** The merged canvas of `mergeEdits` (what the editor's `rebase` holds). */
export const replay = (base: EditorDoc, mine: EditorDoc, theirs: EditorDoc): EditorDoc =>
  mergeEdits(base, mine, theirs).doc;
