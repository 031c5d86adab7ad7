import { Link } from "react-router";
import { PlanPageErrorBoundary } from "../components/error-boundary";
import { Card } from "../components/ui/card";
import { Table } from "../components/ui/table";
import {
  CountsChartFrame,
  CsvLink,
  DashboardFilters,
  DashboardHeader,
  LatestFigureCell,
  Percent,
  ReportStateLabel,
  RollUpStatusBadge,
  rollUpStatusText,
  TrendChartFrame,
} from "../dashboards/components";
import { latestFigureText } from "../dashboards/latest-figure";
import { loadDashboard } from "../dashboards/load.server";
import { getPlanOverview } from "../dashboards/overview.server";
import { formatDate, formatNumber, pickText, useI18n } from "../i18n/i18n";
import { PlanTrail } from "../plan-graph/components/plan-trail";
import { retryAfterHeaders } from "../retry-after";
import { defaultRollUpRules, statuses } from "../rollup/rollup";
import type { Route } from "./+types/dashboard";

/** A 429 from the budget for past days keeps its Retry-After on data requests too. */
export const headers = retryAfterHeaders;

export function loader(args: Route.LoaderArgs) {
  return loadDashboard(args, getPlanOverview);
}

const reportStates = ["approved", "submitted", "missing", "overdue"] as const;

