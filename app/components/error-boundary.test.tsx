import { renderToString } from "react-dom/server";
import { createRoutesStub, UNSAFE_ErrorResponseImpl as ErrorResponse, Outlet } from "react-router";
import { describe, expect, it } from "vitest";
import { I18nContext, type Locale, translator } from "../i18n/i18n";
import { GeneralErrorBoundary, PlanPageErrorBoundary } from "./error-boundary";

/**
 * The error page as the server renders it: a root route (whose loader data carries the request id, as app/root.tsx's
 * does) and a page below it whose loader failed with `error`.
 */
function render(
  error: unknown,
  {
    locale = "en",
    rootData = { requestId: "req-4f2a" },
    at = "root",
    path = "/plans/demo/dashboard",
    boundary = <GeneralErrorBoundary />,
  }: {
    locale?: Locale;
    rootData?: object | undefined;
    at?: "root" | "page";
    path?: string;
    boundary?: React.ReactNode;
  } = {},
) {
  const Stub = createRoutesStub([
    {
      id: "root",
      path: "/",
      Component: Outlet,
      ErrorBoundary: () => <GeneralErrorBoundary />,
      loader: () => rootData ?? null,
      children: [
        {
          id: "page",
          path: "plans/:slug/dashboard",
          Component: () => <p>the page</p>,
          ErrorBoundary: () => boundary,
          loader: () => null,
        },
      ],
    },
  ]);
  return renderToString(
    <I18nContext.Provider value={{ locale, t: translator(locale) }}>
      <Stub
        initialEntries={[path]}
        hydrationData={{ loaderData: rootData ? { root: rootData } : {}, errors: { [at]: error } }}
      />
    </I18nContext.Provider>,
  );
}

/** The page's text, without tags (React puts comment markers between adjacent pieces of text). */
const text = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, " ");

describe("the general error boundary", () => {
  it("shows a missing page as not found, with the request's id for support", () => {
    const page = text(render(new ErrorResponse(404, "Not Found", "Not Found"), { at: "page" }));
    expect(page).toContain("Page not found");
    expect(page).toContain("Reference: req-4f2a");
    expect(page).toContain("Back to the plans");
  });

  it("shows an unexpected error calmly: no message, no stack, but the reference", () => {
    const bug = new Error('relation "users" does not exist: SELECT password_hash FROM users');
    const html = render(bug, { at: "page" });
    const page = text(html);
    expect(page).toContain("Something went wrong");
    expect(page).toContain("Reference: req-4f2a");
    expect(html).not.toContain("password_hash");
    expect(html).not.toContain("error-boundary.test");
    expect(html).not.toMatch(/\bat .*:\d+:\d+/);
  });

  it("speaks French to a French reader", () => {
    const page = text(render(new ErrorResponse(404, "Not Found", "Not Found"), { locale: "fr", at: "page" }));
    expect(page).toContain("Page introuvable");
    expect(page).toContain("Référence : req-4f2a");
    expect(page).not.toContain("Page not found");
  });

  it("says what may not be done for a 403, and something generic for other refusals", () => {
    expect(text(render(new ErrorResponse(403, "Forbidden", "Forbidden")))).toContain("Not allowed");
    expect(text(render(new ErrorResponse(405, "Method Not Allowed", null)))).toContain(
      "This request could not be answered",
    );
    expect(text(render(new ErrorResponse(503, "Service Unavailable", null)))).toContain(
      "Something went wrong",
    );
  });

  it("keeps the reference when the root loader itself failed: its refusal carries the id", () => {
    const page = text(
      render(new ErrorResponse(500, "", { requestId: "req-root" }), { rootData: undefined, at: "root" }),
    );
    expect(page).toContain("Something went wrong");
    expect(page).toContain("Reference: req-root");
  });

  it("shows no reference when there is no request id (a page that failed in the browser alone)", () => {
    const page = text(render(new Error("boom"), { rootData: {}, at: "page" }));
    expect(page).toContain("Something went wrong");
    expect(page).not.toContain("Reference");
  });

  it("tells how long to wait after too many requests, and a plan page offers today's figures", () => {
    const tooMany = new ErrorResponse(429, "Too Many Requests", { tooMany: true, retryAfterSeconds: 17 });
    const html = render(tooMany, {
      at: "page",
      path: "/plans/demo/dashboard?asOf=2026-01-01",
      boundary: <PlanPageErrorBoundary />,
    });
    expect(text(html)).toContain("Please try again in 17 s");
    expect(html).toContain('href="/plans/demo/dashboard"');
    expect(text(html)).toContain("See today's figures");
    const missing = render(new ErrorResponse(404, "Not Found", "Not Found"), {
      at: "page",
      boundary: <PlanPageErrorBoundary />,
    });
    expect(missing).toContain('href="/plans/demo"');
  });
});
