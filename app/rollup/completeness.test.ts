import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reportCompleteness } from "./completeness";
import type { EntryStatus, RollUpEntry, RollUpIndicator } from "./indicator";
import { defaultRollUpRules } from "./rules";

const plan = { startDate: "2023-01-01", endDate: "2023-12-31" };
const indicator = (id: string, frequency: RollUpIndicator["frequency"]): RollUpIndicator => ({
  id,
  measure: "number",
  scaleLevels: null,
  direction: "increase",
  tolerance: null,
  aggregation: "per_period",
  frequency,
  baselineValue: null,
  targets: [],
  elementIds: [],
});
const entry = (
  indicatorId: string,
  periodKey: string,
  status: EntryStatus,
  on = "2023-01-01",
): RollUpEntry => ({
  indicatorId,
  periodKey,
  value: 1,
  order: 0,
  status,
  submittedOn: on,
  decidedOn: status === "approved" || status === "returned" ? on : null,
});

describe("C1: data completeness as of 2023-08-15", () => {
  // Q (quarterly): Q1 approved, Q2 submitted and awaiting verification, Q3 still running.
  // M (monthly): Jan, Feb, May approved; Mar returned to its author; Apr and Jun nothing (over 30 days ago: overdue);
  // Jul nothing (ended 15 days ago: missing); Aug still running.
  const result = reportCompleteness({
    plan,
    indicators: [indicator("Q", "quarterly"), indicator("M", "monthly")],
    entries: [
      entry("Q", "2023-Q1", "approved"),
      entry("Q", "2023-Q2", "submitted"),
      entry("M", "2023-01", "approved"),
      entry("M", "2023-02", "approved"),
      entry("M", "2023-03", "returned"),
      entry("M", "2023-05", "approved"),
      entry("M", "2023-08", "draft"),
    ],
    asOf: "2023-08-15",
    rules: defaultRollUpRules,
  });

  it("C1: 9 reports are due; 4 approved (44%), 1 submitted, 1 missing, 3 overdue", () => {
    expect(result.total).toEqual({
      due: 9,
      approved: 4,
      submitted: 1,
      missing: 1,
      overdue: 3,
      percentApproved: (4 / 9) * 100,
    });
    expect(result.byIndicator.map((c) => [c.indicatorId, c.due, c.approved])).toEqual([
      ["M", 7, 3],
      ["Q", 2, 1],
    ]);
  });

  it("C1b: the heat map cells, periods not yet ended included as not due", () => {
    const m = result.cells.filter((cell) => cell.indicatorId === "M").map((cell) => cell.state);
    expect(m).toEqual([
      "approved",
      "approved",
      "overdue",
      "overdue",
      "approved",
      "overdue",
      "missing",
      "not_due",
      "not_due",
      "not_due",
      "not_due",
      "not_due",
    ]);
    const q = result.cells.filter((cell) => cell.indicatorId === "Q").map((cell) => cell.state);
    expect(q).toEqual(["approved", "submitted", "not_due", "not_due"]);
  });

  it("C2: a report approved early, before its period ended, shows but is not yet counted", () => {
    const early = reportCompleteness({
      plan,
      indicators: [indicator("Q", "quarterly")],
      entries: [entry("Q", "2023-Q3", "approved", "2023-08-01")],
      asOf: "2023-08-15",
      rules: defaultRollUpRules,
    });
    expect(early.cells.find((cell) => cell.periodKey === "2023-Q3")).toMatchObject({
      due: false,
      state: "approved",
    });
    expect(early.total).toMatchObject({ due: 2, approved: 0, overdue: 2, missing: 0 });
  });
});

it("approved + submitted + missing + overdue = due, for any entries and day (property)", () => {
  const periods = ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4"];
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.constantFrom(...periods),
          fc.constantFrom<EntryStatus>("draft", "submitted", "returned", "approved"),
          fc.integer({ min: 0, max: 400 }),
        ),
      ),
      fc.integer({ min: 0, max: 500 }),
      (rows, day) => {
        const on = (offset: number) => new Date(Date.UTC(2023, 0, 1 + offset)).toISOString().slice(0, 10);
        const result = reportCompleteness({
          plan,
          indicators: [indicator("Q", "quarterly")],
          entries: rows.map(([period, status, offset]) => entry("Q", period, status, on(offset))),
          asOf: on(day),
          rules: defaultRollUpRules,
        });
        const { due, approved, submitted, missing, overdue } = result.total;
        expect(approved + submitted + missing + overdue).toBe(due);
        expect(due).toBe(
          periods.filter(
            (_, i) => (["2023-03-31", "2023-06-30", "2023-09-30", "2023-12-31"][i] as string) <= on(day),
          ).length,
        );
      },
    ),
  );
});
