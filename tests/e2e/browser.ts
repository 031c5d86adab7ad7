import { type Browser, type BrowserContextOptions, type Cookie, chromium, type Page } from "playwright-core";

/** Debian's Chromium, headless, with its background traffic off (the machines have no internet). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page that records console errors and uncaught exceptions, so a test can assert there were none. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}) {
  const context = await browser.newContext(options);
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(String(error)));
  return { page, errors, close: () => context.close() };
}

export const demoPassword = "throughline-demo";

/**
 * Sessions of accounts with a second factor, per test file: a TOTP code is accepted once, so a second sign-in of the
 * same account within 30 seconds would wait for the next code. A test file reuses the first sign-in's session
 * instead (in a new browser context, as another tab of the same person would), unless it has been ended.
 */
const secondFactorSessions = new Map<string, Cookie[]>();

/**
 * Signs in through the sign-in form as a person does, finishing the second factor with the code that demo mode
 * shows for the demo administrator and M&E officer. Waits until the browser has left the sign-in pages.
 */
export async function signIn(page: Page, baseUrl: string, email: string) {
  const reused = secondFactorSessions.get(`${baseUrl} ${email}`);
  if (reused) {
    await page.context().addCookies(reused);
    await page.goto(`${baseUrl}/`);
    if (!new URL(page.url()).pathname.startsWith("/login")) {
      await page.locator(".site-header nav").waitFor();
      return;
    }
  }
  await page.goto(`${baseUrl}/login`);
  await page.locator("main input[name=email]").fill(email);
  await page.locator("main input[name=password]").fill(demoPassword);
  await page.locator("main button[type=submit]").click();
  await page.waitForURL((url) => url.pathname !== "/login");
  // A code is accepted once: if another sign-in just used the current one, wait for the next and try again.
  const secondFactor = new URL(page.url()).pathname === "/login/second-factor";
  // Demo mode shows a code not used yet (the current step's or the next one's); when both were used, none until the
  // next step begins.
  for (let attempt = 0; new URL(page.url()).pathname === "/login/second-factor" && attempt < 3; attempt++) {
    if (attempt > 0) await page.waitForTimeout(30_000 - (Date.now() % 30_000) + 200);
    await page.reload();
    const notice = page.locator(".demo-notice");
    const code = (await notice.count()) ? (/(\d{6})/.exec(await notice.innerText())?.[1] ?? "") : "";
    if (!code) continue;
    await page.locator("main input[name=code]").fill(code);
    await page.locator("main button[type=submit]").click();
    await Promise.race([
      page.waitForURL((url) => !url.pathname.startsWith("/login")),
      page.locator("main .field-error").waitFor(),
    ]);
  }
  // Client-side navigation changes the address before the page renders: wait for the signed-in navigation.
  await page.locator(".site-header nav").waitFor();
  if (secondFactor) secondFactorSessions.set(`${baseUrl} ${email}`, await page.context().cookies(baseUrl));
}
