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
