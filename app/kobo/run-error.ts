import type { Translate } from "../i18n/i18n";
import type { MessageKey } from "../i18n/messages";
import { messages } from "./messages";

/**
 * Why a run failed, as `kobo_runs.error` keeps it: a message of the KoboToolbox catalogue (`code`, without the
 * `kobo.` prefix) and its parameters, stored as JSON (`{"code":"error.auth","params":{"status":401}}`) and
 * translated when a page shows it. A parameter may itself be a message: a mapping problem inside a failed run's error.
 */
export type RunMessage = { code: string; params: { [name: string]: string | number | RunMessage } };

export const runMessage = (code: string, params: RunMessage["params"] = {}): RunMessage => ({ code, params });

/** As `kobo_runs.error` keeps it. */
export const encodeRunError = (message: RunMessage): string => JSON.stringify(message);

function isRunMessage(value: unknown): value is RunMessage {
  if (typeof value !== "object" || value === null) return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  return (
    typeof code === "string" &&
    typeof params === "object" &&
    params !== null &&
    !Array.isArray(params) &&
    Object.values(params).every(
      (param) => typeof param === "string" || typeof param === "number" || isRunMessage(param),
    )
  );
}

/** English mapping problems (`kobo.mapping.*`) as patterns, to read them back out of the errors of older runs. */
const englishMappingProblems = Object.entries(messages.en)
  .filter(([key]) => key.startsWith("kobo.mapping."))
  .map(([key, text]) => {
    const names: string[] = [];
    const source = text
      .split(/(\{\w+\})/)
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        if (names.includes(name)) return `\\k<${name}>`;
        names.push(name);
        return `(?<${name}>.+?)`;
      })
      .join("");
    return { code: key.slice("kobo.".length), pattern: new RegExp(`^${source}$`) };
  });

function mappingProblemFromEnglish(text: string): RunMessage | null {
  for (const { code, pattern } of englishMappingProblems) {
    const match = pattern.exec(text);
    if (match) return runMessage(code, { ...match.groups });
  }
  return null;
}

const statusKinds = ["auth", "notFound", "server", "redirect", "refused"];

/**
 * An error as runs recorded it before errors were kept as messages: `kind: detail`, the detail in English. What can
 * be recognised becomes the message it would be today; what cannot keeps only its kind, never the English detail.
 */
function fromPlainText(text: string): RunMessage | null {
  const at = text.indexOf(":");
  if (at <= 0) return null;
  const kind = text.slice(0, at);
  const detail = text.slice(at + 1).trim();
  if (statusKinds.includes(kind))
    return /^\d{3}$/.test(detail) ? runMessage(`error.${kind}`, { status: Number(detail) }) : null;
  switch (kind) {
    case "timeout": {
      const seconds = /^no answer within ([\d.]+) s$/.exec(detail)?.[1];
      return seconds ? runMessage("error.timeout", { seconds: Number(seconds) }) : null;
    }
    case "network":
      return /^[A-Z][A-Z0-9_]*$/.test(detail)
        ? runMessage("error.network", { cause: detail })
        : runMessage("error.networkUnexplained");
    case "tooLarge": {
      const bytes = /^more than (\d+) bytes$/.exec(detail)?.[1];
      if (bytes)
        return runMessage("error.replyTooLarge", { megabytes: Math.round(Number(bytes) / 1024 ** 2) });
      const count = /^more than (\d+) submissions/.exec(detail)?.[1];
      return count ? runMessage("error.tooManySubmissions", { count: Number(count) }) : null;
    }
    case "shape": {
      if (detail === "the reply is not JSON") return runMessage("error.notJson");
      const start = /^next: a next page is announced after an empty page \(start (\d+)\)$/.exec(detail)?.[1];
      if (start) return runMessage("error.emptyPage", { start: Number(start) });
      const where = detail.split("; ").map((issue) => issue.slice(0, Math.max(0, issue.indexOf(": "))));
      return where.every(Boolean) ? runMessage("error.shape", { where: where.join(", ") }) : null;
    }
    case "mapping": {
      if (detail.startsWith("the stored mapping cannot be read"))
        return runMessage("error.mappingUnreadable");
      const [, first = detail, more] = /^(.*?)(?: \(and (\d+) more\))?$/.exec(detail) ?? [];
      const problem = mappingProblemFromEnglish(first);
      if (!problem) return runMessage("error.mappingUnexplained");
      return more
        ? runMessage("error.mappingMore", { problem, more: Number(more) })
        : runMessage("error.mapping", { problem });
    }
    case "token":
      return runMessage("error.token");
    case "database":
      return runMessage("error.database");
    default:
      return null;
  }
}

/** A stored `kobo_runs.error` as a message: JSON as runs record it now, or the plain text of older runs. */
export function decodeRunError(stored: string): RunMessage | null {
  if (stored.startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(stored);
      if (isRunMessage(parsed)) return parsed;
    } catch {
      // not JSON after all: read it as plain text
    }
  }
  return fromPlainText(stored);
}

/** A message in the reader's language (its message parameters first); null for a code the catalogue lacks. */
export function runMessageText(t: Translate, message: RunMessage): string | null {
  const params: Record<string, string | number> = {};
  for (const [name, param] of Object.entries(message.params)) {
    if (typeof param !== "object") params[name] = param;
    else {
      const text = runMessageText(t, param);
      if (text === null) return null;
      params[name] = text;
    }
  }
  const key = `kobo.${message.code}` as MessageKey;
  const text = t(key, params);
  return text === key ? null : text;
}

/** A failed run's error (`kobo_runs.error`, or a run report's), in the reader's language. */
export function runErrorText(t: Translate, error: string | RunMessage): string {
  const message = typeof error === "string" ? decodeRunError(error) : error;
  return (message && runMessageText(t, message)) ?? t("kobo.error.unknown");
}
