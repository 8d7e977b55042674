/**
 * @module core/references
 * The schema of the legal knowledge base: every article, recital, guideline, judgment, statute
 * and proposal that findings, templates and assessments cite by id. The library itself is data
 * (`src/content/references.yaml`); this module only says what a valid entry looks like.
 */
import { z } from "zod";
import { IsoDate, RefId } from "./schema/common.ts";

/** What sort of authority an entry is. `proposal` is never law: it only triggers a review. */
export const ReferenceKind = z.enum([
  "regulation-article",
  "recital",
  "guidance",
  "case",
  "statute",
  "proposal",
]);
export type ReferenceKind = z.infer<typeof ReferenceKind>;

/** Where the authority applies. `EU+UK` is shared text (e.g. a GDPR article kept in the UK GDPR). */
export const ReferenceJurisdiction = z.enum([
  "EU",
  "UK",
  "EU+UK",
  "FR",
  "DE",
  "NL",
  "ES",
  "IT",
  "IE",
  "AT",
  "BE",
]);
export type ReferenceJurisdiction = z.infer<typeof ReferenceJurisdiction>;

/** Legal standing of the entry on the date the library was last reviewed. */
export const ReferenceStatus = z.enum([
  "in-force",
  "consultation",
  "adopted",
  "repealed",
  "proposal",
]);
export type ReferenceStatus = z.infer<typeof ReferenceStatus>;

/** One authority in the knowledge base. */
export const Reference = z
  .strictObject({
    id: RefId.max(80).describe("Stable id; never reused for another authority"),
    kind: ReferenceKind,
    jurisdiction: ReferenceJurisdiction,
    title: z.string().trim().min(1).max(120).describe("Short label, e.g. GDPR Art. 6(1)(f)"),
    citation: z.string().trim().min(1).max(400).describe("Formal citation"),
    date: IsoDate.optional().describe(
      "Adoption, judgment, Royal Assent or commencement date, where meaningful",
    ),
    url: z
      .url({ protocol: /^https$/, error: "use an https link to the official source" })
      .describe("Official source"),
    summary: z
      .string()
      .trim()
      .min(1)
      .max(700)
      .describe("One to three sentences in our own words: what Basis relies on it for"),
    status: ReferenceStatus.optional(),
  })
  .describe("A legal authority that findings and assessments cite by id");
export type Reference = z.infer<typeof Reference>;

/** The whole knowledge base; ids are unique across it. */
export const ReferenceLibrary = z
  .strictObject({
    version: z.int().positive().describe("Bumped whenever an entry is added or changed"),
    references: z.array(Reference),
  })
  .superRefine((library, ctx) => {
    const seen = new Map<string, number>();
    library.references.forEach((ref, index) => {
      const first = seen.get(ref.id);
      if (first === undefined) {
        seen.set(ref.id, index);
        return;
      }
      ctx.addIssue({
        code: "custom",
        path: ["references", index, "id"],
        message: `duplicate reference id "${ref.id}" (first used at references[${first}])`,
      });
    });
  });
export type ReferenceLibrary = z.infer<typeof ReferenceLibrary>;
