import { Link } from "react-router";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { notFound } from "../http-errors";
import { formatDateTime, pickText, useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import { IndicatorsTrail } from "../indicators/components/indicators-trail";
import { getIndicatorHistory } from "../indicators/manage.server";
import { requirePlan } from "../plan-graph/plan-route.server";
import type { Route } from "./+types/indicator.history";

export async function loader(args: Route.LoaderArgs) {
  const { viewer: _, ...found } = requirePlan(args);
  const history = await getIndicatorHistory({ db: await getDb(), ...found, code: args.params.code });
  if (!history) notFound();
  return history;
}

export default function IndicatorHistoryPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, indicator, history } = loaderData;
  const name = pickText(indicator.name, locale);
  const base = `/plans/${plan.slug}/indicators/${indicator.code}`;
  return (
    <>
      <title>{`${t("indicators.history")} ${indicator.code} · Throughline`}</title>
      <IndicatorsTrail plan={plan}>
        <Link to={base}>{indicator.code}</Link>
      </IndicatorsTrail>
      <header className="page-header">
        <p className="eyebrow">
          {t("indicators.history")} · <span className="code">{indicator.code}</span>
        </p>
        <h1 lang={name.lang}>{name.text}</h1>
        {plan.synthetic && <SyntheticBadge explain />}
        <p className="lead">{t("indicators.historyIntro")}</p>
      </header>
      <Table caption={t("indicators.historyCaption", { count: history.length + 1 })}>
        <thead>
          <tr>
            <th scope="col">{t("indicators.table.revision")}</th>
            <th scope="col">{t("indicators.table.inForceUntil")}</th>
            <th scope="col">{t("indicators.table.changedBy")}</th>
            <th scope="col">{t("indicators.table.changes")}</th>
            <th scope="col">{t("indicators.table.rationale")}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              <Link to={`${base}/history/${indicator.revision}`}>
                {t("indicators.revision", { revision: indicator.revision })}
              </Link>
            </th>
            <td>{t("indicators.current")}</td>
            <td />
            <td />
            <td />
          </tr>
          {history.map((revision) => (
            <tr key={revision.revision}>
              <th scope="row">
                <Link to={`${base}/history/${revision.revision}`}>
                  {t("indicators.revision", { revision: revision.revision })}
                </Link>
              </th>
              <td>{formatDateTime(revision.replacedAt, locale)}</td>
              <td>{revision.replacedBy ?? "—"}</td>
              <td>{revision.changes.map((c) => t(`indicators.change.${c}` as MessageKey)).join(", ")}</td>
              <td>{revision.rationale ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
