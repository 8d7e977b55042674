/**
 * @module interop/cnil-pia/mapping
 * Where each answer of the CNIL PIA questionnaire lives in a Basis assessment, as data: the
 * importer and the exporter both read this table, and a test keeps the table in README.md
 * in step with it. Question ids are those of the software's `pia_architecture.json` (section, item,
 * question: 121 is section 1, item 2, question 1).
 */
import type { Assessment, DpiaRisk, DpiaSection, RiskLevel } from "../../core/schema/index.ts";

type Draft = Assessment & { dpia: DpiaSection };
type Necessity = NonNullable<DpiaSection["necessity"]>;
type Rights = NonNullable<Necessity["rights"]>;

/** A free-text answer and the one Basis field that holds it. */
export interface TextQuestion {
  id: number;
  /** The question, in the software's English wording (shortened). */
  question: string;
  /** Where it goes in Basis, as a path. */
  basis: string;
  get(a: Assessment): string | undefined;
  set(a: Draft, text: string): void;
}

const description = (a: Draft) => {
  a.dpia.description ??= {};
  return a.dpia.description;
};
const necessity = (a: Draft): Necessity => {
  a.dpia.necessity ??= {};
  return a.dpia.necessity;
};
const rights = (a: Draft): Rights => {
  const n = necessity(a);
  n.rights ??= {};
  return n.rights;
};

function rightsQuestion(id: number, question: string, key: keyof Rights): TextQuestion {
  return {
    id,
    question,
    basis: `dpia.necessity.rights.${key}`,
    get: (a) => a.dpia?.necessity?.rights?.[key],
    set: (a, t) => {
      rights(a)[key] = t;
    },
  };
}

export const TEXT_QUESTIONS: readonly TextQuestion[] = [
  {
    id: 111,
    question: "What is the processing under consideration?",
    basis: "activity.description",
    get: (a) => a.activity.description,
    set: (a, t) => {
      a.activity.description = t;
    },
  },
  {
    id: 112,
    question: "What are the responsibilities linked to the processing?",
    basis: "dpia.description.responsibilities",
    get: (a) => a.dpia?.description?.responsibilities,
    set: (a, t) => {
      description(a).responsibilities = t;
    },
  },
  {
    id: 113,
    question: "Are there standards applicable to the processing?",
    basis: "dpia.description.standards",
    get: (a) => a.dpia?.description?.standards,
    set: (a, t) => {
      description(a).standards = t;
    },
  },
  {
    id: 121,
    question: "What are the data processed?",
    basis: "dpia.description.scope",
    get: (a) => a.dpia?.description?.scope,
    set: (a, t) => {
      description(a).scope = t;
    },
  },
  {
    id: 122,
    question: "How does the life cycle of data and processes work?",
    basis: "dpia.description.nature",
    get: (a) => a.dpia?.description?.nature,
    set: (a, t) => {
      description(a).nature = t;
    },
  },
  {
    id: 211,
    question: "Are the processing purposes specified, explicit and legitimate?",
    basis: "dpia.description.purposes",
    get: (a) => a.dpia?.description?.purposes,
    set: (a, t) => {
      description(a).purposes = t;
    },
  },
  {
    id: 212,
    question: "What are the legal basis making the processing lawful?",
    basis: "dpia.necessity.lawfulBasis",
    get: (a) => a.dpia?.necessity?.lawfulBasis,
    set: (a, t) => {
      necessity(a).lawfulBasis = t;
    },
  },
  {
    id: 213,
    question: "Are the data collected adequate, relevant and limited (data minimisation)?",
    basis: "dpia.necessity.notes",
    get: (a) => a.dpia?.necessity?.notes,
    set: (a, t) => {
      necessity(a).notes = t;
    },
  },
  {
    id: 214,
    question: "Are the data accurate and kept up to date?",
    basis: "dpia.necessity.accuracy",
    get: (a) => a.dpia?.necessity?.accuracy,
    set: (a, t) => {
      necessity(a).accuracy = t;
    },
  },
  {
    id: 215,
    question: "What is the storage duration of the data?",
    basis: "activity.retention",
    get: (a) => a.activity.retention,
    set: (a, t) => {
      a.activity.retention = t;
    },
  },
  rightsQuestion(221, "How are the data subjects informed about the processing?", "information"),
  rightsQuestion(222, "If applicable, how is the consent of data subjects obtained?", "consent"),
  rightsQuestion(
    223,
    "How can data subjects exercise their rights of access and to data portability?",
    "accessAndPortability",
  ),
  rightsQuestion(
    224,
    "How can data subjects exercise their rights to rectification and erasure?",
    "rectificationAndErasure",
  ),
  rightsQuestion(
    225,
    "How can data subjects exercise their rights to restriction and to object?",
    "restrictionAndObjection",
  ),
  {
    id: 226,
    question: "Are the obligations of the processors clearly defined and governed by a contract?",
    basis: "dpia.necessity.processors",
    get: (a) => a.dpia?.necessity?.processors,
    set: (a, t) => {
      necessity(a).processors = t;
    },
  },
  {
    id: 227,
    question: "In the case of data transfer outside the EU, are the data adequately protected?",
    basis: "dpia.necessity.transfers",
    get: (a) => a.dpia?.necessity?.transfers,
    set: (a, t) => {
      necessity(a).transfers = t;
    },
  },
];

