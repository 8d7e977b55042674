import { describe, expect, it } from "vitest";
import {
  findEmail,
  hasQueryString,
  IP_FULL,
  IP_NONE,
  IP_TRUNCATED,
  ipv4VerdictOf,
  ipv6Verdict,
  ipv6VerdictOf,
  isRawUserAgent,
  REFERRER_OK,
  REFERRER_PATH,
  REFERRER_QUERY,
  redactEmails,
  redactIp,
  redactQuery,
  redactUserAgent,
  referrerVerdict,
  referrerVerdictBytes,
} from "./values.ts";

const bytes = (s: string) => Buffer.from(s);

describe("IPv4 truncation to /24", () => {
  it.each([
    ["203.0.113.0", IP_TRUNCATED],
    ["203.0.113.0/24", IP_TRUNCATED],
    ["203.0.113.x", IP_TRUNCATED],
    ["203.0.113.*", IP_TRUNCATED],
    ["203.0.113", IP_TRUNCATED],
    ["203.0.113.45", IP_FULL],
    ["203.0.113.45/24", IP_FULL],
    ["203.0.113.45:443", IP_FULL],
    ["10.0.0.1", IP_FULL],
    ["256.1.1.1", IP_NONE],
    ["1.2.3.4.5", IP_NONE],
    ["v1.2.3", IP_NONE],
    ["1.2", IP_NONE],
    ["", IP_NONE],
  ])("%s is %s", (value, verdict) => {
    expect(ipv4VerdictOf(value)).toBe(verdict);
  });
});

describe("IPv6 truncation to /48", () => {
  it.each([
    ["2001:db8:85a3::", IP_TRUNCATED],
    ["2001:db8:85a3::/48", IP_TRUNCATED],
    ["2001:db8:85a3:0:0:0:0:0", IP_TRUNCATED],
    ["[2001:db8:85a3::]:443", IP_TRUNCATED],
    ["::", IP_TRUNCATED],
    ["2001:db8:85a3::8a2e:370:7334", IP_FULL],
    ["2001:db8:85a3:1::", IP_FULL],
    ["::1", IP_FULL],
    ["fe80::1%eth0", IP_FULL],
    ["::ffff:203.0.113.7", IP_FULL],
    ["::ffff:203.0.113.0", IP_TRUNCATED],
    ["2001:db8::85a3::1", IP_NONE],
    ["1:2:3:4:5:6:7:8:9", IP_NONE],
    ["12345::", IP_NONE],
    ["deadbeef", IP_NONE],
    ["10:30", IP_NONE],
  ])("%s is %s, from text and from bytes alike", (value, verdict) => {
    expect(ipv6VerdictOf(value)).toBe(verdict);
    const b = bytes(value);
    expect(ipv6Verdict(b, 0, b.length)).toBe(verdict);
  });
});

describe("email addresses", () => {
  it("finds an address inside text and in URL-encoded form", () => {
    expect(findEmail("contact alice.smith+x@mail.example.org today")).toBeDefined();
    expect(findEmail("/unsubscribe?to=bob%40example.com&x=1")).toBeDefined();
  });

  it("does not take version strings, handles or bare @ for addresses", () => {
    for (const v of [
      "@scope/pkg",
      "user@localhost",
      "a@b.c",
      "Mozilla/5.0 (X11)",
      "@",
      "x@1.2.3.4",
    ])
      expect(findEmail(v), v).toBeUndefined();
  });

  it("stays linear on a long line with no address", () => {
    const long = `${"a".repeat(1_000_000)}@${"b".repeat(1_000_000)}`;
    const started = performance.now();
    expect(findEmail(long)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("redacts every address to its first letters", () => {
    expect(redactEmails("from alice@example.org to bob%40mail.example")).toBe(
      "from a***@e*** to b***%40m***",
    );
  });
});

describe("user agents", () => {
  it("calls full browser strings raw and reduced forms not raw", () => {
    expect(isRawUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/128.0")).toBe(true);
    expect(isRawUserAgent("curl/8.5.0")).toBe(true);
    expect(isRawUserAgent("Mozilla/5")).toBe(true);
    expect(isRawUserAgent("Something (Linux; Android 14)")).toBe(true);
    expect(isRawUserAgent("Firefox 128 / Windows 10 / desktop")).toBe(false);
    expect(isRawUserAgent("Chrome/128")).toBe(false);
    expect(isRawUserAgent("desktop (Windows)")).toBe(false);
  });

  it("redacts a user agent to its shape without any version", () => {
    expect(redactUserAgent("Mozilla/5.0 (Windows NT 10.0) Firefox/128.0")).toBe(
      "Mozilla/#.# (Windows NT #.#) Firefox/#.#",
    );
  });
});

describe("referrers and paths", () => {
  it.each([
    ["https://news.example.com/", "ok", REFERRER_OK],
    ["https://news.example.com", "ok", REFERRER_OK],
    ["news.example.com", "ok", REFERRER_OK],
    ["android-app://com.example.reader/", "ok", REFERRER_OK],
    ["https://news.example.com/?", "ok", REFERRER_OK],
    ["https://search.example/?q=me", "query", REFERRER_QUERY],
    ["https://news.example.com/story/1", "path", REFERRER_PATH],
    ["https://news.example.com#top", "path", REFERRER_PATH],
  ] as const)("%s is %s", (value, verdict, code) => {
    expect(referrerVerdict(value)).toBe(verdict);
    const b = bytes(value);
    expect(referrerVerdictBytes(b, 0, b.length)).toBe(code);
  });

  it("sees a query string in a path or a request line, not a bare ?", () => {
    expect(hasQueryString("/search?q=x")).toBe(true);
    expect(hasQueryString("GET /p?id=1 HTTP/1.1")).toBe(true);
    expect(hasQueryString("/search?")).toBe(false);
    expect(hasQueryString("GET /p? HTTP/1.1")).toBe(false);
  });

  it("masks every query value and keeps the request's protocol", () => {
    expect(redactQuery("GET /s?q=alice&email=a%40b.org HTTP/1.1")).toBe(
      "GET /s?q=***&email=*** HTTP/1.1",
    );
  });
});

describe("IP redaction", () => {
  it("keeps the network and masks the host part", () => {
    expect(redactIp("203.0.113.45")).toBe("203.0.113.x");
    expect(redactIp("2001:db8:85a3::8a2e:370:7334")).toBe("2001:db8:85a3:x:x:x:x:x");
  });
});
