import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { demoPassword } from "../../app/auth/demo.server";
import { noUnusedCode, rememberedSession, rememberSession } from "./http";

export { demoPassword };

const sessionCookie = "throughline_session";

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

/**
 * Signs in through the sign-in form as a person does, finishing the second factor with the code that demo mode
 * shows for the demo administrator and M&E officer. Waits until the browser has left the sign-in pages. For those
 * two, the file's session is reused when there is one (tests/e2e/http.ts), unless `fresh`: the browser then holds
 * the same session as another tab of that person would. Never waits for the next TOTP step.
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  { fresh = false }: { fresh?: boolean } = {},
) {
  const reused = fresh ? undefined : await rememberedSession(baseUrl, email);
  if (reused) {
    const [name = "", value = ""] = reused.split(/=(.*)/s);
    await page.context().addCookies([{ name, value, url: baseUrl }]);
    await page.goto(`${baseUrl}/`);
    await page.locator(".site-header nav").waitFor();
    return;
  }
  await page.goto(`${baseUrl}/login`);
  await page.locator("main input[name=email]").fill(email);
  await page.locator("main input[name=password]").fill(demoPassword);
  await page.locator("main button[type=submit]").click();
  await page.waitForURL((url) => url.pathname !== "/login");
  if (new URL(page.url()).pathname === "/login/second-factor") {
    // The address changes before the page renders (client-side navigation): wait for its form.
    await page.locator("main input[name=code]").waitFor();
    const notice = page.locator(".demo-notice");
    const code = (await notice.count()) ? /(\d{6})/.exec(await notice.innerText())?.[1] : undefined;
    if (!code) throw noUnusedCode(email);
    await page.locator("main input[name=code]").fill(code);
    await page.locator("main button[type=submit]").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    const session = (await page.context().cookies(baseUrl)).find((cookie) => cookie.name === sessionCookie);
    if (session && !fresh) rememberSession(baseUrl, email, `${session.name}=${session.value}`);
  }
  // Client-side navigation changes the address before the page renders: wait for the signed-in navigation.
  await page.locator(".site-header nav").waitFor();
}
