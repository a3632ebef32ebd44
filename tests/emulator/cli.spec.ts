import { strict as assert } from "node:assert";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { decodeJwt } from "jose";
import { postGraphQL } from "../helpers/emulator";

const ROOT = path.join(__dirname, "..", "..");
const CLI = path.join(ROOT, "dist", "emulator", "cli.js");
const FIRST_LINE = /^spacelift-emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/;
const EXCHANGE = "mutation($id:ID!$secret:String!){apiKeyUser(id: $id, secret: $secret){jwt}}";

/** A spawned CLI with its stdout split into lines as they arrive. */
interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the next stdout line. */
  nextLine(): Promise<string>;
  /** Resolves with the exit code once the process ends. */
  readonly exited: Promise<number | null>;
  /** Everything written to stderr so far. */
  stderr(): string;
}

function runCli(args: string[]): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: "pipe" });
  const lines: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    const waiter = waiting.shift();
    if (waiter) {
      waiter(line);
    } else {
      lines.push(line);
    }
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return {
    child,
    nextLine: () => {
      const line = lines.shift();
      return line !== undefined ? Promise.resolve(line) : new Promise((resolve) => waiting.push(resolve));
    },
    exited,
    stderr: () => stderr,
  };
}

/** Reads the startup banner: the first line, then every line up to the closing hint. */
async function banner(cli: RunningCli): Promise<{ url: string; lines: string[] }> {
  const first = await cli.nextLine();
  const match = FIRST_LINE.exec(first);
  assert.ok(match, `unexpected first line: ${first}`);
  const lines = [first];
  for (let line = await cli.nextLine(); ; line = await cli.nextLine()) {
    lines.push(line);
    if (line.startsWith("Stop with")) {
      break;
    }
  }
  return { url: match[1], lines };
}

