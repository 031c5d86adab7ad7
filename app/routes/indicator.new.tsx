import { redirect } from "react-router";
import { requirePermission } from "../auth/request.server";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { answerRefused } from "../errors";
import { useI18n } from "../i18n/i18n";
import { IndicatorForm } from "../indicators/components/indicator-form";
import { IndicatorsTrail } from "../indicators/components/indicators-trail";
import type { FormValues } from "../indicators/definition";
import { readIndicatorForm } from "../indicators/form-read.server";
import { createIndicator, indicatorFormChoices } from "../indicators/manage.server";
import { requirePlan } from "../plan-graph/plan-route.server";
import type { Route } from "./+types/indicator.new";

async function load(args: Route.LoaderArgs | Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "indicators.manage" });
  const { plan } = requirePlan(args);
  const db = await getDb();
  return { viewer, db, plan, choices: await indicatorFormChoices({ db, planId: plan.id }) };
}

/** A new indicator starts as a yearly count that should go up, each year counting on its own. */
const defaults: FormValues = {
  measure: "number",
  direction: "increase",
  aggregation: "per_period",
  frequency: "annual",
};

export async function loader(args: Route.LoaderArgs) {
  const { plan, choices } = await load(args);
  return { plan, choices, values: defaults };
}

export async function action(args: Route.ActionArgs) {
  const { viewer, db, plan, choices } = await load(args);
  const read = await readIndicatorForm(args.request, choices, { plan, previous: null });
  if ("answer" in read) return read.answer;
  try {
    await createIndicator({
      db,
      by: { id: viewer.id, actor: `user:${viewer.id}` },
      planId: plan.id,
      definition: read.definition,
    });
  } catch (error) {
    return answerRefused(error, read.values);
  }
  return redirect(`/plans/${plan.slug}/indicators/${encodeURIComponent(read.definition.code)}`);
}

export default function NewIndicatorPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useI18n();
  const { plan, choices } = loaderData;
  return (
    <>
      <title>{`${t("indicators.new")} · Throughline`}</title>
      <IndicatorsTrail plan={plan} />
      <header className="page-header">
        <h1>{t("indicators.new")}</h1>
        {plan.synthetic && <SyntheticBadge explain />}
        <p className="lead">{t("indicators.newIntro")}</p>
      </header>
      <IndicatorForm
        mode="new"
        values={actionData?.values ?? loaderData.values}
        answer={actionData}
        choices={choices}
        plan={plan}
      />
    </>
  );
}
