/**
 * `basis serve` as a person starts it: the one-time setup link creates the first admin, a
 * second server on the same data directory is refused while the first keeps working, and
 * import, export and audit verification work against the embedded store and a server.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BIN = join(ROOT, "bin/basis.js");
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
const env = { ...process.env, DATABASE_URL: "" };
const basis = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env, cwd: ROOT });

/** `basis serve` on a data directory; `command` starts it another way (as `npm start` does). */
function serve(
  dataDir: string,
  command = [BIN, "serve"],
): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...command, "--port", "0", "--data-dir", dataDir], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m && (out.includes("setup?token=") || out.split("\n").length > 1))
        resolve({ child, url: m[1] as string, out: () => out });
    });
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

describe("basis serve", () => {
  it("starts as `npm start` runs it, one process that serves the web app with the arguments given", async () => {
    const script = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts.start;
    expect(script).toMatch(/scripts\/start\.mjs$/);
    const data = temp("basis-npm-start-");
    const started = await serve(data, [join(ROOT, "scripts/start.mjs")]);
    // The arguments reached serve: the port it was given (0: any free one, never the default
    // 4000) and the data directory, where the database now is.
    expect(new URL(started.url).port).not.toBe("4000");
    expect(readdirSync(data).length).toBeGreaterThan(0);
    const page = await fetch(started.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(started.out()).toContain("setup?token=");
    started.child.kill("SIGKILL");
  });

  it("prints a setup link that creates the first admin once, and refuses a second server on the same data", async () => {
    const data = temp("basis-serve-");
    const first = await serve(data);
    await new Promise((r) => setTimeout(r, 300));
    const link = first.out().match(/(http:\/\/\S+\/setup\?token=\S+)/)?.[1] as string;
    expect(link).toBeDefined();
    const page = await fetch(link);
    expect(await page.text()).toContain("Create the first administrator");
    const token = new URL(link).searchParams.get("token") as string;
    const form = new URLSearchParams({
      token,
      name: "Admin",
      email: "admin@example.org",
      password: "a long enough password",
    });
    const made = await fetch(`${first.url}/setup`, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(await made.text()).toContain("was created");
    const again = await fetch(`${first.url}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token,
        name: "B",
        email: "b@example.org",
        password: "a long enough password",
      }),
    });
    expect(again.status).toBe(409);

    const second = basis("serve", "--port", "0", "--data-dir", data);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`in use by process ${first.child.pid} `));
    expect((await fetch(`${first.url}/api/health`)).status).toBe(200);

    // import/export through the server with an API token
    const login = await fetch(`${first.url}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@example.org", password: "a long enough password" }),
    });
    const cookie = String(login.headers.get("set-cookie")).split(";")[0] as string;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    const tok = await fetch(`${first.url}/api/tokens`, {
      method: "POST",
      headers: { cookie, "x-csrf-token": csrf, "content-type": "application/json" },
      body: JSON.stringify({ name: "cli", role: "editor" }),
    });
    const apiToken = ((await tok.json()) as { token: string }).token;
    const imported = basis(
      "import",
      join(ROOT, "fixtures/lawful-basis-register.yaml"),
      "--server",
      first.url,
      "--token",
      apiToken,
    );
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout.trim().split("\n")).toHaveLength(4);
    const out = temp("basis-export-");
    const exported = basis("export", out, "--server", first.url, "--token", apiToken);
    expect(exported.status, exported.stderr).toBe(0);
    expect(readdirSync(out)).toHaveLength(4);
    const audit = basis("audit", "verify", "--server", first.url, "--token", apiToken);
    expect(audit.status).toBe(1); // an editor token may not read the audit trail
    expect(audit.stderr).toContain("403");
    first.child.kill("SIGTERM");
    await new Promise((r) => first.child.once("exit", r));
  }, 90_000);

  it("imports, exports and verifies against the embedded store, losing nothing", () => {
    const data = temp("basis-embedded-");
    const fixtures = [
      "levqor-platform-lia.yaml",
      "statnive-cookieless-analytics-lia.yaml",
      "edusphere-audit-logging-lia.yaml",
    ].map((f) => join(ROOT, "fixtures", f));
    const imported = basis("import", ...fixtures, "--data-dir", data);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/created\s+levqor/);
    const out = temp("basis-export-");
    expect(basis("export", out, "--data-dir", data).status).toBe(0);
    for (const f of fixtures) {
      const original = parse(readFileSync(f, "utf8"));
      const back = parse(readFileSync(join(out, `${original.id}.yaml`), "utf8"));
      expect(back).toEqual(original);
    }
    const reimport = basis(
      "import",
      ...readdirSync(out).map((f) => join(out, f)),
      "--data-dir",
      data,
    );
    expect(reimport.stdout).not.toMatch(/created|updated/);
    const verify = basis("audit", "verify", "--data-dir", data);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/audit trail intact: \d+ events checked/);
    const bad = basis(
      "import",
      join(ROOT, "fixtures/levqor-platform-lia.yaml"),
      join(ROOT, "package.json"),
      "--data-dir",
      data,
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("nothing was imported");
  }, 90_000);
});
