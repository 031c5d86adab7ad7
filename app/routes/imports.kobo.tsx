import { Link } from "react-router";
import { requirePermission } from "../auth/request.server";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { formatDateTime, pickText, useI18n } from "../i18n/i18n";
import { MocksNotice, RunOutcome } from "../kobo/components";
import { listConnections } from "../kobo/connections.server";
import { koboDevMocks } from "../kobo/dev-mocks.server";
import type { Route } from "./+types/imports.kobo";

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "progress.import" });
  return { connections: await listConnections({ db: await getDb() }), mocks: koboDevMocks() };
}

export default function KoboConnections({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { connections, mocks } = loaderData;
  return (
    <>
      <title>{`${t("kobo.title")} · Throughline`}</title>
      <header className="page-header">
        <h1>{t("kobo.title")}</h1>
        <p className="lead">{t("kobo.intro")}</p>
      </header>
      <MocksNotice mocks={mocks} />
      <p>
        <Link to="/imports/kobo/new" className="button button-primary">
          {t("kobo.newConnection")}
        </Link>
      </p>
      {connections.length === 0 ? (
        <p>{t("kobo.noConnections")}</p>
      ) : (
        <Table caption={t("kobo.connections")}>
          <thead>
            <tr>
              <th scope="col">{t("kobo.column.name")}</th>
              <th scope="col">{t("kobo.column.plan")}</th>
              <th scope="col">{t("kobo.column.form")}</th>
              <th scope="col">{t("kobo.column.lastRun")}</th>
            </tr>
          </thead>
          <tbody>
            {connections.map((connection) => {
              const plan = pickText(connection.planTitle, locale);
              return (
                <tr key={connection.id}>
                  <th scope="row">
                    <Link to={`/imports/kobo/${connection.id}`}>{connection.name}</Link>
                  </th>
                  <td lang={plan.lang}>{plan.text}</td>
                  <td>
                    <code>{connection.assetUid}</code>
                    <br />
                    <span className="small">{connection.serverUrl}</span>
                  </td>
                  <td>
                    {connection.lastRun ? (
                      <>
                        <RunOutcome outcome={connection.lastRun.outcome} />{" "}
                        <Link to={`/imports/kobo/${connection.id}/runs/${connection.lastRun.id}`}>
                          {formatDateTime(connection.lastRun.startedAt, locale)}
                        </Link>
                        <br />
                        <span className="small">
                          {t("kobo.runSummary", {
                            fetched: connection.lastRun.fetched,
                            created: connection.lastRun.created,
                          })}
                        </span>
                      </>
                    ) : (
                      t("kobo.never")
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
