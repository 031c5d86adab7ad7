import { Link } from "react-router";
import { pickText, useI18n } from "../../i18n/i18n";
import type { LocalizedText } from "../../plan-graph/vocabulary";

/** The breadcrumbs of a plan's indicator pages: plans › the plan › its indicators, then `children` (further links). */
export function IndicatorsTrail({
  plan,
  children,
}: {
  plan: { slug: string; title: LocalizedText };
  children?: React.ReactNode;
}) {
  const { t, locale } = useI18n();
  const planTitle = pickText(plan.title, locale);
  return (
    <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
      <Link to="/">{t("nav.plans")}</Link>
      <Link to={`/plans/${plan.slug}`} lang={planTitle.lang}>
        {planTitle.text}
      </Link>
      <Link to={`/plans/${plan.slug}/indicators`}>{t("indicators.title")}</Link>
      {children}
    </nav>
  );
}
