import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { noSecrets, parseValues } from "../forms/parse.server";
import {
  changedGroups,
  definitionToForm,
  type FormContext,
  type FormValues,
  type IndicatorDefinition,
  keepTargetCitations,
} from "./definition";
import { genders } from "./dimensions";
import { indicatorFormSchema } from "./form-schema";
import { planPeriods } from "./periods";

const plan = { startDate: "2013-01-01", endDate: "2015-12-31" };
const context = (overrides: Partial<FormContext> = {}): FormContext => ({
  locale: "en",
  plan,
  today: "2016-03-01",
  elementCodes: new Set(["O1", "O1.S1", "O1.S1.A1"]),
  people: new Set(["person-1"]),
  references: {
    region: [{ code: "africa" }, { code: "europe" }],
    language: [{ code: "en" }, { code: "fr" }],
  },
  genderCodes: genders,
  previous: null,
  ...overrides,
});

const valid = (): FormValues => ({
  code: "T1",
  name_en: "Leaders trained",
  name_fr: "Leaders formés",
  measure: "number",
  direction: "increase",
  aggregation: "per_period",
  frequency: "annual",
  baselineValue: "10",
  baselineDate: "2012-12-31",
  dim_region: "on",
  dim_gender: "on",
  elements: ["O1.S1.A1", "O1"],
  targetsByCell: "on",
  "target:2013": "20",
  "target:2014": "30",
  "target:2014:gender=women": "15",
});

/** The form read as `parseForm` reads it: the definition, or the problems (one per field) the page shows. */
function readIndicatorForm(values: FormValues, formContext: FormContext) {
  const read = parseValues(values, indicatorFormSchema(formContext), { secret: noSecrets });
  return read.ok
    ? { definition: read.data, problems: [] }
    : { definition: null, problems: read.refusal.problems };
}

const fieldsOf = (values: FormValues, overrides: Partial<FormContext> = {}) =>
  readIndicatorForm(values, context(overrides)).problems.map((problem) => [
    problem.field,
    problem.message.key,
  ]);

