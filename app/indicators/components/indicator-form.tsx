import { Form } from "react-router";
import { Button } from "../../components/ui/button";
import { Field, Select, TextArea } from "../../components/ui/field";
import { TableScroll } from "../../components/ui/table";
import { type Message, problemAt, problemsIn, wholeForm } from "../../forms/problem";
import { pickText, type Translate, useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/messages";
import type { ElementKind, LocalizedText } from "../../plan-graph/vocabulary";
import {
  codeFromLabel,
  customSlots,
  dimensionChoices,
  type FormValues,
  formPeriods,
  one,
  targetField,
} from "../definition";
import type { DimensionValue } from "../dimensions";
import { periodLabel } from "../display";
import { frequencies } from "../periods";
import { aggregationModes, directions, measures } from "../values";

export type IndicatorFormChoices = {
  elements: { code: string; kind: ElementKind; title: LocalizedText; depth: number }[];
  people: { id: string; name: string; email: string }[];
  references: { region: DimensionValue[]; language: DimensionValue[] };
  genders: string[];
};

/** The label of a value of a dimension: reference-list labels, translated genders, custom labels. */
export function useDimensionValueLabel() {
  const { t, locale } = useI18n();
  return (dimension: string, value: DimensionValue | { code: string; label?: LocalizedText | null }) => {
    if (dimension === "gender" && (value.code === "women" || value.code === "men" || value.code === "trans"))
      return t(`indicators.gender.${value.code}`);
    return value.label ? pickText(value.label, locale).text : value.code;
  };
}

/** A problem in the reader's language; the changes a rationale is asked for are named, not coded. */
export function translateProblem(t: Translate, message: Message | undefined) {
  if (!message) return undefined;
  const values = { ...message.values };
  if (typeof values.changes === "string") {
    values.changes = values.changes
      .split(",")
      .map((group) => t(`indicators.change.${group}` as MessageKey))
      .join(", ");
  }
  return t(message.key, values);
}

/** An English and a French input for one text (other languages are kept as they were). */
function Localized({
  name,
  label,
  values,
  errors,
  multiline = false,
}: {
  name: string;
  label: string;
  values: FormValues;
  errors: (field: string) => string | undefined;
  multiline?: boolean;
}) {
  const { t } = useI18n();
  const Input = multiline ? TextArea : Field;
  return (
    <div className="field-pair">
      <Input
        label={`${label} (${t("language.en")})`}
        name={`${name}_en`}
        lang="en"
        defaultValue={one(values, `${name}_en`)}
        error={errors(`${name}_en`)}
      />
      <Input
        label={`${label} (${t("language.fr")})`}
        name={`${name}_fr`}
        lang="fr"
        defaultValue={one(values, `${name}_fr`)}
        error={errors(`${name}_fr`)}
      />
    </div>
  );
}

/**
 * The indicator form, for a new indicator and for a change. Every value comes from `values` (the stored definition,
 * or what was posted), so nothing typed is lost when the server refuses it. Works without JavaScript: "Update the
 * form" redraws the targets table for a new frequency, disaggregation or scale without saving.
 */
export function IndicatorForm({
  mode,
  values,
  answer,
  choices,
  plan,
  revision,
  results = 0,
  code,
}: {
  mode: "new" | "edit";
  values: FormValues;
  /** The action's answer: a `FormRefusal` shows its problems next to their fields. */
  answer?: unknown;
  choices: IndicatorFormChoices;
  plan: { startDate: string; endDate: string };
  revision?: number;
  results?: number;
  code?: string;
}) {
  const { t, locale } = useI18n();
  const problems = problemsIn(answer);
  const errors = (field: string) => translateProblem(t, problemAt(answer, field));
  const valueLabel = useDimensionValueLabel();
  const periods = formPeriods(values, plan);
  const measure = one(values, "measure");
  // Targets are stated in the indicator's own terms: per period, running totals or levels.
  const aggregation = aggregationModes.find((mode) => mode === one(values, "aggregation")) ?? "per_period";
  const scale = one(values, "scale")
    .split(/\r?\n/)
    .map((line) => line.split("|")[locale === "fr" ? 1 : 0]?.trim() || line.split("|")[0]?.trim() || "")
    .filter(Boolean);
  const byCell = one(values, "targetsByCell") === "on";
  const chosenBuiltIn = (["region", "gender", "language"] as const).filter(
    (d) => one(values, `dim_${d}`) === "on",
  );
  const slots = customSlots(values);
  const customDimensions = Array.from({ length: slots }, (_, i) => ({
    code: one(values, `custom_${i}_code`),
    label: one(values, `custom_${i}_label_en`),
    values: one(values, `custom_${i}_values`)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const colon = line.indexOf(":");
        const explicit = colon > 0 ? line.slice(0, colon).trim() : "";
        const en = (colon > 0 ? line.slice(colon + 1) : line).split("|")[0]?.trim() ?? "";
        return { code: explicit || codeFromLabel(en), label: { en } };
      }),
  })).filter((dimension) => dimension.code && dimension.values.length >= 2);
  const choicesByDimension = dimensionChoices(
    chosenBuiltIn.map((code) => ({ code })),
    choices.references,
    choices.genders,
  );
  const cellColumns: { dimension: string; code: string; label: string }[] = byCell
    ? [
        ...chosenBuiltIn.flatMap((dimension) =>
          (choicesByDimension[dimension] ?? []).map((value) => ({
            dimension,
            code: value,
            label: valueLabel(
              dimension,
              dimension === "gender"
                ? { code: value }
                : (choices.references[dimension as "region" | "language"].find(
                    (item) => item.code === value,
                  ) ?? {
                    code: value,
                  }),
            ),
          })),
        ),
        ...customDimensions.flatMap((dimension) =>
          dimension.values.map((value) => ({
            dimension: dimension.code,
            code: value.code,
            label: value.label.en,
          })),
        ),
      ]
    : [];
  const ticked = new Set(
    Array.isArray(values.elements) ? values.elements : values.elements ? [values.elements] : [],
  );
  const targetInput = (periodKey: string, cell: Record<string, string>, label: string) => {
    const name = targetField(periodKey, cell);
    const common = {
      name,
      "aria-label": t("indicators.form.targetFor", { period: periodLabel(periodKey, t), cell: label }),
      defaultValue: one(values, name),
      "aria-invalid": errors(name) ? true : undefined,
    };
    return measure === "qualitative" && scale.length ? (
      <select {...common}>
        <option value="">—</option>
        {scale.map((level, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a level is its position on the scale
          <option key={i} value={String(i)}>
            {i}. {level}
          </option>
        ))}
      </select>
    ) : (
      <input type="text" inputMode="decimal" {...common} />
    );
  };
  const targetErrors = problems.filter((found) => found.field.startsWith("target:"));

  return (
    <Form method="post" noValidate className="indicator-form">
      {revision !== undefined && <input type="hidden" name="revision" value={revision} />}
      {errors("form") && (
        <p className="form-error" role="alert">
          {errors("form")}
        </p>
      )}
      {problems.length > 0 && !errors(wholeForm) && (
        <p className="form-error" role="alert">
          {t("indicators.form.hasErrors")}
        </p>
      )}

      <fieldset className="form-section">
        <legend>{t("indicators.form.identity")}</legend>
        {mode === "new" ? (
          <Field
            label={t("indicators.field.code")}
            hint={t("indicators.field.codeHint")}
            name="code"
            defaultValue={one(values, "code")}
            error={errors("code")}
            autoComplete="off"
          />
        ) : (
          <p>
            <strong>{t("label.colon", { label: t("indicators.field.code") })}</strong>{" "}
            <span className="code">{code}</span>{" "}
            <span className="meta">{t("indicators.field.codeFixed")}</span>
          </p>
        )}
        <Localized name="name" label={t("indicators.field.name")} values={values} errors={errors} />
        <Localized
          name="definition"
          label={t("indicators.field.definition")}
          values={values}
          errors={errors}
          multiline
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("indicators.form.measure")}</legend>
        <Select
          label={t("indicators.field.measure")}
          name="measure"
          defaultValue={measure}
          error={errors("measure")}
          options={measures.map((value) => ({ value, label: t(`indicators.measure.${value}`) }))}
        />
        <TextArea
          label={t("indicators.field.scale")}
          hint={t("indicators.field.scaleHint")}
          name="scale"
          defaultValue={one(values, "scale")}
          error={errors("scale")}
          rows={5}
        />
        <Localized name="unit" label={t("indicators.field.unit")} values={values} errors={errors} />
        <Select
          label={t("indicators.field.direction")}
          name="direction"
          defaultValue={one(values, "direction")}
          error={errors("direction")}
          options={directions.map((value) => ({ value, label: t(`indicators.direction.${value}`) }))}
        />
        <Field
          label={t("indicators.field.tolerance")}
          hint={t("indicators.field.toleranceHint")}
          name="tolerance"
          inputMode="decimal"
          defaultValue={one(values, "tolerance")}
          error={errors("tolerance")}
        />
        <Select
          label={t("indicators.field.aggregation")}
          hint={t("indicators.field.aggregationHint")}
          name="aggregation"
          defaultValue={one(values, "aggregation")}
          error={errors("aggregation")}
          options={aggregationModes.map((value) => ({ value, label: t(`indicators.aggregation.${value}`) }))}
        />
        <Select
          label={t("indicators.field.frequency")}
          hint={t("indicators.field.frequencyHint")}
          name="frequency"
          defaultValue={one(values, "frequency")}
          error={errors("frequency")}
          options={frequencies.map((value) => ({ value, label: t(`indicators.frequency.${value}`) }))}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("indicators.form.baseline")}</legend>
        <div className="field-pair">
          <Field
            label={t("indicators.field.baselineValue")}
            name="baselineValue"
            inputMode="decimal"
            defaultValue={one(values, "baselineValue")}
            error={errors("baselineValue")}
          />
          <Field
            label={t("indicators.field.baselineDate")}
            hint={t("indicators.field.dateHint")}
            name="baselineDate"
            type="date"
            defaultValue={one(values, "baselineDate")}
            error={errors("baselineDate")}
          />
        </div>
        <Localized
          name="baselineNote"
          label={t("indicators.field.baselineNote")}
          values={values}
          errors={errors}
          multiline
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("indicators.form.dimensions")}</legend>
        <p className="field-hint">{t("indicators.form.dimensionsHint")}</p>
        {(["region", "gender", "language"] as const).map((dimension) => (
          <label key={dimension} className="check">
            <input
              type="checkbox"
              name={`dim_${dimension}`}
              value="on"
              defaultChecked={chosenBuiltIn.includes(dimension)}
            />{" "}
            {t(`indicators.dimension.${dimension}`)}{" "}
            <span className="meta">
              (
              {(dimension === "gender"
                ? choices.genders.map((code) => valueLabel("gender", { code }))
                : choices.references[dimension].map((value) => valueLabel(dimension, value))
              ).join(", ")}
              )
            </span>
          </label>
        ))}
        {Array.from({ length: slots }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: slots are positional form fields
          <fieldset key={i} className="form-subsection">
            <legend>{t("indicators.form.customDimension", { number: i + 1 })}</legend>
            <Field
              label={t("indicators.field.customCode")}
              hint={t("indicators.field.customCodeHint")}
              name={`custom_${i}_code`}
              defaultValue={one(values, `custom_${i}_code`)}
              error={errors(`custom_${i}_code`)}
              autoComplete="off"
            />
            <div className="field-pair">
              <Field
                label={`${t("indicators.field.customLabel")} (${t("language.en")})`}
                name={`custom_${i}_label_en`}
                defaultValue={one(values, `custom_${i}_label_en`)}
                error={errors(`custom_${i}_label_en`)}
              />
              <Field
                label={`${t("indicators.field.customLabel")} (${t("language.fr")})`}
                name={`custom_${i}_label_fr`}
                lang="fr"
                defaultValue={one(values, `custom_${i}_label_fr`)}
                error={errors(`custom_${i}_label_fr`)}
              />
            </div>
            <TextArea
              label={t("indicators.field.customValues")}
              hint={t("indicators.field.customValuesHint")}
              name={`custom_${i}_values`}
              defaultValue={one(values, `custom_${i}_values`)}
              error={errors(`custom_${i}_values`)}
              rows={4}
            />
          </fieldset>
        ))}
      </fieldset>

      <fieldset className={errors("elements") ? "form-section field-invalid" : "form-section"}>
        <legend>{t("indicators.form.elements")}</legend>
        <p className="field-hint">{t("indicators.form.elementsHint")}</p>
        {errors("elements") && (
          <p className="field-error" role="alert">
            {errors("elements")}
          </p>
        )}
        <ul className="element-choices">
          {choices.elements.map((element) => {
            const title = pickText(element.title, locale);
            return (
              <li key={element.code} className={`depth-${Math.min(element.depth, 3)}`}>
                <label className="check">
                  <input
                    type="checkbox"
                    name="elements"
                    value={element.code}
                    defaultChecked={ticked.has(element.code)}
                  />{" "}
                  <span className="code">{element.code}</span>{" "}
                  <span className="visually-hidden">({t(`kind.${element.kind}`)})</span>
                  <span lang={title.lang}>{title.text}</span>
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t("indicators.form.verification")}</legend>
        <Localized
          name="meansOfVerification"
          label={t("indicators.field.meansOfVerification")}
          values={values}
          errors={errors}
          multiline
        />
        <Localized
          name="dataSource"
          label={t("indicators.field.dataSource")}
          values={values}
          errors={errors}
        />
        <Select
          label={t("indicators.field.responsible")}
          name="responsibleId"
          defaultValue={one(values, "responsibleId")}
          error={errors("responsibleId")}
          options={[
            { value: "", label: t("indicators.field.nobody") },
            ...choices.people.map((person) => ({
              value: person.id,
              label: `${person.name} (${person.email})`,
            })),
          ]}
        />
      </fieldset>

      <fieldset className={errors("targets") ? "form-section field-invalid" : "form-section"}>
        <legend>{t("indicators.form.targets")}</legend>
        <p className="field-hint">{t(`indicators.form.targetsHint.${aggregation}`)}</p>
        <p className="field-hint">{t("indicators.form.updateHint")}</p>
        {errors("targets") && (
          <p className="field-error" role="alert">
            {errors("targets")}
          </p>
        )}
        <label className="check">
          <input type="checkbox" name="targetsByCell" value="on" defaultChecked={byCell} />{" "}
          {t("indicators.field.targetsByCell")}
        </label>
        {targetErrors.length > 0 && (
          <ul className="field-error" role="alert">
            {targetErrors.map(({ field, message }) => (
              <li key={field}>
                {t("label.colon", { label: field.slice("target:".length) })} {translateProblem(t, message)}
              </li>
            ))}
          </ul>
        )}
        <TableScroll label={t("indicators.form.targetsCaption", { count: periods.length })}>
          <table className="targets-table">
            <caption>{t("indicators.form.targetsCaption", { count: periods.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("indicators.table.period")}</th>
                <th scope="col">{t("indicators.table.total")}</th>
                {cellColumns.map((column) => (
                  <th scope="col" key={`${column.dimension}=${column.code}`}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => (
                <tr key={period.key}>
                  <th scope="row">
                    {periodLabel(period.key, t)}
                    <br />
                    <span className="meta small">
                      {period.start} – {period.end}
                    </span>
                  </th>
                  <td>{targetInput(period.key, {}, t("indicators.table.total"))}</td>
                  {cellColumns.map((column) => (
                    <td key={`${column.dimension}=${column.code}`}>
                      {targetInput(period.key, { [column.dimension]: column.code }, column.label)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </fieldset>

      {mode === "edit" && (
        <fieldset className="form-section">
          <legend>{t("indicators.form.rationale")}</legend>
          <TextArea
            label={t("indicators.field.rationale")}
            hint={
              results > 0
                ? t("indicators.field.rationaleRequiredHint", { count: results })
                : t("indicators.field.rationaleHint")
            }
            name="rationale"
            defaultValue={one(values, "rationale")}
            error={errors("rationale")}
            maxLength={2000}
          />
        </fieldset>
      )}

      <div className="form-actions">
        <Button type="submit" name="intent" value="save">
          {mode === "new" ? t("indicators.form.create") : t("indicators.form.save")}
        </Button>
        <Button type="submit" name="intent" value="refresh" variant="secondary">
          {t("indicators.form.update")}
        </Button>
      </div>
    </Form>
  );
}
