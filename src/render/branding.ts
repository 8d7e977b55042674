/**
 * @module render/branding
 * The organisation's look on every document it hands out: its name on every page, its logo on
 * the cover and in the page header, its colour on headings and table headers. One setting for
 * every format (Markdown carries the name only). The setting is a small YAML or JSON file
 * (`name`, `colour`, `logo`), given to `basis render`, `basis export-register` and `basis
 * serve` with `--brand <file>` or the `BASIS_BRAND` variable; the caller reads the file and the
 * logo's bytes, and this module checks them. Pure: nothing here reads a file.
 */
import { z } from "zod";

/** The brand file as written. `logo` is a path, relative to the brand file. */
export const BrandFile = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional().describe("Shown on every page"),
    colour: z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/, "write the colour as #RRGGBB, e.g. #1F3A5F")
      .optional()
      .describe("Headings and table headers"),
    logo: z
      .string()
      .min(1)
      .max(1000)
      .optional()
      .describe("A PNG or JPEG file, relative to this one"),
  })
  .describe("Organisation branding for documents");
export type BrandFile = z.infer<typeof BrandFile>;

export interface Logo {
  bytes: Uint8Array;
  type: "png" | "jpeg";
  /** Pixel size, read from the image itself. */
  width: number;
  height: number;
}

export interface Branding {
  name?: string;
  /** `#RRGGBB`. */
  colour?: string;
  logo?: Logo;
}

export const DEFAULT_COLOUR = "#1F3A5F";

/** The colour to draw with: the brand's, or the default. Upper-case `#RRGGBB`. */
export function brandColour(branding: Branding | undefined): string {
  return (branding?.colour ?? DEFAULT_COLOUR).toUpperCase();
}

/** Largest logo accepted, in bytes: it goes into every document. */
export const MAX_LOGO_BYTES = 512 * 1024;

/**
 * The logo's type and pixel size from its first bytes, or an error message. Only PNG and
 * baseline or progressive JPEG are accepted: every format Basis writes can embed both.
 */
export function readLogo(bytes: Uint8Array): Logo | string {
  if (bytes.length > MAX_LOGO_BYTES)
    return `the logo is ${Math.round(bytes.length / 1024)} KB; use one of at most ${MAX_LOGO_BYTES / 1024} KB`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 24 && png.every((b, i) => bytes[i] === b)) {
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    return width > 0 && height > 0
      ? { bytes, type: "png", width, height }
      : "the PNG logo has no size";
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return "the JPEG logo is damaged";
      const marker = bytes[at + 1] ?? 0;
      const length = view.getUint16(at + 2);
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        const height = view.getUint16(at + 5);
        const width = view.getUint16(at + 7);
        return width > 0 && height > 0
          ? { bytes, type: "jpeg", width, height }
          : "the JPEG logo has no size";
      }
      at += 2 + length;
    }
    return "the JPEG logo has no frame header";
  }
  return "the logo must be a PNG or JPEG image";
}

/** A fit of the logo in a box, keeping its proportions. */
export function fitLogo(logo: Logo, maxWidth: number, maxHeight: number) {
  const scale = Math.min(maxWidth / logo.width, maxHeight / logo.height);
  return { width: logo.width * scale, height: logo.height * scale };
}

/** The logo as a data URL, for HTML and the PDF. */
export function logoDataUrl(logo: Logo): string {
  let binary = "";
  for (const b of logo.bytes) binary += String.fromCharCode(b);
  return `data:image/${logo.type};base64,${btoa(binary)}`;
}
