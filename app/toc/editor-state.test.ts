import { describe, expect, it } from "vitest";
import {
  type EditorAction,
  type EditorDoc,
  type EditorElement,
  type EditorLink,
  type EditorState,
  editDocument,
  editorReducer,
  initialEditorState,
  isDirty,
  type LoadedCanvas,
  mergeEdits,
} from "./editor-state";

/** A small canvas: an activity contributes to an outcome, which contributes to the impact; a strategy off-canvas. */
function canvas(version = 3): LoadedCanvas {
  const doc: EditorDoc = {
    elements: {
      act: {
        key: "act",
        code: "O1.S1.A1",
        kind: "activity",
        level: "regional",
        title: { en: "Train" },
        status: "active",
      },
      out: {
        key: "out",
        code: "O1",
        kind: "outcome",
        level: "national",
        title: { en: "Laws change" },
        status: "active",
      },
      imp: {
        key: "imp",
        code: "IMP",
        kind: "impact",
        level: "global",
        title: { en: "Rights" },
        status: "planned",
      },
      str: {
        key: "str",
        code: "O1.S1",
        kind: "strategy",
        level: null,
        title: { en: "Advocacy" },
        status: "active",
      },
    },
    nodes: {
      act: { x: 0, y: 0, pinned: false },
      out: { x: 200, y: 0, pinned: false },
      imp: { x: 400, y: 0, pinned: false },
    },
    links: {
      l1: {
        key: "l1",
        kind: "contributes_to",
        from: "act",
        to: "out",
        rationale: { en: "Trained advocates are heard" },
        evidenceStrength: "moderate",
        evidenceLinks: null,
      },
      l2: {
        key: "l2",
        kind: "contributes_to",
        from: "out",
        to: "imp",
        rationale: null,
        evidenceStrength: null,
        evidenceLinks: null,
      },
      l3: {
        key: "l3",
        kind: "part_of",
        from: "act",
        to: "str",
        rationale: null,
        evidenceStrength: null,
        evidenceLinks: null,
      },
    },
    settings: { title: { en: "Pathway" }, description: null, showOutline: true, layoutDirection: "RIGHT" },
  };
  return { version, doc };
}

const run = (state: EditorState, ...actions: EditorAction[]) => actions.reduce(editorReducer, state);
const start = () => initialEditorState(canvas());

describe("undo and redo", () => {
  it("undoes and redoes each edit, and undoing back to the loaded canvas leaves nothing unsaved", () => {
    const moved = run(start(), { type: "moveNodes", moves: [{ key: "act", x: 10, y: 20 }], dragging: false });
    const edited = run(moved, {
      type: "editElement",
      key: "out",
      changes: { title: { en: "Laws reformed" } },
    });
    expect(isDirty(edited)).toBe(true);

    const once = run(edited, { type: "undo" });
    expect(once.present.elements.out?.title.en).toBe("Laws change");
    expect(once.present.nodes.act).toEqual({ x: 10, y: 20, pinned: true });
    const twice = run(once, { type: "undo" });
    expect(twice.present.nodes.act).toEqual({ x: 0, y: 0, pinned: false });
    expect(isDirty(twice)).toBe(false);
    expect(run(twice, { type: "undo" })).toBe(twice);

    const again = run(twice, { type: "redo" }, { type: "redo" });
    expect(again.present).toBe(edited.present);
    expect(run(again, { type: "redo" })).toBe(again);
  });

  it("a new edit after undo clears what could be redone", () => {
    const state = run(
      start(),
      { type: "moveNodes", moves: [{ key: "act", x: 10, y: 20 }], dragging: false },
      { type: "undo" },
      { type: "moveNodes", moves: [{ key: "out", x: 5, y: 5 }], dragging: false },
    );
    expect(state.future).toEqual([]);
    expect(run(state, { type: "redo" }).present.nodes.act).toEqual({ x: 0, y: 0, pinned: false });
  });

  it("a mouse drag is one step of history however many moves it has", () => {
    const state = run(
      start(),
      { type: "moveNodes", moves: [{ key: "act", x: 1, y: 1 }], dragging: true },
      { type: "moveNodes", moves: [{ key: "act", x: 2, y: 2 }], dragging: true },
      { type: "moveNodes", moves: [{ key: "act", x: 3, y: 3 }], dragging: true },
      { type: "moveNodes", moves: [{ key: "act", x: 4, y: 4 }], dragging: false },
    );
    expect(state.past).toHaveLength(1);
    expect(state.present.nodes.act).toEqual({ x: 4, y: 4, pinned: true });
    expect(run(state, { type: "undo" }).present.nodes.act).toEqual({ x: 0, y: 0, pinned: false });
  });
});

