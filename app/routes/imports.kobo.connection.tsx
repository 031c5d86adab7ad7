import { Form, Link, redirect, useActionData } from "react-router";
import { z } from "zod";
import { appSecret, requirePermission } from "../auth/request.server";
import { Button } from "../components/ui/button";
import { Card } from "../components/ui/card";
import { Field } from "../components/ui/field";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { answerRefused, refusal } from "../errors";
import { parseForm } from "../forms/parse.server";
import { problem, problemAt, wholeForm } from "../forms/problem";
import { notFound } from "../http-errors";
import { formatDateTime, pickText, useI18n } from "../i18n/i18n";
import { DimensionName, MocksNotice, RunOutcome, submissionTimeText } from "../kobo/components";
import {
  deleteConnection,
  getConnection,
  listRuns,
  mappableIndicators,
  restartConnection,
} from "../kobo/connections.server";
import { koboDevMocks } from "../kobo/dev-mocks.server";
import { checkMapping } from "../kobo/format";
import { runErrorText } from "../kobo/run-error";
import { syncConnection } from "../kobo/sync.server";
import type { Route } from "./+types/imports.kobo.connection";

async function loadConnection(id: string) {
  const db = await getDb();
  const connection = z.uuid().safeParse(id).success ? await getConnection({ db, id }) : null;
  if (!connection) notFound();
  return { db, connection };
}

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "progress.import" });
  const { db, connection } = await loadConnection(args.params.id);
  const indicators = await mappableIndicators(db, connection.plan.id);
  const ready = checkMapping(connection.mapping, indicators).length === 0;
  const runs = await listRuns({ db, connectionId: connection.id });
  const saved = new URL(args.request.url).searchParams.has("saved");
  return { connection, indicators, ready, runs, saved, mocks: koboDevMocks() };
}

const connectionForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("sync") }),
  z.object({ intent: z.literal("restart") }),
  z.object({ intent: z.literal("delete"), confirmName: z.string().max(300) }),
]);

export async function action(args: Route.ActionArgs) {
  const viewer = requirePermission(args, { action: "progress.import" });
  const { db, connection } = await loadConnection(args.params.id);
  const form = await parseForm(args.request, connectionForm);
  if (!form.ok) return form.response;
  const actor = `user:${viewer.id}`;
  switch (form.data.intent) {
    case "sync": {
      let run: Awaited<ReturnType<typeof syncConnection>>;
      try {
        run = await syncConnection({
          db,
          connectionId: connection.id,
          userId: viewer.id,
          appSecret: appSecret(),
        });
      } catch (error) {
        // Another sync of this connection is running: said with when it started.
        return answerRefused(error);
      }
      if (!run) notFound();
      return redirect(`/imports/kobo/${connection.id}/runs/${run.runId}`);
    }
    case "restart":
      await restartConnection({ db, actor, id: connection.id });
      return redirect(`/imports/kobo/${connection.id}`);
    case "delete":
      if (form.data.confirmName.trim() !== connection.name)
        return refusal([problem("confirmName", "kobo.delete.mismatch")]);
      await deleteConnection({ db, actor, id: connection.id });
      return redirect("/imports/kobo");
  }
}

