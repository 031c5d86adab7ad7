import { describe, expect, it } from "vitest";
import {
  type CanvasEdit,
  type CanvasSnapshot,
  type Dependants,
  isEmptySave,
  planCanvasSave,
  readCanvasEdit,
  type SnapshotElement,
  type SnapshotLink,
} from "./edit";

const element = (
  id: string,
  code: string,
  kind: SnapshotElement["kind"],
  cited = false,
): SnapshotElement => ({
  id,
  code,
  kind,
  title: { en: `Element ${code}` },
  level: null,
  status: "planned",
  cited,
});
const link = (id: string, kind: SnapshotLink["kind"], from: string, to: string): SnapshotLink => ({
  id,
  kind,
  from,
  to,
  rationale: null,
  evidenceStrength: null,
  evidenceLinks: null,
});

/** O1 ← O1.S1 ← O1.S1.A1 (outline); A1 → O1 → IM1 (causal). IM1 and the cited R1 are off the canvas. */
function snapshot(dependants: Record<string, Partial<Dependants>> = {}): CanvasSnapshot {
  const elements = [
    element("o1", "O1", "objective"),
    element("s1", "O1.S1", "strategy"),
    element("a1", "O1.S1.A1", "activity"),
    element("im", "IM1", "impact"),
    element("r1", "R1", "outcome", true),
  ];
  const links = [
    link("l1", "part_of", "s1", "o1"),
    link("l2", "part_of", "a1", "s1"),
    link("l3", "contributes_to", "a1", "o1"),
    link("l4", "contributes_to", "o1", "im"),
  ];
  return {
    elements: new Map(elements.map((e) => [e.id, e])),
    links: new Map(links.map((l) => [l.id, l])),
    nodes: new Map([
      ["o1", { x: 0, y: 0, pinned: false }],
      ["s1", { x: 320, y: 0, pinned: false }],
      ["a1", { x: 640, y: 0, pinned: true }],
    ]),
    settings: {
      title: { en: "Objective 1" },
      description: null,
      showOutline: true,
      layoutDirection: "RIGHT",
      draft: false,
    },
    dependants: new Map(
      Object.entries(dependants).map(([id, rest]) => [
        id,
        { indicators: 0, entries: 0, funders: 0, assignees: 0, focusOf: [], ...rest },
      ]),
    ),
  };
}

function edit(changes: Partial<CanvasEdit>): CanvasEdit {
  const read = readCanvasEdit({ baseVersion: 1, ...changes });
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.edit;
}

const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};

const causal = (key: string, from: string, to: string) => ({
  key,
  kind: "contributes_to" as const,
  from,
  to,
  rationale: { en: "Because." },
  evidenceStrength: "moderate" as const,
  evidenceLinks: null,
});

function problemsOf(changes: Partial<CanvasEdit>, dependants?: Record<string, Partial<Dependants>>) {
  const result = planCanvasSave(snapshot(dependants), edit(changes), ids());
  return result.ok ? [] : result.problems;
}

describe("reading an edit document", () => {
  it("names the field and item of bad input: empty title, malformed address, position out of range, unknown field", () => {
    const read = readCanvasEdit({
      baseVersion: 3,
      nodes: [{ element: "o1", x: 1e12, y: 0, pinned: false }],
      newElements: [
        {
          key: "new:1",
          code: "O1.S2",
          kind: "strategy",
          level: null,
          title: { en: "  " },
          status: "planned",
        },
      ],
      addedLinks: [{ ...causal("new:2", "a1", "im"), evidenceLinks: [{ url: "ftp://files.example.org/x" }] }],
      settings: { colour: "red" },
    });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toEqual([
      { path: "$.nodes[0].x", key: "toc.problem.position" },
      { path: "$.newElements[0].title.en", key: "toc.problem.empty" },
      { path: "$.addedLinks[0].evidenceLinks[0].url", key: "toc.problem.url" },
      { path: "$.settings", key: "toc.problem.unknownField", values: { fields: "colour" } },
    ]);
  });

  it("refuses what is not a number where a position goes, and a version that is not a positive integer", () => {
    const read = readCanvasEdit({
      baseVersion: 0,
      nodes: [{ element: "o1", x: "12", y: null, pinned: false }],
    });
    expect(read.ok ? [] : read.problems.map((problem) => [problem.path, problem.key])).toEqual([
      ["$.baseVersion", "toc.problem.invalid"],
      ["$.nodes[0].x", "toc.problem.position"],
      ["$.nodes[0].y", "toc.problem.position"],
    ]);
  });
});

