import { Link } from "react-router";
import { z } from "zod";
import { requirePermission } from "../auth/request.server";
import { Card } from "../components/ui/card";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { notFound } from "../http-errors";
import { formatDateTime, useI18n } from "../i18n/i18n";
import { RunOutcome, runItemText } from "../kobo/components";
import { getConnection, getRun } from "../kobo/connections.server";
import { runErrorText } from "../kobo/run-error";
import type { RunItem } from "../kobo/sync.server";
import type { Route } from "./+types/imports.kobo.run";

/** Items listed one by one on the page; the summary by reason counts them all. */
const listed = 500;

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "progress.import" });
  const db = await getDb();
  const { id, runId } = args.params;
  const connection = z.uuid().safeParse(id).success ? await getConnection({ db, id }) : null;
  const run =
    connection && /^\d{1,15}$/.test(runId)
      ? await getRun({ db, connectionId: connection.id, runId: Number(runId) })
      : null;
  if (!connection || !run) notFound();
  const items = run.skipped as RunItem[];
  const notes = items.filter((item) => item.submission === "" && item.code?.startsWith("form."));
  const skipped = items.filter((item) => !notes.includes(item));
  // Reasons with their number of items, most frequent first (thousands of items read as a few lines).
  const reasons = new Map<string, { item: RunItem; count: number }>();
  for (const item of skipped) {
    const key = JSON.stringify([item.indicator, item.code, item.params, item.code ? "" : item.reason]);
    const known = reasons.get(key);
    if (known) known.count++;
    else reasons.set(key, { item, count: 1 });
  }
  return {
    connection: { id: connection.id, name: connection.name },
    run: {
      id: run.id,
      startedAt: run.startedAt,
      outcome: run.outcome,
      fetched: run.fetched,
      created: run.created,
      error: run.error,
    },
    notes,
    reasons: [...reasons.values()].sort((a, b) => b.count - a.count).slice(0, 100),
    skippedCount: skipped.filter((item) => item.code !== "skip.more").length,
    items: skipped.slice(0, listed),
  };
}

export default function KoboRun({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { connection, run, notes, reasons, skippedCount, items } = loaderData;
  return (
    <>
      <title>{`${t("kobo.run.title")} · ${connection.name} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/imports/kobo">{t("kobo.title")}</Link>
        <Link to={`/imports/kobo/${connection.id}`}>{connection.name}</Link>
      </nav>
      <header className="page-header">
        <h1>{t("kobo.run.title")}</h1>
        <p className="meta">
          <RunOutcome outcome={run.outcome} />{" "}
          {t("kobo.run.started", { when: formatDateTime(run.startedAt, locale) })}
        </p>
      </header>
      {run.error && (
        <p className="form-error" role="alert">
          {t("kobo.run.failedNothingWritten", { error: runErrorText(t, run.error) })}
        </p>
      )}
      <dl className="counts">
        <div>
          <dt>{t("kobo.run.fetched")}</dt>
          <dd>{run.fetched}</dd>
        </div>
        <div>
          <dt>{t("kobo.run.created")}</dt>
          <dd>{run.created}</dd>
        </div>
        <div>
          <dt>{t("kobo.run.skipped")}</dt>
          <dd>{skippedCount}</dd>
        </div>
      </dl>
      {run.created > 0 && (
        <p className="notice">
          {t("kobo.run.draftsNext")} <Link to="/entries">{t("kobo.run.yourEntries")}</Link>
        </p>
      )}
      {notes.length > 0 && (
        <Card>
          <h2>{t("kobo.run.formNotes")}</h2>
          <p>{t("kobo.run.formNotesIntro")}</p>
          <ul>
            {notes.map((note) => (
              <li key={`${note.code}${note.reason}`}>{runItemText(t, note)}</li>
            ))}
          </ul>
        </Card>
      )}
      {reasons.length > 0 && (
        <>
          <Table caption={t("kobo.run.reasons")}>
            <thead>
              <tr>
                <th scope="col">{t("kobo.run.reason")}</th>
                <th scope="col">{t("kobo.run.count")}</th>
              </tr>
            </thead>
            <tbody>
              {reasons.map(({ item, count }) => (
                <tr key={JSON.stringify([item.indicator, item.code, item.params, item.reason])}>
                  <th scope="row">
                    {item.indicator && <span className="code">{item.indicator}: </span>}
                    {runItemText(t, item)}
                  </th>
                  <td>{count}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Table caption={t("kobo.run.items")}>
            <thead>
              <tr>
                <th scope="col">{t("kobo.run.submission")}</th>
                <th scope="col">{t("kobo.run.indicator")}</th>
                <th scope="col">{t("kobo.run.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => (
                // Items of a run never change: their position is a stable key.
                // biome-ignore lint/suspicious/noArrayIndexKey: see above
                <tr key={i}>
                  <td>
                    <code>{item.submission}</code>
                  </td>
                  <td>{item.indicator ?? t("kobo.run.wholeSubmission")}</td>
                  <td>{runItemText(t, item)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {skippedCount > items.length && (
            <p className="meta">{t("kobo.run.itemsShown", { shown: items.length, total: skippedCount })}</p>
          )}
        </>
      )}
      <p>
        <Link to={`/imports/kobo/${connection.id}`}>{t("kobo.run.back")}</Link>
      </p>
    </>
  );
}
