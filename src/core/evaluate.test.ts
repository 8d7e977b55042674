import { describe, expect, it } from "vitest";
import { anAssessment } from "../../test/builders.ts";
import { evaluate, outcomeOf } from "./evaluate.ts";
import { describeFinding, en } from "./messages/en.ts";
import { RULE_CODES, RULES } from "./rules/registry.ts";
import type { Finding } from "./rules/types.ts";
import type { Assessment } from "./schema/index.ts";

const TODAY = "2026-06-01";
const finding = (over: Partial<Finding>): Finding => ({
  code: "X",
  severity: "warning",
  effect: "none",
  path: "",
  refs: [],
  params: {},
  ...over,
});

describe("outcome", () => {
  it("is not-appropriate when a finding fails the basis, even with gaps elsewhere", () => {
    expect(
      outcomeOf([
        finding({ severity: "blocker", effect: "incomplete" }),
        finding({ severity: "blocker", effect: "fails" }),
      ]),
    ).toBe("not-appropriate");
  });
  it("is incomplete while a blocker is open", () => {
    expect(outcomeOf([finding({ severity: "blocker", effect: "incomplete" })])).toBe("incomplete");
  });
  it("carries conditions from warnings or from the recorded conclusion", () => {
    expect(outcomeOf([finding({ effect: "condition" })])).toBe("appropriate-with-conditions");
    expect(outcomeOf([], true)).toBe("appropriate-with-conditions");
    expect(outcomeOf([finding({ effect: "none" })])).toBe("appropriate");
  });

  it("turns not-appropriate when the balance is judged overridden, and says which finding decided it", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          const b = a.lia?.balancing?.[0];
          if (b) b.overridden = true;
        })
        .build(),
      { today: TODAY },
    );
    expect(e.outcome).toBe("not-appropriate");
    expect(e.trace.decidedBy).toEqual([
      { code: "LIA_BALANCING_OVERRIDDEN", path: "lia.balancing[0].overridden", effect: "fails" },
    ]);
    expect(e.trace.interests[0]).toMatchObject({
      purposeTest: "met",
      necessity: "met",
      balancing: "not-met",
    });
    expect(e.trace.decisions[0]).toEqual({
      purpose: "security",
      basis: "legitimate-interests",
      outcome: "not-appropriate",
      merits: "fails",
    });
  });

  it("lists what would turn an incomplete assessment into a complete one", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          delete a.assessedOn;
          delete a.lia?.objection;
        })
        .build(),
      { today: TODAY },
    );
    expect(e.outcome).toBe("incomplete");
    const codes = e.trace.wouldChange.map((c) => c.codes.join("+"));
    expect(codes).toContain("ASSESSMENT_DATE_MISSING+LIA_NO_OBJECTION_ROUTE");
    expect(e.trace.wouldChange.at(-1)?.outcome).toBe("appropriate");
  });

  it("names what an appropriate outcome hangs on: the balance's margin and the necessity answer", () => {
    const e = evaluate(anAssessment().build(), { today: TODAY });
    expect(e.outcome).toBe("appropriate");
    const margin = e.trace.wouldChange.find((c) => c.kind === "balance-margin");
    expect(margin).toMatchObject({ path: "lia.balancing[0]", outcome: "not-appropriate" });
    expect(margin?.margin).toBeGreaterThan(0);
    expect(e.trace.wouldChange.map((c) => c.path)).toContain("lia.necessity[0].necessary");
    expect(e.trace.facts.nextReview).toBe("2027-03-01");
  });

  it("gives the same answer for the same input and date", () => {
    const a = anAssessment().build();
    expect(evaluate(a, { today: TODAY })).toEqual(evaluate(structuredClone(a), { today: TODAY }));
  });

  it("cites UK references under the UK profile", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          a.organisation.jurisdiction = "UK";
          a.activity.transfers = [{ destination: "United States" }];
          const d = a.decisions[0];
          if (d) d.terminalAccess = { technologies: ["cookies"], strictlyNecessary: false };
        })
        .build(),
      { today: TODAY },
    );
    expect(e.findings.find((f) => f.code === "EPRIVACY_TERMINAL_ACCESS")?.refs).toContain(
      "pecr-reg-6",
    );
    expect(e.trace.facts.ageOfDigitalConsent).toBe(13);
  });

  it("applies the UK recognised legitimate interest only from 5 February 2026", () => {
    const rli = anAssessment().with((a) => {
      a.organisation.jurisdiction = "UK";
      const d = a.decisions[0];
      if (d) {
        d.basis = "recognised-legitimate-interest";
        d.recognisedInterest = "crime";
      }
    });
    const before = evaluate(rli.build(), { today: "2026-02-04" });
    const after = evaluate(rli.build(), { today: "2026-02-05" });
    expect(before.findings.map((f) => f.code)).toContain("RLI_NOT_AVAILABLE");
    expect(after.findings.map((f) => f.code)).not.toContain("RLI_NOT_AVAILABLE");
    // No balancing needed: removing it raises nothing for a recognised interest.
    const noBalance = rli
      .with((a) => {
        if (a.lia) delete a.lia.balancing;
      })
      .build();
    const e = evaluate(noBalance, { today: "2026-06-01" });
    expect(e.findings.filter((f) => f.code.startsWith("LIA_BALANCING"))).toEqual([]);
    expect(e.trace.interests[0]?.balancing).toBe("not-required");
  });

  it("applies the UK automated-decision regime after commencement: no exception needed without special data", () => {
    const adm = anAssessment().with((a) => {
      a.organisation.jurisdiction = "UK";
      a.activity.automatedDecisions = [
        {
          description: "Auto-block",
          solelyAutomated: true,
          legalOrSimilarEffect: true,
          safeguards: ["Human review"],
        },
      ];
    });
    const codes = (today: string) => evaluate(adm.build(), { today }).findings.map((f) => f.code);
    expect(codes("2026-01-10")).toContain("ADM_NO_EXCEPTION");
    expect(codes("2026-03-10")).not.toContain("ADM_NO_EXCEPTION");
  });
});

