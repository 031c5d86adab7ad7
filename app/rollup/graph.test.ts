import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { combineInputs, type RollUpInput } from "./graph";
import type { RollUpEntry, RollUpIndicator } from "./indicator";
import { type RollUpData, type RollUpElement, type RollUpLink, rollUp } from "./rollup";
import { bandOf, defaultRollUpRules } from "./rules";

// Indicators whose score is simply their value: levels from 0 towards a target of 100 at the end of 2023-Q2,
// judged on 2023-06-30. `no_data`: Q1 (target 50) is overdue and nothing came; `not_yet_due`: an annual indicator
// whose first year is still running; `noTarget`: no target at all.
const plan = { startDate: "2023-01-01", endDate: "2024-12-31" };
const asOf = "2023-06-30";
type Kind = number | "no_data" | "not_yet_due" | "noTarget";

function indicatorOf(id: string, elementIds: string[], kind: Kind, weight?: number) {
  const indicator: RollUpIndicator = {
    id,
    measure: "number",
    scaleLevels: null,
    direction: "increase",
    tolerance: null,
    aggregation: "latest",
    frequency: kind === "not_yet_due" ? "annual" : "quarterly",
    baselineValue: 0,
    targets:
      kind === "noTarget"
        ? []
        : kind === "not_yet_due"
          ? [{ periodKey: "2023", value: 100 }]
          : [
              { periodKey: "2023-Q1", value: 50 },
              { periodKey: "2023-Q2", value: 100 },
            ],
    elementIds,
    ...(weight === undefined ? {} : { weight }),
  };
  const entries: RollUpEntry[] =
    typeof kind === "number"
      ? [
          {
            indicatorId: id,
            periodKey: "2023-Q2",
            value: kind,
            order: 0,
            status: "approved",
            submittedOn: null,
            decidedOn: null,
          },
        ]
      : [];
  return { indicator, entries };
}

function data(
  elements: (RollUpElement | string)[],
  links: [RollUpLink["kind"], string, string][],
  indicators: [string, string[], Kind, number?][],
): RollUpData {
  const built = indicators.map(([id, on, kind, weight]) => indicatorOf(id, on, kind, weight));
  return {
    plan,
    elements: elements.map((element) =>
      typeof element === "string" ? { id: element, status: "active" } : element,
    ),
    links: links.map(([kind, fromId, toId]) => ({ kind, fromId, toId })),
    indicators: built.map((b) => b.indicator),
    entries: built.flatMap((b) => b.entries),
  };
}
const elementOf = (result: ReturnType<typeof rollUp>, id: string) =>
  result.elements.find((element) => element.elementId === id);

describe("G1–G2: weights, and N/A ignored", () => {
  const base = data(
    ["O1", { id: "S1", status: "active", weight: 2 }, "S2"],
    [
      ["part_of", "S1", "O1"],
      ["part_of", "S2", "O1"],
    ],
    [
      ["A", ["S1"], 100],
      ["B", ["S2"], 70],
    ],
  );

  it("G1: O1 = (2 × 100 + 1 × 70) / 3 = 90: behind", () => {
    const result = rollUp(base, { asOf });
    expect(elementOf(result, "S1")).toMatchObject({ status: "on_track", score: 100 });
    expect(elementOf(result, "S2")).toMatchObject({ status: "at_risk", score: 70 });
    expect(elementOf(result, "O1")).toMatchObject({
      status: "behind",
      score: 90,
      judgedWeight: 3,
      totalWeight: 3,
    });
  });

  it("G2: children with no data, not yet due, not measured or dropped are listed but leave O1 at 90", () => {
    const withNa = data(
      [
        "O1",
        { id: "S1", status: "active", weight: 2 },
        "S2",
        "S3",
        "S4",
        "S5",
        { id: "S6", status: "dropped" },
      ],
      [
        ["part_of", "S1", "O1"],
        ["part_of", "S2", "O1"],
        ["part_of", "S3", "O1"],
        ["part_of", "S4", "O1"],
        ["part_of", "S5", "O1"],
        ["part_of", "S6", "O1"],
      ],
      [
        ["A", ["S1"], 100],
        ["B", ["S2"], 70],
        ["C", ["S3"], "no_data"],
        ["D", ["S4"], "not_yet_due"],
        ["E", ["S6"], 0],
      ],
    );
    const result = rollUp(withNa, { asOf });
    const o1 = elementOf(result, "O1");
    expect(o1).toMatchObject({ status: "behind", score: 90, judgedWeight: 3, totalWeight: 7 });
    expect(o1?.inputs.map((input) => [input.id, input.status])).toEqual([
      ["S1", "on_track"],
      ["S2", "at_risk"],
      ["S3", "no_data"],
      ["S4", "not_yet_due"],
      ["S5", "not_applicable"],
      ["S6", "not_applicable"],
    ]);
    expect(elementOf(result, "S5")).toMatchObject({ reason: "notMeasured" });
    expect(elementOf(result, "S6")).toMatchObject({ reason: "dropped", score: null });
    // The dropped element's indicator is still assessed: it just reaches nothing.
    expect(result.indicators.find((i) => i.indicatorId === "E")?.status).toBe("at_risk");
  });

  it("G2b: with nothing judged, no data outranks not yet due, which outranks not applicable", () => {
    const inputs = (...statuses: RollUpInput["status"][]): RollUpInput[] =>
      statuses.map((status, i) => ({ kind: "element", id: `X${i}`, weight: 1, status, score: null }));
    expect(combineInputs(inputs("not_applicable", "not_yet_due", "no_data"), defaultRollUpRules).status).toBe(
      "no_data",
    );
    expect(combineInputs(inputs("not_applicable", "not_yet_due"), defaultRollUpRules).status).toBe(
      "not_yet_due",
    );
    expect(combineInputs(inputs("not_applicable"), defaultRollUpRules)).toMatchObject({
      status: "not_applicable",
      reason: "notMeasured",
    });
    expect(combineInputs([], defaultRollUpRules)).toMatchObject({
      status: "not_applicable",
      reason: "notMeasured",
    });
  });
});

