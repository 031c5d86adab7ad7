import { Link } from "react-router";
import { PlanPageErrorBoundary } from "../components/error-boundary";
import { Card } from "../components/ui/card";
import { Table } from "../components/ui/table";
import {
  CsvLink,
  DashboardFilters,
  DashboardHeader,
  GenderFilter,
  SharesChartFrame,
  SmallCountNote,
  useFormatShown,
} from "../dashboards/components";
import { loadDashboard } from "../dashboards/load.server";
import { getRegionDashboard, type RegionDashboard } from "../dashboards/regions.server";
import { isSuppressed, numberOf, type Shown } from "../dashboards/small-counts";
import { formatDate, formatNumber, formatPercent, pickText, useI18n } from "../i18n/i18n";
import { periodLabel } from "../indicators/display";
import { PlanTrail } from "../plan-graph/components/plan-trail";
import { retryAfterHeaders } from "../retry-after";
import type { Route } from "./+types/dashboard.regions";

/** A 429 from the budget for past days keeps its Retry-After on data requests too. */
export const headers = retryAfterHeaders;

export function loader(args: Route.LoaderArgs) {
  return loadDashboard(args, getRegionDashboard);
}

type IndicatorRow = RegionDashboard["indicators"][number];

/** One figure of an indicator in the reader's terms (its unit, its scale), with its share of the regions' sum. */
function RegionFigure({ row, value, share }: { row: IndicatorRow; value: Shown; share: number | null }) {
  const { locale } = useI18n();
  const format = useFormatShown(row);
  return (
    <>
      {format(value)}
      {share !== null && <span className="meta"> ({formatPercent(Math.round(share), locale)})</span>}
    </>
  );
}

/**
 * The regions' values of a counted indicator as shares of their sum (what the chart draws); null otherwise, and
 * when a funder's small count is suppressed in the row (the shares of the others would be misread).
 */
function sharesOf(row: IndicatorRow, regionCodes: readonly string[]) {
  if (row.measure !== "number") return null;
  const shown = regionCodes.map((code) => row.values[code] ?? null);
  if (shown.some(isSuppressed)) return null;
  const values = shown as (number | null)[];
  const sum = values.reduce<number>((acc, value) => acc + (value ?? 0), 0);
  if (sum <= 0) return null;
  return Object.fromEntries(regionCodes.map((code, i) => [code, ((values[i] ?? 0) / sum) * 100]));
}

