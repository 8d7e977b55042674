/**
 * @module verify/time
 * Record timestamps read straight from bytes: ISO 8601 (`2026-03-01`, `2026-03-01T10:00:00Z`,
 * with fractions and `±hh:mm` offsets) and the common-log date (`10/Oct/2026:13:55:36 -0700`).
 * Returns milliseconds since the epoch, or NaN when the value is neither.
 */

/** Month number by its three-letter English abbreviation, packed as one integer. */
const MONTHS = new Map<number, number>();
for (const [i, m] of [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
].entries())
  MONTHS.set((m.charCodeAt(0) << 16) | (m.charCodeAt(1) << 8) | m.charCodeAt(2), i + 1);

function digits(buf: Uint8Array, at: number, n: number, e: number): number {
  if (at + n > e) return -1;
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = (buf[i] as number) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** `digits(buf, at, 2, e)` without the loop: a clock has six of them. */
function two(buf: Uint8Array, at: number, e: number): number {
  if (at + 2 > e) return -1;
  const a = (buf[at] as number) - 48;
  const b = (buf[at + 1] as number) - 48;
  return a >>> 0 > 9 || b >>> 0 > 9 ? -1 : a * 10 + b;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a civil date (proleptic Gregorian), without a Date object. */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59) return false;
  if (s < 0 || s > 60) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (mo === 2 ? (leap ? 29 : 28) : (MONTH_DAYS[mo] as number));
}

/** Parse a timestamp in `buf[s, e)`. */
export function parseTimeBytes(buf: Uint8Array, s: number, e: number): number {
  if (e - s >= 10 && buf[s + 4] === 45) return parseIso(buf, s, e);
  if (e - s >= 20 && buf[s + 2] === 47) return parseCommonLog(buf, s, e);
  return Number.NaN;
}

const encoder = new TextEncoder();

export function parseTimeString(value: string): number {
  if (value.length > 64) return Number.NaN;
  const bytes = encoder.encode(value);
  return parseTimeBytes(bytes, 0, bytes.length);
}

/**
 * The last two calendar days read, by their bytes (`yyyy-mm-dd` or `dd/Mon/yyyy`), with their
 * first instants: records mostly come in time order, so nearly all of them repeat a recent day
 * (two, for the hours around midnight and logs merged from two days) and skip the calendar
 * arithmetic. Valid days only; per thread, as every module's state is.
 */
class DayCache {
  private readonly bytes = [new Uint8Array(11), new Uint8Array(11)];
  private readonly len = [0, 0];
  private readonly ms = [0, 0];
  private older = 0;

  get(buf: Uint8Array, s: number, n: number): number {
    for (let slot = 0; slot < 2; slot++) {
      if (this.len[slot] !== n) continue;
      const b = this.bytes[slot] as Uint8Array;
      let k = 0;
      while (k < n && b[k] === buf[s + k]) k++;
      if (k === n) {
        this.older = 1 - slot;
        return this.ms[slot] as number;
      }
    }
    return Number.NaN;
  }

  set(buf: Uint8Array, s: number, n: number, ms: number): void {
    const slot = this.older;
    const b = this.bytes[slot] as Uint8Array;
    for (let k = 0; k < n; k++) b[k] = buf[s + k] as number;
    this.len[slot] = n;
    this.ms[slot] = ms;
    this.older = 1 - slot;
  }
}

const isoDays = new DayCache();
const clfDays = new DayCache();

/** A time of day within a valid day: `valid` without the day's part. */
function validClock(h: number, mi: number, s: number): boolean {
  return h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && s >= 0 && s <= 60;
}

/** The first instant of `yyyy-mm-dd` at `s` (already shown to have its dashes), or NaN. */
function isoDayStart(buf: Uint8Array, s: number, e: number): number {
  const cached = isoDays.get(buf, s, 10);
  if (!Number.isNaN(cached)) return cached;
  const y = digits(buf, s, 4, e);
  const mo = two(buf, s + 5, e);
  const d = two(buf, s + 8, e);
  if (y < 0 || mo < 0 || d < 0 || !valid(y, mo, d, 0, 0, 0)) return Number.NaN;
  const ms = daysFromCivil(y, mo, d) * 86_400_000;
  isoDays.set(buf, s, 10, ms);
  return ms;
}

