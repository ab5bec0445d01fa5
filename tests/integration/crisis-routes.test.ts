import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTemplate } from "~/modules/crisis/template.server";
import { loader as planLoader, action as planAction } from "~/routes/crisis.$branchSlug._index";
import { loader as nowLoader } from "~/routes/crisis.$branchSlug.now";
import { loader as printLoader } from "~/routes/crisis.$branchSlug.print";
import { loader as templateLoader } from "~/routes/admin.crisis-template";
import { formRequest, getRequest, settle, signedIn } from "./helpers";

const context = { clientAddress: "203.0.113.31" };

const get = (loader: (args: LoaderFunctionArgs) => Promise<unknown>, cookie: string, branchSlug = "gallivare") =>
  settle(() => loader({ request: getRequest(`/crisis/${branchSlug}`, cookie), context, params: { branchSlug } }));

beforeAll(async () => {
  await ensureTemplate(path.resolve("content/krisplan/mall.md"));
});

describe("crisis plan routes", () => {
  it("the chair edits and prints; a member reads only the crisis-now view; an outsider sees nothing, not even the contacts", async () => {
    const chair = await signedIn({ branch: "Gällivare", position: "ordforande" });
    const member = await signedIn({ branch: "Gällivare", position: "medlem" });
    const outsider = await signedIn({ branch: "Kiruna", position: "ordforande" });

    expect((await get(planLoader, chair.cookie)).status).toBe(200);
    expect((await get(printLoader, chair.cookie)).status).toBe(200);
    const added = await settle(() =>
      planAction({
        request: formRequest(
          "/crisis/gallivare",
          { intent: "contact", name: "Eva Ek", role: "Krisansvarig", phone: "070-111 22 33" },
          { cookie: chair.cookie },
        ),
        context,
        params: { branchSlug: "gallivare" },
      }),
    );
    expect(added).toRedirectTo("/crisis/gallivare#kontakter");

    expect((await get(planLoader, member.cookie)).status).toBe(403);
    expect((await get(printLoader, member.cookie)).status).toBe(403);
    const now = await get(nowLoader, member.cookie);
    expect(now.status).toBe(200);
    expect(JSON.stringify(await now.json())).toContain("070-111 22 33");

    for (const loader of [planLoader, nowLoader, printLoader]) expect((await get(loader, outsider.cookie)).status).toBe(403);
    const forged = await settle(() =>
      planAction({
        request: formRequest("/crisis/gallivare", { intent: "reviewed" }, { cookie: member.cookie }),
        context,
        params: { branchSlug: "gallivare" },
      }),
    );
    expect(forged.status).toBe(403);
    expect((await get(planLoader, chair.cookie, "finns-inte")).status).toBe(404);
    expect((await settle(() => templateLoader({ request: getRequest("/admin/crisis-template", chair.cookie), context, params: {} }))).status).toBe(403);
  });

  it("a status of 'ej aktuell' needs a reason, shown beside the field with the typed values kept", async () => {
    const chair = await signedIn({ branch: "Gällivare", position: "ordforande" });
    const page = await (await get(planLoader, chair.cookie)).json();
    const item = page.sections[0].items[0];
    const res = await settle(() =>
      planAction({
        request: formRequest(
          "/crisis/gallivare",
          { intent: "item", itemId: item.id, status: "not-applicable", notApplicableReason: "", note: "Min anteckning" },
          { cookie: chair.cookie },
        ),
        context,
        params: { branchSlug: "gallivare" },
      }),
    );
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.notApplicableReason).toEqual(["Skriv varför punkten inte är aktuell."]);
    expect(body.values).toMatchObject({ itemId: item.id, note: "Min anteckning" });
  });
});
