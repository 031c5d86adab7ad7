import { describe, expect, it } from "vitest";
import { negotiateLocale, pickText, translator } from "./i18n";
import { messages } from "./messages";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe("message catalogues", () => {
  it("every French message is present, non-empty and uses the same placeholders as the English one", () => {
    for (const [key, english] of Object.entries(messages.en)) {
      const french = messages.fr[key as keyof typeof messages.en];
      expect(french?.trim(), key).toBeTruthy();
      expect(placeholders(french), key).toEqual(placeholders(english));
    }
  });

  it("fills placeholders", () => {
    expect(translator("fr")("element.parts", { code: "O1.S2" })).toBe("Composantes de O1.S2");
  });
});

describe("choosing the language", () => {
  const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

  it("prefers the switcher's cookie, then Accept-Language, then English", () => {
    expect(negotiateLocale(request({ Cookie: "a=b; lang=fr", "Accept-Language": "en" }))).toBe("fr");
    expect(negotiateLocale(request({ "Accept-Language": "de-DE, fr-CA;q=0.8, en;q=0.5" }))).toBe("fr");
    expect(negotiateLocale(request({ "Accept-Language": "de" }))).toBe("en");
    expect(negotiateLocale(request({ Cookie: "lang=xx" }))).toBe("en");
  });

  it("falls back to English text, saying so through the language it returns", () => {
    expect(pickText({ en: "Objective", fr: "Objectif" }, "fr")).toEqual({ text: "Objectif", lang: "fr" });
    expect(pickText({ en: "Objective" }, "fr")).toEqual({ text: "Objective", lang: "en" });
  });
});
