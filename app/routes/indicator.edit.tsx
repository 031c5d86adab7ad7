import { data, Link, redirect } from "react-router";
import { requirePermission } from "../auth/request.server";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { answerRefused } from "../errors";
import { formValues, noSecrets, parseValues, readForm } from "../forms/parse.server";
import type { FormRefusal } from "../forms/problem";
import { notFound } from "../http-errors";
import { negotiateLocale, pickText, useI18n } from "../i18n/i18n";
import { IndicatorForm } from "../indicators/components/indicator-form";
import { IndicatorsTrail } from "../indicators/components/indicators-trail";
import { definitionToForm, one } from "../indicators/definition";
import { indicatorFormSchema } from "../indicators/form-schema";
import {
  formContext,
  IndicatorProblem,
  indicatorForEdit,
  indicatorFormChoices,
  updateIndicator,
} from "../indicators/manage.server";
import { requirePlan } from "../plan-graph/plan-route.server";
import type { Route } from "./+types/indicator.edit";

async function load(args: Route.LoaderArgs | Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "indicators.manage" });
  const { plan } = requirePlan(args);
  const db = await getDb();
  const indicator = await indicatorForEdit({ db, planId: plan.id, code: args.params.code });
  if (!indicator) notFound();
  return {
    viewer,
    db,
    plan,
    indicator,
    choices: await indicatorFormChoices({ db, planId: plan.id }),
  };
}

export async function loader(args: Route.LoaderArgs) {
  const { plan, indicator, choices } = await load(args);
  return {
    plan,
    choices,
    code: indicator.snapshot.code,
    name: indicator.snapshot.name,
    revision: indicator.snapshot.revision,
    results: indicator.results,
    values: definitionToForm(indicator.snapshot, negotiateLocale(args.request)),
  };
}

export async function action(args: Route.ActionArgs) {
  const { viewer, db, plan, indicator, choices } = await load(args);
  const values = formValues(await readForm(args.request));
  // "Update the form" redraws it (targets for another frequency) without saving: no problems yet.
  if (values.intent === "refresh") return data({ problems: [], values } satisfies FormRefusal);
  const context = formContext(choices, {
    locale: negotiateLocale(args.request),
    plan,
    previous: indicator.snapshot,
  });
  // The form holds no secrets: its `code` fields name the indicator and its dimensions.
  const read = parseValues(values, indicatorFormSchema(context), { secret: noSecrets });
  if (!read.ok) return read.response;
  const rationale = one(values, "rationale").slice(0, 2000) || null;
  const expectedRevision = Number(one(values, "revision"));
  try {
    await updateIndicator({
      db,
      by: { id: viewer.id, actor: `user:${viewer.id}` },
      indicatorId: indicator.id,
      expectedRevision: Number.isInteger(expectedRevision) ? expectedRevision : -1,
      definition: read.data,
      rationale,
    });
  } catch (error) {
    // After a conflict the form carries the current revision: saving again is a decision made knowingly.
    const stale = error instanceof IndicatorProblem && error.status === 409;
    return answerRefused(
      error,
      stale ? { ...values, revision: String(indicator.snapshot.revision) } : values,
    );
  }
  return redirect(`/plans/${plan.slug}/indicators/${encodeURIComponent(indicator.snapshot.code)}`);
}

export default function EditIndicatorPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, choices, code, results } = loaderData;
  const name = pickText(loaderData.name, locale);
  const values = actionData?.values ?? loaderData.values;
  const revision = Number(one(values, "revision")) || loaderData.revision;
  return (
    <>
      <title>{`${t("indicators.edit")} ${code} · Throughline`}</title>
      <IndicatorsTrail plan={plan}>
        <Link to={`/plans/${plan.slug}/indicators/${code}`}>{code}</Link>
      </IndicatorsTrail>
      <header className="page-header">
        <p className="eyebrow">
          {t("indicators.edit")} <span className="code">{code}</span> ·{" "}
          {t("indicators.revision", { revision: loaderData.revision })}
        </p>
        <h1 lang={name.lang}>{name.text}</h1>
        {plan.synthetic && <SyntheticBadge explain />}
        <p className="lead">
          {results > 0 ? t("indicators.editIntroResults", { count: results }) : t("indicators.editIntro")}
        </p>
      </header>
      <IndicatorForm
        mode="edit"
        code={code}
        values={values}
        answer={actionData}
        choices={choices}
        plan={plan}
        revision={revision}
        results={results}
      />
    </>
  );
}