describe("spacelift-emulator CLI", () => {
  const started: RunningCli[] = [];
  let dir: string;

  before(async () => {
    if (!existsSync(CLI)) {
      throw new Error("dist/emulator/cli.js is missing: run `npm run build` before this suite");
    }
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "spacelift-emulator-cli-"));
  });

  const start = (args: string[]) => {
    const cli = runCli(args);
    started.push(cli);
    return cli;
  };

  afterEach(async () => {
    for (const cli of started.splice(0)) {
      if (cli.child.exitCode === null && cli.child.signalCode === null) {
        cli.child.kill("SIGKILL");
        await cli.exited;
      }
    }
  });

  after(() => fs.rm(dir, { recursive: true, force: true }));

  it("prints the listening line first, serves requests and stops cleanly on SIGTERM", async () => {
    const cli = start(["--port", "0", "--api-key", "01J000000000000000000CLI01:cli-test-secret"]);
    const { url, lines } = await banner(cli);
    assert.ok(lines.includes("API key id: 01J000000000000000000CLI01"));
    assert.ok(lines.includes(`  export SPACELIFT_API_KEY_ENDPOINT=${url}`));
    assert.ok(
      !lines.join("\n").includes("cli-test-secret"),
      "a secret given on the command line is not printed",
    );

    const reply = await postGraphQL<{ apiKeyUser: { jwt: string } }>(
      { graphqlUrl: `${url}/graphql`, fetch },
      EXCHANGE,
      { variables: { id: "01J000000000000000000CLI01", secret: "cli-test-secret" } },
    );
    assert.equal(reply.status, 200);
    assert.deepEqual(decodeJwt(reply.data?.apiKeyUser.jwt ?? "").aud, [url]);

    cli.child.kill("SIGTERM");
    assert.equal(await cli.exited, 0);
  });

  it("generates an API key when given none and prints its secret", async () => {
    const cli = start(["--port", "0"]);
    const { url, lines } = await banner(cli);
    const id = lines.find((l) => l.startsWith("API key id: "))?.slice("API key id: ".length);
    const secret = lines.find((l) => l.startsWith("API key secret: "))?.slice("API key secret: ".length);
    assert.ok(id && secret);
    assert.match(id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    const reply = await postGraphQL<{ apiKeyUser: { jwt: string } | null }>(
      { graphqlUrl: `${url}/graphql`, fetch },
      EXCHANGE,
      { variables: { id, secret } },
    );
    assert.ok(reply.data?.apiKeyUser?.jwt);
    cli.child.kill("SIGINT");
    assert.equal(await cli.exited, 0);
  });

  it("writes the state file on SIGINT and reloads it on the next start", async () => {
    const stateFile = path.join(dir, "cli-state.json");
    const key = "01J000000000000000000CLI02:state-secret";
    const first = start(["--api-key", key, "--state-file", stateFile]);
    const { url } = await banner(first);
    await fetch(`${url}/_emulator/seed`, {
      method: "POST",
      body: JSON.stringify({ contexts: [{ name: "From CLI" }] }),
    });
    first.child.kill("SIGINT");
    assert.equal(await first.exited, 0);
    assert.deepEqual(await fs.readdir(dir), ["cli-state.json"]);

    const second = start(["--api-key", key, "--state-file", stateFile]);
    const restarted = await banner(second);
    const exchange = await postGraphQL<{ apiKeyUser: { jwt: string } }>(
      { graphqlUrl: `${restarted.url}/graphql`, fetch },
      EXCHANGE,
      { variables: { id: "01J000000000000000000CLI02", secret: "state-secret" } },
    );
    const read = await postGraphQL<{ context: { name: string } | null }>(
      { graphqlUrl: `${restarted.url}/graphql`, fetch },
      '{context(id: "from-cli"){name}}',
      { token: exchange.data?.apiKeyUser.jwt },
    );
    assert.equal(read.data?.context?.name, "From CLI");
    second.child.kill("SIGTERM");
    assert.equal(await second.exited, 0);
  });

  it("answers anonymous reads with null or unauthorized as --anonymous-reads says", async () => {
    const read = '{space(id: "root"){id}}';
    for (const [args, expected] of [
      [["--anonymous-reads", "null"], { data: { space: null } }],
      [[], { data: { space: null }, errors: [{ message: "unauthorized", path: ["space"] }] }],
    ] as const) {
      const cli = start(["--port", "0", ...args]);
      const { url } = await banner(cli);
      const reply = await postGraphQL({ graphqlUrl: `${url}/graphql`, fetch }, read);
      assert.equal(reply.status, 200);
      const { data, errors } = JSON.parse(reply.text) as {
        data: unknown;
        errors?: Array<{ message: string; path: unknown }>;
      };
      assert.deepEqual(
        { data, ...(errors ? { errors: errors.map(({ message, path }) => ({ message, path })) } : {}) },
        expected,
        args.join(" ") || "default",
      );
      cli.child.kill("SIGTERM");
      assert.equal(await cli.exited, 0);
    }
  });

  it("exits with status 2 and a clear message for bad flags", async () => {
    for (const args of [["--port", "nope"], ["--frobnicate"], ["--api-key", "missing-colon"]]) {
      const cli = start(args);
      assert.equal(await cli.exited, 2, args.join(" "));
      assert.match(cli.stderr(), /^spacelift-emulator: .+\nRun "spacelift-emulator --help" for usage\.\n$/);
    }
  });

  it("prints usage for --help and exits 0", async () => {
    const cli = start(["--help"]);
    assert.match(await cli.nextLine(), /^Usage: spacelift-emulator/);
    assert.equal(await cli.exited, 0);
  });

  it("names the accepted modes when --anonymous-reads gets another", async () => {
    const cli = start(["--anonymous-reads", "empty"]);
    assert.equal(await cli.exited, 2);
    assert.match(cli.stderr(), /^spacelift-emulator: --anonymous-reads must be unauthorized or null\n/);
  });

  it("exits with status 1 naming a corrupt state file", async () => {
    const stateFile = path.join(dir, "corrupt.json");
    await fs.writeFile(stateFile, "][");
    const cli = start(["--state-file", stateFile]);
    assert.equal(await cli.exited, 1);
    assert.ok(cli.stderr().includes(stateFile));
  });
});
