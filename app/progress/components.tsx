import { useId, useState } from "react";
import { Form, Link, useNavigation } from "react-router";
import { Button } from "../components/ui/button";
import { TableScroll } from "../components/ui/table";
import { wholeForm } from "../forms/problem";
import type { ShownProblems } from "../forms/use-problems";
import {
  formatDateTime,
  formatNumber,
  formatPercent,
  type Locale,
  pickText,
  type Translate,
  useI18n,
} from "../i18n/i18n";
import type { ResolvedDimension } from "../indicators/dimensions";
import { parseReportedNumber } from "../indicators/values";
import type { LocalizedText } from "../plan-graph/vocabulary";
import {
  cellField,
  cellFieldPrefix,
  cellOfField,
  cellsField,
  evidenceLimitBytes,
  gridLayout,
  maxEvidenceItems,
} from "./form";

/** Pieces of the progress pages: the logging form, values and breakdowns, statuses, the conversation. */

type IndicatorView = {
  id: string;
  code: string;
  name: LocalizedText;
  measure: "number" | "percentage" | "qualitative";
  unit: LocalizedText | null;
  scale: { label: LocalizedText }[];
  dimensions: ResolvedDimension[];
};

export type EntryStatusName = "draft" | "submitted" | "returned" | "approved";

const statusSymbols: Record<EntryStatusName, string> = {
  draft: "✎",
  submitted: "◷",
  returned: "↩",
  approved: "✓",
};

