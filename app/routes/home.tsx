import { Link } from "react-router";
import { can } from "../auth/policy";
import { requirePermission } from "../auth/request.server";
import { Card } from "../components/ui/card";
import { Badge } from "../components/ui/status-badge";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { pickText, useI18n } from "../i18n/i18n";
import { PlanCounts, PlanPeriod } from "../plan-graph/components/plan-facts";
import { listPlans } from "../plan-graph/queries.server";
import type { Route } from "./+types/home";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "plans.list" });
  const readsAllPlans = can(viewer, { action: "plan.read", fundedBy: [] });
  return { plans: await listPlans({ db: await getDb(), viewer }), readsAllPlans };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plans, readsAllPlans } = loaderData;
  return (
    <>
      <title>{`${t("home.title")} · Throughline`}</title>
      <h1>{t("home.title")}</h1>
      <p className="lead">{t("home.intro")}</p>
      {plans.length === 0 ? (
        <p>{readsAllPlans ? t("home.empty") : t("home.noneVisible")}</p>
      ) : (
        <ul className="card-grid" aria-label={t("home.title")}>
          {plans.map((plan) => {
            const title = pickText(plan.title, locale);
            return (
              <Card as="li" key={plan.slug} className="plan-card">
                <h2>
                  <Link to={`/plans/${plan.slug}`} lang={title.lang}>
                    {title.text}
                  </Link>
                </h2>
                <PlanPeriod plan={plan} />
                {plan.reconstructed && <Badge tone="notice">{t("plan.reconstructedBadge")}</Badge>}
                {plan.synthetic && <SyntheticBadge explain />}
                <PlanCounts counts={plan.counts} />
                {plan.previousSlug && (
                  <p className="meta">
                    {t("plan.follows")} <Link to={`/plans/${plan.previousSlug}`}>{plan.previousSlug}</Link>
                  </p>
                )}
              </Card>
            );
          })}
        </ul>
      )}
    </>
  );
}