describe("keyboard moves", () => {
  it("an arrow-key move (not a drag) marks the canvas unsaved, pins the node, and is undone alone", () => {
    const state = run(
      start(),
      { type: "moveNodes", moves: [{ key: "out", x: 205, y: 0 }], dragging: false },
      { type: "moveNodes", moves: [{ key: "out", x: 210, y: 0 }], dragging: false },
    );
    expect(isDirty(state)).toBe(true);
    expect(state.past).toHaveLength(2);
    expect(state.present.nodes.out).toEqual({ x: 210, y: 0, pinned: true });
    expect(editDocument(state).nodes).toContainEqual({ element: "out", x: 210, y: 0, pinned: true });
    expect(run(state, { type: "undo" }).present.nodes.out?.x).toBe(205);
  });

  it("a move to where the node already is, or to no number, changes nothing", () => {
    const state = start();
    const pinned = run(state, { type: "moveNodes", moves: [{ key: "act", x: 0, y: 0 }], dragging: false });
    expect(pinned.present.nodes.act?.pinned).toBe(true);
    const same = run(pinned, { type: "moveNodes", moves: [{ key: "act", x: 0, y: 0 }], dragging: false });
    expect(same.present).toBe(pinned.present);
    const nan = run(state, {
      type: "moveNodes",
      moves: [{ key: "act", x: Number.NaN, y: 0 }],
      dragging: false,
    });
    expect(nan.present).toBe(state.present);
  });
});

describe("auto-layout", () => {
  it("moves the nodes nobody placed and leaves the pinned ones where they are", () => {
    const state = run(
      start(),
      { type: "moveNodes", moves: [{ key: "act", x: 50, y: 60 }], dragging: false },
      {
        type: "applyLayout",
        positions: [
          { key: "act", x: 0, y: 300 },
          { key: "out", x: 0, y: 400 },
        ],
      },
    );
    expect(state.present.nodes.act).toEqual({ x: 50, y: 60, pinned: true });
    expect(state.present.nodes.out).toEqual({ x: 0, y: 400, pinned: false });
    const unpinned = run(state, { type: "unpinAll" });
    expect(unpinned.present.nodes.act?.pinned).toBe(false);
  });
});

