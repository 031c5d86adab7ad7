import { memo } from "react";
import { useI18n } from "../../i18n/i18n";
import { type CheckCode, checkCodes, describeFinding, type Finding } from "../checks";

/**
 * The checks of the canvas (app/toc/checks.ts), grouped by check, each naming its elements. Before JavaScript runs
 * an element's code jumps to its row of the table; in the editor it selects the element on the canvas.
 */
export const ChecksPanel = memo(function ChecksPanel({
  findings,
  live,
  onShow,
}: {
  findings: readonly Finding[];
  /** The findings follow the unsaved edits (the editor runs the checks again as the canvas changes). */
  live: boolean;
  onShow?: (key: string) => void;
}) {
  const { t } = useI18n();
  const groups = new Map<CheckCode, Finding[]>();
  for (const finding of findings) groups.set(finding.check, [...(groups.get(finding.check) ?? []), finding]);
  return (
    <section className="card toc-checks" aria-labelledby="toc-checks-heading" data-testid="toc-checks">
      <h2 id="toc-checks-heading">
        {t("toc.checks.title")} <span className="toc-count">({findings.length})</span>
      </h2>
      <p className="meta">{live ? t("toc.editor.checksLive") : t("toc.editor.checksSaved")}</p>
      {findings.length === 0 ? (
        <p>{t("toc.checks.none")}</p>
      ) : (
        checkCodes
          .filter((code) => groups.has(code))
          .map((code) => (
            <details key={code} open className="toc-check-group" data-check={code}>
              <summary>
                {t(`toc.checks.heading.${code}`)} ({groups.get(code)?.length})
              </summary>
              <ul>
                {groups.get(code)?.map((finding) => (
                  <li key={`${finding.check}-${finding.nodes.map((node) => node.id).join("-")}`}>
                    <p>{describeFinding(finding, t)}</p>
                    {finding.nodes.length > 0 && (
                      <p className="toc-finding-nodes">
                        {[...new Map(finding.nodes.map((node) => [node.id, node])).values()].map((node) =>
                          onShow ? (
                            <button
                              key={node.id}
                              type="button"
                              className="button button-quiet"
                              onClick={() => onShow(node.id)}
                            >
                              {t("toc.editor.showOnCanvas", { code: node.code })}
                            </button>
                          ) : (
                            <a key={node.id} href={`#toc-node-${node.code}`}>
                              {node.code}
                            </a>
                          ),
                        )}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </details>
          ))
      )}
    </section>
  );
});
