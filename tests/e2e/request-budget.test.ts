import { beforeAll, describe, expect, it } from "vitest";
import { appForThisFile } from "./app";
import { demoEmails, get, signInOverHttp } from "./http";

/**
 * The dashboards' budget for past days over HTTP, in the built app: past the budget a page load gets the translated
 * "too many requests" page with status 429 and Retry-After, a data request the same status and header, and today's
 * dashboard is still served.
 */

const { baseUrl } = await appForThisFile();
const page = "/plans/synthetic-demo/dashboard";
let cookie = "";

/** A past day, `n` days before today. */
const pastDay = (n: number) => new Date(Date.now() - (n + 1) * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  cookie = await signInOverHttp(baseUrl, demoEmails.staff);
});

describe("the budget for past days", () => {
  it("answers 429 with Retry-After and a translated page past it, and keeps today's dashboard open", async () => {
    // Twice as many past days at once as the budget holds (30 a minute, refilled one every 2 s): even on a busy
    // machine, where the answers take a while and the bucket refills meanwhile, many are refused (cheaply).
    const answers = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const response = await get(baseUrl, `${page}?asOf=${pastDay(i)}`, cookie);
        await response.arrayBuffer();
        return response;
      }),
    );
    const refused = answers.filter((response) => response.status === 429);
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(answers.filter((response) => response.status === 200).length).toBeGreaterThanOrEqual(30);
    for (const response of refused)
      expect(Number(response.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);

    // The bucket refills (one day every 2 s): a burst of twenty more finds it empty again.
    const burst = (from: number, path: string, headers: Record<string, string> = {}) =>
      Promise.all(
        Array.from({ length: 20 }, async (_, i) => {
          const response = await fetch(`${baseUrl}${path}?asOf=${pastDay(from + i)}`, {
            redirect: "manual",
            headers: { Cookie: cookie, ...headers },
          });
          return { response, text: await response.text() };
        }),
      ).then((all) => all.filter(({ response }) => response.status === 429));
    const french = await burst(100, page, { "Accept-Language": "fr" });
    expect(french.length).toBeGreaterThan(0);
    for (const { response, text } of french) {
      expect(response.headers.get("Retry-After")).toMatch(/^\d+$/);
      expect(text).toContain("Trop de demandes");
      expect(text).not.toContain("Une erreur s’est produite");
    }
    const data = await burst(200, `${page}.data`);
    expect(data.length).toBeGreaterThan(0);
    for (const { response } of data) expect(response.headers.get("Retry-After")).toMatch(/^\d+$/);

    const today = await get(baseUrl, page, cookie);
    expect(today.status).toBe(200);
  });
});
