/**
 * @module core/law/marketing-law
 * The national law on unsolicited marketing by email, SMS and phone, as data. Art. 13 of the
 * ePrivacy Directive requires prior consent for email and SMS marketing (with the soft opt-in
 * of Art. 13(2)) but leaves live phone calls to each member state (Art. 13(3)): some require
 * consent, others an opt-out register. A finding cites the national provision of each
 * country the recipients are in; where the table has no entry it cites the Directive.
 *
 * Each phone rule can change on a date (France moved from the Bloctel register to prior
 * consent on 11 August 2026): rules are listed with the day they apply from.
 */

export interface PhoneRule {
  /**
   * YYYY-MM-DD the rule applies from; the latest one on or before the day applies. Absent:
   * the rule that applied before any dated change the table records.
   */
  from?: string;
  rule: "consent" | "opt-out-register";
  ref: string;
  /** Calls to existing customers about similar products are allowed without consent. */
  customerException?: true;
}

export interface NationalMarketingLaw {
  /** The provision that transposes Art. 13(1)–(2) for email and SMS. */
  email: string;
  /** Live calls to individuals. */
  phone?: readonly PhoneRule[];
}

export const MARKETING_LAW: Readonly<Record<string, NationalMarketingLaw>> = Object.freeze({
  FR: {
    email: "fr-cpce-l34-5",
    phone: [
      { rule: "opt-out-register", ref: "fr-code-consommation-l223-1" },
      { from: "2026-08-11", rule: "consent", ref: "fr-loi-2025-594", customerException: true },
    ],
  },
  DE: {
    email: "de-uwg-7",
    phone: [{ rule: "consent", ref: "de-uwg-7" }],
  },
  NL: {
    email: "nl-telecommunicatiewet-11-7",
    phone: [
      { rule: "opt-out-register", ref: "nl-telecommunicatiewet-11-7" },
      {
        from: "2021-07-01",
        rule: "consent",
        ref: "nl-telecommunicatiewet-11-7",
        customerException: true,
      },
    ],
  },
  ES: {
    email: "es-lssi-21",
    phone: [{ from: "2023-06-29", rule: "consent", ref: "es-lgtel-66", customerException: true }],
  },
  IT: {
    email: "it-codice-privacy-130",
    phone: [{ rule: "opt-out-register", ref: "it-codice-privacy-130" }],
  },
  IE: {
    email: "ie-si-336-2011-reg-13",
    phone: [{ rule: "opt-out-register", ref: "ie-si-336-2011-reg-13" }],
  },
  AT: {
    email: "at-tkg-2021-174",
    phone: [{ rule: "consent", ref: "at-tkg-2021-174" }],
  },
  BE: { email: "be-cde-xii-13" },
  // United Kingdom: PECR reg. 22 (email, SMS), reg. 21 (live calls: the TPS register).
  GB: {
    email: "pecr-reg-22",
    phone: [{ rule: "opt-out-register", ref: "pecr-reg-21" }],
  },
});

/** The email/SMS provision for a country, or the Directive's when the table has none. */
export function emailMarketingRef(country: string | undefined, jurisdiction: "EU" | "UK"): string {
  if (jurisdiction === "UK") return "pecr-reg-22";
  return (country && MARKETING_LAW[country]?.email) || "eprivacy-art-13";
}

/** The live-call rule in force in a country on a day, if the table knows it. */
export function phoneRule(
  country: string | undefined,
  jurisdiction: "EU" | "UK",
  day: string,
): PhoneRule | undefined {
  const key = jurisdiction === "UK" ? "GB" : country;
  const rules = key ? MARKETING_LAW[key]?.phone : undefined;
  let current: PhoneRule | undefined;
  for (const r of rules ?? []) if (r.from === undefined || r.from <= day) current = r;
  return current;
}
