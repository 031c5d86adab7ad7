import type { HeadersFunction } from "react-router";

/**
 * A route's `headers`: a refusal's Retry-After reaches the browser, whether its loader threw a 429 (the dashboards'
 * budget for past days: on a page load through the root, whose error boundary shows it, and on a data request) or
 * its action answered one (the sign-in throttle).
 */
export const retryAfterHeaders: HeadersFunction = ({ errorHeaders, actionHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After") ?? actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
