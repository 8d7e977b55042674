/**
 * `basis check` as CI runs it: over the fixtures and over folders, in every report format,
 * with the exit codes a pipeline relies on, and over a running server's register with
 * `--server URL --token T`. SARIF is validated against the SARIF 2.1.0 schema.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Command, CommanderError } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { checkCommand } from "../src/cli/commands/check.ts";
import { importCommand } from "../src/cli/commands/store-commands.ts";
import { bufferIo, CliError, type Io } from "../src/cli/io.ts";
import { buildServer } from "../src/server/build-server.ts";
import { openStore } from "../src/store/index.ts";
import { sarifErrors } from "./schemas/sarif.ts";

async function run(make: (io: Io) => Command, ...argv: string[]) {
  const io = bufferIo();
  const cmd = make(io).exitOverride();
  try {
    await cmd.parseAsync(argv, { from: "user" });
    return { code: io.code, stdout: io.stdout, stderr: io.stderr };
  } catch (e) {
    if (e instanceof CliError) return { code: e.exitCode, stdout: io.stdout, stderr: e.message };
    if (e instanceof CommanderError) return { code: 2, stdout: io.stdout, stderr: io.stderr };
    throw e;
  }
}
const check = (...argv: string[]) => run(checkCommand, ...argv);

const made: string[] = [];
/** A fresh temporary folder, removed after the tests. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "basis-check-"));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const TODAY = ["--today", "2026-11-22"];

const lineOf = (file: string, needle: string) =>
  readFileSync(file, "utf8")
    .split("\n")
    .findIndex((l) => l.includes(needle)) + 1;

describe("basis check", () => {
  it("passes an approved assessment and exits 0", async () => {
    const r = await check("fixtures/edusphere-audit-logging-lia.yaml", ...TODAY);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("PASSED: 1 assessment pass");
  });

  it("fails the fixtures folder for its unapproved LIAs, its overdue review and a necessity shown against no alternative, exit 1", async () => {
    const r = await check("fixtures", ...TODAY);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAILED: 4 of 7 assessments fail the gate (5 violations)");
    expect(r.stdout).toMatch(/fixtures\/levqor-platform-lia\.yaml:\d+:\d+ {2}REVIEW_OVERDUE/);
  });

  it("writes JSON with every finding located and the exit code", async () => {
    const r = await check("fixtures", ...TODAY, "--format", "json");
    const json = JSON.parse(r.stdout);
    expect(json.exitCode).toBe(1);
    expect(json.totals).toMatchObject({ files: 4, assessments: 7, failed: 4, violations: 5 });
    const levqor = json.files.find((f: { file: string }) =>
      f.file.endsWith("levqor-platform-lia.yaml"),
    );
    const overdue = levqor.assessments[0].findings.find(
      (f: { code: string }) => f.code === "REVIEW_OVERDUE",
    );
    expect(overdue).toMatchObject({ gate: true, level: "error", path: "review.nextReview" });
    expect(overdue.line).toBe(lineOf("fixtures/levqor-platform-lia.yaml", "nextReview:"));
  });

  it("writes SARIF 2.1.0 that validates, with one rule per code and results on the YAML lines", async () => {
    const r = await check("fixtures", ...TODAY, "--format", "sarif");
    const log = JSON.parse(r.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const run0 = log.runs[0];
    const ids = run0.tool.driver.rules.map((x: { id: string }) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(["REVIEW_OVERDUE", "FIELD_NO_PURPOSE", "CHECK_LIA_NOT_APPROVED"]),
    );
    const rule = run0.tool.driver.rules.find((x: { id: string }) => x.id === "FIELD_NO_RETENTION");
    expect(rule.help.text).toContain("gdpr-art-5-1-e");
    expect(rule.helpUri).toMatch(/^https:\/\//);
    const overdue = run0.results.find((x: { ruleId: string }) => x.ruleId === "REVIEW_OVERDUE");
    expect(overdue.level).toBe("error");
    expect(run0.tool.driver.rules[overdue.ruleIndex].id).toBe("REVIEW_OVERDUE");
    expect(overdue.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "fixtures/levqor-platform-lia.yaml" },
      region: {
        startLine: lineOf("fixtures/levqor-platform-lia.yaml", "nextReview:"),
        startColumn: 3,
      },
    });
    const warnings = run0.results.filter((x: { level: string }) => x.level === "warning");
    expect(warnings.map((x: { ruleId: string }) => x.ruleId)).toContain("DPIA_LIKELY");
  });

  it("writes JUnit XML with one test case per assessment and a failure per failing one", async () => {
    const out = join(tempDir(), "junit.xml");
    const r = await check("fixtures", ...TODAY, "--format", "junit", "-o", out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`report written to ${out}`);
    const xml = readFileSync(out, "utf8");
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).toMatch(
      /<testsuites name="basis check" tests="7" failures="4" errors="0" skipped="0">/,
    );
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml.match(/<failure /g)).toHaveLength(4);
  });

  it("checks only Basis files in folders, skips dependencies and hidden folders, and fails an invalid one", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "assessments"));
    mkdirSync(join(dir, ".github"));
    mkdirSync(join(dir, "node_modules"));
    writeFileSync(join(dir, "docker-compose.yml"), "services:\n  web:\n    image: nginx\n");
    writeFileSync(join(dir, ".github", "ci.yaml"), "format: basis/v1\nkind: nonsense\n");
    writeFileSync(join(dir, "node_modules", "x.yaml"), "format: basis/v1\n");
    writeFileSync(
      join(dir, "assessments", "audit.yaml"),
      readFileSync("fixtures/edusphere-audit-logging-lia.yaml", "utf8"),
    );
    const ok = await check(dir, ...TODAY);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("1 YAML file in the folders given is not a Basis file");
    writeFileSync(
      join(dir, "assessments", "broken.yml"),
      "format: basis/v1\nkind: assessment\nid: [\n",
    );
    const bad = await check(dir, ...TODAY, "--format", "sarif");
    expect(bad.code).toBe(1);
    const log = JSON.parse(bad.stdout);
    expect(sarifErrors(log)).toEqual([]);
    const invalid = log.runs[0].results.find(
      (x: { ruleId: string }) => x.ruleId === "CHECK_FILE_INVALID",
    );
    // outside the working directory, so an absolute file: URL
    expect(invalid.locations[0].physicalLocation.artifactLocation.uri).toBe(
      pathToFileURL(join(dir, "assessments", "broken.yml")).href,
    );
  });

  it("exits 2 for a path that does not exist, a folder with nothing to check, or a bad date", async () => {
    expect((await check("no/such/place", ...TODAY)).code).toBe(2);
    const empty = tempDir();
    const none = await check(empty, ...TODAY);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("no assessment files found");
    expect((await check("fixtures", "--today", "2026-02-30")).code).toBe(2);
    expect((await check("fixtures", "--format", "xml")).code).toBe(2);
  });
});

describe("basis check --server", () => {
  /** What a run says failed: assessment id -> its gate violations' codes, sorted. */
  const failures = (json: {
    files: {
      assessments: { id: string; passed: boolean; findings: { code: string; gate: boolean }[] }[];
    }[];
  }) =>
    Object.fromEntries(
      json.files
        .flatMap((f) => f.assessments)
        .filter((a) => !a.passed)
        .map((a) => [
          a.id,
          a.findings
            .filter((f) => f.gate)
            .map((f) => f.code)
            .sort(),
        ]),
    );

  it("gates a running server's register the same as the files it was imported from", async () => {
    const dir = tempDir();
    const now = new Date("2026-11-22T09:00:00Z");
    const store = await openStore({ dataDir: dir, databaseUrl: "" });
    const app = await buildServer({ store, now: () => now });
    try {
      await app.listen({ host: "127.0.0.1", port: 0 });
      const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const token = async (role: "viewer" | "editor" | "admin") =>
        (await store.accounts.createApiToken({ name: role, role }, null, "test", now)).token;
      const fixtures = readdirSync("fixtures").map((f) => join("fixtures", f));
      const server = ["--server", url, "--token", await token("viewer")];
      // Nothing imported yet: nothing to check is a usage error, as for an empty folder.
      const empty = await check(...server, ...TODAY);
      expect(empty.code).toBe(2);
      expect(empty.stderr).toContain("no assessments to check");
      const imported = await run(
        importCommand,
        ...fixtures,
        "--server",
        url,
        "--token",
        // Only an admin brings in a file recorded as approved as it is (one fixture is).
        await token("admin"),
      );
      expect(imported.code).toBe(0);

      const text = await check(...server, ...TODAY);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`7 assessments on ${url}`);
      expect(text.stdout).toContain("FAILED: 4 of 7 assessments fail the gate (5 violations)");
      expect(text.stdout).toMatch(
        new RegExp(`${url}/api/assessments/levqor-platform-lia {2}REVIEW_OVERDUE`),
      );

      const fromServer = JSON.parse((await check(...server, ...TODAY, "--format", "json")).stdout);
      const fromFiles = JSON.parse((await check("fixtures", ...TODAY, "--format", "json")).stdout);
      expect(fromServer.totals).toMatchObject({ assessments: 7, failed: 4, violations: 5 });
      expect(fromServer.exitCode).toBe(1);
      expect(failures(fromServer)).toEqual(failures(fromFiles));
      expect(Object.keys(failures(fromServer))).toHaveLength(4);

      const sarif = JSON.parse((await check(...server, ...TODAY, "--format", "sarif")).stdout);
      expect(sarifErrors(sarif)).toEqual([]);
      const overdue = sarif.runs[0].results.find(
        (x: { ruleId: string }) => x.ruleId === "REVIEW_OVERDUE",
      );
      expect(overdue.level).toBe("error");
      expect(overdue.locations[0]).toEqual({
        physicalLocation: {
          artifactLocation: { uri: `${url}/api/assessments/levqor-platform-lia` },
        },
        logicalLocations: [{ fullyQualifiedName: "levqor-platform-lia/review.nextReview" }],
      });

      const out = join(dir, "junit.xml");
      expect((await check(...server, ...TODAY, "--format", "junit", "-o", out)).code).toBe(1);
      const xml = readFileSync(out, "utf8");
      expect(xml).toMatch(/tests="7" failures="4" errors="0" skipped="0"/);
      expect(xml.match(/<failure /g)).toHaveLength(4);

      // A wrong token, or paths beside --server, stop the check instead of passing it.
      const denied = await check("--server", url, "--token", "not-a-token", ...TODAY);
      expect(denied.code).toBe(1);
      expect(denied.stderr).toMatch(/GET \/api\/export failed \(401\)/);
      expect((await check("fixtures", ...server, ...TODAY)).code).toBe(2);
    } finally {
      await app.close();
      await store.close();
    }
  }, 60_000);
});
