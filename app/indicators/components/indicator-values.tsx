import { Fragment } from "react";
import { isSuppressed, type Suppressed } from "../../dashboards/small-counts";
import { formatDate, formatNumber, pickText, useI18n } from "../../i18n/i18n";
import { Citation } from "../../plan-graph/components/citation";
import type { CitationView } from "../../plan-graph/queries.server";
import type { LocalizedText } from "../../plan-graph/vocabulary";
import type { IndicatorSnapshot } from "../definition";
import type { ResolvedDimension } from "../dimensions";
import { formatValue, type Measured, periodLabel } from "../display";
import { useDimensionValueLabel } from "./indicator-form";

/** `formatValue` (app/indicators/display.ts) in the reader's language. */
export function useFormatValue(indicator: Measured) {
  const { t, locale } = useI18n();
  return (value: number | null | undefined) => formatValue(indicator, value, t, locale);
}

/** A breakdown as reported: one line per cell, "Africa · Women: 12", with the dimensions it was reported under. */
export function Breakdown({
  breakdown,
  dimensions,
  collapsed = false,
}: {
  /** A funder's small counts arrive as `{ lessThan: 5 }`, shown "< 5". */
  breakdown: { values: Record<string, string>; value: number | Suppressed }[];
  dimensions: ResolvedDimension[];
  /** Inside a closed <details> (long lists of entries): one line until opened. */
  collapsed?: boolean;
}) {
  const { t, locale } = useI18n();
  const valueLabel = useDimensionValueLabel();
  const label = (dimension: string, code: string) => {
    const known = dimensions.find((d) => d.code === dimension)?.values.find((v) => v.code === code);
    return valueLabel(dimension, known ?? { code });
  };
  const list = (
    <dl className="breakdown">
      {breakdown.map((cell) => {
        const key = Object.entries(cell.values)
          .map(([d, v]) => `${d}=${v}`)
          .join("|");
        return (
          <Fragment key={key}>
            <dt>
              {Object.entries(cell.values)
                .map(([dimension, code]) => label(dimension, code))
                .join(" · ") || t("indicators.table.total")}
            </dt>
            <dd>
              {isSuppressed(cell.value)
                ? t("dashboard.smallCount", { threshold: formatNumber(cell.value.lessThan, locale) })
                : formatNumber(cell.value, locale)}
            </dd>
          </Fragment>
        );
      })}
    </dl>
  );
  if (!collapsed) return list;
  return (
    <details className="breakdown-details">
      <summary>{t("indicators.breakdownSummary", { count: breakdown.length })}</summary>
      {list}
    </details>
  );
}

/** The name of a dimension: built-in ones translated, custom ones by their label. */
export function useDimensionName() {
  const { t, locale } = useI18n();
  return (dimension: { code: string; label: LocalizedText | null }) =>
    dimension.code === "region" || dimension.code === "gender" || dimension.code === "language"
      ? t(`indicators.dimension.${dimension.code}`)
      : dimension.label
        ? pickText(dimension.label, locale).text
        : dimension.code;
}

/** A text in the reader's language, marked with the language it is in; a dash when there is none. */
export function LocalText({ text }: { text: LocalizedText | null }) {
  const { locale } = useI18n();
  if (!text) return <>—</>;
  const picked = pickText(text, locale);
  return <span lang={picked.lang}>{picked.text}</span>;
}

type Defined = Measured &
  Pick<
    IndicatorSnapshot,
    | "definition"
    | "direction"
    | "tolerance"
    | "baselineValue"
    | "baselineDate"
    | "baselineNote"
    | "meansOfVerification"
    | "dataSource"
    | "responsibleName"
  >;

/** Rows of a definition list: what the indicator measures, in what terms, and which way it should go. */
export function MeasureFacts({ indicator }: { indicator: Defined }) {
  const { t } = useI18n();
  const format = useFormatValue(indicator);
  return (
    <>
      <div>
        <dt>{t("indicators.field.definition")}</dt>
        <dd>
          <LocalText text={indicator.definition} />
        </dd>
      </div>
      <div>
        <dt>{t("indicators.field.measure")}</dt>
        <dd>
          {t(`indicators.measure.${indicator.measure}`)}
          {indicator.unit && (
            <>
              {" "}
              (<LocalText text={indicator.unit} />)
            </>
          )}
          {indicator.scale && (
            <ol start={0} className="scale">
              {indicator.scale.map((level, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a level is its position
                <li key={i}>
                  <LocalText text={level.label} />
                </li>
              ))}
            </ol>
          )}
        </dd>
      </div>
      <div>
        <dt>{t("indicators.field.direction")}</dt>
        <dd>
          {t(`indicators.direction.${indicator.direction}`)}
          {indicator.direction === "maintain" &&
            ` (${t("indicators.toleranceValue", { tolerance: format(indicator.tolerance ?? 0) })})`}
        </dd>
      </div>
    </>
  );
}

/** A row of a definition list: the baseline value, its date and note. */
export function BaselineFact({ indicator }: { indicator: Defined }) {
  const { t, locale } = useI18n();
  const format = useFormatValue(indicator);
  return (
    <div>
      <dt>{t("indicators.field.baseline")}</dt>
      <dd>
        {indicator.baselineValue === null ? (
          t("indicators.noBaseline")
        ) : (
          <>
            {format(indicator.baselineValue)}
            {indicator.baselineDate && ` (${formatDate(indicator.baselineDate, locale)})`}
            {indicator.baselineNote && (
              <>
                <br />
                <LocalText text={indicator.baselineNote} />
              </>
            )}
          </>
        )}
      </dd>
    </div>
  );
}

/** Rows of a definition list: how the figures are verified, where they come from, and who answers for them. */
export function VerificationFacts({ indicator }: { indicator: Defined }) {
  const { t } = useI18n();
  return (
    <>
      <div>
        <dt>{t("indicators.field.meansOfVerification")}</dt>
        <dd>
          <LocalText text={indicator.meansOfVerification} />
        </dd>
      </div>
      <div>
        <dt>{t("indicators.field.dataSource")}</dt>
        <dd>
          <LocalText text={indicator.dataSource} />
        </dd>
      </div>
      <div>
        <dt>{t("indicators.field.responsible")}</dt>
        <dd>{indicator.responsibleName ?? t("indicators.field.nobody")}</dd>
      </div>
    </>
  );
}

/** The targets a source states, each with its period, value and the passage it is quoted from. */
export function TargetSources({
  targets,
  format,
}: {
  targets: readonly { periodKey: string; value: number; citation: CitationView | null }[];
  format: (value: number) => string;
}) {
  const { t } = useI18n();
  const cited = targets.flatMap(({ citation, ...target }) => (citation ? [{ ...target, citation }] : []));
  if (cited.length === 0) return null;
  return (
    <div className="target-sources" data-testid="target-sources">
      <h3>{t("indicators.targetSources")}</h3>
      <p className="field-hint">{t("indicators.targetSourcesHint")}</p>
      <ul className="link-list">
        {cited.map((target) => (
          <li key={target.periodKey} data-period={target.periodKey}>
            <p>
              {periodLabel(target.periodKey, t)}: <strong className="figure">{format(target.value)}</strong>
            </p>
            <Citation citation={target.citation} full />
          </li>
        ))}
      </ul>
    </div>
  );
}
