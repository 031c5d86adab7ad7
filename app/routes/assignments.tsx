import { data, Form, Link, redirect } from "react-router";
import { can } from "../auth/policy";
import { requirePermission } from "../auth/request.server";
import { IndicatorsTrail } from "../components/indicators-trail";
import { Button } from "../components/ui/button";
import { StatusBadge } from "../components/ui/status-badge";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { readForm } from "../forms/parse.server";
import { notFound } from "../http-errors";
import { pickText, useI18n } from "../i18n/i18n";
import { pairKey } from "../indicators/assignment-pair";
import { AssignmentRefused, changeAssignments, getAssignments } from "../indicators/assignments.server";
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

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "indicators.manage" });
  const { plan } = await load(args);
  const form = await readForm(args.request);
  const texts = (name: string) =>
    form.getAll(name).filter((value): value is string => typeof value === "string");
  if (!form.has("intent")) return data({ error: "assignments.error.incomplete" }, { status: 400 });
  try {
    await changeAssignments({
      db: await getDb(),
      actor: `user:${viewer.id}`,
      planId: plan.id,
      shown: texts("shown"),
      ticked: texts("assigned"),
    });
  } catch (error) {
    if (!(error instanceof AssignmentRefused)) throw error;
    return data({ error: "assignments.error.unknown" }, { status: 400 });
  }
  return redirect(`/plans/${plan.slug}/assignments?saved`);
}

export default function AssignmentsPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, activities, people, canManage, saved } = loaderData;
  const planTitle = pickText(plan.title, locale);
  const error = actionData?.error;
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
          {t(error as "assignments.error.unknown")}
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
