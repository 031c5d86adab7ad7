import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { I18nContext, translator } from "../i18n/i18n";
import { Conversation } from "./components";

describe("an entry's conversation", () => {
  it("marks a note with the language it is written in, so a French page reads an English note as English", () => {
    const html = renderToStaticMarkup(
      <I18nContext.Provider value={{ locale: "fr", t: translator("fr") }}>
        <Conversation
          notes={[
            {
              id: 1,
              kind: "returned",
              body: "Please attach the attendance sheets.",
              language: "en",
              at: "2026-05-01T10:00:00Z",
              authorName: "Officer",
            },
            {
              id: 2,
              kind: "answered",
              body: "Fait.",
              language: null,
              at: "2026-05-02T10:00:00Z",
              authorName: "A",
            },
          ]}
        />
      </I18nContext.Provider>,
    );
    expect(html).toContain('<p class="note-body" lang="en">Please attach the attendance sheets.</p>');
    // A note whose language is not known takes the page's.
    expect(html).toContain('<p class="note-body">Fait.</p>');
  });
});