export default function DashboardPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const {
    plan,
    filters,
    scoped,
    comparedWith,
    health,
    objectives,
    trend,
    trendEmpty,
    indicatorCounts,
    elementCounts,
    completeness,
    changes,
    indicators,
  } = loaderData;
  const title = pickText(plan.title, locale);
  const day = formatDate(filters.asOf, locale);
  const base = `/plans/${plan.slug}`;
  const file = (name: string) => `${plan.slug}-${name}-${filters.asOf}`;
  const statusLabel = (status: string | null) => (status ? t(`rollup.status.${status as "on_track"}`) : "");
  const showFigures = indicators.some((indicator) => indicator.latestFigure !== null);
  const nothingCounted = statuses.every((status) => indicatorCounts[status] + elementCounts[status] === 0);
  const text = (value: Parameters<typeof pickText>[0] | null) => (value ? pickText(value, locale).text : "");
  const elementName = (objective: { code: string; title: Parameters<typeof pickText>[0] }) =>
    `${objective.code} ${text(objective.title)}`;

  return (
    <>
      <title>{`${t("dashboard.title", { plan: title.text })} · Throughline`}</title>
      <PlanTrail />
      <DashboardHeader
        eyebrow={t("dashboard.eyebrow")}
        title={t("dashboard.title", { plan: title.text })}
        synthetic={plan.synthetic}
        scopedNotice={scoped ? t("dashboard.scoped") : null}
      >
        <p className="lead">{t("dashboard.intro")}</p>
      </DashboardHeader>

      <DashboardFilters
        idPrefix="dashboard"
        filters={filters}
        plan={plan}
        fromLabelKey="dashboard.from"
        hint={t("dashboard.filtersHint")}
      />

      <Card className="dashboard-health" aria-labelledby="health-heading">
        <h2 id="health-heading">{t("dashboard.health")}</h2>
        <p className="health-line" data-testid="plan-health">
          <RollUpStatusBadge status={health.status} unjudged={health.unjudged} />{" "}
          {t("label.colon", { label: t("dashboard.score") })} <Percent value={health.score} />
        </p>
        <p className="meta">
          {t("dashboard.healthSummary", {
            judged: formatNumber(health.judgedWeight, locale),
            total: formatNumber(health.totalWeight, locale),
          })}{" "}
          · {day}
        </p>
      </Card>

      <Card aria-labelledby="objectives-heading">
        <h2 id="objectives-heading">{t("dashboard.objectives")}</h2>
        {objectives.length === 0 ? (
          <p>{scoped ? t("dashboard.nothingVisible") : t("dashboard.noObjectives")}</p>
        ) : (
          <>
            <Table caption={t("dashboard.objectivesCaption", { day })}>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.element")}</th>
                  <th scope="col">{t("dashboard.col.status")}</th>
                  <th scope="col">{t("dashboard.col.score")}</th>
                  <th scope="col">{t("dashboard.col.basis")}</th>
                  <th scope="col">{t("dashboard.col.previous")}</th>
                </tr>
              </thead>
              <tbody>
                {objectives.map((objective) => {
                  const name = pickText(objective.title, locale);
                  return (
                    <tr key={objective.code} data-code={objective.code}>
                      <th scope="row">
                        <Link
                          to={`${base}/dashboard/elements/${objective.code}?asOf=${filters.asOf}&from=${filters.from}`}
                        >
                          <span className="code">{objective.code}</span>{" "}
                          <span lang={name.lang}>{name.text}</span>
                        </Link>
                      </th>
                      <td>
                        <RollUpStatusBadge status={objective.status} unjudged={objective.unjudged} />
                      </td>
                      <td>
                        <Percent value={objective.score} />
                      </td>
                      <td>
                        {t("dashboard.basis", {
                          judged: formatNumber(objective.judgedWeight, locale),
                          total: formatNumber(objective.totalWeight, locale),
                        })}
                      </td>
                      <td>
                        {objective.previousStatus
                          ? rollUpStatusText(t, objective.previousStatus, objective.previousUnjudged)
                          : "—"}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
            <CsvLink
              name={t("dashboard.objectives")}
              file={file("objectives")}
              header={[
                t("dashboard.col.element"),
                t("dashboard.col.status"),
                t("dashboard.col.score"),
                t("dashboard.col.previous"),
              ]}
              rows={objectives.map((objective) => [
                elementName(objective),
                rollUpStatusText(t, objective.status, objective.unjudged),
                objective.score,
                objective.previousStatus
                  ? rollUpStatusText(t, objective.previousStatus, objective.previousUnjudged)
                  : "",
              ])}
            />
          </>
        )}
      </Card>

      <Card aria-labelledby="trend-heading">
        <h2 id="trend-heading">{t("dashboard.trend")}</h2>
        {trendEmpty ? (
          <p className="chart-empty" data-testid="trend-empty">
            {t(`dashboard.trendEmpty.${trendEmpty}`, {
              from: formatDate(filters.from, locale),
              asOf: day,
            })}
          </p>
        ) : (
          <>
            <TrendChartFrame
              name={t("dashboard.trend")}
              points={trend.map((point) => ({
                label: point.day,
                values: { plan: point.plan, ...point.scores },
              }))}
              series={[
                { key: "plan", name: t("dashboard.col.plan") },
                ...objectives.map((objective) => ({ key: objective.code, name: objective.code })),
              ]}
              bands={defaultRollUpRules.bands}
            />
            <Table caption={t("dashboard.trendCaption")}>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.day")}</th>
                  <th scope="col">{t("dashboard.col.plan")}</th>
                  {objectives.map((objective) => (
                    <th scope="col" key={objective.code}>
                      {objective.code}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {trend.map((point) => (
                  <tr key={point.day}>
                    <th scope="row">{formatDate(point.day, locale)}</th>
                    <td>
                      <Percent value={point.plan} />{" "}
                      {point.planStatus && `(${rollUpStatusText(t, point.planStatus, point.planUnjudged)})`}
                    </td>
                    {objectives.map((objective) => (
                      <td key={objective.code}>
                        <Percent value={point.scores[objective.code] ?? null} />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </Table>
            <CsvLink
              name={t("dashboard.trend")}
              file={file("trend")}
              header={[t("dashboard.col.day"), t("dashboard.col.plan"), ...objectives.map((o) => o.code)]}
              rows={trend.map((point) => [
                point.day,
                point.plan,
                ...objectives.map((objective) => point.scores[objective.code] ?? null),
              ])}
            />
          </>
        )}
      </Card>

      <Card aria-labelledby="counts-heading">
        <h2 id="counts-heading">{t("dashboard.counts")}</h2>
        {nothingCounted ? (
          <p className="chart-empty">{t("dashboard.countsEmpty")}</p>
        ) : (
          <>
            <CountsChartFrame
              name={t("dashboard.counts")}
              rows={statuses.map((status) => ({
                label: statusLabel(status),
                indicators: indicatorCounts[status],
                elements: elementCounts[status],
              }))}
              names={{ indicators: t("dashboard.col.indicators"), elements: t("dashboard.col.elements") }}
            />
            <Table caption={t("dashboard.countsCaption")}>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.status")}</th>
                  <th scope="col">{t("dashboard.col.indicators")}</th>
                  <th scope="col">{t("dashboard.col.elements")}</th>
                </tr>
              </thead>
              <tbody>
                {statuses.map((status) => (
                  <tr key={status} data-status={status}>
                    <th scope="row">
                      <RollUpStatusBadge status={status} />
                    </th>
                    <td>{formatNumber(indicatorCounts[status], locale)}</td>
                    <td>{formatNumber(elementCounts[status], locale)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <CsvLink
              name={t("dashboard.counts")}
              file={file("counts")}
              header={[t("dashboard.col.status"), t("dashboard.col.indicators"), t("dashboard.col.elements")]}
              rows={statuses.map((status) => [
                statusLabel(status),
                indicatorCounts[status],
                elementCounts[status],
              ])}
            />
          </>
        )}
      </Card>

      <Card aria-labelledby="completeness-heading">
        <h2 id="completeness-heading">{t("dashboard.completeness")}</h2>
        <p>
          {completeness.due === 0
            ? t("dashboard.completenessNone")
            : t("dashboard.completenessSummary", {
                approved: formatNumber(completeness.approved, locale),
                due: formatNumber(completeness.due, locale),
                percent: `${formatNumber(Math.round(completeness.percentApproved ?? 0), locale)} %`,
              })}
        </p>
        <Table caption={t("dashboard.completenessCaption")}>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.col.state")}</th>
              <th scope="col">{t("dashboard.col.count")}</th>
            </tr>
          </thead>
          <tbody>
            {reportStates.map((state) => (
              <tr key={state}>
                <th scope="row">
                  <ReportStateLabel state={state} />
                </th>
                <td>{formatNumber(completeness[state], locale)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
        <CsvLink
          name={t("dashboard.completeness")}
          file={file("completeness")}
          header={[t("dashboard.col.state"), t("dashboard.col.count")]}
          rows={reportStates.map((state) => [t(`rollup.state.${state}`), completeness[state]])}
        />
        <p>
          <Link to={`${base}/dashboard/completeness?asOf=${filters.asOf}&from=${filters.from}`}>
            {t("dashboard.heatMapLink")}
          </Link>
        </p>
        <p>
          <Link to={`${base}/dashboard/regions?asOf=${filters.asOf}&from=${filters.from}`}>
            {t("dashboard.regionsLink")}
          </Link>
        </p>
      </Card>

      <Card aria-labelledby="changes-heading">
        <h2 id="changes-heading">{t("dashboard.changes")}</h2>
        {comparedWith === null ? (
          <p>{t("dashboard.noPrevious")}</p>
        ) : (
          <>
            <p className="meta">{t("dashboard.changesSince", { day: formatDate(comparedWith, locale) })}</p>
            {changes.length === 0 ? (
              <p>{t("dashboard.noChanges")}</p>
            ) : (
              <>
                <Table caption={t("dashboard.changesCaption", { day: formatDate(comparedWith, locale) })}>
                  <thead>
                    <tr>
                      <th scope="col">{t("dashboard.col.what")}</th>
                      <th scope="col">{t("dashboard.col.from")}</th>
                      <th scope="col">{t("dashboard.col.to")}</th>
                      <th scope="col">{t("dashboard.col.change")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((change) => (
                      <tr key={`${change.subject}-${change.id}`}>
                        <th scope="row">
                          {change.subject === "plan" ? (
                            t("dashboard.planItself")
                          ) : (
                            <>
                              <span className="code">{change.code}</span> {text(change.label)}
                            </>
                          )}
                        </th>
                        <td>
                          {change.from ? (
                            <RollUpStatusBadge status={change.from} unjudged={change.fromUnjudged} />
                          ) : (
                            "—"
                          )}
                        </td>
                        <td>
                          {change.to ? (
                            <RollUpStatusBadge status={change.to} unjudged={change.toUnjudged} />
                          ) : (
                            "—"
                          )}
                        </td>
                        <td>{t(`rollup.change.${change.change}`)}</td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
                <CsvLink
                  name={t("dashboard.changes")}
                  file={file("changes")}
                  header={[
                    t("dashboard.col.what"),
                    t("dashboard.col.from"),
                    t("dashboard.col.to"),
                    t("dashboard.col.change"),
                  ]}
                  rows={changes.map((change) => [
                    change.subject === "plan"
                      ? t("dashboard.planItself")
                      : `${change.code} ${text(change.label)}`,
                    change.from ? rollUpStatusText(t, change.from, change.fromUnjudged) : "",
                    change.to ? rollUpStatusText(t, change.to, change.toUnjudged) : "",
                    t(`rollup.change.${change.change}`),
                  ])}
                />
              </>
            )}
          </>
        )}
      </Card>

      <Card aria-labelledby="indicators-heading">
        <h2 id="indicators-heading">{t("dashboard.indicators")}</h2>
        {showFigures && <p className="meta">{t("dashboard.figuresNote")}</p>}
        <Table caption={t("dashboard.indicatorsCaption", { day })}>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.col.indicator")}</th>
              <th scope="col">{t("dashboard.col.status")}</th>
              <th scope="col">{t("dashboard.col.score")}</th>
              <th scope="col">{t("dashboard.col.actual")}</th>
              <th scope="col">{t("dashboard.col.expected")}</th>
              <th scope="col">{t("dashboard.col.completeness")}</th>
              {showFigures && <th scope="col">{t("dashboard.col.latestFigure")}</th>}
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => {
              const name = pickText(indicator.name, locale);
              return (
                <tr key={indicator.code} data-code={indicator.code}>
                  <th scope="row">
                    <Link
                      to={`${base}/dashboard/indicators/${indicator.code}?asOf=${filters.asOf}&from=${filters.from}`}
                    >
                      <span className="code">{indicator.code}</span> <span lang={name.lang}>{name.text}</span>
                    </Link>
                  </th>
                  <td>
                    <RollUpStatusBadge status={indicator.status} unjudged={indicator.unjudged} />
                  </td>
                  <td>
                    <Percent value={indicator.percentOfExpected} />
                  </td>
                  <td>{indicator.actual === null ? "—" : formatNumber(indicator.actual, locale)}</td>
                  <td>
                    {indicator.expected === null
                      ? "—"
                      : formatNumber(Math.round(indicator.expected * 10) / 10, locale)}
                  </td>
                  <td>
                    <Percent value={indicator.completeness} />
                  </td>
                  {showFigures && (
                    <td>
                      <LatestFigureCell figure={indicator.latestFigure} measured={indicator} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </Table>
        <CsvLink
          name={t("dashboard.indicators")}
          file={file("indicators")}
          header={[
            t("dashboard.col.indicator"),
            t("dashboard.col.status"),
            t("dashboard.col.score"),
            t("dashboard.col.actual"),
            t("dashboard.col.expected"),
            t("dashboard.col.completeness"),
            ...(showFigures ? [t("dashboard.col.latestFigure")] : []),
          ]}
          rows={indicators.map((indicator) => [
            `${indicator.code} ${text(indicator.name)}`,
            rollUpStatusText(t, indicator.status, indicator.unjudged),
            indicator.percentOfExpected,
            indicator.actual,
            indicator.expected,
            indicator.completeness,
            ...(showFigures
              ? [
                  indicator.latestFigure
                    ? latestFigureText(indicator.latestFigure, indicator, t, locale)
                    : null,
                ]
              : []),
          ])}
        />
      </Card>
    </>
  );
}

/** A past day asked for too often offers today's figures; any other failure leads back to the plan. */
export function ErrorBoundary() {
  return <PlanPageErrorBoundary />;
}
