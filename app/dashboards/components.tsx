import { lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { formatNumber, useI18n } from "../i18n/i18n";
import type { ReportState, RollUpStatus } from "../rollup/rollup";
import { type CsvCell, csvDataUrl } from "./csv";

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

export function RollUpStatusBadge({ status }: { status: RollUpStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-rollup badge-rollup-${status}`} data-status={status}>
      <span aria-hidden="true">{statusSymbols[status]}</span> {t(`rollup.status.${status}`)}
    </span>
  );
}

export function Percent({ value }: { value: number | null }) {
  const { locale } = useI18n();
  return <>{value === null ? "—" : `${formatNumber(Math.round(value * 10) / 10, locale)} %`}</>;
}

export function ReportStateLabel({ state }: { state: Exclude<ReportState, "not_due"> }) {
  const { t } = useI18n();
  return <>{t(`rollup.state.${state}`)}</>;
}

/** A link that downloads a table's rows as CSV (a `data:` address: no JavaScript, no extra request). */
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
  return (
    <p className="csv-link no-print">
      <a href={csvDataUrl(header, rows)} download={`${file}.csv`}>
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
