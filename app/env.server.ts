import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const flag = z.enum(["true", "false"]).transform((value) => value === "true");

/** Funders see breakdown counts below it as "< N" (docs/rollup.md, "Small counts"); the dashboards read it alone. */
export const smallCountThresholdSetting = z.coerce.number().int().min(1).max(1000).default(5);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || /^postgres(ql)?:\/\/[^/]+/.test(value), {
      message: "must be a postgres:// or postgresql:// URL",
    }),
  DATA_DIR: z.string().trim().min(1).default(".data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SEED: z.enum(["nswp", "none"]).default("nswp"),
  /** Demo mode: demo users, the demo password on the sign-in page, plain-http cookies. Default: on when embedded. */
  DEMO: flag.optional(),
  /** Encrypts stored secrets (TOTP seeds, API tokens). Required outside demo mode. */
  APP_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  SMALL_COUNT_THRESHOLD: smallCountThresholdSetting,
  /** Express's "trust proxy": false (default), true, a hop count, or a subnet list. Needed behind a load balancer. */
  TRUST_PROXY: z
    .string()
    .default("false")
    .transform((value) =>
      value === "true" ? true : value === "false" ? false : /^\d+$/.test(value) ? Number(value) : value,
    ),
});

/** A configuration value a person must fix; its message names the variable. */
export class InvalidEnvironment extends Error {
  override name = "InvalidEnvironment";
}

export type Env = Omit<z.infer<typeof envSchema>, "DEMO" | "APP_SECRET"> & {
  pgliteDir: string;
  demo: boolean;
  /** Use `appSecretOf(env)`: only what seals secrets needs it, so CLI commands run without it. */
  appSecret: string | undefined;
};

/** Reads the environment once; a bad value stops the process with a message naming the variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidEnvironment(`Invalid environment: ${problems.join("; ")}`);
  }
  const { DEMO, APP_SECRET, ...env } = parsed.data;
  const demo = DEMO ?? env.DATABASE_URL === undefined;
  return {
    ...env,
    pgliteDir: path.resolve(env.DATA_DIR, "pglite"),
    demo,
    appSecret: APP_SECRET ?? (demo ? demoSecret(env.DATA_DIR) : undefined),
  };
}

/** The application secret; outside demo mode it must be configured. */
export function appSecretOf(env: Env): string {
  if (env.appSecret) return env.appSecret;
  throw new InvalidEnvironment(
    "Invalid environment: APP_SECRET: required outside demo mode (at least 32 random characters, e.g. `openssl rand -base64 48`)",
  );
}

/** In demo mode without APP_SECRET, a random secret kept beside the embedded database. */
function demoSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "app-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
