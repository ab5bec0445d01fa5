import { describe, expect, it } from "vitest";
import { HOSTILE_REDIRECTS } from "../../tests/support/hostile-redirects";
import { safeRedirectPath } from "./redirect-target";

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
