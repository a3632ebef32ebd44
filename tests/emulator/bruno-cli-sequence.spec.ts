/**
 * Acceptance: `spacelift-emulator --port 0 --api-key ID:SECRET`, started as a user starts it,
 * answers Spacelift's own Bruno requests sent over HTTP with their GraphQL text as it is: the token
 * request, then create → get → update → attach → detach → delete of a space, a stack, a context
 * with a write-only config element, and a policy.
 *
 * Needs the built package (`npm test` builds first). The steps run in order and share the ids
 * they create; once one fails, the rest fail at once instead of reporting follow-on errors.
 */
import { strict as assert } from "node:assert";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { loadBrunoRequests, REPO_ROOT, type BrunoRequest } from "../helpers/bruno";
import { brunoVariables, type KnownIds } from "../helpers/brunoVariables";

const CLI = path.join(REPO_ROOT, "dist", "emulator", "cli.js");
const FIRST_LINE = /^spacelift-emulator listening on (http:\/\/[^\s]+:\d+)$/;
const API_KEY = { id: "01J0BRUNOCLISEQUENCEKEY000", secret: "bruno-cli-secret-never-print" };
/** How long the CLI may take to print its first line, ms. */
const STARTUP_TIMEOUT_MS = 15_000;
/**
 * How long a deleted stack keeps reporting `deleting`, ms: long enough that the check right after
 * the delete sees it even on a loaded machine, short enough to keep the test quick.
 */
const STACK_DELETION_DELAY_MS = 2_000;
/** Bound on the polls for a deleted stack to disappear, and the pause between them, ms. */
const STACK_GONE_POLLS = 100;
const STACK_GONE_POLL_INTERVAL_MS = 100;

type Data = Record<string, Record<string, unknown> | null>;
type GraphQLBody = { data?: Data | null; errors?: unknown };

