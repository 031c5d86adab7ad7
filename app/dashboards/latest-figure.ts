import type { Locale, Translate } from "../i18n/i18n";
import { formatValue, type Measured, periodLabel } from "../indicators/display";
import type { LatestFigure } from "./figures.server";

/** What a latest figure is read with: its indicator's measure, unit and scale. */
export type FigureMeasure = Measured;

/**
 * A latest figure as the dashboards write it, on the page (`LatestFigureCell`) and in the CSV downloads alike: the
 * value as the indicator page formats it (a count with its unit, a percentage with "%", a milestone's level by its
 * label) and its period.
 */
export function latestFigureParts(
  figure: Pick<LatestFigure, "value" | "periodKey">,
  measured: FigureMeasure,
  t: Translate,
  locale: Locale,
) {
  return { value: formatValue(measured, figure.value, t, locale), period: periodLabel(figure.periodKey, t) };
}

/** "237 members (2015)". */
export function latestFigureText(...args: Parameters<typeof latestFigureParts>) {
  const { value, period } = latestFigureParts(...args);
  return `${value} (${period})`;
}
