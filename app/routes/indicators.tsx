import { Link } from "react-router";
import { can } from "../auth/policy";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { pickText, useI18n } from "../i18n/i18n";
import { listIndicators } from "../indicators/manage.server";
import { PlanTrail } from "../plan-graph/components/plan-trail";
import { requirePlan } from "../plan-graph/plan-route.server";
import type { Route } from "./+types/indicators";

export async function loader(args: Route.LoaderArgs) {
  const { viewer, ...found } = requirePlan(args);
  const list = await listIndicators({ db: await getDb(), ...found });
  return {
    ...list,
    canManage: can(viewer, { action: "indicators.manage" }),
    readsWholePlan: can(viewer, { action: "plan.read", fundedBy: [] }),
  };
}

export default function IndicatorsPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, indicators, canManage, readsWholePlan } = loaderData;
  const planTitle = pickText(plan.title, locale);
  return (
    <>
      <title>{`${t("indicators.title")} · ${planTitle.text} · Throughline`}</title>
      <PlanTrail />
      <header className="page-header">
        <p className="eyebrow" lang={planTitle.lang}>
          {planTitle.text}
        </p>
        <h1>{t("indicators.title")}</h1>
        {plan.synthetic && <SyntheticBadge explain />}
        <p className="lead">{t("indicators.intro")}</p>
        <ul className="lineage">
          {canManage && (
            <li>
              <Link to={`/plans/${plan.slug}/indicators/new`}>{t("indicators.new")}</Link>
            </li>
          )}
          {readsWholePlan && (
            <li>
              <Link to={`/plans/${plan.slug}/assignments`}>{t("assignments.title")}</Link>
            </li>
          )}
        </ul>
      </header>
      {indicators.length === 0 ? (
        <p>{t("indicators.empty")}</p>
      ) : (
        <Table caption={t("indicators.caption", { count: indicators.length })}>
          <thead>
            <tr>
              <th scope="col">{t("indicators.table.code")}</th>
              <th scope="col">{t("indicators.table.name")}</th>
              <th scope="col">{t("indicators.table.measures")}</th>
              <th scope="col">{t("indicators.table.howCombined")}</th>
              <th scope="col">{t("indicators.table.frequency")}</th>
              <th scope="col">{t("indicators.table.dimensions")}</th>
              <th scope="col">{t("indicators.table.approved")}</th>
            </tr>
          </thead>
          <tbody>
            {indicators.map((indicator) => {
              const name = pickText(indicator.name, locale);
              return (
                <tr key={indicator.code}>
                  <td>
                    <Link to={`/plans/${plan.slug}/indicators/${indicator.code}`} className="code">
                      {indicator.code}
                    </Link>
                  </td>
                  <td>
                    <Link to={`/plans/${plan.slug}/indicators/${indicator.code}`} lang={name.lang}>
                      {name.text}
                    </Link>{" "}
                    <span className="meta small">{t(`indicators.measure.${indicator.measure}`)}</span>
                  </td>
                  <td>
                    {indicator.elements.map((element, i) => (
                      <span key={element.code}>
                        {i > 0 && ", "}
                        <Link to={`/plans/${plan.slug}/elements/${element.code}`} className="code">
                          {element.code}
                        </Link>
                      </span>
                    ))}
                  </td>
                  <td>{t(`indicators.aggregation.${indicator.aggregation}`)}</td>
                  <td>{t(`indicators.frequency.${indicator.frequency}`)}</td>
                  <td>
                    {indicator.dimensions.length === 0
                      ? t("indicators.noDimensions")
                      : indicator.dimensions
                          .map((code) =>
                            code === "region" || code === "gender" || code === "language"
                              ? t(`indicators.dimension.${code}`)
                              : code,
                          )
                          .join(" × ")}
                  </td>
                  <td>{indicator.approved}</td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
