import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// The app server, the SMTP sink, the sink's HTTP view and the reply mailbox's
// IMAP server listen on free ports the kernel picks at start
// (scripts/free-port.mjs), so two runs side by side never collide; E2E_PORT,
// E2E_SMTP_PORT, E2E_SMTP_HTTP_PORT and E2E_IMAP_PORT pin them. The
// choice goes into process.env, where Playwright's workers (which load this
// file again) and tests/e2e/fixtures.ts read it.
const unset = ["E2E_PORT", "E2E_SMTP_PORT", "E2E_SMTP_HTTP_PORT", "E2E_IMAP_PORT"].filter((name) => !process.env[name]);
if (unset.length > 0) {
  const ports = execFileSync(process.execPath, ["scripts/free-port.mjs", String(unset.length)], { cwd: import.meta.dirname, encoding: "utf8" })
    .trim()
    .split("\n");
  unset.forEach((name, i) => (process.env[name] = ports[i]));
}
export const PORT = Number(process.env.E2E_PORT);
export const SMTP_PORT = Number(process.env.E2E_SMTP_PORT);
export const SMTP_HTTP_PORT = Number(process.env.E2E_SMTP_HTTP_PORT);
export const IMAP_PORT = Number(process.env.E2E_IMAP_PORT);
// Debian's chromium where Playwright's own browser cannot be downloaded.
const chromiumPath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? "list" : "line",
  timeout: 30_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: [
    {
      command: "npx tsx tests/e2e/smtp-sink-server.ts",
      url: `http://127.0.0.1:${SMTP_HTTP_PORT}/messages`,
      env: { SMTP_SINK_PORT: String(SMTP_PORT), SMTP_SINK_HTTP_PORT: String(SMTP_HTTP_PORT) },
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      // The district's reply mailbox: a private dovecot (one account, svar/svar) the app reads over IMAP.
      command: `rm -rf tests/.tmp/e2e-imap && bash scripts/imap-server.sh run tests/.tmp/e2e-imap ${IMAP_PORT}`,
      port: IMAP_PORT,
      timeout: 30_000,
      reuseExistingServer: false,
    },
    {
      command: "bash scripts/e2e-server.sh",
      url: `http://localhost:${PORT}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: {
        PORT: String(PORT),
        PUBLIC_URL: `http://localhost:${PORT}`,
        TRUST_PROXY: "true",
        SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
        MAIL_POLL_MS: "300",
        REPLY_MAILBOX: "handledning@demo.ledarlyftet.se",
        IMAP_URL: `imap://svar:svar@127.0.0.1:${IMAP_PORT}`,
        IMAP_POLL_SECONDS: "5",
        // Follow-up e-mail at any hour of the run: nudges outside the night, and this week's digest due since Monday 00:00.
        NUDGE_HOURS: "0-24",
        DIGEST_WEEKDAY: "1",
        DIGEST_HOUR: "0",
      },
    },
  ],
});
