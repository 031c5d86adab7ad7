/**
 * In `npm run dev:mocks` (Vite's `mocks` mode) the fake KoboToolbox of tests/mocks answers the app's requests to
 * https://kf.mock.kobo. Vite replaces `import.meta.env.MODE` when it builds, so in the production build (`npm start`)
 * the condition is `"production" === "mocks"` and the import below is dropped: the mocks cannot load there.
 */
export type KoboMockInfo = { server: string; token: string; forms: string[]; failingServer: string };

export async function koboDevMocks(): Promise<KoboMockInfo | null> {
  if (import.meta.env.MODE === "mocks") {
    const { startKoboDevMocks } = await import("../../tests/mocks/dev");
    return startKoboDevMocks();
  }
  return null;
}
