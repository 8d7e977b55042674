/**
 * Nothing of substance lost. For each source document in shared/seeds, the facts it states
 * (its sections, the interests it claims and those it does not, safeguards, the minimisation
 * table and prohibited fields, retention, review dates, references, disclaimers, the law it
 * was assessed under, contacts) as the fixtures record them, each checked to appear in what
 * Basis renders: the LIA, the lawful-basis assessment, the register or the screening record.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runExportRegister } from "../src/cli/commands/export-register.ts";
import { runRender } from "../src/cli/commands/render.ts";
import { bufferIo } from "../src/cli/io.ts";
import { main } from "../src/cli/main.ts";

const root = (p: string) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const TODAY = "2026-11-22";

/** Rendered Markdown as plain text: escapes undone, whitespace collapsed. */
function plain(markdown: string): string {
  return markdown
    .replace(/\\(.)/g, "$1")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ");
}

async function rendered(file: string, document: "lia" | "lawful-basis" = "lia") {
  const io = bufferIo();
  expect(await runRender(io, root(file), { format: "md", document, today: TODAY })).toBe(0);
  return plain(io.stdout);
}

function missing(text: string, facts: readonly string[]): string[] {
  return facts.filter((f) => !text.includes(f.replace(/\s+/g, " ")));
}

describe("seed 001 (a multi-interest LIA for analytics, security, service email, product development)", () => {
  it("keeps every fact of the seed in the rendered LIA", async () => {
    const lia = await rendered("fixtures/levqor-platform-lia.yaml");
    expect(
      missing(lia, [
        // sections, in the seed's order
        "1. Scope",
        "Purpose test",
        "3. Necessity test",
        "4. Balancing test",
        "Data-minimisation specification",
        "Right to object (Art. 21)",
        "7. Conclusion",
        "8. Review",
        "Version history",
        "Sign-off",
        // the interests, and the summary table per interest
        "Platform reliability and performance",
        "Security and fraud prevention",
        "Essential service communications",
        "Product development and innovation",
        "| Platform reliability and performance | Met | Met | Met | Appropriate |",
        // what is not claimed as legitimate interests
        "Not based on legitimate interests",
        "Send promotional email about Levqor to people who have opted in",
        "Consent (Art. 6(1)(a))",
        "cold marketing email to prospects (consent, with double opt-in)",
        "non-essential cookies (consent through the cookie banner, PECR reg. 6)",
        "sharing data with others for their own marketing (not done on any basis)",
        "PECR reg. 22(3) soft opt-in",
        // alternatives and minimisation in the necessity test
        "User surveys only",
        "In-app notifications only",
        "Users are not always signed in when urgent action is needed.",
        // safeguards, opt-out
        "Aggregation after 90 days",
        "No cross-site tracking",
        "IP anonymisation after 90 days",
        "The last octet is replaced (for example 192.168.1.xxx).",
        "Automated threat detection",
        "Aggregation threshold",
        "No feature usage reported for fewer than 10 users.",
        "The cookie settings page (/cookie-settings) disables analytics cookies",
        // minimisation table and prohibited fields
        "| usage_aggregate |",
        "| ip_address_masked |",
        "| cross_site_id | No tracking across other sites |",
        "| third_party_marketing_share | Data is never shared with third parties for their marketing |",
        "No field may be added without updating this LIA.",
        // retention, review, versions, conditions
        "Raw logs and events 90 days; aggregates 24 months; security events 365 days.",
        "14 November 2026 (overdue)",
        "Every 12 months",
        "New analytics tools or tracking methods are introduced",
        "The ICO or EDPB issues guidance on legitimate interests",
        "| 1.0 | 14 November 2025 | Initial LIA for marketing and analytics | Data Protection Lead |",
        "The safeguards stay in place and are monitored",
        "Users can exercise their objection rights effectively",
        "28 days",
        // law, references, contacts
        "UK GDPR",
        "under both the UK GDPR and the EU GDPR",
        "ICO guidance on legitimate interests",
        "GDPR Recital 47",
        "GDPR Recital 49",
        "privacy@levqor.ai",
        "The marketing consent implementation is described in an internal compliance document.",
      ]),
    ).toEqual([]);
  });

  it("prints the shared conclusion conditions once, and the overdue review as a review warning, not a condition", async () => {
    const lia = await rendered("fixtures/levqor-platform-lia.yaml");
    const conditions = lia.slice(lia.indexOf("Conditions the outcome depends on"));
    expect(conditions.slice(0, conditions.indexOf("Decided by"))).not.toContain("review");
    expect(lia).toMatch(/Warning:\*\* The review date \d|Warning:\*\* [^*]*review/);
    // a finding's dates read as the document's other dates do
    expect(lia).toContain("The review was due on 14 November 2026.");
    expect(lia).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
  });
});