describe("causal links stay acyclic", () => {
  it("refuses a link that closes a cycle, with the path it would close, in order", () => {
    expect(problemsOf({ addedLinks: [causal("new:1", "im", "a1")] })).toEqual([
      {
        path: "$.addedLinks[0]",
        key: "toc.problem.cycle",
        values: { path: "IM1 → O1.S1.A1 → O1 → IM1" },
        cycle: ["IM1", "O1.S1.A1", "O1", "IM1"],
      },
    ]);
  });

  it("of two opposite links in one save, accepts the first and refuses the second", () => {
    const problems = problemsOf({ addedLinks: [causal("new:1", "s1", "r1"), causal("new:2", "r1", "s1")] });
    expect(problems).toEqual([
      expect.objectContaining({ path: "$.addedLinks[1]", cycle: ["R1", "O1.S1", "R1"] }),
    ]);
  });

  it("accepts a link whose cycle is broken by a link deleted in the same save", () => {
    const result = planCanvasSave(
      snapshot(),
      edit({ deletedLinks: ["l4"], addedLinks: [causal("new:1", "im", "a1")] }),
      ids(),
    );
    expect(result.ok).toBe(true);
  });

  it("refuses a self-link and a link that already exists", () => {
    expect(
      problemsOf({ addedLinks: [causal("new:1", "o1", "o1"), causal("new:2", "a1", "o1")] }).map(
        (p) => p.key,
      ),
    ).toEqual(["toc.problem.selfLink", "toc.problem.duplicateLink"]);
  });
});

describe("the outline stays a tree", () => {
  const partOf = (key: string, from: string, to: string) => ({
    key,
    kind: "part_of" as const,
    from,
    to,
    rationale: null,
    evidenceStrength: null,
    evidenceLinks: null,
  });

  it("refuses a second parent and a circle, and an assumption on a part_of link", () => {
    expect(
      problemsOf({
        addedLinks: [
          partOf("new:1", "a1", "o1"),
          partOf("new:2", "o1", "a1"),
          { ...partOf("new:3", "im", "r1"), rationale: { en: "Why" } },
        ],
      }),
    ).toEqual([
      {
        path: "$.addedLinks[0].from",
        key: "toc.problem.secondParent",
        values: { code: "O1.S1.A1", parent: "O1.S1" },
      },
      {
        path: "$.addedLinks[1]",
        key: "toc.problem.outlineCycle",
        values: { path: "O1 → O1.S1.A1 → O1.S1 → O1" },
        cycle: ["O1", "O1.S1.A1", "O1.S1", "O1"],
      },
      { path: "$.addedLinks[2]", key: "toc.problem.outlineLinkValues" },
    ]);
  });

  it("lets an element move to another parent when its old part_of link is deleted in the same save", () => {
    const result = planCanvasSave(
      snapshot(),
      edit({ deletedLinks: ["l2"], addedLinks: [partOf("new:1", "a1", "o1")] }),
      ids(),
    );
    expect(result.ok).toBe(true);
  });
});

