/**
 * The format of a calibration case file (see README.md beside it): a decided case's metadata
 * and the assessment that re-expresses its facts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { Id, IsoDate, Text } from "../../src/core/schema/common.ts";
import { Assessment } from "../../src/core/schema/index.ts";

export const CaseMeta = z.strictObject({
  id: Id,
  title: Text,
  authority: Text,
  kind: z.enum(["court", "dpa-decision", "edpb-binding-decision"]),
  citation: Text,
  date: IsoDate,
  url: z.url({ protocol: /^https?$/ }),
  purpose: Id,
  held: z.enum(["accepted", "rejected"]),
  holding: Text,
  factsFrom: Text,
  variantOf: Id.optional(),
  change: Text.optional(),
  disagreement: Text.optional(),
  evaluateOn: IsoDate.optional(),
});
export type CaseMeta = z.infer<typeof CaseMeta>;

export const CaseFile = z
  .strictObject({ case: CaseMeta, assessment: Assessment })
  .superRefine((c, ctx) => {
    if (!c.assessment.activity.purposes.some((p) => p.id === c.case.purpose))
      ctx.addIssue({
        code: "custom",
        path: ["case", "purpose"],
        message: `no purpose "${c.case.purpose}" in the assessment`,
      });
    if (c.case.variantOf !== undefined && c.case.change === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["case", "change"],
        message: "a variant says what changed",
      });
  });
export type CaseFile = z.infer<typeof CaseFile>;

export const CASES_DIR = new URL(".", import.meta.url).pathname;

/** Every case file in the folder, parsed; throws with the file name on an invalid one. */
export function loadCases(dir = CASES_DIR): { file: string; value: CaseFile }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const result = CaseFile.safeParse(parse(readFileSync(join(dir, f), "utf8")));
      if (!result.success)
        throw new Error(
          `${f}: ${result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
        );
      return { file: f, value: result.data };
    });
}
