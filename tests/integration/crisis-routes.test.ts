import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTemplate } from "~/modules/crisis/template.server";
import { loader as planLoader, action as planAction } from "~/routes/crisis.$branchSlug._index";
import { loader as nowLoader } from "~/routes/crisis.$branchSlug.now";
import { loader as printLoader } from "~/routes/crisis.$branchSlug.print";
import { action as templateAction, loader as templateLoader } from "~/routes/admin.crisis-template";
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

  it("the contact list sits under the template's own contacts heading, and the plan shows each first step's text", async () => {
    const chair = await signedIn({ branch: "Gällivare", position: "ordforande" });
    const page = await (await get(planLoader, chair.cookie)).json();
    expect(page.contactsIn).toBe("kontakter");
    expect(page.sections.filter((section: { title: string }) => section.title === "Kontaktlista och telefonkedja")).toHaveLength(1);
    const items = page.sections.flatMap((section: { items: { title: string; action: string }[] }) => section.items);
    expect(items.find((i: { title: string }) => i.title === "Larmvägar är kända av alla förtroendevalda").action).toMatch(/^Är någon i fara: ring 112\./);
    expect(items.find((i: { title: string }) => i.title === "Telefonkedjan är bestämd").action).toBe("");
  });
});

describe("the district's template", () => {
  const publish = async (cookie: string, fields: Record<string, string>) =>
    settle(() => templateAction({ request: formRequest("/admin/crisis-template", fields, { cookie }), context, params: {} }));

  it("an admin edits a first step's text; new plans take it to their crisis view", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const res = await publish(admin.cookie, { "action-talesperson": "Hänvisa alla frågor till talespersonen.", note: "Kortare" });
    expect(res).toRedirectTo("/admin/crisis-template");
    const template = await (await settle(() => templateLoader({ request: getRequest("/admin/crisis-template", admin.cookie), context, params: {} }))).json();
    expect(template.items.find((i: { key: string }) => i.key === "talesperson").action).toBe("Hänvisa alla frågor till talespersonen.");
    const member = await signedIn({ branch: "Övertorneå", position: "medlem" });
    const now = await (await get(nowLoader, member.cookie, "overtornea")).json();
    expect(now.steps.map((step: { action: string }) => step.action)).toContain("Hänvisa alla frågor till talespersonen.");
  });

  it("a first step cannot be emptied; the refusal names the item and keeps every typed field", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const res = await publish(admin.cookie, { "action-larma": "  ", "title-krisgrupp": "Krisgruppen vet vad den ska göra", newTitle: "Ny" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors["action-larma"]).toEqual(["Skriv vad man gör i en kris, t.ex. Ring 112 om någon är i fara."]);
    expect(body.errors.newTitle).toEqual(["Rubriken måste vara minst 3 tecken."]);
    expect(body.errors._form).toEqual(['Rätta de markerade fälten: "Larmvägar är kända av alla förtroendevalda".']);
    expect(body.values).toMatchObject({ "title-krisgrupp": "Krisgruppen vet vad den ska göra", newTitle: "Ny" });
  });

  it("an item that is no first step gets no first-step text, even when a form sends one", async () => {
    const admin = await signedIn({ roles: ["admin"] });
    const loadTemplate = async () =>
      (await settle(() => templateLoader({ request: getRequest("/admin/crisis-template", admin.cookie), context, params: {} }))).json();
    expect((await loadTemplate()).items.find((i: { key: string }) => i.key === "telefonkedja")).toMatchObject({ firstStep: false, action: "" });
    const res = await publish(admin.cookie, { "title-telefonkedja": "Telefonkedjan är bestämd och prövad", "action-telefonkedja": "Ring alla." });
    expect(res).toRedirectTo("/admin/crisis-template");
    expect((await loadTemplate()).items.find((i: { key: string }) => i.key === "telefonkedja")).toMatchObject({
      title: "Telefonkedjan är bestämd och prövad",
      action: "",
    });
  });
});
