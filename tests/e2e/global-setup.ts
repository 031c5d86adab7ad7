import type { TestProject } from "vitest/node";
import { startApp } from "../support/app-server";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Starts the app as `npm start` does, on a free port with a fresh data folder, and stops it after the browser tests. */
export default async function setup(project: TestProject) {
  const { baseUrl, stop } = await startApp();
  project.provide("baseUrl", baseUrl);
  return stop;
}
