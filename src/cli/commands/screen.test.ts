/**
 * `basis screen` run in-process through `main`, on the same buffered I/O as every other
 * command: output is captured, a terminal's input is a stream, and the questionnaire and the
 * seed's answers file are the real shipped ones.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bufferIo, type Io, type Terminal } from "../io.ts";
import { main } from "../main.ts";

const SEED_ANSWERS = fileURLToPath(
  new URL("../../content/questionnaires/seed-000-answers.yaml", import.meta.url),
);
const dir = mkdtempSync(join(tmpdir(), "basis-screen-"));

function answersFile(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Capture what the command writes; `typed` lines become a terminal's input when given. */
function capture(typed?: string[]) {
  const prompts: string[] = [];
  let terminal: Terminal | undefined;
  if (typed !== undefined) {
    const input = new PassThrough();
    const output = new PassThrough();
    output.on("data", (chunk: Buffer) => prompts.push(chunk.toString()));
    input.end(typed.map((line) => `${line}\n`).join(""));
    terminal = { input, output, isTTY: false };
  }
  const io = bufferIo(false, terminal);
  return {
    io,
    stdout: () => io.stdout,
    stderr: () => io.stderr,
    prompts: () => prompts.join(""),
  };
}

/** `basis screen <argv>`, as the `basis` program runs it; resolves to the exit code. */
const runScreen = (argv: string[], io: Io) => main(["screen", ...argv], io);

async function screenJson(argv: string[], typed?: string[]) {
  const c = capture(typed);
  const code = await runScreen([...argv, "--format", "json"], c.io);
  expect(c.stderr()).toBe("");
  return { code, json: JSON.parse(c.stdout()) as Record<string, unknown>, prompts: c.prompts() };
}

describe("basis screen with an answers file", () => {
  it("prints seed 000's run as JSON: total 11, likely, exit 0", async () => {
    const { code, json } = await screenJson(["lia-screening-2018", "--answers", SEED_ANSWERS]);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      questionnaire: "lia-screening-2018",
      version: 1,
      total: 11,
      result: "likely",
    });
    expect(Object.keys(json)).toEqual([
      "questionnaire",
      "version",
      "total",
      "result",
      "message",
      "path",
      "findings",
      "ignored",
    ]);
    expect(json.path).toHaveLength(19);
  });

  it("gives only the keys of a stopped run, and still exits 0", async () => {
    const file = answersFile("stop.yaml", 'Q1: "yes"\nQ2: "no"\nQ3: a\nQ4: b\nQ5: c\nQ6: "yes"\n');
    const { code, json } = await screenJson(["lia-screening-2018", "--answers", file]);
    expect(code).toBe(0);
    expect(json).toMatchObject({ result: "stopped", total: 0, stoppedAt: { question: "Q6" } });
    expect(json).not.toHaveProperty("message");
    expect(json).not.toHaveProperty("pendingAt");
  });

  it("reads a bare JSON mapping and reports an incomplete run's next question", async () => {
    const file = answersFile("partial.json", '{ "Q1": "yes", "Q2": "yes" }');
    const { json } = await screenJson(["lia-screening-2018", "--answers", file]);
    expect(json).toMatchObject({ result: "incomplete", nextQuestion: "Q3" });
    expect(json.findings).toEqual([
      { code: "SCREENING_SPECIAL_DATA", severity: "blocker", question: "Q2" },
    ]);
  });

  it("summarises a pending run as text with what to check", async () => {
    const c = capture();
    const file = answersFile(
      "pending.yaml",
      "Q1: yes\nQ2: no\nQ3: a\nQ4: b\nQ5: c\nQ6: no\nQ7: yes\nQ11: unknown\n",
    );
    expect(await runScreen(["lia-screening-2018", "--answers", file], c.io)).toBe(0);
    expect(c.stdout()).toContain("Result:   pending at Q11, total so far 0");
    expect(c.stdout()).toContain("Read the privacy notice");
    expect(c.stdout()).toContain("Path:     Q1 → Q2 → Q3 → Q4 → Q5 → Q6 → Q7 → Q11");
  });

  it("shows a finding with the option's explanation in the text summary", async () => {
    const file = answersFile("special.yaml", "Q1: yes\nQ2: yes\n");
    const c = capture();
    await runScreen(["lia-screening-2018", "--answers", file], c.io);
    expect(c.stdout()).toMatch(/blocker SCREENING_SPECIAL_DATA \(Q2\): Legitimate interests alone/);
  });
});

