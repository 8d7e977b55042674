/**
 * `basis dpia screen`, `basis dpia import --from cnil-pia` and `basis dpia export --to
 * cnil-pia`, run in-process as a user would run them.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanLiAssessment } from "../../../test/builders.ts";
import type { Assessment } from "../../core/schema/index.ts";
import { toYaml } from "../../core/serialize.ts";
import { bufferIo } from "../io.ts";
import { main } from "../main.ts";

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
const REGISTER = root("fixtures/lawful-basis-register.yaml");
const PIA = root("test/fixtures/cnil-pia/edusphere-audit-logging.json");
const TODAY = ["--today", "2026-11-22"];
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "basis-dpia-"));
});

async function basis(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function file(name: string, a: Assessment): string {
  const path = join(dir, name);
  writeFileSync(path, toYaml(a, "schema.json"));
  return path;
}

/** Health data about many people: Art. 35(3)(b) makes a DPIA required. */
function healthAtScale(): Assessment {
  const a = cleanLiAssessment();
  a.activity.dataCategories.push({ name: "Symptoms", specialCategory: "health" });
  a.activity.scale = "large";
  return a;
}

describe("basis dpia screen", () => {
  it("prints the verdict and each criterion with its list, the facts behind it and its references", async () => {
    const r = await basis("dpia", "screen", REGISTER, ...TODAY);
    expect(r.code).toBe(0);
    const fraud = r.stdout.slice(r.stdout.indexOf("Fraud detection and prevention"));
    expect(fraud).toMatch(
      /^Fraud detection and prevention \(fraud-detection\)\nDPIA likely required/,
    );
    expect(fraud).toContain(
      "  WP248 criteria (EDPB): Evaluation or scoring [wp248-1-evaluation-scoring]\n    because: people are profiled\n    refs: wp29-wp248-dpia, gdpr-art-35\n",
    );
  });

  it("gives the screening as JSON, one entry per activity of a register", async () => {
    const r = await basis("dpia", "screen", REGISTER, ...TODAY, "--format", "json");
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout) as {
      activities: { id: string; verdict: string; criteria: { facts: string[] }[] }[];
    };
    const fraud = body.activities.find((a) => a.id === "fraud-detection");
    expect(fraud?.verdict).toBe("likely");
    expect(fraud?.criteria[0]?.facts).toEqual(["profiling"]);
  });

  it("exits 0 whatever it finds, and 1 with --fail-on required while a required DPIA is not concluded", async () => {
    const required = file("health.yaml", healthAtScale());
    const plain = await basis("dpia", "screen", required, ...TODAY);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("DPIA required");
    expect(plain.stdout).toContain(
      "Art. 35(3) GDPR: Special-category or criminal-offence data on a large scale",
    );
    expect((await basis("dpia", "screen", required, ...TODAY, "--fail-on", "required")).code).toBe(
      1,
    );
    const done = healthAtScale();
    done.activity.dpia = { status: "completed", completedOn: "2026-01-10" };
    const concluded = file("health-done.yaml", done);
    const r = await basis("dpia", "screen", concluded, ...TODAY, "--fail-on", "required");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("DPIA: cited as completed (activity.dpia)");
  });

  it("refuses an invalid file with a located error and exit 1", async () => {
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "format: basis/v1\nkind: assessment\nid: Bad Id\n");
    const r = await basis("dpia", "screen", bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml: id: .*line 3/);
  });
});

describe("basis dpia import and export", () => {
  it("imports a CNIL PIA into a draft assessment that validates, reporting what did not map", async () => {
    const out = join(dir, "edusphere.yaml");
    const r = await basis(
      "dpia",
      "import",
      "--from",
      "cnil-pia",
      PIA,
      "-o",
      out,
      "--country",
      "FR",
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'imported "EduSphere audit logging of platform actions" as draft assessment',
    );
    expect(r.stderr).toContain("not mapped (path in the CNIL file): 14");
    expect(r.stderr).toContain(
      '  answers[21].data.list[4]: no measure is titled "Staff awareness training"',
    );
    expect(r.stderr).toContain("to check (path in the assessment): 9");
    expect((await basis("validate", out)).code).toBe(0);
    const screened = await basis("dpia", "screen", out, ...TODAY);
    expect(screened.stdout).toContain("national list: CNIL list (France)");
    expect(screened.stdout).toContain("DPIA: held in this file, concluded; residual risk low");
  });

  it("writes nothing and exits 1 for a malformed PIA, naming the line and column", async () => {
    const bad = join(dir, "bad-pia.json");
    writeFileSync(bad, '{\n  "pia": { "name": "x" },\n  "answers": [}\n');
    const out = join(dir, "never.yaml");
    const r = await basis("dpia", "import", "--from", "cnil-pia", bad, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-pia\.json:3:\d+: not valid JSON/);
    expect(r.stderr).toContain("nothing was written");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses to overwrite a file unless told to, and refuses an unknown format", async () => {
    const out = join(dir, "taken.yaml");
    writeFileSync(out, "keep me");
    const r = await basis("dpia", "import", "--from", "cnil-pia", PIA, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("already exists; use --force");
    expect(readFileSync(out, "utf8")).toBe("keep me");
    expect((await basis("dpia", "import", "--from", "excel", PIA)).code).toBe(2);
  });

  it("exports the DPIA as JSON that imports back to the same assessment, listing what it cannot carry", async () => {
    const yaml = join(dir, "round.yaml");
    await basis("dpia", "import", "--from", "cnil-pia", PIA, "-o", yaml);
    const json = join(dir, "round.json");
    const r = await basis("dpia", "export", "--to", "cnil-pia", yaml, "-o", json);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("not carried (path in the assessment): 3");
    expect(r.stderr).toContain("  organisation: the CNIL PIA does not name the controller");
    const again = join(dir, "again.yaml");
    expect((await basis("dpia", "import", "--from", "cnil-pia", json, "-o", again)).code).toBe(0);
    expect(readFileSync(again, "utf8")).toBe(readFileSync(yaml, "utf8"));
  });

  it("refuses to export an assessment that holds no DPIA", async () => {
    const r = await basis(
      "dpia",
      "export",
      "--to",
      "cnil-pia",
      file("plain.yaml", cleanLiAssessment()),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("the assessment holds no DPIA");
  });
});