describe("message catalogue", () => {
  it("has a title, message and fix for every rule and nothing else", () => {
    expect(Object.keys(en).sort()).toEqual([...RULE_CODES].sort());
    for (const code of RULE_CODES) {
      const m = describeFinding({ code, params: { purpose: "p", interest: "i" } });
      expect(m.title.length, code).toBeGreaterThan(5);
      expect(m.message.length, code).toBeGreaterThan(20);
      expect(m.fix.length, code).toBeGreaterThan(5);
    }
  });
  it("gives every blocker a reference to rest on", () => {
    for (const code of RULE_CODES) {
      const meta = RULES[code];
      if (meta.severity === "blocker") expect(meta.eu.length, code).toBeGreaterThan(0);
    }
  });
});

describe("legal edge cases", () => {
  const codes = (change: (a: Assessment) => void, today = TODAY) =>
    evaluate(anAssessment().with(change).build(), { today }).findings.map((f) => f.code);
  const d0 = (a: Assessment) => a.decisions[0] as NonNullable<Assessment["decisions"][0]>;

  it("refuses a solely automated decision on health data resting on contract (Art. 22(4))", () => {
    const withAdm = (a: Assessment) => {
      a.activity.dataCategories.push({ name: "Symptoms", specialCategory: "health" });
      d0(a).specialCategory = { condition: "h", memberStateLaw: "Health act" };
      a.activity.automatedDecisions = [
        {
          description: "Auto triage",
          solelyAutomated: true,
          legalOrSimilarEffect: true,
          exception: "contract",
          safeguards: ["Human review"],
        },
      ];
    };
    expect(codes(withAdm)).toContain("ADM_NO_EXCEPTION");
    expect(
      codes((a) => {
        withAdm(a);
        d0(a).specialCategory = { condition: "g", memberStateLaw: "Public health act" };
      }),
    ).not.toContain("ADM_NO_EXCEPTION");
  });

  it("treats a move from consent to any other basis as a switch after the fact", () => {
    for (const basis of ["contract", "legitimate-interests"] as const) {
      expect(
        codes((a) => {
          d0(a).basis = basis;
          d0(a).previousBasis = { basis: "consent" };
        }),
      ).toContain("BASIS_SWITCHED_FROM_CONSENT");
    }
  });

  it("checks consent quality for Art. 9(2)(a) explicit consent even when the Art. 6 basis is contract", () => {
    const c = codes((a) => {
      a.activity.dataCategories.push({ name: "Symptoms", specialCategory: "health" });
      d0(a).basis = "contract";
      d0(a).specialCategory = { condition: "a" };
      d0(a).consent = {
        explicit: true,
        freelyGiven: false,
        specific: true,
        informed: true,
        unambiguous: true,
        withdrawable: true,
      };
    });
    expect(c).toContain("CONSENT_CONDITION_NOT_MET");
  });

  it("applies the highest Art. 8 age of the countries a children's group is reached in", () => {
    const kids = (countries: string[]) => (a: Assessment) => {
      a.organisation.country = "BE"; // 13
      a.activity.dataSubjects.push({
        name: "Teen players",
        children: true,
        youngestAge: 14,
        countries,
      });
      d0(a).basis = "consent";
      delete d0(a).interests;
      d0(a).consent = {
        freelyGiven: true,
        specific: true,
        informed: true,
        unambiguous: true,
        withdrawable: true,
      };
      d0(a).children = { informationSocietyService: true };
    };
    expect(codes(kids(["BE"]))).not.toContain("CHILD_CONSENT_NO_PARENTAL");
    expect(codes(kids(["BE", "FR"]))).toContain("CHILD_CONSENT_NO_PARENTAL"); // France: 15
  });

  it("does not judge an interest no purpose relies on, nor weigh it", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          a.lia?.interests.push({
            id: "prospect-marketing",
            title: "Marketing to prospects",
            checks: { lawful: true, specific: true, realAndPresent: false },
          });
        })
        .build(),
      { today: TODAY },
    );
    expect(e.outcome).toBe("appropriate");
    expect(e.findings.map((f) => f.code)).toEqual(["LIA_INTEREST_UNUSED"]);
    expect(e.weighing.map((w) => w.interest)).toEqual(["account-security"]);
  });

  it("cites no UK reform provision for a UK assessment dated before 5 February 2026", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          a.organisation.jurisdiction = "UK";
          a.activity.automatedDecisions = [
            { description: "Auto-block", solelyAutomated: true, legalOrSimilarEffect: true },
          ];
        })
        .build(),
      { today: "2026-01-10" },
    );
    const refs = e.findings.flatMap((f) => f.refs);
    expect(refs).not.toContain("uk-gdpr-art-22a-22d");
    expect(refs).toContain("gdpr-art-22");
  });

  it("counts a review recorded after the stated date from that review", () => {
    const c = codes((a) => {
      a.review = {
        nextReview: "2026-04-01",
        history: [{ date: "2026-05-01", summary: "Reviewed" }],
      };
    });
    expect(c).not.toContain("REVIEW_OVERDUE");
  });

  it("shows a legitimate-interests purpose without an LIA as incomplete in the per-purpose outcome", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => delete a.lia)
        .build(),
      { today: TODAY },
    );
    expect(e.trace.decisions[0]?.outcome).toBe("incomplete");
  });
});

