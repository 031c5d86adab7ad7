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

export function translator(locale: Locale): Translate {
  const catalogue = messages[locale];
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
