import { Link } from "react-router";
import { Card } from "../components/ui/card";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { notFound } from "../http-errors";
import { formatDate, formatDateTime, pickText, useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import { useDimensionValueLabel } from "../indicators/components/indicator-form";
import {
  BaselineFact,
  Breakdown,
  MeasureFacts,
  useDimensionName,
  useFormatValue,
  VerificationFacts,
} from "../indicators/components/indicator-values";
import { IndicatorsTrail } from "../indicators/components/indicators-trail";

import { cellKey } from "../indicators/dimensions";
import { periodLabel } from "../indicators/display";
import { getIndicatorRevision } from "../indicators/manage.server";
import { requirePlan } from "../plan-graph/plan-route.server";
import type { Route } from "./+types/indicator.revision";

export async function loader(args: Route.LoaderArgs) {
  const { viewer: _, ...plan } = requirePlan(args);
  if (!/^\d{1,9}$/.test(args.params.revision)) notFound();
  const revision = Number(args.params.revision);
  const found = await getIndicatorRevision({ db: await getDb(), ...plan, code: args.params.code, revision });
  if (!found) notFound();
  return { ...found, revision };
}

export default function IndicatorRevisionPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, indicator, snapshot, dimensions, periods, isCurrent, replaced, revision, entries } =
    loaderData;
  const name = pickText(snapshot.name, locale);
  const format = useFormatValue(snapshot);
  const valueLabel = useDimensionValueLabel();
  const dimensionName = useDimensionName();
  const base = `/plans/${plan.slug}/indicators/${indicator.code}`;
  const cellKeys = [...new Set(snapshot.targets.map((target) => cellKey(target.cell)))].filter(Boolean);
  const cellLabel = (key: string) =>
    key
      .split("|")
      .map((part) => {
        const [dimension = "", code = ""] = part.split("=");
        const known = dimensions.find((d) => d.code === dimension)?.values.find((v) => v.code === code);
        return valueLabel(dimension, known ?? { code });
      })
      .join(" · ");
  const targetOf = (periodKey: string, key: string) =>
    snapshot.targets.find((target) => target.periodKey === periodKey && cellKey(target.cell) === key)?.value;
  return (
    <>
      <title>{`${indicator.code} · ${t("indicators.revision", { revision })} · Throughline`}</title>
      <IndicatorsTrail plan={plan}>
        <Link to={base}>{indicator.code}</Link>
        <Link to={`${base}/history`}>{t("indicators.history")}</Link>
      </IndicatorsTrail>
      <header className="page-header">
        <p className="eyebrow">
          <span className="code">{indicator.code}</span> · {t("indicators.revision", { revision })}
        </p>
        <h1 lang={name.lang}>{name.text}</h1>
        {plan.synthetic && <SyntheticBadge explain />}
        {isCurrent ? (
          <p className="notice">{t("indicators.revisionCurrent")}</p>
        ) : (
          replaced && (
            <div className="notice">
              <p>
                {t("indicators.revisionReplaced", {
                  when: formatDateTime(replaced.at, locale),
                  who: replaced.by ?? "—",
                })}
              </p>
              <p>
                {t("indicators.changed", {
                  changes: replaced.changes.map((c) => t(`indicators.change.${c}` as MessageKey)).join(", "),
                })}
              </p>
              <p>
                <strong>{t("label.colon", { label: t("indicators.table.rationale") })}</strong>{" "}
                {replaced.rationale ?? "—"}
              </p>
            </div>
          )
        )}
        <ul className="lineage">
          {loaderData.previousRevision && (
            <li>
              <Link to={`${base}/history/${loaderData.previousRevision}`}>
                {t("indicators.previousRevision", { revision: loaderData.previousRevision })}
              </Link>
            </li>
          )}
          {loaderData.nextRevision && (
            <li>
              <Link to={`${base}/history/${loaderData.nextRevision}`}>
                {t("indicators.nextRevision", { revision: loaderData.nextRevision })}
              </Link>
            </li>
          )}
        </ul>
      </header>

      <div className="detail-grid">
        <div>
          <Card>
            <h2>{t("indicators.definitionHeading")}</h2>
            <dl className="facts">
              <MeasureFacts indicator={snapshot} />
              <div>
                <dt>{t("indicators.field.aggregation")}</dt>
                <dd>{t(`indicators.aggregation.${snapshot.aggregation}`)}</dd>
              </div>
              <div>
                <dt>{t("indicators.field.frequency")}</dt>
                <dd>{t(`indicators.frequency.${snapshot.frequency}`)}</dd>
              </div>
              <BaselineFact indicator={snapshot} />
              <div>
                <dt>{t("indicators.form.dimensions")}</dt>
                <dd>
                  {dimensions.length === 0
                    ? t("indicators.noDimensions")
                    : dimensions.map((dimension) => (
                        <p key={dimension.code}>
                          <strong>{dimensionName(dimension)}</strong>:{" "}
                          {dimension.values.map((value) => valueLabel(dimension.code, value)).join(", ")}
                        </p>
                      ))}
                </dd>
              </div>
              <VerificationFacts indicator={snapshot} />
              <div>
                <dt>{t("indicators.form.elements")}</dt>
                <dd>{snapshot.elements.join(", ")}</dd>
              </div>
            </dl>
          </Card>
        </div>
        <div>
          <Card>
            <h2>{t("indicators.form.targets")}</h2>
            {snapshot.targets.length === 0 ? (
              <p>{t("indicators.noTargets")}</p>
            ) : (
              <Table caption={t("indicators.targetsOfRevision", { revision })}>
                <thead>
                  <tr>
                    <th scope="col">{t("indicators.table.period")}</th>
                    <th scope="col">{t("indicators.table.total")}</th>
                    {cellKeys.map((key) => (
                      <th scope="col" key={key}>
                        {cellLabel(key)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {periods.map((period) => (
                    <tr key={period.key}>
                      <th scope="row">{periodLabel(period.key, t)}</th>
                      <td>{format(targetOf(period.key, ""))}</td>
                      {cellKeys.map((key) => (
                        <td key={key}>{format(targetOf(period.key, key))}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>
          <Card>
            <h2>{t("indicators.entriesUnderRevision", { revision })}</h2>
            {entries.length === 0 ? (
              <p>{t("indicators.noEntriesUnderRevision")}</p>
            ) : (
              <ul className="link-list">
                {entries.map((entry) => (
                  <li key={entry.id}>
                    <p>
                      <strong>{format(entry.value)}</strong>{" "}
                      <span className="meta">
                        {periodLabel(entry.periodKey, t)} · {formatDate(entry.reportedOn, locale)}
                      </span>
                    </p>
                    {entry.breakdown && (
                      <Breakdown breakdown={entry.breakdown} dimensions={dimensions} collapsed />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
