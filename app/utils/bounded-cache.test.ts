import { describe, expect, it } from "vitest";
import { BoundedCache } from "./bounded-cache";

const textCache = (maxSize: number, maxEntrySize: number) => new BoundedCache<string>(maxSize, maxEntrySize, (text) => text.length);

describe("BoundedCache", () => {
  it("keeps a text only when it is offered a second time", () => {
    const cache = textCache(100, 50);
    cache.offer("a", "first");
    expect(cache.get("a")).toBeUndefined();
    cache.offer("a", "first");
    expect(cache.get("a")).toBe("first");
  });

  it("lets the least recently used go when the total passes its bound, and never keeps a text larger than an entry may be", () => {
    const cache = textCache(10, 6);
    for (const [key, text] of [
      ["a", "aaaa"],
      ["b", "bbbb"],
    ] as const)
      for (let i = 0; i < 2; i++) cache.offer(key, text);
    expect(cache.get("a")).toBe("aaaa"); // a is now the most recently used
    for (let i = 0; i < 2; i++) cache.offer("c", "cccc");
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBe("aaaa");
    expect(cache.get("c")).toBe("cccc");
    for (let i = 0; i < 2; i++) cache.offer("d", "ddddddd");
    expect(cache.get("d")).toBeUndefined();
  });
});
