const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request must say it comes from this site: `Sec-Fetch-Site: same-origin` (or `none`, typed by
 * the user), or an `Origin` equal to ours. Anything else, including neither header, is refused.
 */
export function crossSiteRefusal(request: {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
}): string | undefined {
  if (safeMethods.has(request.method)) return undefined;
  const site = request.headers.get("Sec-Fetch-Site");
  if (site && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site is ${site}`;
  const origin = request.headers.get("Origin");
  if (origin) return origin === new URL(request.url).origin ? undefined : `Origin ${origin} is not this site`;
  return site ? undefined : "the request does not say where it comes from (no Origin or Sec-Fetch-Site)";
}