/** Resolves with the CLI's first stdout line; rejects when it exits or stays silent first. */
function firstLine(child: ChildProcessWithoutNullStreams, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(
      () => reject(new Error(`no output within ${STARTUP_TIMEOUT_MS} ms; stderr: ${stderr()}`)),
      STARTUP_TIMEOUT_MS,
    );
    lines.once("line", (line) => {
      clearTimeout(timer);
      resolve(line);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited (${String(code)}) before printing; stderr: ${stderr()}`));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("Bruno's requests over HTTP against the spacelift-emulator CLI", function () {
  this.timeout(30_000);

  const requests = new Map<string, BrunoRequest>();
  let child: ChildProcessWithoutNullStreams | undefined;
  let stderr = "";
  let baseUrl = "";
  let jwt = "";
  /** What each placeholder of the examples stands for, filled in as objects are created. */
  const placeholders: Record<string, string> = {
    "{{SPACELIFT_API_KEY_ID}}": API_KEY.id,
    "{{SPACELIFT_API_KEY_SECRET}}": API_KEY.secret,
  };
  /** Attachment ids, which the detach requests need in place of the examples' object ids. */
  const ids: { contextAttachments?: string[]; policyAttachments?: string[] } = {};
  /** GraphQL requests sent with the bearer, and the operation names they carried. */
  const sent = { withBearer: 0, operations: [] as string[] };
  let broken = false;

  before(async () => {
    for (const request of loadBrunoRequests(["Auth", "Spaces", "Stacks", "Contexts", "Policies"])) {
      requests.set(request.relativePath, request);
    }
    if (!existsSync(CLI)) {
      throw new Error("dist/emulator/cli.js is missing: build first (npm test does)");
    }
    const args = ["--port", "0", "--api-key", `${API_KEY.id}:${API_KEY.secret}`];
    args.push("--stack-deletion-delay", String(STACK_DELETION_DELAY_MS));
    child = spawn(process.execPath, [CLI, ...args], {
      cwd: REPO_ROOT,
      stdio: "pipe",
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const line = await firstLine(child, () => stderr);
    const match = FIRST_LINE.exec(line);
    assert.ok(match, `unexpected first line: ${line}`);
    baseUrl = match[1]!;
  });

  after(async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
    running.kill("SIGTERM");
    const stopped = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
    if (!stopped) {
      running.kill("SIGKILL");
      await exited;
    }
  });

  /** One step of the sequence: fails at once when an earlier step failed. */
  function step(title: string, body: () => Promise<void>): Mocha.Test {
    return it(title, async () => {
      if (broken) throw new Error("an earlier step of the sequence failed");
      try {
        await body();
      } catch (err) {
        broken = true;
        throw err;
      }
    });
  }

  function request(relativePath: string): BrunoRequest {
    const found = requests.get(relativePath);
    assert.ok(found, `${relativePath} is not in the Bruno collection`);
    assert.ok(found.graphql, `${relativePath} has no GraphQL document`);
    return found;
  }

  /** POSTs a document as Bruno does, expecting HTTP 200 and no `errors`; returns `data`. */
  async function post(label: string, query: string, variables: Record<string, unknown>, bearer?: string) {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (bearer !== undefined) {
      headers.authorization = `Bearer ${bearer}`;
      sent.withBearer++;
    }
    const response = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    assert.equal(response.status, 200, `${label}: HTTP ${response.status}: ${text}`);
    const body = JSON.parse(text) as GraphQLBody;
    assert.equal(body.errors, undefined, `${label} answered errors: ${JSON.stringify(body.errors)}`);
    assert.ok(body.data, `${label} answered no data`);
    return body.data;
  }

  /**
   * Sends a request of the collection with its document exactly as written and its example
   * variables (placeholders replaced, known corrections applied), changed further by `adjust`.
   */
  async function send(
    relativePath: string,
    adjust: (vars: Record<string, unknown>) => Record<string, unknown> = (vars) => vars,
  ): Promise<Data> {
    const bru = request(relativePath);
    const known: KnownIds = ids;
    const variables = adjust(brunoVariables(bru, placeholders, known));
    const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(bru.graphql ?? "")?.[1];
    assert.ok(operation, `${relativePath}: the document has no operation name`);
    sent.operations.push(operation);
    return post(
      relativePath,
      bru.graphql ?? "",
      variables,
      relativePath === "Auth/Get Token.bru" ? undefined : jwt,
    );
  }

  /** A root field of an answer, which must be an object. */
  function field(data: Data, name: string): Record<string, unknown> {
    const value = data[name];
    assert.ok(value !== null && typeof value === "object", `${name} is ${JSON.stringify(value)}`);
    return value;
  }

  /** The id in a root field, as a non-empty string. */
  function idOf(data: Data, name: string): string {
    const id = field(data, name).id;
    assert.ok(typeof id === "string" && id !== "", `${name} has no id`);
    return id;
  }

  describe("Auth", () => {
    step("Get Token: exchanges the API key for a JWT", async () => {
      const data = await send("Auth/Get Token.bru");
      const token = field(data, "apiKeyUser").jwt;
      assert.ok(typeof token === "string" && token.split(".").length === 3, "apiKeyUser.jwt is not a JWT");
      jwt = token;
    });
  });

  describe("Spaces", () => {
    step("Create Space", async () => {
      const data = await send("Spaces/Create Space.bru");
      assert.equal(field(data, "spaceCreate").name, "my-space");
      assert.equal(field(data, "spaceCreate").parentSpace, "root");
      placeholders.SPACE_ID_HERE = idOf(data, "spaceCreate");
    });

    step("Get Space", async () => {
      const space = field(await send("Spaces/Get Space.bru"), "space");
      assert.equal(space.id, placeholders.SPACE_ID_HERE);
      assert.equal(space.description, "My new space");
    });

    step("Update Space", async () => {
      const space = field(await send("Spaces/Update Space.bru"), "spaceUpdate");
      assert.equal(space.id, placeholders.SPACE_ID_HERE);
      assert.equal(space.name, "my-space-updated");
      assert.equal(space.description, "Updated description");
    });
  });

  describe("Stacks", () => {
    step("Create Stack", async () => {
      const data = await send("Stacks/Create Stack.bru");
      assert.equal(field(data, "stackCreate").name, "my-stack");
      placeholders.STACK_ID_HERE = idOf(data, "stackCreate");
    });

    step("Get Stack", async () => {
      const stack = field(await send("Stacks/Get Stack.bru"), "stack");
      assert.equal(stack.id, placeholders.STACK_ID_HERE);
      assert.equal(stack.repository, "my-repo");
      assert.equal(stack.branch, "main");
    });

    step("Update Stack", async () => {
      const stack = field(await send("Stacks/Update Stack.bru"), "stackUpdate");
      assert.equal(stack.id, placeholders.STACK_ID_HERE);
      assert.equal(stack.name, "my-stack-updated");
      assert.equal(stack.description, "Updated description");
    });
  });

  describe("Contexts", () => {
    const VALUE = "my-value";

    step("Create Context", async () => {
      const data = await send("Contexts/Create Context.bru");
      assert.equal(field(data, "contextCreateV2").name, "my-context");
      placeholders.CONTEXT_ID_HERE = idOf(data, "contextCreateV2");
    });

    step("Get Context", async () => {
      const context = field(await send("Contexts/Get Context.bru"), "context");
      assert.equal(context.id, placeholders.CONTEXT_ID_HERE);
      assert.deepEqual(context.config, []);
    });

    step("Update Context", async () => {
      const context = field(await send("Contexts/Update Context.bru"), "contextUpdateV2");
      assert.equal(context.id, placeholders.CONTEXT_ID_HERE);
      assert.equal(context.name, "my-context-updated");
    });

    step("Add Config: a write-only element, whose value never reads back", async () => {
      // The example adds a readable variable; this sequence makes it write-only.
      const data = await send("Contexts/Add Config.bru", (vars) => ({
        ...vars,
        config: { ...(vars.config as Record<string, unknown>), writeOnly: true },
      }));
      const element = field(data, "contextConfigAdd");
      assert.equal(element.id, "MY_ENV_VAR");
      assert.equal(element.writeOnly, true);
      assert.equal(element.value, null);

      const listed = field(await send("Contexts/Get Context.bru"), "context").config;
      assert.deepEqual(listed, [
        {
          id: "MY_ENV_VAR",
          type: "ENVIRONMENT_VARIABLE",
          description: "My environment variable",
          writeOnly: true,
        },
      ]);
      // Bruno's requests select no checksum; this check (not a Bruno request) reads it back.
      const check = await post(
        "checksum check",
        "query ConfigChecksum($id: ID!) { context(id: $id) { config { id value checksum } } }",
        { id: placeholders.CONTEXT_ID_HERE },
        jwt,
      );
      sent.operations.push("ConfigChecksum");
      assert.deepEqual(field(check, "context").config, [
        { id: "MY_ENV_VAR", value: null, checksum: createHash("sha256").update(VALUE).digest("hex") },
      ]);
    });

    step("Attach Context (to the stack)", async () => {
      const attachment = field(await send("Contexts/Attach Context.bru"), "contextAttach");
      assert.equal(attachment.stackId, placeholders.STACK_ID_HERE);
      assert.equal(attachment.priority, 1);
      assert.equal(attachment.isModule, false);
      ids.contextAttachments = [idOf({ attachment }, "attachment")];
    });

    step("Detach Context (by attachment id)", async () => {
      const detached = field(await send("Contexts/Detach Context.bru"), "contextDetach");
      assert.equal(detached.id, ids.contextAttachments?.[0]);
      assert.equal(detached.stackId, placeholders.STACK_ID_HERE);
    });
  });

  describe("Policies", () => {
    step("Create Policy", async () => {
      const data = await send("Policies/Create Policy.bru");
      assert.equal(field(data, "policyCreatev2").name, "my-policy");
      assert.equal(field(data, "policyCreatev2").type, "ACCESS");
      placeholders.POLICY_ID_HERE = idOf(data, "policyCreatev2");
    });

    step("Get Policy", async () => {
      const policy = field(await send("Policies/Get Policy.bru"), "policy");
      assert.equal(policy.id, placeholders.POLICY_ID_HERE);
      assert.equal(policy.body, "package spacelift\n\nallow = true");
    });

    step("Update Policy", async () => {
      const policy = field(await send("Policies/Update Policy.bru"), "policyUpdatev2");
      assert.equal(policy.id, placeholders.POLICY_ID_HERE);
      assert.equal(policy.name, "my-policy-updated");
      assert.equal(policy.type, "ACCESS", "the update input has no type, and the type is kept");
    });

    step("Attach Policy (to the stack)", async () => {
      const attachment = field(await send("Policies/Attach Policy.bru"), "policyAttach");
      assert.equal(attachment.stackId, placeholders.STACK_ID_HERE);
      assert.equal(attachment.isModule, false);
      ids.policyAttachments = [idOf({ attachment }, "attachment")];
    });

    step("Detach Policy (by attachment id)", async () => {
      const detached = field(await send("Policies/Detach Policy.bru"), "policyDetach");
      assert.equal(detached.id, ids.policyAttachments?.[0]);
      assert.equal(detached.stackId, placeholders.STACK_ID_HERE);
    });
  });

  describe("deletes", () => {
    step("Delete Policy", async () => {
      const deleted = field(await send("Policies/Delete Policy.bru"), "policyDelete");
      assert.equal(deleted.id, placeholders.POLICY_ID_HERE);
      assert.equal((await send("Policies/Get Policy.bru")).policy, null);
    });

    step("Delete Context", async () => {
      const deleted = field(await send("Contexts/Delete Context.bru"), "contextDelete");
      assert.equal(deleted.id, placeholders.CONTEXT_ID_HERE);
    });

    step("Delete Stack: the stack reports deleting, then disappears", async () => {
      const deleted = field(await send("Stacks/Delete Stack.bru"), "stackDelete");
      assert.equal(deleted.id, placeholders.STACK_ID_HERE);
      // Bruno's requests select no `deleting`; this check (not a Bruno request) does.
      const check = await post(
        "deleting check",
        "query StackDeleting($id: ID!) { stack(id: $id) { id deleting } }",
        { id: placeholders.STACK_ID_HERE },
        jwt,
      );
      sent.operations.push("StackDeleting");
      assert.deepEqual(check.stack, { id: placeholders.STACK_ID_HERE, deleting: true });

      let polls = 0;
      for (; polls < STACK_GONE_POLLS; polls++) {
        if ((await send("Stacks/Get Stack.bru")).stack === null) break;
        await sleep(STACK_GONE_POLL_INTERVAL_MS);
      }
      assert.ok(polls < STACK_GONE_POLLS, `the stack still exists after ${STACK_GONE_POLLS} polls`);
    });

    step("Delete Space", async () => {
      const deleted = field(await send("Spaces/Delete Space.bru"), "spaceDelete");
      assert.equal(deleted.id, placeholders.SPACE_ID_HERE);
    });
  });

  describe("stats", () => {
    step("count every request but the token request under the API key's credential", async () => {
      const response = await fetch(`${baseUrl}/_emulator/stats`);
      assert.equal(response.status, 200);
      const stats = (await response.json()) as {
        total: number;
        byOperation: Record<string, number>;
        byCredential: Record<string, number>;
      };
      assert.deepEqual(stats.byCredential, { anonymous: 1, [API_KEY.id]: sent.withBearer });
      assert.equal(stats.total, sent.withBearer + 1);
      const expected: Record<string, number> = {};
      for (const name of sent.operations) expected[name] = (expected[name] ?? 0) + 1;
      assert.deepEqual(stats.byOperation, expected);
      assert.equal(stats.byOperation.GetSpaceliftToken, 1);
      assert.ok(!JSON.stringify(stats).includes(API_KEY.secret), "the stats show no secret");
    });
  });
});
