import { describe, expect, it } from "vitest";
import { ART8_AGES, ageOfDigitalConsent, GDPR_DEFAULT_AGE } from "./art8-ages.ts";
import { EU_MEMBER_STATES } from "./countries.ts";

/** The groups exactly as LEGAL-FACTS.md lists them. */
const GROUPS: Record<number, string[]> = {
  13: ["BE", "DK", "EE", "FI", "LV", "MT", "PT", "SE", "IS", "NO"],
  14: ["AT", "BG", "CY", "IT", "LT", "ES"],
  15: ["CZ", "FR", "GR", "SI"],
  16: ["HR", "DE", "HU", "IE", "LU", "NL", "PL", "RO", "SK"],
};

describe("ART8_AGES", () => {
  it("covers all 27 member states", () => {
    expect(EU_MEMBER_STATES).toHaveLength(27);
    const missing = EU_MEMBER_STATES.filter((c) => !(c in ART8_AGES));
    expect(missing).toEqual([]);
  });

  it("holds the member states plus Iceland and Norway and nothing else", () => {
    expect(Object.keys(ART8_AGES).sort()).toEqual([...EU_MEMBER_STATES, "IS", "NO"].sort());
  });

  it("never goes below 13 or above 16", () => {
    for (const age of Object.values(ART8_AGES)) {
      expect(age).toBeGreaterThanOrEqual(13);
      expect(age).toBeLessThanOrEqual(16);
    }
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(ART8_AGES)).toBe(true);
    expect(() => {
      (ART8_AGES as Record<string, number>).DE = 13;
    }).toThrow(TypeError);
  });
});

describe("ageOfDigitalConsent", () => {
  for (const [age, codes] of Object.entries(GROUPS)) {
    it.each(codes)(`gives %s the national age of ${age}`, (code) => {
      const result = ageOfDigitalConsent("EU", code);
      expect(result.age).toBe(Number(age));
      expect(result.source).toContain(code);
    });
  }

  it("gives the UK 13 whatever country is passed", () => {
    expect(ageOfDigitalConsent("UK").age).toBe(13);
    expect(ageOfDigitalConsent("UK", "DE").age).toBe(13);
    expect(ageOfDigitalConsent("UK").source).toContain("UK GDPR Art. 8(1)");
  });

  it("falls back to the GDPR default of 16 when no country is given, and says so", () => {
    const result = ageOfDigitalConsent("EU");
    expect(result.age).toBe(GDPR_DEFAULT_AGE);
    expect(result.age).toBe(16);
    expect(result.source).toMatch(/default/);
    expect(result.source).toMatch(/no country given/);
  });

  it("falls back to 16 for a country outside the table, naming it", () => {
    const result = ageOfDigitalConsent("EU", "US");
    expect(result.age).toBe(16);
    expect(result.source).toMatch(/no national age known for "US"/);
  });

  it("treats an empty country as none given", () => {
    expect(ageOfDigitalConsent("EU", "  ").source).toMatch(/no country given/);
  });

  it("accepts lower case and the EU's EL for Greece", () => {
    expect(ageOfDigitalConsent("EU", "fr").age).toBe(15);
    expect(ageOfDigitalConsent("EU", "EL")).toEqual(ageOfDigitalConsent("EU", "GR"));
  });

  it("is not fooled by inherited object keys", () => {
    expect(ageOfDigitalConsent("EU", "constructor").age).toBe(16);
    expect(ageOfDigitalConsent("EU", "__proto__").age).toBe(16);
  });
});
