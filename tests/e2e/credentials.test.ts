import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCode, totpStep } from "../../app/auth/totp";
import { appForThisFile } from "./app";
import { launchChromium, openPage } from "./browser";
import { demoEmails, get, post, signInOverHttp } from "./http";

const { baseUrl } = await appForThisFile();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const temporary = "temporary passphrase 17";
const chosen = "a passphrase only I know";

describe("an admin's password reset and a required second factor", () => {
  it("force a new password, then enrolment with a QR code and recovery codes, before anything else (no JavaScript)", async () => {
    // The admin creates an M&E officer (a role that needs a second factor) and resets their password.
    const admin = await signInOverHttp(baseUrl, demoEmails.admin);
    const email = `officer-${Date.now()}@example.org`;
    const created = await post(
      baseUrl,
      "/admin/users",
      new URLSearchParams({
        name: "Olu Officer",
        email,
        password: "first passphrase 42",
        roles: "me_officer",
      }).toString(),
      { Cookie: admin },
    );
    expect(created.status).toBe(302);
    const userPage = created.headers.get("Location") ?? "";
    const reset = await post(baseUrl, userPage, `intent=password&password=${encodeURIComponent(temporary)}`, {
      Cookie: admin,
    });
    expect(reset.status).toBe(302);

    const { page, errors, close } = await openPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(`${baseUrl}/login`);
      await page.locator("main input[name=email]").fill(email);
      await page.locator("main input[name=password]").fill(temporary);
      await page.locator("main button[type=submit]").click();
      await page.waitForURL((url) => url.pathname === "/account");
      expect(await page.locator("main .notice").innerText()).toContain("reset your password");

      // Every other page sends them back here; the server enforces it, not a link.
      await page.goto(`${baseUrl}/plans/2010-2012`);
      expect(new URL(page.url()).pathname).toBe("/account");
      const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
      const blocked = await get(baseUrl, "/verification", cookie);
      expect(blocked.status).toBe(302);
      expect(blocked.headers.get("Location")).toBe("/account?required=password");
      // The data request a client-side navigation makes is redirected as well, with none of the page's data.
      const data = await get(baseUrl, "/verification.data", cookie);
      const body = await data.text();
      expect(body).toContain("/account?required=password");
      expect(body).not.toContain("verification");
      // The session cookie set at sign-in lives as long as the browser: no expiry date.
      expect((await page.context().cookies()).find((c) => c.name === "throughline_session")?.expires).toBe(
        -1,
      );

      // The account page itself accepts only the pending step's form.
      const otherForm = await post(baseUrl, "/account", "intent=enrol&sealed=x&code=123456", {
        Cookie: cookie,
      });
      expect(otherForm.status).toBe(403);

      await page.getByLabel("Current password").fill(temporary);
      await page.getByLabel("New password", { exact: true }).fill(chosen);
      await page.getByLabel("New password again").fill(chosen);
      await page.getByRole("button", { name: "Change the password" }).click();

      // Next: the second factor their role needs, with a QR code beside the key.
      await page.locator("img.qr-code").waitFor();
      expect(await page.locator("main .notice").first().innerText()).toContain("needs a second factor");
      const qr = page.locator("img.qr-code");
      expect(await qr.getAttribute("src")).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(await qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
      await page.goto(`${baseUrl}/verification`);
      expect(new URL(page.url()).pathname).toBe("/account");

      const secret = await page.locator("code.secret").innerText();
      await page.getByLabel("Code from your app").fill(totpCode(secret, totpStep(new Date())));
      await page.getByRole("button", { name: "Turn on the second factor" }).click();
      await page.locator(".recovery-codes").waitFor();
      const codes = await page.locator(".recovery-codes code").allInnerTexts();
      expect(codes).toHaveLength(10);
      for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);

      // Now the role is in force and the pages open.
      await page.goto(`${baseUrl}/verification`);
      expect(new URL(page.url()).pathname).toBe("/verification");
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);
});
