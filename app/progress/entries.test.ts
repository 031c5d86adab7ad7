import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveDimensions } from "../indicators/dimensions";
import { planPeriods } from "../indicators/periods";
import { checkEntry, type EntryDraft, type IndicatorRules } from "./entries.server";

const regions = ["africa", "asia-pacific", "europe", "latin-america", "north-america-caribbean"];
const referenceLists = {
  region: regions.map((code) => ({ code, label: { en: code } })),
  language: [{ code: "en", label: { en: "English" } }],
};
const rules = (overrides: Partial<IndicatorRules> = {}): IndicatorRules => ({
  id: "i1",
  code: "T1",
  planId: "p1",
  name: { en: "Trainees" },
  measure: "number",
  scaleLevels: 0,
  dimensions: resolveDimensions([{ code: "region" }, { code: "gender" }], referenceLists),
  periods: planPeriods({ startDate: "2025-01-01", endDate: "2027-12-31" }, "quarterly"),
  lockedPeriods: new Set(),
  ...overrides,
});
const draft = (overrides: Partial<EntryDraft> = {}): EntryDraft => ({
  indicatorId: "i1",
  periodKey: "2026-Q1",
  total: null,
  breakdown: [
    { values: { region: "africa", gender: "women" }, value: 4 },
    { values: { region: "africa", gender: "trans" }, value: 3 },
  ],
  narrative: null,
  reportedOn: "2026-04-02",
  ...overrides,
});
const today = "2026-11-22";
const problemsOf = (result: ReturnType<typeof checkEntry>) =>
  result.problems.map((problem) => `${problem.field}: ${problem.problem}`);

describe("checking an entry, whatever brings it (form, CSV, KoboToolbox)", () => {
  it("derives the total from the breakdown", () => {
    expect(checkEntry(rules(), draft(), today)).toEqual({ total: 7, problems: [] });
  });

  it("the derived total is the sum of any valid breakdown", () => {
    const cells = fc.uniqueArray(
      fc.record({
        region: fc.constantFrom(...regions),
        gender: fc.constantFrom("women", "men", "trans"),
        value: fc.integer({ min: 0, max: 10_000 }),
      }),
      { selector: (cell) => `${cell.region}|${cell.gender}`, minLength: 1 },
    );
    fc.assert(
      fc.property(cells, (generated) => {
        const breakdown = generated.map(({ region, gender, value }) => ({
          values: { region, gender },
          value,
        }));
        const result = checkEntry(rules(), draft({ breakdown }), today);
        expect(result.total).toBe(generated.reduce((sum, cell) => sum + cell.value, 0));
      }),
    );
  });

  it("refuses each bad input, naming the field", () => {
    const cases: [Partial<EntryDraft>, Partial<IndicatorRules>, string][] = [
      [{ total: 8 }, {}, "total: contradictsBreakdown"],
      [
        { breakdown: [{ values: { region: "atlantis", gender: "women" }, value: 1 }] },
        {},
        "breakdown[0].region: unknown",
      ],
      [
        { breakdown: [{ values: { region: "africa", gender: "women" }, value: -1 }] },
        {},
        "breakdown[0].value: negative",
      ],
      [
        { breakdown: [{ values: { region: "africa", gender: "women" }, value: 2.5 }] },
        {},
        "breakdown[0].value: notWhole",
      ],
      [{ breakdown: null, total: 7.5 }, { dimensions: [] }, "total: notWhole"],
      [{ breakdown: null, total: null }, {}, "total: required"],
      [{ periodKey: "2031-Q1" }, {}, "period: outsidePlan"],
      [{ periodKey: "2027-Q1", reportedOn: "2026-11-01" }, {}, "period: notStarted"],
      [{ reportedOn: "2026-12-01" }, {}, "reportedOn: inFuture"],
      [{}, { lockedPeriods: new Set(["2026-Q1"]) }, "period: locked"],
      [{ breakdown: null, total: 101 }, { measure: "percentage", dimensions: [] }, "total: percentageRange"],
      [
        { breakdown: null, total: 3 },
        { measure: "qualitative", scaleLevels: 3, dimensions: [] },
        "total: notOnScale",
      ],
    ];
    for (const [entry, indicator, expected] of cases) {
      const result = checkEntry(rules(indicator), draft(entry), today);
      expect(result.total, expected).toBeNull();
      expect(problemsOf(result), expected).toContain(expected);
    }
    // A percentage may have decimals; only a count must be whole.
    expect(
      checkEntry(
        rules({ measure: "percentage", dimensions: [] }),
        draft({ breakdown: null, total: 7.5 }),
        today,
      ),
    ).toEqual({ total: 7.5, problems: [] });
  });

  it("never sums a breakdown of percentages: their total is the one given", () => {
    const breakdown = [
      { values: { region: "africa", gender: "women" }, value: 60 },
      { values: { region: "africa", gender: "men" }, value: 70 },
    ];
    const percentages = rules({ measure: "percentage" });
    expect(checkEntry(percentages, draft({ breakdown, total: 65 }), today)).toEqual({
      total: 65,
      problems: [],
    });
    expect(problemsOf(checkEntry(percentages, draft({ breakdown, total: null }), today))).toEqual([
      "total: required",
    ]);
    expect(checkEntry(percentages, draft({ breakdown: null, total: 65 }), today)).toEqual({
      total: 65,
      problems: [],
    });
  });

  it("takes a plain total when the indicator has no dimensions", () => {
    expect(checkEntry(rules({ dimensions: [] }), draft({ breakdown: null, total: 12 }), today)).toEqual({
      total: 12,
      problems: [],
    });
  });
});
