import { createContext, lazy, type ReactNode, Suspense, useContext, useEffect, useState } from "react";
import { Form, useLocation } from "react-router";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { formatNumber, formatPercent, type Translate, useI18n } from "../i18n/i18n";
import { useFormatValue } from "../indicators/components/indicator-values";
import { genders } from "../indicators/dimensions";
import { Citation } from "../plan-graph/components/citation";
import type { ReportState, RollUpStatus } from "../rollup/rollup";
import type { CsvCell } from "./csv";
import type { LatestFigure } from "./figures.server";
import { type FigureMeasure, latestFigureParts } from "./latest-figure";
import { isSuppressed, type Shown } from "./small-counts";
import type { UnjudgedReason } from "./unjudged";

/**
 * Pieces the dashboards share: a roll-up status badge (a symbol and words, never colour alone), a percent, the CSV
 * link under every table, and the frame that draws a chart in the browser only.
 */

const statusSymbols: Record<RollUpStatus, string> = {
  on_track: "●",
  behind: "◐",
  at_risk: "▲",
  no_data: "?",
  not_yet_due: "…",
  not_applicable: "–",
};

/** A status in words; one not judged for want of targets says so (./unjudged.ts) rather than "Not applicable". */
export function rollUpStatusText(t: Translate, status: RollUpStatus, unjudged: UnjudgedReason | null = null) {
  return unjudged ? t(`rollup.unjudged.${unjudged}`) : t(`rollup.status.${status}`);
}

export function RollUpStatusBadge({
  status,
  unjudged = null,
}: {
  status: RollUpStatus;
  unjudged?: UnjudgedReason | null;
}) {
  const { t } = useI18n();
  return (
    <span
      className={`badge badge-rollup badge-rollup-${status}`}
      data-status={status}
      data-unjudged={unjudged ?? undefined}
    >
      <span aria-hidden="true">{statusSymbols[status]}</span> {rollUpStatusText(t, status, unjudged)}
    </span>
  );
}

export function Percent({ value }: { value: number | null }) {
  const { locale } = useI18n();
  return <>{value === null ? "—" : formatPercent(Math.round(value * 10) / 10, locale)}</>;
}

/**
 * The latest figure reported for an indicator that is not judged (no target): value (formatted as on the indicator
 * page: unit, "%", a milestone's level) and period, and the passage of the source it comes from, word for word, when
 * it is one entry's figure taken from one.
 */
export function LatestFigureCell({
  figure,
  measured,
}: {
  figure: LatestFigure | null;
  measured: FigureMeasure | null;
}) {
  const { t, locale } = useI18n();
  if (!figure || !measured) return <>—</>;
  const { value, period } = latestFigureParts(figure, measured, t, locale);
  return (
    <div className="latest-figure">
      <p className="latest-figure-value">
        <strong>{value}</strong> ({period})
      </p>
      {figure.citation && <Citation citation={figure.citation} full />}
    </div>
  );
}

export function ReportStateLabel({ state }: { state: Exclude<ReportState, "not_due"> }) {
  const { t } = useI18n();
  return <>{t(`rollup.state.${state}`)}</>;
}

/** Formats a figure of an indicator that may be a funder's suppressed small count ("< 5"). */
export function useFormatShown(indicator: Parameters<typeof useFormatValue>[0]) {
  const { t, locale } = useI18n();
  const format = useFormatValue(indicator);
  return (value: Shown | undefined) =>
    isSuppressed(value)
      ? t("dashboard.smallCount", { threshold: formatNumber(value.lessThan, locale) })
      : format(value);
}

/** Says that counts below the threshold are shown as "< 5" (on a funder's breakdowns that suppressed some). */
export function SmallCountNote({ values }: { values: readonly Shown[] }) {
  const { t, locale } = useI18n();
  const suppressed = values.find(isSuppressed);
  if (!suppressed) return null;
  return (
    <p className="meta" data-testid="small-count-note">
      {t("dashboard.smallCountNote", { threshold: formatNumber(suppressed.lessThan, locale) })}
    </p>
  );
}

export type CsvTable = { file: string; header: readonly string[]; rows: readonly (readonly CsvCell[])[] };
/** Set by the CSV route (routes/dashboard.csv.tsx) while it renders a dashboard to collect its tables. */
export const CsvTables = createContext<Map<string, CsvTable> | null>(null);

/**
 * A link that downloads a table's rows as CSV. The server answers it (routes/dashboard.csv.tsx): it loads the
 * dashboard again for the reader, with the same scope, builds the same table and records the download in the read
 * log. `file` names the table on its page.
 */
export function CsvLink({
  name,
  file,
  header,
  rows,
}: {
  name: string;
  file: string;
  header: readonly string[];
  rows: readonly (readonly CsvCell[])[];
}) {
  const { t } = useI18n();
  const collected = useContext(CsvTables);
  const location = useLocation();
  collected?.set(file, { file, header, rows });
  const [, slug, ...page] = location.pathname.split("/").filter(Boolean);
  const query = new URLSearchParams(location.search);
  query.set("page", page.slice(1).join("/"));
  query.set("table", file);
  return (
    <p className="csv-link no-print">
      <a href={`/plans/${slug}/dashboard/csv?${query}`} download={`${file}.csv`}>
        {t("dashboard.csvNamed", { name })}
      </a>
    </p>
  );
}

