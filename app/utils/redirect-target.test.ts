import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect-target";

/** Each would take a browser (or a proxy that decodes once more) to another site, or break the Location header. */
const HOSTILE_REDIRECTS = [
  "/%09/evil.example",
  "/\tevil",
  "/\nx",
  "\\\\evil.example",
  "/\\evil.example",
  "//evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "https://evil.example",
  "javascript:alert(1)",
  "/courses\r\nSet-Cookie: ledarlyftet_session=planted",
  "/%0d%0aSet-Cookie:%20x=y",
  "/%252F%252Fevil.example",
  "/%5Cevil.example",
  "/courses\\..\\..\\evil",
  "/x\u0000y",
  "/x\u007fy",
  "/%2F%C3/evil.example",
  "/%25252525252F/evil.example",
  "",
  " /courses",
  "evil.example",
];

describe("safeRedirectPath", () => {
  it.each(HOSTILE_REDIRECTS)("%j lands on /", (to) => {
    expect(safeRedirectPath(to)).toBe("/");
    expect(safeRedirectPath(to, "/my-courses")).toBe("/my-courses");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirectPath(null)).toBe("/");
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(new File(["/courses"], "x"))).toBe("/");
  });

  it("keeps a path on this site with its query and fragment, encoded as a Location header needs", () => {
    expect(safeRedirectPath("/")).toBe("/");
    expect(safeRedirectPath("/courses?x=1#y")).toBe("/courses?x=1#y");
    expect(safeRedirectPath("/admin/people?q=%C3%85sa&page=2")).toBe("/admin/people?q=%C3%85sa&page=2");
    expect(safeRedirectPath("/crisis/luleå")).toBe("/crisis/lule%C3%A5");
    expect(safeRedirectPath("/search?q=100%25")).toBe("/search?q=100%25");
    expect(safeRedirectPath("/a/../courses")).toBe("/courses");
  });
});
