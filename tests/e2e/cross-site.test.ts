import http from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { demoPassword } from "../../app/auth/demo.server";
import { appForThisFile } from "./app";
import { demoEmails, get, post, signInOverHttp } from "./http";

const { baseUrl } = await appForThisFile();
const evil = "https://evil.example";
let cookie = "";

/** How many live sessions the staff account has, as its sessions page lists them. */
async function liveSessions() {
  const page = await (await get(baseUrl, "/account/sessions", cookie)).text();
  return (page.match(/name="sessionId"/g) ?? []).length;
}

beforeAll(async () => {
  cookie = await signInOverHttp(baseUrl, demoEmails.staff);
  // A second session, so that "end all other sessions" would visibly change something.
  await signInOverHttp(baseUrl, demoEmails.staff);
});

describe("forged cross-site requests", () => {
  it("are refused on a document route, a data request and a resource route, and change nothing", async () => {
    const before = await liveSessions();
    expect(before).toBeGreaterThanOrEqual(2);

    const document = await post(baseUrl, "/account/sessions", "intent=end-others", {
      Cookie: cookie,
      Origin: evil,
    });
    expect(document.status).toBe(403);
    expect(await document.text()).toContain("Cross-site request refused");

    // (Node's fetch does not send Sec-Fetch-Site; app/auth/cross-site.test.ts covers that header.)
    const dataRequest = await post(baseUrl, "/account/sessions.data", "intent=end-others", {
      Cookie: cookie,
      Origin: evil,
    });
    expect(dataRequest.status).toBe(403);

    const resource = await post(baseUrl, "/logout", "", { Cookie: cookie, Origin: evil });
    expect(resource.status).toBe(403);

    const noOrigin = await fetch(`${baseUrl}/logout`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: cookie },
    });
    expect(noOrigin.status).toBe(403);

    expect(await liveSessions()).toBe(before);
    expect((await get(baseUrl, "/", cookie)).status).toBe(200);
  });
});

describe("bad input over HTTP", () => {
  it("answers an oversized form with 413 and a malformed one with 400, changing nothing", async () => {
    const before = await liveSessions();
    const huge = await post(baseUrl, "/account/sessions", `intent=end-others&padding=${"x".repeat(70_000)}`, {
      Cookie: cookie,
    });
    expect(huge.status).toBe(413);
    // The same body sent in chunks, without Content-Length, is measured as it arrives.
    const streamed = await new Promise<number>((resolve) => {
      const request = http.request(`${baseUrl}/account/sessions`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl, Cookie: cookie },
      });
      request.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", () => {}); // the server may answer and close while the rest is still being sent
      request.write(`intent=end-others&padding=${"x".repeat(70_000)}`);
      request.end();
    });
    expect(streamed).toBe(413);
    const badId = await post(baseUrl, "/account/sessions", "intent=end&sessionId=not-a-session", {
      Cookie: cookie,
    });
    expect(badId.status).toBe(400);
    const notAForm = await post(baseUrl, "/account/sessions", "--x\r\n", {
      Cookie: cookie,
      "Content-Type": "multipart/form-data",
    });
    expect(notAForm.status).toBe(400);
    expect(await liveSessions()).toBe(before);
  });

  it("answers a wrong password and an unknown email alike, then 429 with Retry-After after repeated failures", async () => {
    const wrong = await post(baseUrl, "/login", "email=board%40example.org&password=not-the-password");
    const unknown = await post(baseUrl, "/login", "email=nobody%40example.org&password=not-the-password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const message = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];
    expect(message(await wrong.text())).toBe(message(await unknown.text()));

    const target = "email=throttled%40example.org&password=wrong-password";
    for (let i = 0; i < 5; i++) expect((await post(baseUrl, "/login", target)).status).toBe(401);
    const blocked = await post(baseUrl, "/login", target);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("treats a tampered session cookie as no session, and clears it", async () => {
    const tampered = `${cookie}x`;
    const response = await get(baseUrl, "/account", tampered);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login/);
    expect(response.headers.getSetCookie().join()).toMatch(/throughline_session=;.*Max-Age=0/);
  });
});

describe("the language switcher", () => {
  it("only ever sends the browser back to a page of this site", async () => {
    for (const target of [
      "https://evil.example/",
      "//evil.example/",
      "/\\evil.example/",
      // Browsers drop tabs and newlines in URLs: "/\t/evil.example" is "//evil.example".
      "/\t/evil.example/",
      "/%09/evil.example/",
      "/.//evil.example/",
      "javascript:alert(1)",
    ]) {
      const response = await post(
        baseUrl,
        "/language",
        new URLSearchParams({ lang: "fr", redirectTo: target }).toString(),
      );
      expect(response.status, target).toBe(302);
      expect(response.headers.get("Location"), target).toBe("/");
    }
    const local = await post(baseUrl, "/language", "lang=fr&redirectTo=%2Fplans%2F2010-2012");
    expect(local.headers.get("Location")).toBe("/plans/2010-2012");
  });

  it("and so does the sign-in page, whatever its redirectTo", async () => {
    const page = await (
      await get(baseUrl, `/login?redirectTo=${encodeURIComponent("/\t/evil.example")}`)
    ).text();
    expect(page).toContain('name="redirectTo" value="/"');
  });
});

describe("failed sign-in attempts", () => {
  it("are told to the account's user on the first page after signing in, once", async () => {
    const email = demoEmails.funder;
    for (const password of ["not-the-password", "nor-this-one"]) {
      const wrong = await post(baseUrl, "/login", new URLSearchParams({ email, password }).toString());
      expect(wrong.status).toBe(401);
    }
    const signedIn = await post(
      baseUrl,
      "/login",
      new URLSearchParams({ email, password: demoPassword }).toString(),
    );
    expect(signedIn.status).toBe(302);
    // The session cookie and the notice's: what the browser would send to the page it is sent to.
    const cookies = signedIn.headers
      .getSetCookie()
      .map((header) => header.split(";")[0])
      .join("; ");
    const landing = await get(baseUrl, signedIn.headers.get("Location") ?? "/", cookies);
    expect(landing.status).toBe(200);
    const notice = /(\d+) failed attempts to sign in to your account since ([^<]*UTC)/.exec(
      await landing.text(),
    );
    expect(Number(notice?.[1])).toBeGreaterThanOrEqual(2);
    expect(landing.headers.getSetCookie().join()).toMatch(/sign_in_notice=;.*Max-Age=0/);
    // Shown once: the next page (without the cleared cookie) and the next sign-in say nothing more.
    const session = cookies.split("; ").filter((cookie) => cookie.startsWith("throughline_session="));
    expect(await (await get(baseUrl, "/", session.join("; "))).text()).not.toContain("failed attempts");
    const again = await post(
      baseUrl,
      "/login",
      new URLSearchParams({ email, password: demoPassword }).toString(),
    );
    expect(again.headers.getSetCookie().join()).not.toContain("sign_in_notice");
  });
});
