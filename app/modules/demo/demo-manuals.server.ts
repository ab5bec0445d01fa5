import { db } from "~/db.server";
import { actorOf } from "~/modules/auth/session.server";
import type { ManualInput } from "~/modules/manuals/manuals";
import { checkUpload, uploadManual } from "~/modules/manuals/manuals.server";
import { DEMO_LOGINS } from "./demo-people";

interface DemoManual {
  fileName: string;
  input: ManualInput;
  /** Headline and paragraphs of the one-page PDF. */
  pages: { heading: string; paragraphs: string[] };
  downloads: number;
}

const MANUALS: DemoManual[] = [
  {
    fileName: "Utspel steg för steg.pdf",
    input: {
      title: "Utspel steg för steg",
      description: "Från fråga till färdigt utspel med kommunikationsmodellens fyra perspektiv: agenda, närhet, kompetens och tydlighet.",
      category: "utspel",
      audience: [],
    },
    pages: {
      heading: "Utspel steg för steg",
      paragraphs: [
        "1. Agenda: välj en fråga som väljarna tycker är viktig och som ni kan göra något åt.",
        "2. Närhet: tala med dem som berörs. Var finns de, och vad säger de själva?",
        "3. Kompetens: ta fram förslaget tillsammans med väljare och medlemmar, så att det håller.",
        "4. Tydlighet: säg budskapet i en mening som går att upprepa. Pröva den på någon utanför partiet.",
      ],
    },
    downloads: 14,
  },
  {
    fileName: "Planera ett medlemsmöte.pdf",
    input: {
      title: "Planera ett medlemsmöte",
      description: "En checklista för arbetarekommunens möten: inbjudan, dagordning, samtalsfrågor och uppföljning.",
      category: "aktiviteter",
      audience: [],
    },
    pages: {
      heading: "Planera ett medlemsmöte",
      paragraphs: [
        "Fyra veckor före: bestäm tema och plats, och bjud in i flera kanaler.",
        "En vecka före: skicka dagordningen och påminn dem som anmält sig.",
        "På mötet: börja med en fråga alla kan svara på. Låt fler än styrelsen komma till tals.",
        "Efteråt: skriv ner vad ni bestämde, vem som gör vad och när ni ses nästa gång.",
      ],
    },
    downloads: 6,
  },
  {
    fileName: "Samtalsguide för handledning.pdf",
    input: {
      title: "Samtalsguide för handledning",
      description: "Frågor och upplägg för enskild handledning och gruppträffar. För utvecklingsledare.",
      category: "ledarskap",
      audience: ["facilitator"],
    },
    pages: {
      heading: "Samtalsguide för handledning",
      paragraphs: [
        "Inled med hur deltagaren har det, inte med uppgiften.",
        "Fråga vad som har fungerat sedan sist, och vad som var svårt.",
        "Hjälp deltagaren att välja ett nästa steg som går att ta före nästa träff.",
        "Avsluta med att boka nästa tillfälle.",
      ],
    },
    downloads: 3,
  },
];

/** A one-page PDF, made with pdfkit (imported here, so nothing else loads it). */
async function onePagePdf({ heading, paragraphs }: DemoManual["pages"]): Promise<Uint8Array<ArrayBuffer>> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", lang: "sv-SE", info: { Title: heading, Author: "Socialdemokraterna i Norrbotten" } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.font("Helvetica-Bold").fontSize(20).text(heading).moveDown();
  doc.font("Helvetica").fontSize(12);
  for (const paragraph of paragraphs) doc.text(paragraph).moveDown(0.5);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Three manuals on Verktygen's shelf, uploaded by the demo Kursredaktör; one only for Utvecklingsledare. */
export async function seedDemoManuals() {
  const login = DEMO_LOGINS.find((l) => l.roles.includes("editor"))!;
  const editor = await db.person.findUniqueOrThrow({ where: { email: login.email } });
  for (const manual of MANUALS) {
    const file = await checkUpload(new File([await onePagePdf(manual.pages)], manual.fileName, { type: "application/pdf" }));
    if (!file.ok) throw new Error(`demo manual ${manual.fileName}: ${file.message}`);
    const uploaded = await uploadManual(actorOf(editor), manual.input, file.value);
    if (!uploaded.ok) throw new Error(`demo manual ${manual.fileName}: ${uploaded.message}`);
    await db.manual.update({ where: { id: uploaded.value.manualId }, data: { downloads: manual.downloads } });
  }
}
