import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { secretWeakness } from "./auth/secret-strength";

const flag = z.enum(["true", "false"]).transform((value) => value === "true");

const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info");
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
  /**
   * Demo mode: demo users, the demo password on the sign-in page, plain-http cookies. Default: on when neither
   * APP_SECRET nor DATABASE_URL is set (docs/decisions/010-demo-mode.md); an explicit `true` also serves other machines.
   */
  DEMO: flag.optional(),
  /** Encrypts stored secrets (TOTP seeds, API tokens). Required outside demo mode; must be random (secret-strength). */
  APP_SECRET: z
    .string()
    .optional()
    .superRefine((value, context) => {
      const weakness = value === undefined ? null : secretWeakness(value);
      if (weakness) context.addIssue({ code: "custom", message: weakness });
    }),
  /**
   * The secret APP_SECRET replaces, during a rotation only: values sealed under it still open until
   * `cli rotate-secret` has sealed them again. Not checked for strength: a weak old secret is what one rotates away from.
   */
  APP_SECRET_PREVIOUS: z
    .string()
    .optional()
    .transform((value) => value || undefined),
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
  /**
   * Express's "trust proxy": false (default), a hop count, or a comma list of trusted proxy addresses / subnets.
   * `true` is refused: it would take the client-supplied left-most X-Forwarded-For.
   */
  TRUST_PROXY: z.string().trim().default("false").transform(parseTrustProxy),
  /** The least severe log events written (app/logger.server.ts); "silent" writes none. */
  LOG_LEVEL: logLevel,
});

/** LOG_LEVEL alone, for the logger, which exists before the rest is read; a bad value is reported by `readEnv`. */
export const readLogLevel = (source: NodeJS.ProcessEnv = process.env) =>
  logLevel.catch("info").parse(source.LOG_LEVEL);

type TrustProxy = false | number | string[];

/** The presets Express (proxy-addr) knows by name. */
const proxyPresets = new Set(["loopback", "linklocal", "uniquelocal"]);

/** An address or a subnet (`10.0.0.0/8`, `fd00::/8`), or a proxy-addr preset. */
function isTrustedProxyEntry(entry: string) {
  if (proxyPresets.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (!version || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function parseTrustProxy(value: string, context: z.RefinementCtx): TrustProxy {
  if (value === "" || value === "false") return false;
  if (value === "true") {
    context.addIssue({
      code: "custom",
      message:
        "`true` is refused: it trusts the left-most X-Forwarded-For, which any client can write. Give the number of proxies in front of the app (e.g. 1) or their addresses/subnets (e.g. 10.0.0.0/8)",
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops >= 1 && hops <= 10) return hops;
    context.addIssue({ code: "custom", message: "a hop count must be between 1 and 10 (or `false`)" });
    return z.NEVER;
  }
  const entries = value.split(",").map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isTrustedProxyEntry(entry));
  if (bad.length) {
    context.addIssue({
      code: "custom",
      message: `not an IP address or subnet: ${bad.map((entry) => JSON.stringify(entry)).join(", ")} (expected \`false\`, a hop count, or a comma list such as 10.0.0.0/8,::1)`,
    });
    return z.NEVER;
  }
  return entries;
}

/** A configuration value a person must fix; its message names the variable. */
export class InvalidEnvironment extends Error {
  override name = "InvalidEnvironment";
}

export type Env = Omit<z.infer<typeof envSchema>, "DEMO" | "APP_SECRET" | "APP_SECRET_PREVIOUS"> & {
  pgliteDir: string;
  demo: boolean;
  /**
   * Demo mode that nobody asked for explicitly (a fresh clone's `npm start`): the server listens on loopback only
   * and answers only requests addressed to localhost. False outside demo mode and with DEMO=true.
   */
  demoLoopbackOnly: boolean;
  /** Use `appSecretOf(env)`: only what seals secrets needs it, so CLI commands run without it. */
  appSecret: string | undefined;
  /** APP_SECRET_PREVIOUS: use `appSecretsOf(env)`. */
  appSecretPrevious: string | undefined;
};

/** Reads the environment once; a bad value stops the process with a message naming the variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidEnvironment(`Invalid environment: ${problems.join("; ")}`);
  }
  const { DEMO, APP_SECRET, APP_SECRET_PREVIOUS, ...env } = parsed.data;
  if (APP_SECRET_PREVIOUS !== undefined && (APP_SECRET === undefined || APP_SECRET_PREVIOUS === APP_SECRET))
    throw new InvalidEnvironment(
      "Invalid environment: APP_SECRET_PREVIOUS: set only while rotating, to the secret APP_SECRET replaces (see `npm run cli -- rotate-secret`)",
    );
  // docs/decisions/010-demo-mode.md: APP_SECRET means a real installation, whatever the database.
  if (DEMO === true && APP_SECRET !== undefined) {
    throw new InvalidEnvironment(
      "Invalid environment: DEMO=true and APP_SECRET cannot be set together: APP_SECRET means a real installation, which is never in demo mode. Unset DEMO (or APP_SECRET, for a demo).",
    );
  }
  const demo = DEMO ?? (APP_SECRET === undefined && env.DATABASE_URL === undefined);
  return {
    ...env,
    pgliteDir: path.resolve(env.DATA_DIR, "pglite"),
    demo,
    demoLoopbackOnly: demo && DEMO !== true,
    appSecret: APP_SECRET ?? (demo ? demoSecret(env.DATA_DIR) : undefined),
    appSecretPrevious: APP_SECRET_PREVIOUS,
  };
}

/** The application secret; outside demo mode it must be configured. */
export function appSecretOf(env: Env): string {
  if (env.appSecret) return env.appSecret;
  throw new InvalidEnvironment(
    "Invalid environment: APP_SECRET: required outside demo mode (at least 32 random characters, e.g. `openssl rand -base64 48`)",
  );
}

/** The secrets that seal and open stored secrets: APP_SECRET, and during a rotation APP_SECRET_PREVIOUS. */
export function appSecretsOf(env: Env): { current: string; previous: string | undefined } {
  return { current: appSecretOf(env), previous: env.appSecretPrevious };
}

/** In demo mode without APP_SECRET, a random secret kept beside the embedded database. */
function demoSecret(dataDir: string): string {
  const file = path.resolve(dataDir, "app-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64");
  try {
    // Exclusive: two processes starting together (the server and a CLI command) keep one secret, the first one's.
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return readFileSync(file, "utf8").trim();
  }
  return secret;
}
