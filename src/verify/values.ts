/**
 * @module verify/values
 * The value tests behind the promised transformations, and the redaction of what a report
 * shows. Every test is linear in the length of the value (no backtracking regular expression
 * runs over untrusted text of unbounded length), and the byte versions read a slice of a
 * buffer without making a string, because they run once per field of every record.
 */

/** Result of an IP test: not an address of that family, truncated as promised, or full. */
export const IP_NONE = 0;
export const IP_TRUNCATED = 1;
export const IP_FULL = 2;
export type IpVerdict = typeof IP_NONE | typeof IP_TRUNCATED | typeof IP_FULL;

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * IPv4 in bytes `[s, e)`: `a.b.c.d` with an optional `/len` or `:port`, or the masked forms
 * `a.b.c.x`, `a.b.c.*` and `a.b.c`. Full when the last octet is a number other than 0.
 */
export function ipv4Verdict(buf: Uint8Array, s: number, e: number): IpVerdict {
  let i = s;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (i >= e) return octet === 3 ? IP_TRUNCATED : IP_NONE; // a.b.c
      if (buf[i] !== 46) return IP_NONE;
      i++;
    }
    const start = i;
    let value = 0;
    while (i < e && i - start < 4 && isDigit(buf[i] as number)) {
      value = value * 10 + ((buf[i] as number) - 48);
      i++;
    }
    const len = i - start;
    if (len === 0) {
      const c = buf[i];
      if (octet === 3 && (c === 120 || c === 88 || c === 42) && i + 1 === e) return IP_TRUNCATED;
      return IP_NONE;
    }
    if (len > 3 || value > 255) return IP_NONE;
    if (octet === 3) {
      if (i < e) {
        const c = buf[i];
        if (c !== 47 && c !== 58) return IP_NONE; // only /len or :port may follow
        for (let k = i + 1; k < e; k++) if (!isDigit(buf[k] as number)) return IP_NONE;
        if (i + 1 === e) return IP_NONE;
      }
      return value === 0 ? IP_TRUNCATED : IP_FULL;
    }
  }
  return IP_NONE;
}

const encoder = new TextEncoder();

/** IPv4 test on a string. */
export function ipv4VerdictOf(value: string): IpVerdict {
  if (value.length > 64) return IP_NONE;
  return ipv4Verdict(encoder.encode(value), 0, value.length);
}

const IPV6_SCRATCH = new Int32Array(9);

/** Hex digit value, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** IPv6 test on bytes, without making a string; see `ipv6VerdictOf` for the rules. */
export function ipv6Verdict(buf: Uint8Array, s: number, e: number): IpVerdict {
  if (e - s > 80 || e - s < 2) return IP_NONE;
  if (buf[s] === 91) {
    let close = -1;
    for (let k = s + 1; k < e; k++) if (buf[k] === 93) close = k;
    if (close < 0) return IP_NONE;
    s++;
    e = close;
  }
  for (let k = s; k < e; k++) {
    if (buf[k] === 47 || buf[k] === 37) {
      e = k;
      break;
    }
  }
  const vals = IPV6_SCRATCH;
  let g = 0;
  let dc = -1;
  let i = s;
  if (buf[i] === 58) {
    if (buf[i + 1] !== 58) return IP_NONE;
    dc = 0;
    i += 2;
  }
  while (i < e) {
    let v = 0;
    let d = 0;
    while (i < e && d < 5) {
      const h = hexValue(buf[i] as number);
      if (h < 0) break;
      v = v * 16 + h;
      d++;
      i++;
    }
    if (d === 0 || d > 4) return IP_NONE;
    // An embedded IPv4 address (::ffff:a.b.c.d) is rare: the string parser handles it.
    if (buf[i] === 46)
      return ipv6VerdictOf(Buffer.from(buf.buffer, buf.byteOffset + s, e - s).toString("latin1"));
    if (g === 8) return IP_NONE;
    vals[g++] = v;
    if (i === e) break;
    if (buf[i] !== 58) return IP_NONE;
    i++;
    if (buf[i] === 58) {
      if (dc >= 0) return IP_NONE;
      dc = g;
      i++;
    } else if (i === e) return IP_NONE;
  }
  if (dc < 0 ? g !== 8 : g > 7) return IP_NONE;
  for (let k = 0; k < g; k++) {
    const pos = dc < 0 || k < dc ? k : k + (8 - g);
    if (pos >= 3 && vals[k] !== 0) return IP_FULL;
  }
  return IP_TRUNCATED;
}

