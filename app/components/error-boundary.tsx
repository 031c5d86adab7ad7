import type { ReactNode } from "react";
import {
  type ErrorResponse,
  isRouteErrorResponse,
  Link,
  useLocation,
  useParams,
  useRouteError,
  useRouteLoaderData,
} from "react-router";
import { useI18n } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";

type Params = Record<string, string | undefined>;

/** What a page shows for one HTTP status: a title and a body, in the reader's language. */
export type StatusHandler = (info: { error: ErrorResponse; params: Params }) => ReactNode;

/** The data a refusal carries, when it carries any (`data({retryAfterSeconds}, {status: 429})`, root's own failure). */
const field = (error: ErrorResponse, name: string): unknown =>
  error.data && typeof error.data === "object" ? (error.data as Record<string, unknown>)[name] : undefined;

/**
 * The id of the request that failed, for the person to quote to support: the server's log line for the request
 * carries the same id (`reqId`), as does the `X-Request-Id` response header. The root loader returns it with every
 * request that loads data (root revalidates on each navigation, see app/root.tsx), so the id is that of the request
 * whose loader failed, on a page load and after a client-side navigation alike. When the root loader itself failed,
 * its refusal carries the id instead.
 */
export function useRequestId(): string | null {
  const error = useRouteError();
  const root = useRouteLoaderData("root") as { requestId?: unknown } | undefined;
  const carried = isRouteErrorResponse(error) ? field(error, "requestId") : undefined;
  const id = typeof carried === "string" ? carried : root?.requestId;
  return typeof id === "string" && id ? id : null;
}

function Message({
  title,
  body,
  values,
}: {
  title: MessageKey;
  body: MessageKey;
  values?: Record<string, number>;
}) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t(title)}</h1>
      <p>{t(body, values)}</p>
    </>
  );
}

/** The seconds a 429 asks the person to wait (its data's `retryAfterSeconds`, as the Retry-After header says). */
export const retryAfterSecondsOf = (error: ErrorResponse) => Number(field(error, "retryAfterSeconds")) || 60;

/** The statuses every page knows: what was not found (or may not be seen), what may not be done, too many requests. */
export const defaultStatusHandlers: Record<number, StatusHandler> = {
  404: () => <Message title="error.notFound.title" body="error.notFound.body" />,
  403: () => <Message title="error.forbidden.title" body="error.forbidden.body" />,
  429: ({ error }) => (
    <Message
      title="error.tooMany.title"
      body="error.tooMany.body"
      values={{ seconds: retryAfterSecondsOf(error) }}
    />
  ),
};

/** Any other refusal (400, 405, 409…): the request could not be answered as asked. */
const refusedHandler: StatusHandler = ({ error }) =>
  error.status >= 500 ? unexpected() : <Message title="error.refused.title" body="error.refused.body" />;

/** A bug or an outage: a calm message, never the error's text or stack (the server's log has them, by request id). */
const unexpected = () => <Message title="error.unexpected.title" body="error.unexpected.body" />;

/**
 * The one error boundary (after the Epic Stack's `GeneralErrorBoundary`): root's, and that of any route that wants
 * its own (so the rest of the page stays, or to say more for a status). A refusal thrown by a loader or action
 * (`notFound()`, `forbidden()` from app/http-errors.ts, a 429) is shown by its status handler; anything else as
 * "something went wrong". Every page says which request failed ("Reference: …"), never a stack.
 */
export function GeneralErrorBoundary({
  statusHandlers,
  defaultStatusHandler = refusedHandler,
  unexpectedErrorHandler = unexpected,
  back,
}: {
  /** Per status, on top of (and instead of) the default ones. */
  statusHandlers?: Record<number, StatusHandler>;
  defaultStatusHandler?: StatusHandler;
  unexpectedErrorHandler?: (error: unknown) => ReactNode;
  /** Where the page offers to go instead (by the route's params and the status, if any): the plans by default. */
  back?: (info: { params: Params; status: number | null; pathname: string }) => {
    to: string;
    label: MessageKey;
  };
}) {
  const error = useRouteError();
  const params = useParams();
  const requestId = useRequestId();
  const { t } = useI18n();
  // "Reference: {id}", with the id where each language puts it, set apart so it can be copied exactly.
  const [beforeId, afterId = ""] = t("error.reference").split("{id}");
  const refusal = isRouteErrorResponse(error);
  // On the server, React Router has logged it already, sanitised (app/request-log.server.ts); in the browser a
  // rendering error has no other trace.
  if (!refusal && typeof document !== "undefined") console.error(error);
  const { pathname } = useLocation();
  const way = back?.({ params, status: refusal ? error.status : null, pathname }) ?? {
    to: "/",
    label: "error.backHome",
  };
  const handler = refusal
    ? ({ ...defaultStatusHandlers, ...statusHandlers }[error.status] ?? defaultStatusHandler)
    : null;
  return (
    <div className="error-page">
      {refusal && handler ? handler({ error, params }) : unexpectedErrorHandler(error)}
      {requestId && (
        <p className="error-reference">
          {beforeId}
          <code>{requestId}</code>
          {afterId}
        </p>
      )}
      <p>
        <Link to={way.to}>{t(way.label)}</Link>
      </p>
    </div>
  );
}

/**
 * The error page of a plan's pages that show a past day on request (the dashboards, the theory-of-change editor): a
 * past day asked for too often (429) offers the same page today, which is always available; anything else leads back
 * into the plan (its page, or `under` it) rather than to the list of plans.
 */
export function PlanPageErrorBoundary({
  under = "",
  label = "error.backToPlan",
}: {
  under?: string;
  label?: MessageKey;
}) {
  return (
    <GeneralErrorBoundary
      back={({ params, status, pathname }) =>
        status === 429
          ? { to: pathname, label: "error.backToToday" }
          : params.slug
            ? { to: `/plans/${encodeURIComponent(params.slug)}${under}`, label }
            : { to: "/", label: "error.backHome" }
      }
    />
  );
}
