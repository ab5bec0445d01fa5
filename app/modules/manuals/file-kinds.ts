/**
 * The kinds of file Verktygen takes, and how a file's kind is read from its
 * bytes: the name and the browser's Content-Type are whatever the sender
 * chose, so neither is trusted. See docs/decisions/015-manuals-in-the-database.md
 * for why this is our own small function rather than the `file-type` package.
 */

export const FILE_KINDS = {
  pdf: { label: "PDF", contentType: "application/pdf", extensions: ["pdf"] },
  docx: { label: "Word", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"] },
  doc: { label: "Word", contentType: "application/msword", extensions: ["doc"] },
  pptx: { label: "PowerPoint", contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", extensions: ["pptx"] },
  ppt: { label: "PowerPoint", contentType: "application/vnd.ms-powerpoint", extensions: ["ppt"] },
  png: { label: "PNG-bild", contentType: "image/png", extensions: ["png"] },
  jpeg: { label: "JPEG-bild", contentType: "image/jpeg", extensions: ["jpg", "jpeg"] },
  webp: { label: "WebP-bild", contentType: "image/webp", extensions: ["webp"] },
} as const satisfies Record<string, { label: string; contentType: string; extensions: readonly string[] }>;

export type FileKind = keyof typeof FILE_KINDS;

export function isFileKind(value: string): value is FileKind {
  return Object.hasOwn(FILE_KINDS, value);
}

/** What the bytes are: one of our kinds, or why they are refused. */
export type Sniffed = { ok: true; kind: FileKind } | { ok: false; reason: "executable" | "macros" | "unknown" };

function startsWith(bytes: Uint8Array, signature: ArrayLike<number>, at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

const PDF = ascii("%PDF-");
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const COMPOUND_FILE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Programs and scripts, so that a renamed one gets its own message: Windows (MZ), Linux (ELF), macOS (Mach-O and universal), a script's #!. */
const EXECUTABLES = [
  ascii("MZ"),
  [0x7f, 0x45, 0x4c, 0x46],
  [0xfe, 0xed, 0xfa, 0xce],
  [0xfe, 0xed, 0xfa, 0xcf],
  [0xce, 0xfa, 0xed, 0xfe],
  [0xcf, 0xfa, 0xed, 0xfe],
  [0xca, 0xfe, 0xba, 0xbe],
  ascii("#!"),
];

export function sniffFileKind(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, PDF)) return { ok: true, kind: "pdf" };
  if (startsWith(bytes, PNG)) return { ok: true, kind: "png" };
  if (startsWith(bytes, JPEG)) return { ok: true, kind: "jpeg" };
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return { ok: true, kind: "webp" };
  if (startsWith(bytes, ZIP)) return officeOpenXml(bytes);
  if (startsWith(bytes, COMPOUND_FILE)) return compoundFile(bytes);
  if (EXECUTABLES.some((signature) => startsWith(bytes, signature))) return { ok: false, reason: "executable" };
  return { ok: false, reason: "unknown" };
}

const u16 = (bytes: Uint8Array, at: number) => bytes[at]! | (bytes[at + 1]! << 8);
const u32 = (bytes: Uint8Array, at: number) => (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16) | (bytes[at + 3]! << 24)) >>> 0;

/** The names in a zip's central directory, or null when the zip does not hold together. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  // The end-of-central-directory record is the last 22 bytes, unless a comment (at most 65,535 bytes) follows it.
  const last = bytes.length - 22;
  let end = -1;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || u32(bytes, at) !== 0x02014b50) return null;
    const nameLength = u16(bytes, at + 28);
    const next = at + 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
    if (next > end) return null;
    names.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    at = next;
  }
  return names;
}

/** .docx and .pptx are zips whose parts live under word/ and ppt/; any other zip (a plain archive, .xlsx, an .apk) is not ours. */
function officeOpenXml(bytes: Uint8Array): Sniffed {
  const names = zipEntryNames(bytes);
  if (!names || !names.includes("[Content_Types].xml")) return { ok: false, reason: "unknown" };
  const word = names.some((n) => n.startsWith("word/"));
  const powerPoint = names.some((n) => n.startsWith("ppt/"));
  if (word === powerPoint) return { ok: false, reason: "unknown" };
  // A .docm or .pptm renamed: the macros would travel to every member who opens it.
  if (names.some((n) => /^(word|ppt)\/vbaProject\.bin$/i.test(n))) return { ok: false, reason: "macros" };
  return { ok: true, kind: word ? "docx" : "pptx" };
}

/** A directory entry's name as an OLE2 file stores it: UTF-16LE, NUL-terminated, in the first 64 bytes of a 128-byte entry. */
function directoryName(name: string): Uint8Array {
  const encoded = new Uint8Array(2 * name.length);
  for (let i = 0; i < name.length; i++) encoded[2 * i] = name.charCodeAt(i);
  return encoded;
}

/**
 * Whether a compound file's directory has an entry of this name and type
 * (1 storage, 2 stream). Directory entries are 128 bytes and every sector
 * starts at a multiple of 512, so an entry starts at a multiple of 128; its
 * name length (with the terminator) and type follow the name. Looking for
 * that shape is enough to tell a Word file from a PowerPoint one without
 * following the file's allocation tables.
 */
function hasDirectoryEntry(bytes: Uint8Array, name: string, type: 1 | 2): boolean {
  const needle = directoryName(name);
  for (let at = 512; at + 128 <= bytes.length; at += 128) {
    if (u16(bytes, at + 64) === needle.length + 2 && bytes[at + 66] === type && startsWith(bytes, needle, at)) return true;
  }
  return false;
}

/** .doc and .ppt are OLE2 compound files: Word's holds a WordDocument stream, PowerPoint's a "PowerPoint Document" stream. */
function compoundFile(bytes: Uint8Array): Sniffed {
  const word = hasDirectoryEntry(bytes, "WordDocument", 2);
  const powerPoint = hasDirectoryEntry(bytes, "PowerPoint Document", 2);
  if (word === powerPoint) return { ok: false, reason: "unknown" };
  if (word && hasDirectoryEntry(bytes, "Macros", 1)) return { ok: false, reason: "macros" };
  return { ok: true, kind: word ? "doc" : "ppt" };
}

const KNOWN_EXTENSIONS = new Set<string>(Object.values(FILE_KINDS).flatMap((k) => k.extensions));
const BASE_NAME_MAX = 150;

/**
 * The name a file is saved and served under: the last part of what the
 * browser sent (some send a whole path), composed (macOS sends å as a + ring),
 * without control or direction characters, quotes or characters Windows
 * refuses, and with the extension of what the bytes are: a PNG sent as
 * "bild.pdf" is served as "bild.png".
 */
export function cleanFileName(sent: string, kind: FileKind): string {
  const last = sent.split(/[/\\]/).pop() ?? "";
  const cleaned = last
    .normalize("NFC")
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"'`<>:|?*]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const dot = cleaned.lastIndexOf(".");
  const extension = dot > 0 ? cleaned.slice(dot + 1).toLowerCase() : "";
  const extensions: readonly string[] = FILE_KINDS[kind].extensions;
  const base = (KNOWN_EXTENSIONS.has(extension) ? cleaned.slice(0, dot) : cleaned)
    .replace(/^[\s.]+|[\s.]+$/g, "")
    .slice(0, BASE_NAME_MAX)
    .trim();
  return `${base || "manual"}.${extensions.includes(extension) ? extension : extensions[0]}`;
}
