import { describe, expect, it } from "vitest";
import type { ResolvedDimension } from "../indicators/dimensions";
import { planPeriods } from "../indicators/periods";
import type { IndicatorRules } from "../progress/entries.server";
import type { Submission } from "./client";
import type { KoboMapping } from "./format";
import { formNotes, readSubmission } from "./submissions";

const plan = { startDate: "2013-01-01", endDate: "2015-12-31" };
const region: ResolvedDimension = {
  code: "region",
  label: null,
  values: ["africa", "asia-pacific", "europe"].map((code) => ({ code, label: { en: code } })),
};
const gender: ResolvedDimension = {
  code: "gender",
  label: null,
  values: ["women", "men", "trans"].map((code) => ({ code, label: { en: code } })),
};
const rule = (code: string, rest: Partial<IndicatorRules>): IndicatorRules => ({
  id: `id-${code}`,
  code,
  planId: "plan",
  name: { en: code },
  measure: "number",
  scaleLevels: 0,
  dimensions: [],
  periods: planPeriods(plan, "quarterly"),
  lockedPeriods: new Set(),
  ...rest,
});
const rules = new Map([
  ["T1", rule("T1", { dimensions: [region, gender], lockedPeriods: new Set(["2013-Q1"]) })],
  ["T2", rule("T2", { periods: planPeriods(plan, "annual") })],
  ["T3", rule("T3", { measure: "percentage" })],
]);

const mapping: KoboMapping = {
  version: 1,
  period: { field: "group_event/event_date", from: "date" },
  reportedOn: null,
  narrative: "group_event/notes",
  dimensions: {
    region: { field: "group_event/region", choices: { afr: "africa", asia_pacific: "asia-pacific" } },
  },
  indicators: [
    {
      indicator: "T1",
      value: "group_participants/total",
      cells: [
        { field: "group_participants/women", at: { gender: "women" } },
        { field: "group_participants/men", at: { gender: "men" } },
        { field: "group_participants/trans", at: { gender: "trans" } },
      ],
      totalOnly: false,
    },
    { indicator: "T2", value: "group_event/sessions", cells: [], totalOnly: false },
    { indicator: "T3", value: "group_eval/satisfied_pct", cells: [], totalOnly: false },
  ],
};

const submission = (fields: Record<string, unknown>): Submission => ({
  _id: 101,
  _uuid: "3f1c2d4e-0000-4000-8000-000000000101",
  _submission_time: "2014-05-06T09:15:00",
  "formhub/uuid": "f",
  "meta/instanceID": "uuid:3f1c2d4e-0000-4000-8000-000000000101",
  "group_event/event_date": "2014-05-03",
  "group_event/region": "afr",
  "group_participants/total": "12",
  "group_participants/women": "5",
  "group_participants/men": "4",
  "group_participants/trans": "3",
  "group_event/sessions": "2",
  "group_eval/satisfied_pct": "87.5",
  "group_event/notes": "Training in Nairobi",
  ...fields,
});

const read = (
  fields: Record<string, unknown>,
  options: { known?: string[]; today?: string; mapping?: KoboMapping } = {},
) =>
  readSubmission({
    submission: submission(fields),
    mapping: options.mapping ?? mapping,
    rules,
    known: new Set(options.known ?? []),
    today: options.today ?? "2026-01-01",
  });

const id = "3f1c2d4e-0000-4000-8000-000000000101";

