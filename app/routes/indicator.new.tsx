import { data, redirect } from "react-router";
import { requirePermission } from "../auth/request.server";
import { IndicatorForm } from "../components/indicator-form";
import { IndicatorsTrail } from "../components/indicators-trail";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { negotiateLocale, useI18n } from "../i18n/i18n";
import { type FormValues, readIndicatorForm } from "../indicators/definition";
import {
  createIndicator,
  formContext,
  IndicatorProblem,
  indicatorFormChoices,
  postedValues,
  problemsByField,
} from "../indicators/manage.server";
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
  const values = await postedValues(args.request);
  if (values.intent === "refresh") return data({ values, errors: {} });
  const read = readIndicatorForm(
    values,
    formContext(choices, { locale: negotiateLocale(args.request), plan, previous: null }),
  );
  if (!read.definition) return data({ values, errors: problemsByField(read.problems) }, { status: 400 });
  try {
    await createIndicator({
      db,
      by: { id: viewer.id, actor: `user:${viewer.id}` },
      planId: plan.id,
      definition: read.definition,
    });
  } catch (error) {
    if (!(error instanceof IndicatorProblem)) throw error;
    return data({ values, errors: problemsByField(error.problems) }, { status: 400 });
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
        errors={actionData?.errors ?? {}}
        choices={choices}
        plan={plan}
      />
    </>
  );
}
