import { describe, expect, it } from "vitest";
import {
  compoundFile,
  docxFile,
  jpegFile,
  linuxProgram,
  pdfFile,
  pngFile,
  pptxFile,
  webpFile,
  windowsProgram,
  zipFile,
} from "../../../tests/support/sample-files";
import { sniffFileKind, zipEntryNames } from "./file-kinds";

const text = (s: string) => new TextEncoder().encode(s);

describe("a file's kind is read from its bytes", () => {
  it("knows each kind the shelf takes by its own signature", async () => {
    expect(sniffFileKind(await pdfFile())).toEqual({ ok: true, kind: "pdf" });
    expect(sniffFileKind(pngFile())).toEqual({ ok: true, kind: "png" });
    expect(sniffFileKind(jpegFile())).toEqual({ ok: true, kind: "jpeg" });
    expect(sniffFileKind(webpFile())).toEqual({ ok: true, kind: "webp" });
    expect(sniffFileKind(docxFile())).toEqual({ ok: true, kind: "docx" });
    expect(sniffFileKind(pptxFile())).toEqual({ ok: true, kind: "pptx" });
    expect(sniffFileKind(compoundFile("WordDocument"))).toEqual({ ok: true, kind: "doc" });
    expect(sniffFileKind(compoundFile("PowerPoint Document"))).toEqual({ ok: true, kind: "ppt" });
  });

  it("calls a program a program, whatever it is named: Windows (MZ), Linux (ELF), macOS, a script", () => {
    expect(sniffFileKind(windowsProgram())).toEqual({ ok: false, reason: "executable" });
    expect(sniffFileKind(linuxProgram())).toEqual({ ok: false, reason: "executable" });
    expect(sniffFileKind(new Uint8Array([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toEqual({ ok: false, reason: "executable" });
    expect(sniffFileKind(text("#!/bin/sh\nrm -rf ~\n"))).toEqual({ ok: false, reason: "executable" });
  });

  it("refuses Office files with macros: a .docm renamed .docx, a .doc with a Macros storage", () => {
    expect(sniffFileKind(docxFile({ macros: true }))).toEqual({ ok: false, reason: "macros" });
    expect(sniffFileKind(compoundFile("WordDocument", { macros: true }))).toEqual({ ok: false, reason: "macros" });
  });

  it("refuses text, web pages, other zips and other compound files, and a signature with nothing behind it", () => {
    for (const bytes of [
      text("Det här är bara text, döpt till .pdf"),
      text("<!doctype html><script>alert(1)</script>"),
      text('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      text(" %PDF-1.7 with a space first"),
      zipFile({ "bilder/a.txt": "ett vanligt arkiv" }),
      // An Excel workbook: a zip with [Content_Types].xml but its parts under xl/.
      zipFile({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>" }),
      // Both word/ and ppt/ parts: not something Office writes.
      zipFile({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<d/>", "ppt/presentation.xml": "<p/>" }),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]),
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      text("RIFF\u0000\u0000\u0000\u0000WAVEfmt "),
      new Uint8Array([0x89, 0x50, 0x4e]),
      new Uint8Array(),
    ]) {
      expect(sniffFileKind(bytes)).toEqual({ ok: false, reason: "unknown" });
    }
  });

  it("reads a zip's entry names from its central directory, and gives up on a broken one", () => {
    expect(zipEntryNames(docxFile())).toEqual(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]);
    const truncated = docxFile().subarray(0, 200);
    expect(zipEntryNames(truncated)).toBeNull();
    const lying = docxFile();
    // The end record says the directory starts at byte 0, where a local header is.
    new DataView(lying.buffer, lying.byteOffset).setUint32(lying.length - 6, 0, true);
    expect(zipEntryNames(lying)).toBeNull();
  });
});
