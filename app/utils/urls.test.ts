import { describe, expect, it } from "vitest";
import { linkableUrl } from "./urls";

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
