import { Form, Link, redirect } from "react-router";
import { z } from "zod";
import { requirePermission } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { TableScroll } from "../components/ui/table";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { parseForm } from "../forms/parse.server";
import { problemsIn } from "../forms/problem";
import { notFound } from "../http-errors";
import { formatDateTime, pickText, useI18n } from "../i18n/i18n";
import { answerEntryRefused } from "../progress/actions.server";
import { LockedBadge, periodName } from "../progress/components";
import { periodsOverview } from "../progress/queries.server";
import { lockPeriod, unlockPeriod } from "../progress/workflow.server";
import type { Route } from "./+types/verification.periods";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "progress.verify" });
  const url = new URL(args.request.url);
  const overview = await periodsOverview({
    db: await getDb(),
    viewer,
    planSlug: url.searchParams.get("plan"),
  });
  if (!overview) notFound();
  return { ...overview, done: url.searchParams.get("done") };
}

const periodForm = z.object({
  intent: z.enum(["lock", "unlock"]),
  indicatorId: z.uuid(),
  period: z.string().min(1).max(40),
  rationale: z.string().max(20_000).default(""),
  plan: z.string().max(200).default(""),
});

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "progress.verify" });
  const form = await parseForm(args.request, periodForm);
  if (!form.ok) return form.response;
  const { intent, indicatorId, period, rationale, plan } = form.data;
  const db = await getDb();
  try {
    if (intent === "lock") await lockPeriod({ db, viewer, indicatorId, periodKey: period });
    else await unlockPeriod({ db, viewer, indicatorId, periodKey: period, rationale });
  } catch (error) {
    return answerEntryRefused(error, { indicatorId, period, intent, rationale });
  }
  const query = new URLSearchParams({ done: intent, ...(plan ? { plan } : {}) });
  return redirect(`/verification/periods?${query}`);
}

type ActionResult = {
  values?: { indicatorId?: string; period?: string; rationale?: string };
  entries?: { id: string; status: string }[];
};

export default function Periods({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plans, plan, indicators, done } = loaderData;
  const result = actionData as ActionResult | undefined;
  const [refused] = problemsIn(actionData);
  const refusedText = refused && t(refused.message.key, refused.message.values);
  return (
    <>
      <title>{`${t("progress.periods.title")} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/verification">{t("progress.verify.title")}</Link>
      </nav>
      <h1>{t("progress.periods.title")}</h1>
      <p className="lead">{t("progress.periods.intro")}</p>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="plan-choice">{t("progress.periods.plan")}</label>
          <select id="plan-choice" name="plan" defaultValue={plan?.slug}>
            {plans.map((candidate) => (
              <option key={candidate.slug} value={candidate.slug}>
                {pickText(candidate.title, locale).text}
                {candidate.synthetic ? ` (${t("synthetic.badge")})` : ""}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          {t("progress.periods.show")}
        </Button>
      </Form>
      {done && !result && (
        <p className="notice" role="status">
          {done === "lock" ? t("progress.periods.lockedDone") : t("progress.periods.unlockedDone")}
        </p>
      )}
      {plan?.synthetic && <SyntheticBadge explain />}
      {indicators.length === 0 ? (
        <p>{t("progress.periods.none")}</p>
      ) : (
        indicators.map((indicator) => {
          const name = pickText(indicator.name, locale);
          return (
            <Card key={indicator.id}>
              <h2>
                <span className="code">{indicator.code}</span> <span lang={name.lang}>{name.text}</span>
              </h2>
              <TableScroll label={t("progress.periods.caption", { code: indicator.code })}>
                <table>
                  <caption className="visually-hidden">
                    {t("progress.periods.caption", { code: indicator.code })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("progress.period")}</th>
                      <th scope="col">{t("progress.periods.entries")}</th>
                      <th scope="col">{t("progress.periods.state")}</th>
                      <th scope="col">{t("progress.periods.action")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {indicator.periods.map((period) => {
                      const mine =
                        result?.values?.indicatorId === indicator.id && result.values.period === period.key
                          ? { ...result.values, entries: result.entries, formError: refusedText }
                          : undefined;
                      const waiting = (period.counts.submitted ?? 0) + (period.counts.returned ?? 0);
                      return (
                        <tr key={period.key}>
                          <th scope="row">
                            {periodName(period.key, t)}
                            <br />
                            <span className="meta">
                              {period.start} – {period.end}
                            </span>
                          </th>
                          <td>
                            {(["approved", "submitted", "returned", "draft"] as const)
                              .filter((status) => (period.counts[status] ?? 0) > 0)
                              .map((status) =>
                                t(`progress.periods.count.${status}`, { count: period.counts[status] ?? 0 }),
                              )
                              .join(" · ")}
                          </td>
                          <td>
                            {period.lock ? (
                              <>
                                <LockedBadge />
                                <br />
                                <span className="meta">
                                  {t("progress.periods.lockedBy", {
                                    name: period.lock.byName ?? "—",
                                    when: formatDateTime(period.lock.at, locale),
                                  })}
                                </span>
                              </>
                            ) : waiting > 0 ? (
                              t("progress.periods.waiting", { count: waiting })
                            ) : period.lockable ? (
                              t("progress.periods.ready")
                            ) : (
                              t("progress.periods.notReady")
                            )}
                          </td>
                          <td>
                            {mine?.formError && (
                              <div className="form-error" role="alert">
                                <p>{mine.formError}</p>
                                {mine.entries && mine.entries.length > 0 && (
                                  <ul>
                                    {mine.entries.map((entry) => (
                                      <li key={entry.id}>
                                        <Link to={`/entries/${entry.id}`}>
                                          {t(`progress.status.${entry.status as "submitted" | "returned"}`)}
                                        </Link>
                                      </li>
                                    ))}
                                  </ul>
                                )}
                              </div>
                            )}
                            {period.lock ? (
                              <details open={Boolean(mine)}>
                                <summary>{t("progress.periods.unlockOpen")}</summary>
                                <Form method="post">
                                  <input type="hidden" name="intent" value="unlock" />
                                  <input type="hidden" name="indicatorId" value={indicator.id} />
                                  <input type="hidden" name="period" value={period.key} />
                                  <input type="hidden" name="plan" value={plan?.slug ?? ""} />
                                  <div className="field">
                                    <label htmlFor={`rationale-${indicator.id}-${period.key}`}>
                                      {t("progress.periods.rationale")}
                                    </label>
                                    <input
                                      id={`rationale-${indicator.id}-${period.key}`}
                                      name="rationale"
                                      defaultValue={mine?.rationale}
                                      aria-invalid={mine?.formError ? true : undefined}
                                    />
                                  </div>
                                  <Button type="submit" variant="secondary">
                                    {t("progress.periods.unlock")}
                                  </Button>
                                </Form>
                              </details>
                            ) : (
                              <Form method="post">
                                <input type="hidden" name="intent" value="lock" />
                                <input type="hidden" name="indicatorId" value={indicator.id} />
                                <input type="hidden" name="period" value={period.key} />
                                <input type="hidden" name="plan" value={plan?.slug ?? ""} />
                                <Button type="submit" variant={period.lockable ? "primary" : "secondary"}>
                                  {t("progress.periods.lock")}
                                </Button>
                              </Form>
                            )}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableScroll>
            </Card>
          );
        })
      )}
    </>
  );
}
