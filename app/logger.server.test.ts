import { describe, expect, it } from "vitest";
import { InvalidEnvironment, readEnv, readLogLevel } from "./env.server";
import { safeError } from "./logger.server";

/** An error shaped as postgres.js throws it: the query and its parameters as non-enumerable properties. */
function postgresJsError() {
  const error = Object.assign(new Error('invalid input syntax for type uuid: "SECRET-token-hash"'), {
    name: "PostgresError",
    severity: "ERROR",
    code: "22P02",
    detail: "Key (email)=(SECRET-someone@example.org) already exists.",
    hint: "SECRET-hint",
    routine: "string_to_uuid",
  });
  Object.defineProperties(error, {
    query: { value: "select * from sessions where token_hash = $1", enumerable: false },
    parameters: { value: ["SECRET-token-hash"], enumerable: false },
    args: { value: ["SECRET-token-hash"], enumerable: false },
  });
  return error;
}

describe("safeError", () => {
  it("keeps a postgres.js error's type, code and message, without its values, detail or parameters", () => {
    const logged = safeError(postgresJsError());
    expect(JSON.stringify(logged)).not.toContain("SECRET");
    expect(logged).toMatchObject({
      type: "PostgresError",
      code: "22P02",
      message: 'invalid input syntax for type uuid: "[redacted]"',
    });
    expect(logged.stack).toMatch(
      /^PostgresError: invalid input syntax for type uuid: "\[redacted\]"\n\s+at /,
    );
  });

  it("walks the cause chain, and copes with values that are not errors", () => {
    const outer = new Error("Failed query: select 1\nparams: SECRET-param", { cause: postgresJsError() });
    const logged = safeError(outer);
    expect(JSON.stringify(logged)).not.toContain("SECRET");
    expect(logged.message).toBe("Failed query: select 1");
    expect(logged.cause).toMatchObject({ type: "PostgresError", code: "22P02" });
    expect(safeError("plain text")).toEqual({ type: "string", message: "plain text" });
    expect(safeError(undefined)).toEqual({ type: "undefined", message: "(not an Error)" });
  });

  it("removes a parameter wherever a message of the chain repeats it", () => {
    const cause = Object.assign(new Error("value SECRET-long-narrative-text does not fit"), {
      params: ["SECRET-long-narrative-text", 42],
    });
    const logged = safeError(new Error("wrapped", { cause }));
    expect(logged.cause?.message).toBe("value [redacted] does not fit");
  });
});

describe("LOG_LEVEL", () => {
  it("defaults to info, accepts pino's levels and silent, and a bad value stops the start naming it", () => {
    expect(readLogLevel({})).toBe("info");
    expect(readLogLevel({ LOG_LEVEL: "silent" })).toBe("silent");
    expect(readLogLevel({ LOG_LEVEL: "debug" })).toBe("debug");
    // The logger exists before the environment is checked: it falls back to info, and readEnv reports the value.
    expect(readLogLevel({ LOG_LEVEL: "loud" })).toBe("info");
    expect(() => readEnv({ LOG_LEVEL: "loud", DATABASE_URL: "postgres://db/x", DEMO: "false" })).toThrow(
      InvalidEnvironment,
    );
    expect(() => readEnv({ LOG_LEVEL: "loud", DATABASE_URL: "postgres://db/x", DEMO: "false" })).toThrow(
      /LOG_LEVEL/,
    );
  });
});
