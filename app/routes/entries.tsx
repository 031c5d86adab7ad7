import { Form, Link } from "react-router";
import { requirePermission } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { formatDate, pickText, useI18n } from "../i18n/i18n";
import { EntryStatus, formatValue, LockedBadge, periodName } from "../progress/components";
import { myEntries } from "../progress/queries.server";
import type { Route } from "./+types/entries";

export async function loader(args: Route.LoaderArgs) {
  const viewer = requirePermission(args, { action: "progress.log" });
  const groups = await myEntries({ db: await getDb(), viewer });
  if (!groups) notFound();
  return { groups };
}

export default function MyEntries({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { groups } = loaderData;
  const empty = groups.every((group) => group.entries.length === 0);
  return (
    <>
      <title>{`${t("progress.entries.title")} · Throughline`}</title>
      <h1>{t("progress.entries.title")}</h1>
      <p className="lead">{t("progress.entries.intro")}</p>
      {empty && (
        <p>
          {t("progress.entries.none")} <Link to="/activities">{t("progress.activities.title")}</Link>
        </p>
      )}
      {groups
        .filter((group) => group.entries.length > 0)
        .map((group) => (
          <section key={group.status} aria-labelledby={`group-${group.status}`}>
            <h2 id={`group-${group.status}`}>{t(`progress.entries.group.${group.status}`)}</h2>
            <Table caption={t("progress.entries.caption", { count: group.entries.length })}>
              <thead>
                <tr>
                  <th scope="col">{t("progress.indicator")}</th>
                  <th scope="col">{t("progress.period")}</th>
                  <th scope="col">{t("progress.value")}</th>
                  <th scope="col">{t("progress.reportedOn")}</th>
                  <th scope="col">{t("progress.entries.next")}</th>
                </tr>
              </thead>
              <tbody>
                {group.entries.map((entry) => {
                  const name = pickText(entry.indicator.name, locale);
                  return (
                    <tr key={entry.id}>
                      <th scope="row">
                        <span className="code">{entry.indicator.code}</span>{" "}
                        <span lang={name.lang}>{name.text}</span>
                        <br />
                        <span className="meta">
                          {entry.planSlug}
                          {entry.activityCode ? ` · ${entry.activityCode}` : ""}
                          {entry.imported ? ` · ${t("progress.entries.imported")}` : ""}
                        </span>
                      </th>
                      <td className="nowrap">
                        {periodName(entry.periodKey, t)} {entry.locked && <LockedBadge />}
                      </td>
                      <td>{formatValue(entry.indicator, entry.value, locale)}</td>
                      <td>{formatDate(entry.reportedOn, locale)}</td>
                      <td>
                        <EntryStatus status={group.status} />{" "}
                        <Link to={`/entries/${entry.id}`}>
                          {group.status === "returned"
                            ? t("progress.activities.fix")
                            : group.status === "draft"
                              ? t("progress.activities.continue")
                              : t("progress.entries.open")}
                        </Link>
                        {entry.note && (
                          <blockquote className="return-note">
                            <p>{entry.note}</p>
                          </blockquote>
                        )}
                        {group.status === "draft" && !entry.locked && (
                          <Form method="post" action={`/entries/${entry.id}`} className="inline">
                            <input type="hidden" name="intent" value="submit-as-is" />{" "}
                            <Button type="submit" variant="quiet">
                              {t("progress.entries.submitAsIs")}
                            </Button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
            {group.more && <p className="meta">{t("progress.entries.more")}</p>}
          </section>
        ))}
    </>
  );
}
