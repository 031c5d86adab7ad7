import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveDimensions } from "../indicators/dimensions";
import {
  cellField,
  cellOfField,
  defaultPeriod,
  formFieldOf,
  gridCells,
  gridLayout,
  loggablePeriods,
  readEntryFields,
  readEvidenceLinks,
} from "./form";

const references = {
  region: ["africa", "europe"].map((code) => ({ code, label: { en: code } })),
  language: [],
};
const regionByGender = resolveDimensions([{ code: "region" }, { code: "gender" }], references);
const indicator = { measure: "number" as const, dimensions: regionByGender };
const fields = (cells: Record<string, string>, total = "") => ({
  period: "2026-Q2",
  reportedOn: "2026-05-15",
  total,
  narrative: "",
  cells,
});

describe("the disaggregation grid", () => {
  it("has one input per combination: rows are regions, columns are genders", () => {
    expect(gridCells(regionByGender)).toHaveLength(6);
    const layout = gridLayout(regionByGender);
    expect(layout?.rows).toEqual([{ region: "africa" }, { region: "europe" }]);
    expect(layout?.across?.values.map((value) => value.code)).toEqual(["women", "men", "trans"]);
    expect(gridLayout([])).toBeNull();
  });

  it("names a cell's input by its canonical key and reads the name back", () => {
    const code = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
    const value = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,10}$/);
    fc.assert(
      fc.property(fc.dictionary(code, value, { minKeys: 1, maxKeys: 4 }), (cell) => {
        expect(cellOfField(cellField(cell))).toEqual(cell);
      }),
    );
    expect(cellField({ region: "africa", gender: "trans" })).toBe("cell.gender=trans|region=africa");
    expect(cellOfField("total")).toBeNull();
  });
});

describe("reading the typed values", () => {
  it("leaves empty cells out (they are not zeros) and reads the others", () => {
    const read = readEntryFields(
      indicator,
      fields({ "cell.gender=women|region=africa": "12", "cell.gender=men|region=africa": " " }),
      "en",
    );
    expect(read.breakdown).toEqual([{ values: { gender: "women", region: "africa" }, value: 12 }]);
    expect(read.total).toBeNull();
    expect(read.problems).toEqual([]);
  });

  it("reports a text that is not a number on its own input, the French way in French", () => {
    const cell = "cell.gender=women|region=africa";
    expect(readEntryFields(indicator, fields({ [cell]: "1,5" }), "en").problems).toEqual([
      { field: cell, message: { key: "progress.problem.notANumber", values: { value: "1,5" } } },
    ]);
    expect(readEntryFields(indicator, fields({ [cell]: "1,5" }), "fr").breakdown?.[0]?.value).toBe(1.5);
    expect(readEntryFields(indicator, fields({}, "=1+1"), "en").problems[0]?.field).toBe("total");
  });

  it("any number typed in the grid comes back as the value of its cell", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 6, maxLength: 6 }),
        (numbers) => {
          const cells = Object.fromEntries(
            gridCells(regionByGender).map((cell, i) => [cellField(cell), String(numbers[i])]),
          );
          const read = readEntryFields(indicator, fields(cells), "en");
          expect(read.breakdown?.map((cell) => cell.value)).toEqual(numbers);
          expect(read.cellFields).toEqual(Object.keys(cells));
        },
      ),
    );
  });

  it("places the entry rules' problems on the form's inputs", () => {
    const cells = ["cell.gender=women|region=africa", "cell.gender=men|region=africa"];
    expect(formFieldOf({ field: "breakdown[1].value", problem: "negative" }, cells, "number").field).toBe(
      cells[1],
    );
    expect(formFieldOf({ field: "breakdown[0].region", problem: "unknown" }, cells, "number").field).toBe(
      cells[0],
    );
    expect(formFieldOf({ field: "total", problem: "required" }, cells, "qualitative").message.key).toBe(
      "progress.problem.levelRequired",
    );
    expect(formFieldOf({ field: "period", problem: "locked" }, cells, "number").field).toBe("period");
  });
});

describe("periods offered", () => {
  const periods = [
    { key: "2026-Q1", start: "2026-01-01", end: "2026-03-31" },
    { key: "2026-Q2", start: "2026-04-01", end: "2026-06-30" },
    { key: "2026-Q3", start: "2026-07-01", end: "2026-09-30" },
  ];
  it("only started ones, locked ones marked; the current one first, else the latest open one", () => {
    const offered = loggablePeriods(periods, new Set(["2026-Q1"]), "2026-05-15");
    expect(offered.map((period) => [period.key, period.locked])).toEqual([
      ["2026-Q1", true],
      ["2026-Q2", false],
    ]);
    expect(defaultPeriod(offered, "2026-05-15")).toBe("2026-Q2");
    const allLockedButFirst = loggablePeriods(periods, new Set(["2026-Q2"]), "2026-05-15");
    expect(defaultPeriod(allLockedButFirst, "2026-05-15")).toBe("2026-Q1");
    expect(
      defaultPeriod(loggablePeriods(periods, new Set(["2026-Q1", "2026-Q2"]), "2026-05-15"), "2026-05-15"),
    ).toBe("");
  });
});

describe("evidence links", () => {
  it("are web addresses, one per line; anything else names the line", () => {
    expect(readEvidenceLinks("https://a.example/x\n\n http://b.example ")).toEqual({
      links: ["https://a.example/x", "http://b.example"],
      problem: null,
    });
    expect(readEvidenceLinks("javascript:alert(1)").problem).toEqual({
      field: "evidenceLinks",
      message: { key: "progress.problem.badLink", values: { value: "javascript:alert(1)" } },
    });
    expect(readEvidenceLinks("not a link").problem?.message.key).toBe("progress.problem.badLink");
  });
});
