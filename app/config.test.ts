import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.server";

describe("configuration", () => {
  it("has safe defaults for the demo", () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBe("file:./data/ledarlyftet.db");
    expect(config.PORT).toBe(3000);
    expect(config.DEMO_DATA).toBe(true);
  });

  it("selects SQLite with file: and PostgreSQL with postgres://, and refuses anything else", () => {
    expect(parseConfig({ DATABASE_URL: "file:/srv/ledarlyftet.db" }).DATABASE_URL).toBe("file:/srv/ledarlyftet.db");
    expect(parseConfig({ DATABASE_URL: "postgres://app:pw@db.internal:5432/ledarlyftet" }).DATABASE_URL).toMatch(/^postgres:/);
    expect(parseConfig({ DATABASE_URL: "postgresql://app@db.internal/ledarlyftet" }).DATABASE_URL).toMatch(/^postgresql:/);
    expect(() => parseConfig({ DATABASE_URL: "mysql://app@db.internal/ledarlyftet" })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ DATABASE_URL: "./data/ledarlyftet.db" })).toThrow(/DATABASE_URL/);
  });

  it("points e-mailed links at the port the server listens on when PUBLIC_URL is not set", () => {
    expect(parseConfig({}).PUBLIC_URL).toBe("http://localhost:3000");
    expect(parseConfig({ PORT: "4101" }).PUBLIC_URL).toBe("http://localhost:4101");
    expect(parseConfig({ PORT: "4101", PUBLIC_URL: "https://ledarlyftet.example.se" }).PUBLIC_URL).toBe("https://ledarlyftet.example.se");
  });

  it("sends handledning reminders 24 hours ahead unless told otherwise, within a day and a week", () => {
    expect(parseConfig({}).REMINDER_HOURS).toBe(24);
    expect(parseConfig({ REMINDER_HOURS: "2" }).REMINDER_HOURS).toBe(2);
    expect(() => parseConfig({ REMINDER_HOURS: "0" })).toThrow(/REMINDER_HOURS/);
    expect(() => parseConfig({ REMINDER_HOURS: "500" })).toThrow(/REMINDER_HOURS/);
  });

  it("reads calendar answers only from a reply mailbox given with its IMAP address and login, never half configured", () => {
    expect(parseConfig({}).REPLY_MAILBOX).toBeUndefined();
    const both = parseConfig({ REPLY_MAILBOX: "handledning@norrbotten.example", IMAP_URL: "imaps://handledning:hemligt@imap.example:993" });
    expect(both.REPLY_MAILBOX).toBe("handledning@norrbotten.example");
    expect(both.IMAP_POLL_SECONDS).toBe(60);
    expect(() => parseConfig({ REPLY_MAILBOX: "handledning@norrbotten.example" })).toThrow(/IMAP_URL/);
    expect(() => parseConfig({ IMAP_URL: "imap://u:p@localhost:143" })).toThrow(/REPLY_MAILBOX/);
    expect(() => parseConfig({ REPLY_MAILBOX: "inte en adress", IMAP_URL: "imap://u:p@localhost:143" })).toThrow(/REPLY_MAILBOX/);
    expect(() => parseConfig({ REPLY_MAILBOX: "a@b.se", IMAP_URL: "imap://localhost:143" })).toThrow(/IMAP_URL.*användare och lösenord/);
    expect(() => parseConfig({ REPLY_MAILBOX: "a@b.se", IMAP_URL: "https://u:p@localhost" })).toThrow(/IMAP_URL/);
    expect(() => parseConfig({ REPLY_MAILBOX: "a@b.se", IMAP_URL: "imap://u:p@localhost:143", IMAP_POLL_SECONDS: "1" })).toThrow(/IMAP_POLL_SECONDS/);
  });

  it("refuses to start in production with the demo secret", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET/);
    expect(parseConfig({ NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) }).NODE_ENV).toBe("production");
  });

  it("names each bad variable", () => {
    expect(() => parseConfig({ PORT: "abc", PUBLIC_URL: "inte en url", DEMO_DATA: "kanske" })).toThrow(
      /PORT[\s\S]*PUBLIC_URL[\s\S]*DEMO_DATA|PORT[\s\S]*DEMO_DATA[\s\S]*PUBLIC_URL/,
    );
    expect(parseConfig({ DEMO_DATA: "false" }).DEMO_DATA).toBe(false);
  });

  it("flags accounts as inactive after a year unless told otherwise, and refuses nonsense", () => {
    expect(parseConfig({}).INACTIVE_AFTER_DAYS).toBe(365);
    expect(parseConfig({ INACTIVE_AFTER_DAYS: "180" }).INACTIVE_AFTER_DAYS).toBe(180);
    expect(() => parseConfig({ INACTIVE_AFTER_DAYS: "7" })).toThrow(/INACTIVE_AFTER_DAYS/);
    expect(() => parseConfig({ INACTIVE_AFTER_DAYS: "ett år" })).toThrow(/INACTIVE_AFTER_DAYS/);
  });

  it("takes the mail claim time from MAIL_CLAIM_MS within sane bounds", () => {
    expect(parseConfig({}).MAIL_CLAIM_MS).toBe(60_000);
    expect(parseConfig({ MAIL_CLAIM_MS: "5000" }).MAIL_CLAIM_MS).toBe(5000);
    expect(() => parseConfig({ MAIL_CLAIM_MS: "10" })).toThrow(/MAIL_CLAIM_MS/);
    expect(() => parseConfig({ MAIL_CLAIM_MS: "soon" })).toThrow(/MAIL_CLAIM_MS/);
  });

  it("sessions idle out after 8 hours and end after 30 days unless told otherwise; an idle time past the lifetime is refused", () => {
    expect(parseConfig({})).toMatchObject({ SESSION_IDLE_MINUTES: 480, SESSION_MAX_DAYS: 30 });
    expect(parseConfig({ SESSION_IDLE_MINUTES: "30", SESSION_MAX_DAYS: "1" })).toMatchObject({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_DAYS: 1 });
    expect(() => parseConfig({ SESSION_IDLE_MINUTES: "2000", SESSION_MAX_DAYS: "1" })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => parseConfig({ SESSION_IDLE_MINUTES: "0" })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => parseConfig({ SESSION_MAX_DAYS: "forever" })).toThrow(/SESSION_MAX_DAYS/);
  });
});
