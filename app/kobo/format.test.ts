import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ResolvedDimension } from "../indicators/dimensions";
import {
  checkMapping,
  emptyMapping,
  formFromMapping,
  type IndicatorSource,
  type KoboMapping,
  type MappableIndicator,
  mappedFields,
  mappingFromForm,
  mappingSchema,
} from "./format";
import { messages } from "./messages";

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
const plan: MappableIndicator[] = [
  { code: "T1", dimensions: [region, gender] },
  { code: "T2", dimensions: [] },
  { code: "T3", dimensions: [region] },
];

const good: KoboMapping = {
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
  ],
};

describe("checkMapping", () => {
  it("accepts a mapping that fits the plan", () => {
    expect(checkMapping(good, plan)).toEqual([]);
  });

  it("names the input and the reason of each problem", () => {
    const bad: KoboMapping = {
      ...good,
      period: null,
      dimensions: {
        region: { field: "r", choices: { atl: "atlantis" } },
        colour: { field: "c", choices: {} },
      },
      indicators: [
        { indicator: "T9", value: "x", cells: [], totalOnly: false },
        { indicator: "T2", value: null, cells: [{ field: "a", at: { gender: "women" } }], totalOnly: false },
        {
          indicator: "T1",
          value: null,
          cells: [
            { field: "w", at: { gender: "women", region: "africa" } },
            { field: "m", at: { gender: "nonbinary" } },
            { field: "x", at: { colour: "red" } },
          ],
          totalOnly: false,
        },
      ],
    };
    expect(checkMapping(bad, plan)).toEqual([
      { field: "periodField", message: { key: "kobo.mapping.periodRequired" } },
      {
        field: "dim:region:choices",
        message: {
          key: "kobo.mapping.unknownChoiceValue",
          values: { choice: "atl", value: "atlantis", dimension: "region" },
        },
      },
      {
        field: "dim:colour:field",
        message: { key: "kobo.mapping.unknownDimension", values: { dimension: "colour" } },
      },
      { field: "ind:T9:value", message: { key: "kobo.mapping.unknownIndicator", values: { code: "T9" } } },
      { field: "ind:T2:cells", message: { key: "kobo.mapping.noDimensions", values: { code: "T2" } } },
      {
        field: "ind:T1:cells",
        message: { key: "kobo.mapping.cellAndField", values: { line: 1, dimension: "region", field: "r" } },
      },
      {
        field: "ind:T1:cells",
        message: {
          key: "kobo.mapping.cellUnknownValue",
          values: { line: 2, dimension: "gender", value: "nonbinary" },
        },
      },
      {
        field: "ind:T1:cells",
        message: {
          key: "kobo.mapping.cellUnknownDimension",
          values: { line: 3, dimension: "colour", code: "T1" },
        },
      },
      {
        field: "ind:T1:cells",
        message: { key: "kobo.mapping.cellMissingDimensions", values: { line: 3, dimensions: "gender" } },
      },
    ]);
  });

  it("refuses a disaggregation given in part, unless only the total is recorded", () => {
    const partial: KoboMapping = {
      ...good,
      indicators: [{ indicator: "T1", value: "group_participants/total", cells: [], totalOnly: false }],
    };
    expect(checkMapping(partial, plan)).toEqual([
      {
        field: "ind:T1:value",
        message: {
          key: "kobo.mapping.partialDimensions",
          values: { code: "T1", given: "region", missing: "gender" },
        },
      },
    ]);
    const [source] = partial.indicators;
    const totalOnly = { ...partial, indicators: [{ ...(source as IndicatorSource), totalOnly: true }] };
    expect(checkMapping(totalOnly, plan)).toEqual([]);
  });

  it("asks for the total of a percentage given in parts (percentages do not add up)", () => {
    const share: MappableIndicator = { code: "P1", dimensions: [gender], measure: "percentage" };
    const cellsOnly: KoboMapping = {
      ...good,
      dimensions: {},
      indicators: [
        {
          indicator: "P1",
          value: null,
          cells: [{ field: "w", at: { gender: "women" } }],
          totalOnly: false,
        },
      ],
    };
    expect(checkMapping(cellsOnly, [share])).toEqual([
      { field: "ind:P1:value", message: { key: "kobo.mapping.totalRequired", values: { code: "P1" } } },
    ]);
  });

  it("requires a period and an indicator only of a complete mapping", () => {
    expect(checkMapping(emptyMapping, plan).map((problem) => problem.message.key)).toEqual([
      "kobo.mapping.periodRequired",
      "kobo.mapping.noIndicator",
    ]);
    expect(checkMapping(emptyMapping, plan, { complete: false })).toEqual([]);
  });

  it("uses only message keys of the catalogue", () => {
    const keys = checkMapping(
      {
        ...emptyMapping,
        dimensions: { x: { field: "x", choices: {} } },
        indicators: [{ indicator: "T2", value: null, cells: [], totalOnly: false }],
      },
      plan,
    ).map((problem) => problem.message.key);
    for (const key of keys) expect(messages.en).toHaveProperty(key);
  });
});

