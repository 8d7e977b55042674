/**
 * @module core/law/art8-ages
 * The age of digital consent (GDPR Art. 8(1)): below it, consent to an information-society
 * service offered directly to a child must come from, or be authorised by, a parent. The GDPR
 * default is 16; each member state may set a lower age, never below 13.
 *
 * Carried over from LEGAL-FACTS.md, which lists all 27 member states. Review on any change of
 * national law; known pending changes:
 * - Spain: a government bill (2025) would raise 14 to 16; not law when this table was written.
 * - UK: a 2026 Act gave the Secretary of State power to move the UK age within 13–16 by
 *   regulations (new UK GDPR Art. 8(2A)); no such regulations were known when this was written.
 * Liechtenstein is left out: its age could not be verified.
 */

/** The GDPR's own age, used when no national age is known. */
export const GDPR_DEFAULT_AGE = 16;

/** The UK GDPR age (Art. 8(1) as it applies in the UK). */
export const UK_AGE = 13;

/**
 * National ages by ISO 3166-1 alpha-2 code: the 27 EU member states plus Iceland and Norway
 * (EEA). Greece is `GR` (the EU's own abbreviation `EL` is accepted as an alias on lookup).
 */
export const ART8_AGES: Readonly<Record<string, number>> = Object.freeze({
  // 13
  BE: 13,
  DK: 13,
  EE: 13,
  FI: 13,
  LV: 13,
  MT: 13,
  PT: 13,
  SE: 13,
  // 14
  AT: 14,
  BG: 14,
  CY: 14,
  IT: 14,
  LT: 14,
  ES: 14,
  // 15
  CZ: 15,
  FR: 15,
  GR: 15,
  SI: 15,
  // 16
  HR: 16,
  DE: 16,
  HU: 16,
  IE: 16,
  LU: 16,
  NL: 16,
  PL: 16,
  RO: 16,
  SK: 16,
  // EEA
  IS: 13,
  NO: 13,
});

/** Codes that mean the same country as a key of {@link ART8_AGES}. */
const ALIASES: Readonly<Record<string, string>> = Object.freeze({ EL: "GR" });

export interface DigitalConsentAge {
  /** Youngest age at which a child may consent alone. */
  age: number;
  /** Where the age comes from, for the finding and the report. */
  source: string;
}

/**
 * The age below which parental consent is needed under Art. 8(1).
 *
 * - `UK`: 13, from UK GDPR Art. 8(1) (the age was first set by DPA 2018 s. 9, omitted since
 *   31 December 2020 when the age moved into the UK GDPR text). `country` is ignored.
 * - `EU` with a country in the table: that country's age under its national law.
 * - `EU` with no country, or one not in the table: the GDPR default of 16, and the source says
 *   the national age is unknown.
 *
 * @param jurisdiction which GDPR applies
 * @param country ISO 3166-1 alpha-2 code of the main establishment, any letter case
 */
export function ageOfDigitalConsent(
  jurisdiction: "EU" | "UK",
  country?: string,
): DigitalConsentAge {
  if (jurisdiction === "UK") {
    return { age: UK_AGE, source: "UK GDPR Art. 8(1): 13 (formerly set by DPA 2018 s. 9)" };
  }
  const code = normaliseCountry(country);
  if (code !== undefined) {
    const age = ART8_AGES[code];
    if (age !== undefined) {
      return { age, source: `GDPR Art. 8(1) as set by the national law of ${code}: ${age}` };
    }
  }
  const why =
    country === undefined || country.trim() === ""
      ? "no country given"
      : `no national age known for "${country}"`;
  return {
    age: GDPR_DEFAULT_AGE,
    source: `GDPR Art. 8(1) default: ${GDPR_DEFAULT_AGE} (${why})`,
  };
}

function normaliseCountry(country: string | undefined): string | undefined {
  if (country === undefined) return undefined;
  const upper = country.trim().toUpperCase();
  const code = Object.hasOwn(ALIASES, upper) ? ALIASES[upper] : upper;
  return code !== undefined && Object.hasOwn(ART8_AGES, code) ? code : undefined;
}
