import { describe, expect, it } from "vitest";
import { connectionProblem, messageChain } from "./db-errors.ts";

/** An error as drizzle wraps a driver's: the statement in the message, the cause beneath. */
function wrapped(cause: object): Error {
  return Object.assign(new Error("Failed query: select secret from t\nparams: Jane Doe"), {
    name: "DrizzleQueryError",
    cause,
  });
}

describe("connectionProblem", () => {
  it("gives the reason a database could not be used, from beneath drizzle's wrapper", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
      syscall: "connect",
    });
    expect(connectionProblem(wrapped(refused))).toBe("connect ECONNREFUSED 127.0.0.1:5432");
    const socket = Object.assign(new Error("connect ENOENT /run/pg/.s.PGSQL.5432"), {
      code: "ENOENT",
      syscall: "connect",
    });
    expect(connectionProblem(socket)).toBe("connect ENOENT /run/pg/.s.PGSQL.5432");
    for (const [code, message] of [
      ["3D000", 'database "basis" does not exist'],
      ["28P01", 'password authentication failed for user "basis"'],
      ["08006", "connection failure"],
    ])
      expect(connectionProblem(wrapped({ code, message }))).toBe(`${message} (SQLSTATE ${code})`);
  });

  it("leaves every other error to be named by its code alone", () => {
    expect(
      connectionProblem(wrapped({ code: "42P01", message: 'relation "t" does not exist' })),
    ).toBeUndefined();
    // A missing file is not a missing server.
    expect(
      connectionProblem(Object.assign(new Error("open x"), { code: "ENOENT", syscall: "open" })),
    ).toBeUndefined();
    expect(connectionProblem(new Error("boom"))).toBeUndefined();
  });
});

describe("messageChain", () => {
  it("gives the wrapper's message and those beneath it, once each", () => {
    const inner = new Error("connect ECONNREFUSED 127.0.0.1:1");
    const outer = Object.assign(new Error("Failed query: create schema"), { cause: inner });
    Object.assign(inner, { cause: outer });
    expect(messageChain(outer)).toBe(
      "Failed query: create schema; caused by: connect ECONNREFUSED 127.0.0.1:1",
    );
  });
});
