import { Link } from "react-router";
import { PlanPageErrorBoundary } from "../components/error-boundary";
import { Card } from "../components/ui/card";
import { Table } from "../components/ui/table";
import {
  BreakdownChartFrame,
  CsvLink,
  DashboardFilters,
  DashboardHeader,
  GenderFilter,
  IndicatorChartFrame,
  Percent,
  RollUpStatusBadge,
  SmallCountNote,
  useFormatShown,
} from "../dashboards/components";
import { getIndicatorDashboard } from "../dashboards/indicator.server";
import { loadDashboard } from "../dashboards/load.server";
import { numberOf, type Shown } from "../dashboards/small-counts";
import { indicatorUnjudgedReason } from "../dashboards/unjudged";
import { formatDate, pickText, useI18n } from "../i18n/i18n";
import { useDimensionValueLabel } from "../indicators/components/indicator-form";
import { TargetSources, useFormatValue } from "../indicators/components/indicator-values";
import { periodLabel } from "../indicators/display";
import { Citation } from "../plan-graph/components/citation";
import { PlanTrail } from "../plan-graph/components/plan-trail";
import { retryAfterHeaders } from "../retry-after";
import type { Route } from "./+types/dashboard.indicator";

/** A 429 from the budget for past days keeps its Retry-After on data requests too. */
export const headers = retryAfterHeaders;

export function loader(args: Route.LoaderArgs) {
  return loadDashboard(args, getIndicatorDashboard);
}

