/**
 * A feature's message catalogue: English first, then every other language with exactly the same keys (the type
 * checker refuses a missing or an extra one; a unit test checks that placeholders match).
 */
export function defineMessages<const En extends Record<string, string>>(
  en: En,
  fr: { [K in keyof En]: string },
): { en: En; fr: { [K in keyof En]: string } } {
  return { en, fr };
}