describe("reading the indicator form", () => {
  it("reads a complete form into a definition", () => {
    const read = readIndicatorForm(valid(), context());
    expect(read.problems).toEqual([]);
    expect(read.definition).toMatchObject({
      code: "T1",
      name: { en: "Leaders trained", fr: "Leaders formés" },
      definition: null,
      baselineValue: 10,
      dimensions: [{ code: "region" }, { code: "gender" }],
      elements: ["O1", "O1.S1.A1"],
      targets: [
        { periodKey: "2013", cell: {}, value: 20 },
        { periodKey: "2014", cell: {}, value: 30 },
        { periodKey: "2014", cell: { gender: "women" }, value: 15 },
      ],
    });
  });

  it("reads a French decimal comma in French, and refuses it in English", () => {
    const values = { ...valid(), measure: "percentage", baselineValue: "12,5", "target:2013": "40,5" };
    expect(readIndicatorForm(values, context({ locale: "fr" })).definition?.baselineValue).toBe(12.5);
    expect(fieldsOf(values)).toEqual([
      ["baselineValue", "indicators.error.notANumber"],
      ["target:2013", "indicators.error.notANumber"],
    ]);
  });

  it("names each field that is wrong", () => {
    const cases: [FormValues, [string, string][]][] = [
      [{ ...valid(), name_en: "" }, [["name_en", "indicators.error.nameRequired"]]],
      [{ ...valid(), code: "I 4" }, [["code", "indicators.error.codeFormat"]]],
      [{ ...valid(), code: "New" }, [["code", "indicators.error.codeReserved"]]],
      [
        { ...valid(), definition_fr: "Seulement en français" },
        [["definition_en", "indicators.error.englishFirst"]],
      ],
      [{ ...valid(), measure: "volume" }, [["measure", "indicators.error.choose"]]],
      [{ ...valid(), direction: "maintain" }, [["tolerance", "indicators.error.toleranceRequired"]]],
      [
        { ...valid(), direction: "maintain", tolerance: "-1" },
        [["tolerance", "indicators.error.toleranceRequired"]],
      ],
      [{ ...valid(), "target:2013": "-3" }, [["target:2013", "indicators.error.negative"]]],
      // A count's baseline and targets are whole numbers.
      [{ ...valid(), "target:2013": "20.5" }, [["target:2013", "indicators.error.notWhole"]]],
      [{ ...valid(), baselineValue: "10.25" }, [["baselineValue", "indicators.error.notWhole"]]],
      [{ ...valid(), "target:2013": "=1+1" }, [["target:2013", "indicators.error.notANumber"]]],
      [
        { ...valid(), measure: "percentage", "target:2014": "120" },
        [["target:2014", "indicators.error.percentageRange"]],
      ],
      [{ ...valid(), baselineDate: "2016-03-02" }, [["baselineDate", "indicators.error.baselineFuture"]]],
      [{ ...valid(), baselineDate: "31/12/2012" }, [["baselineDate", "indicators.error.date"]]],
      [{ ...valid(), baselineValue: "" }, [["baselineValue", "indicators.error.baselineIncomplete"]]],
      [
        { ...valid(), measure: "qualitative", scale: "Only one level" },
        [["scale", "indicators.error.scaleLevels"]],
      ],
      [{ ...valid(), elements: [] }, [["elements", "indicators.error.elementsRequired"]]],
      [{ ...valid(), elements: ["O9"] }, [["elements", "form.invalid"]]],
      [
        { ...valid(), responsibleId: "someone-else" },
        [["responsibleId", "indicators.error.responsibleUnknown"]],
      ],
      // Targets typed for quarters, then the frequency changed to yearly without updating the form.
      [{ ...valid(), "target:2013-Q1": "5" }, [["targets", "indicators.error.targetPeriods"]]],
      // A per-value target for a dimension that is no longer ticked.
      [{ ...valid(), dim_gender: "" }, [["targets", "indicators.error.targetPeriods"]]],
      [
        { ...valid(), custom_0_code: "Age", custom_0_label_en: "Age", custom_0_values: "youth: Young" },
        [
          ["custom_0_code", "indicators.error.customCode"],
          ["custom_0_values", "indicators.error.customValues"],
        ],
      ],
      [
        { ...valid(), custom_0_code: "region", custom_0_label_en: "Region", custom_0_values: "a\nb" },
        [["custom_0_code", "indicators.error.customCode"]],
      ],
      [
        { ...valid(), custom_0_code: "age", custom_0_label_en: "Age", custom_0_values: "Young\nYOUNG" },
        [["custom_0_values", "indicators.error.customValueRepeated"]],
      ],
    ];
    for (const [values, expected] of cases)
      expect(fieldsOf(values), JSON.stringify(values)).toEqual(expected);
  });

  it("reads custom dimensions with their values, codes made from labels when none is given", () => {
    const read = readIndicatorForm(
      {
        ...valid(),
        dim_region: "",
        dim_gender: "",
        targetsByCell: "",
        "target:2014:gender=women": "",
        custom_0_code: "age_group",
        custom_0_label_en: "Age group",
        custom_0_label_fr: "Tranche d’âge",
        custom_0_values: "youth: Under 25 | Moins de 25 ans\n25 and over",
      },
      context(),
    );
    expect(read.problems).toEqual([]);
    expect(read.definition?.dimensions).toEqual([
      {
        code: "age_group",
        label: { en: "Age group", fr: "Tranche d’âge" },
        values: [
          { code: "youth", label: { en: "Under 25", fr: "Moins de 25 ans" } },
          { code: "25-and-over", label: { en: "25 and over" } },
        ],
      },
    ]);
  });

  it("keeps texts in languages the form does not show", () => {
    const previous = readIndicatorForm(valid(), context()).definition as IndicatorDefinition;
    const withSpanish = { ...previous, name: { ...previous.name, es: "Líderes formados" } };
    const read = readIndicatorForm({ ...valid(), name_fr: "" }, context({ previous: withSpanish }));
    expect(read.definition?.name).toEqual({ en: "Leaders trained", es: "Líderes formados" });
    // The code of an existing indicator is not taken from the form.
    expect(readIndicatorForm({ ...valid(), code: "X9" }, context({ previous })).definition?.code).toBe("T1");
    // The edit page sends no code at all: the indicator keeps its own.
    const { code: _, ...withoutCode } = valid();
    expect(readIndicatorForm(withoutCode, context({ previous })).definition?.code).toBe("T1");
  });

  it("gives back the same definition from the form it fills in (any targets, either language)", () => {
    // Percentages, so that targets with decimals (a comma in French) go round too; a count's are whole.
    fc.assert(
      fc.property(
        fc.constantFrom("annual", "semi_annual", "quarterly", "monthly", "life_of_plan"),
        fc.constantFrom("en", "fr") as fc.Arbitrary<"en" | "fr">,
        fc.array(
          fc.option(
            fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100),
            { nil: null },
          ),
          {
            maxLength: 40,
          },
        ),
        (frequency, locale, values) => {
          const periods = planPeriods(plan, frequency);
          const definition: IndicatorDefinition = {
            ...(readIndicatorForm({ ...valid(), measure: "percentage" }, context())
              .definition as IndicatorDefinition),
            frequency,
            targets: periods.flatMap((period, i) => {
              const value = values[i];
              return value === null || value === undefined
                ? []
                : [{ periodKey: period.key, cell: {}, value }];
            }),
          };
          const read = readIndicatorForm(
            definitionToForm(definition, locale),
            context({ locale, previous: definition }),
          );
          expect(read.problems).toEqual([]);
          expect(read.definition).toEqual(definition);
          expect(changedGroups(definition, read.definition as IndicatorDefinition)).toEqual([]);
        },
      ),
    );
  });
});

