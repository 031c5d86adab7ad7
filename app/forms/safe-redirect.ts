/** Any origin will do: targets are resolved against it only to see whether they stay on it. */
const appOrigin = "http://app.invalid";

/** The normalised path (+ search + hash) of `candidate` when it is a path on this site, else undefined. */
function pathOnThisSite(candidate: string): string | undefined {
  // A single "/" first: "//host" and "/\\host" name another host; anything else ("https:", "javascript:") is no path.
  if (!/^\/(?![/\\])/.test(candidate)) return undefined;
  let url: URL;
  try {
    url = new URL(candidate, appOrigin);
  } catch {
    return undefined;
  }
  // The URL parser drops tabs and newlines as browsers do: "/\t/evil.example" is "//evil.example", another origin.
  if (url.origin !== appOrigin) return undefined;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can leave "//evil" ("/.//evil"), which a browser would read as another host.
  return /^\/(?![/\\])/.test(path) ? path : undefined;
}

/**
 * Only a path on this site: never an open redirect. The target is parsed as a URL against this site's origin and
 * kept only when it stays on it, as typed and once more percent-decoded (a target that passes through a second
 * query string must stay a path too, so "/%09/evil.example" is refused); the normalised path, search and hash are
 * returned. Anything else gives `fallback`.
 */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string") return fallback;
  const path = pathOnThisSite(target);
  if (path === undefined) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    return fallback;
  }
  return pathOnThisSite(decoded) === undefined ? fallback : path;
}
