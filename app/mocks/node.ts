import { setupServer } from "msw/node";
import { koboMockInfo } from "../kobo/dev-mocks.server";
import { createKoboFake, type FakeSubmission, makeSubmissions } from "./kobo";

/**
 * `npm run dev:mocks` (Vite's `mocks` mode), as msw's own React Router / Remix example does it: the server entry
 * (app/entry.server.tsx) starts msw's `setupServer` once, in mocks mode only, and from then on the dev server's
 * outgoing requests to https://kf.mock.kobo (and https://down.mock.kobo, a server that always fails) are answered by
 * the same fake KoboToolbox as the tests use (app/mocks/kobo.ts), so a person can configure a connection and sync
 * without a real server. Vite replaces `import.meta.env.MODE` when it builds, so the production build contains
 * neither this file nor msw. Other requests go out unchanged (`onUnhandledRequest: "bypass"`).
 */

const started = globalThis as typeof globalThis & { throughlineMocks?: boolean };

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Sex Workers' Academy Africa cycle reports, 2013–2015: fits the NSWP 2013–2015 plan's I4 and I5. */
function academyCycles(): FakeSubmission[] {
  const cycles = [
    ["2013-06-14", "kenya", "14"],
    ["2013-11-22", "south_africa", "15"],
    ["2014-05-09", "uganda", "16"],
    ["2014-10-17", "nigeria", "15"],
    ["2015-04-24", "kenya", "17"],
    ["2015-09-18", "zimbabwe", "-3"], // a typing mistake: skipped as negative
  ];
  return cycles.flatMap(([endDate = "", country, leaders], i) =>
    makeSubmissions({
      count: 1,
      from: new Date(`${endDate}T15:00:00Z`),
      form: { formhubUuid: "2b7c1f0e9d8a4c6b8e3f5a1d7c9b0e42", version: "vAcademy2013" },
      submittedBy: "swaa_secretariat",
      fields: () => ({
        "group_cycle/end_date": endDate,
        "group_cycle/host_country": country,
        "group_cycle/cycles_held": "1",
        "group_participants/leaders_trained": leaders,
        "group_cycle/notes": `Academy cycle ${i + 1}, hosted in ${country?.replace("_", " ")}.`,
      }),
    }),
  );
}

/** Recent trainings by region and gender (the last 18 months): for plans with disaggregated indicators. */
function recentTrainings(): FakeSubmission[] {
  const regions = ["afr", "asia_pacific", "europe", "latin_america", "north_america_caribbean"];
  const start = new Date(Date.now() - 540 * 86_400_000);
  return makeSubmissions({
    count: 60,
    from: start,
    everyMinutes: 9 * 24 * 60,
    form: { formhubUuid: "5d2e8a1b7c3f4e9a0b6d1c8e2f4a7b3c", version: "vTrainings2" },
    fields: (i, submittedAt) => ({
      "group_event/event_date": day(new Date(submittedAt.getTime() - 2 * 86_400_000)),
      "group_event/region": i === 7 ? "atlantis" : regions[i % regions.length],
      "group_participants/women": String(4 + (i % 7)),
      "group_participants/men": String(i % 3),
      ...(i % 4 === 0 ? {} : { "group_participants/trans": String(1 + (i % 4)) }),
      "group_event/sessions": String(1 + (i % 3)),
      "group_eval/satisfied_pct": String(55 + ((i * 7) % 45)),
      "group_event/notes": `Community training ${i + 1}`,
    }),
  });
}

/** Starts the mocks, once per process (the dev server may evaluate the entry again after an edit). */
export function startMocks(): void {
  if (started.throughlineMocks) return;
  started.throughlineMocks = true;
  const [academy, trainings] = koboMockInfo.forms as [string, string];
  const fake = createKoboFake({
    baseUrl: koboMockInfo.server,
    token: koboMockInfo.token,
    forms: [
      { uid: academy, formhubUuid: "2b7c", version: "vAcademy2013", submissions: academyCycles() },
      { uid: trainings, formhubUuid: "5d2e", version: "vTrainings2", submissions: recentTrainings() },
    ],
  });
  const down = createKoboFake({ baseUrl: koboMockInfo.failingServer, token: koboMockInfo.token });
  down.failure = { status: 503 };
  setupServer(...fake.handlers, ...down.handlers).listen({ onUnhandledRequest: "bypass" });
  console.log(
    `KoboToolbox mocks: ${fake.baseUrl} (token ${fake.token}; forms ${[...fake.forms.keys()].join(", ")}).`,
  );
}