describe("seed 004 (an LIA for security audit logging)", () => {
  it("keeps every fact of the seed, with the five interests' shared tests written once", async () => {
    const lia = await rendered("fixtures/edusphere-audit-logging-lia.yaml");
    expect(
      missing(lia, [
        "EduSphere Technologies Ltd.",
        "EU GDPR",
        "Security monitoring",
        "Fraud prevention",
        "Incident response",
        "Demonstrating security compliance",
        "Meeting processor commitments to client institutions",
        "Supervisory authorities",
        "Applies to:** every interest",
        "Keep logs for 30 days only",
        "| Actor id | Low |",
        "| IP address (/24 network) | Low |",
        "| Surveillance | Remote | Minimal |",
        "| Chilling effect | Remote | Minimal |",
        "| Re-identification | Remote | Minimal |",
        "Pseudonymisation of the actor",
        "IP masking at write time",
        "Access restriction",
        "No field may be added to this log without a new or updated LIA.",
        "| ip_address | IPv4 network, /24 only | Identify the source network of the action | 7 years |",
        "| ip_address_full |",
        "| user_name |",
        "| session_content |",
        "| request_body |",
        "| response_payload |",
        "7 years, matched to statutory limitation periods",
        "22 February 2027",
        "Data protection officer",
        "22 February 2026",
        "dpo@edusphere.dev",
        "EDPB Guidelines 06/2020",
        "WP29 Opinion 06/2014",
        "GDPR Recital 49",
      ]),
    ).toEqual([]);
    // One necessity and one balancing test for five interests, not five of each.
    expect(lia.match(/Less intrusive alternatives considered/g)).toHaveLength(1);
    expect(lia.match(/#### Safeguards/g)).toHaveLength(1);
  });
});

describe("seed 003 (an EDPB 1/2024 LIA template for cookieless analytics)", () => {
  it("keeps the three steps, case law, evidence, mitigations, triggers, country layers and disclaimer", async () => {
    const lia = await rendered("fixtures/statnive-cookieless-analytics-lia.yaml");
    expect(
      missing(lia, [
        "EU GDPR (main establishment: Germany)",
        "EDPB Guidelines 1/2024",
        "Operating, improving and securing the website",
        "Measuring audience and content engagement",
        "Breyer",
        "KNLTB",
        "about 55.6 % of visitors decline or close the banner",
        "Raw IP addresses carry a higher re-identification risk",
        "Salt destruction",
        "IP truncation at ingest",
        "EU-only data residency",
        "Browser privacy signals honoured",
        "POST /api/privacy/opt-out",
        "25 months",
        "| device_fingerprint | Fingerprinting is excluded |",
        "| query_string | Query strings never enter persistent storage |",
        "Digital Omnibus proposal COM(2025) 837",
        "CNIL, DSK, Garante, AEPD, AP, ICO",
        "Sheet no. 16",
        "section 25 TDDDG",
        "IT, ES, NL, BE, IE, UK and AT",
        "must adapt this LIA (and any DPIA) with counsel",
        "support@statnive.com",
        "Charter Arts. 7 and 8",
      ]),
    ).toEqual([]);
    // Reference ids written in the notes are shown as the references' titles.
    expect(lia).not.toMatch(/\((?:eprivacy-art-5-3|cnil-audience-measurement|de-tdddg-25)\)/);
  });
});

describe("seed 002 (a lawful-basis assessment template)", () => {
  it("keeps document control, every activity's attributes and checklists, change management and the Art. 30 list", async () => {
    const doc = await rendered("fixtures/lawful-basis-register.yaml", "lawful-basis");
    expect(
      missing(doc, [
        "Document type:** Lawful basis assessment",
        "Version:**",
        "Status:** Draft",
        "Reviewers:** Privacy officer; Legal counsel; Data protection officer; Product owner",
        "Related documents:** Legitimate Interests Assessment: Fraud detection and prevention (Annex A1)",
        "(a) Consent",
        "(f) Legitimate interests",
        "| Data classification | restricted (personal data) |",
        "| Data classification | confidential |",
        "| Data volume | 50,000 subscribed users |",
        "Contract fits better",
        "| Withdrawable (as easy as giving it) | Yes |",
        "| Explicit consent (Art. 9(2)(a)) | Yes |",
        "| Health or social care (Art. 9(2)(h)) | No |",
        "Art. 9(2)(h) (health or social care) was rejected",
        "| Fraud detection and prevention | Legitimate interests (Art. 6(1)(f)) | N/A | No | Yes |",
        "Annex A1. Legitimate Interests Assessment: Fraud detection and prevention",
        "Manual review only",
        "Human review",
        "Contestability",
        "4. Changing a lawful basis",
        "cannot move from consent to legitimate interests after the fact",
        "5. Record of processing activities",
        "Name and contact details of the controller",
        "A change in the business model",
        "Added the fraud detection LIA",
        "GDPR Art. 6(1)",
        "GDPR Art. 9(2)",
        "References cited",
      ]),
    ).toEqual([]);
    // The Art. 8 block only where a child's consent is relied on: fraud detection covers
    // children under legitimate interests, so it says why Art. 8 does not apply.
    expect(doc).not.toContain("Children's data (Art. 8)");
    expect(doc).toContain("no child's consent is relied on");
  });

  it("makes no LIA for the activities that do not rely on legitimate interests", async () => {
    const lia = await rendered("fixtures/lawful-basis-register.yaml");
    expect(lia.match(/# Legitimate Interests Assessment/g)).toHaveLength(1);
    expect(lia).toContain("Fraud detection and prevention");
    expect(lia).not.toContain("User account creation and management");
  });

  it("gives the register the controller's contact details, LIA links and last changes, and never an unrecorded None", async () => {
    const io = bufferIo();
    expect(
      await runExportRegister(io, root("fixtures/lawful-basis-register.yaml"), {
        format: "csv",
        today: TODAY,
      }),
    ).toBe(0);
    const csv = io.stdout;
    for (const fact of [
      "Controller contact details",
      "DPO contact",
      "LIA and DPIA",
      "Last changed",
      "1 September 2026",
      "LIA: recorded with the assessment",
      "LIA: not required (no purpose relies on legitimate interests)",
      "Not recorded",
    ])
      expect(csv).toContain(fact);
    expect(csv).not.toMatch(/,None,|,None\r/);
  });
});

describe("seed 000 (a scored screening questionnaire)", () => {
  it("keeps who screened, when, every answer with its points, the jump and the total of 11", async () => {
    const io = bufferIo();
    const code = await main(
      [
        "screen",
        "lia-screening-2018",
        "--answers",
        root("src/content/questionnaires/seed-000-answers.yaml"),
        "--format",
        "md",
        "--assessor",
        "Strategy lead",
        "--date",
        "2018-06-18",
      ],
      io,
    );
    expect(code).toBe(0);
    const record = plain(io.stdout);
    expect(
      missing(record, [
        "Screened by:** Strategy lead",
        "Date:** 18 June 2018",
        "Total:** 11 points",
        "Likely",
        "web-server logs",
        "Important; a strong business case supports it | +5",
        "Users of the website or app | -1",
        "Probably yes | +1",
        "Jumped to question 13",
        "Questions skipped",
      ]),
    ).toEqual([]);
  });
});