/** The id of the one purpose an import records from 2.1.1 (or the name, when 2.1.1 is empty). */
export const FIRST_PURPOSE = "purpose-1";

/** 1.2.3, "What are the data processing supporting assets?": one asset per list item. */
export const SYSTEMS_QUESTION = { id: 123, basis: "activity.systems" } as const;

/** The three feared events of the CNIL method: an item of section 3 each (3.2, 3.3, 3.4). */
export interface RiskItem {
  kind: Extract<
    DpiaRisk["kind"],
    "illegitimate-access" | "unwanted-modification" | "disappearance"
  >;
  /** The evaluation reference, e.g. "3.2". */
  item: string;
  /** Question ids: impacts, threats, sources, measures, severity, likelihood. */
  impacts: number;
  threats: number;
  sources: number;
  measures: number;
  severity: number;
  likelihood: number;
  title: string;
}

function riskItem(kind: RiskItem["kind"], item: number, title: string): RiskItem {
  const q = 300 + item * 10;
  return {
    kind,
    item: `3.${item}`,
    impacts: q + 1,
    threats: q + 2,
    sources: q + 3,
    measures: q + 4,
    severity: q + 5,
    likelihood: q + 6,
    title,
  };
}

export const RISK_ITEMS: readonly RiskItem[] = [
  riskItem("illegitimate-access", 2, "Illegitimate access to data"),
  riskItem("unwanted-modification", 3, "Unwanted modification of data"),
  riskItem("disappearance", 4, "Disappearance of data"),
];

/** The software's gauge values 1–4 are the four levels of the CNIL method. */
export const LEVELS: readonly RiskLevel[] = ["negligible", "limited", "significant", "maximum"];

export function levelOf(gauge: number): RiskLevel | undefined {
  return LEVELS[gauge - 1];
}

export function gaugeOf(level: RiskLevel): number {
  return LEVELS.indexOf(level) + 1;
}

/** PIA status: 0 doing, 1 refused, 2 simple validation, 3 signed validation, 4 archived. */
export const PIA_STATUS = { doing: 0, refused: 1, validated: 2, signed: 3, archived: 4 } as const;

/** Evaluation status: 0 pending, 1 to be fixed, 2 improvable, 3 acceptable. */
export const EVALUATION_STATUS = {
  pending: 0,
  toBeFixed: 1,
  improvable: 2,
  acceptable: 3,
} as const;

/** Fields of the exported `pia` object that are the software's own bookkeeping. */
export const PIA_BOOKKEEPING = new Set([
  "id",
  "dbVersion",
  "tableName",
  "serverUrl",
  "numberOfQuestions",
  "objectStore",
  "progress",
  "is_example",
  "is_archive",
  "lock_version",
  "created_at",
  "updated_at",
  "structure_id",
  "structure_data",
  "structure_sector_name",
  "structure_name",
]);

/** Bookkeeping fields of answers, measures, evaluations and comments. */
export const ROW_BOOKKEEPING = new Set([
  "id",
  "pia_id",
  "created_at",
  "updated_at",
  "placeholder",
  "global_status",
  "evaluation_date",
  "evaluation_infos",
  "lock_version",
  "answer_type",
  "dbVersion",
  "tableName",
  "serverUrl",
  "objectStore",
]);

/** A file-safe identifier from a title: lower-case ASCII letters, digits and dashes. */
export function slugOf(title: string, max = 60): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "");
}

/** Ids for titles in order: the slug, then `-2`, `-3`… for repeats; `measure-N` when empty. */
export function idsFor(titles: readonly string[]): string[] {
  const used = new Set<string>();
  return titles.map((title, i) => {
    const base = slugOf(title) || `measure-${i + 1}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}