describe("the screening record", () => {
  it("writes seed 000's answered questionnaire: answers and points, the jump, who, when, total, result", async () => {
    const c = capture();
    const code = await runScreen(
      [
        "lia-screening-2018",
        "--answers",
        SEED_ANSWERS,
        "--format",
        "md",
        "--assessor",
        "Strategy lead",
        "--date",
        "2018-06-18",
      ],
      c.io,
    );
    expect(code).toBe(0);
    const md = c.stdout();
    expect(md).toContain("# Screening record");
    expect(md).toContain("**Screened by:** Strategy lead");
    expect(md).toContain("**Date:** 18 June 2018");
    expect(md).toContain("**Total:** 11 points");
    expect(md).toContain("**Result:** Likely");
    // Free text, points and what each answer did, in the table of answers.
    expect(md).toContain(
      "| 3 | What is the activity for? Describe what it should achieve. | Learn from our web-server logs",
    );
    expect(md).toContain(
      "| 8 | How much does the activity matter to you? | Important; a strong business case supports it | +5 | Carried on |",
    );
    expect(md).toContain(
      "| 11 | Does the relevant privacy notice describe this kind of activity? | Yes | 0 | Jumped to question 13 |",
    );
    expect(md).toContain("## Questions skipped");
    expect(md).toContain("- 12\\. Is this an emergency");
  });

  it("says a 'likely' score does not stand while a blocker is open, and exits 3", async () => {
    const seed = readFileSync(SEED_ANSWERS, "utf8").replace('Q2: "no"', 'Q2: "yes"');
    const file = answersFile("blocked.yaml", seed);
    for (const format of ["text", "md", "json"]) {
      const c = capture();
      expect(
        await runScreen(["lia-screening-2018", "--answers", file, "--format", format], c.io),
      ).toBe(3);
      if (format === "text") expect(c.stdout()).toContain("But a blocker is open");
      if (format === "md")
        expect(c.stdout()).toContain('**Blocker:** The score says "likely", but a blocker is open');
      if (format === "json")
        expect(JSON.parse(c.stdout())).toMatchObject({ result: "likely", blocked: true });
    }
  });

  it("needs -o for a PDF or Word record, and checks the date", async () => {
    const c = capture();
    expect(
      await runScreen(["lia-screening-2018", "--answers", SEED_ANSWERS, "--format", "pdf"], c.io),
    ).toBe(2);
    expect(c.stderr()).toBe("basis: the pdf screening record needs -o <file>\n");
    const d = capture();
    expect(
      await runScreen(
        ["lia-screening-2018", "--answers", SEED_ANSWERS, "--date", "2018-02-30"],
        d.io,
      ),
    ).toBe(2);
  });
});

