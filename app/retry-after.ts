import type { HeadersFunction } from "react-router";

/**
 * A route's `headers`: a refusal's Retry-After (a 429 thrown by its loader, e.g. the dashboards' budget for past
 * days) reaches the browser, on a page load (through the root, whose error boundary shows it) and on a data request.
 */
export const retryAfterHeaders: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
