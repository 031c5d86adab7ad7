import { Link } from "react-router";
import { can } from "../auth/policy";
import { Card } from "../components/ui/card";
import { Badge, StatusBadge } from "../components/ui/status-badge";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { notFound } from "../http-errors";
import { formatNumber, formatPercent, pickText, useI18n } from "../i18n/i18n";
import { Citation } from "../plan-graph/components/citation";
import { PlanTrail } from "../plan-graph/components/plan-trail";
import { requirePlan } from "../plan-graph/plan-route.server";
import { getElementDetail } from "../plan-graph/queries.server";
import { type LocalizedText, languages } from "../plan-graph/vocabulary";
import { recordNarrativesRead } from "../read-log.server";
import { EvidenceLinks } from "../toc/components/outline-view";
import type { Route } from "./+types/element";

export async function loader(args: Route.LoaderArgs) {
  const { viewer, plan, scope } = requirePlan(args);
  const db = await getDb();
  const detail = await getElementDetail({ db, plan, scope, code: args.params.code });
  if (!detail) notFound();
  const entries = detail.indicators.flatMap((indicator) => indicator.entries);
  await recordNarrativesRead({ db, viewer, request: args.request, entries });
  // Activities with indicators link to their logging form for those who may log progress.
  const canLogProgress =
    detail.element.kind === "activity" &&
    detail.indicators.length > 0 &&
    can(viewer, { action: "progress.log" });
  return { ...detail, canLogProgress };
}

type ElementBrief = Route.ComponentProps["loaderData"]["children"][number];

function ElementLink({ planSlug, element }: { planSlug: string; element: ElementBrief }) {
  const { locale } = useI18n();
  const title = pickText(element.title, locale);
  return (
    <Link to={`/plans/${planSlug}/elements/${element.code}`}>
      <span className="code">{element.code}</span> <span lang={title.lang}>{title.text}</span>
    </Link>
  );
}

/** The text in the reader's language, then the same text in the other languages it was written in. */
function Translations({ text }: { text: LocalizedText }) {
  const { t, locale } = useI18n();
  const others = languages.filter((language) => language !== locale && text[language]);
  if (others.length === 0) return null;
  return (
    <dl className="translations">
      {others.map((language) => (
        <div key={language}>
          <dt>{t(`language.${language}`)}</dt>
          <dd lang={language}>{text[language]}</dd>
        </div>
      ))}
    </dl>
  );
}

