import { describe, expect, it } from "vitest";
import type { PlanGraph } from "./format";
import { invalidJsonOffset } from "./json-position";
import { parseImportFile, parseJsonText, parsePlanGraph } from "./validate";

function graph(overrides: Partial<PlanGraph> = {}): PlanGraph {
  return {
    format: "throughline/plan-graph",
    version: 1,
    sources: [{ id: "doc", title: { en: "A document" }, language: "en" }],
    plan: {
      slug: "2020-2022",
      title: { en: "Plan" },
      startDate: "2020-01-01",
      endDate: "2022-12-31",
      status: "active",
      previousPlan: null,
      reconstructed: false,
      citation: null,
    },
    elements: ["O1", "O1.S1", "O1.S1.A1", "O2"].map((code) => ({
      code,
      kind: code.includes(".A") ? "activity" : code.includes(".S") ? "strategy" : "objective",
      title: { en: `Element ${code}` },
      description: null,
      status: "planned",
      resourcesRequired: null,
      reconstructed: false,
      citation: null,
    })),
    links: [
      { kind: "part_of", from: "O1.S1", to: "O1", rationale: null, evidenceStrength: null, citation: null },
      {
        kind: "part_of",
        from: "O1.S1.A1",
        to: "O1.S1",
        rationale: null,
        evidenceStrength: null,
        citation: null,
      },
    ],
    ...overrides,
  };
}

const link = (kind: PlanGraph["links"][number]["kind"], from: string, to: string) => ({
  kind,
  from,
  to,
  rationale: null,
  evidenceStrength: null,
  citation: null,
});

function problemsOf(input: unknown) {
  const result = parsePlanGraph(input);
  return result.ok ? [] : result.problems;
}

describe("parsePlanGraph", () => {
  it("accepts a well-formed plan graph", () => {
    expect(parsePlanGraph(graph()).ok).toBe(true);
  });

  it("names the field of a shape error: unknown field, missing English title, bad date, end before start", () => {
    const input = graph();
    (input.elements[0] as Record<string, unknown>).colour = "red";
    (input.elements[1] as { title: unknown }).title = { fr: "Seulement en français" };
    (input.plan as { startDate: string }).startDate = "2020-13-01";
    expect(problemsOf(input).map((problem) => problem.path)).toEqual(
      expect.arrayContaining(["$.elements[0]", "$.elements[1].title.en", "$.plan.startDate"]),
    );
    const reversed = graph();
    reversed.plan.endDate = "2019-01-01";
    expect(problemsOf(reversed)).toEqual([
      { path: "$.plan.endDate", message: "must not be before startDate" },
    ]);
  });

  it("refuses a second parent in the outline", () => {
    const input = graph({ links: [...graph().links, link("part_of", "O1.S1", "O2")] });
    expect(problemsOf(input)).toEqual([
      {
        path: "$.links[2].from",
        message: '"O1.S1" is already part of "O1" ($.links[0]); the outline is a tree',
      },
    ]);
  });

  it("refuses a cycle among causal links, naming the path it closes", () => {
    const input = graph({
      links: [...graph().links, link("contributes_to", "O1", "O2"), link("precondition_of", "O2", "O1")],
    });
    expect(problemsOf(input)).toEqual([
      { path: "$.links", message: "causal links form a cycle: O1 → O2 → O1" },
    ]);
  });

  it("refuses self-links, repeated links and citations of unlisted sources", () => {
    const input = graph({
      links: [...graph().links, link("contributes_to", "O2", "O2"), link("part_of", "O1.S1", "O1")],
    });
    input.elements[0] = {
      ...(input.elements[0] as PlanGraph["elements"][number]),
      citation: { source: "other", section: "§1" },
    };
    expect(problemsOf(input)).toEqual(
      expect.arrayContaining([
        { path: "$.links[2]", message: 'links "O2" to itself' },
        { path: "$.links[3]", message: "repeats $.links[0] (part_of O1.S1 → O1)" },
        { path: "$.elements[0].citation.source", message: '"other" is not one of the file\'s sources' },
      ]),
    );
  });

  it("requires a reconstructed element to cite its passage, and a plan not to follow itself", () => {
    const input = graph();
    (input.elements[3] as { reconstructed: boolean }).reconstructed = true;
    input.plan.previousPlan = "2020-2022";
    expect(problemsOf(input)).toEqual([
      { path: "$.plan.previousPlan", message: "a plan cannot follow itself" },
      {
        path: "$.elements[3].citation",
        message: "a reconstructed element must cite the passage it was reconstructed from",
      },
    ]);
  });

  it("refuses an unknown format version", () => {
    expect(problemsOf({ ...graph(), version: 2 }).map((problem) => problem.path)).toEqual(["$.version"]);
  });
});