/** Facts that weigh heavily against an interest: cross-site profiling at very large scale. */
const tracking = (a: Assessment) => {
  a.activity.scale = "very-large";
  a.activity.characteristics = { profiling: true, combinesSources: true, tracksAcrossSites: true };
};

describe("the facts decide the balance, not the officer's conclusion", () => {
  it("is not appropriate when the facts weigh against, although the officer concluded the interest prevails", () => {
    const e = evaluate(anAssessment().with(tracking).build(), { today: TODAY });
    expect(e.outcome).toBe("not-appropriate");
    const w = e.weighing[0];
    expect(w?.verdict).toBe("against");
    expect(w?.officerConclusion).toBe("not-overridden");
    expect(w?.factors.map((f) => f.factor)).toEqual(
      expect.arrayContaining(["profiling", "combining-sources", "cross-site-tracking", "scale"]),
    );
    const codes = e.findings.map((f) => f.code);
    expect(codes).toContain("LIA_BALANCE_AGAINST");
    expect(codes).toContain("LIA_CONCLUSION_CONTRADICTS_BALANCE");
    expect(e.trace.interests[0]?.balancing).toBe("not-met");
  });

  it("ignores the officer's weight and impact labels when they favour the interest", () => {
    const labelled = anAssessment()
      .with(tracking)
      .with((a) => {
        const b = a.lia?.balancing?.[0];
        if (b) {
          b.interestWeight = "high";
          b.impactLevel = "negligible";
        }
      })
      .build();
    expect(evaluate(labelled, { today: TODAY }).weighing[0]?.verdict).toBe("against");
  });

  it("keeps an officer's written override visible as overridden, and the outcome carries it as a condition", () => {
    const e = evaluate(
      anAssessment()
        .with(tracking)
        .with((a) => {
          const b = a.lia?.balancing?.[0];
          if (b)
            b.override = {
              justification: "Tracking runs only on our own sites under a joint arrangement.",
              by: "DPO",
              on: "2026-03-02",
            };
        })
        .build(),
      { today: TODAY },
    );
    const against = e.findings.find((f) => f.code === "LIA_BALANCE_AGAINST");
    expect(against?.override?.justification).toMatch(/own sites/);
    expect(against?.effect).toBe("condition");
    expect(e.findings.map((f) => f.code)).not.toContain("LIA_CONCLUSION_CONTRADICTS_BALANCE");
    expect(e.outcome).toBe("appropriate-with-conditions");
    expect(e.weighing[0]?.override?.by).toBe("DPO");
  });

  it("lets additional safeguards that name a factor offset it, and baseline ones not", () => {
    const withSafeguards = (kind: "baseline" | "additional") =>
      evaluate(
        anAssessment()
          .with(
            (a) => (a.activity.characteristics = { profiling: true, tracksAcrossDevices: true }),
          )
          .with((a) => {
            a.lia?.balancing?.[0]?.safeguards?.push(
              {
                measure: "Profiles kept per device only",
                kind,
                offsets: ["cross-device-tracking"],
              },
              { measure: "Profiles reset every 24 hours", kind, offsets: ["profiling"] },
            );
          })
          .build(),
        { today: TODAY },
      ).weighing[0];
    expect(withSafeguards("baseline")?.verdict).toBe("finely-balanced");
    const offset = withSafeguards("additional");
    expect(offset?.verdict).toBe("favours-interest");
    expect(offset?.factors.find((f) => f.factor === "profiling")?.offsetBy).toEqual([
      { safeguard: "Profiles reset every 24 hours", amount: 1 },
    ]);
  });

  it("lets no safeguard offset a decisive factor: children profiled for marketing", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          a.activity.dataSubjects.push({ name: "Teen players", children: true, youngestAge: 13 });
          a.activity.characteristics = { profiling: true, behaviouralAdvertising: true };
          a.lia?.balancing?.[0]?.safeguards?.push({
            measure: "Profiles deleted after 30 days",
            kind: "additional",
            offsets: ["children-profiled-for-marketing", "profiling"],
          });
        })
        .build(),
      { today: TODAY },
    );
    const decisive = e.weighing[0]?.factors.find(
      (f) => f.factor === "children-profiled-for-marketing",
    );
    expect(decisive?.decisive).toBe(true);
    expect(decisive?.offsetBy).toEqual([]);
    expect(e.weighing[0]?.verdict).toBe("against");
    expect(e.findings.map((f) => f.code)).toContain("CHILDREN_PROFILED_FOR_MARKETING");
  });

  it("weighs a seven-day denial-of-service log differently from one kept two years", () => {
    const kept = (retention: string) =>
      evaluate(
        anAssessment()
          .with((a) => {
            a.activity.retention = retention;
            delete a.lia?.minimisation;
          })
          .build(),
        { today: TODAY },
      );
    expect(kept("7 days").weighing[0]?.factors.map((f) => f.factor)).not.toContain("retention");
    const long = kept("2 years, then deleted");
    expect(long.weighing[0]?.factors.find((f) => f.factor === "retention")?.weight).toBe(1);
    expect(long.findings.map((f) => f.code)).toContain("RETENTION_BEYOND_NORM");
    expect(kept("as long as useful").findings.map((f) => f.code)).toContain(
      "RETENTION_NOT_A_PERIOD",
    );
  });

  it("judges a UK assessment dated before 2021 on the EU profile", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          a.organisation.jurisdiction = "UK";
          a.assessedOn = "2019-05-01";
        })
        .build(),
      { today: TODAY },
    );
    expect(e.trace.facts.jurisdiction).toBe("EU");
    expect(e.findings.map((f) => f.code)).toContain("UK_JUDGED_ON_EU_GDPR");
  });
});