describe("adding, editing and deleting", () => {
  it("adds a new element as a node of the canvas, part of a parent, and the save creates it", () => {
    const state = run(start(), {
      type: "addElement",
      element: { code: "O1.S1.A2", kind: "activity", title: { en: "Meet", fr: "Réunir" }, level: "local" },
      at: { x: 5, y: 6 },
      parent: "str",
    });
    const key = state.selectedNodes[0] as string;
    expect(key).toMatch(/^new:/);
    expect(state.present.nodes[key]).toEqual({ x: 5, y: 6, pinned: true });
    const save = editDocument(state);
    expect(save.newElements).toEqual([
      {
        key,
        code: "O1.S1.A2",
        kind: "activity",
        title: { en: "Meet", fr: "Réunir" },
        level: "local",
        status: "planned",
      },
    ]);
    expect(save.addedLinks).toMatchObject([{ kind: "part_of", from: key, to: "str" }]);
  });

  it("refuses a taken or malformed code and an empty title, changing nothing", () => {
    const state = start();
    const taken = run(state, {
      type: "addElement",
      element: { code: "o1", kind: "outcome", title: { en: "x" }, level: null },
      at: { x: 0, y: 0 },
    });
    expect(taken.problem).toEqual({ code: "codeTaken", elementCode: "o1" });
    expect(taken.present).toBe(state.present);
    const bad = run(state, {
      type: "addElement",
      element: { code: "O 1", kind: "outcome", title: { en: "x" }, level: null },
      at: { x: 0, y: 0 },
    });
    expect(bad.problem?.code).toBe("codeInvalid");
    const untitled = run(state, {
      type: "addElement",
      element: { code: "O9", kind: "outcome", title: { en: "  " }, level: null },
      at: { x: 0, y: 0 },
    });
    expect(untitled.problem).toEqual({ code: "titleMissing" });
  });

  it("edits an element's title, level and status; a saved element keeps its code", () => {
    const state = run(start(), {
      type: "editElement",
      key: "out",
      changes: { title: { en: "Laws reformed" }, level: "regional", code: "X1" },
    });
    expect(state.present.elements.out?.code).toBe("O1");
    expect(editDocument(state).elementEdits).toEqual([
      { element: "out", changes: { title: { en: "Laws reformed" }, level: "regional" } },
    ]);
  });

  it("removing a node takes it off the canvas but keeps it and its links in the plan", () => {
    const state = run(start(), { type: "removeNodes", keys: ["out"] });
    const save = editDocument(state);
    expect(save.removedNodes).toEqual(["out"]);
    expect(save.deletedElements).toEqual([]);
    expect(save.deletedLinks).toEqual([]);
    expect(state.present.links.l1).toBeDefined();
    // Brought back, it is drawn with its links again.
    const back = run(state, { type: "addExisting", key: "out", at: { x: 1, y: 1 } });
    expect(editDocument(back).removedNodes).toEqual([]);
    expect(run(back, { type: "addExisting", key: "out", at: { x: 1, y: 1 } }).problem).toEqual({
      code: "alreadyOnCanvas",
    });
  });

  it("deleting an element from the plan removes its node and links; the save names only the element", () => {
    const state = run(start(), { type: "deleteElements", keys: ["out"] });
    expect(Object.keys(state.present.links)).toEqual(["l3"]);
    const save = editDocument(state);
    expect(save.deletedElements).toEqual(["out"]);
    expect(save.removedNodes).toEqual([]);
    expect(save.deletedLinks).toEqual([]);
  });
});

describe("links", () => {
  it("adds a causal link with its assumption and evidence, and edits it", () => {
    const added = run(start(), {
      type: "addLink",
      link: {
        kind: "precondition_of",
        from: "act",
        to: "imp",
        rationale: { en: "Needs funding" },
        evidenceStrength: "weak",
        evidenceLinks: [{ url: "https://example.org/report", label: "Report" }],
      },
    });
    const key = added.selectedLinks[0] as string;
    expect(editDocument(added).addedLinks).toEqual([
      {
        key,
        kind: "precondition_of",
        from: "act",
        to: "imp",
        rationale: { en: "Needs funding" },
        evidenceStrength: "weak",
        evidenceLinks: [{ url: "https://example.org/report", label: "Report" }],
      },
    ]);
    const edited = run(start(), {
      type: "editLink",
      key: "l2",
      changes: { rationale: { en: "Reform protects" }, evidenceStrength: "strong" },
    });
    expect(editDocument(edited).linkEdits).toEqual([
      { link: "l2", changes: { rationale: { en: "Reform protects" }, evidenceStrength: "strong" } },
    ]);
  });

  it("refuses a causal link that would close a cycle, naming the path by codes", () => {
    const before = start();
    const state = run(before, {
      type: "addLink",
      link: {
        kind: "contributes_to",
        from: "imp",
        to: "act",
        rationale: null,
        evidenceStrength: null,
        evidenceLinks: null,
      },
    });
    expect(state.problem?.code).toBe("cycle");
    const path = state.problem?.code === "cycle" ? state.problem.path : [];
    expect(path[0]).toBe(path[path.length - 1]);
    expect(new Set(path)).toEqual(new Set(["IMP", "O1.S1.A1", "O1"]));
    expect(state.present).toBe(before.present);
  });

  it("refuses a self-link, a repeated link and a second parent", () => {
    const base = { rationale: null, evidenceStrength: null, evidenceLinks: null };
    const state = start();
    expect(
      run(state, { type: "addLink", link: { kind: "contributes_to", from: "act", to: "act", ...base } })
        .problem,
    ).toEqual({ code: "selfLink" });
    expect(
      run(state, { type: "addLink", link: { kind: "contributes_to", from: "act", to: "out", ...base } })
        .problem,
    ).toEqual({ code: "duplicateLink" });
    expect(
      run(state, { type: "addLink", link: { kind: "part_of", from: "act", to: "out", ...base } }).problem,
    ).toEqual({ code: "secondParent", child: "O1.S1.A1" });
  });

  it("deletes a link from the plan", () => {
    const state = run(start(), { type: "deleteLinks", keys: ["l1"] });
    expect(editDocument(state).deletedLinks).toEqual(["l1"]);
  });
});

