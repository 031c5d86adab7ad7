import { describe, expect, it } from "vitest";
import { readEnv } from "../env.server";
import { tableCsv } from "./csv";
import { SmallCounts } from "./small-counts";
import { smallCountThreshold } from "./small-counts.server";

/** A row of cells adding up to a total, as a breakdown table shows it. */
function row(threshold: number | null, cells: Record<string, number | null>, total: number) {
  const counts = new SmallCounts(threshold);
  for (const [id, value] of Object.entries(cells)) counts.cell(id, value);
  counts.cell("total", total, { total: true });
  counts.line([...Object.keys(cells), "total"]);
  return Object.fromEntries([...Object.keys(cells), "total"].map((id) => [id, counts.shown(id)]));
}

describe("small counts", () => {
  it("shows a count below the threshold as “< 5”, never a total, and nothing to readers of the whole plan", () => {
    expect(row(5, { women: 3, men: 12, trans: 7 }, 22)).toEqual({
      women: { lessThan: 5 },
      // Alone, women would be 22 − 12 − 7: the smallest other cell goes too.
      trans: { lessThan: 5 },
      men: 12,
      total: 22,
    });
    expect(row(null, { women: 3, men: 12, trans: 7 }, 22)).toEqual({
      women: 3,
      men: 12,
      trans: 7,
      total: 22,
    });
    // A total below the threshold is shown.
    expect(row(5, { women: 0, men: 4 }, 4).total).toBe(4);
  });

  it("prefers a zero as the complement, never an empty cell, and adds none where two are suppressed", () => {
    expect(row(5, { women: 3, men: 12, trans: 0 }, 15)).toMatchObject({
      women: { lessThan: 5 },
      trans: { lessThan: 5 },
      men: 12,
    });
    expect(row(5, { women: 3, men: 12, trans: null }, 15)).toMatchObject({
      women: { lessThan: 5 },
      men: { lessThan: 5 },
      trans: null,
    });
    expect(row(5, { women: 3, men: 2, trans: 40 }, 45)).toMatchObject({
      women: { lessThan: 5 },
      men: { lessThan: 5 },
      trans: 40,
    });
    // Zero is shown as it is where nothing needs covering (no person is counted in it).
    expect(row(5, { women: 0, men: 12, trans: 30 }, 42)).toEqual({ women: 0, men: 12, trans: 30, total: 42 });
  });

  it("suppresses a cell shown in two tables in both, and again until no line has a single suppressed cell", () => {
    // Two periods of two regions and their sums over the range (a flow): Africa's Q1 is 3.
    const counts = new SmallCounts(5);
    const cells = {
      "africa@Q1": 3,
      "asia@Q1": 20,
      "africa@Q2": 30,
      "asia@Q2": 40,
      "africa@range": 33,
      "asia@range": 60,
    };
    for (const [id, value] of Object.entries(cells)) counts.cell(id, value);
    for (const period of ["Q1", "Q2", "range"]) {
      counts.cell(`@${period}`, null, { total: true });
      counts.line([`africa@${period}`, `asia@${period}`, `@${period}`]);
    }
    for (const region of ["africa", "asia"]) counts.line([`${region}@Q1`, `${region}@Q2`, `${region}@range`]);
    const hidden = [...counts.suppressed()].sort();
    // Row Q1 hides Asia's Q1; Africa's column hides its Q2; Asia's column and row Q2 then hide Asia's Q2.
    expect(hidden).toEqual(["africa@Q1", "africa@Q2", "asia@Q1", "asia@Q2"]);
    // No line is left with exactly one suppressed cell.
    for (const line of [
      ["africa@Q1", "asia@Q1"],
      ["africa@Q2", "asia@Q2"],
      ["africa@range", "asia@range"],
      ["africa@Q1", "africa@Q2", "africa@range"],
      ["asia@Q1", "asia@Q2", "asia@range"],
    ])
      expect(line.filter((id) => hidden.includes(id)).length, line.join()).not.toBe(1);
  });

  it("writes a suppressed count as “< 5” in a CSV download", () => {
    expect(tableCsv(["women", "men"], [[{ lessThan: 5 }, 12]])).toBe("women,men\r\n< 5,12\r\n");
  });
});

describe("SMALL_COUNT_THRESHOLD", () => {
  it("is 5 unless set, takes a whole number from 1 and refuses anything else, naming itself", () => {
    expect(smallCountThreshold({})).toBe(5);
    expect(smallCountThreshold({ SMALL_COUNT_THRESHOLD: "10" })).toBe(10);
    for (const bad of ["0", "-3", "2.5", "five", ""])
      expect(() => smallCountThreshold({ SMALL_COUNT_THRESHOLD: bad }), bad).toThrow(/SMALL_COUNT_THRESHOLD/);
    expect(
      readEnv({ DATABASE_URL: "postgres://db/x", SMALL_COUNT_THRESHOLD: "11" }).SMALL_COUNT_THRESHOLD,
    ).toBe(11);
    expect(() => readEnv({ DATABASE_URL: "postgres://db/x", SMALL_COUNT_THRESHOLD: "none" })).toThrow(
      /SMALL_COUNT_THRESHOLD/,
    );
  });
});