describe("national and UK rules that turn on a fact or a date", () => {
  const calls = (country: string, today: string) =>
    evaluate(
      anAssessment()
        .with((a) => {
          a.organisation.country = country;
          const d = a.decisions[0];
          if (d) {
            d.directMarketing = true;
            d.electronicMarketing = {
              channels: ["phone"],
              recipients: "individuals",
              route: "none",
            };
          }
          const b = a.lia?.balancing?.[0];
          if (b) b.optOut = { available: true, route: "Say so on any call" };
        })
        .build(),
      { today },
    ).findings;

  it("asks French callers to screen against Bloctel before 11 August 2026 and for consent from then", () => {
    const before = calls("FR", "2026-08-10");
    expect(before.map((f) => f.code)).toContain("PHONE_MARKETING_NOT_SCREENED");
    const after = calls("FR", "2026-08-11");
    const consent = after.find((f) => f.code === "PHONE_MARKETING_NO_CONSENT");
    expect(consent?.refs).toContain("fr-loi-2025-594");
    expect(after.map((f) => f.code)).not.toContain("PHONE_MARKETING_NOT_SCREENED");
  });

  it("raises no email-marketing finding for a purpose that markets only by post", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          const d = a.decisions[0];
          if (d) {
            d.directMarketing = true;
            d.electronicMarketing = { channels: ["post"], recipients: "individuals" };
          }
          const b = a.lia?.balancing?.[0];
          if (b) b.optOut = { available: true, route: "Reply card" };
        })
        .build(),
      { today: TODAY },
    );
    const electronic = e.findings.filter((f) =>
      [
        "PECR_MARKETING_UNANSWERED",
        "PECR_MARKETING_NO_CONSENT",
        "MARKETING_CHANNELS_UNANSWERED",
      ].includes(f.code),
    );
    expect(electronic).toEqual([]);
  });

  it("needs no appropriate policy document for a disclosure to a competent authority (Sch. 1 para. 10(2))", () => {
    const codes = (disclosure: boolean) =>
      evaluate(
        anAssessment()
          .with((a) => {
            a.organisation.jurisdiction = "UK";
            delete a.organisation.country;
            a.activity.dataCategories.push({ name: "Suspected offences", criminalOffence: true });
            const d = a.decisions[0];
            if (d)
              d.criminalOffence = {
                schedule1: {
                  condition: "sch1-para-10",
                  disclosureToCompetentAuthority: disclosure,
                },
              };
          })
          .build(),
        { today: TODAY },
      ).findings.map((f) => f.code);
    expect(codes(false)).toContain("UK_POLICY_DOCUMENT_MISSING");
    expect(codes(true)).not.toContain("UK_POLICY_DOCUMENT_MISSING");
  });
});

