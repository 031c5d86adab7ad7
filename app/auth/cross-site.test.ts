import { describe, expect, it } from "vitest";
import { crossSiteRefusal } from "./cross-site";

const post = (headers: Record<string, string>, method = "POST") =>
  new Request("http://app.example/admin/users", { method, headers });

describe("crossSiteRefusal", () => {
  it("lets reads through whatever their origin", () => {
    expect(crossSiteRefusal(post({ "Sec-Fetch-Site": "cross-site" }, "GET"))).toBeUndefined();
    expect(crossSiteRefusal(post({ Origin: "https://evil.example" }, "HEAD"))).toBeUndefined();
  });

  it("accepts a write from this site, by Sec-Fetch-Site or by Origin", () => {
    expect(crossSiteRefusal(post({ "Sec-Fetch-Site": "same-origin" }))).toBeUndefined();
    expect(crossSiteRefusal(post({ Origin: "http://app.example" }))).toBeUndefined();
    expect(crossSiteRefusal(post({ "Sec-Fetch-Site": "none" }))).toBeUndefined();
  });

  it("refuses a write from another site, a sibling site, or one that does not say", () => {
    expect(crossSiteRefusal(post({ "Sec-Fetch-Site": "cross-site", Origin: "http://app.example" }))).toMatch(
      /cross-site/,
    );
    expect(crossSiteRefusal(post({ "Sec-Fetch-Site": "same-site" }))).toMatch(/same-site/);
    expect(crossSiteRefusal(post({ Origin: "https://evil.example" }))).toMatch(
      /evil\.example is not this site/,
    );
    expect(crossSiteRefusal(post({ Origin: "http://app.example:8080" }))).toMatch(/not this site/);
    expect(crossSiteRefusal(post({}))).toMatch(/does not say where it comes from/);
    expect(crossSiteRefusal(post({}, "DELETE"))).toMatch(/does not say/);
  });
});
