import { redirect } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { action as branchesAction } from "~/routes/admin.branches._index";
import { formRequest, settle, signedIn } from "./helpers";

// The custom matchers of tests/setup/matchers.ts, on answers made the way the routes make them.
describe("toRedirectTo and toFlash", () => {
  let added: Response;
  beforeAll(async () => {
    const admin = await signedIn({ roles: ["admin"] });
    added = await settle(() =>
      branchesAction({
        request: formRequest("/admin/branches", { name: "Testby" }, { cookie: admin.cookie }),
        context: { clientAddress: "203.0.113.5" },
        params: {},
      }),
    );
  });

  it("toRedirectTo takes a 302 or 303 with the Location, exact or by RegExp", () => {
    expect(added).toRedirectTo("/admin/branches");
    expect(redirect("/courses", 303)).toRedirectTo("/courses");
    expect(redirect("/login?redirectTo=%2Fx")).toRedirectTo(/^\/login\?redirectTo=/);
    expect(redirect("/courses")).not.toRedirectTo("/course");
    expect(new Response("ok", { headers: { Location: "/courses" } })).not.toRedirectTo("/courses");
    expect(redirect("/courses", 301)).not.toRedirectTo("/courses");
    expect(() => expect(new Response("nej", { status: 403 })).toRedirectTo("/")).toThrow('expected a redirect (302/303) to "/", but got 403 with no Location');
    expect({ status: 302, location: "/a" }).toRedirectTo("/a");
    expect({ status: 302, headers: { location: "/b" } }).toRedirectTo("/b");
  });

  it("toFlash reads the signed flash cookie with the app's readFlash", async () => {
    await expect(added).toFlash("Testby är tillagd");
    await expect(added).toFlash(/^Testby .*\.$/);
    await expect(added).not.toFlash("Uppgiften är godkänd");
    await expect(expect(redirect("/courses")).toFlash("Sparat")).rejects.toThrow("sets no ledarlyftet_flash cookie");
    // Not signed with SESSION_SECRET: no flash the app would show.
    const forged = new Response(null, {
      status: 302,
      headers: { "Set-Cookie": `ledarlyftet_flash=${btoa(JSON.stringify({ __flash_message__: "Falsk" }))}.c2ln; Path=/` },
    });
    await expect(forged).not.toFlash("Falsk");
  });
});
