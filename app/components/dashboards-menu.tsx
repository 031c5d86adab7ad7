import { useEffect, useRef } from "react";
import { NavLink, useLocation } from "react-router";
import { pickText, useI18n } from "../i18n/i18n";
import type { LocalizedText } from "../plan-graph/vocabulary";

/**
 * The main navigation's "Dashboards" menu: one link per plan the viewer may see (newest first), to that plan's
 * dashboard. A disclosure (`<details>`), so it opens without JavaScript; with it, it closes after a choice, on Escape
 * and when the focus or a click leaves it. However many plans there are, the header keeps one item.
 */
export function DashboardsMenu({ plans }: { plans: { slug: string; title: LocalizedText }[] }) {
  const { t, locale } = useI18n();
  const location = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  const current = /^\/plans\/[^/]+\/dashboard(\/|$)/.test(location.pathname);

  // A new page closes the menu (client-side navigation keeps the header mounted).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation on purpose
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [location.key]);

  useEffect(() => {
    const close = (event: Event) => {
      const details = menu.current;
      if (!details?.open) return;
      if (event instanceof KeyboardEvent) {
        if (event.key !== "Escape") return;
        details.open = false;
        details.querySelector("summary")?.focus();
        return;
      }
      if (event.target instanceof Node && !details.contains(event.target)) details.open = false;
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    document.addEventListener("focusin", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
      document.removeEventListener("focusin", close);
    };
  }, []);

  return (
    <details className="nav-menu" ref={menu}>
      <summary className={current ? "current" : undefined}>{t("nav.dashboards")}</summary>
      <ul aria-label={t("nav.dashboardsOf")}>
        {plans.map((plan) => {
          const title = pickText(plan.title, locale);
          return (
            <li key={plan.slug}>
              <NavLink to={`/plans/${plan.slug}/dashboard`} lang={title.lang}>
                {title.text}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </details>
  );
}
