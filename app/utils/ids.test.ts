import { describe, expect, it } from "vitest";
import { newId } from "./ids.server";

describe("ids for rows written in plain SQL", () => {
  it("are unique, cuid-shaped and sort in the order they were made", () => {
    const ids = Array.from({ length: 5_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect([...ids].sort()).toEqual(ids);
  });
});
