import {
  data,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  type ShouldRevalidateFunction,
  useLocation,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { can } from "./auth/policy";
import { isDemo, protect, takeSignInNotice } from "./auth/request.server";
import { DashboardsMenu } from "./components/dashboards-menu";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { Button } from "./components/ui/button";
import { getDb } from "./db.server";
import {
  I18nContext,
  type Locale,
  locales,
  negotiateLocale,
  pickText,
  translator,
  useI18n,
} from "./i18n/i18n";
import { listPlanLinks } from "./plan-graph/navigation.server";
import { getOrganisation } from "./plan-graph/queries.server";
import { cspNonceContext, viewerContext } from "./request-context";
import { recordRequest, reportRequestError, requestIdOf } from "./request-log.server";
import { retryAfterHeaders } from "./retry-after";
import stylesheet from "./styles.css?url";

const favicon = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f5f99"/><path d="M3 8h8m-3-3 3 3-3 3" stroke="#fff" stroke-width="2" fill="none"/></svg>',
)}`;

export const links: Route.LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: favicon, type: "image/svg+xml" },
];

export const middleware: Route.MiddlewareFunction[] = [recordRequest, protect];

/** "7 December 2026 at 22:14 UTC": written on the server, so the page reads the same before and after hydration. */
const noticeMoment = (iso: string, locale: Locale) =>
  `${new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso))} UTC`;

/**
 * What every page needs: language, organisation, viewer, and the request's id, which an error page shows so support
 * can find the request's log line. If this loader fails, its refusal still carries the id (after logging the error,
 * as React Router would have).
 */
export async function loader(args: Route.LoaderArgs) {
  try {
    return await loadShell(args);
  } catch (error) {
    if (error instanceof Response) throw error;
    reportRequestError(error, args);
    throw data({ requestId: requestIdOf(args.context) }, { status: 500 });
  }
}

async function loadShell({ request, context }: Route.LoaderArgs) {
  const locale = negotiateLocale(request);
  const viewer = context.get(viewerContext);
  const db = viewer ? await getDb() : null;
  const organisation = db ? await getOrganisation({ db }) : null;
  // The main navigation links to the dashboard of every plan the viewer may see.
  const planLinks = db && viewer ? await listPlanLinks({ db, viewer }) : [];
  const notice = takeSignInNotice({ request, context });
  return data(
    {
      locale,
      organisation,
      nonce: context.get(cspNonceContext),
      requestId: requestIdOf(context),
      signInNotice: notice && { count: notice.failedSignIns, since: noticeMoment(notice.since, locale) },
      demo: isDemo(),
      viewer: viewer && {
        name: viewer.name,
        email: viewer.email,
        canReadSources: can(viewer, { action: "sources.read" }),
        isAdmin: can(viewer, { action: "users.manage" }),
        canLogProgress: can(viewer, { action: "progress.log" }),
        canVerify: can(viewer, { action: "progress.verify" }),
        canImport: can(viewer, { action: "progress.import" }),
        planLinks,
      },
    },
    { headers: { "Content-Language": locale } },
  );
}

/**
 * Root loads with every navigation, not only after a form is sent: its request id must be that of the request whose
 * loader failed, for the error page to show (app/components/error-boundary.tsx). It costs one small query.
 */
export const shouldRevalidate: ShouldRevalidateFunction = () => true;

export function Layout({ children }: { children: React.ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = rootData?.locale ?? "en";
  const i18n = { locale, t: translator(locale) };
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links nonce={rootData?.nonce} />
      </head>
      <body>
        <I18nContext.Provider value={i18n}>
          <a className="skip-link" href="#main">
            {i18n.t("shell.skipToContent")}
          </a>
          <Header
            organisationName={
              rootData?.organisation?.name ? pickText(rootData.organisation.name, locale) : null
            }
            viewer={rootData?.viewer ?? null}
            demo={rootData?.demo ?? false}
          />
          <main id="main" className="page">
            {rootData?.signInNotice && (
              <p className="notice sign-in-notice" role="status">
                {i18n.t(
                  rootData.signInNotice.count === 1 ? "signIn.failedNotice.one" : "signIn.failedNotice.other",
                  rootData.signInNotice,
                )}
              </p>
            )}
            {children}
          </main>
          <footer className="site-footer">
            <p>{i18n.t("shell.footer")}</p>
          </footer>
        </I18nContext.Provider>
        <ScrollRestoration nonce={rootData?.nonce} />
        <Scripts nonce={rootData?.nonce} />
      </body>
    </html>
  );
}

type ViewerSummary = NonNullable<Route.ComponentProps["loaderData"]["viewer"]>;

function Header({
  organisationName,
  viewer,
  demo,
}: {
  organisationName: { text: string; lang: string } | null;
  viewer: ViewerSummary | null;
  demo: boolean;
}) {
  const { t, locale } = useI18n();
  const location = useLocation();
  return (
    <header className="site-header">
      {/* Demo mode (docs/decisions/010-demo-mode.md): every page says so, before anything else. */}
      {demo && <p className="demo-banner">{t("shell.demoBanner")}</p>}
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            ⟿
          </span>
          <span className="brand-name">Throughline</span>
          {organisationName && (
            <span className="brand-org" lang={organisationName.lang}>
              {organisationName.text}
            </span>
          )}
        </Link>
        {viewer && (
          <nav aria-label={t("shell.navigation")}>
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  {t("nav.plans")}
                </NavLink>
              </li>
              {viewer.canReadSources && (
                <li>
                  <NavLink to="/sources">{t("nav.sources")}</NavLink>
                </li>
              )}
              {viewer.planLinks.length > 0 && (
                <li>
                  <DashboardsMenu plans={viewer.planLinks} />
                </li>
              )}
              {viewer.canLogProgress && (
                <>
                  <li>
                    <NavLink to="/activities">{t("progress.nav.activities")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/entries">{t("progress.entries.title")}</NavLink>
                  </li>
                </>
              )}
              {viewer.canVerify && (
                <li>
                  <NavLink to="/verification">{t("progress.nav.verification")}</NavLink>
                </li>
              )}
              {viewer.canImport && (
                <li>
                  <NavLink to="/imports">{t("imports.nav")}</NavLink>
                </li>
              )}
              {viewer.isAdmin && (
                <>
                  <li>
                    <NavLink to="/admin/users">{t("nav.users")}</NavLink>
                  </li>
                  <li>
                    <NavLink to="/admin/audit">{t("nav.audit")}</NavLink>
                  </li>
                </>
              )}
            </ul>
          </nav>
        )}
        {viewer && (
          <NavLink to="/account" className="account-link">
            {t("nav.account")}
          </NavLink>
        )}
        {viewer && (
          <form method="post" action="/logout" className="sign-out">
            <span className="visually-hidden">{viewer.name}</span>
            <Button type="submit" variant="secondary">
              {t("nav.signOut")}
            </Button>
          </form>
        )}
        <form method="post" action="/language" className="language-switcher">
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <span className="visually-hidden">{t("shell.language")}</span>
          {locales.map((code) => (
            <Button
              key={code}
              type="submit"
              name="lang"
              value={code}
              variant="quiet"
              aria-pressed={code === locale}
              lang={code}
            >
              {t(`language.${code}`)}
            </Button>
          ))}
        </form>
      </div>
    </header>
  );
}

export default function App() {
  return <Outlet />;
}

/** A refusal's Retry-After (a 429 thrown by a loader, e.g. the dashboards' budget) reaches the browser. */
export const headers = retryAfterHeaders;

/** Any error not caught by a route's own boundary: a translated page with the request's id, never a stack. */
export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