describe("theory-of-change fields: level, evidence links, canvases", () => {
  const canvas = (overrides: Partial<NonNullable<PlanGraph["canvases"]>[number]> = {}) => ({
    slug: "whole-plan",
    title: { en: "The whole plan" },
    focus: null,
    draft: true,
    showOutline: true,
    layoutDirection: "RIGHT" as const,
    citation: null,
    nodes: [
      { element: "O1", x: 0, y: 0, pinned: false },
      { element: "O2", x: 320, y: -120.5, pinned: true },
    ],
    ...overrides,
  });

  it("accepts them, and files without them stay valid", () => {
    const input = graph({ canvases: [canvas()] });
    (input.elements[0] as { level?: string }).level = "global";
    input.links.push({
      ...link("contributes_to", "O1.S1.A1", "O2"),
      evidenceLinks: [{ url: "https://www.nswp.org/resource", label: "Annual report" }],
    });
    expect(parsePlanGraph(input).ok).toBe(true);
    expect(parsePlanGraph(graph()).ok).toBe(true);
  });

  it("names the place of a bad level, evidence link, position or layout direction", () => {
    const input = graph({
      canvases: [
        canvas({
          layoutDirection: "SIDEWAYS" as "RIGHT",
          nodes: [
            { element: "O1", x: 1e7, y: 0, pinned: false },
            { element: "O2", x: 0, y: Number.POSITIVE_INFINITY, pinned: false },
          ],
        }),
      ],
    });
    (input.elements[0] as { level?: string }).level = "continental";
    input.links.push({
      ...link("contributes_to", "O1", "O2"),
      evidenceLinks: [{ url: "javascript:alert(1)" }, { url: "https://example.org", label: "" }],
    });
    expect(problemsOf(input)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "$.elements[0].level" }),
        { path: "$.links[2].evidenceLinks[0].url", message: "must be an http:// or https:// address" },
        { path: "$.links[2].evidenceLinks[1].label", message: "must not be empty" },
        { path: "$.canvases[0].layoutDirection", message: expect.any(String) },
        { path: "$.canvases[0].nodes[0].x", message: "must be between -10,000,000 and 10,000,000" },
        { path: "$.canvases[0].nodes[1].y", message: expect.any(String) },
      ]),
    );
  });

  it("refuses nodes and a focus naming no element of the file, an element placed twice, a repeated slug", () => {
    const input = graph({
      canvases: [
        canvas({
          focus: "O9",
          nodes: [
            { element: "O1", x: 0, y: 0, pinned: false },
            { element: "O1.S7", x: 0, y: 0, pinned: false },
            { element: "O1", x: 10, y: 10, pinned: true },
          ],
        }),
        canvas({ citation: { source: "elsewhere", section: "§2" } }),
      ],
    });
    expect(problemsOf(input)).toEqual([
      { path: "$.canvases[1].citation.source", message: '"elsewhere" is not one of the file\'s sources' },
      { path: "$.canvases[1].slug", message: '"whole-plan" is already used by $.canvases[0]' },
      { path: "$.canvases[0].focus", message: 'no element has the code "O9"' },
      { path: "$.canvases[0].nodes[1].element", message: 'no element has the code "O1.S7"' },
      {
        path: "$.canvases[0].nodes[2].element",
        message: '"O1" is already placed by $.canvases[0].nodes[0]; an element appears once per canvas',
      },
    ]);
  });

  it("keeps evidence links to causal links", () => {
    const input = graph();
    input.links[0] = {
      ...(input.links[0] as PlanGraph["links"][number]),
      evidenceLinks: [{ url: "https://a.org" }],
    };
    expect(problemsOf(input)).toEqual([
      {
        path: "$.links[0].evidenceLinks",
        message: "only causal links (contributes_to, precondition_of) carry evidence links",
      },
    ]);
  });
});

describe("parseJsonText and parseImportFile", () => {
  it("reports a syntax error with its line and column", () => {
    const result = parseJsonText('{\n  "a": 1,\n  "b": tru\n}');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/^invalid JSON at line 3, column \d+/);
  });

  it("chooses the document type from its format field", () => {
    const plan = parseImportFile(JSON.stringify(graph()));
    expect(plan.ok && plan.value.format).toBe("throughline/plan-graph");
    const organisation = parseImportFile(
      JSON.stringify({
        format: "throughline/organisation",
        version: 1,
        organisation: { name: { en: "Network" }, shortName: "NET", foundedYear: null, citation: null },
        sources: [],
        referenceLists: {
          region: [
            { code: "africa", label: { en: "Africa" }, note: null, citation: null },
            { code: "africa", label: { en: "Africa again" }, note: null, citation: null },
          ],
        },
      }),
    );
    expect(organisation).toEqual({
      ok: false,
      problems: [
        {
          path: "$.referenceLists.region[1].code",
          message: '"africa" is already used by $.referenceLists.region[0]',
        },
      ],
    });
  });
});

describe("invalidJsonOffset", () => {
  it("agrees with JSON.parse on what is valid, and points at the first bad character", () => {
    for (const valid of ['{"a":[1,-2.5e3,true,false,null,"x\\u00e9\\n"]}', "[]", " {} ", '"s"']) {
      expect(invalidJsonOffset(valid), valid).toBeUndefined();
    }
    expect(invalidJsonOffset('{"a": tru}')).toBe(9);
    expect(invalidJsonOffset('{"a": 1,}')).toBe(8);
    expect(invalidJsonOffset('{"a": 1} x')).toBe(9);
    expect(invalidJsonOffset('{"a": 01}')).toBe(7);
    expect(invalidJsonOffset('{"a": "b')).toBe(8);
  });
});