export default function ElementPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, element, ancestors, children, causal, indicators } = loaderData;
  const title = pickText(element.title, locale);
  const description = element.description ? pickText(element.description, locale) : null;
  const resources = element.resourcesRequired ? pickText(element.resourcesRequired, locale) : null;
  return (
    <>
      <title>{`${element.code} ${title.text} · Throughline`}</title>
      <PlanTrail>
        {ancestors.map((ancestor) => (
          <Link key={ancestor.code} to={`/plans/${plan.slug}/elements/${ancestor.code}`}>
            {ancestor.code}
          </Link>
        ))}
      </PlanTrail>
      <header className="page-header">
        <p className="eyebrow">
          {t(`kind.${element.kind}`)} <span className="code">{element.code}</span>
        </p>
        <h1 lang={title.lang}>{title.text}</h1>
        <div className="outline-badges">
          <StatusBadge status={element.status} />
          {element.reconstructed && <Badge tone="notice">{t("element.reconstructedBadge")}</Badge>}
          {element.level && (
            <Badge>{t("element.level", { level: t(`element.level.${element.level}`) })}</Badge>
          )}
        </div>
        {plan.synthetic && <SyntheticBadge explain />}
        {element.status === "future" && <p className="notice">{t("element.futureExplanation")}</p>}
        {element.reconstructed && <p className="notice">{t("element.reconstructedExplanation")}</p>}
        {loaderData.canLogProgress && (
          <p>
            <Link className="button button-primary" to={`/activities/${plan.slug}/${element.code}`}>
              {t("progress.activities.log")}
            </Link>
          </p>
        )}
        <Translations text={element.title} />
      </header>

      <div className="detail-grid">
        <div>
          {description && (
            <Card>
              <h2>{t("element.description")}</h2>
              <p lang={description.lang} className="prose">
                {description.text}
              </p>
            </Card>
          )}
          {resources && (
            <Card>
              <h2>{t("element.resourcesRequired")}</h2>
              <p lang={resources.lang}>{resources.text}</p>
            </Card>
          )}
          {indicators.length > 0 && (
            <Card>
              <h2>{t("indicator.heading")}</h2>
              {indicators.map((indicator) => {
                const name = pickText(indicator.name, locale);
                const unit = indicator.unit ? pickText(indicator.unit, locale).text : "";
                return (
                  <section key={indicator.code} className="indicator">
                    <h3>
                      <Link to={`/plans/${plan.slug}/indicators/${indicator.code}`}>
                        <span className="code">{indicator.code}</span>{" "}
                        <span lang={name.lang}>{name.text}</span>
                      </Link>
                    </h3>
                    <p className="meta">{t(`aggregation.${indicator.aggregation}`)}</p>
                    {indicator.entries.length === 0 ? (
                      <p>{t("indicator.noFigures")}</p>
                    ) : (
                      <ul className="link-list">
                        {indicator.entries.map((entry) => {
                          const narrative = entry.narrative ? pickText(entry.narrative, locale) : null;
                          return (
                            <li key={entry.id}>
                              <p>
                                <strong className="figure">
                                  {indicator.measure === "percentage"
                                    ? formatPercent(entry.value, locale)
                                    : `${formatNumber(entry.value, locale)}${unit ? ` ${unit}` : ""}`}
                                </strong>{" "}
                                <span className="meta">
                                  {entry.periodKey === "lop" ? t("indicator.lifeOfPlan") : entry.periodKey}
                                </span>
                              </p>
                              {narrative && <p lang={narrative.lang}>{narrative.text}</p>}
                              {entry.citation && <Citation citation={entry.citation} full />}
                            </li>
                          );
                        })}
                      </ul>
                    )}
                  </section>
                );
              })}
            </Card>
          )}
          <Card>
            <h2>{t("element.source")}</h2>
            {element.citation ? (
              <Citation citation={element.citation} full />
            ) : (
              <p>{t("element.noCitation")}</p>
            )}
          </Card>
        </div>
        <div>
          <Card>
            <h2>{t("element.outline")}</h2>
            <h3>{t("element.partOf")}</h3>
            {ancestors.length ? (
              <p>
                <ElementLink planSlug={plan.slug} element={ancestors[ancestors.length - 1] as ElementBrief} />
              </p>
            ) : (
              <p>{t("element.topLevel")}</p>
            )}
            {children.length > 0 && (
              <>
                <h3>{t("element.childrenHeading", { count: children.length })}</h3>
                <ul className="link-list">
                  {children.map((child) => (
                    <li key={child.code}>
                      <ElementLink planSlug={plan.slug} element={child} />{" "}
                      <StatusBadge status={child.status} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Card>
          <Card>
            <h2>{t("element.causalLinks")}</h2>
            {causal.length === 0 ? (
              <p>{t("element.noCausalLinks")}</p>
            ) : (
              <ul className="link-list">
                {causal.map((link) => {
                  const rationale = link.rationale ? pickText(link.rationale, locale) : null;
                  return (
                    link.other && (
                      <li key={`${link.kind}-${link.direction}-${link.other.code}`}>
                        <p>
                          {t(`link.${link.kind}.${link.direction}`)}{" "}
                          <ElementLink planSlug={plan.slug} element={link.other} />
                        </p>
                        {rationale && <p lang={rationale.lang}>{rationale.text}</p>}
                        {link.evidenceStrength && (
                          <p className="meta">{t(`evidence.${link.evidenceStrength}`)}</p>
                        )}
                        {link.evidenceLinks.length > 0 && (
                          <div className="evidence-links">
                            <p className="meta">{t("element.evidenceLinks")}</p>
                            <EvidenceLinks links={link.evidenceLinks} />
                          </div>
                        )}
                        {link.citation && <Citation citation={link.citation} />}
                      </li>
                    )
                  );
                })}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
