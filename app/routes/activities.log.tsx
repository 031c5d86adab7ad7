import { randomUUID } from "node:crypto";
import { Link, redirect } from "react-router";
import { requirePermission } from "../auth/request.server";
import { Card } from "../components/ui/card";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { parseForm } from "../forms/parse.server";
import { useProblems } from "../forms/use-problems";
import { notFound } from "../http-errors";
import { negotiateLocale, pickText, useI18n } from "../i18n/i18n";
import {
  answerEntryRefused,
  entryFromForm,
  newEntryFormSchema,
  readProgressForm,
} from "../progress/actions.server";
import {
  EntryForm,
  EntryStatus,
  formatValue,
  LockedBadge,
  PlanCrumb,
  periodName,
} from "../progress/components";
import { activityForLogging } from "../progress/queries.server";
import { createEntry, todayUtc } from "../progress/workflow.server";
import type { Route } from "./+types/activities.log";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "progress.log" });
  const today = todayUtc();
  const activity = await activityForLogging({
    db: await getDb(),
    viewer,
    slug: args.params.slug,
    code: args.params.code,
    indicatorCode: new URL(args.request.url).searchParams.get("indicator"),
    today,
  });
  if (!activity) notFound();
  // One key per form shown: a second post of the same form finds the entry the first one created.
  return { ...activity, today, submissionKey: randomUUID() };
}

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "progress.log" });
  const read = await readProgressForm(args.request);
  if (!read.ok) return read.response;
  const parsed = await parseForm(args.request, newEntryFormSchema, { form: read.form });
  if (!parsed.ok) return parsed.response;
  const { submissionKey, indicatorId } = parsed.data;
  const form = await entryFromForm(parsed.data, read.form);
  const db = await getDb();
  const today = todayUtc();
  const activity = await activityForLogging({
    db,
    viewer,
    slug: args.params.slug,
    code: args.params.code,
    indicatorCode: null,
    today,
  });
  if (!activity) notFound();
  try {
    const { id, created } = await createEntry({
      db,
      viewer,
      elementId: activity.activity.id,
      indicatorId,
      fields: form.fields,
      locale: negotiateLocale(args.request),
      evidence: form.evidence,
      extraProblems: form.formProblems,
      submit: form.intent === "submit",
      submissionKey,
      today,
    });
    return redirect(`/entries/${id}?${created ? `saved=${form.intent}` : "already=1"}`);
  } catch (error) {
    return answerEntryRefused(error, form.values);
  }
}

export default function LogProgress({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, activity, indicators, indicator, periods, today, submissionKey, recent } = loaderData;
  const result = actionData as { values?: Record<string, string> } | undefined;
  const title = pickText(activity.title, locale);
  const typed = result?.values && Object.keys(result.values).length > 0 ? result.values : null;
  const values = typed ?? { period: loaderData.defaultPeriod, reportedOn: today };
  const problems = useProblems(actionData);
  const open = periods.filter((period) => !period.locked);
  return (
    <>
      <title>{`${t("progress.log.title")} · ${activity.code} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/activities">{t("progress.activities.title")}</Link>
        <PlanCrumb plan={plan} />
        <Link to={`/plans/${plan.slug}/elements/${activity.code}`}>{activity.code}</Link>
      </nav>
      <header className="page-header">
        <p className="eyebrow">
          {t("progress.log.title")} <span className="code">{activity.code}</span>
          {plan.synthetic && (
            <>
              {" "}
              <SyntheticBadge />
            </>
          )}
        </p>
        <h1 lang={title.lang}>{title.text}</h1>
      </header>
      {indicators.length === 0 || !indicator ? (
        <p>{t("progress.activities.noIndicators")}</p>
      ) : (
        <div className="detail-grid">
          <div>
            {indicators.length > 1 && (
              <nav aria-label={t("progress.log.chooseIndicator")} className="indicator-picker">
                <h2>{t("progress.log.chooseIndicator")}</h2>
                <ul className="link-list">
                  {indicators.map((candidate) => {
                    const name = pickText(candidate.name, locale);
                    return (
                      <li key={candidate.id}>
                        <Link
                          to={`?indicator=${encodeURIComponent(candidate.code)}`}
                          aria-current={candidate.id === indicator.id ? "page" : undefined}
                        >
                          <span className="code">{candidate.code}</span>{" "}
                          <span lang={name.lang}>{name.text}</span>
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </nav>
            )}
            <Card>
              <IndicatorHeading indicator={indicator} />
              {open.length === 0 ? (
                <p className="notice">{t("progress.log.noOpenPeriod")}</p>
              ) : (
                <EntryForm
                  key={`${indicator.id}-${submissionKey}`}
                  indicator={indicator}
                  periods={periods}
                  values={values}
                  problems={problems}
                  today={today}
                  hidden={{
                    indicatorId: indicator.id,
                    submissionKey: typed?.submissionKey ?? submissionKey,
                  }}
                />
              )}
            </Card>
          </div>
          <div>
            <Card>
              <h2>{t("progress.log.periods")}</h2>
              <ul className="link-list">
                {periods.map((period) => (
                  <li key={period.key}>
                    {periodName(period.key, t)}{" "}
                    <span className="meta">
                      ({period.start} – {period.end})
                    </span>{" "}
                    {period.locked && <LockedBadge />}
                  </li>
                ))}
              </ul>
            </Card>
            <Card>
              <h2>{t("progress.log.recent")}</h2>
              {recent.length === 0 ? (
                <p className="meta">{t("progress.log.noRecent")}</p>
              ) : (
                <ul className="link-list">
                  {recent.map((entry) => (
                    <li key={entry.id}>
                      <Link to={`/entries/${entry.id}`}>
                        {periodName(entry.periodKey, t)}: {formatValue(indicator, entry.value, locale)}
                      </Link>{" "}
                      <EntryStatus status={entry.status} /> {entry.locked && <LockedBadge />}
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <Link to="/entries">{t("progress.entries.title")}</Link>
              </p>
            </Card>
          </div>
        </div>
      )}
    </>
  );
}

function IndicatorHeading({
  indicator,
}: {
  indicator: NonNullable<Route.ComponentProps["loaderData"]["indicator"]>;
}) {
  const { t, locale } = useI18n();
  const name = pickText(indicator.name, locale);
  const definition = indicator.definition ? pickText(indicator.definition, locale) : null;
  const unit = indicator.unit ? pickText(indicator.unit, locale).text : null;
  return (
    <>
      <h2>
        <span className="code">{indicator.code}</span> <span lang={name.lang}>{name.text}</span>
      </h2>
      {definition && (
        <p lang={definition.lang} className="prose">
          {definition.text}
        </p>
      )}
      <p className="meta">
        {t(`progress.frequency.${indicator.frequency}`)}
        {unit ? ` · ${t("progress.log.unit", { unit })}` : ""}
        {indicator.measure === "percentage" ? ` · ${t("progress.log.percentage")}` : ""}
      </p>
    </>
  );
}
