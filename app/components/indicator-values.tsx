import { Fragment } from "react";
import { formatNumber, pickText, useI18n } from "../i18n/i18n";
import type { ResolvedDimension } from "../indicators/dimensions";
import type { LocalizedText } from "../plan-graph/vocabulary";
import { useDimensionValueLabel } from "./indicator-form";

type Measured = {
  measure: "number" | "percentage" | "qualitative";
  unit: LocalizedText | null;
  scale: { label: LocalizedText }[] | null;
};

/** A value as the indicator reads it: "12 participants", "45 %", or the level of a qualitative scale. */
export function useFormatValue(indicator: Measured) {
  const { t, locale } = useI18n();
  const unit = indicator.unit ? pickText(indicator.unit, locale).text : "";
  return (value: number | null | undefined) => {
    if (value === null || value === undefined) return "—";
    if (indicator.measure === "qualitative") {
      const level = indicator.scale?.[value];
      return level
        ? `${value}. ${pickText(level.label, locale).text}`
        : t("indicators.unknownLevel", { level: value });
    }
    const number = formatNumber(Math.round(value * 100) / 100, locale);
    if (indicator.measure === "percentage") return `${number} %`;
    return unit ? `${number} ${unit}` : number;
  };
}

/** A breakdown as reported: one line per cell, "Africa · Women: 12", with the dimensions it was reported under. */
export function Breakdown({
  breakdown,
  dimensions,
  collapsed = false,
}: {
  breakdown: { values: Record<string, string>; value: number }[];
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
            <dd>{formatNumber(cell.value, locale)}</dd>
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