/** An entry's status as a badge with a symbol (never colour alone). */
export function EntryStatus({ status }: { status: EntryStatusName }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-entry-${status}`}>
      <span aria-hidden="true">{statusSymbols[status]}</span> {t(`progress.status.${status}`)}
    </span>
  );
}

/** A locked period, shown wherever periods are. */
export function LockedBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-locked">
      <span aria-hidden="true">⊠</span> {t("progress.period.locked")}
    </span>
  );
}

export function periodName(key: string, t: Translate) {
  return key === "lop" ? t("progress.period.lop") : key;
}

/** A reported value as people read it: "1 234 people", "45 %", or the milestone level's name. */
export function formatValue(
  indicator: { measure: string; unit: LocalizedText | null; scale: { label: LocalizedText }[] },
  value: number,
  locale: Locale,
) {
  if (indicator.measure === "qualitative") {
    const level = indicator.scale[value];
    return level ? pickText(level.label, locale).text : String(value);
  }
  if (indicator.measure === "percentage") return formatPercent(value, locale);
  const unit = indicator.unit ? pickText(indicator.unit, locale).text : "";
  return unit ? `${formatNumber(value, locale)} ${unit}` : formatNumber(value, locale);
}

export function dimensionName(dimension: ResolvedDimension, t: Translate, locale: Locale) {
  if (dimension.label) return pickText(dimension.label, locale).text;
  return t(`progress.dimension.${dimension.code as "region" | "gender" | "language"}`);
}

export function dimensionValueName(
  dimension: ResolvedDimension | undefined,
  code: string,
  t: Translate,
  locale: Locale,
) {
  if (dimension?.code === "gender" && !dimension.label)
    return t(`progress.gender.${code as "women" | "men" | "trans"}`);
  const value = dimension?.values.find((candidate) => candidate.code === code);
  return value ? pickText(value.label, locale).text : code;
}

/** The name of a grid cell: "Africa, Women". */
export function cellName(
  dimensions: readonly ResolvedDimension[],
  values: Record<string, string>,
  t: Translate,
  locale: Locale,
) {
  // In the indicator's order of dimensions (region, then gender…), then any the indicator no longer has.
  const known = dimensions.map((dimension) => dimension.code).filter((code) => code in values);
  const codes = [...known, ...Object.keys(values).filter((code) => !known.includes(code))];
  return codes
    .map((code) =>
      dimensionValueName(
        dimensions.find((dimension) => dimension.code === code),
        values[code] ?? "",
        t,
        locale,
      ),
    )
    .join(", ");
}

/** A recorded breakdown as a small table: one row per reported cell, then the total. */
export function BreakdownTable({
  indicator,
  breakdown,
  total,
}: {
  indicator: IndicatorView;
  breakdown: { values: Record<string, string>; value: number }[] | null;
  total: number;
}) {
  const { t, locale } = useI18n();
  if (!breakdown?.length) return null;
  // Columns in the indicator's order of dimensions; a dimension removed since is still shown, last.
  const reported = new Set(breakdown.flatMap((cell) => Object.keys(cell.values)));
  const known = indicator.dimensions.map((dimension) => dimension.code).filter((code) => reported.has(code));
  const codes = [...known, ...[...reported].filter((code) => !known.includes(code))];
  const dimensionOf = (code: string) => indicator.dimensions.find((dimension) => dimension.code === code);
  return (
    <TableScroll label={t("progress.breakdown")}>
      <table className="entry-breakdown">
        <caption>{t("progress.breakdown")}</caption>
        <thead>
          <tr>
            {codes.map((code) => {
              const dimension = dimensionOf(code);
              return (
                <th scope="col" key={code}>
                  {dimension ? dimensionName(dimension, t, locale) : code}
                </th>
              );
            })}
            <th scope="col" className="number">
              {t("progress.value")}
            </th>
          </tr>
        </thead>
        <tbody>
          {breakdown.map((cell) => (
            <tr key={codes.map((code) => cell.values[code]).join("|")}>
              {codes.map((code) => (
                <td key={code}>
                  {dimensionValueName(dimensionOf(code), cell.values[code] ?? "", t, locale)}
                </td>
              ))}
              <td className="number">{formatNumber(cell.value, locale)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={codes.length}>
              {t("progress.totalDerived")}
            </th>
            <td className="number">{formatNumber(total, locale)}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

export type NoteItem = {
  id: number;
  kind: "returned" | "answered" | "approved" | "comment";
  body: string;
  /** The language it is written in, when known. */
  language: string | null;
  at: string | Date;
  authorName: string | null;
};

/** The conversation on an entry: return notes, answers, approval remarks, oldest first. */
export function Conversation({ notes }: { notes: NoteItem[] }) {
  const { t, locale } = useI18n();
  if (notes.length === 0) return null;
  return (
    <ol className="conversation" aria-label={t("progress.conversation")}>
      {notes.map((note) => (
        <li key={note.id} className={`note note-${note.kind}`}>
          <p className="meta">
            {t(`progress.note.${note.kind}`, { name: note.authorName ?? "—" })} ·{" "}
            {formatDateTime(note.at, locale)}
          </p>
          <p className="note-body" lang={note.language ?? undefined}>
            {note.body}
          </p>
        </li>
      ))}
    </ol>
  );
}

export type EvidenceItem = { id: string; url: string | null; fileName: string | null; size: number | null };

export function formatBytes(bytes: number, locale: Locale) {
  if (bytes < 1024) return `${formatNumber(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(Math.round(bytes / 102.4) / 10, locale)} KiB`;
  return `${formatNumber(Math.round(bytes / (1024 * 102.4)) / 10, locale)} MiB`;
}

/** Evidence: links open in a new tab without a referrer; files download (never shown inline). */
export function EvidenceList({ entryId, evidence }: { entryId: string; evidence: EvidenceItem[] }) {
  const { t, locale } = useI18n();
  if (evidence.length === 0) return <p className="meta">{t("progress.evidence.none")}</p>;
  return (
    <ul className="evidence-list">
      {evidence.map((item) => (
        <li key={item.id}>
          {item.url ? (
            <a href={item.url} rel="noopener noreferrer nofollow" target="_blank">
              {item.url}
            </a>
          ) : (
            <a href={`/entries/${entryId}/evidence/${item.id}`} download={item.fileName ?? undefined}>
              {item.fileName}
            </a>
          )}
          {item.size !== null && <span className="meta"> ({formatBytes(item.size, locale)})</span>}
        </li>
      ))}
    </ul>
  );
}

type Values = Record<string, string | string[] | undefined>;

const text = (values: Values, name: string) => {
  const value = values[name];
  return typeof value === "string" ? value : Array.isArray(value) ? (value[0] ?? "") : "";
};

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={id} className="field-error" role="alert">
      {error}
    </p>
  );
}

/**
 * The sum of the grid cells among form values (null when a cell is not a number, or when no cell is filled: then
 * there is no derived total to show yet).
 */
function cellsSum(entries: Iterable<[string, unknown]>, locale: Locale): number | null {
  let sum: number | null = null;
  for (const [name, value] of entries) {
    if (!name.startsWith(cellFieldPrefix) || typeof value !== "string" || value.trim() === "") continue;
    const number = parseReportedNumber(value, locale);
    if (number === null) return null;
    sum = (sum ?? 0) + number;
  }
  return sum;
}

/**
 * The logging form (new entry or edit of a draft or returned entry). Plain HTML that posts without JavaScript;
 * with it, the derived total follows the grid as it is typed and files over the limit are flagged before sending.
 */
export function EntryForm({
  indicator,
  periods,
  values,
  problems,
  hidden,
  today,
  existingEvidence = [],
  entryId,
  answerLabel,
}: {
  indicator: IndicatorView;
  periods: { key: string; start: string; end: string; locked: boolean }[];
  values: Values;
  /** The refused form's problems (`useProblems(actionData)`); its whole-form problem heads the form. */
  problems: ShownProblems;
  hidden: Record<string, string>;
  today: string;
  existingEvidence?: EvidenceItem[];
  entryId?: string;
  /** Shown for a returned entry: the author's answer to the return note. */
  answerLabel?: string;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [sum, setSum] = useState(() => cellsSum(Object.entries(values), locale));
  const layout = indicator.measure === "qualitative" ? null : gridLayout(indicator.dimensions);
  const formError = problems.form;
  const hasErrors = problems.all.some((found) => found.field !== wholeForm);
  // The first problem of each cell, listed under the grid.
  const cellErrors = problems
    .under(cellsField)
    .filter((found, at, all) => all.findIndex((first) => first.field === found.field) === at);
  const described = (name: string, hint?: boolean) =>
    [hint && `${id}-${name}-hint`, problems.of(name) && `${id}-${name}-error`].filter(Boolean).join(" ") ||
    undefined;
  const chosenPeriod = text(values, "period");
  const onFiles = (event: React.ChangeEvent<HTMLInputElement>) => {
    const input = event.currentTarget;
    const bytes = [...(input.files ?? [])].reduce((total, file) => total + file.size, 0);
    input.setCustomValidity(
      bytes > evidenceLimitBytes
        ? t("progress.problem.filesTooLarge", { max: formatBytes(evidenceLimitBytes, locale) })
        : "",
    );
    input.reportValidity();
  };

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      className="entry-form"
      noValidate
      onChange={(event) => layout && setSum(cellsSum(new FormData(event.currentTarget), locale))}
    >
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {(formError || hasErrors) && (
        <div className="form-error" role="alert">
          <p>{formError ?? t("progress.form.fixProblems")}</p>
          {hasErrors && <p>{t("progress.form.filesAgain")}</p>}
        </div>
      )}

      <div className={problems.of("period") ? "field field-invalid" : "field"}>
        <label htmlFor={`${id}-period`}>{t("progress.form.period")}</label>
        <select
          id={`${id}-period`}
          name="period"
          defaultValue={chosenPeriod}
          aria-invalid={problems.of("period") ? true : undefined}
          aria-describedby={described("period")}
        >
          {periods.map((period) => (
            <option key={period.key} value={period.key} disabled={period.locked}>
              {periodName(period.key, t)} ({period.start} – {period.end})
              {period.locked ? ` · ${t("progress.period.locked")}` : ""}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-period-error`} error={problems.of("period")} />
      </div>

      {indicator.measure === "qualitative" ? (
        <div className={problems.of("total") ? "field field-invalid" : "field"}>
          <label htmlFor={`${id}-total`}>{t("progress.form.level")}</label>
          <select
            id={`${id}-total`}
            name="total"
            defaultValue={text(values, "total")}
            aria-invalid={problems.of("total") ? true : undefined}
            aria-describedby={described("total")}
          >
            <option value="">{t("progress.form.chooseLevel")}</option>
            {indicator.scale.map((level, index) => {
              const label = pickText(level.label, locale);
              return (
                <option key={label.text} value={String(index)} lang={label.lang}>
                  {index + 1}. {label.text}
                </option>
              );
            })}
          </select>
          <FieldError id={`${id}-total-error`} error={problems.of("total")} />
        </div>
      ) : (
        <>
          {layout && (
            <fieldset className="grid-fieldset">
              <legend>{t("progress.form.breakdown")}</legend>
              <p className="field-hint">{t("progress.form.breakdownHint")}</p>
              <TableScroll
                label={t("progress.form.gridCaption", {
                  dimensions: indicator.dimensions
                    .map((dimension) => dimensionName(dimension, t, locale))
                    .join(" × "),
                })}
              >
                <table className="entry-grid">
                  <caption className="visually-hidden">
                    {t("progress.form.gridCaption", {
                      dimensions: indicator.dimensions
                        .map((dimension) => dimensionName(dimension, t, locale))
                        .join(" × "),
                    })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">
                        {layout.down.map((dimension) => dimensionName(dimension, t, locale)).join(" · ")}
                      </th>
                      {layout.across ? (
                        layout.across.values.map((value) => (
                          <th scope="col" key={value.code}>
                            {dimensionValueName(layout.across ?? undefined, value.code, t, locale)}
                          </th>
                        ))
                      ) : (
                        <th scope="col">{t("progress.value")}</th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {layout.rows.map((row) => {
                      const rowName = cellName(layout.down, row, t, locale);
                      const columns = layout.across
                        ? layout.across.values.map((value) => ({
                            ...row,
                            [(layout.across as ResolvedDimension).code]: value.code,
                          }))
                        : [row];
                      return (
                        <tr key={rowName}>
                          <th scope="row">{rowName}</th>
                          {columns.map((cell) => {
                            const name = cellField(cell);
                            const error = problems.of(name);
                            return (
                              <td key={name} className={error ? "cell-invalid" : undefined}>
                                <input
                                  name={name}
                                  inputMode="decimal"
                                  autoComplete="off"
                                  defaultValue={text(values, name)}
                                  aria-label={cellName(indicator.dimensions, cell, t, locale)}
                                  aria-invalid={error ? true : undefined}
                                  title={error}
                                  size={6}
                                />
                              </td>
                            );
                          })}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableScroll>
              {cellErrors.length > 0 && (
                <ul className="field-error" role="alert">
                  {cellErrors.map(({ field, text: error }) => {
                    const cell = cellOfField(field) ?? {};
                    return (
                      <li key={field}>
                        {t("label.colon", { label: cellName(indicator.dimensions, cell, t, locale) })} {error}
                      </li>
                    );
                  })}
                </ul>
              )}
              {problems.of("grid") && <FieldError id={`${id}-grid-error`} error={problems.of("grid")} />}
              <p className="derived-total">
                {t("label.colon", { label: t("progress.totalDerived") })}{" "}
                <output name="derived" aria-live="polite">
                  {sum === null ? "—" : formatNumber(sum, locale)}
                </output>
              </p>
            </fieldset>
          )}
          <div className={problems.of("total") ? "field field-invalid" : "field"}>
            <label htmlFor={`${id}-total`}>
              {indicator.measure === "percentage" ? t("progress.form.percentage") : t("progress.form.total")}
            </label>
            {layout && (
              <p id={`${id}-total-hint`} className="field-hint">
                {t("progress.form.totalWithBreakdown")}
              </p>
            )}
            <input
              id={`${id}-total`}
              name="total"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={text(values, "total")}
              aria-invalid={problems.of("total") ? true : undefined}
              aria-describedby={described("total", Boolean(layout))}
            />
            <FieldError id={`${id}-total-error`} error={problems.of("total")} />
          </div>
        </>
      )}

      <div className={problems.of("reportedOn") ? "field field-invalid" : "field"}>
        <label htmlFor={`${id}-reportedOn`}>{t("progress.form.reportedOn")}</label>
        <input
          id={`${id}-reportedOn`}
          name="reportedOn"
          type="date"
          max={today}
          defaultValue={text(values, "reportedOn")}
          aria-invalid={problems.of("reportedOn") ? true : undefined}
          aria-describedby={described("reportedOn")}
        />
        <FieldError id={`${id}-reportedOn-error`} error={problems.of("reportedOn")} />
      </div>

      <div className={problems.of("narrative") ? "field field-invalid" : "field"}>
        <label htmlFor={`${id}-narrative`}>{t("progress.form.narrative")}</label>
        <p id={`${id}-narrative-hint`} className="field-hint">
          {t("progress.form.narrativeHint")}
        </p>
        <textarea
          id={`${id}-narrative`}
          name="narrative"
          rows={4}
          defaultValue={text(values, "narrative")}
          aria-invalid={problems.of("narrative") ? true : undefined}
          aria-describedby={described("narrative", true)}
        />
        <FieldError id={`${id}-narrative-error`} error={problems.of("narrative")} />
      </div>

      <fieldset className="grid-fieldset">
        <legend>{t("progress.evidence.title")}</legend>
        {existingEvidence.length > 0 && entryId && (
          <ul className="evidence-list">
            {existingEvidence.map((item) => (
              <li key={item.id}>
                {item.url ? (
                  <a href={item.url} rel="noopener noreferrer nofollow" target="_blank">
                    {item.url}
                  </a>
                ) : (
                  <a href={`/entries/${entryId}/evidence/${item.id}`}>{item.fileName}</a>
                )}{" "}
                <label className="check">
                  <input type="checkbox" name="removeEvidence" value={item.id} />
                  {t("progress.evidence.remove")}
                </label>
              </li>
            ))}
          </ul>
        )}
        <div className={problems.of("evidenceLinks") ? "field field-invalid" : "field"}>
          <label htmlFor={`${id}-links`}>{t("progress.evidence.links")}</label>
          <p id={`${id}-evidenceLinks-hint`} className="field-hint">
            {t("progress.evidence.linksHint")}
          </p>
          <textarea
            id={`${id}-links`}
            name="evidenceLinks"
            rows={2}
            defaultValue={text(values, "evidenceLinks")}
            aria-invalid={problems.of("evidenceLinks") ? true : undefined}
            aria-describedby={described("evidenceLinks", true)}
          />
          <FieldError id={`${id}-evidenceLinks-error`} error={problems.of("evidenceLinks")} />
        </div>
        <div className={problems.of("evidenceFiles") ? "field field-invalid" : "field"}>
          <label htmlFor={`${id}-files`}>{t("progress.evidence.files")}</label>
          <p id={`${id}-evidenceFiles-hint`} className="field-hint">
            {t("progress.evidence.filesHint", {
              max: formatBytes(evidenceLimitBytes, locale),
              items: maxEvidenceItems,
            })}
          </p>
          <input
            id={`${id}-files`}
            name="evidenceFiles"
            type="file"
            multiple
            onChange={onFiles}
            aria-invalid={problems.of("evidenceFiles") ? true : undefined}
            aria-describedby={described("evidenceFiles", true)}
          />
          <FieldError id={`${id}-evidenceFiles-error`} error={problems.of("evidenceFiles")} />
        </div>
      </fieldset>

      {answerLabel && (
        <div className={problems.of("answer") ? "field field-invalid" : "field"}>
          <label htmlFor={`${id}-answer`}>{answerLabel}</label>
          <textarea
            id={`${id}-answer`}
            name="answer"
            rows={3}
            defaultValue={text(values, "answer")}
            aria-invalid={problems.of("answer") ? true : undefined}
            aria-describedby={described("answer")}
          />
          <FieldError id={`${id}-answer-error`} error={problems.of("answer")} />
        </div>
      )}

      <div className="form-actions">
        {/* "Save draft" comes first: pressing Enter in a field saves, it never submits for verification. */}
        <Button type="submit" name="intent" value="draft" variant="secondary" disabled={busy}>
          {t("progress.form.saveDraft")}
        </Button>
        <Button type="submit" name="intent" value="submit" disabled={busy}>
          {t("progress.form.submit")}
        </Button>
      </div>
    </Form>
  );
}

export function PlanCrumb({ plan }: { plan: { slug: string; title: LocalizedText } }) {
  const { locale } = useI18n();
  const title = pickText(plan.title, locale);
  return (
    <Link to={`/plans/${plan.slug}`} lang={title.lang}>
      {title.text}
    </Link>
  );
}

/** Approve, or return with a note: the same forms as the verification queue, posting to it. */
export function VerifyForms({
  entryId,
  back,
  noteValue = "",
  error,
}: {
  entryId: string;
  back: string;
  noteValue?: string;
  error?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="verify-forms">
      <Form method="post" action="/verification">
        <input type="hidden" name="intent" value="approve" />
        <input type="hidden" name="entryId" value={entryId} />
        <input type="hidden" name="back" value={back} />
        <div className="field">
          <label htmlFor={`approve-${entryId}`}>{t("progress.verify.remark")}</label>
          <textarea id={`approve-${entryId}`} name="note" rows={2} />
        </div>
        <Button type="submit">{t("progress.verify.approve")}</Button>
      </Form>
      <Form method="post" action="/verification">
        <input type="hidden" name="intent" value="return" />
        <input type="hidden" name="entryId" value={entryId} />
        <input type="hidden" name="back" value={back} />
        <div className={error ? "field field-invalid" : "field"}>
          <label htmlFor={`return-${entryId}`}>{t("progress.verify.returnNote")}</label>
          <textarea
            id={`return-${entryId}`}
            name="note"
            rows={3}
            defaultValue={noteValue}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `return-${entryId}-error` : undefined}
          />
          {error && (
            <p id={`return-${entryId}-error`} className="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <Button type="submit" variant="secondary">
          {t("progress.verify.return")}
        </Button>
      </Form>
    </div>
  );
}
