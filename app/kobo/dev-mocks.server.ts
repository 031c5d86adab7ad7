/**
 * What the KoboToolbox pages tell a developer in `npm run dev:mocks` (Vite's `mocks` mode): where the simulated
 * KoboToolbox answers and what to type. The simulation itself is started once by the server entry
 * (app/entry.server.tsx → app/mocks/node.ts); this module only describes it, and imports no mock code.
 */
export type KoboMockInfo = { server: string; token: string; forms: string[]; failingServer: string };

/** The simulated servers: app/mocks/node.ts serves these addresses, token and forms. */
export const koboMockInfo: KoboMockInfo = {
  server: "https://kf.mock.kobo",
  token: "mock-kobo-token",
  forms: ["aNswpAcademyCycles", "aRegionalTrainings"],
  failingServer: "https://down.mock.kobo",
};

/** The mock notice's content in mocks mode, null otherwise (Vite replaces `import.meta.env.MODE` when it builds). */
export function koboDevMocks(): KoboMockInfo | null {
  return import.meta.env.MODE === "mocks" ? koboMockInfo : null;
}
