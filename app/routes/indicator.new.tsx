import { data, Link, redirect } from "react-router";
import { requirePermission } from "../auth/request.server";
import { IndicatorForm } from "../components/indicator-form";
import { SyntheticBadge } from "../components/synthetic-badge";
import { getDb } from "../db.server";
import { negotiateLocale, pickText, useI18n } from "../i18n/i18n";
import { type FormValues, readIndicatorForm } from "../indicators/definition";
import {
  createIndicator,
  IndicatorProblem,
  indicatorFormChoices,
  postedValues,
  problemsByField,
  visiblePlan,
} from "../indicators/manage.server";
import type { Route } from "./+types/indicator.new";

async function load(args: Route.LoaderArgs | Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "indicators.manage" });
  const db = await getDb();
  const found = await visiblePlan({ db, slug: args.params.slug, viewer });
  if (!found) throw new Response("Not Found", { status: 404 });
  return { viewer, db, plan: found.plan, choices: await indicatorFormChoices({ db, planId: found.plan.id }) };
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
  const read = readIndicatorForm(values, {
    locale: negotiateLocale(args.request),
    plan,
    today: new Date().toISOString().slice(0, 10),
    elementCodes: new Set(choices.elements.map((element) => element.code)),
    people: new Set(choices.people.map((person) => person.id)),
    references: choices.references,
    genderCodes: choices.genders,
    previous: null,
  });
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
  const { t, locale } = useI18n();
  const { plan, choices } = loaderData;
  const planTitle = pickText(plan.title, locale);
  return (
    <>
      <title>{`${t("indicators.new")} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/">{t("nav.plans")}</Link>
        <Link to={`/plans/${plan.slug}`} lang={planTitle.lang}>
          {planTitle.text}
        </Link>
        <Link to={`/plans/${plan.slug}/indicators`}>{t("indicators.title")}</Link>
      </nav>
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