describe("G3–G4: outline and causal links together, no double counting", () => {
  it("G3: a shortcut link and an indicator measuring two levels count once, at the lowest", () => {
    // OP (an output) contributes to OC (an outcome); activity A1 is part of OP and also contributes to OC directly;
    // indicator R measures both OP and OC; X is linked to OC both as a part and as a contribution.
    const result = rollUp(
      data(
        ["OC", "OP", "A1", "X"],
        [
          ["contributes_to", "OP", "OC"],
          ["part_of", "A1", "OP"],
          ["contributes_to", "A1", "OC"],
          ["part_of", "X", "OC"],
          ["contributes_to", "X", "OC"],
          ["precondition_of", "A1", "X"],
        ],
        [
          ["P", ["OP"], 80],
          ["Q", ["A1"], 100],
          ["R", ["OC", "OP"], 50],
          ["S", ["X"], 100],
        ],
      ),
      { asOf },
    );
    const op = elementOf(result, "OP");
    expect(op?.inputs.map((input) => input.id)).toEqual(["P", "R", "A1"]);
    expect(op?.score).toBeCloseTo(230 / 3, 10);
    const oc = elementOf(result, "OC");
    expect(oc?.inputs.map((input) => input.id)).toEqual(["OP", "X"]);
    expect(oc?.score).toBeCloseTo((230 / 3 + 100) / 2, 10);
    expect(oc?.status).toBe("behind");
    expect(result.plan.inputs.map((input) => input.id)).toEqual(["OC"]);
  });

  it("G4: a causal link that would close a cycle with the outline is ignored and reported", () => {
    const result = rollUp(
      data(
        ["A", "B"],
        [
          ["part_of", "B", "A"],
          ["contributes_to", "A", "B"],
        ],
        [["I", ["B"], 100]],
      ),
      { asOf },
    );
    expect(result.ignoredLinks).toEqual([{ kind: "contributes_to", fromId: "A", toId: "B" }]);
    expect(elementOf(result, "A")).toMatchObject({ status: "on_track", score: 100 });
    expect(result.plan.inputs.map((input) => input.id)).toEqual(["A"]);
  });

  it("G5: nothing rolls up through a dropped element; a child's other links still count", () => {
    const result = rollUp(
      data(
        ["O1", { id: "S1", status: "dropped" }, "A1", "OC"],
        [
          ["part_of", "S1", "O1"],
          ["part_of", "A1", "S1"],
          ["contributes_to", "A1", "OC"],
        ],
        [["I", ["A1"], 60]],
      ),
      { asOf },
    );
    expect(elementOf(result, "O1")).toMatchObject({ status: "not_applicable", reason: "notMeasured" });
    expect(elementOf(result, "OC")).toMatchObject({ status: "at_risk", score: 60 });
    // A1 has a parent (OC), so it is not a root; O1 and OC are.
    expect(result.plan.inputs.map((input) => input.id)).toEqual(["O1", "OC"]);
    expect(result.plan).toMatchObject({ status: "at_risk", score: 60 });
  });
});