describe("readSubmission", () => {
  it("makes one entry per mapped indicator, the breakdown translated and its total derived", () => {
    const { entries, skipped } = read({});
    expect(skipped).toEqual([]);
    expect(entries).toEqual([
      {
        externalId: `${id}:T1`,
        indicatorCode: "T1",
        total: 12,
        draft: {
          indicatorId: "id-T1",
          periodKey: "2014-Q2",
          total: 12,
          breakdown: [
            { values: { gender: "women", region: "africa" }, value: 5 },
            { values: { gender: "men", region: "africa" }, value: 4 },
            { values: { gender: "trans", region: "africa" }, value: 3 },
          ],
          narrative: "Training in Nairobi",
          reportedOn: "2014-05-06",
          elementId: null,
        },
      },
      expect.objectContaining({
        externalId: `${id}:T2`,
        total: 2,
        draft: expect.objectContaining({ periodKey: "2014" }),
      }),
      expect.objectContaining({ externalId: `${id}:T3`, total: 87.5 }),
    ]);
  });

  it("takes a question left unanswered as not reported, and derives the total from what was", () => {
    const { entries } = read({
      "group_participants/trans": undefined,
      "group_participants/total": undefined,
    });
    expect(entries[0]?.total).toBe(9);
    expect(entries[0]?.draft.breakdown).toHaveLength(2);
  });

  it("skips, with the field and the reason, what the entry rules refuse", () => {
    expect(read({ "group_participants/total": "13" }).skipped).toEqual([
      {
        submission: id,
        indicator: "T1",
        code: "contradictsBreakdown",
        params: { field: "group_participants/total", value: 13, total: 13, sum: 12 },
      },
    ]);
    expect(read({ "group_event/region": "Atlantis" }).skipped).toEqual([
      {
        submission: id,
        indicator: "T1",
        code: "unknownValue",
        params: { field: "group_event/region", value: "Atlantis", dimension: "region" },
      },
    ]);
    expect(read({ "group_participants/men": "-4", "group_participants/total": "4" }).skipped).toEqual([
      {
        submission: id,
        indicator: "T1",
        code: "negative",
        params: { field: "group_participants/men", value: -4 },
      },
    ]);
    expect(read({ "group_event/sessions": "twelve" }).skipped).toEqual([
      {
        submission: id,
        indicator: "T2",
        code: "notANumber",
        params: { field: "group_event/sessions", value: "twelve" },
      },
    ]);
    expect(read({ "group_eval/satisfied_pct": "120" }).skipped).toEqual([
      {
        submission: id,
        indicator: "T3",
        code: "percentageRange",
        params: { field: "group_eval/satisfied_pct", value: 120 },
      },
    ]);
  });

  it("skips a date outside the plan, a locked period and a date in the future", () => {
    expect(
      read({ "group_event/event_date": "2031-01-05" }).skipped.map((skip) => [skip.indicator, skip.code]),
    ).toEqual([
      ["T1", "dateOutsidePlan"],
      ["T2", "dateOutsidePlan"],
      ["T3", "dateOutsidePlan"],
    ]);
    expect(read({ "group_event/event_date": "2013-02-01" }).skipped).toEqual([
      {
        submission: id,
        indicator: "T1",
        code: "locked",
        params: { period: "2013-Q1", field: "group_event/event_date" },
      },
    ]);
    const future = read({}, { today: "2014-05-05" }).skipped;
    expect(future.map((skip) => [skip.indicator, skip.code, skip.params.field])).toEqual([
      ["T1", "inFuture", "_submission_time"],
      ["T2", "inFuture", "_submission_time"],
      ["T3", "inFuture", "_submission_time"],
    ]);
  });

  it("names a period key outside the plan", () => {
    const byKey: KoboMapping = { ...mapping, period: { field: "group_event/quarter", from: "key" } };
    const { skipped } = read({ "group_event/quarter": "2031-Q1" }, { mapping: byKey });
    expect(skipped.find((skip) => skip.indicator === "T1")).toEqual({
      submission: id,
      indicator: "T1",
      code: "outsidePlan",
      params: { period: "2031-Q1", field: "group_event/quarter" },
    });
  });

  it("skips the whole submission when its period has no answer or is not a date", () => {
    expect(read({ "group_event/event_date": undefined }).skipped).toEqual([
      { submission: id, code: "noAnswer", params: { field: "group_event/event_date" } },
    ]);
    expect(read({ "group_event/event_date": "03/05/2014" }).skipped).toEqual([
      { submission: id, code: "notADate", params: { field: "group_event/event_date", value: "03/05/2014" } },
    ]);
  });

  it("says a submission already imported, whole or in part, and creates nothing twice", () => {
    const all = read({}, { known: [`${id}:T1`, `${id}:T2`, `${id}:T3`] });
    expect(all).toEqual({ entries: [], skipped: [{ submission: id, code: "alreadyImported", params: {} }] });
    const part = read({}, { known: [`${id}:T1`] });
    expect(part.entries.map((entry) => entry.indicatorCode)).toEqual(["T2", "T3"]);
    expect(part.skipped).toEqual([{ submission: id, indicator: "T1", code: "alreadyImported", params: {} }]);
  });

  it("falls back on _id when a server gives no _uuid", () => {
    const { entries } = readSubmission({
      submission: { ...submission({}), _uuid: undefined },
      mapping,
      rules,
      known: new Set(),
      today: "2026-01-01",
    });
    expect(entries[0]?.externalId).toBe("101:T1");
  });
});

describe("formNotes", () => {
  it("reports mapped fields no submission has and fields the mapping does not use, not Kobo's metadata", () => {
    const submissions = [
      submission({
        "group_event/region": undefined,
        "group_location/region_name": "afr",
        "group_new/extra": "1",
      }),
    ].map(
      (s) => Object.fromEntries(Object.entries(s).filter(([, value]) => value !== undefined)) as Submission,
    );
    expect(
      formNotes(submissions, ["group_event/region", "group_event/event_date", "_submission_time"]),
    ).toEqual([
      { code: "fieldMissing", params: { field: "group_event/region" } },
      { code: "unmappedField", params: { field: "group_eval/satisfied_pct" } },
      { code: "unmappedField", params: { field: "group_event/notes" } },
      { code: "unmappedField", params: { field: "group_event/sessions" } },
      { code: "unmappedField", params: { field: "group_location/region_name" } },
      { code: "unmappedField", params: { field: "group_new/extra" } },
      { code: "unmappedField", params: { field: "group_participants/men" } },
      { code: "unmappedField", params: { field: "group_participants/total" } },
      { code: "unmappedField", params: { field: "group_participants/trans" } },
      { code: "unmappedField", params: { field: "group_participants/women" } },
    ]);
    expect(formNotes([], ["anything"])).toEqual([]);
  });
});
