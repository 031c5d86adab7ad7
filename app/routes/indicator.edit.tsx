import { Link, redirect } from "react-router";
import { requirePermission } from "../auth/request.server";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { answerRefused } from "../errors";
import { notFound } from "../http-errors";
import { negotiateLocale, pickText, useI18n } from "../i18n/i18n";
import { IndicatorForm } from "../indicators/components/indicator-form";
import { IndicatorsTrail } from "../indicators/components/indicators-trail";
import { definitionToForm, one } from "../indicators/definition";
import { readIndicatorForm } from "../indicators/form-read.server";
import {
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
  const read = await readIndicatorForm(args.request, choices, { plan, previous: indicator.snapshot });
  if ("answer" in read) return read.answer;
  const { values } = read;
  const rationale = one(values, "rationale").slice(0, 2000) || null;
  const expectedRevision = Number(one(values, "revision"));
  try {
    await updateIndicator({
      db,
      by: { id: viewer.id, actor: `user:${viewer.id}` },
      indicatorId: indicator.id,
      expectedRevision: Number.isInteger(expectedRevision) ? expectedRevision : -1,
      definition: read.definition,
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