export default function KoboConnection({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { connection, indicators, ready, runs, saved, mocks } = loaderData;
  const result = useActionData<typeof action>();
  const running = problemAt(result, wholeForm);
  const mismatch = problemAt(result, "confirmName");
  const plan = pickText(connection.plan.title, locale);
  const { mapping } = connection;
  const nameOf = (code: string) => {
    const indicator = indicators.find((candidate) => candidate.code === code);
    return indicator ? pickText(indicator.name, locale) : null;
  };
  return (
    <>
      <title>{`${connection.name} · ${t("kobo.title")} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/imports/kobo">{t("kobo.title")}</Link>
      </nav>
      <header className="page-header">
        <h1>{connection.name}</h1>
        <p className="meta">
          <Link to={`/plans/${connection.plan.slug}`} lang={plan.lang}>
            {plan.text}
          </Link>
        </p>
      </header>
      <MocksNotice mocks={mocks} />
      {saved && (
        <p className="notice" role="status">
          {t("kobo.connection.saved")}
        </p>
      )}
      <div className="detail-grid">
        <div>
          <Card>
            <h2>{t("kobo.sync.title")}</h2>
            <p>{t("kobo.sync.intro")}</p>
            {running && (
              <p className="notice" role="alert">
                {typeof running.values?.since === "string"
                  ? t(running.key, { since: formatDateTime(running.values.since, locale) })
                  : t(running.key, running.values)}
              </p>
            )}
            {ready ? (
              <Form method="post">
                <input type="hidden" name="intent" value="sync" />
                <Button type="submit">{t("kobo.sync.now")}</Button>
              </Form>
            ) : (
              <p className="notice">
                {t("kobo.sync.notReady")}{" "}
                <Link to={`/imports/kobo/${connection.id}/edit`}>{t("kobo.detail.edit")}</Link>
              </p>
            )}
          </Card>
          <Card>
            <h2>{t("kobo.runs.title")}</h2>
            {runs.length === 0 ? (
              <p>{t("kobo.runs.none")}</p>
            ) : (
              <Table caption={t("kobo.runs.title")}>
                <thead>
                  <tr>
                    <th scope="col">{t("kobo.runs.when")}</th>
                    <th scope="col">{t("kobo.runs.outcome")}</th>
                    <th scope="col">{t("kobo.runs.fetched")}</th>
                    <th scope="col">{t("kobo.runs.created")}</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((run) => (
                    <tr key={run.id}>
                      <th scope="row">
                        <Link to={`/imports/kobo/${connection.id}/runs/${run.id}`}>
                          {formatDateTime(run.startedAt, locale)}
                        </Link>
                      </th>
                      <td>
                        <RunOutcome outcome={run.outcome} />
                        {run.error && <p className="small">{runErrorText(t, run.error)}</p>}
                      </td>
                      <td>{run.fetched}</td>
                      <td>{run.created}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </Card>
        </div>
        <div>
          <Card>
            <h2>{t("kobo.detail.settings")}</h2>
            <dl className="facts">
              <div>
                <dt>{t("kobo.detail.server")}</dt>
                <dd>{connection.serverUrl}</dd>
              </div>
              <div>
                <dt>{t("kobo.detail.form")}</dt>
                <dd>
                  <code>{connection.assetUid}</code>
                </dd>
              </div>
              <div>
                <dt>{t("kobo.detail.token")}</dt>
                <dd>{t("kobo.detail.tokenStored")}</dd>
              </div>
              <div>
                <dt>{t("kobo.detail.syncPoint")}</dt>
                <dd>
                  {connection.lastSubmissionTime
                    ? submissionTimeText(connection.lastSubmissionTime, locale)
                    : t("kobo.detail.syncPointNone")}
                </dd>
              </div>
            </dl>
            <p>
              <Link to={`/imports/kobo/${connection.id}/edit`}>{t("kobo.detail.edit")}</Link>
            </p>
          </Card>
          <Card>
            <h2>{t("kobo.detail.mapping")}</h2>
            {mapping.period === null && mapping.indicators.length === 0 ? (
              <p>{t("kobo.detail.mappingEmpty")}</p>
            ) : (
              <>
                <dl className="facts">
                  <div>
                    <dt>{t("kobo.detail.period")}</dt>
                    <dd>
                      {mapping.period
                        ? t(
                            mapping.period.from === "date"
                              ? "kobo.detail.periodFromDate"
                              : "kobo.detail.periodFromKey",
                            {
                              field: mapping.period.field,
                            },
                          )
                        : t("kobo.detail.none")}
                    </dd>
                  </div>
                  <div>
                    <dt>{t("kobo.detail.reportedOn")}</dt>
                    <dd>{mapping.reportedOn ?? t("kobo.detail.reportedOnSubmission")}</dd>
                  </div>
                  <div>
                    <dt>{t("kobo.detail.narrative")}</dt>
                    <dd>{mapping.narrative ?? t("kobo.detail.none")}</dd>
                  </div>
                  {Object.entries(mapping.dimensions).map(([code, source]) => (
                    <div key={code}>
                      <dt>
                        <DimensionName code={code} />
                      </dt>
                      <dd>{source.field}</dd>
                    </div>
                  ))}
                </dl>
                <Table caption={t("kobo.mapping.indicators")}>
                  <thead>
                    <tr>
                      <th scope="col">{t("kobo.detail.indicator")}</th>
                      <th scope="col">{t("kobo.detail.fields")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {mapping.indicators.map((source) => {
                      const name = nameOf(source.indicator);
                      return (
                        <tr key={source.indicator}>
                          <th scope="row">
                            <span className="code">{source.indicator}</span>{" "}
                            {name && <span lang={name.lang}>{name.text}</span>}
                          </th>
                          <td>
                            {source.value && (
                              <div>{t("kobo.detail.totalField", { field: source.value })}</div>
                            )}
                            {source.cells.map((cell) => (
                              <div key={cell.field}>
                                {cell.field} →{" "}
                                {Object.entries(cell.at)
                                  .map(([dimension, value]) => `${dimension}:${value}`)
                                  .join(", ")}
                              </div>
                            ))}
                            {source.totalOnly && <div className="small">{t("kobo.detail.totalOnly")}</div>}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </Table>
              </>
            )}
          </Card>
          <Card>
            <h2>{t("kobo.restart.title")}</h2>
            <p>{t("kobo.restart.intro")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="restart" />
              <Button type="submit" variant="secondary">
                {t("kobo.restart.button")}
              </Button>
            </Form>
          </Card>
          <Card>
            <h2>{t("kobo.delete.title")}</h2>
            <p>{t("kobo.delete.intro")}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <Field
                label={t("kobo.delete.confirm")}
                name="confirmName"
                autoComplete="off"
                error={mismatch && t(mismatch.key, mismatch.values)}
              />
              <Button type="submit" variant="secondary">
                {t("kobo.delete.button")}
              </Button>
            </Form>
          </Card>
        </div>
      </div>
    </>
  );
}
