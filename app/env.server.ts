import path from "node:path";
import { z } from "zod";

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
});

/** A configuration value a person must fix; its message names the variable. */
export class InvalidEnvironment extends Error {
  override name = "InvalidEnvironment";
}

export type Env = z.infer<typeof envSchema> & { pgliteDir: string };

/** Reads the environment once; a bad value stops the process with a message naming the variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new InvalidEnvironment(`Invalid environment: ${problems.join("; ")}`);
  }
  return { ...parsed.data, pgliteDir: path.resolve(parsed.data.DATA_DIR, "pglite") };
}
