/**
 * @module core/law/countries
 * The EU's 27 member states and the three other EEA states, by ISO 3166-1 alpha-2 code
 * (Greece is `GR`): the countries where the GDPR applies as EU law or through the EEA Agreement.
 */
export const EU_MEMBER_STATES = [
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
] as const;

/** The EEA states outside the EU. */
export const EEA_NON_EU_STATES = ["IS", "LI", "NO"] as const;
