import { Link } from "react-router";
import { PlanPageErrorBoundary } from "../components/error-boundary";
import { Card } from "../components/ui/card";
import { Table } from "../components/ui/table";
import {
  CsvLink,
  DashboardHeader,
  LatestFigureCell,
  Percent,
  RollUpStatusBadge,
  rollUpStatusText,
  ScoresChartFrame,
} from "../dashboards/components";
import { getElementDashboard } from "../dashboards/element.server";
import { latestFigureText } from "../dashboards/latest-figure";
import { loadDashboard } from "../dashboards/load.server";
import { formatDate, formatNumber, pickText, useI18n } from "../i18n/i18n";
import { PlanTrail } from "../plan-graph/components/plan-trail";
import { retryAfterHeaders } from "../retry-after";
import type { Route } from "./+types/dashboard.element";

/** A 429 from the budget for past days keeps its Retry-After on data requests too. */
export const headers = retryAfterHeaders;

export function loader(args: Route.LoaderArgs) {
  return loadDashboard(args, getElementDashboard);
}

export default function ElementDashboardPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, filters, element, inputs, chartEmpty } = loaderData;
  const _planTitle = pickText(plan.title, locale);
  const title = pickText(element.title, locale);
  const day = formatDate(filters.asOf, locale);
  const query = `?asOf=${filters.asOf}&from=${filters.from}`;
  const base = `/plans/${plan.slug}`;
  const showFigures = inputs.some((input) => input.latestFigure !== null);
  const kindLabel = (input: (typeof inputs)[number]) =>
    input.elementKind ? t(`kind.${input.elementKind}`) : t("dashboard.indicatorKind");
  const header = [
    t("dashboard.col.element"),
    t("dashboard.col.kind"),
    t("dashboard.col.status"),
    t("dashboard.col.score"),
    t("dashboard.col.weight"),
    t("dashboard.col.actual"),
    t("dashboard.col.expected"),
    ...(showFigures ? [t("dashboard.col.latestFigure")] : []),
  ];

  return (
    <>
      <title>{`${t("dashboard.elementTitle", { code: element.code })} · Throughline`}</title>
      <PlanTrail>
        <Link to={`${base}/dashboard${query}`}>{t("dashboard.overview")}</Link>
      </PlanTrail>
      <DashboardHeader
        eyebrow={
          <>
            {t("dashboard.drillDown")} · {t(`kind.${element.kind}`)}{" "}
            <span className="code">{element.code}</span>
          </>
        }
        title={title.text}
        lang={title.lang}
        synthetic={plan.synthetic}
      >
        <p className="health-line" data-testid="element-health">
          <RollUpStatusBadge status={element.status} unjudged={element.unjudged} />{" "}
          {t("label.colon", { label: t("dashboard.score") })} <Percent value={element.score} />
        </p>
        <p className="meta">
          {t("dashboard.basis", {
            judged: formatNumber(element.judgedWeight, locale),
            total: formatNumber(element.totalWeight, locale),
          })}{" "}
          · {day} · <Link to={`${base}/elements/${element.code}`}>{t("dashboard.elementPage")}</Link>
        </p>
      </DashboardHeader>

      <Card aria-labelledby="inputs-heading">
        <h2 id="inputs-heading">{t("dashboard.inputs")}</h2>
        {inputs.length === 0 ? (
          <p>{t("dashboard.noInputs")}</p>
        ) : (
          <>
            {chartEmpty ? (
              <p className="chart-empty" data-testid="inputs-chart-empty">
                {t(`dashboard.inputsEmpty.${chartEmpty}`, { day })}
              </p>
            ) : (
              <ScoresChartFrame
                frameName={t("dashboard.inputsChart")}
                name={t("dashboard.col.score")}
                rows={inputs.map((input) => ({ label: input.code, score: input.score }))}
              />
            )}
            {showFigures && <p className="meta">{t("dashboard.figuresNote")}</p>}
            <Table caption={t("dashboard.inputsCaption", { code: element.code, day })}>
              <thead>
                <tr>
                  {header.map((label) => (
                    <th scope="col" key={label}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {inputs.map((input) => {
                  const name = pickText(input.title, locale);
                  const to =
                    input.kind === "element"
                      ? `${base}/dashboard/elements/${input.code}${query}`
                      : `${base}/dashboard/indicators/${input.code}${query}`;
                  return (
                    <tr key={`${input.kind}-${input.code}`} data-code={input.code}>
                      <th scope="row">
                        <Link to={to}>
                          <span className="code">{input.code}</span> <span lang={name.lang}>{name.text}</span>
                        </Link>
                      </th>
                      <td>{kindLabel(input)}</td>
                      <td>
                        <RollUpStatusBadge status={input.status} unjudged={input.unjudged} />
                      </td>
                      <td>
                        <Percent value={input.score} />
                      </td>
                      <td>{formatNumber(input.weight, locale)}</td>
                      <td>{input.actual === null ? "—" : formatNumber(input.actual, locale)}</td>
                      <td>
                        {input.expected === null
                          ? "—"
                          : formatNumber(Math.round(input.expected * 10) / 10, locale)}
                      </td>
                      {showFigures && (
                        <td>
                          <LatestFigureCell figure={input.latestFigure} measured={input.measured} />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </Table>
            <CsvLink
              name={t("dashboard.inputs")}
              file={`${plan.slug}-${element.code}-${filters.asOf}`}
              header={header}
              rows={inputs.map((input) => [
                `${input.code} ${pickText(input.title, locale).text}`,
                kindLabel(input),
                rollUpStatusText(t, input.status, input.unjudged),
                input.score,
                input.weight,
                input.actual,
                input.expected,
                ...(showFigures
                  ? [
                      input.latestFigure && input.measured
                        ? latestFigureText(input.latestFigure, input.measured, t, locale)
                        : null,
                    ]
                  : []),
              ])}
            />
          </>
        )}
      </Card>
    </>
  );
}

/** A past day asked for too often offers today's figures; any other failure leads back to the plan. */
export function ErrorBoundary() {
  return <PlanPageErrorBoundary />;
}
