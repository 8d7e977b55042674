/**
 * The `basis` CLI tried as a new user would: the happy path from template to evaluation, and
 * every kind of bad input giving one clear located line and a non-zero exit, never a trace.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Help } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { bufferIo } from "../src/cli/io.ts";
import { COMMANDS, main } from "../src/cli/main.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "basis-cli-"));
});
afterAll(() => {
  // Temporary files stay in the OS temp folder; nothing in the work tree is touched.
});

async function basis(...argv: string[]) {
  const io = bufferIo();
  const code = await main(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

function write(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const VALID_HEAD = "format: basis/v1\nkind: assessment\nid: demo\ntitle: Demo\n";
const VALID_REST =
  "organisation: { name: Demo Ltd, jurisdiction: EU }\n" +
  "activity:\n  name: Demo\n  description: Demo activity\n  purposes: [{ id: p, description: d }]\n" +
  "  dataCategories: [{ name: email }]\n  dataSubjects: [{ name: customers }]\n" +
  "decisions: [{ purpose: p, basis: contract, justification: needed, necessity: { necessary: true } }]\n";

describe("basis templates and new", () => {
  it("lists the eight templates", async () => {
    const r = await basis("templates");
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(8);
    expect(r.stdout).toContain("audit-logging");
  });

  it("writes a new assessment with the schema line, then evaluates it naming what is left to supply", async () => {
    const out = join(dir, "new.yaml");
    const made = await basis("new", "--template", "cookieless-analytics", "-o", out);
    expect(made.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.split("\n")[0]).toMatch(
      /^# yaml-language-server: \$schema=.*schema\/assessment\.schema\.json$/,
    );
    expect((await basis("validate", out)).code).toBe(0);
    const ev = await basis("evaluate", out, "--format", "json", "--today", "2026-11-22");
    expect(ev.code).toBe(0);
    const json = JSON.parse(ev.stdout);
    expect(json.outcome).toBe("incomplete");
    expect(Object.keys(json.findings[0]).sort()).toEqual([
      "code",
      "fix",
      "message",
      "path",
      "refs",
      "severity",
    ]);
    expect(json.findings.map((f: { code: string }) => f.code)).toContain(
      "ORGANISATION_NAME_MISSING",
    );
    const gated = await basis("evaluate", out, "--today", "2026-11-22", "--fail-on", "blocker");
    expect(gated.code).toBe(1);
  });

  it("refuses to overwrite a file and names unknown templates", async () => {
    const out = write("exists.yaml", "keep me");
    const r = await basis("new", "--template", "server-logs", "-o", out);
    expect(r.code).toBe(1);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    const unknown = await basis("new", "--template", "nope");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("known templates: ");
  });

  it("fills the controller from options", async () => {
    const r = await basis(
      "new",
      "--template",
      "server-logs",
      "--org",
      "Levqor",
      "--jurisdiction",
      "UK",
    );
    const doc = parse(r.stdout);
    expect(doc.organisation).toMatchObject({ name: "Levqor", jurisdiction: "UK" });
  });
});

describe("basis evaluate on the seed fixtures", () => {
  it("reports outcome, findings and trace as JSON for an assessment", async () => {
    const r = await basis(
      "evaluate",
      join(ROOT, "fixtures/edusphere-audit-logging-lia.yaml"),
      "--format",
      "json",
      "--today",
      "2026-11-22",
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json).sort()).toEqual(["findings", "outcome", "trace", "weighing"]);
    expect(json.weighing.map((w: { interest: string }) => w.interest)).toContain(
      "security-monitoring",
    );
    expect(json.findings.filter((f: { severity: string }) => f.severity === "blocker")).toEqual([]);
  });

  it("prints a readable summary with what would change the outcome", async () => {
    const r = await basis(
      "evaluate",
      join(ROOT, "fixtures/edusphere-audit-logging-lia.yaml"),
      "--today",
      "2026-11-22",
    );
    expect(r.stdout).toMatch(/outcome: appropriate/);
    expect(r.stdout).toContain("what would change the outcome:");
  });

  it("rejects a malformed --today", async () => {
    const r = await basis(
      "evaluate",
      join(ROOT, "fixtures/edusphere-audit-logging-lia.yaml"),
      "--today",
      "2026-02-30",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--today");
  });
});

describe("bad input gets one located line and a non-zero exit", () => {
  const cases: [string, string | Buffer, RegExp][] = [
    [
      "tabs.yaml",
      `${VALID_HEAD}organisation:\n\tname: x\n`,
      /tabs\.yaml:6:1: tab used for indentation/,
    ],
    ["dup.yaml", `${VALID_HEAD}id: again\n${VALID_REST}`, /dup\.yaml:5:1: duplicate key/],
    [
      "quote.yaml",
      `${VALID_HEAD}notes: "never closed\n${VALID_REST}`,
      /quote\.yaml:\d+:\d+: .*quote/i,
    ],
    [
      "type.yaml",
      VALID_HEAD + VALID_REST.replace("necessary: true", "necessary: sure"),
      /type\.yaml: decisions\[0\]\.necessity\.necessary: expected boolean, found text "sure" \(line 12\)/,
    ],
    [
      "unknown.yaml",
      `${VALID_HEAD}colour: blue\n${VALID_REST}`,
      /unknown\.yaml: colour: unknown field/,
    ],
    [
      "missing.yaml",
      VALID_HEAD + VALID_REST.replace(/activity:[\s\S]*?decisions/, "decisions"),
      /missing\.yaml: activity: required field is missing/,
    ],
    [
      "enum.yaml",
      VALID_HEAD + VALID_REST.replace("basis: contract", "basis: contrat"),
      /enum\.yaml: decisions\[0\]\.basis: must be one of: consent, contract/,
    ],
    ["empty.yaml", "", /empty\.yaml: file is empty/],
    [
      "junk.bin",
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x01]),
      /junk\.bin: file contains binary data/,
    ],
    [
      "latin1.yaml",
      Buffer.from("title: caf\xe9\n", "latin1"),
      /latin1\.yaml: file is not valid UTF-8/,
    ],
    ["list.yaml", "- a\n- b\n", /list\.yaml:1:1: expected object, found a list/],
  ];

  for (const [name, content, expected] of cases) {
    it(`${name}`, async () => {
      const file = write(name, content);
      const r = await basis("validate", file);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(expected);
      expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
      const ev = await basis("evaluate", file);
      expect(ev.code).toBe(1);
    });
  }

  it("a 50 MB file is refused by size without being parsed", async () => {
    const file = write("big.yaml", Buffer.alloc(50 * 1024 * 1024, "a"));
    const r = await basis("validate", file);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(`${file}: file is 50.0 MB; Basis files are at most 5 MB`);
  });

  it("a missing file and a directory are named as such", async () => {
    expect((await basis("validate", join(dir, "nope.yaml"))).stderr).toContain("no such file");
    expect((await basis("validate", dir)).stderr).toContain("is a directory");
  });

  it("an unknown command or option is a usage error", async () => {
    expect((await basis("frobnicate")).code).toBe(2);
    expect((await basis("evaluate", "x.yaml", "--format", "pdf")).code).toBe(2);
  });
});

describe("commands load on use", () => {
  it("lists every command as its own module describes it", async () => {
    for (const entry of COMMANDS) {
      const cmd = await entry.load(bufferIo());
      expect(cmd.name()).toBe(entry.name);
      expect(`${entry.name} ${entry.usage}`.trim()).toBe(new Help().subcommandTerm(cmd));
      expect(entry.about).toBe(cmd.description());
    }
  });

  it("lists every command in the help without loading any, and shows a command's own help on request", async () => {
    const listing = await basis("--help");
    expect(listing.code).toBe(0);
    const lines = listing.stdout.split("\n");
    for (const entry of COMMANDS) {
      const term = `${entry.name} ${entry.usage}`.trim();
      const listed = lines.filter((l) => l.startsWith(`  ${term} `) && l.endsWith(entry.about));
      expect(listed).toHaveLength(1);
    }
    for (const argv of [
      ["help", "evaluate"],
      ["evaluate", "--help"],
    ]) {
      const own = await basis(...argv);
      expect(own.code).toBe(0);
      expect(own.stdout).toContain("Usage: basis evaluate [options] <file>");
      expect(own.stdout).toContain("--fail-on <severity>");
    }
    const sub = await basis("audit", "--help");
    expect(sub.stdout).toMatch(/Commands:\n {2}verify/);
  });

  it("suggests the command meant by a typo", async () => {
    const r = await basis("evalute", "x.yaml");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'evalute'");
    expect(r.stderr).toContain("(Did you mean evaluate?)");
  });
});

describe("the installed binary", () => {
  it("runs through bin/basis.js and exits with the command's code, without a stack trace", () => {
    const bad = write("bin-bad.yaml", `${VALID_HEAD}\tx: 1\n`);
    const r = spawnSync(process.execPath, [join(ROOT, "bin/basis.js"), "validate", bad], {
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bin-bad\.yaml:5:1: tab used for indentation/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const ok = spawnSync(process.execPath, [join(ROOT, "bin/basis.js"), "templates"], {
      encoding: "utf8",
    });
    expect(ok.status).toBe(0);
  });

  it("loads yaml only for a file that needs its line and column, and then reports as the sources do", async () => {
    // Run first in each process, this says at exit whether yaml (the bundle's yaml.cjs, or the
    // package itself) was ever required.
    const probe = write(
      "yaml-probe.cjs",
      "const yaml = (f) => /[\\\\/]yaml(\\.cjs$|[\\\\/])/.test(f);\n" +
        'process.on("exit", () => process.stderr.write("yaml loaded: " + Object.keys(require.cache).some(yaml) + "\\n"));\n',
    );
    const run = (file: string) =>
      spawnSync(
        process.execPath,
        ["--require", probe, join(ROOT, "bin/basis.js"), "evaluate", file],
        { encoding: "utf8", cwd: ROOT },
      );

    const valid = run("fixtures/levqor-platform-lia.yaml");
    expect(valid.status).toBe(0);
    expect(valid.stdout).toContain("outcome: ");
    expect(valid.stderr).toBe("yaml loaded: false\n");

    const syntax = write("bin-syntax.yaml", `${VALID_HEAD}title: [unclosed\n${VALID_REST}`);
    const schema = write("bin-schema.yaml", `${VALID_HEAD}${VALID_REST}colour: blue\n`);
    for (const file of [syntax, schema]) {
      const r = run(file);
      const fromSources = await basis("evaluate", file);
      expect(r.status).toBe(fromSources.code);
      expect(fromSources.stderr).toMatch(/:\d+(:\d+)?: |\(line \d+\)/);
      expect(r.stderr).toBe(`${fromSources.stderr}yaml loaded: true\n`);
    }
  });
});