const TrendChart = lazy(() => import("./charts").then((module) => ({ default: module.TrendChart })));
const CountsChart = lazy(() => import("./charts").then((module) => ({ default: module.CountsChart })));

/**
 * Draws a chart once the page runs in the browser (recharts measures the page, so it is not rendered on the
 * server) and loads recharts only then. Without JavaScript the table that follows carries the figures.
 */
function ChartFrame({ name, children }: { name: string; children: ReactNode }) {
  const { t } = useI18n();
  const [inBrowser, setInBrowser] = useState(false);
  useEffect(() => setInBrowser(true), []);
  return (
    <div className="chart" role="img" aria-label={t("dashboard.chartLabel", { name })}>
      {inBrowser && <Suspense fallback={null}>{children}</Suspense>}
    </div>
  );
}

export function TrendChartFrame(props: { name: string } & React.ComponentProps<typeof TrendChart>) {
  const { name, ...chart } = props;
  return (
    <ChartFrame name={name}>
      <TrendChart {...chart} />
    </ChartFrame>
  );
}

export function CountsChartFrame(props: { name: string } & React.ComponentProps<typeof CountsChart>) {
  const { name, ...chart } = props;
  return (
    <ChartFrame name={name}>
      <CountsChart {...chart} />
    </ChartFrame>
  );
}

const ScoresChart = lazy(() => import("./charts").then((module) => ({ default: module.ScoresChart })));

export function ScoresChartFrame(props: { frameName: string } & React.ComponentProps<typeof ScoresChart>) {
  const { frameName, ...chart } = props;
  return (
    <ChartFrame name={frameName}>
      <ScoresChart {...chart} />
    </ChartFrame>
  );
}

const IndicatorChart = lazy(() => import("./charts").then((module) => ({ default: module.IndicatorChart })));
const BreakdownChart = lazy(() => import("./charts").then((module) => ({ default: module.BreakdownChart })));
const SharesChart = lazy(() => import("./charts").then((module) => ({ default: module.SharesChart })));

export function IndicatorChartFrame(
  props: { frameName: string } & React.ComponentProps<typeof IndicatorChart>,
) {
  const { frameName, ...chart } = props;
  return (
    <ChartFrame name={frameName}>
      <IndicatorChart {...chart} />
    </ChartFrame>
  );
}

export function BreakdownChartFrame(
  props: { frameName: string } & React.ComponentProps<typeof BreakdownChart>,
) {
  const { frameName, ...chart } = props;
  return (
    <ChartFrame name={frameName}>
      <BreakdownChart {...chart} />
    </ChartFrame>
  );
}

export function SharesChartFrame(props: { frameName: string } & React.ComponentProps<typeof SharesChart>) {
  const { frameName, ...chart } = props;
  return (
    <ChartFrame name={frameName}>
      <SharesChart {...chart} />
    </ChartFrame>
  );
}

/**
 * A dashboard page's header: the eyebrow, the title (in its own language when given), the synthetic-data badge,
 * what the page adds (lead, facts) and, for a viewer who sees part of the plan, the scoped notice.
 */
export function DashboardHeader({
  eyebrow,
  title,
  lang,
  synthetic,
  scopedNotice,
  children,
}: {
  eyebrow: ReactNode;
  title: string;
  lang?: string;
  synthetic: boolean;
  scopedNotice?: string | null;
  children?: ReactNode;
}) {
  return (
    <header className="page-header">
      <p className="eyebrow">{eyebrow}</p>
      <h1 lang={lang}>{title}</h1>
      {synthetic && <SyntheticBadge explain />}
      {children}
      {scopedNotice && <p className="notice">{scopedNotice}</p>}
    </header>
  );
}

/** The gender filter of a dashboard's filter form: every gender, or one. */
export function GenderFilter({ id, value }: { id: string; value: string | null }) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{t("indicators.dimension.gender")}</label>
      <select id={id} name="gender" defaultValue={value ?? ""}>
        <option value="">{t("dashboard.allGenders")}</option>
        {genders.map((gender) => (
          <option key={gender} value={gender}>
            {t(`indicators.gender.${gender}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The period filter of a dashboard (a GET form: works without JavaScript): the as-of day and the day the range starts,
 * both within the plan's dates, then the page's own filters, the apply button and the hint.
 */
export function DashboardFilters({
  idPrefix,
  filters,
  plan,
  fromLabelKey,
  hint,
  children,
}: {
  idPrefix: string;
  filters: { asOf: string; from: string };
  plan: { startDate: string; endDate: string };
  fromLabelKey: "dashboard.from" | "dashboard.periodsFrom";
  hint: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const dateField = (name: "asOf" | "from", id: string, label: string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="date"
        defaultValue={filters[name]}
        min={plan.startDate}
        max={plan.endDate}
      />
    </div>
  );
  return (
    <Form method="get" className="filters no-print" aria-label={t("dashboard.filters")}>
      {dateField("asOf", `${idPrefix}-as-of`, t("dashboard.asOf"))}
      {dateField("from", `${idPrefix}-from`, t(fromLabelKey))}
      {children}
      <button type="submit" className="button button-secondary">
        {t("dashboard.apply")}
      </button>
      <p className="field-hint filters-hint">{hint}</p>
    </Form>
  );
}
