import { data } from "react-router";
import { formValues, noSecrets, parseValues, readForm } from "../forms/parse.server";
import type { FormRefusal } from "../forms/problem";
import { negotiateLocale } from "../i18n/i18n";
import type { FormContext, FormValues, IndicatorDefinition } from "./definition";
import { indicatorFormSchema } from "./form-schema";
import { formContext, type indicatorFormChoices } from "./manage.server";

/**
 * The indicator form as sent (the new and the edit page): an answer to give at once — a redraw ("Update the form":
 * targets for another frequency, no problems yet) or the refusal of what was typed — or the definition to save.
 */
export async function readIndicatorForm(
  request: Request,
  choices: Awaited<ReturnType<typeof indicatorFormChoices>>,
  { plan, previous }: Pick<FormContext, "plan" | "previous">,
): Promise<
  { answer: ReturnType<typeof data<FormRefusal>> } | { values: FormValues; definition: IndicatorDefinition }
> {
  const values = formValues(await readForm(request));
  if (values.intent === "refresh") return { answer: data({ problems: [], values } satisfies FormRefusal) };
  const context = formContext(choices, { locale: negotiateLocale(request), plan, previous });
  // The form holds no secrets: its `code` fields name the indicator and its dimensions.
  const read = parseValues(values, indicatorFormSchema(context), { secret: noSecrets });
  if (!read.ok) return { answer: read.response };
  return { values, definition: read.data };
}
