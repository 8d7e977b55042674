/**
 * @module render/pdf-fonts
 * The PDF's fonts: which file draws which script, where those files are, and one parsed copy
 * of each per process. Left to itself pdfmake (through pdfkit and fontkit) reads and parses
 * every font file again for each document, and shapes every word again (kerning, ligatures):
 * together most of a render's time. `shareParsedFonts` keeps, per font file, the parsed font
 * and its shaped words, and gives each document its own embedding of them (its own subset, so
 * a PDF carries only the glyphs it uses). File access still goes through pdfmake's local-file
 * policy on every use.
 *
 * Why a patch and not pdfmake's public font API: there is none for this. `setFonts` (and its
 * virtual file system) hands each new document a file path or the font's bytes, and pdfkit
 * 0.19's `PDFFontFactory.open` turns either into a font with `fontkit.create`, parsing it
 * again; the shaped words live on that per-document font. No public entry point of pdfmake
 * 0.3 or pdfkit 0.19 accepts an already parsed font or a shared word cache. Measured in one
 * process, after a warm-up, on the test builder's LIA: about 80 ms of CPU per PDF with the
 * sharing, about 150-170 ms through the public API alone. So this reaches into pdfmake 0.3
 * and pdfkit 0.19 (`provideFont`, the document's font registry, the embedded font's
 * constructor), and `pdf.test.ts` fails if an upgrade changes them: replace the patch as soon
 * as either library takes parsed fonts.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FontFace } from "./text.ts";

type FontFiles = { normal: string; bold: string; italics: string; bolditalics: string };

const FACES: Record<FontFace, { family: string; pkg: string; files: FontFiles }> = {
  latin: {
    family: "Roboto",
    pkg: "pdfmake",
    files: {
      normal: "fonts/Roboto/Roboto-Regular.ttf",
      bold: "fonts/Roboto/Roboto-Medium.ttf",
      italics: "fonts/Roboto/Roboto-Italic.ttf",
      bolditalics: "fonts/Roboto/Roboto-MediumItalic.ttf",
    },
  },
  cjk: {
    family: "NotoSansSC",
    pkg: "@embedpdf/fonts-sc",
    files: upright("fonts/NotoSansHans-Regular.otf", "fonts/NotoSansHans-Bold.otf"),
  },
  hebrew: {
    family: "NotoSansHebrew",
    pkg: "@embedpdf/fonts-hebrew",
    files: upright("fonts/NotoSansHebrew-Regular.ttf", "fonts/NotoSansHebrew-Bold.ttf"),
  },
  arabic: {
    family: "NotoNaskhArabic",
    pkg: "@embedpdf/fonts-arabic",
    files: upright("fonts/NotoNaskhArabic-Regular.ttf", "fonts/NotoNaskhArabic-Bold.ttf"),
  },
  emoji: {
    family: "NotoEmoji",
    pkg: "@expo-google-fonts/noto-emoji",
    files: upright("400Regular/NotoEmoji_400Regular.ttf", "700Bold/NotoEmoji_700Bold.ttf"),
  },
};

/** Fonts without italics: the upright face stands in for the slanted one. */
function upright(normal: string, bold: string): FontFiles {
  return { normal, bold, italics: normal, bolditalics: bold };
}

/** The pdfmake font family that draws a face. */
export function familyOf(face: FontFace): string {
  return FACES[face].family;
}

let fontTable: Record<string, FontFiles> | undefined;

/** Absolute paths of every font file by family, found once from the packages that ship them. */
export function fontFiles(): Record<string, FontFiles> {
  if (fontTable) return fontTable;
  const require = createRequire(import.meta.url);
  const table: Record<string, FontFiles> = {};
  for (const { family, pkg, files } of Object.values(FACES)) {
    let dir = dirname(require.resolve(pkg));
    while (!existsSync(join(dir, "package.json")) || !readPackageName(dir, pkg)) {
      const up = dirname(dir);
      if (up === dir) throw new Error(`cannot find the folder of ${pkg}`);
      dir = up;
    }
    table[family] = {
      normal: join(dir, files.normal),
      bold: join(dir, files.bold),
      italics: join(dir, files.italics),
      bolditalics: join(dir, files.bolditalics),
    };
  }
  fontTable = table;
  return table;
}

