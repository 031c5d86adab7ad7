import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { can } from "../auth/policy";
import { requirePermission } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { StatusBadge } from "../components/ui/status-badge";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { answerRefused } from "../errors";
import { parseForm } from "../forms/parse.server";
import { useProblems } from "../forms/use-problems";
import { notFound } from "../http-errors";
import { pickText, useI18n } from "../i18n/i18n";
import { pairKey } from "../indicators/assignment-pair";
import { changeAssignments, getAssignments } from "../indicators/assignments.server";
import { IndicatorsTrail } from "../indicators/components/indicators-trail";
import { requirePlan } from "../plan-graph/plan-route.server";
import type { Route } from "./+types/assignments";

/** Readable by everyone who reads the whole plan (not funders: who does what is internal). */
async function load(args: Route.LoaderArgs | Route.ActionArgs) {
  const { viewer, plan } = requirePlan(args);
  if (!can(viewer, { action: "plan.read", fundedBy: [] })) notFound();
  return { viewer, ...(await getAssignments({ db: await getDb(), plan })) };
}

export async function loader(args: Route.LoaderArgs) {
  const { viewer, ...found } = await load(args);
  return {
    ...found,
    canManage: can(viewer, { action: "indicators.manage" }),
    saved: new URL(args.request.url).searchParams.has("saved"),
  };
}

/** Pairs (`<element id>:<user id>`), none, one or several: the ticked boxes, and those that were shown ticked. */
const pairs = z.preprocess(
  (value) => (value === undefined ? [] : [value].flat()),
  z.array(z.string().max(100)).max(10_000),
);
// A form cut short (no `intent`, which comes first) would untick every box it lost: refused.
const assignmentsForm = z.object({
  intent: z.literal("save", "assignments.error.incomplete"),
  shown: pairs,
  assigned: pairs,
});

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "indicators.manage" });
  const { plan } = await load(args);
  const form = await parseForm(args.request, assignmentsForm);
  if (!form.ok) return form.response;
  try {
    await changeAssignments({
      db: await getDb(),
      actor: `user:${viewer.id}`,
      planId: plan.id,
      shown: form.data.shown,
      ticked: form.data.assigned,
    });
  } catch (error) {
    return answerRefused(error);
  }
  return redirect(`/plans/${plan.slug}/assignments?saved`);
}

export default function AssignmentsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, activities, people, canManage, saved } = loaderData;
  const planTitle = pickText(plan.title, locale);
  const problems = useProblems(actionData);
  // Every field of this form is hidden or a checkbox: any problem shows above the table.
  const error =
    problems.form ?? problems.of("intent") ?? (problems.all.length ? t("form.invalid") : undefined);
  const head = (
    <thead>
      <tr>
        <th scope="col">{t("assignments.activity")}</th>
        {canManage ? (
          people.map((person) => (
            <th scope="col" key={person.id}>
              {person.name}
            </th>
          ))
        ) : (
          <th scope="col">{t("assignments.responsible")}</th>
        )}
      </tr>
    </thead>
  );
  const activityCell = (activity: (typeof activities)[number]) => {
    const title = pickText(activity.title, locale);
    return (
      <th scope="row">
        <Link to={`/plans/${plan.slug}/elements/${activity.code}`}>
          <span className="code">{activity.code}</span> <span lang={title.lang}>{title.text}</span>
        </Link>{" "}
        <StatusBadge status={activity.status} />
      </th>
    );
  };
  return (
    <>
      <title>{`${t("assignments.title")} · ${planTitle.text} · Throughline`}</title>
      <IndicatorsTrail plan={plan} />
      <header className="page-header">
        <p className="eyebrow" lang={planTitle.lang}>
          {planTitle.text}
        </p>
        <h1>{t("assignments.title")}</h1>
        {plan.synthetic && <SyntheticBadge explain />}
        <p className="lead">{canManage ? t("assignments.introManage") : t("assignments.intro")}</p>
      </header>
      {saved && !error && (
        <p className="notice" role="status">
          {t("assignments.saved")}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {activities.length === 0 ? (
        <p>{t("assignments.noActivities")}</p>
      ) : canManage ? (
        <Form method="post">
          <input type="hidden" name="intent" value="save" />
          <Table caption={t("assignments.caption", { count: activities.length })}>
            {head}
            <tbody>
              {activities.map((activity) => (
                <tr key={activity.code}>
                  {activityCell(activity)}
                  {people.map((person) => {
                    const pair = pairKey(activity.id, person.id);
                    const on = activity.assignees.some((assignee) => assignee.userId === person.id);
                    return (
                      <td key={person.id}>
                        {on && <input type="hidden" name="shown" value={pair} />}
                        <input
                          type="checkbox"
                          name="assigned"
                          value={pair}
                          defaultChecked={on}
                          aria-label={t("assignments.checkbox", {
                            person: person.name,
                            activity: activity.code,
                          })}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </Table>
          <Button type="submit">{t("assignments.save")}</Button>
        </Form>
      ) : (
        <Table caption={t("assignments.caption", { count: activities.length })}>
          {head}
          <tbody>
            {activities.map((activity) => (
              <tr key={activity.code}>
                {activityCell(activity)}
                <td>
                  {activity.assignees.length === 0
                    ? t("assignments.nobody")
                    : activity.assignees.map((assignee) => assignee.name).join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
