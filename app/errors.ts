import { data } from "react-router";
import { type FieldProblem, type FormRefusal, type MessageValues, problem, wholeForm } from "./forms/problem";
import type { MessageKey } from "./i18n/messages";

/**
 * The statuses a refusal answers with: bad input, not signed in (a refused sign-in), not allowed, gone, clashing
 * with a newer change, breaking a rule, too many attempts (with a Retry-After header).
 */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429;

/**
 * The one domain error: a rule refused what was asked and nothing was changed. Its problems say why, by message key,
 * field by field (`wholeForm` when no one field is at fault). Features subclass it when a caller needs more than
 * the problems (the entries that block a lock, the preview of a refused file).
 */
export class Refused extends Error {
  constructor(
    readonly problems: FieldProblem[],
    readonly status: RefusalStatus = 422,
  ) {
    super(problems.map((found) => `${found.field}: ${found.message.key}`).join("; ") || "refused");
    this.name = new.target.name;
  }

  /** A refusal of the whole request for one reason. */
  static because(key: MessageKey, values?: MessageValues, status: RefusalStatus = 422): Refused {
    return new Refused([problem(wholeForm, key, values)], status);
  }
}

/** The one answer of a refused form: its problems and what was typed (never secrets), with the status given. */
export function refusal(
  problems: FieldProblem[],
  {
    status = 400,
    values,
    headers,
  }: { status?: RefusalStatus; values?: FormRefusal["values"]; headers?: HeadersInit } = {},
) {
  const body: FormRefusal = values ? { problems, values } : { problems };
  return data(body, headers ? { status, headers } : { status });
}

/** In an action's `catch`: a `Refused` becomes the form's refusal; anything else is rethrown (a bug: a 500). */
export function answerRefused(error: unknown, values?: FormRefusal["values"]) {
  if (error instanceof Refused) return refusal(error.problems, { status: error.status, values });
  throw error;
}
