import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, OPTIONS, verifyPassword } from "./passwords.ts";

describe("passwords", () => {
  it("hashes with argon2id and checks a password against its hash", async () => {
    const stored = await hashPassword("correct horse");
    expect(stored.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(stored, "correct horse")).toBe(true);
    expect(await verifyPassword(stored, "wrong horse")).toBe(false);
    expect(await verifyPassword("not a hash", "correct horse")).toBe(false);
  });

  it("keeps the dummy hash on the parameters real hashes use, so checking it costs the same", async () => {
    const params = (hash: string) => hash.split("$").slice(1, 4).join("$");
    expect(params(DUMMY_HASH)).toBe(
      `argon2id$v=19$m=${OPTIONS.memoryCost},t=${OPTIONS.timeCost},p=${OPTIONS.parallelism}`,
    );
    expect(params(DUMMY_HASH)).toBe(params(await hashPassword("anything")));
    expect(await verifyPassword(DUMMY_HASH, "")).toBe(false);
  });
});