describe("properties", () => {
  const judged = fc.record({
    weight: fc.integer({ min: 1, max: 10 }),
    score: fc.float({ min: 0, max: 100, noNaN: true }),
  });

  it("a weighted roll-up of equal children equals them", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 100 }),
        (weights, score) => {
          const inputs = weights.map(
            (weight, i): RollUpInput => ({
              kind: "element",
              id: `C${i}`,
              weight,
              status: bandOf(score, defaultRollUpRules.bands),
              score,
            }),
          );
          const parent = combineInputs(inputs, defaultRollUpRules);
          expect(parent.score).toBeCloseTo(score, 9);
          expect(parent.status).toBe(bandOf(score, defaultRollUpRules.bands));
        },
      ),
    );
  });

  it("N/A children never change a parent (inputs)", () => {
    fc.assert(
      fc.property(
        fc.array(judged, { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.record({
            weight: fc.integer({ min: 1, max: 10 }),
            status: fc.constantFrom("no_data" as const, "not_yet_due" as const, "not_applicable" as const),
          }),
          { maxLength: 6 },
        ),
        fc.nat(),
        (scored, unscored, seed) => {
          const inputs: RollUpInput[] = scored.map(({ weight, score }, i) => ({
            kind: "element",
            id: `J${i}`,
            weight,
            status: bandOf(score, defaultRollUpRules.bands),
            score,
          }));
          const mixed = [...inputs];
          unscored.forEach(({ weight, status }, i) => {
            mixed.splice((seed + i) % (mixed.length + 1), 0, {
              kind: "element",
              id: `N${i}`,
              weight,
              status,
              score: null,
            });
          });
          const before = combineInputs(inputs, defaultRollUpRules);
          const after = combineInputs(mixed, defaultRollUpRules);
          expect(after.score).toBe(before.score);
          expect(after.status).toBe(before.status);
        },
      ),
    );
  });

  // A random outline (each element part of an earlier one), indicators with random values on random elements.
  const outline = fc
    .record({
      parents: fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
      values: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 150 })), { maxLength: 12 }),
      extras: fc.array(fc.tuple(fc.nat(), fc.constantFrom<Kind>("no_data", "not_yet_due", "noTarget")), {
        maxLength: 6,
      }),
      dropped: fc.array(fc.nat(), { maxLength: 4 }),
    })
    .map(({ parents, values, extras, dropped }) => {
      const ids = ["E0", ...parents.map((_, i) => `E${i + 1}`)];
      const links: [RollUpLink["kind"], string, string][] = parents.map((p, i) => [
        "part_of",
        `E${i + 1}`,
        `E${p % (i + 1)}`,
      ]);
      const indicators: [string, string[], Kind][] = values.map(([at, value], i) => [
        `I${i}`,
        [ids[at % ids.length] as string],
        value,
      ]);
      return { ids, links, indicators, extras, dropped };
    });

  it("N/A children never change a parent (whole roll-up): dropped branches and unjudged indicators added", () => {
    fc.assert(
      fc.property(outline, ({ ids, links, indicators, extras, dropped }) => {
        const before = rollUp(data(ids, links, indicators), { asOf });
        const droppedIds = dropped.map((_, i) => `D${i}`);
        const after = rollUp(
          data(
            [...ids, ...droppedIds.map((id) => ({ id, status: "dropped" as const }))],
            [
              ...links,
              ...dropped.map((at, i): [RollUpLink["kind"], string, string] => [
                "part_of",
                `D${i}`,
                ids[at % ids.length] as string,
              ]),
            ],
            [
              ...indicators,
              ...extras.map(([at, kind], i): [string, string[], Kind] => [
                `X${i}`,
                [ids[at % ids.length] as string],
                kind,
              ]),
              ...droppedIds.map((id, i): [string, string[], Kind] => [`Y${i}`, [id], 0]),
            ],
          ),
          { asOf },
        );
        expect(after.plan.score).toBe(before.plan.score);
        if (before.plan.score !== null) expect(after.plan.status).toBe(before.plan.status);
        for (const element of before.elements) {
          const now = elementOf(after, element.elementId);
          expect(now?.score).toBe(element.score);
          if (element.score !== null) expect(now?.status).toBe(element.status);
        }
      }),
    );
  });

  it("the roll-up does not depend on the order of its input rows", () => {
    fc.assert(
      fc.property(outline, fc.nat(), ({ ids, links, indicators }, seed) => {
        const input = data(ids, links, indicators);
        const shuffle = <T>(rows: readonly T[]) =>
          rows
            .map((row, i) => ({ row, key: (i * 7919 + seed) % 104729 }))
            .sort((a, b) => a.key - b.key)
            .map(({ row }) => row);
        const shuffled = {
          ...input,
          elements: shuffle(input.elements),
          links: shuffle(input.links),
          indicators: shuffle(input.indicators),
          entries: shuffle(input.entries),
        };
        expect(rollUp(shuffled, { asOf })).toEqual(rollUp(input, { asOf }));
      }),
    );
  });
});
