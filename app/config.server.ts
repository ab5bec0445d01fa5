import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./database-url";

const DEMO_SECRET = "ledarlyftet-demo-secret-change-me-in-production";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** file:… for the embedded SQLite database, postgres://… for PostgreSQL (several app servers). */
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "DATABASE_URL måste börja med file: (SQLite) eller postgres:// (PostgreSQL)")
      .default(DEFAULT_DATABASE_URL),
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET måste vara minst 32 tecken").default(DEMO_SECRET),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.string().url().default("http://localhost:3000"),
    /** Load the demo people on an empty database. */
    DEMO_DATA: booleanFlag.default("true"),
    /** smtp://host:port (or smtps://user:pass@host) for e-mail; without it mail stays in the in-app outbox. */
    SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, "SMTP_URL ska vara smtp://värd:port eller smtps://…").optional(),
    MAIL_FROM: z.string().min(3).default("Ledarlyftet <noreply@ledarlyftet.se>"),
    /** How often the outbox worker looks for mail to send. */
    MAIL_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
    TRUST_PROXY: booleanFlag.default("false"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.SESSION_SECRET === DEMO_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "refusing to start in production with the demo secret: set SESSION_SECRET",
      });
    }
  });

export type Config = z.infer<typeof envSchema>;

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

export const config = parseConfig(process.env);
