import { describe, expect, it } from "vitest";
import { linkableUrl, telHref } from "./urls";

describe("linkableUrl", () => {
  it("keeps http(s) addresses and drops every other scheme, however it is spelled", () => {
    expect(linkableUrl("https://meet.example.se/rum")).toBe("https://meet.example.se/rum");
    expect(linkableUrl("http://example.se")).toBe("http://example.se/");
    for (const bad of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "\u0000javascript:alert(1)",
      "data:text/html,<script>",
      "vbscript:x",
      "//evil.example",
      "/relativ",
      "",
      null,
      undefined,
    ]) {
      expect(linkableUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe("telHref", () => {
  it("keeps the digits and a leading plus of a number as people type it", () => {
    expect(telHref("070-123 45 67")).toBe("tel:0701234567");
    expect(telHref("+46 920-12 34 56")).toBe("tel:+46920123456");
    expect(telHref("114 14")).toBe("tel:11414");
  });
});
