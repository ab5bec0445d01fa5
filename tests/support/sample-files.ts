/**
 * Small but real files of every kind Verktygen takes (and a few it refuses),
 * built in code so the tests carry no binary fixtures: a PDF from pdfkit,
 * 1×1 images, Office Open XML packages as real zips, and OLE2 compound files
 * laid out as Word and PowerPoint write them (header, allocation table,
 * directory, stream). `file` (libmagic) recognises each of them.
 */
import PDFDocument from "pdfkit";

/** A one-page PDF saying `text`. */
export function pdfFile(text = "Manual"): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A5", info: { Title: text } });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    doc.fontSize(14).text(text);
    doc.end();
  });
}

const base64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

/** 1×1 pixel images. */
export const pngFile = () => base64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
export const jpegFile = () =>
  base64(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=",
  );
export const webpFile = () => base64("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip with its entries stored (not compressed), with a central directory as every reader expects. */
export function zipFile(entries: Record<string, string | Uint8Array>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
    const fileName = Buffer.from(name, "utf8");
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES = (main: string, type: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="${type}"/></Types>`;
const RELS = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`;

/** The smallest Word document Word opens: one paragraph. `macros` adds the part a .docm carries. */
export function docxFile({ macros = false }: { macros?: boolean } = {}): Uint8Array {
  return zipFile({
    "[Content_Types].xml": CONTENT_TYPES("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "_rels/.rels": RELS("word/document.xml"),
    "word/document.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Manual</w:t></w:r></w:p></w:body></w:document>',
    ...(macros ? { "word/vbaProject.bin": new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]) } : {}),
  });
}

/** A presentation package: its parts under ppt/. */
export function pptxFile(): Uint8Array {
  return zipFile({
    "[Content_Types].xml": CONTENT_TYPES("ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"),
    "_rels/.rels": RELS("ppt/presentation.xml"),
    "ppt/presentation.xml":
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
  });
}

const ENDOFCHAIN = 0xfffffffe;
const FREESECT = 0xffffffff;
const NOSTREAM = 0xffffffff;

function directoryEntry(name: string, type: number, { child = NOSTREAM, right = NOSTREAM, start = 0, size = 0 } = {}): Buffer {
  const entry = Buffer.alloc(128);
  entry.write(name, 0, "utf16le");
  entry.writeUInt16LE(2 * (name.length + 1), 64);
  entry.writeUInt8(type, 66);
  entry.writeUInt8(1, 67); // black, as every entry of a one-level red-black tree may be
  entry.writeUInt32LE(NOSTREAM, 68);
  entry.writeUInt32LE(right, 72);
  entry.writeUInt32LE(child, 76);
  entry.writeUInt32LE(start, 116);
  entry.writeUInt32LE(size, 120);
  return entry;
}

/**
 * An OLE2 compound file (version 3, 512-byte sectors) holding one stream of
 * 4 KiB: "WordDocument" for a .doc, "PowerPoint Document" for a .ppt. With
 * `macros`, a Word file also has the "Macros" storage where Word keeps VBA.
 */
export function compoundFile(stream: "WordDocument" | "PowerPoint Document", { macros = false }: { macros?: boolean } = {}): Uint8Array {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // one FAT sector
  header.writeUInt32LE(1, 48); // the directory in sector 1
  header.writeUInt32LE(0x1000, 56);
  header.writeUInt32LE(ENDOFCHAIN, 60);
  header.writeUInt32LE(ENDOFCHAIN, 68);
  header.writeUInt32LE(0, 76); // the FAT in sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREESECT, 76 + 4 * i);

  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0); // sector 0 is the FAT
  fat.writeUInt32LE(ENDOFCHAIN, 4); // sector 1, the directory
  for (let s = 2; s < 9; s++) fat.writeUInt32LE(s + 1, 4 * s); // sectors 2–9, the stream
  fat.writeUInt32LE(ENDOFCHAIN, 4 * 9);

  const directory = Buffer.concat([
    directoryEntry("Root Entry", 5, { child: 1, start: ENDOFCHAIN }),
    directoryEntry(stream, 2, { right: macros ? 2 : NOSTREAM, start: 2, size: 4096 }),
    macros ? directoryEntry("Macros", 1) : Buffer.alloc(128),
    Buffer.alloc(128),
  ]);
  for (const unused of macros ? [3] : [2, 3]) directory.fill(0xff, unused * 128 + 68, unused * 128 + 80);
  return new Uint8Array(Buffer.concat([header, fat, directory, Buffer.alloc(4096, 0x20)]));
}

/** Programs that must never pass as documents: a Windows PE file and a Linux ELF file, as far as their headers go. */
export function windowsProgram(): Uint8Array {
  const bytes = Buffer.alloc(256);
  bytes.write("MZ", 0, "latin1");
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write("PE\0\0", 0x80, "latin1");
  return new Uint8Array(bytes);
}

export function linuxProgram(): Uint8Array {
  const bytes = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(bytes, 0);
  return new Uint8Array(bytes);
}