/**
 * IPv6 test: `[addr]:port`, `addr%zone` and `addr/len` are accepted. Truncated when every bit
 * after the first 48 is zero; an IPv4-mapped address (`::ffff:a.b.c.d`) is judged as IPv4.
 */
export function ipv6VerdictOf(raw: string): IpVerdict {
  if (raw.length > 80 || raw.indexOf(":") === -1) return IP_NONE;
  let v = raw;
  if (v.startsWith("[")) {
    const close = v.indexOf("]");
    if (close < 0) return IP_NONE;
    v = v.slice(1, close);
  }
  const slash = v.indexOf("/");
  if (slash >= 0) v = v.slice(0, slash);
  const zone = v.indexOf("%");
  if (zone >= 0) v = v.slice(0, zone);
  const groups = ipv6Groups(v);
  if (groups === undefined) return IP_NONE;
  if (groups.mapped !== undefined) return ipv4VerdictOf(groups.mapped);
  for (let g = 3; g < 8; g++) if (groups.values[g] !== 0) return IP_FULL;
  return IP_TRUNCATED;
}

function ipv6Groups(v: string): { values: number[]; mapped?: string } | undefined {
  const halves = v.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string): string[] => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0] as string);
  const tail = halves.length === 2 ? parse(halves[1] as string) : [];
  let mapped: string | undefined;
  const last = tail.length > 0 ? tail[tail.length - 1] : head[head.length - 1];
  if (last?.includes(".")) {
    mapped = last;
    if (tail.length > 0) tail.pop();
    else head.pop();
  }
  const width = mapped === undefined ? 8 : 6;
  const missing = width - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  const values: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    values.push(Number.parseInt(g, 16));
  }
  if (mapped !== undefined) {
    // Only ::ffff:a.b.c.d (and the deprecated ::a.b.c.d) carry an IPv4 address as such.
    const prefixZero = values.slice(0, 5).every((x) => x === 0);
    if (!prefixZero || (values[5] !== 0xffff && values[5] !== 0)) return undefined;
    values.push(0, 0);
    return { values, mapped };
  }
  return { values };
}

const LOCAL_CHAR = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-")
  LOCAL_CHAR[c.charCodeAt(0)] = 1;
const isLocal = (c: number) => c < 128 && LOCAL_CHAR[c] === 1;
const isAlnum = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * The first email address in a string, found around each `@` (or URL-encoded `%40`) with
 * bounded look-behind and look-ahead, so a long line of text costs linear time.
 */
export function findEmail(value: string, from = 0): { start: number; end: number } | undefined {
  let at = from;
  for (;;) {
    const plain = value.indexOf("@", at);
    const encoded = value.indexOf("%40", at);
    if (plain < 0 && encoded < 0) return undefined;
    const pos = plain < 0 ? encoded : encoded < 0 ? plain : Math.min(plain, encoded);
    const width = pos === plain ? 1 : 3;
    let ls = pos;
    while (ls > 0 && pos - ls < 64 && isLocal(value.charCodeAt(ls - 1))) ls--;
    // URL-encoded text: do not let "a%3D" style escapes become part of the local part.
    if (ls < pos && value.charCodeAt(ls) === 46) ls++;
    const ds = pos + width;
    let de = ds;
    let lastDot = -1;
    while (de < value.length && de - ds < 255) {
      const c = value.charCodeAt(de);
      if (isAlnum(c) || c === 45) de++;
      else if (c === 46 && de > ds && value.charCodeAt(de - 1) !== 46) {
        lastDot = de;
        de++;
      } else break;
    }
    if (de > ds && value.charCodeAt(de - 1) === 46) {
      de--;
      lastDot = value.lastIndexOf(".", de - 1);
      if (lastDot < ds) lastDot = -1;
    }
    if (ls < pos && lastDot > ds && de - lastDot - 1 >= 2) {
      let tld = true;
      for (let k = lastDot + 1; k < de; k++) if (!isLetter(value.charCodeAt(k))) tld = false;
      if (tld) return { start: ls, end: de };
    }
    at = pos + width;
  }
}

