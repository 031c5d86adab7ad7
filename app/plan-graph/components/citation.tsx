import { Link, useRouteLoaderData } from "react-router";
import { pickText, useI18n } from "../../i18n/i18n";
import type { loader as rootLoader } from "../../root";
import type { CitationView } from "../queries.server";

/** Where a goal, activity or figure comes from: source, section and (in full form) the verbatim quote. */
export function Citation({ citation, full = false }: { citation: CitationView; full?: boolean }) {
  const { t, locale } = useI18n();
  const title = pickText(citation.sourceTitle, locale);
  // Funders and consultants cannot open the sources page: name the source without a link that would answer 404.
  const canOpenSources = useRouteLoaderData<typeof rootLoader>("root")?.viewer?.canReadSources;
  const source = canOpenSources ? (
    <Link to={`/sources#${citation.source}`} lang={title.lang}>
      {title.text}
    </Link>
  ) : (
    <cite lang={title.lang}>{title.text}</cite>
  );
  if (!full) {
    return (
      <p className="citation">
        <span className="citation-label">{t("citation.source")}</span> {source} — {citation.section}
      </p>
    );
  }
  return (
    <figure className="citation citation-full">
      {citation.quote && (
        <blockquote lang={citation.sourceLanguage}>
          <p>{citation.quote}</p>
        </blockquote>
      )}
      <figcaption>
        <span className="citation-label">{t("citation.source")}</span> {source} — {citation.section}
      </figcaption>
    </figure>
  );
}