describe("new elements", () => {
  const strategy = {
    key: "new:1",
    code: "O1.S2",
    kind: "strategy" as const,
    level: "regional" as const,
    title: { en: "Regional advocacy" },
    status: "planned" as const,
  };

  it("exist in the plan once saved, with their part_of link and their place, under ids the save gives", () => {
    const result = planCanvasSave(
      snapshot(),
      edit({
        newElements: [strategy],
        nodes: [{ element: "new:1", x: 10, y: 20, pinned: true }],
        addedLinks: [
          { ...causal("new:2", "new:1", "o1"), rationale: null },
          {
            key: "new:3",
            kind: "part_of",
            from: "new:1",
            to: "o1",
            rationale: null,
            evidenceStrength: null,
            evidenceLinks: null,
          },
        ],
      }),
      ids(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.writes.created).toEqual({ "new:1": "id-1", "new:2": "id-2", "new:3": "id-3" });
    const { key: _key, ...row } = strategy;
    expect(result.writes.insertElements).toEqual([{ id: "id-1", ...row }]);
    expect(result.writes.upsertNodes).toEqual([{ elementId: "id-1", x: 10, y: 20, pinned: true }]);
    expect(result.writes.summary).toMatchObject({
      nodes: { placed: ["O1.S2"], moved: 0 },
      elements: { created: ["O1.S2"] },
      links: { added: ["contributes_to O1.S2 → O1", "part_of O1.S2 → O1"] },
    });
  });

  it("need a free code (ignoring case) and a place on the canvas", () => {
    expect(
      problemsOf({
        newElements: [
          { ...strategy, code: "o1.s1" },
          { ...strategy, key: "new:2", code: "O1.S3" },
        ],
      }),
    ).toEqual([
      { path: "$.newElements[0].code", key: "toc.problem.codeTaken", values: { code: "o1.s1" } },
      { path: "$.newElements[1]", key: "toc.problem.notPlaced", values: { code: "O1.S3" } },
    ]);
  });
});

describe("references and deletions", () => {
  it("refuses keys that name nothing in the plan, and a node both placed and removed", () => {
    expect(
      problemsOf({
        nodes: [
          { element: "nope", x: 0, y: 0, pinned: false },
          { element: "s1", x: 1, y: 1, pinned: false },
        ],
        removedNodes: ["s1", "im"],
        linkEdits: [{ link: "l9", changes: { rationale: null } }],
      }),
    ).toEqual([
      { path: "$.removedNodes[1]", key: "toc.problem.notOnCanvas", values: { code: "IM1" } },
      { path: "$.nodes[0].element", key: "toc.problem.unknownElement", values: { key: "nope" } },
      { path: "$.nodes[1].element", key: "toc.problem.placedAndRemoved", values: { code: "O1.S1" } },
      { path: "$.linkEdits[0].link", key: "toc.problem.unknownLink", values: { key: "l9" } },
    ]);
  });

  it("deletes only what nothing rests on: not a cited element, a measured one, or one with parts left", () => {
    expect(problemsOf({ deletedElements: ["r1", "a1", "s1"] }, { a1: { indicators: 2 }, s1: {} })).toEqual([
      { path: "$.deletedElements[0]", key: "toc.problem.deleteCited", values: { code: "R1" } },
      { path: "$.deletedElements[1]", key: "toc.problem.deleteMeasured", values: { code: "O1.S1.A1" } },
    ]);
    expect(problemsOf({ deletedElements: ["s1"] }, { s1: {} })).toEqual([
      {
        path: "$.deletedElements[0]",
        key: "toc.problem.deleteHasParts",
        values: { code: "O1.S1", parts: "O1.S1.A1" },
      },
    ]);
  });

  it("deleting an element takes its links with it, and later parts of the edit may not name it", () => {
    const result = planCanvasSave(
      snapshot({ a1: {} }),
      edit({ deletedElements: ["a1"], deletedLinks: ["l3"] }),
      ids(),
    );
    expect(result.ok && result.writes.deleteElements).toEqual(["a1"]);
    expect(result.ok && result.writes.deleteLinks).toEqual([]);
    expect(
      problemsOf({ deletedElements: ["a1"], addedLinks: [causal("new:1", "a1", "im")] }, { a1: {} }),
    ).toEqual([
      { path: "$.addedLinks[0].from", key: "toc.problem.elementDeleted", values: { code: "O1.S1.A1" } },
    ]);
  });
});

describe("what a save writes", () => {
  it("writes nothing for an edit that changes nothing (same positions, same values)", () => {
    const result = planCanvasSave(
      snapshot(),
      edit({
        nodes: [
          { element: "o1", x: 0, y: 0, pinned: false },
          { element: "a1", x: 640, y: 0, pinned: true },
        ],
        elementEdits: [{ element: "o1", changes: { title: { en: "Element O1" } } }],
        settings: { title: { en: "Objective 1" } },
      }),
      ids(),
    );
    expect(result.ok && isEmptySave(result.writes)).toBe(true);
  });

  it("writes only moved nodes, changed values and changed settings, and names other canvases' concerns", () => {
    const result = planCanvasSave(
      snapshot(),
      edit({
        nodes: [
          { element: "o1", x: 0, y: 0, pinned: false },
          { element: "s1", x: 300, y: 40, pinned: true },
          { element: "im", x: -300, y: 0, pinned: false },
        ],
        elementEdits: [{ element: "o1", changes: { level: "global", status: "active" } }],
        linkEdits: [
          {
            link: "l3",
            changes: {
              evidenceStrength: "strong",
              evidenceLinks: [{ label: "Report", url: "https://x.org/r" }],
            },
          },
        ],
        settings: { layoutDirection: "DOWN", showOutline: true },
      }),
      ids(),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.writes.upsertNodes.map((node) => node.elementId)).toEqual(["s1", "im"]);
    expect(result.writes.updateElements).toEqual([
      { id: "o1", values: { level: "global", status: "active" } },
    ]);
    expect(result.writes.updateLinks).toEqual([
      {
        id: "l3",
        values: { evidenceStrength: "strong", evidenceLinks: [{ url: "https://x.org/r", label: "Report" }] },
      },
    ]);
    expect(result.writes.settings).toEqual({ layoutDirection: "DOWN" });
    expect(result.writes.touched).toEqual({ elements: ["o1"], links: [["a1", "o1"]] });
    expect(result.writes.summary).toMatchObject({
      nodes: { placed: ["IM1"], moved: 1 },
      settings: ["layoutDirection"],
    });
  });
});