describe("copy and paste", () => {
  it("pastes copies of the selected nodes, with the links among them, as new elements with free codes", () => {
    const state = run(
      start(),
      { type: "select", nodes: ["act", "out"], links: [] },
      { type: "copy" },
      { type: "paste" },
    );
    const pasted = state.selectedNodes;
    expect(pasted).toHaveLength(2);
    const [actCopy, outCopy] = pasted.map((key) => state.present.elements[key]);
    expect(actCopy).toMatchObject({ code: "O1.S1.A1.COPY", kind: "activity", title: { en: "Train" } });
    expect(outCopy).toMatchObject({ code: "O1.COPY", kind: "outcome" });
    expect(state.present.nodes[pasted[0] as string]).toEqual({ x: 40, y: 40, pinned: true });
    // The link between the two copied nodes is copied; the one to the impact (not copied) is not.
    const save = editDocument(state);
    expect(save.addedLinks).toMatchObject([
      {
        kind: "contributes_to",
        from: pasted[0],
        to: pasted[1],
        rationale: { en: "Trained advocates are heard" },
      },
    ]);
    // Pasting again finds the next free codes; one undo removes a whole paste.
    const twice = run(state, { type: "paste" });
    expect(twice.selectedNodes.map((key) => twice.present.elements[key]?.code)).toEqual([
      "O1.S1.A1.COPY2",
      "O1.COPY2",
    ]);
    expect(Object.keys(run(twice, { type: "undo" }).present.elements)).toHaveLength(6);
  });

  it("says there is nothing to paste when nothing was copied", () => {
    expect(run(start(), { type: "paste" }).problem).toEqual({ code: "nothingToPaste" });
  });
});

describe("the edit document", () => {
  it("is empty but for the positions when nothing changed", () => {
    expect(editDocument(start())).toEqual({
      baseVersion: 3,
      nodes: [
        { element: "act", x: 0, y: 0, pinned: false },
        { element: "out", x: 200, y: 0, pinned: false },
        { element: "imp", x: 400, y: 0, pinned: false },
      ],
      removedNodes: [],
      newElements: [],
      elementEdits: [],
      deletedElements: [],
      addedLinks: [],
      linkEdits: [],
      deletedLinks: [],
      settings: null,
    });
  });

  it("carries changed settings only", () => {
    const state = run(start(), { type: "settings", changes: { layoutDirection: "DOWN", showOutline: true } });
    expect(editDocument(state).settings).toEqual({ layoutDirection: "DOWN" });
  });

  it("after a save, the server's canvas is the new base: nothing is unsaved and history starts again", () => {
    const edited = run(start(), { type: "moveNodes", moves: [{ key: "act", x: 9, y: 9 }], dragging: false });
    const next = canvas(4);
    next.doc = { ...next.doc, nodes: { ...next.doc.nodes, act: { x: 9, y: 9, pinned: true } } };
    const saved = run(edited, { type: "saved", canvas: next });
    expect(isDirty(saved)).toBe(false);
    expect(saved.baseVersion).toBe(4);
    expect(saved.past).toEqual([]);
  });
});