function parseIso(buf: Uint8Array, s: number, e: number): number {
  if (buf[s + 7] !== 45) return Number.NaN;
  const day = isoDayStart(buf, s, e);
  if (Number.isNaN(day)) return Number.NaN;
  let i = s + 10;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let offset = 0;
  if (i < e && (buf[i] === 84 || buf[i] === 116 || buf[i] === 32)) {
    h = two(buf, i + 1, e);
    mi = two(buf, i + 4, e);
    if (h < 0 || mi < 0 || buf[i + 3] !== 58) return Number.NaN;
    i += 6;
    if (i < e && buf[i] === 58) {
      sec = two(buf, i + 1, e);
      if (sec < 0) return Number.NaN;
      i += 3;
      if (i < e && (buf[i] === 46 || buf[i] === 44)) {
        i++;
        const start = i;
        let scale = 100;
        while (i < e && (buf[i] as number) >= 48 && (buf[i] as number) <= 57) {
          ms += ((buf[i] as number) - 48) * scale;
          scale /= 10;
          i++;
        }
        if (i === start) return Number.NaN;
        ms = Math.floor(ms);
      }
    }
    if (i < e) {
      const c = buf[i];
      if (c === 90 || c === 122) i++;
      else if (c === 43 || c === 45) {
        const oh = two(buf, i + 1, e);
        const colon = buf[i + 3] === 58 ? 1 : 0;
        const om = two(buf, i + 3 + colon, e);
        if (oh < 0 || om < 0) return Number.NaN;
        offset = (c === 43 ? 1 : -1) * (oh * 60 + om);
        i += 5 + colon;
      }
    }
  }
  if (i !== e || !validClock(h, mi, sec)) return Number.NaN;
  return day + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms - offset * 60_000;
}

/** The first instant of `dd/Mon/yyyy` at `s` (length already checked), or NaN. */
function commonLogDay(buf: Uint8Array, s: number, e: number): number {
  const cached = clfDays.get(buf, s, 11);
  if (!Number.isNaN(cached)) return cached;
  const d = two(buf, s, e);
  const mon = MONTHS.get(
    ((buf[s + 3] as number) << 16) | ((buf[s + 4] as number) << 8) | (buf[s + 5] as number),
  );
  const y = digits(buf, s + 7, 4, e);
  if (d < 0 || mon === undefined || y < 0 || buf[s + 6] !== 47 || !valid(y, mon, d, 0, 0, 0))
    return Number.NaN;
  const ms = daysFromCivil(y, mon, d) * 86_400_000;
  clfDays.set(buf, s, 11, ms);
  return ms;
}

function parseCommonLog(buf: Uint8Array, s: number, e: number): number {
  // dd/Mon/yyyy:HH:MM:SS +zzzz
  const day = commonLogDay(buf, s, e);
  const h = two(buf, s + 12, e);
  const mi = two(buf, s + 15, e);
  const sec = two(buf, s + 18, e);
  if (Number.isNaN(day) || h < 0 || mi < 0 || sec < 0) return Number.NaN;
  if (buf[s + 11] !== 58) return Number.NaN;
  let offset = 0;
  let i = s + 20;
  if (i < e && buf[i] === 32) {
    const sign = buf[i + 1];
    const oh = two(buf, i + 2, e);
    const om = two(buf, i + 4, e);
    if ((sign !== 43 && sign !== 45) || oh < 0 || om < 0) return Number.NaN;
    offset = (sign === 43 ? 1 : -1) * (oh * 60 + om);
    i += 6;
  }
  if (i !== e || !validClock(h, mi, sec)) return Number.NaN;
  return day + h * 3_600_000 + mi * 60_000 + sec * 1000 - offset * 60_000;
}

/** Midnight UTC at the start of a YYYY-MM-DD day. */
export function dayStartMs(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

export const DAY_MS = 86_400_000;

/** YYYY-MM-DD of an instant, UTC. */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