describe("the merits apart from the record", () => {
  it("says the basis stands on its merits while the record still lacks its date and conclusion", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          delete a.assessedOn;
          delete a.lia?.conclusion;
        })
        .build(),
      { today: TODAY },
    );
    expect(e.outcome).toBe("incomplete");
    expect(e.trace.decisions[0]?.merits).toBe("stands");
  });

  it("says it fails on its merits when a finding fails it, whatever else is missing", () => {
    const e = evaluate(
      anAssessment()
        .with((a) => {
          delete a.assessedOn;
          a.activity.scale = "very-large";
          a.activity.characteristics = {
            profiling: true,
            combinesSources: true,
            tracksAcrossSites: true,
          };
        })
        .build(),
      { today: TODAY },
    );
    expect(e.trace.decisions[0]?.merits).toBe("fails");
  });

  it("counts facts of one concern once in full and the rest as corroboration", () => {
    const w = evaluate(
      anAssessment()
        .with((a) => {
          a.activity.collection = { fromOthers: true, informedOfIndirect: true };
          a.activity.dataSubjects = [{ name: "Debtors", relationship: "none" }];
        })
        .build(),
      { today: TODAY },
    ).weighing[0];
    const expectations = w?.factors.filter(
      (f) => f.factor === "no-relationship" || f.factor === "indirect-collection",
    );
    expect(expectations?.map((f) => f.residual)).toEqual([1, 1]);
    expect(expectations?.map((f) => f.counts).sort()).toEqual([0.5, 1]);
  });
});

