import { useI18n } from "../i18n/i18n";
import { type FieldProblem, type FormRefusal, type Message, problemsIn, wholeForm } from "./problem";

/** What a page needs from a refused form: each field's translated problem, the whole form's, and what was typed. */
export type ShownProblems = {
  /** The translated problem of `field` (as the form names it: `name`, `rows[2].value`), if any. */
  of: (field: string) => string | undefined;
  /** The translated problem about the form as a whole (`wholeForm`), if any. */
  form: string | undefined;
  /** What was typed into `field` before the refusal (never secrets), if the answer was a refusal. */
  value: (field: string) => string | undefined;
  /** Everything typed before the refusal (a name sent several times, such as checkboxes, is a list). */
  values: FormRefusal["values"];
  /** Every problem, untranslated (to list them above a long form). */
  all: FieldProblem[];
  /**
   * Every problem about `field` or a field nested in it (`rows[3]` holds `rows[3]` and `rows[3].value`; `cell` holds
   * `cell.a=b`), translated, in the order found: for a field that can have several problems (one per line it refers
   * to), or a group of fields shown together.
   */
  under: (field: string) => { field: string; text: string }[];
};

/**
 * The one way a page shows a refused form (`FormRefusal`): `const problems = useProblems(actionData)`, then
 * `<Field error={problems.of("name")} defaultValue={problems.value("name") ?? saved.name} />` and
 * `{problems.form && <p className="form-error" role="alert">{problems.form}</p>}`. Any other answer shows nothing.
 */
export function useProblems(answer: unknown): ShownProblems {
  const { t } = useI18n();
  const all = problemsIn(answer);
  const show = (message: Message | undefined) => message && t(message.key, message.values);
  const of = (field: string) => show(all.find((found) => found.field === field)?.message);
  const values = (answer as Partial<FormRefusal> | null | undefined)?.values;
  const value = (field: string) => {
    const typed = values?.[field];
    return Array.isArray(typed) ? typed.join("\n") : typed;
  };
  const under = (field: string) =>
    all
      .filter(
        (found) =>
          found.field === field || found.field.startsWith(`${field}.`) || found.field.startsWith(`${field}[`),
      )
      .map((found) => ({ field: found.field, text: t(found.message.key, found.message.values) }));
  return { of, form: of(wholeForm), value, values, all, under };
}
