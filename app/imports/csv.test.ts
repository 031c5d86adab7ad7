import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DimensionSpec, resolveDimensions } from "../indicators/dimensions";
import { type Frequency, planPeriods } from "../indicators/periods";
import type { Measure } from "../indicators/values";
import { type CsvProblem, checkImport, type ImportContext, type ImportIndicator, isIsoDay } from "./csv";

// ---------------------------------------------------------------- fixtures

const plan = { startDate: "2010-01-01", endDate: "2012-12-31" };
const today = "2013-06-01";
const references = {
  region: [
    { code: "africa", label: { en: "Africa", fr: "Afrique" } },
    { code: "asia-pacific", label: { en: "Asia and the Pacific" } },
    { code: "europe", label: { en: "Europe" } },
  ],
  language: [
    { code: "en", label: { en: "English" } },
    { code: "fr", label: { en: "French" } },
  ],
};

function indicator(
  code: string,
  {
    measure = "number",
    frequency = "annual",
    dimensions = [],
    locked = [],
    scale = [],
  }: {
    measure?: Measure;
    frequency?: Frequency;
    dimensions?: DimensionSpec[];
    locked?: string[];
    scale?: string[];
  } = {},
): ImportIndicator {
  return {
    id: `id-${code}`,
    code,
    planId: "plan",
    name: { en: code },
    measure,
    scaleLevels: scale.length,
    dimensions: resolveDimensions(dimensions, references),
    periods: planPeriods(plan, frequency),
    lockedPeriods: new Set(locked),
    scaleLabels: scale.map((label) => [label]),
  };
}

const indicators = [
  indicator("I1"),
  indicator("I2", { dimensions: [{ code: "region" }, { code: "gender" }] }),
  indicator("I3", { measure: "percentage", frequency: "quarterly" }),
  indicator("I4", { locked: ["2011"] }),
  indicator("I5", {
    measure: "qualitative",
    frequency: "life_of_plan",
    scale: ["Not started", "Drafted", "Adopted"],
  }),
];
const context: ImportContext = {
  indicators: new Map(indicators.map((rule) => [rule.code, rule])),
  dimensionColumns: ["region", "gender"],
  today,
};

const header = "indicator,period,reported_on,region,gender,value,narrative";
const file = (...rows: string[]) => [header, ...rows].join("\r\n");
const check = (text: string) => checkImport(text, context);
/** The problems as "row column code", for compact assertions. */
const named = (problems: CsvProblem[]) =>
  problems.map((p) => `${p.row} ${p.column || "-"} ${p.message.key.replace("imports.problem.", "")}`);

describe("cells", () => {
  it("takes dates written YYYY-MM-DD that exist", () => {
    expect(isIsoDay("2011-06-30")).toBe(true);
    expect(isIsoDay("2012-02-29")).toBe(true);
    expect(isIsoDay("2011-02-29")).toBe(false);
    expect(isIsoDay("30/06/2011")).toBe(false);
    expect(isIsoDay("2011-6-30")).toBe(false);
  });
});

// ---------------------------------------------------------------- rows → entries