/** `alice@example.org` -> `a***@e***`; every address in the text is masked. */
export function redactEmails(value: string): string {
  let out = "";
  let from = 0;
  for (;;) {
    const m = findEmail(value, from);
    if (!m) return out + value.slice(from);
    const text = value.slice(m.start, m.end);
    const at = text.indexOf("@") >= 0 ? text.indexOf("@") : text.indexOf("%40");
    const sep = text.indexOf("@") >= 0 ? "@" : "%40";
    out += `${value.slice(from, m.start)}${text.charAt(0)}***${sep}${text.charAt(at + sep.length)}***`;
    from = m.end;
  }
}

/** `203.0.113.45` -> `203.0.113.x`; `2001:db8:85a3::8a2e:370:7334` -> `2001:db8:85a3:x:…`. */
export function redactIp(value: string): string {
  if (ipv4VerdictOf(value) !== IP_NONE) {
    const parts = value.split(/[./:]/);
    return `${parts.slice(0, 3).join(".")}.x`;
  }
  if (ipv6VerdictOf(value) !== IP_NONE) {
    const bare = value.replace(/^\[/, "").split(/[\]/%]/)[0] ?? "";
    if (bare.includes(".")) return `${bare.slice(0, bare.lastIndexOf(".") + 1)}x`;
    const head = bare.split("::")[0]?.split(":").slice(0, 3) ?? [];
    return `${head.join(":")}:x:x:x:x:x`.replace(/^:/, "");
  }
  return describeValue(value);
}

/** A user agent with every number masked and the length capped: the shape, not the device. */
export function redactUserAgent(value: string): string {
  const masked = value.replace(/\d+/g, "#");
  return masked.length > 72 ? `${masked.slice(0, 72)}… (${value.length} chars)` : masked;
}

/** A URL or path with every query value masked: `/search?q=***&id=***`. */
export function redactQuery(value: string): string {
  const q = value.indexOf("?");
  if (q < 0) return redactEmails(value);
  const head = redactEmails(value.slice(0, q));
  const rest = value.slice(q + 1);
  const hash = rest.indexOf("#");
  const query = hash >= 0 ? rest.slice(0, hash) : rest;
  const params = query
    .split(/[&;]/)
    .slice(0, 6)
    .map((p) => {
      const eq = p.indexOf("=");
      const key = redactEmails((eq >= 0 ? p.slice(0, eq) : p).slice(0, 24));
      return eq >= 0 ? `${key}=***` : "***";
    });
  const more = query.split(/[&;]/).length > 6 ? "&…" : "";
  const tail = /\sHTTP\/\d(\.\d)?$/.exec(rest)?.[0] ?? "";
  return `${head}?${params.join("&")}${more}${tail}`;
}

/** A referrer reduced to its host, for showing that a path was present without the path. */
export function redactReferrer(value: string): string {
  const { host, rest } = splitUrl(value);
  return rest === "" ? host : `${host}/…`;
}

/** What a value is, without any of its content: `<string, 36 chars>`. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return `<string, ${value.length} chars>`;
  if (value === null) return "<null>";
  if (Array.isArray(value)) return `<list of ${value.length}>`;
  return `<${typeof value}>`;
}

/** Split a URL or host into the host (with scheme) and whatever follows it. */
export function splitUrl(value: string): { host: string; rest: string } {
  const scheme = value.indexOf("://");
  const hostStart = scheme >= 0 && scheme < 12 ? scheme + 3 : 0;
  let end = value.length;
  for (const sep of ["/", "?", "#"]) {
    const k = value.indexOf(sep, hostStart);
    if (k >= 0 && k < end) end = k;
  }
  return { host: value.slice(0, end), rest: value.slice(end) };
}

