import { Link } from "react-router";
import { requirePermission } from "../auth/request.server";
import { Card } from "../components/ui/card";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { notFound } from "../http-errors";
import { pickText, useI18n } from "../i18n/i18n";
import { EntryStatus, LockedBadge, periodName } from "../progress/components";
import { myActivities } from "../progress/queries.server";
import { todayUtc } from "../progress/workflow.server";
import type { Route } from "./+types/activities";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "progress.log" });
  const activities = await myActivities({ db: await getDb(), viewer, today: todayUtc() });
  if (!activities) notFound();
  return activities;
}

type Activity = Route.ComponentProps["loaderData"]["assigned"][number];

function PeriodState({ state }: { state: NonNullable<Activity["indicators"][number]["period"]>["state"] }) {
  const { t } = useI18n();
  if (state === "locked") return <LockedBadge />;
  if (state === "empty") return <span className="meta">{t("progress.periodState.empty")}</span>;
  return <EntryStatus status={state} />;
}

function ActivityCard({ activity }: { activity: Activity }) {
  const { t, locale } = useI18n();
  const title = pickText(activity.title, locale);
  const planTitle = pickText(activity.plan.title, locale);
  const logPath = `/activities/${activity.plan.slug}/${activity.code}`;
  return (
    <Card as="li" className="activity-card">
      <p className="eyebrow">
        <span lang={planTitle.lang}>{planTitle.text}</span>
        {activity.plan.synthetic && (
          <>
            {" "}
            <SyntheticBadge />
          </>
        )}
      </p>
      <h3>
        <Link to={`/plans/${activity.plan.slug}/elements/${activity.code}`}>
          <span className="code">{activity.code}</span> <span lang={title.lang}>{title.text}</span>
        </Link>
      </h3>
      {activity.entries.length > 0 && (
        <div className="attention">
          <h4>{t("progress.activities.attention")}</h4>
          <ul className="link-list">
            {activity.entries.map((entry) => (
              <li key={entry.id}>
                <EntryStatus status={entry.status} /> <span className="code">{entry.indicatorCode}</span> ·{" "}
                {periodName(entry.periodKey, t)} ·{" "}
                <Link to={`/entries/${entry.id}`}>
                  {entry.status === "returned"
                    ? t("progress.activities.fix")
                    : t("progress.activities.continue")}
                </Link>
                {entry.note && (
                  <blockquote className="return-note">
                    <p lang={entry.noteLanguage ?? undefined}>{entry.note}</p>
                  </blockquote>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {activity.indicators.length === 0 ? (
        <p className="meta">{t("progress.activities.noIndicators")}</p>
      ) : (
        <table className="compact">
          <caption className="visually-hidden">
            {t("progress.activities.indicatorsOf", { code: activity.code })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("progress.indicator")}</th>
              <th scope="col">{t("progress.activities.currentPeriod")}</th>
              <th scope="col">{t("progress.activities.state")}</th>
            </tr>
          </thead>
          <tbody>
            {activity.indicators.map((indicator) => {
              const name = pickText(indicator.name, locale);
              return (
                <tr key={indicator.id}>
                  <th scope="row">
                    <span className="code">{indicator.code}</span> <span lang={name.lang}>{name.text}</span>
                  </th>
                  <td>{indicator.period ? periodName(indicator.period.key, t) : "—"}</td>
                  <td>{indicator.period ? <PeriodState state={indicator.period.state} /> : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {activity.indicators.length > 0 && (
        <p className="card-actions">
          <Link className="button button-primary" to={logPath}>
            {t("progress.activities.log")}
          </Link>
        </p>
      )}
    </Card>
  );
}

export default function Activities({ loaderData }: Route.ComponentProps) {
  const { t } = useI18n();
  const { assigned, others, returnedCount } = loaderData;
  return (
    <>
      <title>{`${t("progress.activities.title")} · Throughline`}</title>
      <h1>{t("progress.activities.title")}</h1>
      <p className="lead">{t("progress.activities.intro")}</p>
      {returnedCount > 0 && (
        <p className="notice" role="status">
          {t("progress.activities.returnedCount", { count: returnedCount })}{" "}
          <Link to="/entries">{t("progress.entries.title")}</Link>
        </p>
      )}
      <section aria-labelledby="assigned-heading">
        <h2 id="assigned-heading">{t("progress.activities.assigned")}</h2>
        {assigned.length === 0 ? (
          <p>{t("progress.activities.noneAssigned")}</p>
        ) : (
          <ul className="card-grid activity-grid">
            {assigned.map((activity) => (
              <ActivityCard key={`${activity.plan.slug}/${activity.code}`} activity={activity} />
            ))}
          </ul>
        )}
      </section>
      {others.length > 0 && (
        <section aria-labelledby="others-heading">
          <h2 id="others-heading">{t("progress.activities.others")}</h2>
          <ul className="card-grid activity-grid">
            {others.map((activity) => (
              <ActivityCard key={`${activity.plan.slug}/${activity.code}`} activity={activity} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
