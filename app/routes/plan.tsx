import { Link } from "react-router";
import { Card } from "../components/ui/card";
import { Badge, StatusBadge } from "../components/ui/status-badge";
import { getDb } from "../db.server";
import { SyntheticBadge } from "../demo-data/components/synthetic-badge";
import { notFound } from "../http-errors";
import { pickText, useI18n } from "../i18n/i18n";
import { Citation } from "../plan-graph/components/citation";
import { PlanCounts, PlanPeriod } from "../plan-graph/components/plan-facts";
import { requirePlan } from "../plan-graph/plan-route.server";
import { getPlanOutline, type OutlineNode } from "../plan-graph/queries.server";
import type { Route } from "./+types/plan";

export async function loader(args: Route.LoaderArgs) {
  const { viewer, plan } = requirePlan(args);
  // The outline reads the plan with its neighbours in the lineage (the plans before and after it that the viewer sees).
  const outline = await getPlanOutline({ db: await getDb(), slug: plan.slug, viewer });
  if (!outline) notFound();
  return outline;
}

export default function PlanPage({ loaderData }: Route.ComponentProps) {
  const { t, locale } = useI18n();
  const { plan, roots } = loaderData;
  const title = pickText(plan.title, locale);
  const summary = plan.summary ? pickText(plan.summary, locale) : null;
  return (
    <>
      <title>{`${title.text} · Throughline`}</title>
      <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
        <Link to="/">{t("nav.plans")}</Link>
      </nav>
      <header className="page-header">
        <h1 lang={title.lang}>{title.text}</h1>
        <PlanPeriod plan={plan} />
        {plan.synthetic && <SyntheticBadge explain />}
        {plan.reconstructed && (
          <p className="notice">
            <Badge tone="notice">{t("plan.reconstructedBadge")}</Badge> {t("plan.reconstructedExplanation")}
          </p>
        )}
        {summary && (
          <p className="lead" lang={summary.lang}>
            {summary.text}
          </p>
        )}
        {plan.citation && <Citation citation={plan.citation} />}
        <ul className="lineage">
          {plan.previousSlug && (
            <li>
              {t("plan.previous")} <Link to={`/plans/${plan.previousSlug}`}>{plan.previousSlug}</Link>
            </li>
          )}
          {plan.nextSlug && (
            <li>
              {t("plan.next")} <Link to={`/plans/${plan.nextSlug}`}>{plan.nextSlug}</Link>
            </li>
          )}
          <li>
            <Link to={`/plans/${plan.slug}/indicators`}>{t("indicators.title")}</Link>
          </li>
          <li>
            <Link to={`/plans/${plan.slug}/dashboard`}>{t("dashboard.link")}</Link>
          </li>
          <li>
            <Link to={`/plans/${plan.slug}/toc`}>{t("toc.list.title")}</Link>
          </li>
        </ul>
        <PlanCounts counts={plan.counts} />
      </header>

      <h2 className="visually-hidden">{t("plan.outline")}</h2>
      {roots.length === 0 ? (
        <p>{t("plan.emptyOutline")}</p>
      ) : (
        roots.map((root) => (
          <Card key={root.code} className="outline-root">
            <OutlineItem node={root} planSlug={plan.slug} depth={0} />
          </Card>
        ))
      )}
    </>
  );
}

/** One element of the outline and, below it, its parts. Depth 0 and 1 are headings; deeper levels are lists. */
function OutlineItem({ node, planSlug, depth }: { node: OutlineNode; planSlug: string; depth: number }) {
  const { t, locale } = useI18n();
  const title = pickText(node.title, locale);
  const Heading = depth === 0 ? "h2" : depth === 1 ? "h3" : "h4";
  const children = node.children;
  return (
    <div className={`outline-item outline-depth-${Math.min(depth, 2)} outline-status-${node.status}`}>
      <div className="outline-head">
        <Heading>
          <Link to={`/plans/${planSlug}/elements/${node.code}`}>
            <span className="code">{node.code}</span>
            <span className="visually-hidden"> ({t(`kind.${node.kind}`)})</span>{" "}
            <span lang={title.lang}>{title.text}</span>
          </Link>
        </Heading>
        <div className="outline-badges">
          <StatusBadge status={node.status} />
          {node.reconstructed && <Badge tone="notice">{t("element.reconstructedBadge")}</Badge>}
        </div>
      </div>
      {node.citation && <Citation citation={node.citation} />}
      {children.length > 0 &&
        (depth >= 1 ? (
          <ul className="outline-children" aria-label={t("element.parts", { code: node.code })}>
            {children.map((child) => (
              <li key={child.code}>
                <OutlineItem node={child} planSlug={planSlug} depth={depth + 1} />
              </li>
            ))}
          </ul>
        ) : (
          <div className="outline-children">
            {children.map((child) => (
              <OutlineItem key={child.code} node={child} planSlug={planSlug} depth={depth + 1} />
            ))}
          </div>
        ))}
    </div>
  );
}
