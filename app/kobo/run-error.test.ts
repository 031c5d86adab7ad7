import { describe, expect, it } from "vitest";
import { translator } from "../i18n/i18n";
import { decodeRunError, encodeRunError, type RunMessage, runErrorText, runMessage } from "./run-error";

const en = translator("en");
const fr = translator("fr");

/** Every error a run can record today, as sync.server.ts and client.ts make them. */
const failures: RunMessage[] = [
  runMessage("error.auth", { status: 401 }),
  runMessage("error.notFound", { status: 404 }),
  runMessage("error.server", { status: 503 }),
  runMessage("error.network", { cause: "ECONNREFUSED" }),
  runMessage("error.networkUnexplained"),
  runMessage("error.timeout", { seconds: 30 }),
  runMessage("error.redirect", { status: 302 }),
  runMessage("error.refused", { status: 418 }),
  runMessage("error.shape", { where: "count, results[0]._id" }),
  runMessage("error.notJson"),
  runMessage("error.emptyPage", { start: 1000 }),
  runMessage("error.replyTooLarge", { megabytes: 64 }),
  runMessage("error.tooManySubmissions", { count: 200_000 }),
  runMessage("error.mapping", { problem: runMessage("mapping.unknownIndicator", { code: "T3" }) }),
  runMessage("error.mappingMore", { problem: runMessage("mapping.periodRequired"), more: 2 }),
  runMessage("error.mappingUnexplained"),
  runMessage("error.mappingUnreadable"),
  runMessage("error.token"),
  runMessage("error.database"),
];

/** Words of the English messages that no French one may contain. */
const englishWords =
  /\b(the|was|were|with|could|cannot|not|answer|within|server failed|reply|refused|saved|written|mapping|token|try|again|edit|there|no such)\b/i;

describe("a failed run's error", () => {
  it("is stored as a message code and parameters, and read back as they were", () => {
    for (const failure of failures) {
      const stored = encodeRunError(failure);
      expect(JSON.parse(stored)).toEqual(failure);
      expect(decodeRunError(stored)).toEqual(failure);
    }
    expect(encodeRunError(runMessage("error.auth", { status: 401 }))).toBe(
      '{"code":"error.auth","params":{"status":401}}',
    );
  });

  it("is shown in French with no English left, and in English on English pages", () => {
    for (const failure of failures) {
      const stored = encodeRunError(failure);
      const french = runErrorText(fr, stored);
      const english = runErrorText(en, stored);
      expect(french, failure.code).not.toBe(english);
      expect(french, failure.code).not.toMatch(englishWords);
      expect(french, failure.code).not.toContain("{");
      expect(french, failure.code).not.toBe(fr("kobo.error.unknown"));
      expect(english, failure.code).not.toContain("{");
      expect(english, failure.code).toMatch(englishWords); // the check above has teeth
    }
  });

  it("translates the mapping problem inside a mapping failure", () => {
    const stored = encodeRunError(failures[13] as RunMessage);
    expect(runErrorText(fr, stored)).toBe(
      "la correspondance ne convient pas au plan\u202f: Il n'y a pas d'indicateur T3 dans ce plan. Modifiez la correspondance.",
    );
    expect(runErrorText(en, stored)).toBe(
      "the mapping does not fit the plan: There is no indicator T3 in this plan. Edit the mapping.",
    );
  });

  it("reads as one French sentence on the run's page", () => {
    const stored = encodeRunError(runMessage("error.token"));
    expect(fr("kobo.run.failedNothingWritten", { error: runErrorText(fr, stored) })).toBe(
      "La synchronisation a échoué et rien n'a été écrit\u202f: le jeton enregistré ne peut pas être déchiffré avec l'APP_SECRET de cette installation\u202f: saisissez de nouveau le jeton.",
    );
  });

  it("takes a report's error as it is, or the stored text", () => {
    const failure = runMessage("error.database");
    expect(runErrorText(fr, failure)).toBe(runErrorText(fr, encodeRunError(failure)));
  });

  it("says the reason cannot be read rather than show a code the catalogue lacks", () => {
    expect(runErrorText(fr, encodeRunError(runMessage("error.fromTheFuture", { x: 1 })))).toBe(
      fr("kobo.error.unknown"),
    );
    expect(
      runErrorText(
        fr,
        encodeRunError(runMessage("error.mapping", { problem: runMessage("mapping.fromTheFuture") })),
      ),
    ).toBe(fr("kobo.error.unknown"));
    expect(runErrorText(fr, '{"code": 3}')).toBe(fr("kobo.error.unknown"));
    expect(runErrorText(fr, "{not json")).toBe(fr("kobo.error.unknown"));
  });
});

describe("the plain-text error of an older run", () => {
  const older: [string, RunMessage][] = [
    ["auth: 401", runMessage("error.auth", { status: 401 })],
    ["notFound: 404", runMessage("error.notFound", { status: 404 })],
    ["server: 500", runMessage("error.server", { status: 500 })],
    ["network: ECONNRESET", runMessage("error.network", { cause: "ECONNRESET" })],
    ["network: fetch failed", runMessage("error.networkUnexplained")],
    ["timeout: no answer within 0.1 s", runMessage("error.timeout", { seconds: 0.1 })],
    ["tooLarge: more than 67108864 bytes", runMessage("error.replyTooLarge", { megabytes: 64 })],
    [
      "tooLarge: more than 200000 submissions in one run",
      runMessage("error.tooManySubmissions", { count: 200_000 }),
    ],
    ["shape: the reply is not JSON", runMessage("error.notJson")],
    [
      "shape: count: Invalid input: expected number, received string; next: Invalid input: expected string, received undefined",
      runMessage("error.shape", { where: "count, next" }),
    ],
    [
      "shape: next: a next page is announced after an empty page (start 2000)",
      runMessage("error.emptyPage", { start: 2000 }),
    ],
    [
      "mapping: There is no indicator T3 in this plan.",
      runMessage("error.mapping", { problem: runMessage("mapping.unknownIndicator", { code: "T3" }) }),
    ],
    [
      "mapping: Name the field that gives the period (a date or a period). (and 1 more)",
      runMessage("error.mappingMore", { problem: runMessage("mapping.periodRequired", {}), more: 1 }),
    ],
    [
      "mapping: Line 3: 2014 is not a value of region.",
      runMessage("error.mapping", {
        problem: runMessage("mapping.cellUnknownValue", { line: "3", value: "2014", dimension: "region" }),
      }),
    ],
    ["mapping: something no version ever said", runMessage("error.mappingUnexplained")],
    [
      "mapping: the stored mapping cannot be read; save the mapping form again",
      runMessage("error.mappingUnreadable"),
    ],
    [
      "token: the stored token cannot be decrypted with this APP_SECRET; enter the token again",
      runMessage("error.token"),
    ],
    ["database: the entries could not be saved; nothing was written", runMessage("error.database")],
  ];

  it("is read as the message it would be today", () => {
    for (const [text, message] of older) expect(decodeRunError(text), text).toEqual(message);
  });

  it("is shown in French without its English detail", () => {
    for (const [text] of older) {
      const french = runErrorText(fr, text);
      expect(french, text).not.toMatch(englishWords);
      expect(french, text).not.toBe(fr("kobo.error.unknown"));
    }
    expect(runErrorText(fr, "token: the stored token cannot be decrypted with this APP_SECRET")).toBe(
      fr("kobo.error.token"),
    );
  });

  it("that cannot be read at all says so", () => {
    expect(decodeRunError("it broke")).toBeNull();
    expect(runErrorText(en, "it broke")).toBe(en("kobo.error.unknown"));
  });
});
