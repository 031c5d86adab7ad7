import { type DestinationStream, type LevelWithSilent, type Logger, pino } from "pino";
import { readLogLevel } from "./env.server";

/**
 * The server's one logger: a JSON line per event on stdout (pino). What it must never write: SQL parameters
 * (drizzle's query error carries every one: session-token hashes, narratives, password hashes, evidence bytes),
 * request bodies, query strings, cookies, e-mail addresses. Errors go through `safeError`, whichever way they are
 * handed to the logger; requests are logged by app/request-log.server.ts.
 */
export function createLogger({
  level = readLogLevel(),
  destination = process.stdout,
}: {
  level?: LevelWithSilent;
  destination?: DestinationStream;
} = {}): Logger {
  return pino(
    {
      level,
      base: undefined, // no pid or host name: one short line per event
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: safeError, error: safeError },
      // Belt and braces: the serializers build these objects without such fields already.
      redact: {
        paths: [
          "req.query",
          "req.body",
          "req.headers.cookie",
          "req.headers.authorization",
          'res.headers["set-cookie"]',
          "err.params",
          "err.parameters",
        ],
        remove: true,
      },
      hooks: {
        // `logger.error(error)` and `logger.error({ err })` would take the raw message (with drizzle's parameters)
        // as the line's message: give them the sanitised one instead.
        logMethod(args, method) {
          const [first, ...rest] = args as unknown[];
          if (first instanceof Error) {
            const err = safeError(first);
            return method.apply(this, [{ err }, ...(rest.length ? rest : [err.message])] as never);
          }
          if (first && typeof first === "object" && (first as { err?: unknown }).err instanceof Error) {
            const err = safeError((first as { err: unknown }).err);
            return method.apply(this, [{ ...first, err }, ...(rest.length ? rest : [err.message])] as never);
          }
          return method.apply(this, args);
        },
      },
    },
    destination,
  );
}

export const logger: Logger = createLogger();

// ---------------------------------------------------------------- errors without their data

/** What the log keeps of an error: enough to identify it (type, message, database code, constraint), no values. */
export type SafeError = {
  type: string;
  message: string;
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  stack?: string;
  cause?: SafeError;
};

type ErrorFields = Error & {
  code?: unknown;
  query?: unknown;
  params?: unknown;
  parameters?: unknown;
  args?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  table?: unknown;
  table_name?: unknown;
  column?: unknown;
  column_name?: unknown;
};

/**
 * An error as the log may show it. Drizzle's `DrizzleQueryError` says "Failed query: <sql>\nparams: <values>":
 * the SQL text is kept, the values are not. PostgreSQL's own messages can quote a value (`invalid input syntax for
 * type uuid: "…"`): the quoted value goes, and so does any parameter of the failed query (postgres.js `parameters`,
 * drizzle `params`) found in a message of the chain. `detail` ("Key (email)=(…) already exists") is never kept.
 */
export function safeError(error: unknown): SafeError {
  return sanitise(error, secretsOf(error), 0);
}

function sanitise(error: unknown, secrets: string[], depth: number): SafeError {
  if (!(error instanceof Error)) {
    if (isSafeError(error)) return error; // already sanitised (the hook, then the serializer)
    return {
      type: typeof error,
      message: scrub(typeof error === "string" ? error : "(not an Error)", secrets),
    };
  }
  const fields = error as ErrorFields;
  const type = error.name && error.name !== "Error" ? error.name : (error.constructor?.name ?? "Error");
  let message = String(error.message ?? "");
  if (typeof fields.query === "string" && message.startsWith("Failed query:"))
    message = `Failed query: ${fields.query}`;
  message = scrub(message.replace(/\nparams: [\s\S]*$/, ""), secrets);
  const result: SafeError = { type, message };
  const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
  const code = text(fields.code);
  if (code) result.code = code;
  const constraint = text(fields.constraint) ?? text(fields.constraint_name);
  if (constraint) result.constraint = constraint;
  const table = text(fields.table) ?? text(fields.table_name);
  if (table) result.table = table;
  const column = text(fields.column) ?? text(fields.column_name);
  if (column) result.column = column;
  // The stack again, rebuilt: its first line repeats the raw message.
  const frames = (typeof error.stack === "string" ? error.stack.split("\n") : []).filter((line) =>
    /^\s+at /.test(line),
  );
  if (frames.length) result.stack = [`${type}: ${message}`, ...frames].join("\n");
  if (error.cause !== undefined && depth < 5) result.cause = sanitise(error.cause, secrets, depth + 1);
  return result;
}

function isSafeError(value: unknown): value is SafeError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as SafeError).type === "string" &&
    typeof (value as SafeError).message === "string" &&
    !("params" in value) &&
    !("parameters" in value)
  );
}

/** Value-echoing PostgreSQL messages: `…: "value"` at the end, `value "…" is out of range`. */
function scrub(message: string, secrets: string[]): string {
  let result = message;
  for (const secret of secrets) result = result.split(secret).join("[redacted]");
  return result
    .replace(/: "[\s\S]*"$/, ': "[redacted]"')
    .replace(/\bvalue "[\s\S]*?" is out of range/g, 'value "[redacted]" is out of range');
}

/** The string forms of every query parameter along the error's cause chain (short ones are not worth hiding). */
function secretsOf(error: unknown): string[] {
  const secrets = new Set<string>();
  const collect = (value: unknown, depth: number) => {
    if (depth > 4 || value === null || value === undefined) return;
    if (typeof value === "string") {
      if (value.length >= 4) secrets.add(value);
    } else if (value instanceof Uint8Array) {
      // bytes never appear in a message as such
    } else if (Array.isArray(value)) {
      for (const item of value) collect(item, depth + 1);
    } else if (value instanceof Date) {
      // dates are not what the rule protects
    } else if (typeof value === "object") {
      const json = JSON.stringify(value);
      if (json && json.length >= 4) secrets.add(json);
      for (const item of Object.values(value)) collect(item, depth + 1);
    } else if (String(value).length >= 4) secrets.add(String(value));
  };
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 6; depth++) {
    const fields = current as ErrorFields;
    collect(fields.params, 0);
    collect(fields.parameters, 0);
    collect(fields.args, 0);
    current = current.cause;
  }
  // Longest first, so that a secret containing another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}
