import { Link } from "react-router";
import { PlanPageErrorBoundary } from "../components/error-boundary";
import { Card } from "../components/ui/card";
import { Table } from "../components/ui/table";
import { getCompletenessDashboard } from "../dashboards/completeness.server";
import { CsvLink, DashboardHeader, Percent } from "../dashboards/components";
import { loadDashboard } from "../dashboards/load.server";
import { formatDate, pickText, useI18n } from "../i18n/i18n";
import { periodLabel } from "../indicators/display";
import { PlanTrail } from "../plan-graph/components/plan-trail";
import { retryAfterHeaders } from "../retry-after";
import { type ReportState, reportStates } from "../rollup/completeness";
import type { Route } from "./+types/dashboard.completeness";

/** A 429 from the budget for past days keeps its Retry-After on data requests too. */
export const headers = retryAfterHeaders;

export function loader(args: Route.LoaderArgs) {
  return loadDashboard(args, getCompletenessDashboard);
}

/** A symbol for each state, so the map never depends on colour alone. */
const symbols: Record<ReportState, string> = {
  approved: "✓",
  submitted: "◔",
  missing: "○",
  overdue: "✕",
  not_due: "·",
};

function StateCell({ state }: { state: ReportState | null }) {
  const { t } = useI18n();
  if (state === null) return <td />;
  return (
    <td className={`heat heat-${state}`} data-state={state}>
      <span aria-hidden="true">{symbols[state]}</span>
      <span className="visually-hidden">{t(`rollup.state.${state}`)}</span>
    </td>
  );
}

export default function CompletenessPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, filters, total, grids } = loaderData;
  const planTitle = pickText(plan.title, locale);
  const day = formatDate(filters.asOf, locale);
  const base = `/plans/${plan.slug}`;
  const query = `?asOf=${filters.asOf}&from=${filters.from}`;
  return (
    <>
      <title>{`${t("dashboard.heatMap")} · ${planTitle.text} · Throughline`}</title>
      <PlanTrail>
        <Link to={`${base}/dashboard${query}`}>{t("dashboard.overview")}</Link>
      </PlanTrail>
      <DashboardHeader
        eyebrow={t("dashboard.completeness")}
        title={t("dashboard.heatMap")}
        synthetic={plan.synthetic}
      >
        <p className="lead">{t("dashboard.heatMapIntro")}</p>
        <p>
          {total.due === 0
            ? t("dashboard.completenessNone")
            : t("dashboard.completenessSummary", {
                approved: String(total.approved),
                due: String(total.due),
                percent: `${Math.round(total.percentApproved ?? 0)} %`,
              })}{" "}
          · {day}
        </p>
        <ul className="heat-legend" aria-label={t("dashboard.legend")}>
          {reportStates.map((state) => (
            <li key={state}>
              <span className={`heat heat-${state}`} aria-hidden="true">
                {symbols[state]}
              </span>{" "}
              {t(`rollup.state.${state}`)}
            </li>
          ))}
        </ul>
      </DashboardHeader>

      {grids.map((grid) => {
        const frequency = t(`indicators.frequency.${grid.frequency}`);
        return (
          <Card key={grid.frequency} aria-label={frequency}>
            <h2>{frequency}</h2>
            <Table caption={t("dashboard.heatMapCaption", { frequency, day })}>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.indicator")}</th>
                  {grid.periodKeys.map((key) => (
                    <th scope="col" key={key} className="heat-period">
                      {periodLabel(key, t)}
                    </th>
                  ))}
                  <th scope="col">{t("dashboard.col.completeness")}</th>
                </tr>
              </thead>
              <tbody>
                {grid.rows.map((row) => {
                  const name = pickText(row.name, locale);
                  return (
                    <tr key={row.code} data-code={row.code}>
                      <th scope="row">
                        <Link to={`${base}/indicators/${row.code}`}>
                          <span className="code">{row.code}</span>{" "}
                          <span lang={name.lang} className="heat-name">
                            {name.text}
                          </span>
                        </Link>
                      </th>
                      {row.states.map((state, i) => (
                        <StateCell key={grid.periodKeys[i]} state={state} />
                      ))}
                      <td>
                        <Percent value={row.percentApproved} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
            <CsvLink
              name={frequency}
              file={`${plan.slug}-completeness-${grid.frequency}-${filters.asOf}`}
              header={[t("dashboard.col.indicator"), ...grid.periodKeys, t("dashboard.col.completeness")]}
              rows={grid.rows.map((row) => [
                `${row.code} ${pickText(row.name, locale).text}`,
                ...row.states.map((state) => (state ? t(`rollup.state.${state}`) : "")),
                row.percentApproved,
              ])}
            />
          </Card>
        );
      })}
    </>
  );
}

/** A past day asked for too often offers today's figures; any other failure leads back to the plan. */
export function ErrorBoundary() {
  return <PlanPageErrorBoundary />;
}
