import { z } from "zod";

/** The HTML constraints of one field, as the browser reads them (spread onto `<Field>` or an input). */
export type FieldRules = {
  required?: true;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  min?: number;
  max?: number;
};

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

/**
 * The browser's share of a form's schema: each field's rules as HTML attributes (`required`, `maxLength`,
 * `pattern`, `min`, `max`), derived from the same zod schema the action parses with, so the two cannot drift apart.
 * A loader sends them (`rules: fieldRules(schema)`) and the page spreads them (`<Field {...rules.name} />`): the page
 * carries no zod. Forms keep `noValidate`: the browser stops what it can stop on its own (a length limit) and marks
 * what is wrong for assistive technology, but the messages a person reads are the server's, translated (the server
 * is the truth; rules across fields and the database's rules exist only there).
 */
export function fieldRules(schema: z.ZodType): Record<string, FieldRules> {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const rules: Record<string, FieldRules> = {};
  // A union of forms (one per `intent`) shares its field names: the first form naming a field gives its rules.
  for (const form of [json, ...(json.anyOf ?? []), ...(json.oneOf ?? [])]) {
    const required = new Set(form.required ?? []);
    for (const [name, property] of Object.entries(form.properties ?? {}))
      rules[name] ??= rulesOf(property, required.has(name));
  }
  return rules;
}

function rulesOf(property: JsonSchema, required: boolean): FieldRules {
  const rules: FieldRules = {};
  if (property.type === "string") {
    // Required only when an empty value is refused (a field that may be left empty is sent empty, not omitted).
    if (required && (property.minLength ?? 0) >= 1) rules.required = true;
    if ((property.minLength ?? 0) > 1) rules.minLength = property.minLength;
    if (property.maxLength !== undefined) rules.maxLength = property.maxLength;
    // Formats (email, date) have their input types; a pattern the browser cannot read (its `v` flag is stricter
    // than the server's regular expressions) is left to the server.
    if (property.pattern && !property.format && readsInBrowser(property.pattern))
      rules.pattern = property.pattern;
  }
  if (property.type === "number" || property.type === "integer") {
    if (property.minimum !== undefined) rules.min = property.minimum;
    if (property.maximum !== undefined) rules.max = property.maximum;
  }
  return rules;
}

function readsInBrowser(pattern: string) {
  try {
    new RegExp(pattern, "v");
    return true;
  } catch {
    return false;
  }
}
