import { formatNumber, formatPercent, type Locale, pickText, type Translate } from "../i18n/i18n";
import type { LocalizedText } from "../plan-graph/vocabulary";

/**
 * How an indicator's periods and values read to a person, on every page and in the CSV downloads. Pure (no React),
 * and small: the dashboards' overview loads it without the indicator form.
 */

/** "2025-Q1", or "Life of the plan" for the one period of a life-of-plan indicator. */
export function periodLabel(key: string, t: Translate) {
  return key === "lop" ? t("indicators.period.lop") : key;
}

/** What a value is read with: the indicator's measure, unit and scale. */
export type Measured = {
  measure: "number" | "percentage" | "qualitative";
  unit: LocalizedText | null;
  scale: { label: LocalizedText }[] | null;
};

/** A value as the indicator reads it: "12 participants", "45 %", or the level of a qualitative scale. */
export function formatValue(
  indicator: Measured,
  value: number | null | undefined,
  t: Translate,
  locale: Locale,
): string {
  if (value === null || value === undefined) return "—";
  if (indicator.measure === "qualitative") {
    const level = indicator.scale?.[value];
    return level
      ? `${value}. ${pickText(level.label, locale).text}`
      : t("indicators.unknownLevel", { level: value });
  }
  const rounded = Math.round(value * 100) / 100;
  if (indicator.measure === "percentage") return formatPercent(rounded, locale);
  const number = formatNumber(rounded, locale);
  const unit = indicator.unit ? pickText(indicator.unit, locale).text : "";
  return unit ? `${number} ${unit}` : number;
}
