import { Link } from "react-router";
import { can } from "../auth/policy";
import { Card } from "../components/ui/card";
import { Badge } from "../components/ui/status-badge";
import { Table } from "../components/ui/table";
import { useFormatShown } from "../dashboards/components";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { notFound } from "../http-errors";
import { formatDate, formatDateTime, formatNumber, pickText, useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import { useDimensionValueLabel } from "../indicators/components/indicator-form";
import {
  BaselineFact,
  Breakdown,
  MeasureFacts,
  TargetSources,
  useDimensionName,
  useFormatValue,
  VerificationFacts,
} from "../indicators/components/indicator-values";
import { IndicatorsTrail } from "../indicators/components/indicators-trail";
import { periodLabel } from "../indicators/display";
import { getIndicatorDetail } from "../indicators/manage.server";
import { Citation } from "../plan-graph/components/citation";
import { requirePlan } from "../plan-graph/plan-route.server";
import { recordNarrativesRead } from "../read-log.server";
import type { Route } from "./+types/indicator";

export async function loader(args: Route.LoaderArgs) {
  const { viewer, ...found } = requirePlan(args);
  const canManage = can(viewer, { action: "indicators.manage" });
  const db = await getDb();
  const detail = await getIndicatorDetail({ db, ...found, code: args.params.code, canManage });
  if (!detail) notFound();
  await recordNarrativesRead({ db, viewer, request: args.request, entries: detail.entries });
  return { ...detail, canManage };
}

function Percent({ value }: { value: number | null }) {
  const { locale } = useI18n();
  return <>{value === null ? "—" : `${formatNumber(Math.round(value), locale)} %`}</>;
}

export default function IndicatorPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const {
    plan,
    indicator,
    dimensions,
    periods,
    overPlan,
    cells,
    targetSources,
    entries,
    approvedCount,
    statusCounts,
    history,
    canManage,
  } = loaderData;
  const name = pickText(indicator.name, locale);
  const format = useFormatValue(indicator);
  // A funder's small counts by value arrive as "< 5".
  const formatCell = useFormatShown(indicator);
  const valueLabel = useDimensionValueLabel();
  const dimensionName = useDimensionName();
  const base = `/plans/${plan.slug}/indicators/${indicator.code}`;
  return (
    <>
      <title>{`${indicator.code} ${name.text} · Throughline`}</title>
      <IndicatorsTrail plan={plan} />
      <header className="page-header">
        <p className="eyebrow">
          {t("indicators.eyebrow")} <span className="code">{indicator.code}</span> ·{" "}
          <Link to={`${base}/history`}>{t("indicators.revision", { revision: indicator.revision })}</Link>
        </p>
        <h1 lang={name.lang}>{name.text}</h1>
        {plan.synthetic && <SyntheticBadge explain />}
        <p className="meta">
          {t(`indicators.measure.${indicator.measure}`)} · {t(`indicators.direction.${indicator.direction}`)}{" "}
          · {t(`indicators.aggregation.${indicator.aggregation}`)} ·{" "}
          {t(`indicators.frequency.${indicator.frequency}`)}
        </p>
        {canManage && (
          <p>
            <Link to={`${base}/edit`} className="button button-secondary">
              {t("indicators.edit")}
            </Link>
          </p>
        )}
      </header>

      <Card>
        <h2>{t("indicators.results")}</h2>
        <p className="field-hint">{t(`indicators.resultsHint.${indicator.reading}`)}</p>
        <Table caption={t("indicators.resultsCaption", { count: approvedCount })}>
          <thead>
            <tr>
              <th scope="col">{t("indicators.table.period")}</th>
              <th scope="col">{t("indicators.table.target")}</th>
              <th scope="col">{t("indicators.table.reported")}</th>
              <th scope="col">{t("indicators.table.actual")}</th>
              <th scope="col">{t("indicators.table.percent")}</th>
            </tr>
          </thead>
          <tbody>
            {periods.map((period) => (
              <tr key={period.key}>
                <th scope="row">
                  {periodLabel(period.key, t)} {period.locked && <Badge>{t("indicators.locked")}</Badge>}
                  <br />
                  <span className="meta small">
                    {formatDate(period.start, locale)} – {formatDate(period.end, locale)}
                  </span>
                </th>
                <td>{format(period.target)}</td>
                <td>{format(period.reported)}</td>
                <td>{format(period.actual)}</td>
                <td>
                  <Percent value={period.percent} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("indicators.overPlan")}</th>
              <td>{format(overPlan.target)}</td>
              <td />
              <td>{format(overPlan.actual)}</td>
              <td>
                <Percent value={overPlan.percent} />
              </td>
            </tr>
          </tfoot>
        </Table>
        {cells.length > 0 && (
          <Table caption={t("indicators.cellsCaption")}>
            <thead>
              <tr>
                <th scope="col">{t("indicators.table.period")}</th>
                {cells.map((cell) => {
                  const dimension = dimensions.find((d) => d.code === cell.dimension);
                  const value = dimension?.values.find((v) => v.code === cell.value) ?? { code: cell.value };
                  return (
                    <th scope="col" key={cell.key}>
                      {valueLabel(cell.dimension, value)}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {periods.map((period, i) => (
                <tr key={period.key}>
                  <th scope="row">{periodLabel(period.key, t)}</th>
                  {cells.map((cell) => {
                    const row = cell.periods[i];
                    return (
                      <td key={cell.key}>
                        {row && (row.target !== null || row.actual !== null)
                          ? t("indicators.cellValue", {
                              actual: formatCell(row.actual),
                              target: format(row.target),
                            })
                          : "—"}
                        {row?.percent !== null && row?.percent !== undefined && (
                          <>
                            {" "}
                            <span className="meta">
                              (<Percent value={row.percent} />)
                            </span>
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <TargetSources targets={targetSources} format={format} />
        {canManage && (
          <p className="meta">
            {t("indicators.statusCounts", {
              approved: statusCounts.approved ?? 0,
              submitted: statusCounts.submitted ?? 0,
              returned: statusCounts.returned ?? 0,
              draft: statusCounts.draft ?? 0,
            })}
          </p>
        )}
      </Card>

      <div className="detail-grid">
        <div>
          <Card>
            <h2>{t("indicators.definitionHeading")}</h2>
            <dl className="facts">
              <MeasureFacts indicator={indicator} />
              <BaselineFact indicator={indicator} />
              <VerificationFacts indicator={indicator} />
              <div>
                <dt>{t("indicators.form.elements")}</dt>
                <dd>
                  <ul className="link-list">
                    {indicator.measuredElements.map((element) => {
                      const title = pickText(element.title, locale);
                      return (
                        <li key={element.code}>
                          <Link to={`/plans/${plan.slug}/elements/${element.code}`}>
                            <span className="code">{element.code}</span>{" "}
                            <span className="visually-hidden">({t(`kind.${element.kind}`)})</span>
                            <span lang={title.lang}>{title.text}</span>
                          </Link>
                        </li>
                      );
                    })}
                  </ul>
                </dd>
              </div>
            </dl>
            {indicator.citation && <Citation citation={indicator.citation} full />}
          </Card>
          <Card>
            <h2>{t("indicators.form.dimensions")}</h2>
            {dimensions.length === 0 ? (
              <p>{t("indicators.noDimensions")}</p>
            ) : (
              <dl className="facts">
                {dimensions.map((dimension) => (
                  <div key={dimension.code}>
                    <dt>{dimensionName(dimension)}</dt>
                    <dd>{dimension.values.map((value) => valueLabel(dimension.code, value)).join(", ")}</dd>
                  </div>
                ))}
              </dl>
            )}
          </Card>
        </div>
        <div>
          <Card>
            <h2>{t("indicators.history")}</h2>
            {history.length === 0 ? (
              <p>{t("indicators.noHistory")}</p>
            ) : (
              <ul className="link-list">
                {history.slice(0, 5).map((revision) => (
                  <li key={revision.revision}>
                    <p>
                      <Link to={`${base}/history/${revision.revision}`}>
                        {t("indicators.revision", { revision: revision.revision })}
                      </Link>{" "}
                      <span className="meta">
                        {t("indicators.replacedOn", {
                          when: formatDateTime(revision.replacedAt, locale),
                          who: revision.replacedBy ?? "—",
                        })}
                      </span>
                    </p>
                    <p className="meta">
                      {t("indicators.changed", {
                        changes: revision.changes
                          .map((c) => t(`indicators.change.${c}` as MessageKey))
                          .join(", "),
                      })}
                    </p>
                    {revision.rationale && <p>{revision.rationale}</p>}
                  </li>
                ))}
              </ul>
            )}
            <p>
              <Link to={`${base}/history`}>{t("indicators.fullHistory")}</Link>
            </p>
          </Card>
          <Card>
            <h2>{t("indicators.entries")}</h2>
            {entries.length === 0 ? (
              <p>{t("indicator.noFigures")}</p>
            ) : (
              <>
                {approvedCount > entries.length && (
                  <p className="meta">
                    {t("indicators.entriesShown", { shown: entries.length, count: approvedCount })}
                  </p>
                )}
                <ul className="link-list">
                  {entries.map((entry) => {
                    const narrative = entry.narrative ? pickText(entry.narrative, locale) : null;
                    return (
                      <li key={entry.id}>
                        <p>
                          <strong className="figure">{format(entry.value)}</strong>{" "}
                          <span className="meta">
                            {periodLabel(entry.periodKey, t)} · {formatDate(entry.reportedOn, locale)}
                          </span>
                        </p>
                        {entry.reportedUnder < indicator.revision && (
                          <p className="meta">
                            <Link to={`${base}/history/${entry.reportedUnder}`}>
                              {t("indicators.reportedUnder", { revision: entry.reportedUnder })}
                            </Link>
                            {entry.earlierDimensions && ` ${t("indicators.earlierDimensions")}`}
                          </p>
                        )}
                        {entry.breakdown && (
                          <Breakdown breakdown={entry.breakdown} dimensions={dimensions} collapsed />
                        )}
                        {narrative && <p lang={narrative.lang}>{narrative.text}</p>}
                        {entry.citation && <Citation citation={entry.citation} full />}
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
