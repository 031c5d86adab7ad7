import type { MessageKey } from "../i18n/messages";

/**
 * The one "message key plus values" type: what a form, an import or a domain rule says to a person, translated where
 * it is shown (`t(message.key, message.values)`).
 */
export type MessageValues = Record<string, string | number>;
export type Message = { key: MessageKey; values?: MessageValues };

/** Problems about the form as a whole (a refused sign-in, a stale edit) name this field. */
export const wholeForm = "form";

/** One thing wrong with what was sent: which field (`wholeForm` for the whole form, `rows[3].value` for a row). */
export type FieldProblem = { field: string; message: Message };

/** What was typed, by field name: one string, or several (checkboxes, repeated rows) in the order sent. */
export type FormValues = Record<string, string | string[]>;

/**
 * The one payload a refused form answers with (status 400, 403, 409 or 422): its problems, and the values typed
 * (never secrets), so the page shows both without losing what was typed.
 */
export type FormRefusal = { problems: FieldProblem[]; values?: FormValues };

export const problem = (field: string, key: MessageKey, values?: MessageValues): FieldProblem => ({
  field,
  message: values ? { key, values } : { key },
});

/** The first problem about `field` in an action's answer (anything else it answered counts as no problem). */
export function problemAt(answer: unknown, field: string): Message | undefined {
  return problemsIn(answer).find((found) => found.field === field)?.message;
}

/** The problems in an action's answer, or none when it was no refusal. */
export function problemsIn(answer: unknown): FieldProblem[] {
  const problems = (answer as Partial<FormRefusal> | null | undefined)?.problems;
  return Array.isArray(problems) ? problems : [];
}