export default function IndicatorDashboardPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const {
    plan,
    filters,
    scoped,
    indicator,
    dimensions,
    status,
    selection,
    overRange,
    series,
    targetSources,
    breakdowns,
    entries,
    entriesInRange,
  } = loaderData;
  const _planTitle = pickText(plan.title, locale);
  const name = pickText(indicator.name, locale);
  const format = useFormatValue(indicator);
  // Breakdown cells: a funder's small counts arrive as "< 5", never as their value.
  const formatCell = useFormatShown(indicator);
  const valueLabel = useDimensionValueLabel();
  const base = `/plans/${plan.slug}`;
  const dates = `asOf=${filters.asOf}&from=${filters.from}`;
  const day = formatDate(filters.asOf, locale);
  const file = (part: string) => `${plan.slug}-${indicator.code}-${part}-${filters.asOf}`;
  const rounded = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);
  const region = dimensions.find((dimension) => dimension.code === "region");
  const hasGender = dimensions.some((dimension) => dimension.code === "gender");
  const labelOf = (dimension: string, code: string) => {
    const known = dimensions.find((d) => d.code === dimension)?.values.find((value) => value.code === code);
    return valueLabel(dimension, known ?? { code });
  };
  const selectionName = [
    filters.region ? labelOf("region", filters.region) : null,
    filters.gender ? labelOf("gender", filters.gender) : null,
  ]
    .filter((part) => part !== null)
    .join(" · ");
  const stateLabel = (state: string | null) => (state ? t(`rollup.state.${state as "approved"}`) : "—");

  const seriesHeader = [
    t("dashboard.col.period"),
    t("dashboard.col.report"),
    t("dashboard.col.target"),
    t("dashboard.col.expected"),
    t("dashboard.col.actual"),
    ...(selection ? [t("dashboard.indicator.selectionActual", { selection: selectionName })] : []),
    ...(selection?.hasTargets
      ? [t("dashboard.indicator.selectionTarget", { selection: selectionName })]
      : []),
  ];

  return (
    <>
      <title>{`${indicator.code} ${name.text} · ${t("dashboard.link")} · Throughline`}</title>
      <PlanTrail>
        <Link to={`${base}/dashboard?${dates}`}>{t("dashboard.overview")}</Link>
      </PlanTrail>
      <DashboardHeader
        eyebrow={
          <>
            {t("dashboard.indicatorKind")} <span className="code">{indicator.code}</span>
          </>
        }
        title={name.text}
        lang={name.lang}
        synthetic={plan.synthetic}
        scopedNotice={scoped ? t("dashboard.indicator.scoped") : null}
      >
        <p className="meta">
          {t(`indicators.measure.${indicator.measure}`)} · {t(`indicators.direction.${indicator.direction}`)}{" "}
          · {t(`indicators.aggregation.${indicator.aggregation}`)} ·{" "}
          {t(`indicators.frequency.${indicator.frequency}`)}
        </p>
        <p className="meta">
          {t("dashboard.indicator.measures")}{" "}
          {indicator.measuredElements.map((element, i) => {
            const title = pickText(element.title, locale);
            return (
              <span key={element.code}>
                {i > 0 && ", "}
                <Link to={`${base}/dashboard/elements/${element.code}?${dates}`}>
                  <span className="code">{element.code}</span> <span lang={title.lang}>{title.text}</span>
                </Link>
              </span>
            );
          })}{" "}
          · <Link to={`${base}/indicators/${indicator.code}`}>{t("dashboard.indicator.definitionLink")}</Link>
        </p>
        {indicator.citation && <Citation citation={indicator.citation} />}
      </DashboardHeader>

      <DashboardFilters
        idPrefix="indicator"
        filters={filters}
        plan={plan}
        fromLabelKey="dashboard.periodsFrom"
        hint={
          region || hasGender ? t("dashboard.indicator.filtersHint") : t("dashboard.indicator.noDimensions")
        }
      >
        {region && (
          <div className="field">
            <label htmlFor="indicator-region">{t("indicators.dimension.region")}</label>
            <select id="indicator-region" name="region" defaultValue={filters.region ?? ""}>
              <option value="">{t("dashboard.allRegions")}</option>
              {region.values.map((value) => (
                <option key={value.code} value={value.code}>
                  {valueLabel("region", value)}
                </option>
              ))}
            </select>
          </div>
        )}
        {hasGender && <GenderFilter id="indicator-gender" value={filters.gender} />}
      </DashboardFilters>

      <Card className="dashboard-health" aria-labelledby="status-heading">
        <h2 id="status-heading">{t("dashboard.indicator.status")}</h2>
        <p className="health-line" data-testid="indicator-status">
          <RollUpStatusBadge status={status.status} unjudged={indicatorUnjudgedReason(status)} />{" "}
          {t("label.colon", { label: t("dashboard.score") })} <Percent value={status.percentOfExpected} />
        </p>
        {status.reason === "targetNotInDirection" && <p>{t("dashboard.indicator.targetNotInDirection")}</p>}
        <dl className="facts">
          <div>
            <dt>{t("dashboard.indicator.judgedAt")}</dt>
            <dd>
              {status.judgedAt
                ? `${formatDate(status.judgedAt, locale)} (${periodLabel(status.periodKey ?? "", t)})`
                : "—"}
            </dd>
          </div>
          <div>
            <dt>{t("dashboard.col.actual")}</dt>
            <dd>{format(status.actual)}</dd>
          </div>
          <div>
            <dt>{t("dashboard.col.expected")}</dt>
            <dd>{format(rounded(status.expected))}</dd>
          </div>
          <div>
            <dt>{t("dashboard.indicator.overRange")}</dt>
            <dd data-testid="over-range">{format(overRange)}</dd>
          </div>
          <div>
            <dt>{t("dashboard.indicator.planTarget")}</dt>
            <dd>
              {format(status.target)}
              {status.percentOfTarget !== null && (
                <>
                  {" "}
                  ({t("dashboard.indicator.reached")} <Percent value={status.percentOfTarget} />)
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("dashboard.col.completeness")}</dt>
            <dd>
              <Percent value={status.completeness} />
            </dd>
          </div>
        </dl>
        <p className="meta">
          {t("dashboard.indicator.statusBasis")} · {day}
        </p>
        {selection && (
          <div className="notice" data-testid="selection-notice">
            <p>{t("dashboard.indicator.judgedOnTotal", { selection: selectionName })}</p>
            {selection.hasTargets && <p>{t("dashboard.indicator.selectionHasTargets")}</p>}
            {selection.notCombinable ? (
              <p>{t("dashboard.indicator.notCombinable")}</p>
            ) : (
              <p>
                {t("dashboard.indicator.selectionOverRange", {
                  selection: selectionName,
                  value: formatCell(selection.overRange),
                })}
              </p>
            )}
            {selection.notBrokenDown > 0 && (
              <p>{t("dashboard.indicator.notBrokenDown", { count: selection.notBrokenDown })}</p>
            )}
            <SmallCountNote values={[selection.overRange, ...series.map((point) => point.selected)]} />
          </div>
        )}
      </Card>

      <Card aria-labelledby="series-heading">
        <h2 id="series-heading">{t("dashboard.indicator.series")}</h2>
        <p className="field-hint" data-testid="series-hint">
          {t(
            indicator.direction === "maintain"
              ? "dashboard.indicator.seriesHint.maintain"
              : `dashboard.indicator.seriesHint.${indicator.reading}`,
          )}
        </p>
        {indicator.baselineValue !== null && (
          <p className="meta">
            {t("dashboard.indicator.baseline", { value: format(indicator.baselineValue) })}
          </p>
        )}
        {series.length === 0 ? (
          <p>{t("dashboard.indicator.noPeriods")}</p>
        ) : (
          <>
            <IndicatorChartFrame
              frameName={t("dashboard.indicator.series")}
              points={series.map((point) => ({
                label: periodLabel(point.key, t),
                actual: selection ? numberOf(point.selected) : point.actual,
                target: point.target,
                expected: rounded(point.expected),
                total: point.actual,
                selectionTarget: point.selectionTarget,
              }))}
              names={{
                actual: selection
                  ? t("dashboard.indicator.selectionActual", { selection: selectionName })
                  : t("dashboard.col.actual"),
                target: t("dashboard.col.target"),
                expected: t("dashboard.col.expected"),
                total: t("dashboard.indicator.totalActual"),
                selectionTarget: t("dashboard.indicator.selectionTarget", { selection: selectionName }),
                baseline: t("dashboard.indicator.baselineLine"),
              }}
              show={{ total: selection !== null, selectionTarget: selection?.hasTargets ?? false }}
              baseline={indicator.baselineValue}
              domain={
                indicator.measure === "percentage"
                  ? [0, 100]
                  : indicator.measure === "qualitative"
                    ? [0, Math.max(1, (indicator.scale?.length ?? 2) - 1)]
                    : null
              }
            />
            <Table caption={t("dashboard.indicator.seriesCaption", { code: indicator.code, day })}>
              <thead>
                <tr>
                  {seriesHeader.map((label) => (
                    <th scope="col" key={label}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {series.map((point) => (
                  <tr key={point.key} data-period={point.key}>
                    <th scope="row">
                      {periodLabel(point.key, t)}
                      <br />
                      <span className="meta small">
                        {formatDate(point.start, locale)} – {formatDate(point.end, locale)}
                      </span>
                    </th>
                    <td>{stateLabel(point.state)}</td>
                    <td>{format(point.target)}</td>
                    <td>{format(rounded(point.expected))}</td>
                    <td data-column="actual">{format(point.actual)}</td>
                    {selection && <td data-column="selected">{formatCell(point.selected)}</td>}
                    {selection?.hasTargets && <td>{format(point.selectionTarget)}</td>}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("dashboard.indicator.overRange")}</th>
                  <td />
                  <td />
                  <td />
                  <td>{format(overRange)}</td>
                  {selection && <td>{formatCell(selection.overRange)}</td>}
                  {selection?.hasTargets && <td />}
                </tr>
              </tfoot>
            </Table>
            <CsvLink
              name={t("dashboard.indicator.series")}
              file={file("series")}
              header={seriesHeader}
              rows={series.map((point) => [
                point.key,
                point.state ? stateLabel(point.state) : null,
                point.target,
                point.expected,
                point.actual,
                ...(selection ? [point.selected] : []),
                ...(selection?.hasTargets ? [point.selectionTarget] : []),
              ])}
            />
            <TargetSources targets={targetSources} format={format} />
          </>
        )}
      </Card>

      {breakdowns.map((breakdown) => {
        const dimensionName = t(`indicators.dimension.${breakdown.dimension}`);
        // The filter on the other dimension narrows this breakdown; its own filter is one of its columns.
        const other = breakdown.dimension === "region" ? "gender" : "region";
        const otherChosen = filters[other];
        const within = otherChosen ? labelOf(other, otherChosen) : null;
        const heading = t("dashboard.indicator.by", { dimension: dimensionName });
        const columns = [
          ...breakdown.values.map((code) => ({
            key: code,
            name:
              code === breakdown.chosen
                ? t("dashboard.indicator.chosen", { value: labelOf(breakdown.dimension, code) })
                : labelOf(breakdown.dimension, code),
          })),
          ...(breakdown.hasNotBrokenDown
            ? [{ key: "notBrokenDown", name: t("dashboard.indicator.notBrokenDownColumn") }]
            : []),
        ];
        const header = [
          t("dashboard.col.period"),
          ...columns.map((column) => column.name),
          t("dashboard.col.total"),
        ];
        const cellOf = (row: { values: Record<string, Shown>; notBrokenDown: Shown }, key: string): Shown =>
          key === "notBrokenDown" ? row.notBrokenDown : (row.values[key] ?? null);
        return (
          <Card
            key={breakdown.dimension}
            aria-labelledby={`by-${breakdown.dimension}`}
            data-breakdown={breakdown.dimension}
          >
            <h2 id={`by-${breakdown.dimension}`}>{heading}</h2>
            {within && (
              <p className="meta">{t("dashboard.indicator.breakdownWithin", { selection: within })}</p>
            )}
            {breakdown.notCombinable ? (
              <p>{t("dashboard.indicator.notCombinable")}</p>
            ) : (
              <>
                <BreakdownChartFrame
                  frameName={heading}
                  points={breakdown.periods.map((row) => ({
                    label: periodLabel(row.key, t),
                    values: Object.fromEntries(
                      columns.map((column) => [column.key, numberOf(cellOf(row, column.key))]),
                    ),
                  }))}
                  series={columns}
                  stacked={indicator.measure === "number"}
                />
                <Table caption={t("dashboard.indicator.breakdownCaption", { dimension: dimensionName, day })}>
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
                    {breakdown.periods.map((row) => (
                      <tr key={row.key}>
                        <th scope="row">{periodLabel(row.key, t)}</th>
                        {columns.map((column) => (
                          <td key={column.key} data-value={column.key}>
                            {formatCell(cellOf(row, column.key))}
                          </td>
                        ))}
                        <td data-value="total">{formatCell(row.total)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{t("dashboard.indicator.overRange")}</th>
                      {columns.map((column) => (
                        <td key={column.key}>{formatCell(cellOf(breakdown.overRange, column.key))}</td>
                      ))}
                      <td>{formatCell(breakdown.overRange.total)}</td>
                    </tr>
                  </tfoot>
                </Table>
                <CsvLink
                  name={heading}
                  file={file(`by-${breakdown.dimension}`)}
                  header={header}
                  rows={breakdown.periods.map((row) => [
                    row.key,
                    ...columns.map((column) => cellOf(row, column.key)),
                    row.total,
                  ])}
                />
                <SmallCountNote
                  values={[breakdown.overRange, ...breakdown.periods].flatMap((row) => [
                    ...Object.values(row.values),
                    row.notBrokenDown,
                    row.total,
                  ])}
                />
              </>
            )}
            {breakdown.entriesNotBrokenDown > 0 && (
              <p className="meta">
                {t("dashboard.indicator.entriesNotBrokenDown", {
                  count: breakdown.entriesNotBrokenDown,
                  dimension: dimensionName.toLowerCase(),
                })}
              </p>
            )}
          </Card>
        );
      })}

      <Card aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t("dashboard.indicator.entries")}</h2>
        <p className="field-hint">{t("dashboard.indicator.entriesHint")}</p>
        {entries.length < entriesInRange && (
          <p className="meta">
            {t("dashboard.indicator.entriesLimited", { shown: entries.length, count: entriesInRange })}
          </p>
        )}
        {entries.length === 0 ? (
          <p>{t("dashboard.indicator.noEntries")}</p>
        ) : (
          <>
            <Table caption={t("dashboard.indicator.entriesCaption", { code: indicator.code, day })}>
              <thead>
                <tr>
                  <th scope="col">{t("dashboard.col.period")}</th>
                  <th scope="col">{t("dashboard.col.reportedOn")}</th>
                  <th scope="col">{t("dashboard.col.value")}</th>
                  {selection && (
                    <th scope="col">
                      {t("dashboard.indicator.selectionActual", { selection: selectionName })}
                    </th>
                  )}
                  <th scope="col">{t("dashboard.col.evidence")}</th>
                  <th scope="col">{t("dashboard.col.source")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <tr key={entry.id} data-entry={entry.id}>
                    <th scope="row">{periodLabel(entry.periodKey, t)}</th>
                    <td>
                      {entry.canOpen ? (
                        <Link to={`/entries/${entry.id}`}>{formatDate(entry.reportedOn, locale)}</Link>
                      ) : (
                        formatDate(entry.reportedOn, locale)
                      )}
                    </td>
                    <td>{format(entry.value)}</td>
                    {selection && <td>{formatCell(entry.selected)}</td>}
                    <td>
                      {entry.evidence.length === 0 ? (
                        "—"
                      ) : (
                        <ul className="evidence-list">
                          {entry.evidence.map((item) => (
                            <li key={item.id}>
                              {item.kind === "link" ? (
                                <a
                                  href={item.url ?? undefined}
                                  rel="noopener noreferrer nofollow"
                                  target="_blank"
                                >
                                  {item.name}
                                </a>
                              ) : item.url ? (
                                <a href={item.url} download={item.name}>
                                  {item.name}
                                </a>
                              ) : (
                                <>
                                  {item.name}{" "}
                                  <span className="meta">({t("dashboard.indicator.fileForVerifiers")})</span>
                                </>
                              )}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{entry.citation ? <Citation citation={entry.citation} /> : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <CsvLink
              name={t("dashboard.indicator.entries")}
              file={file("entries")}
              header={[
                t("dashboard.col.period"),
                t("dashboard.col.reportedOn"),
                t("dashboard.col.value"),
                ...(selection
                  ? [t("dashboard.indicator.selectionActual", { selection: selectionName })]
                  : []),
                t("dashboard.col.evidence"),
                t("dashboard.col.source"),
              ]}
              rows={entries.map((entry) => [
                entry.periodKey,
                entry.reportedOn,
                entry.value,
                ...(selection ? [entry.selected] : []),
                entry.evidence
                  .filter((item) => item.kind === "link")
                  .map((item) => item.url)
                  .join(" "),
                entry.citation ? `${entry.citation.source} — ${entry.citation.section}` : null,
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
