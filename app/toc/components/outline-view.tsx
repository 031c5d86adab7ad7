import { Link } from "react-router";
import { StatusBadge } from "../../components/ui/status-badge";
import { Table } from "../../components/ui/table";
import { pickText, useI18n } from "../../i18n/i18n";
import { Citation } from "../../plan-graph/components/citation";
import { compareCodes } from "../../plan-graph/graph";
import type { CitationView } from "../../plan-graph/queries.server";
import { type ElementKind, type EvidenceLink, elementKinds } from "../../plan-graph/vocabulary";
import { type EditorDoc, type EditorLink, isCausal } from "../editor-state";
import type { NodeOverlay } from "../overlay.server";
import { OverlayLine } from "./overlay-line";

/**
 * The canvas as tables: its elements by kind (level, status in the plan, roll-up status and progress against
 * expected, source) and the links among them (with their assumption and evidence). What the page shows without
 * JavaScript, and what a screen reader uses; in the editor it follows every unsaved change.
 */
export function OutlineView({
  doc,
  overlay,
  citations,
  planSlug,
  onSelect,
}: {
  doc: EditorDoc;
  overlay: Readonly<Record<string, NodeOverlay>>;
  citations: { elements: Record<string, CitationView>; links: Record<string, CitationView> };
  planSlug: string;
  /** In the editor: selects an element (it then opens its panel); absent without JavaScript. */
  onSelect?: (key: string) => void;
}) {
  const { t, locale } = useI18n();
  const onCanvas = Object.keys(doc.nodes).flatMap((key) => doc.elements[key] ?? []);
  const byKind = new Map<ElementKind, typeof onCanvas>();
  for (const element of onCanvas) {
    const ofKind = byKind.get(element.kind);
    if (ofKind) ofKind.push(element);
    else byKind.set(element.kind, [element]);
  }
  const links = Object.values(doc.links)
    .filter((link) => doc.nodes[link.from] && doc.nodes[link.to])
    .filter((link) => isCausal(link.kind) || doc.settings.showOutline)
    .sort(
      (a, b) =>
        Number(isCausal(b.kind)) - Number(isCausal(a.kind)) ||
        compareCodes(doc.elements[a.from]?.code ?? "", doc.elements[b.from]?.code ?? "") ||
        compareCodes(doc.elements[a.to]?.code ?? "", doc.elements[b.to]?.code ?? ""),
    );
  const elementName = (key: string) => {
    const element = doc.elements[key];
    if (!element) return null;
    const title = pickText(element.title, locale);
    return (
      <a href={`#toc-node-${element.code}`}>
        <span className="code">{element.code}</span> <span lang={title.lang}>{title.text}</span>
      </a>
    );
  };

  return (
    <div className="toc-outline" data-testid="toc-outline">
      {onCanvas.length === 0 && <p>{t("toc.editor.emptyCanvas")}</p>}
      {elementKinds
        .filter((kind) => byKind.has(kind))
        .map((kind) => {
          const rows = (byKind.get(kind) ?? []).sort((a, b) => compareCodes(a.code, b.code));
          return (
            <Table key={kind} caption={`${t(`kindPlural.${kind}`)} (${rows.length})`}>
              <thead>
                <tr>
                  <th scope="col">{t("toc.editor.col.element")}</th>
                  <th scope="col">{t("toc.editor.col.level")}</th>
                  <th scope="col">{t("toc.editor.col.planStatus")}</th>
                  <th scope="col">{t("toc.editor.col.rollUp")}</th>
                  <th scope="col">{t("toc.editor.col.source")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((element) => {
                  const title = pickText(element.title, locale);
                  const saved = !element.key.startsWith("new:");
                  const citation = citations.elements[element.key];
                  return (
                    <tr key={element.key} id={`toc-node-${element.code}`} data-code={element.code}>
                      <th scope="row">
                        {saved ? (
                          <Link to={`/plans/${planSlug}/elements/${element.code}`}>
                            <span className="code">{element.code}</span>{" "}
                            <span lang={title.lang}>{title.text}</span>
                          </Link>
                        ) : (
                          <>
                            <span className="code">{element.code}</span>{" "}
                            <span lang={title.lang}>{title.text}</span>{" "}
                            <span className="badge badge-notice">{t("toc.editor.unsavedElement")}</span>
                          </>
                        )}
                        {onSelect && (
                          <button
                            type="button"
                            className="button button-quiet toc-select"
                            onClick={() => onSelect(element.key)}
                          >
                            {t("toc.editor.selectElement", { code: element.code })}
                          </button>
                        )}
                      </th>
                      <td>{element.level ? t(`toc.editor.level.${element.level}`) : "—"}</td>
                      <td>
                        <StatusBadge status={element.status} />
                      </td>
                      <td>
                        <OverlayLine overlay={overlay[element.key] ?? null} />
                      </td>
                      <td>{citation ? <Citation citation={citation} /> : "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </Table>
          );
        })}
      {links.length > 0 && (
        <Table caption={`${t("toc.editor.links")} (${links.length})`}>
          <thead>
            <tr>
              <th scope="col">{t("toc.editor.col.from")}</th>
              <th scope="col">{t("toc.editor.col.link")}</th>
              <th scope="col">{t("toc.editor.col.to")}</th>
              <th scope="col">{t("toc.editor.col.assumption")}</th>
              <th scope="col">{t("toc.editor.col.evidence")}</th>
            </tr>
          </thead>
          <tbody>
            {links.map((link) => (
              <LinkRow
                key={link.key}
                link={link}
                citation={citations.links[link.key]}
                from={elementName(link.from)}
                to={elementName(link.to)}
              />
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}

function LinkRow({
  link,
  citation,
  from,
  to,
}: {
  link: EditorLink;
  citation: CitationView | undefined;
  from: React.ReactNode;
  to: React.ReactNode;
}) {
  const { t, locale } = useI18n();
  const rationale = link.rationale ? pickText(link.rationale, locale) : null;
  return (
    <tr data-link={link.key} data-kind={link.kind}>
      <td>{from}</td>
      <td>{t(`toc.editor.linkKind.${link.kind}`)}</td>
      <td>{to}</td>
      <td>
        {isCausal(link.kind) ? (
          rationale ? (
            <span lang={rationale.lang}>{rationale.text}</span>
          ) : (
            <span className="toc-missing">{t("toc.editor.noAssumption")}</span>
          )
        ) : (
          "—"
        )}
        {citation && <Citation citation={citation} />}
      </td>
      <td>
        {isCausal(link.kind) ? (
          <>
            {link.evidenceStrength ? t(`evidence.${link.evidenceStrength}`) : t("toc.editor.evidenceUnknown")}
            <EvidenceLinks links={link.evidenceLinks} />
          </>
        ) : (
          "—"
        )}
      </td>
    </tr>
  );
}

/** A link's evidence, each opening in a new tab (the canvas tables and the node panel). */
export function EvidenceLinks({ links }: { links: readonly EvidenceLink[] | null | undefined }) {
  if (!links?.length) return null;
  return (
    <ul className="toc-evidence-links">
      {links.map((evidence) => (
        <li key={evidence.url}>
          <a href={evidence.url} rel="noopener noreferrer" target="_blank">
            {evidence.label ?? evidence.url}
          </a>
        </li>
      ))}
    </ul>
  );
}
