import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, auditLabel, isAuditAction } from "./actions";

const KEY = /^[a-z]+(?:\.[a-z-]+)+$/;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every action key written as a literal where an audit event is recorded: `action: "…"` (also in a ternary) and recordAccess(…, "…"). */
function recordedKeys(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of [...sourceFiles("app"), ...sourceFiles("scripts")]) {
    const lines = fs.readFileSync(file, "utf8").split("\n");
    lines.forEach((line, i) => {
      if (!/\baction: |recordAccess\(/.test(line)) return;
      for (const [, key] of line.matchAll(/"([^"]+)"/g)) if (KEY.test(key!)) found.set(key!, `${file}:${i + 1}`);
    });
  }
  return found;
}

describe("the audit action registry", () => {
  it("names every action the app records (the type checks the rest)", () => {
    const keys = recordedKeys();
    expect(keys.size).toBeGreaterThan(30);
    const missing = [...keys].filter(([key]) => !isAuditAction(key)).map(([key, where]) => `${key} (${where})`);
    expect(missing, "recorded actions without a label in actions.ts").toEqual([]);
  });

  it("gives every action a Swedish label of its own, never its key", () => {
    for (const [key, label] of Object.entries(AUDIT_ACTIONS)) {
      expect(label.trim(), key).not.toBe("");
      expect(label, key).not.toBe(key);
      expect(label, key).toMatch(/^[A-ZÅÄÖ]/);
      expect(label, key).not.toMatch(KEY);
    }
    const labels = Object.values(AUDIT_ACTIONS);
    expect(new Set(labels).size, "two actions share a label: the log's filter could not tell them apart").toBe(labels.length);
  });

  it("labels a recorded action, and shows an unregistered one (an old row) as stored", () => {
    expect(auditLabel("person.invited")).toBe("Lades till och bjöds in");
    expect(auditLabel("person.erased")).toBe("Personuppgifter raderade");
    expect(auditLabel("crisis.reviewed")).toBe("Markerade planen som granskad");
    expect(auditLabel("something.retired")).toBe("something.retired");
  });
});