describe("what a finding says is what the engine does", () => {
  it("weighs heavily what its findings say weighs heavily: expectations not met, a notice contradicted", () => {
    const weighed = (
      e: NonNullable<NonNullable<Assessment["lia"]>["balancing"]>[0]["reasonableExpectations"],
    ) => {
      const r = evaluate(
        anAssessment()
          .with((a) => {
            const b = a.lia?.balancing?.[0];
            if (b) b.reasonableExpectations = e;
          })
          .build(),
        { today: TODAY },
      );
      return { codes: r.findings.map((f) => f.code), factors: r.weighing[0]?.factors ?? [] };
    };
    const heavy = 3;
    const unexpected = weighed({ relationship: "Customers", expected: "no" });
    expect(unexpected.codes).toContain("LIA_EXPECTATIONS_NOT_MET");
    expect(describeFinding({ code: "LIA_EXPECTATIONS_NOT_MET", params: {} }).message).toMatch(
      /weighs heavily/,
    );
    expect(
      unexpected.factors.find((f) => f.factor === "unexpected")?.weight,
    ).toBeGreaterThanOrEqual(heavy);
    const contradicted = weighed({
      relationship: "Customers",
      expected: "yes",
      noticeContradicts: true,
    });
    expect(contradicted.codes).toContain("NOTICE_CONTRADICTED");
    expect(describeFinding({ code: "NOTICE_CONTRADICTED", params: {} }).message).toMatch(
      /weighs heavily/,
    );
    expect(
      contradicted.factors.find((f) => f.factor === "notice-contradicts")?.weight,
    ).toBeGreaterThanOrEqual(heavy);
    // The near miss: expected, nothing promised otherwise, nothing of the kind weighs.
    const expected = weighed({
      relationship: "Customers",
      expected: "yes",
      noticeContradicts: false,
    });
    expect(expected.codes).not.toContain("LIA_EXPECTATIONS_NOT_MET");
    expect(expected.codes).not.toContain("NOTICE_CONTRADICTED");
    expect(
      expected.factors.filter(
        (f) => f.factor === "unexpected" || f.factor === "notice-contradicts",
      ),
    ).toEqual([]);
  });

  it("refuses Art. 9(2)(e) for sensitive data the controller inferred or obtained elsewhere, and accepts it for what the person made public", () => {
    const withSource = (source: "inferred" | "third-party" | "made-public-by-subject") =>
      evaluate(
        anAssessment()
          .with((a) => {
            a.activity.dataCategories.push({
              name: "Political opinions",
              specialCategory: "political-opinions",
              source,
            });
            const d = a.decisions[0];
            if (d) d.specialCategory = { condition: "e" };
          })
          .build(),
        { today: TODAY },
      );
    for (const source of ["inferred", "third-party"] as const) {
      const e = withSource(source);
      const f = e.findings.find((x) => x.code === "ART9_CONDITION_NOT_APPLICABLE");
      expect(f?.params.reason, source).toBe("not-made-public");
      expect(f?.effect).toBe("fails");
      expect(e.trace.decisions[0]?.merits).toBe("fails");
    }
    const made = withSource("made-public-by-subject");
    expect(
      made.findings.filter((x) => x.code.startsWith("ART9_") || x.code.startsWith("SPECIAL_")),
    ).toEqual([]);
  });
});

