/**
 * What each lawful basis means, in a sentence a product owner can act on, shown by the
 * wizard beside the choice. The article references are the ones the rules engine cites.
 */
import type { LawfulBasis } from "../../../src/core/schema/index.ts";

export const BASIS_HELP: Record<LawfulBasis, { article: string; when: string; watch: string }> = {
  consent: {
    article: "Art. 6(1)(a)",
    when: "The person has a real choice and agreed to this specific use.",
    watch:
      "It must be freely given, specific, informed, unambiguous and as easy to withdraw as to give.",
  },
  contract: {
    article: "Art. 6(1)(b)",
    when: "The processing is objectively necessary to perform a contract with the person, or to take steps they asked for before one.",
    watch:
      "Useful for the business is not enough: without it, the contract could not be performed.",
  },
  "legal-obligation": {
    article: "Art. 6(1)(c)",
    when: "A law of the EU or a member state (UK: UK law) requires the processing.",
    watch: "Name the law; a contractual duty or a foreign law does not count.",
  },
  "vital-interests": {
    article: "Art. 6(1)(d)",
    when: "It is needed to protect someone's life, and no other basis is available.",
    watch: "Meant for emergencies; rarely right for planned processing.",
  },
  "public-task": {
    article: "Art. 6(1)(e)",
    when: "It is needed for a task in the public interest or official authority laid down in law.",
    watch: "The task must have a clear basis in law.",
  },
  "legitimate-interests": {
    article: "Art. 6(1)(f)",
    when: "There is a real interest, the processing is necessary for it, and the people's rights do not override it.",
    watch:
      "Needs a Legitimate Interests Assessment; public authorities cannot rely on it for their tasks.",
  },
  "recognised-legitimate-interest": {
    article: "UK GDPR Art. 6(1)(ea)",
    when: "UK only, from 5 February 2026: one of the Annex 1 conditions (e.g. crime, safeguarding, emergencies).",
    watch: "The processing must be necessary, but no balancing test is needed.",
  },
};

export const RECOGNISED_INTERESTS = {
  "public-task-disclosure": "Disclosure to a body that needs it for a public task",
  "national-security-defence": "National security, public security and defence",
  emergencies: "Emergencies",
  crime: "Detecting, investigating or preventing crime",
  "safeguarding-vulnerable": "Safeguarding vulnerable individuals",
};

export const ARTICLE_9_CONDITIONS = {
  a: "(a) explicit consent",
  b: "(b) employment, social security and social protection law",
  c: "(c) vital interests, person incapable of consent",
  d: "(d) not-for-profit body, members",
  e: "(e) made manifestly public by the person",
  f: "(f) legal claims or courts",
  g: "(g) substantial public interest, in law",
  h: "(h) health or social care",
  i: "(i) public health",
  j: "(j) archiving, research or statistics",
};
