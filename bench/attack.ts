/**
 * `npm run bench:attack`: a small abuse of the app's expensive endpoints from one machine, and what a legitimate
 * reader notices meanwhile. Loopback only: it starts the app as `npm start` does (fresh data folder, port of its
 * own, demo mode) and sends every request to 127.0.0.1.
 *
 * 1. **before**: a signed-in board member opens today's dashboard of the synthetic demo plan, one request after the
 *    other, for `--calm` seconds; median and 95th percentile of the response time.
 * 2. **during**: the same reader again, while for `--seconds` seconds (bounded by `--max` requests per stream too)
 *    three streams of `--workers` parallel loops each send:
 *    - **wrong-password sign-ins** for many accounts (the demo accounts and invented ones), all from one address;
 *    - **dashboards as of many past days**, signed in as the demo staff member (each day a new roll-up);
 *    - **reloads of an import preview**, signed in as the demo M&E officer, of a 20,000-row file uploaded once.
 * 3. **after**: the reader alone again.
 *
 * Before the attack it also times the preview's first view (the file's check) and five reloads one at a time.
 *
 * Prints a Markdown table: the reader's latency in each phase, and each stream's requests, their answers by status
 * and their own latency. The figures are in docs/performance.md and docs/security.md.
 */
import { parseArgs } from "node:util";
import { demoPlanSlug } from "../app/demo-data/content";
import { demoEmails, get, post, signInOverHttp } from "../tests/e2e/http";
import { startApp } from "../tests/support/app-server";

const { values: options } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    calm: { type: "string", default: "10" },
    workers: { type: "string", default: "4" },
    max: { type: "string", default: "5000" },
  },
});
const attackMs = Number(options.seconds) * 1000;
const calmMs = Number(options.calm) * 1000;
const workers = Number(options.workers);
const maxPerStream = Number(options.max);

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value).toLocaleString("en")} ms` : "–");

type Stream = { name: string; latencies: number[]; statuses: Map<number, number>; sent: number };
const stream = (name: string): Stream => ({ name, latencies: [], statuses: new Map(), sent: 0 });

/** Times one request, reads its body (so the server's whole work is counted), and counts its status. */
async function timed(into: Stream, request: () => Promise<Response>) {
  const started = performance.now();
  let status = 0;
  try {
    const response = await request();
    await response.arrayBuffer();
    status = response.status;
  } catch {
    status = -1; // no answer (refused or reset)
  }
  into.latencies.push(performance.now() - started);
  into.statuses.set(status, (into.statuses.get(status) ?? 0) + 1);
  into.sent++;
}

/** `count` loops calling `step(i)` until `deadline` or until `max` steps were started in all. */
async function loops(count: number, deadline: number, max: number, step: (i: number) => Promise<void>) {
  let started = 0;
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (Date.now() < deadline && started < max) await step(started++);
    }),
  );
}

/** A progress file of `rows` rows for the demo plan (enough to make its check cost something). */
function bigCsv(rows: number) {
  const regions = ["africa", "asia-pacific", "europe", "latin-america", "north-america-caribbean"];
  const genders = ["women", "men", "trans"];
  const lines = ["indicator,period,reported_on,region,gender,value,narrative"];
  for (let i = 0; i < rows; i++) {
    const year = 2023 + (i % 3);
    const quarter = 1 + (Math.floor(i / 15) % 4);
    lines.push(
      [
        "I1",
        `${year}-Q${quarter}`,
        `${year}-${String(quarter * 3).padStart(2, "0")}-28`,
        regions[i % 5],
        genders[Math.floor(i / 5) % 3],
        String(10 + (i % 97)),
        `row ${i}`,
      ].join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A day before today, `n` days back (each a different roll-up). */
const pastDay = (n: number) => new Date(Date.now() - (n + 1) * 86_400_000).toISOString().slice(0, 10);

const app = await startApp();
try {
  const base = app.baseUrl;
  // Everyone signs in first: on loopback every client is the same address, so once the attack has run into the
  // per-address sign-in throttle a legitimate sign-in from 127.0.0.1 would wait too.
  const reader = await signInOverHttp(base, demoEmails.board);
  const staff = await signInOverHttp(base, demoEmails.staff);
  const officer = await signInOverHttp(base, demoEmails.me_officer);
  const page = `/plans/${demoPlanSlug}/dashboard`;
  const readerPage = () => get(base, page, reader);

  // The upload whose preview is reloaded.
  const form = new FormData();
  form.set("intent", "check");
  form.set("plan", demoPlanSlug);
  form.set("file", new File([bigCsv(20_000)], "progress.csv", { type: "text/csv" }));
  const uploaded = await fetch(`${base}/imports`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: base, Cookie: officer },
    body: form,
  });
  const previewPath = uploaded.headers.get("Location");
  if (!previewPath?.includes("upload=")) throw new Error(`the upload was not held (${uploaded.status})`);

  // Warm-up: the first dashboard and preview views compute what later ones reuse.
  await (await readerPage()).arrayBuffer();
  const firstPreview = stream("first view of the import preview (the check)");
  await timed(firstPreview, () => get(base, previewPath, officer));
  const calmReloads = stream("reloads of the import preview, one at a time, before the attack");
  for (let i = 0; i < 5; i++) await timed(calmReloads, () => get(base, previewPath, officer));

  const phase = async (name: string, until: number) => {
    const s = stream(name);
    while (Date.now() < until && s.sent < maxPerStream) await timed(s, readerPage);
    return s;
  };

  const before = await phase("reader, before", Date.now() + calmMs);

  const deadline = Date.now() + attackMs;
  const signIns = stream("wrong-password sign-ins, many accounts, one address");
  const dashboards = stream("dashboards as of past days (one user)");
  const previews = stream("import preview reloads (one user)");
  const accounts = [
    ...Object.values(demoEmails),
    ...Array.from({ length: 200 }, (_, i) => `user${i}@example.org`),
  ];
  const [during] = await Promise.all([
    phase("reader, during the attack", deadline),
    loops(workers, deadline, maxPerStream, (i) =>
      timed(signIns, () =>
        post(
          base,
          "/login",
          new URLSearchParams({
            email: accounts[i % accounts.length] as string,
            password: `wrong-${i}`,
          }).toString(),
        ),
      ),
    ),
    loops(workers, deadline, maxPerStream, (i) =>
      timed(dashboards, () => get(base, `${page}?asOf=${pastDay(i)}`, staff)),
    ),
    loops(workers, deadline, maxPerStream, () => timed(previews, () => get(base, previewPath, officer))),
  ]);

  const after = await phase("reader, after", Date.now() + calmMs);

  const statuses = (s: Stream) =>
    [...s.statuses]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status === -1 ? "no answer" : status}: ${n.toLocaleString("en")}`)
      .join(", ");
  console.log(
    `\nAttack: ${attackMs / 1000} s, ${workers} parallel loops per abusive stream; reader: today's dashboard of ${demoPlanSlug}.\n`,
  );
  console.log("| requests | count | answers | median | p95 |");
  console.log("|---|---:|---|---:|---:|");
  for (const s of [before, during, after, firstPreview, calmReloads, signIns, dashboards, previews])
    console.log(
      `| ${s.name} | ${s.sent.toLocaleString("en")} | ${statuses(s)} | ${ms(percentile(s.latencies, 50))} | ${ms(percentile(s.latencies, 95))} |`,
    );
} finally {
  await app.stop();
}