describe("basis screen errors", () => {
  it("places a YAML syntax error as file:line:col on stderr, exit 1, nothing on stdout", async () => {
    const file = answersFile("broken.yaml", 'Q1: "yes"\nQ2: [no\n');
    const c = capture();
    expect(await runScreen(["lia-screening-2018", "--answers", file], c.io)).toBe(1);
    expect(c.stderr().startsWith(`${file}:3:`)).toBe(true);
    expect(c.stderr().split("\n")).toHaveLength(2);
    expect(c.stderr()).not.toMatch(/\bat .*\.ts:\d+/);
    expect(c.stdout()).toBe("");
  });

  it("places an answer that is not an option at its line, naming the options", async () => {
    const file = answersFile("bad-option.yaml", 'Q1: "yes"\nQ8: very\n');
    const c = capture();
    expect(await runScreen(["lia-screening-2018", "--answers", file], c.io)).toBe(1);
    expect(c.stderr()).toBe(`${file}:2:1: answers.Q8: must be one of: quite, important, really\n`);
  });

  it("refuses answers written for another questionnaire", async () => {
    const file = answersFile(
      "other.yaml",
      "questionnaire: other-screening\nanswers: { Q1: yes }\n",
    );
    const c = capture();
    expect(await runScreen(["lia-screening-2018", "--answers", file], c.io)).toBe(1);
    expect(c.stderr()).toBe(
      `${file}:1:1: questionnaire: these answers are for other-screening, not lia-screening-2018\n`,
    );
  });

  it("reports a missing answers file without a stack trace", async () => {
    const c = capture();
    expect(await runScreen(["lia-screening-2018", "--answers", join(dir, "none.yaml")], c.io)).toBe(
      1,
    );
    expect(c.stderr()).toMatch(/^\/.*none\.yaml: no such file\n$/);
  });

  it("lists the known questionnaires for an unknown id, exit 2", async () => {
    const c = capture();
    expect(await runScreen(["lia-screening-2019", "--answers", SEED_ANSWERS], c.io)).toBe(2);
    expect(c.stderr()).toBe(
      'basis: unknown questionnaire "lia-screening-2019"; known: lia-screening-2018\n',
    );
  });

  it("asks for --answers when there is no terminal to ask on, exit 2", async () => {
    const c = capture();
    expect(await runScreen(["lia-screening-2018"], c.io)).toBe(2);
    expect(c.stderr()).toBe("basis: give --answers when not on a terminal\n");
  });

  it("refuses an unknown output format as a usage error", async () => {
    const c = capture();
    expect(await runScreen(["lia-screening-2018", "--format", "xml"], c.io)).toBe(2);
    expect(c.stderr()).toMatch(/^basis: option '--format <format>' argument 'xml' is invalid/);
  });
});

describe("basis screen on a terminal", () => {
  const upToQ7 = ["1", "no", "Plan the site", "Us", "Better pages", "2"];

  it("asks question by question, following Q7's jump, and accepts numbers or values", async () => {
    // Q7 yes jumps to Q11 (Q8's points never count); option 1 of Q11 jumps to Q13, which takes
    // numbers and values mixed: -1 + 0, then Q17-Q19 +2 each and Q20 +1.
    const typed = [
      ...upToQ7,
      "yes",
      "1",
      "3, business",
      "no",
      "no",
      "no",
      "yes",
      "yes",
      "yes",
      "probably-yes",
    ];
    const { code, json, prompts } = await screenJson(["lia-screening-2018"], typed);
    expect(code).toBe(0);
    expect(json).toMatchObject({ result: "likely", total: -1 + 6 + 1 });
    expect(json.path).not.toContain("Q8");
    expect(prompts).toContain("→ skipping to Q11");
    expect(prompts).toContain("→ skipping to Q13");
    expect(prompts).toContain("score so far: -1");
    expect(prompts).toMatch(/3\) Users of the website or app {2}\[web-users, -1\]/);
  });

  it("asks again after an answer that is not an option", async () => {
    const { json, prompts } = await screenJson(["lia-screening-2018"], ["7", "maybe", "2"]);
    expect(prompts).toContain("no option 7; choose 1 to 2");
    expect(prompts).toContain("must be one of: yes, no");
    expect(json).toMatchObject({ result: "stopped", stoppedAt: { question: "Q1" } });
  });

  it("lets a pending question be answered again once checked", async () => {
    const typed = [...upToQ7, "yes", "unknown", "yes", "web-users"];
    const { json, prompts } = await screenJson(["lia-screening-2018"], typed);
    expect(prompts).toContain("Pending: Read the privacy notice");
    expect(json).toMatchObject({ result: "incomplete", nextQuestion: "Q14" });
  });

  it("stops at a pending question on an empty answer", async () => {
    const { json } = await screenJson(["lia-screening-2018"], [...upToQ7, "yes", "unknown", ""]);
    expect(json).toMatchObject({ result: "pending", pendingAt: { question: "Q11" } });
  });

  it("returns the run as far as it got when the input ends", async () => {
    const { code, json } = await screenJson(["lia-screening-2018"], ["yes", "no"]);
    expect(code).toBe(0);
    expect(json).toMatchObject({ result: "incomplete", nextQuestion: "Q3", path: ["Q1", "Q2"] });
  });
});
