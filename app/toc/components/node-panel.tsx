import { memo, useEffect, useState } from "react";
import { Link } from "react-router";
import { Button } from "../../components/ui/button";
import { LatestFigureCell, Percent, RollUpStatusBadge } from "../../dashboards/components";
import { formatDate, formatNumber, pickText, useI18n } from "../../i18n/i18n";
import { Citation } from "../../plan-graph/components/citation";
import type { CitationView } from "../../plan-graph/queries.server";
import type { EditorDoc } from "../editor-state";
import type { NodePanel as NodePanelData } from "../overlay.server";
import type { Pathway } from "../pathways";
import { EvidenceLinks } from "./outline-view";
import { OverlayLine, type OverlayValue } from "./overlay-line";

const noPathways: Pathway[] = [];

/**
 * The panel of the element selected on the canvas: its roll-up, its indicators (status, actual against expected, a
 * small bar), their latest approved entries the reader may see, and its causal pathways to impact, each of which can
 * be highlighted on the canvas or walked step by step ("story") with the assumption, evidence and source of each
 * step — the view a funder needs. Read from `/plans/:slug/toc/:canvas/nodes/:code.json`.
 */
export const NodePanel = memo(function NodePanel({
  planSlug,
  canvasSlug,
  elementKey,
  elements,
  links,
  overlay,
  citations,
  asOf,
  onHighlight,
}: {
  planSlug: string;
  canvasSlug: string;
  elementKey: string;
  elements: EditorDoc["elements"];
  links: EditorDoc["links"];
  overlay: OverlayValue | null;
  citations: { elements: Record<string, CitationView>; links: Record<string, CitationView> };
  asOf: string;
  onHighlight: (pathways: Pathway[] | null) => void;
}) {
  const { t, locale } = useI18n();
  const element = elements[elementKey];
  const saved = !elementKey.startsWith("new:");
  const [panel, setPanel] = useState<{ key: string; data: NodePanelData | null; failed: boolean } | null>(
    null,
  );
  const [story, setStory] = useState<{ pathway: Pathway; step: number } | null>(null);
  const [shown, setShown] = useState<number | "all" | null>(null);
  const code = element?.code;

  useEffect(() => {
    setStory(null);
    setShown(null);
    if (!saved || !code) return;
    const controller = new AbortController();
    fetch(
      `/plans/${encodeURIComponent(planSlug)}/toc/${encodeURIComponent(canvasSlug)}/nodes/${encodeURIComponent(code)}.json?asOf=${asOf}`,
      { signal: controller.signal, headers: { Accept: "application/json" } },
    )
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        setPanel({ key: elementKey, data: (await response.json()) as NodePanelData, failed: false });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setPanel({ key: elementKey, data: null, failed: true });
        return error;
      });
    return () => controller.abort();
  }, [planSlug, canvasSlug, elementKey, code, saved, asOf]);

  const data = panel?.key === elementKey ? panel.data : null;
  const pathways = data?.pathways?.pathways ?? noPathways;

  // An activity shows every pathway it has as soon as they arrive.
  useEffect(() => {
    if (element?.kind === "activity" && pathways.length > 0) setShown("all");
  }, [element?.kind, pathways.length]);
  useEffect(() => {
    if (shown === null) onHighlight(null);
    else if (shown === "all") onHighlight(pathways);
    else onHighlight(pathways[shown] ? [pathways[shown] as Pathway] : null);
  }, [shown, pathways, onHighlight]);
  useEffect(() => () => onHighlight(null), [onHighlight]);

  if (!element) return null;
  const title = pickText(element.title, locale);
  const citation = citations.elements[elementKey];

  return (
    <section
      className="card toc-node-panel"
      aria-labelledby="toc-node-panel-heading"
      data-testid="toc-node-panel"
    >
      <p className="eyebrow">
        {t(`kind.${element.kind}`)}
        {element.level ? ` · ${t(`toc.editor.level.${element.level}`)}` : ""}
      </p>
      <h2 id="toc-node-panel-heading">
        <span className="code">{element.code}</span> <span lang={title.lang}>{title.text}</span>
      </h2>
      <OverlayLine overlay={overlay} />
      {citation && <Citation citation={citation} full />}
      {saved ? (
        <p className="meta">
          <Link to={`/plans/${planSlug}/elements/${element.code}`}>{t("toc.editor.elementPage")}</Link> ·{" "}
          <Link to={`/plans/${planSlug}/dashboard/elements/${element.code}?asOf=${asOf}`}>
            {t("toc.editor.elementDashboard")}
          </Link>
        </p>
      ) : (
        <p className="meta">{t("toc.editor.unsavedNoData")}</p>
      )}

      {saved && !data && !panel?.failed && <p aria-live="polite">{t("toc.editor.loading")}</p>}
      {saved && panel?.key === elementKey && panel.failed && (
        <p className="notice">{t("toc.editor.panelFailed")}</p>
      )}

      {data && (
        <>
          <h3>{t("toc.editor.indicators")}</h3>
          {data.indicators.length === 0 ? (
            <p>{t("toc.editor.noIndicators")}</p>
          ) : (
            <ul className="toc-indicators">
              {data.indicators.map((indicator) => {
                const name = pickText(indicator.title, locale);
                return (
                  <li key={indicator.code}>
                    <p>
                      <Link
                        to={`/plans/${planSlug}/dashboard/indicators/${indicator.code}?asOf=${data.asOf}`}
                      >
                        <span className="code">{indicator.code}</span>{" "}
                        <span lang={name.lang}>{name.text}</span>
                      </Link>
                    </p>
                    <p>
                      <RollUpStatusBadge status={indicator.status} unjudged={indicator.unjudged} />{" "}
                      {indicator.actual !== null && indicator.expected !== null && (
                        <>
                          {t("toc.editor.actualExpected", {
                            actual: formatNumber(indicator.actual, locale),
                            expected: formatNumber(Math.round(indicator.expected * 10) / 10, locale),
                          })}{" "}
                          (<Percent value={indicator.score} />)
                        </>
                      )}
                    </p>
                    {indicator.score !== null && (
                      <meter
                        className="toc-meter"
                        min={0}
                        max={120}
                        low={85}
                        high={95}
                        optimum={100}
                        value={Math.min(indicator.score, 120)}
                        aria-label={t("toc.editor.meter", { code: indicator.code })}
                      />
                    )}
                    {indicator.latestFigure && (
                      <LatestFigureCell figure={indicator.latestFigure} measured={indicator.measured} />
                    )}
                    {indicator.entries.length > 0 && (
                      <>
                        <p className="meta">{t("toc.editor.latestEntries")}</p>
                        <ul className="toc-entries">
                          {indicator.entries.map((entry) => (
                            <li key={`${entry.periodKey}-${entry.reportedOn}-${entry.value}`}>
                              {entry.periodKey === "lop" ? t("indicators.period.lop") : entry.periodKey}:{" "}
                              <strong>{formatNumber(entry.value, locale)}</strong> (
                              {t("toc.editor.reportedOn", { day: formatDate(entry.reportedOn, locale) })})
                              {entry.citation && <Citation citation={entry.citation} />}
                            </li>
                          ))}
                        </ul>
                      </>
                    )}
                  </li>
                );
              })}
            </ul>
          )}

          <h3>{data.pathways?.target === "end" ? t("toc.pathways.toEnd") : t("toc.pathways.toImpact")}</h3>
          {pathways.length === 0 ? (
            <p>{t("toc.pathways.none", { code: element.code })}</p>
          ) : (
            <>
              <p>
                <Button
                  type="button"
                  variant="secondary"
                  aria-pressed={shown === "all"}
                  onClick={() => setShown(shown === "all" ? null : "all")}
                >
                  {t("toc.editor.highlightAll", { count: pathways.length })}
                </Button>
              </p>
              {data.pathways?.limitReached === "pathways" && (
                <p className="meta">{t("toc.pathways.limit.pathways", { count: pathways.length })}</p>
              )}
              {data.pathways?.limitReached === "depth" && (
                <p className="meta">{t("toc.pathways.limit.depth", { depth: 25 })}</p>
              )}
              <ol className="toc-pathways">
                {pathways.map((pathway, index) => (
                  <li key={pathway.map((step) => step.id).join(">")}>
                    <p>{pathway.map((step) => step.code).join(" → ")}</p>
                    <Button
                      type="button"
                      variant="quiet"
                      aria-pressed={shown === index}
                      onClick={() => setShown(shown === index ? null : index)}
                    >
                      {t("toc.editor.highlightOne")}
                    </Button>
                    <Button type="button" variant="quiet" onClick={() => setStory({ pathway, step: 0 })}>
                      {t("toc.editor.story")}
                    </Button>
                  </li>
                ))}
              </ol>
            </>
          )}
          {story && (
            <Story
              pathway={story.pathway}
              step={story.step}
              elements={elements}
              links={links}
              citations={citations}
              onStep={(step) => setStory({ ...story, step })}
              onClose={() => setStory(null)}
            />
          )}
        </>
      )}
    </section>
  );
});