function readPackageName(dir: string, name: string): boolean {
  try {
    return (
      (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name ===
      name
    );
  } catch {
    return false;
  }
}

/** What pdfkit calls an embedded font: one document's use of a parsed (fontkit) font. */
interface EmbeddedFont {
  /** The parsed font; only read after parsing, so documents can share it. */
  font: object;
  /** This document's subset of the font (pdfkit's standard fonts have none). */
  subset?: object;
  /** Shaped words by text, unless turned off; an entry is written once, then only read. */
  layoutCache?: Record<string, unknown>;
  name?: string;
}
type EmbeddedFontClass = new (doc: PdfKitDocument, font: object, id: string) => EmbeddedFont;

/** The parts of pdfmake's PDFDocument (a pdfkit document) that sharing fonts touches. */
interface PdfKitDocument {
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  _fontFamilies: Record<string, EmbeddedFont>;
  _fontCount: number;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  validateLocalFile(path: string): void;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
}
export type PdfDocumentClass = { prototype: PdfKitDocument };

interface Parsed {
  make: EmbeddedFontClass;
  font: object;
  words: Record<string, unknown>;
}

/** Parsed fonts by file path, for the life of the process. */
const parsed = new Map<string, Parsed>();

/**
 * Shaped words kept per font file. A long-running server meets new words with every document:
 * past these bounds the words start afresh rather than grow without end.
 */
const MAX_WORDS = 20_000;
const MAX_WORD_CHARS = 400_000;

function full(words: Record<string, unknown>): boolean {
  let count = 0;
  let chars = 0;
  for (const text in words) {
    count++;
    chars += text.length;
    if (count > MAX_WORDS || chars > MAX_WORD_CHARS) return true;
  }
  return false;
}

const patched = new WeakSet<object>();

/**
 * Makes pdfmake's documents take their fonts from the process-wide cache: the first document
 * to use a font file parses it as pdfmake always did (through the local-file policy); later
 * documents get a new embedding of the same parsed font and share its shaped words.
 */
export function shareParsedFonts(Document: PdfDocumentClass): void {
  const proto = Document.prototype;
  if (patched.has(proto)) return;
  patched.add(proto);
  const provideOwn = proto.provideFont;
  proto.provideFont = function provideFont(family, bold, italics) {
    const type = this.getFontType(bold, italics);
    const known = this.fontCache[family]?.[type];
    if (known) return known;
    const path = this.getFontFile(family, bold, italics);
    const shared = typeof path === "string" ? parsed.get(path) : undefined;
    if (typeof path !== "string" || shared === undefined) {
      const own = provideOwn.call(this, family, bold, italics);
      if (typeof path === "string" && own.subset !== undefined) {
        const make = own.constructor as EmbeddedFontClass;
        const words = own.layoutCache ?? (Object.create(null) as Record<string, unknown>);
        parsed.set(path, { make, font: own.font, words });
      }
      return own;
    }
    this.validateLocalFile(path);
    // Two styles can share one file (fonts without italics): one embedding per file.
    let embedded = this._fontFamilies[path];
    if (embedded === undefined) {
      embedded = new shared.make(this, shared.font, `F${++this._fontCount}`);
      if (embedded.layoutCache !== undefined) {
        if (full(shared.words)) shared.words = Object.create(null) as Record<string, unknown>;
        embedded.layoutCache = shared.words;
      }
      // pdfkit embeds, when the document ends, the fonts registered here.
      this._fontFamilies[path] = embedded;
      if (embedded.name !== undefined) this._fontFamilies[embedded.name] ??= embedded;
    }
    this.fontCache[family] ??= {};
    this.fontCache[family][type] = embedded;
    return embedded;
  };
}
