import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { db } from "~/db.server";

const key = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "får bara innehålla a-z, 0-9 och bindestreck");

export const templateFile = z.object({
  kind: z.literal("crisis-template"),
  title: z.string().min(1),
  sections: z
    .array(
      z.object({
        key,
        title: z.string().min(1, "saknas"),
        items: z
          .array(
            z
              .object({
                key,
                title: z.string().min(1, "saknas"),
                guidance: z.string().default(""),
                firstStep: z.boolean().default(false),
                action: z.string().trim().default(""),
              })
              .refine((item) => !item.firstStep || item.action !== "", {
                path: ["action"],
                message: "ett första steg behöver action: vad man gör i en kris",
              }),
          )
          .min(1, "en sektion behöver minst en punkt"),
      }),
    )
    .min(1),
});

export type TemplateItemInput = {
  key: string;
  sectionKey: string;
  sectionTitle: string;
  sectionOrder: number;
  order: number;
  title: string;
  guidance: string;
  firstStep: boolean;
  action: string;
};

export function readTemplateFile(file: string): TemplateItemInput[] {
  const text = fs.readFileSync(file, "utf8");
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!match) throw new Error(`${file}: saknar front matter`);
  const parsed = templateFile.safeParse(YAML.parse(match[1]!));
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${path.basename(file)} [${i.path.join(".")}]: ${i.message}`).join("\n"));
  }
  const keys = new Set<string>();
  return parsed.data.sections.flatMap((section, si) =>
    section.items.map((item, ii) => {
      if (keys.has(item.key)) throw new Error(`${path.basename(file)}: punkten "${item.key}" finns två gånger`);
      keys.add(item.key);
      return {
        key: item.key,
        sectionKey: section.key,
        sectionTitle: section.title,
        sectionOrder: si + 1,
        order: ii + 1,
        title: item.title,
        guidance: item.guidance,
        firstStep: item.firstStep,
        action: item.action,
      };
    }),
  );
}

/**
 * The district template starts as the file in content/; later versions are made in the app.
 * A first step without its "what to do" text (an item from before the texts existed) gets the
 * file's, in the template and in every plan: the crisis view lists those texts, never titles.
 */
export async function ensureTemplate(file: string) {
  const items = readTemplateFile(file);
  if ((await db.crisisTemplateVersion.count()) > 0) {
    for (const item of items.filter((i) => i.firstStep)) {
      await db.crisisTemplateItem.updateMany({ where: { key: item.key, firstStep: true, action: "" }, data: { action: item.action } });
      await db.crisisPlanItem.updateMany({ where: { templateKey: item.key, firstStep: true, action: "" }, data: { action: item.action } });
    }
    return false;
  }
  await db.crisisTemplateVersion.create({ data: { version: 1, note: "Från content/krisplan/mall.md", items: { create: items } } });
  return true;
}

export async function latestTemplate() {
  const latest = await db.crisisTemplateVersion.findFirst({
    orderBy: { version: "desc" },
    include: { items: { orderBy: [{ sectionOrder: "asc" }, { order: "asc" }] } },
  });
  if (!latest) throw new Error("no crisis template loaded (run npm run content:sync)");
  return latest;
}