describe("what a change touches", () => {
  it("names the parts that differ, whatever the order of targets and elements", () => {
    const before = readIndicatorForm(valid(), context()).definition as IndicatorDefinition;
    expect(
      changedGroups(before, {
        ...before,
        elements: [...before.elements].reverse(),
        targets: [...before.targets].reverse(),
      }),
    ).toEqual([]);
    expect(changedGroups(before, { ...before, baselineNote: { en: "From the 2012 survey" } })).toEqual([
      "baseline",
    ]);
    expect(changedGroups(before, { ...before, tolerance: 3, aggregation: "latest", dimensions: [] })).toEqual(
      ["direction", "aggregation", "dimensions"],
    );
  });
});

describe("the citations of targets a source states, through an edit", () => {
  const citation = { source: "review-2015", section: "A section", quote: "A passage." };
  const before = [
    { periodKey: "2013", cell: {}, value: 20, citation },
    { periodKey: "2014", cell: {}, value: 30, citation },
    { periodKey: "2015", cell: {}, value: 40 },
  ];

  it("stay on the targets whose value is kept, and leave those whose value changed", () => {
    const edited = [
      { periodKey: "2013", cell: {}, value: 20 },
      { periodKey: "2014", cell: {}, value: 35 },
      { periodKey: "2015", cell: {}, value: 40 },
    ];
    expect(keepTargetCitations(edited, before)).toEqual([
      { periodKey: "2013", cell: {}, value: 20, citation },
      { periodKey: "2014", cell: {}, value: 35 },
      { periodKey: "2015", cell: {}, value: 40 },
    ]);
  });

  it("are no change of targets when the values are kept", () => {
    const definition = readIndicatorForm(valid(), context()).definition as IndicatorDefinition;
    const cited = { ...definition, targets: definition.targets.map((target) => ({ ...target, citation })) };
    const edited = { ...definition, targets: keepTargetCitations(definition.targets, cited.targets) };
    expect(changedGroups(cited, edited)).toEqual([]);
  });
});

describe("the indicator form's refusal", () => {
  it("carries the values its messages quote: a limit, the line of a value, the levels of a scale", () => {
    const read = (values: FormValues) =>
      parseValues(values, indicatorFormSchema(context()), { secret: noSecrets });
    const refused = read({
      ...valid(),
      name_en: "x".repeat(301),
      measure: "qualitative",
      scale: "Started\nDone",
      "target:2013": "5",
      custom_0_code: "age",
      custom_0_label_en: "Age",
      custom_0_values: "Young\nX Y: !",
    });
    if (refused.ok) throw new Error("refused");
    expect(refused.refusal.problems).toEqual(
      expect.arrayContaining([
        { field: "name_en", message: { key: "indicators.error.tooLong", values: { max: 300 } } },
        { field: "target:2013", message: { key: "indicators.error.notOnScale", values: { max: 1 } } },
        {
          field: "custom_0_values",
          message: { key: "indicators.error.customValueCode", values: { value: "X Y: !" } },
        },
      ]),
    );
    // Nothing typed is lost: the values come back as sent, `code` fields included (they are no secrets here).
    expect(refused.refusal.values).toMatchObject({ code: "T1", custom_0_code: "age" });
  });
});
