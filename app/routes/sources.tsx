import { requirePermission } from "../auth/request.server";
import { Card } from "../components/ui/card";
import { Table } from "../components/ui/table";
import { getDb } from "../db.server";
import { pickText, useI18n } from "../i18n/i18n";
import { Citation } from "../plan-graph/components/citation";
import { listSources } from "../plan-graph/queries.server";
import { languages, referenceListNames } from "../plan-graph/vocabulary";
import type { Route } from "./+types/sources";

const isLanguage = (code: string): code is (typeof languages)[number] =>
  (languages as readonly string[]).includes(code);

export async function loader(args: Route.LoaderArgs) {
  requirePermission(args, { action: "sources.read" });
  return listSources({ db: await getDb() });
}

/** The documents everything cites, and the organisation's reference lists with their own citations. */
export default function SourcesPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { sources, referenceLists } = loaderData;
  return (
    <>
      <title>{`${t("sources.title")} · Throughline`}</title>
      <h1>{t("sources.title")}</h1>
      <p className="lead">{t("sources.intro")}</p>
      <Table caption={t("sources.documents")}>
        <thead>
          <tr>
            <th scope="col">{t("sources.id")}</th>
            <th scope="col">{t("sources.documentTitle")}</th>
            <th scope="col">{t("sources.language")}</th>
            <th scope="col">{t("sources.year")}</th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => {
            const title = pickText(source.title, locale);
            return (
              <tr key={source.id} id={source.id}>
                <td>
                  <code>{source.id}</code>
                </td>
                <td lang={title.lang}>{title.text}</td>
                <td>{isLanguage(source.language) ? t(`language.${source.language}`) : source.language}</td>
                <td>{source.publishedYear ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </Table>

      <h2>{t("sources.referenceLists")}</h2>
      <div className="card-grid">
        {referenceListNames
          .filter((list) => referenceLists[list]?.length)
          .map((list) => (
            <Card key={list}>
              <h3>{t(`referenceList.${list}`)}</h3>
              <ul className="reference-list">
                {referenceLists[list]?.map((item) => {
                  const label = pickText(item.label, locale);
                  return (
                    <li key={item.code}>
                      <span lang={label.lang}>{label.text}</span>
                      {item.citation && <Citation citation={item.citation} />}
                    </li>
                  );
                })}
              </ul>
            </Card>
          ))}
      </div>
    </>
  );
}
