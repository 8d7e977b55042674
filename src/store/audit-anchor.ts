/**
 * @module store/audit-anchor
 * Anchors of the audit trail kept outside the database. Whoever can write to the database
 * can delete the newest events and the rows they recorded together, and the trail that is
 * left is consistent. An anchor records the head (sequence number, id and hash of the newest
 * event) at a moment, with an HMAC-SHA256 under BASIS_AUDIT_KEY, somewhere the database's
 * writers cannot reach (a file elsewhere, a webhook, a printout). `verify` then checks that
 * the chain still holds each anchored event unchanged.
 *
 * An anchor is one JSON object on one line, so a file of anchors grows by appending.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { canonical, GENESIS } from "./audit.ts";

export const ANCHOR_FORMAT = "basis-audit-anchor/v1";
export const MIN_KEY_LENGTH = 16;

/** The newest event of the chain (sequence 0 and the genesis hash when there is none). */
export interface AuditHead {
  seq: number;
  id: string;
  hash: string;
  at: string;
}

export interface AuditAnchor extends AuditHead {
  format: typeof ANCHOR_FORMAT;
  anchoredAt: string;
  mac: string;
}

export const EMPTY_HEAD: AuditHead = { seq: 0, id: "", hash: GENESIS, at: "" };

/** BASIS_AUDIT_KEY, or the reason it cannot be used. */
export function auditKey(
  env: NodeJS.ProcessEnv = process.env,
): { ok: true; key: string } | { ok: false; message: string } {
  const key = env.BASIS_AUDIT_KEY;
  if (!key)
    return {
      ok: false,
      message:
        "set BASIS_AUDIT_KEY (a secret kept away from the database) to sign and check anchors",
    };
  if (key.length < MIN_KEY_LENGTH)
    return { ok: false, message: `BASIS_AUDIT_KEY must be at least ${MIN_KEY_LENGTH} characters` };
  return { ok: true, key };
}

function macOf(anchor: Omit<AuditAnchor, "mac">, key: string): string {
  return createHmac("sha256", key).update(canonical(anchor)).digest("hex");
}

export function anchorOf(head: AuditHead, key: string, anchoredAt: Date): AuditAnchor {
  const body = {
    format: ANCHOR_FORMAT,
    seq: head.seq,
    id: head.id,
    hash: head.hash,
    at: head.at,
    anchoredAt: anchoredAt.toISOString(),
  } as const;
  return { ...body, mac: macOf(body, key) };
}

/** Whether the anchor was made with this key and not changed since. */
export function anchorSigned(anchor: AuditAnchor, key: string): boolean {
  const { mac, ...body } = anchor;
  const expected = Buffer.from(macOf(body, key), "hex");
  const given = Buffer.from(typeof mac === "string" ? mac : "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The anchors in a file's text, one a line (blank lines skipped), or the first bad line. */
export function parseAnchors(
  text: string,
): { ok: true; anchors: AuditAnchor[] } | { ok: false; line: number; message: string } {
  const anchors: AuditAnchor[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (line === "") continue;
    let value: Partial<AuditAnchor> | undefined;
    try {
      value = JSON.parse(line) as Partial<AuditAnchor>;
    } catch {
      value = undefined;
    }
    if (
      !value ||
      value.format !== ANCHOR_FORMAT ||
      !Number.isSafeInteger(value.seq) ||
      typeof value.id !== "string" ||
      typeof value.hash !== "string" ||
      typeof value.at !== "string" ||
      typeof value.anchoredAt !== "string" ||
      typeof value.mac !== "string"
    )
      return { ok: false, line: i + 1, message: `not a ${ANCHOR_FORMAT} line` };
    anchors.push(value as AuditAnchor);
  }
  if (anchors.length === 0) return { ok: false, line: 1, message: "holds no anchor" };
  return { ok: true, anchors };
}