describe("the mapping form", () => {
  it("reads back what it shows", () => {
    const { mapping, problems } = mappingFromForm(formFromMapping(good), plan);
    expect(problems).toEqual([]);
    expect(mapping).toEqual(good);
  });

  it("round-trips any mapping it can show (property)", () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}(\/[a-z_][a-z0-9_]{0,8})?$/);
    const arbitraryMapping = fc.record({
      period: fc.record({ field: name, from: fc.constantFrom("date" as const, "key" as const) }),
      reportedOn: fc.option(name, { nil: null }),
      narrative: fc.option(name, { nil: null }),
      regionField: fc.option(name, { nil: null }),
      choices: fc.dictionary(name, fc.constantFrom("africa", "europe"), { maxKeys: 3 }),
      t2: fc.option(name, { nil: null }),
      t3: fc.option(name, { nil: null }),
    });
    fc.assert(
      fc.property(arbitraryMapping, (arbitrary) => {
        const mapping: KoboMapping = {
          version: 1,
          period: arbitrary.period,
          reportedOn: arbitrary.reportedOn,
          narrative: arbitrary.narrative,
          dimensions: arbitrary.regionField
            ? { region: { field: arbitrary.regionField, choices: arbitrary.choices } }
            : {},
          indicators: [
            ...(arbitrary.t2 ? [{ indicator: "T2", value: arbitrary.t2, cells: [], totalOnly: false }] : []),
            ...(arbitrary.t3 ? [{ indicator: "T3", value: arbitrary.t3, cells: [], totalOnly: false }] : []),
          ],
        };
        const read = mappingFromForm(formFromMapping(mapping), plan);
        expect(read.mapping).toEqual(mapping);
        expect(mappingSchema.parse(read.mapping)).toEqual(mapping);
      }),
    );
  });

  it("says which line of a text area is wrong", () => {
    const { problems } = mappingFromForm(
      {
        periodField: "group_event/event_date",
        "dim:region:field": "group_event/region",
        "dim:region:choices": "afr = africa\nnot a translation\nafr = europe",
        "ind:T1:value": "bad field name!",
        "ind:T1:cells": "group_participants/women = gender:women\ngroup_participants/men gender men",
        "ind:T2:value": "group_event/sessions",
      },
      plan,
    );
    expect(problems).toEqual([
      { field: "dim:region:choices", message: { key: "kobo.mapping.choiceLine", values: { line: 2 } } },
      {
        field: "dim:region:choices",
        message: { key: "kobo.mapping.repeatedChoice", values: { line: 3, choice: "afr" } },
      },
      {
        field: "ind:T1:value",
        message: { key: "kobo.mapping.fieldName", values: { field: "bad field name!" } },
      },
      { field: "ind:T1:cells", message: { key: "kobo.mapping.cellLine", values: { line: 2 } } },
    ]);
  });

  it("ignores empty lines and # comments, and an indicator left empty", () => {
    const { mapping, problems } = mappingFromForm(
      {
        periodField: "when",
        periodFrom: "key",
        "dim:region:field": "where",
        "dim:region:choices": "\n# Kobo → ours\nafr = africa\n",
        "ind:T3:value": "count",
      },
      plan,
    );
    expect(problems).toEqual([]);
    expect(mapping.period).toEqual({ field: "when", from: "key" });
    expect(mapping.dimensions.region?.choices).toEqual({ afr: "africa" });
    expect(mapping.indicators.map((source) => source.indicator)).toEqual(["T3"]);
  });

  it("lists the fields a mapping reads", () => {
    expect(mappedFields(good).sort()).toEqual(
      [
        "group_event/event_date",
        "group_event/notes",
        "group_event/region",
        "group_participants/total",
        "group_participants/women",
        "group_participants/men",
        "group_participants/trans",
        "group_event/sessions",
      ].sort(),
    );
  });
});
