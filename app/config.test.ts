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
});
