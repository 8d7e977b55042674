/**
 * @module render/text
 * Text hygiene shared by the binary and markup renderers: every user string passes through
 * `cleanText` before it reaches HTML, PDF, DOCX, XLSX or plain text. It keeps what a person can
 * read (any script, emoji, newlines, tabs) and drops what only a machine reacts to: control
 * characters (terminal escapes, NUL, which also make XML unreadable), lone surrogates and the
 * two non-characters XML forbids, and the explicit bidirectional embeddings, overrides and
 * isolates (U+202A-U+202E, U+2066-U+2069), which can make text display as something other than
 * what it says ("evil" shown as "live"); renderers set the direction of text themselves. It
 * also says which way a run of text is written and which of
 * the PDF's fonts can show it.
 */

// C0 controls except tab and newline, DEL, C1 controls, and U+FFFE/U+FFFF.
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** User text made safe to place in any document: see the module comment. CRLF becomes LF. */
export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD").replace(/\r\n?/g, "\n").replace(CONTROL, "");
}

/** The fonts the PDF carries; each covers the scripts named. */
export type FontFace = "latin" | "cjk" | "hebrew" | "arabic" | "emoji";

const HEBREW = /[\u0590-\u05FF\uFB1D-\uFB4F]/u;
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u0870-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const CJK =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303F\uFF00-\uFFEF\u30FC]/u;
// Pictographs above U+2000 (digits, # and * stay with the text font) and their joiners.
const EMOJI =
  /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\u20E3]|\u200D|\uFE0F/u;

/** The font that can draw one character (a code point). */
export function faceOf(char: string): FontFace {
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0x0590) return "latin";
  if (HEBREW.test(char)) return "hebrew";
  if (ARABIC.test(char)) return "arabic";
  if (CJK.test(char)) return "cjk";
  if (cp >= 0x2000 && EMOJI.test(char)) return "emoji";
  return "latin";
}

/** A character that sets the direction of the text around it. */
export function isRtl(char: string): boolean {
  return HEBREW.test(char) || ARABIC.test(char);
}

const STRONG_LTR = /[\p{L}]/u;

/**
 * Runs of text that one font can draw, in order. A space joins the run it follows, except a
 * right-to-left one (the font engine would draw a trailing space on the wrong side).
 */
export function fontRuns(text: string): { text: string; face: FontFace }[] {
  const runs: { text: string; face: FontFace }[] = [];
  for (const char of text) {
    const previous = runs.at(-1)?.face ?? "latin";
    const face =
      char === " "
        ? previous === "hebrew" || previous === "arabic"
          ? "latin"
          : previous
        : faceOf(char);
    const last = runs.at(-1);
    if (last && last.face === face) last.text += char;
    else runs.push({ text: char, face });
  }
  return runs;
}

/**
 * Text in display order for a renderer that lays words out left to right (the PDF): inside each
 * stretch of right-to-left words the order of the words is reversed (the font engine already
 * draws each word's letters right to left). Left-to-right text and numbers stay as they are.
 * This is the Unicode bidirectional algorithm's effect on one line; a right-to-left stretch that
 * wraps onto a second line keeps the reversed order across the break.
 */
export function visualOrder(line: string): string {
  if (![...line].some(isRtl)) return line;
  const tokens = line.split(/(\s+)/).filter((t) => t !== "");
  const out: string[] = [];
  let stretch: string[] = [];
  const flush = () => {
    // Spaces at either end of a stretch stay where they are.
    let lead = 0;
    while (lead < stretch.length && /^\s+$/.test(stretch[lead] ?? "")) lead++;
    let tail = stretch.length;
    while (tail > lead && /^\s+$/.test(stretch[tail - 1] ?? "")) tail--;
    out.push(
      ...stretch.slice(0, lead),
      ...stretch.slice(lead, tail).reverse(),
      ...stretch.slice(tail),
    );
    stretch = [];
  };
  for (const token of tokens) {
    const chars = [...token];
    const rtl = chars.some(isRtl);
    const ltr = chars.some((c) => !isRtl(c) && STRONG_LTR.test(c));
    if (rtl) stretch.push(token);
    else if (ltr) {
      flush();
      out.push(token);
    } else if (stretch.length > 0) stretch.push(token);
    else out.push(token);
  }
  flush();
  return out.join("");
}

/** A zero-width space: an invisible place where a line may break. */
export const SOFT_BREAK = "\u200B";

/** Words at least this long get break opportunities after their separators. */
const LONG_WORD = 12;

/**
 * Long web addresses, paths, email addresses and identifiers (`resource_type`,
 * `edpb_guidelines_202401_legitimateinterest_en.pdf`) with invisible break opportunities after
 * their separators (`/`, `_`, `.`, `-`, `@`, `?`, `&`, `=`, `:`), so that a narrow column
 * breaks them at a separator instead of between any two letters. Short words are untouched.
 */
export function softBreaks(text: string): string {
  return text.replace(/\S{12,}/g, (word) =>
    word.length < LONG_WORD
      ? word
      : word.replace(/([/_.\-@?&=:])(?=[^\s/_.\-@?&=:])/g, `$1${SOFT_BREAK}`),
  );
}

/** The longest stretch of a text that cannot break: between spaces and soft breaks. */
export function longestUnbreakable(text: string): number {
  let longest = 0;
  for (const piece of softBreaks(text).split(/[\s\u200B]+/))
    longest = Math.max(longest, [...piece].length);
  return longest;
}
