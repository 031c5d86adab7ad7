import { describe, expect, it } from "vitest";
import { formatPercent, frenchTypography, negotiateLocale, pickText, translator } from "./i18n";
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

describe("French typography, once for every French text", () => {
  const n = "\u202f";
  const fr = translator("fr");

  it("puts a narrow no-break space before : ; ? ! % and inside guillemets", () => {
    expect(frenchTypography("Source : voir ; encore ? oui ! 45 % « ceci »")).toBe(
      `Source${n}: voir${n}; encore${n}? oui${n}! 45${n}% «${n}ceci${n}»`,
    );
    expect(fr("plan.previous")).toBe(`Plan précédent${n}:`);
    expect(fr("toc.editor.leave.title")).toBe(`Quitter sans enregistrer${n}?`);
    expect(fr("dashboard.csvNamed", { name: "Santé" })).toBe(`Télécharger «${n}Santé${n}» en CSV`);
  });

  it("leaves addresses, times, codes and placeholders as they are", () => {
    expect(
      frenchTypography("https://kf.kobotoolbox.org à 12:30, code: English, dimension:valeur, {name}"),
    ).toBe("https://kf.kobotoolbox.org à 12:30, code: English, dimension:valeur, {name}");
    expect(fr("kobo.mapping.cellsHint")).toBe("p. ex. group_participants/women = gender:women");
    // The values filled in are people's text and codes: inserted as typed.
    expect(fr("kobo.skip.invalid", { field: "a", problem: "x : y ?" })).toBe(`a${n}: x : y ?`);
  });

  it("no French text is left with a plain or no-break space before the signs, and English is untouched", () => {
    for (const key of Object.keys(messages.fr) as (keyof typeof messages.fr)[]) {
      expect(fr(key), key).not.toMatch(/[ \u00a0][:;?!%»]|«[ \u00a0]/);
      expect(translator("en")(key), key).toBe(messages.en[key]);
    }
  });

  it("the French catalogue types no narrow space by hand: the i18n layer adds it", () => {
    for (const text of Object.values(messages.fr)) expect(text).not.toContain(n);
  });

  it("a label before its value takes its colon from the catalogue: a narrow space before it in French only", () => {
    expect(fr("label.colon", { label: fr("dashboard.score") })).toBe(`Progrès par rapport à l’attendu${n}:`);
    expect(translator("en")("label.colon", { label: translator("en")("dashboard.score") })).toBe(
      "Progress against expected:",
    );
  });

  it("no page types a colon after a translated label itself (it would lose the French space)", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : name.endsWith(".tsx") ? [full] : [];
      });
    const colonAfterLabel = /\{t\("[^"]+"\)\} ?:|\$\{t\("[^"]+"\)\}:/;
    const offending = files("app").filter((file) => colonAfterLabel.test(readFileSync(file, "utf8")));
    expect(offending).toEqual([]);
  });

  it("formats a percentage the French way in French", () => {
    expect(formatPercent(45, "fr")).toBe(`45${n}%`);
    expect(formatPercent(12.5, "fr")).toBe(`12,5${n}%`);
    expect(formatPercent(45, "en")).toBe("45 %");
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

describe("message keys used as strings", () => {
  it("every key named in a zod message or an error code exists in the catalogue", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const path = await import("node:path");
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = path.join(dir, name);
        return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
      });
    const keyPattern = /"((?:signIn|secondFactor|password|users|account|sessions|audit|role)\.[a-zA-Z_]+)"/g;
    const policyActions = new Set(["account.manage", "users.manage", "audit.read"]);
    const used = new Set(
      files("app")
        .flatMap((file) => [...readFileSync(file, "utf8").matchAll(keyPattern)].map((m) => m[1] as string))
        .filter((key) => !policyActions.has(key)),
    );
    const problemKinds = ["tooShort", "tooLong", "common", "sameAsEmail"].map((p) => `password.${p}`);
    const accountProblems = ["emailTaken", "funderRequired", "accessUntilRequired", "lastAdmin"].map(
      (p) => `users.${p}`,
    );
    for (const key of [...used, ...problemKinds, ...accountProblems])
      expect(messages.en, key).toHaveProperty([key as string]);
  });
});