describe("checkImport: a good file", () => {
  it("makes one entry per indicator and period, deriving the total from the breakdown", () => {
    const result = check(
      file(
        "I1,2011,2011-12-31,,,120,Trainings held",
        "I2,2011,2011-12-31,africa,women,10,",
        "I2,2011,2011-12-31,Africa,trans,5,Leaders trained",
        "I2,2011,2011-12-31,europe,men,3,",
        "I2,2011,2011-12-31,,,18,",
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.rows).toBe(5);
    expect(result.entryCount).toBe(2);
    const [first, second] = result.entries;
    expect(first?.draft).toMatchObject({
      indicatorId: "id-I1",
      periodKey: "2011",
      total: 120,
      breakdown: null,
    });
    expect(first?.draft.narrative).toBe("Trainings held");
    expect(second?.total).toBe(18);
    expect(second?.rows).toEqual([3, 4, 5, 6]);
    // "Africa" is the label of the region whose code is africa.
    expect(second?.draft.breakdown).toEqual([
      { values: { region: "africa", gender: "women" }, value: 10 },
      { values: { region: "africa", gender: "trans" }, value: 5 },
      { values: { region: "europe", gender: "men" }, value: 3 },
    ]);
  });

  it("accepts columns in any order and case, blank rows, a milestone by its level's name, and `2011-q3`", () => {
    const result = check(
      [
        "Value,Indicator,PERIOD,reported_on,narrative",
        "Adopted,I5,lop,2012-06-01,",
        ",,,,",
        "55,I3,2011-q3,2011-10-02,",
      ].join("\n"),
    );
    expect(result.problems).toEqual([]);
    expect(result.entries.map((entry) => [entry.draft.periodKey, entry.total])).toEqual([
      ["lop", 2],
      ["2011-Q3", 55],
    ]);
  });

  it("identifies an entry by its content, not by the order of its rows", () => {
    const a = check(file("I2,2011,2011-12-31,africa,women,10,", "I2,2011,2011-12-31,europe,men,2,"));
    const b = check(file("I2,2011,2011-12-31,europe,men,2,x", "I2,2011,2011-12-31,africa,women,10,"));
    const c = check(file("I2,2011,2011-12-31,europe,men,3,", "I2,2011,2011-12-31,africa,women,10,"));
    expect(a.entries[0]?.externalId).toBe(b.entries[0]?.externalId);
    expect(a.entries[0]?.externalId).not.toBe(c.entries[0]?.externalId);
  });

  it("derives the total as the sum of any breakdown (property)", () => {
    const cells = indicators[1]?.dimensions[0]?.values.flatMap((region) =>
      ["women", "men", "trans"].map((gender) => [region.code, gender] as const),
    ) as (readonly [string, string])[];
    fc.assert(
      fc.property(
        fc
          .subarray(cells, { minLength: 1 })
          .chain((chosen) =>
            fc.tuple(
              fc.constant(chosen),
              fc.array(fc.nat(10_000), { minLength: chosen.length, maxLength: chosen.length }),
            ),
          ),
        fc.boolean(),
        ([chosen, values], withTotal) => {
          const sum = values.reduce((total, value) => total + value, 0);
          const rows = chosen.map(
            ([region, gender], i) => `I2,2012,2012-12-31,${region},${gender},${values[i]},`,
          );
          const result = check(file(...rows, ...(withTotal ? [`I2,2012,2012-12-31,,,${sum},`] : [])));
          expect(result.problems).toEqual([]);
          expect(result.entries[0]?.total).toBe(sum);
        },
      ),
    );
  });
});

describe("checkImport: bad input is named by row and column", () => {
  it("a wrong header: which columns are unknown, missing or repeated", () => {
    const result = check(
      "indicator,periode,reported_on,value,value,colour\r\nI1,2011,2011-12-31,5,5,red\r\n",
    );
    expect(named(result.problems)).toEqual([
      "1 periode unknownColumn",
      "1 value repeatedColumn",
      "1 colour unknownColumn",
      "1 period missingColumn",
    ]);
    expect(result.problems.find((p) => p.column === "periode")?.message.values?.expected).toBe(
      "indicator, period, reported_on, value, region, gender, narrative",
    );
    expect(result.entries).toEqual([]);
  });

  it("an empty file", () => {
    expect(named(check("").problems)).toEqual(["1 - emptyFile"]);
    expect(named(check("\uFEFF\r\n").problems)).toEqual(["1 - emptyFile"]);
  });

  it("a formula in a cell, e.g. =cmd|' /C calc'!A0", () => {
    const result = check(file("I1,2011,2011-12-31,,,12,\"=cmd|' /C calc'!A0\"", "I1,2012,2012-12-31,,,+5,"));
    expect(named(result.problems)).toEqual(["2 narrative formula", "3 value formula"]);
    expect(result.problems[0]?.message.values).toEqual({ prefix: "=" });
  });

  it("non-numeric, negative and fractional counts, and a percentage over 100", () => {
    const result = check(
      file(
        "I1,2010,2010-12-31,,,12a,",
        "I1,2011,2011-12-31,,,-3,",
        "I3,2011-Q1,2011-04-01,,,100.5,",
        "I1,2012,2012-12-31,,,12.5,",
      ),
    );
    expect(named(result.problems)).toEqual([
      "2 value notANumber",
      "3 value negative",
      "4 value percentageRange",
      "5 value notWhole",
    ]);
    expect(result.problems[0]?.message.values).toEqual({ value: "12a" });
  });

  it("a milestone level that is not on the scale", () => {
    expect(named(check(file("I5,lop,2012-01-01,,,Finished,")).problems)).toEqual(["2 value notANumber"]);
    expect(named(check(file("I5,lop,2012-01-01,,,3,")).problems)).toEqual(["2 value notOnScale"]);
  });

  it("an unknown indicator, an empty required cell", () => {
    const result = check(file("I9,2011,2011-12-31,,,5,", "I1,,2011-12-31,,,5,"));
    expect(named(result.problems)).toEqual(["2 indicator unknownIndicator", "3 period required"]);
  });

  it("a period outside the plan, a period not started, a date in the future, a date that is not one", () => {
    const context2013 = { ...context, today: "2011-03-01" };
    expect(named(check(file("I1,2015,2012-12-31,,,5,")).problems)).toEqual(["2 period outsidePlan"]);
    expect(named(checkImport(file("I1,2012,2011-02-01,,,5,"), context2013).problems)).toEqual([
      "2 period notStarted",
    ]);
    expect(named(checkImport(file("I1,2011,2011-03-02,,,5,"), context2013).problems)).toEqual([
      "2 reported_on inFuture",
    ]);
    expect(named(check(file("I1,2011,31/12/2011,,,5,", "I1,2010,2011-02-30,,,5,")).problems)).toEqual([
      "2 reported_on notADate",
      "3 reported_on notADate",
    ]);
  });

  it("an unknown region or gender, a breakdown row without one of its dimensions", () => {
    const result = check(
      file(
        "I2,2011,2011-12-31,atlantis,women,3,",
        "I2,2011,2011-12-31,europe,robots,3,",
        "I2,2011,2011-12-31,africa,,3,",
      ),
    );
    expect(named(result.problems)).toEqual([
      "2 region unknownValue",
      "3 gender unknownValue",
      "4 gender missingDimension",
    ]);
    expect(result.problems[0]?.message.values).toEqual({ value: "atlantis", dimension: "region" });
  });

  it("a breakdown that does not add up to the total given", () => {
    const result = check(
      file(
        "I2,2011,2011-12-31,africa,women,10,",
        "I2,2011,2011-12-31,europe,men,5,",
        "I2,2011,2011-12-31,,,20,",
      ),
    );
    expect(named(result.problems)).toEqual(["4 value contradictsBreakdown"]);
    expect(result.problems[0]?.message.values).toEqual({ total: 20, sum: 15 });
  });

  it("a duplicated row names both rows", () => {
    const result = check(
      file("I1,2011,2011-12-31,,,5,", "I1,2012,2012-12-31,,,5,", "I1,2011,2011-12-31,,,5,"),
    );
    expect(result.problems).toEqual([
      { row: 2, column: "", message: { key: "imports.problem.duplicateRow", values: { other: 4 } } },
      { row: 4, column: "", message: { key: "imports.problem.duplicateRow", values: { other: 2 } } },
    ]);
    const cells = check(file("I2,2011,2011-12-31,africa,women,1,", "I2,2011,2011-12-31,Africa,WOMEN,2,"));
    expect(named(cells.problems)).toEqual(["2 - duplicateRow", "3 - duplicateRow"]);
  });

  it("a locked period, on every row of the entry", () => {
    expect(named(check(file("I4,2011,2011-12-31,,,5,", "I4,2012,2012-12-31,,,5,")).problems)).toEqual([
      "2 period locked",
    ]);
  });

  it("a breakdown for an indicator that has none, a row with too many cells, two dates for one entry", () => {
    const result = check(
      file(
        "I1,2011,2011-12-31,africa,,5,",
        "I1,2012,2012-12-31,,,5,,extra",
        "I2,2011,2011-12-31,africa,women,1,",
        "I2,2011,2011-11-30,europe,women,1,",
      ),
    );
    expect(named(result.problems)).toEqual([
      "2 region notDisaggregated",
      "3 - cellCount",
      "5 reported_on dateDiffers",
    ]);
    expect(result.problems[1]?.message.values).toEqual({ found: 8, expected: 7 });
  });

  it("quotes that do not close: the row where the cell starts", () => {
    expect(
      named(check(file('I1,2011,2011-12-31,,,5,"never closed', "I1,2012,2012-12-31,,,5,")).problems),
    ).toEqual(["2 narrative unterminatedQuote"]);
  });

  it("a file with one bad row names only that row, and gives no entry to write", () => {
    const clean = check(
      file("I1,2011,2011-12-31,,,5,", "I1,2012,2012-12-31,,,x,", "I1,2010,2010-12-31,,,5,"),
    );
    expect(named(clean.problems)).toEqual(["3 value notANumber"]);
    expect(clean.entries).toEqual([]);
  });
});

describe("checkImport: one refused row of an entry", () => {
  it("does not make the rest of its entry look wrong", () => {
    const result = check(
      file(
        "I2,2011,2011-12-31,africa,women,10,",
        "I2,2011,2011-12-31,europe,men,=5,",
        "I2,2011,2011-12-31,,,15,",
      ),
    );
    // Without row 3, the breakdown adds up to 10, not 15: that is not reported, only the formula.
    expect(named(result.problems)).toEqual(["3 value formula"]);
  });
});
