import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

/** Where the app runs, and a page of it a redirect could be resolved against (browsers resolve Location so). */
const appOrigin = "https://throughline.example";
const bases = [appOrigin, `${appOrigin}/plans/2013-2015/elements/O1?view=table#x`];

/** `target` parsed against `base` as a browser parses a Location, or null where it cannot (`/\t/` is `//`: no host). */
const parse = (target: string, base: string) => {
  try {
    return new URL(target, base);
  } catch {
    return null;
  }
};

/** What a browser does with a redirect to `target`: parse it against the page it comes from. */
const staysHome = (target: string) =>
  bases.every((base) => parse(target, base)?.origin === appOrigin) &&
  // Once more percent-decoded (a target that travels inside another query string) it is still a path here.
  bases.every((base) => parse(decodeURIComponent(target), base)?.origin === appOrigin);

/** Ways past a naive "starts with /" check, collected from open-redirect write-ups. */
const knownBypasses = [
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r\n/evil.example",
  "/%09/evil.example",
  "/%0a/evil.example",
  "/%0d%0a/evil.example",
  "/%2f/evil.example",
  "/%2F%2Fevil.example",
  "/%5c/evil.example",
  "/%5C%5Cevil.example",
  "/.//evil.example",
  "/%2e//evil.example",
  "/a/..//evil.example",
  "/..\\\\/evil.example",
  " //evil.example",
  "\t//evil.example",
  "\u0000//evil.example",
  "https://evil.example",
  "http:evil.example",
  "http:/evil.example",
  "HTTPS://evil.example/",
  "//evil.example@throughline.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil.example",
  "",
];

describe("safeRedirect", () => {
  it.each(knownBypasses)("refuses %j, giving the fallback", (target) => {
    expect(safeRedirect(target)).toBe("/");
    expect(safeRedirect(target, "/verification")).toBe("/verification");
  });

  it("refuses what is not a string", () => {
    for (const target of [undefined, null, 42, ["/plans"], { href: "/plans" }]) {
      expect(safeRedirect(target)).toBe("/");
    }
  });

  it("keeps paths on this site, with their query and fragment, normalised", () => {
    expect(safeRedirect("/")).toBe("/");
    expect(safeRedirect("/plans/2013-2015?view=table#O1")).toBe("/plans/2013-2015?view=table#O1");
    expect(safeRedirect("/entries/42?saved=submit")).toBe("/entries/42?saved=submit");
    expect(safeRedirect("/dashboard?asOf=2026-01-31&region=africa")).toBe(
      "/dashboard?asOf=2026-01-31&region=africa",
    );
    expect(safeRedirect("/a/../plans")).toBe("/plans");
    expect(safeRedirect("/plans with space")).toBe("/plans%20with%20space");
  });

  it("gives, for any string at all, a path that every parse keeps on this site", () => {
    const targets = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({
        unit: fc.constantFrom(
          "/",
          "\\",
          ".",
          "%",
          "0",
          "9",
          "2",
          "f",
          "c",
          "e",
          "\t",
          "\n",
          " ",
          ":",
          "@",
          "?",
          "#",
          "a",
        ),
      }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc
        .tuple(fc.constantFrom("/", "//", "/\\", "/%09", "/%2e", "/."), fc.string({ unit: "grapheme" }))
        .map(([head, tail]) => head + tail),
      fc.constantFrom(...knownBypasses),
    );
    fc.assert(
      fc.property(targets, (target) => {
        const result = safeRedirect(target);
        expect(result.startsWith("/")).toBe(true);
        expect(result).not.toMatch(/^\/[/\\]/);
        expect(staysHome(result)).toBe(true);
        // The result is already normal: redirecting to it again changes nothing.
        expect(safeRedirect(result, "fallback")).toBe(result);
      }),
      { numRuns: 5000 },
    );
  });

  it("keeps every ordinary path of this site as the browser would read it", () => {
    fc.assert(
      fc.property(fc.webPath(), fc.webQueryParameters(), fc.webFragments(), (path, query, fragment) => {
        const target = `/${path.replace(/^\/+/, "")}${query ? `?${query}` : ""}${fragment ? `#${fragment}` : ""}`;
        fc.pre(!/%(?![0-9a-f]{2})/i.test(target));
        const result = safeRedirect(target);
        const leaves = (candidate: string) => {
          const parsed = parse(candidate, appOrigin);
          return !parsed || /^\/[/\\]/.test(parsed.pathname);
        };
        if (result === "/" && target !== "/") {
          // Refused only when it, or it decoded once more, would lead a browser elsewhere.
          expect(leaves(target) || !staysHome(target) || leaves(decodeURIComponent(target))).toBe(true);
        } else {
          expect(new URL(result, appOrigin).href).toBe(new URL(target, appOrigin).href);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