describe("sensitive traits the controller infers", () => {
  const inferring = (infers: boolean, condition?: "e") =>
    evaluate(
      anAssessment()
        .with((a) => {
          a.activity.characteristics = { infersSensitive: infers };
          const d = a.decisions[0];
          if (d && condition) d.specialCategory = { condition };
        })
        .build(),
      { today: TODAY },
    ).findings;

  it("are special-category data that need an Art. 9(2) condition, though no category records them (C-252/21)", () => {
    const f = inferring(true).find((x) => x.code === "SPECIAL_CATEGORY_NO_CONDITION");
    expect(f?.params.categories).toBe("special-category traits inferred from other data");
    expect(inferring(false).map((x) => x.code)).not.toContain("SPECIAL_CATEGORY_NO_CONDITION");
  });

  it("are never data the person made public: Art. 9(2)(e) fails for them", () => {
    const f = inferring(true, "e").find((x) => x.code === "ART9_CONDITION_NOT_APPLICABLE");
    expect(f?.params.reason).toBe("not-made-public");
    expect(f?.effect).toBe("fails");
  });
});

describe("marketing law by country and date", () => {
  const emailWithout = (country: string, jurisdiction: "EU" | "UK") =>
    evaluate(
      anAssessment()
        .with((a) => {
          a.organisation.jurisdiction = jurisdiction;
          if (jurisdiction === "UK") delete a.organisation.country;
          else a.organisation.country = country;
          const d = a.decisions[0];
          if (d) {
            d.directMarketing = true;
            d.electronicMarketing = {
              channels: ["email"],
              recipients: "individuals",
              route: "none",
            };
          }
          const b = a.lia?.balancing?.[0];
          if (b) b.optOut = { available: true, route: "Unsubscribe link" };
        })
        .build(),
      { today: TODAY },
    ).findings.find((f) => f.code === "PECR_MARKETING_NO_CONSENT");

  it("cites the national law for email marketing on the EU profile (France: CPCE L.34-5), never PECR", () => {
    const fr = emailWithout("FR", "EU");
    expect(fr?.refs).toContain("fr-cpce-l34-5");
    expect(fr?.refs).toContain("eprivacy-art-13");
    expect(fr?.refs.some((r) => r.startsWith("pecr-"))).toBe(false);
    expect(emailWithout("DE", "EU")?.refs).toContain("de-uwg-7");
    expect(emailWithout("GB", "UK")?.refs).toContain("pecr-reg-22");
  });

  it("lets a UK charity use the charity soft opt-in from 5 February 2026, not the day before (PECR reg. 22(3A))", () => {
    const charity = (today: string) =>
      evaluate(
        anAssessment()
          .with((a) => {
            a.organisation.jurisdiction = "UK";
            delete a.organisation.country;
            a.organisation.charity = true;
            const d = a.decisions[0];
            if (d) {
              d.directMarketing = true;
              d.electronicMarketing = {
                channels: ["email"],
                recipients: "individuals",
                route: "charity-soft-opt-in",
                charitySoftOptIn: {
                  supporterOrInterested: true,
                  charitablePurposesOnly: true,
                  optOutAtCollection: true,
                  optOutInEveryMessage: true,
                },
              };
            }
            const b = a.lia?.balancing?.[0];
            if (b) b.optOut = { available: true, route: "Unsubscribe link" };
          })
          .build(),
        { today },
      ).findings.find((f) => f.code === "CHARITY_SOFT_OPT_IN_INVALID");
    expect(charity("2026-02-04")?.params.reason).toBe("not-in-force");
    expect(charity("2026-02-05")).toBeUndefined();
  });
});