describe("merging after a conflict", () => {
  it("re-applies my edits on the canvas someone else saved, keeping theirs", () => {
    const mine = run(
      start(),
      { type: "moveNodes", moves: [{ key: "act", x: 11, y: 12 }], dragging: false },
      { type: "editElement", key: "imp", changes: { level: "regional" } },
      {
        type: "addElement",
        element: { code: "N1", kind: "output", title: { en: "Toolkit" }, level: null },
        at: { x: 3, y: 3 },
      },
    );
    const newKey = mine.selectedNodes[0] as string;
    // They moved the outcome, retitled the impact and deleted the link to it, and saved (version 4).
    const theirs = canvas(4);
    const links = { ...theirs.doc.links };
    delete links.l2;
    theirs.doc = {
      ...theirs.doc,
      nodes: { ...theirs.doc.nodes, out: { x: 250, y: 50, pinned: true } },
      elements: {
        ...theirs.doc.elements,
        imp: { ...(theirs.doc.elements.imp as EditorElement), title: { en: "Justice" } },
      },
      links,
    };
    const merged = run(mine, { type: "rebase", canvas: theirs });
    expect(merged.baseVersion).toBe(4);
    expect(merged.present.nodes.act).toEqual({ x: 11, y: 12, pinned: true });
    expect(merged.present.nodes.out).toEqual({ x: 250, y: 50, pinned: true });
    expect(merged.present.elements.imp).toMatchObject({ title: { en: "Justice" }, level: "regional" });
    expect(merged.present.links.l2).toBeUndefined();
    expect(merged.present.elements[newKey]?.code).toBe("N1");
    expect(isDirty(merged)).toBe(true);
    const save = editDocument(merged);
    expect(save.baseVersion).toBe(4);
    expect(save.newElements.map((element) => element.code)).toEqual(["N1"]);
    expect(save.elementEdits).toEqual([{ element: "imp", changes: { level: "regional" } }]);
    expect(save.deletedLinks).toEqual([]);
  });

  it("keeps their value where we both changed the same field, and mine where only I did", () => {
    const mine = run(start(), {
      type: "editElement",
      key: "imp",
      changes: { title: { en: "Mine" }, level: "regional" },
    });
    const theirs = canvas(4);
    theirs.doc = {
      ...theirs.doc,
      elements: {
        ...theirs.doc.elements,
        imp: { ...(theirs.doc.elements.imp as EditorElement), title: { en: "Theirs" } },
      },
    };
    const merged = run(mine, { type: "rebase", canvas: theirs });
    expect(merged.present.elements.imp).toMatchObject({ title: { en: "Theirs" }, level: "regional" });
    expect(editDocument(merged).elementEdits).toEqual([{ element: "imp", changes: { level: "regional" } }]);
  });

  it("drops my edits to what they deleted, and a link of mine that their links would make a cycle", () => {
    const mine = run(
      start(),
      { type: "editElement", key: "out", changes: { title: { en: "Mine" } } },
      {
        type: "addLink",
        link: {
          kind: "contributes_to",
          from: "imp",
          to: "str",
          rationale: null,
          evidenceStrength: null,
          evidenceLinks: null,
        },
      },
    );
    const theirs = canvas(5);
    const { out: _out, ...elements } = theirs.doc.elements;
    const { out: _node, ...nodes } = theirs.doc.nodes;
    theirs.doc = {
      ...theirs.doc,
      elements,
      nodes,
      links: {
        l3: theirs.doc.links.l3 as never,
        t1: {
          key: "t1",
          kind: "contributes_to",
          from: "str",
          to: "imp",
          rationale: null,
          evidenceStrength: null,
          evidenceLinks: null,
        },
      },
    };
    const merged = run(mine, { type: "rebase", canvas: theirs });
    expect(merged.present.elements.out).toBeUndefined();
    expect(editDocument(merged).addedLinks).toEqual([]);
    expect(isDirty(merged)).toBe(false);
  });

  it("lists each of my changes that gave way to theirs, and none of those it kept", () => {
    const mine = run(
      start(),
      // Kept: a move of a node they left where it was, a field only I changed.
      { type: "moveNodes", moves: [{ key: "act", x: 11, y: 12 }], dragging: false },
      { type: "editElement", key: "imp", changes: { level: "regional" } },
      // Gave way: a node we both moved, a title we both changed, an assumption we both changed, a setting.
      { type: "moveNodes", moves: [{ key: "out", x: 210, y: 20 }], dragging: false },
      { type: "editElement", key: "out", changes: { title: { en: "Mine" } } },
      { type: "editLink", key: "l1", changes: { rationale: { en: "My assumption" } } },
      { type: "settings", changes: { layoutDirection: "DOWN" } },
      // Gave way: a new element whose code they took, and the same change as theirs (nothing lost: not listed).
      {
        type: "addElement",
        element: { code: "N1", kind: "output", title: { en: "Mine" }, level: null },
        at: { x: 3, y: 3 },
      },
      { type: "editElement", key: "act", changes: { status: "completed" } },
    );
    const theirs = canvas(4);
    const l1 = theirs.doc.links.l1 as EditorLink;
    theirs.doc = {
      ...theirs.doc,
      elements: {
        ...theirs.doc.elements,
        out: { ...(theirs.doc.elements.out as EditorElement), title: { en: "Theirs" } },
        act: { ...(theirs.doc.elements.act as EditorElement), status: "completed" },
        n9: {
          key: "n9",
          code: "N1",
          kind: "output",
          level: null,
          title: { en: "Theirs" },
          status: "planned",
        },
      },
      nodes: { ...theirs.doc.nodes, out: { x: 250, y: 50, pinned: true } },
      links: { ...theirs.doc.links, l1: { ...l1, rationale: { en: "Their assumption" } } },
      settings: { ...theirs.doc.settings, layoutDirection: "UP" },
    };
    const { doc, gaveWay } = mergeEdits(mine.base, mine.present, theirs.doc);
    expect(gaveWay).toEqual(
      expect.arrayContaining([
        { what: "codeTaken", code: "N1", now: "N1.COPY" },
        { what: "elementField", code: "O1", field: "title" },
        { what: "move", code: "O1" },
        { what: "linkField", from: "O1.S1.A1", to: "O1", field: "rationale" },
        { what: "setting", field: "layoutDirection" },
      ]),
    );
    expect(gaveWay).toHaveLength(5);
    // What gave way is theirs in the merged canvas; what did not is mine.
    expect(doc.nodes.out).toEqual({ x: 250, y: 50, pinned: true });
    expect(doc.nodes.act).toEqual({ x: 11, y: 12, pinned: true });
    expect(doc.elements.out?.title).toEqual({ en: "Theirs" });
    expect(doc.elements.imp?.level).toBe("regional");
    expect(doc.links.l1?.rationale).toEqual({ en: "Their assumption" });
    expect(doc.settings.layoutDirection).toBe("UP");
  });

  it("names my changes to what they deleted, and my link their links refuse", () => {
    const mine = run(
      start(),
      { type: "editElement", key: "out", changes: { title: { en: "Mine" } } },
      { type: "editLink", key: "l2", changes: { evidenceStrength: "strong" } },
      {
        type: "addLink",
        link: {
          kind: "contributes_to",
          from: "imp",
          to: "str",
          rationale: null,
          evidenceStrength: null,
          evidenceLinks: null,
        },
      },
    );
    const theirs = canvas(5);
    const { out: _out, ...elements } = theirs.doc.elements;
    const { out: _node, ...nodes } = theirs.doc.nodes;
    theirs.doc = {
      ...theirs.doc,
      elements,
      nodes,
      links: {
        l3: theirs.doc.links.l3 as EditorLink,
        t1: {
          key: "t1",
          kind: "contributes_to",
          from: "str",
          to: "imp",
          rationale: null,
          evidenceStrength: null,
          evidenceLinks: null,
        },
      },
    };
    const { gaveWay } = mergeEdits(mine.base, mine.present, theirs.doc);
    // The link O1 → IMP went with O1, so it is not listed on its own.
    expect(gaveWay).toEqual([
      { what: "elementDeleted", code: "O1" },
      { what: "linkDropped", from: "IMP", to: "O1.S1" },
    ]);
  });

  it("lists nothing when their changes and mine touch different things", () => {
    const mine = run(start(), { type: "moveNodes", moves: [{ key: "act", x: 5, y: 5 }], dragging: false });
    const theirs = canvas(4);
    theirs.doc = { ...theirs.doc, nodes: { ...theirs.doc.nodes, imp: { x: 1, y: 1, pinned: true } } };
    expect(mergeEdits(mine.base, mine.present, theirs.doc).gaveWay).toEqual([]);
  });
});
