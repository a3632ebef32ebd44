import { strict as assert } from "node:assert";
import { CliUsageError, parseCliArgs } from "../../emulator/cliArgs";

describe("emulator command line parsing", () => {
  it("starts with defaults when given nothing", () => {
    assert.deepEqual(parseCliArgs([]), { kind: "start", options: {} });
  });

  it("maps every flag to an emulator option", () => {
    const command = parseCliArgs([
      "--host",
      "0.0.0.0",
      "--port",
      "4000",
      "--public-url",
      "http://emulator:4000",
      "--api-key",
      "01J00000000000000000000001:s3cret:with:colons",
      "--api-key=01J00000000000000000000002:other",
      "--github-token",
      "octocat:ghp_value",
      "--token-ttl",
      "60",
      "--state-file",
      "state.json",
      "--stack-deletion-delay",
      "0",
      "--anonymous-reads",
      "null",
    ]);
    assert.deepEqual(command, {
      kind: "start",
      options: {
        host: "0.0.0.0",
        port: 4000,
        publicUrl: "http://emulator:4000",
        apiKeys: [
          { id: "01J00000000000000000000001", secret: "s3cret:with:colons" },
          { id: "01J00000000000000000000002", secret: "other" },
        ],
        githubTokens: [{ login: "octocat", token: "ghp_value" }],
        tokenTtlSeconds: 60,
        stateFile: "state.json",
        stackDeletionDelayMs: 0,
        anonymousReads: "null",
      },
    });
  });

  it("takes both anonymous-read modes", () => {
    for (const mode of ["unauthorized", "null"] as const) {
      assert.deepEqual(parseCliArgs([`--anonymous-reads=${mode}`]), {
        kind: "start",
        options: { anonymousReads: mode },
      });
    }
  });

  it("recognises --help and -h", () => {
    assert.deepEqual(parseCliArgs(["--help"]), { kind: "help" });
    assert.deepEqual(parseCliArgs(["-h"]), { kind: "help" });
  });

  const bad: Array<[string[], RegExp]> = [
    [["--port", "http"], /--port must be an integer/],
    [["--port", "70000"], /--port must be an integer from 0 to 65535/],
    [["--port"], /--port needs a value/],
    [["--token-ttl", "0"], /--token-ttl must be an integer/],
    [["--token-ttl", "1.5"], /--token-ttl must be an integer/],
    [["--stack-deletion-delay", "-1"], /--stack-deletion-delay/],
    [["--api-key", "no-colon-here"], /--api-key expects ID:SECRET/],
    [["--api-key", ":secret-without-id"], /--api-key expects ID:SECRET/],
    [["--api-key", "id-without-secret:"], /--api-key expects ID:SECRET/],
    [["--github-token", "nologin"], /--github-token expects LOGIN:TOKEN/],
    [["--public-url", "emulator:4000"], /--public-url must be an http\(s\) origin/],
    [["--anonymous-reads", "empty"], /^--anonymous-reads must be unauthorized or null$/],
    [["--anonymous-reads", "NULL"], /^--anonymous-reads must be unauthorized or null$/],
    [["--anonymous-reads"], /--anonymous-reads needs a value/],
    [["--nope"], /unknown option --nope/],
    [["--help=yes"], /--help does not take a value/],
    [["stray"], /unexpected argument/],
  ];
  for (const [argv, message] of bad) {
    it(`rejects ${argv.join(" ")}`, () => {
      assert.throws(
        () => parseCliArgs(argv),
        (err: Error) => err instanceof CliUsageError && message.test(err.message),
      );
    });
  }

  it("never quotes a secret back in an error", () => {
    for (const argv of [["--api-kye=ID:topsecret"], ["--api-key", "topsecret"], ["topsecret"]]) {
      assert.throws(
        () => parseCliArgs(argv),
        (err: Error) => err instanceof CliUsageError && !err.message.includes("topsecret"),
      );
    }
  });
});
