import { createContext, useContext } from "react";
import type { LocalizedText } from "../plan-graph/vocabulary";
import { type MessageKey, messages } from "./messages";

export const locales = ["en", "fr"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "en";
export const localeCookieName = "lang";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** The language to answer in: the `lang` cookie (set by the switcher), then Accept-Language, then English. */
export function negotiateLocale(request: Request): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const chosen = /(?:^|;\s*)lang=([a-z]{2})/.exec(cookie)?.[1];
  if (isLocale(chosen)) return chosen;
  const accepted = (request.headers.get("Accept-Language") ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", q] = part.trim().split(";q=");
      return { language: tag.slice(0, 2).toLowerCase(), weight: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.weight - a.weight);
  return (
    (accepted.find((entry) => isLocale(entry.language))?.language as Locale | undefined) ?? defaultLocale
  );
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The narrow no-break space (U+202F) French puts before « : ; ? ! % » and inside guillemets. */
export const narrowNoBreakSpace = "\u202f";

/**
 * French typography for a catalogue text: the space typed before « : », « ; », « ? », « ! », « % » and « » » (and
 * after « « ») becomes a narrow no-break space, so the sign never starts a line. Only a space someone typed is
 * changed: "https://", "12:30", "code: English" and "dimension:valeur" (no space before the sign) stay as written.
 */
export function frenchTypography(text: string): string {
  return text
    .replace(/[ \u00a0\u202f]+(?=[:;?!%»])/g, narrowNoBreakSpace)
    .replace(/«[ \u00a0\u202f]*/g, `«${narrowNoBreakSpace}`)
    .replace(/(?<=\S)»/g, `${narrowNoBreakSpace}»`);
}

/**
 * Each language's catalogue as it is shown, worked out once: the French texts with French typography (written
 * with plain spaces in the catalogues, so nobody types a narrow no-break space by hand).
 */
const shown: Record<Locale, Record<MessageKey, string>> = {
  en: messages.en,
  fr: Object.fromEntries(
    Object.entries(messages.fr).map(([key, text]) => [key, frenchTypography(text)]),
  ) as Record<MessageKey, string>,
};

/**
 * The translation function of a language. The typography belongs to the catalogue's text; the values filled into
 * its placeholders (people's text, codes, addresses) are inserted as they are.
 */
export function translator(locale: Locale): Translate {
  const catalogue = shown[locale];
  // An unknown key (a bug) shows the key rather than breaking the page.
  return (key, params) =>
    (catalogue[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      (params?.[name] ?? whole).toString(),
    );
}

/** Picks the text in the reader's language, falling back to English, and says which language it is in. */
export function pickText(text: LocalizedText, locale: Locale): { text: string; lang: string } {
  const own = text[locale];
  return own ? { text: own, lang: locale } : { text: text.en, lang: "en" };
}

export const I18nContext = createContext<{ locale: Locale; t: Translate }>({
  locale: defaultLocale,
  t: translator(defaultLocale),
});

export function useI18n() {
  return useContext(I18nContext);
}

/** Date formats: British order for English, so that 01/02 is never read as January the 2nd. */
const dateLocale = (locale: Locale) => (locale === "en" ? "en-GB" : locale);

export function formatDate(isoDate: string, locale: Locale) {
  return new Intl.DateTimeFormat(dateLocale(locale), {
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** A moment, in the reader's language: "22 Nov 2026, 16:42". */
export function formatDateTime(moment: string | Date, locale: Locale) {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(moment),
  );
}

export function formatNumber(value: number, locale: Locale) {
  return new Intl.NumberFormat(locale).format(value);
}

/** A percentage (45 for 45 %), in the reader's language: "45 %", and in French with a narrow no-break space. */
export function formatPercent(value: number, locale: Locale) {
  return `${formatNumber(value, locale)}${locale === "fr" ? narrowNoBreakSpace : " "}%`;
}