export default function RegionDashboardPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, filters, scoped, regions, indicators, entriesPerRegion } = loaderData;
  const planTitle = pickText(plan.title, locale);
  const base = `/plans/${plan.slug}`;
  const dates = `asOf=${filters.asOf}&from=${filters.from}`;
  const indicatorQuery = `?${dates}${filters.gender ? `&gender=${filters.gender}` : ""}`;
  const day = formatDate(filters.asOf, locale);
  const range = { from: formatDate(filters.from, locale), to: day };
  const file = (part: string) =>
    `${plan.slug}-regions-${part}${filters.gender ? `-${filters.gender}` : ""}-${filters.asOf}`;
  const regionName = (region: (typeof regions)[number]) => pickText(region.label, locale);
  const regionCodes = regions.map((region) => region.code);
  const genderName = filters.gender ? t(`indicators.gender.${filters.gender}`) : null;
  const shares = new Map(indicators.map((row) => [row.code, sharesOf(row, regionCodes)]));
  const charted = indicators.filter((row) => shares.get(row.code));
  const hasNotBrokenDown = indicators.some((row) => row.hasNotBrokenDown);

  const indicatorHeader = [
    t("dashboard.col.indicator"),
    ...regions.map((region) => regionName(region).text),
    ...(hasNotBrokenDown ? [t("dashboard.indicator.notBrokenDownColumn")] : []),
    t("dashboard.col.total"),
  ];

  return (
    <>
      <title>{`${t("dashboard.regions.title")} · ${planTitle.text} · Throughline`}</title>
      <PlanTrail>
        <Link to={`${base}/dashboard?${dates}`}>{t("dashboard.overview")}</Link>
      </PlanTrail>
      <DashboardHeader
        eyebrow={t("dashboard.regions.eyebrow")}
        title={t("dashboard.regions.title")}
        synthetic={plan.synthetic}
        scopedNotice={scoped ? t("dashboard.regions.scoped") : null}
      >
        <p className="lead">{t("dashboard.regions.intro")}</p>
        <p className="meta">
          {t("dashboard.regions.range", range)}
          {genderName && ` · ${genderName}`}
        </p>
      </DashboardHeader>

      <DashboardFilters
        idPrefix="regions"
        filters={filters}
        plan={plan}
        fromLabelKey="dashboard.periodsFrom"
        hint={t("dashboard.regions.filtersHint")}
      >
        <GenderFilter id="regions-gender" value={filters.gender} />
      </DashboardFilters>

      <Card aria-labelledby="reported-heading">
        <h2 id="reported-heading">{t("dashboard.regions.reported")}</h2>
        <Table caption={t("dashboard.regions.reportedCaption", range)}>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.col.region")}</th>
              <th scope="col">{t("dashboard.col.approvedEntries")}</th>
              <th scope="col">{t("dashboard.col.indicators")}</th>
            </tr>
          </thead>
          <tbody>
            {regions.map((region) => {
              const label = regionName(region);
              return (
                <tr key={region.code} data-region={region.code}>
                  <th scope="row">
                    <a href={`#region-${region.code}`} lang={label.lang}>
                      {label.text}
                    </a>
                  </th>
                  <td data-column="entries">{formatNumber(region.entryCount, locale)}</td>
                  <td>{formatNumber(region.indicatorCount, locale)}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        <CsvLink
          name={t("dashboard.regions.reported")}
          file={file("reported")}
          header={[
            t("dashboard.col.region"),
            t("dashboard.col.approvedEntries"),
            t("dashboard.col.indicators"),
          ]}
          rows={regions.map((region) => [regionName(region).text, region.entryCount, region.indicatorCount])}
        />
      </Card>

      <Card aria-labelledby="indicators-heading">
        <h2 id="indicators-heading">{t("dashboard.regions.indicators")}</h2>
        <p className="field-hint">{t("dashboard.regions.indicatorsHint")}</p>
        {indicators.length === 0 ? (
          <p>{t("dashboard.regions.noIndicators")}</p>
        ) : (
          <>
            {charted.length > 0 && (
              <SharesChartFrame
                frameName={t("dashboard.regions.sharesChart")}
                rows={charted.map((row) => ({
                  label: row.code,
                  values: Object.fromEntries(
                    regionCodes.map((code) => [code, numberOf(row.values[code] ?? null)]),
                  ),
                }))}
                series={regions.map((region) => ({ key: region.code, name: regionName(region).text }))}
              />
            )}
            <Table caption={t("dashboard.regions.indicatorsCaption", range)}>
              <thead>
                <tr>
                  {indicatorHeader.map((label) => (
                    <th scope="col" key={label}>
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {indicators.map((row) => {
                  const name = pickText(row.name, locale);
                  const rowShares = shares.get(row.code) ?? null;
                  const note = !row.genderApplies
                    ? t("dashboard.regions.noGenderBreakdown")
                    : row.notCombinable
                      ? t("dashboard.regions.notCombinable")
                      : null;
                  return (
                    <tr key={row.code} data-code={row.code}>
                      <th scope="row">
                        <Link to={`${base}/dashboard/indicators/${row.code}${indicatorQuery}`}>
                          <span className="code">{row.code}</span> <span lang={name.lang}>{name.text}</span>
                        </Link>
                        {note && (
                          <>
                            <br />
                            <span className="meta">{note}</span>
                          </>
                        )}
                      </th>
                      {regions.map((region) => (
                        <td key={region.code} data-region={region.code}>
                          <RegionFigure
                            row={row}
                            value={row.values[region.code] ?? null}
                            share={rowShares?.[region.code] ?? null}
                          />
                        </td>
                      ))}
                      {hasNotBrokenDown && (
                        <td>
                          <RegionFigure row={row} value={row.notBrokenDown} share={null} />
                        </td>
                      )}
                      <td data-region="total">
                        <RegionFigure row={row} value={row.total} share={null} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
            <CsvLink
              name={t("dashboard.regions.indicators")}
              file={file("indicators")}
              header={indicatorHeader}
              rows={indicators.map((row) => [
                `${row.code} ${pickText(row.name, locale).text}`,
                ...regionCodes.map((code) => row.values[code] ?? null),
                ...(hasNotBrokenDown ? [row.notBrokenDown] : []),
                row.total,
              ])}
            />
            <SmallCountNote
              values={indicators.flatMap((row) => [
                ...Object.values(row.values),
                row.notBrokenDown,
                row.total,
              ])}
            />
          </>
        )}
      </Card>

      <Card aria-labelledby="entries-heading">
        <h2 id="entries-heading">{t("dashboard.regions.entries")}</h2>
        <p className="field-hint">{t("dashboard.regions.entriesHint", { count: entriesPerRegion })}</p>
        {regions.map((region) => {
          const label = regionName(region);
          return (
            <section
              key={region.code}
              id={`region-${region.code}`}
              aria-labelledby={`region-${region.code}-heading`}
            >
              <h3 id={`region-${region.code}-heading`} lang={label.lang}>
                {label.text}
              </h3>
              {region.entries.length === 0 ? (
                <p>{t("dashboard.regions.noEntries")}</p>
              ) : (
                <Table caption={t("dashboard.regions.entriesCaption", { region: label.text, ...range })}>
                  <thead>
                    <tr>
                      <th scope="col">{t("dashboard.col.indicator")}</th>
                      <th scope="col">{t("dashboard.col.period")}</th>
                      <th scope="col">{t("dashboard.col.reportedOn")}</th>
                      <th scope="col">{t("dashboard.regions.valueThere")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {region.entries.map((entry) => {
                      const row = indicators.find((candidate) => candidate.code === entry.indicatorCode);
                      return (
                        <tr key={entry.id}>
                          <th scope="row">
                            <Link to={`${base}/dashboard/indicators/${entry.indicatorCode}${indicatorQuery}`}>
                              {entry.indicatorCode}
                            </Link>
                          </th>
                          <td>{periodLabel(entry.periodKey, t)}</td>
                          <td>
                            {entry.canOpen ? (
                              <Link to={`/entries/${entry.id}`}>{formatDate(entry.reportedOn, locale)}</Link>
                            ) : (
                              formatDate(entry.reportedOn, locale)
                            )}
                          </td>
                          <td>{row ? <RegionFigure row={row} value={entry.value} share={null} /> : "—"}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </Table>
              )}
            </section>
          );
        })}
        <CsvLink
          name={t("dashboard.regions.entries")}
          file={file("entries")}
          header={[
            t("dashboard.col.region"),
            t("dashboard.col.indicator"),
            t("dashboard.col.period"),
            t("dashboard.col.reportedOn"),
            t("dashboard.regions.valueThere"),
          ]}
          rows={regions.flatMap((region) =>
            region.entries.map((entry) => [
              regionName(region).text,
              entry.indicatorCode,
              entry.periodKey,
              entry.reportedOn,
              entry.value,
            ]),
          )}
        />
      </Card>
    </>
  );
}

/** A past day asked for too often offers today's figures; any other failure leads back to the plan. */
export function ErrorBoundary() {
  return <PlanPageErrorBoundary />;
}
