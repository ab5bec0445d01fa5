import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./database-url";

const DEMO_SECRET = "ledarlyftet-demo-secret-change-me-in-production";

const booleanFlag = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => v === "true" || v === "1" || v === "yes");

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
    /** The address people reach the app at, for e-mailed links; without it, this machine on PORT. */
    PUBLIC_URL: z.string().url().optional(),
    /** Load the demo people on an empty database. */
    DEMO_DATA: booleanFlag.default("true"),
    /** smtp://host:port (or smtps://user:pass@host) for e-mail; without it mail stays in the in-app outbox. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, "SMTP_URL ska vara smtp://värd:port eller smtps://…")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Ledarlyftet <noreply@ledarlyftet.se>"),
    /** How often the outbox worker looks for mail to send. */
    MAIL_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
    /**
     * How long a worker holds a message it claimed; a crashed server's claims run
     * out after this and another worker (or the restarted one) sends the message.
     */
    MAIL_CLAIM_MS: z.coerce
      .number()
      .int()
      .min(1000, "MAIL_CLAIM_MS måste vara minst 1000")
      .max(3_600_000, "MAIL_CLAIM_MS får vara högst 3600000")
      .default(60_000),
    /**
     * The district's mailbox for calendar answers, e.g. handledning@norrbotten.example. Invitations
     * name it as ORGANIZER (with the facilitator's name), so Accept in Outlook, Gmail, Apple
     * Calendar or Thunderbird reaches the app. Set together with IMAP_URL; without both, answers
     * are given in the app only.
     */
    REPLY_MAILBOX: z.string().trim().email("REPLY_MAILBOX ska vara en e-postadress").optional(),
    /** imap://user:password@host:143 or imaps://user:password@host:993: where the app reads REPLY_MAILBOX's inbox. */
    IMAP_URL: z
      .string()
      .url("IMAP_URL ska vara imap://användare:lösenord@värd:port eller imaps://…")
      .refine((value) => {
        const url = new URL(value);
        return (url.protocol === "imap:" || url.protocol === "imaps:") && url.username !== "" && url.password !== "" && url.hostname !== "";
      }, "IMAP_URL ska vara imap://användare:lösenord@värd:port eller imaps://…, med användare och lösenord")
      .optional(),
    /** How often the reply mailbox is read (seconds). */
    IMAP_POLL_SECONDS: z.coerce.number().int().min(5, "IMAP_POLL_SECONDS ska vara minst 5").max(3600, "IMAP_POLL_SECONDS får vara högst 3600").default(60),
    /** How long before a handledning session its reminder e-mail goes out (hours). */
    REMINDER_HOURS: z.coerce.number().int().min(1, "REMINDER_HOURS ska vara minst 1").max(168, "REMINDER_HOURS får vara högst 168 (en vecka)").default(24),
    /** A participant in a running cohort with no progress for this many days gets one friendly nudge. */
    NUDGE_AFTER_DAYS: z.coerce.number().int().min(1, "NUDGE_AFTER_DAYS ska vara minst 1").max(365).default(10),
    /** Never more than one nudge to the same person within this many days. */
    NUDGE_INTERVAL_DAYS: z.coerce.number().int().min(1, "NUDGE_INTERVAL_DAYS ska vara minst 1").max(365).default(14),
    /** The Swedish hours nudges go out in, "8-20": nobody gets one in the night. */
    NUDGE_HOURS: z
      .string()
      .trim()
      .regex(/^\d{1,2}-\d{1,2}$/, "NUDGE_HOURS ska se ut som 8-20")
      .transform((text) => text.split("-").map(Number) as [number, number])
      .refine(([from, to]) => from < to && to <= 24, "NUDGE_HOURS: första timmen ska vara före den sista, och högst 24")
      .default("8-20"),
    /** The weekly digest to facilitators: weekday (1 = måndag … 7 = söndag) and hour, Swedish time. */
    DIGEST_WEEKDAY: z.coerce.number().int().min(1, "DIGEST_WEEKDAY ska vara 1–7 (1 = måndag)").max(7, "DIGEST_WEEKDAY ska vara 1–7 (1 = måndag)").default(1),
    DIGEST_HOUR: z.coerce.number().int().min(0, "DIGEST_HOUR ska vara 0–23").max(23, "DIGEST_HOUR ska vara 0–23").default(7),
    /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
    TRUST_PROXY: booleanFlag.default("false"),
    /** Accounts with no login (or, never logged in, created) for this many days are flagged for an admin to review. */
    INACTIVE_AFTER_DAYS: z.coerce.number().int().min(30, "INACTIVE_AFTER_DAYS ska vara minst 30").max(3650).default(365),
    /** Serve a document rendered before from the same URL and loader data again instead of rendering it anew (render-cache.server.ts). */
    RENDER_CACHE: booleanFlag.default("true"),
    /** Who to contact about personal data, shown on /integritet. */
    PRIVACY_CONTACT: z.string().trim().min(3).max(300).default("Socialdemokraterna i Norrbotten, distriktsexpeditionen"),
    /** A session unused for this long ends (8 hours by default). */
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(5, "SESSION_IDLE_MINUTES ska vara minst 5").max(43_200).default(480),
    /** No session lives longer than this from login, however much it is used. */
    SESSION_MAX_DAYS: z.coerce.number().int().min(1, "SESSION_MAX_DAYS ska vara minst 1").max(365).default(30),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.REPLY_MAILBOX) !== Boolean(env.IMAP_URL)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [env.REPLY_MAILBOX ? "IMAP_URL" : "REPLY_MAILBOX"],
        message: "REPLY_MAILBOX and IMAP_URL go together: the address invitations name, and where the app reads it",
      });
    }
    if (env.SESSION_IDLE_MINUTES > env.SESSION_MAX_DAYS * 24 * 60) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_IDLE_MINUTES"],
        message: "the idle timeout cannot be longer than SESSION_MAX_DAYS",
      });
    }
    if (env.NODE_ENV === "production" && env.SESSION_SECRET === DEMO_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "refusing to start in production with the demo secret: set SESSION_SECRET",
      });
    }
  })
  .transform(({ PUBLIC_URL, ...env }) => ({ ...env, PUBLIC_URL: PUBLIC_URL ?? `http://localhost:${env.PORT}` }));

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