/** One pathway walked step by step: each element, and the link that led to it with its assumption and evidence. */
function Story({
  pathway,
  step,
  elements,
  links,
  citations,
  onStep,
  onClose,
}: {
  pathway: Pathway;
  step: number;
  elements: EditorDoc["elements"];
  links: EditorDoc["links"];
  citations: { elements: Record<string, CitationView>; links: Record<string, CitationView> };
  onStep: (step: number) => void;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const here = pathway[step];
  const previous = pathway[step - 1];
  if (!here) return null;
  const element = elements[here.id];
  const title = element ? pickText(element.title, locale) : { text: here.code, lang: "en" };
  const link =
    previous && here.via
      ? Object.values(links).find(
          (candidate) =>
            candidate.kind === here.via && candidate.from === previous.id && candidate.to === here.id,
        )
      : undefined;
  const rationale = link?.rationale ? pickText(link.rationale, locale) : null;
  const elementCitation = citations.elements[here.id];
  const linkCitation = link ? citations.links[link.key] : undefined;
  return (
    <section className="toc-story" aria-labelledby="toc-story-heading" data-testid="toc-story">
      <h3 id="toc-story-heading" aria-live="polite">
        {t("toc.editor.storyStep", { step: step + 1, count: pathway.length })}
      </h3>
      {previous && here.via && (
        <div className="toc-story-link">
          <p>
            <span className="code">{previous.code}</span> {t(`toc.editor.linkKind.${here.via}`)}{" "}
            <span className="code">{here.code}</span>
          </p>
          {here.via !== "part_of" && (
            <>
              <p>
                <strong>{t("label.colon", { label: t("toc.editor.col.assumption") })}</strong>{" "}
                {rationale ? (
                  <span lang={rationale.lang}>{rationale.text}</span>
                ) : (
                  t("toc.editor.noAssumption")
                )}
              </p>
              <p>
                {link?.evidenceStrength
                  ? t(`evidence.${link.evidenceStrength}`)
                  : t("toc.editor.evidenceUnknown")}
              </p>
              <EvidenceLinks links={link?.evidenceLinks} />
              {linkCitation && <Citation citation={linkCitation} full />}
            </>
          )}
        </div>
      )}
      <div className="toc-story-element">
        <p className="eyebrow">{element ? t(`kind.${element.kind}`) : ""}</p>
        <p>
          <span className="code">{here.code}</span> <span lang={title.lang}>{title.text}</span>
        </p>
        {elementCitation ? (
          <Citation citation={elementCitation} full />
        ) : (
          <p className="meta">{t("element.noCitation")}</p>
        )}
      </div>
      <p className="toc-actions">
        <Button type="button" variant="secondary" disabled={step === 0} onClick={() => onStep(step - 1)}>
          {t("toc.editor.storyPrevious")}
        </Button>
        <Button
          type="button"
          variant="secondary"
          disabled={step === pathway.length - 1}
          onClick={() => onStep(step + 1)}
        >
          {t("toc.editor.storyNext")}
        </Button>
        <Button type="button" variant="quiet" onClick={onClose}>
          {t("toc.editor.storyClose")}
        </Button>
      </p>
    </section>
  );
}
