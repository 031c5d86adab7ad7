import { Link, useRouteLoaderData } from "react-router";
import { pickText, useI18n } from "../../i18n/i18n";
import type { loader as planLayoutLoader } from "../../routes/plan.layout";

/**
 * The breadcrumbs of a page under /plans/:slug: plans › the plan (from the `plans/:slug` layout's loader, which
 * looked the plan up once), then `children` (the page's further links). Outside that layout, plans only.
 */
export function PlanTrail({ children }: { children?: React.ReactNode }) {
  const { t, locale } = useI18n();
  const plan = useRouteLoaderData<typeof planLayoutLoader>("routes/plan.layout")?.plan;
  const title = plan ? pickText(plan.title, locale) : null;
  return (
    <nav aria-label={t("shell.breadcrumbs")} className="breadcrumbs">
      <Link to="/">{t("nav.plans")}</Link>
      {plan && title && (
        <Link to={`/plans/${plan.slug}`} lang={title.lang}>
          {title.text}
        </Link>
      )}
      {children}
    </nav>
  );
}