/** A referrer promised as host only: a query string, or a path beyond `/`. */
export function referrerVerdict(value: string): "ok" | "query" | "path" {
  const { rest } = splitUrl(value);
  if (rest === "" || rest === "/") return "ok";
  const q = rest.indexOf("?");
  if (q >= 0 && q + 1 < rest.length) return "query";
  return rest.replace(/[?#]$/, "") === "/" ? "ok" : "path";
}

export const REFERRER_OK = 0;
export const REFERRER_QUERY = 1;
export const REFERRER_PATH = 2;

/** `referrerVerdict` on bytes. */
export function referrerVerdictBytes(buf: Uint8Array, s: number, e: number): number {
  let hs = s;
  const limit = Math.min(s + 12, e - 2);
  for (let k = s; k < limit; k++) {
    if (buf[k] === 58 && buf[k + 1] === 47 && buf[k + 2] === 47) {
      hs = k + 3;
      break;
    }
  }
  let k = hs;
  while (k < e && buf[k] !== 47 && buf[k] !== 63 && buf[k] !== 35) k++;
  if (k === e || (k + 1 === e && buf[k] === 47)) return REFERRER_OK;
  for (let q = k; q < e; q++) if (buf[q] === 63 && q + 1 < e) return REFERRER_QUERY;
  const last = buf[e - 1];
  if (buf[k] === 47 && k + 2 === e && (last === 63 || last === 35)) return REFERRER_OK;
  return REFERRER_PATH;
}

/** A URL or path promised without its query string. */
export function hasQueryString(value: string): boolean {
  const q = value.indexOf("?");
  if (q < 0 || q + 1 >= value.length) return false;
  // An HTTP request line ("GET /p? HTTP/1.1") ends in the protocol, not in a query.
  return value.charCodeAt(q + 1) !== 32;
}

/**
 * A raw user agent, as opposed to a reduced one ("Firefox 128, Windows 10, desktop"): the
 * `Mozilla/` prefix, a parenthesised platform comment with `;`, or a product token carrying a
 * minor version such as `Chrome/128.0.6613.119`. Reduced forms keep major versions only.
 */
export function isRawUserAgent(value: string): boolean {
  if (value.length > 512) return true;
  const bytes = encoder.encode(value);
  return isRawUserAgentBytes(bytes, 0, bytes.length);
}

export function isRawUserAgentBytes(buf: Uint8Array, s: number, e: number): boolean {
  if (e - s > 512) return true;
  for (let i = s; i < e; i++) {
    const c = buf[i] as number;
    if (c === 47 && i > s && isAlnum(buf[i - 1] as number)) {
      // product/1.2: a version with a minor part; Mozilla/ with any version
      let j = i + 1;
      while (j < e && j - i <= 6 && isDigit(buf[j] as number)) j++;
      if (j > i + 1) {
        if (buf[j] === 46 && isDigit(buf[j + 1] as number)) return true;
        if (i - s >= 7 && isMozilla(buf, i - 7)) return true;
      }
    } else if (c === 40) {
      // a platform comment: "(Windows NT 10.0; Win64; x64)"
      for (let j = i + 1; j < e && j - i <= 401; j++) {
        const d = buf[j];
        if (d === 59) {
          for (let k = j + 1; k < e && k - i <= 401; k++) {
            const x = buf[k];
            if (x === 41) return true;
            if (x === 40) break;
          }
          break;
        }
        if (d === 41 || d === 40) break;
      }
    }
  }
  return false;
}

function isMozilla(buf: Uint8Array, at: number): boolean {
  const word = "Mozilla";
  for (let k = 0; k < 7; k++) if (buf[at + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** Whether a field's name or type says it holds email addresses by design. */
export function promisesEmail(name: string, type: string | undefined): boolean {
  return /e-?mail/i.test(name) || (type !== undefined && /e-?mail/i.test(type));
}
