import { strict as assert } from "node:assert";
import sinon from "sinon";
import { resetCredentialWarning, warnOnceWithoutCredentials } from "../../../provider/credentialWarning";
import { dispatch } from "../../../provider/index";
import { resetRuntime } from "../../../provider/runtime";

/** Stack config as `configure` hands it over: fully qualified keys, string values. */
function config(values: Record<string, string> = {}) {
  return { get: (key: string) => values[key] };
}

/** An unsigned JWT whose only audience is `aud`: enough for credentials to resolve offline. */
function token(aud: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ aud: [aud], exp: 4102444800 })}.c2ln`;
}

const API_KEY_ENV = {
  SPACELIFT_API_KEY_ENDPOINT: "https://acme.app.spacelift.io",
  SPACELIFT_API_KEY_ID: "01HZZZZZZZZZZZZZZZZZZZZZZZ",
  SPACELIFT_API_KEY_SECRET: "key-secret-that-must-not-be-printed",
};

describe("the warning a check without usable credentials prints", () => {
  let lines: string[];
  const write = (line: string) => void lines.push(line);

  beforeEach(() => {
    lines = [];
    resetCredentialWarning();
  });
  afterEach(() => resetCredentialWarning());

  it("is written once per process, naming the settings to set", () => {
    assert.equal(warnOnceWithoutCredentials(config(), {}, write), true);
    assert.equal(warnOnceWithoutCredentials(config(), {}, write), false);
    assert.equal(warnOnceWithoutCredentials(config(), {}, write), false);
    assert.equal(lines.length, 1);
    for (const setting of [
      "spacelift:apiKeyEndpoint",
      "SPACELIFT_API_KEY_ENDPOINT",
      "spacelift:apiKeyId",
      "SPACELIFT_API_KEY_ID",
      "spacelift:apiKeySecret",
      "SPACELIFT_API_KEY_SECRET",
      "spacelift:apiToken",
      "SPACELIFT_API_TOKEN",
    ]) {
      assert.ok(lines[0]!.includes(setting), `${setting} missing from: ${lines[0]}`);
    }
    assert.match(lines[0]!, /^warning: pulumi-spacelift: no usable Spacelift credentials/);
  });

  it("is not written when an API key is in the environment", () => {
    assert.equal(warnOnceWithoutCredentials(config(), API_KEY_ENV, write), false);
    assert.deepEqual(lines, []);
  });

  it("is not written when the stack config holds an API token", () => {
    const stack = config({ "spacelift:apiToken": token("https://acme.app.spacelift.io") });
    assert.equal(warnOnceWithoutCredentials(stack, {}, write), false);
    assert.deepEqual(lines, []);
  });

  it("looks only once: credentials found first mean no warning later in the process", () => {
    warnOnceWithoutCredentials(config(), API_KEY_ENV, write);
    warnOnceWithoutCredentials(config(), {}, write);
    assert.deepEqual(lines, []);
  });

  it("says what is wrong with half-set credentials without printing any value", () => {
    const keyId = "01HKEYIDVALUEFROMCONFIG0000";
    const secret = "env-secret-do-not-print";
    warnOnceWithoutCredentials(
      config({ "spacelift:apiKeyId": keyId, "spacelift:apiKeyEndpoint": "https://acme.app.spacelift.io" }),
      { SPACELIFT_API_KEY_SECRET: secret },
      write,
    );
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /spacelift:apiKeyId/);
    assert.match(lines[0]!, /SPACELIFT_API_KEY_SECRET/);
    assert.ok(!lines[0]!.includes(keyId) && !lines[0]!.includes(secret), lines[0]);
  });

  it("does not print a malformed token", () => {
    const notAToken = "definitely-not-a-jwt-but-secret";
    warnOnceWithoutCredentials(config(), { SPACELIFT_API_TOKEN: notAToken }, write);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /SPACELIFT_API_TOKEN is not a JWT/);
    assert.ok(!lines[0]!.includes(notAToken), lines[0]);
  });

  it("never throws, even when writing fails", () => {
    assert.doesNotThrow(() =>
      warnOnceWithoutCredentials(config(), {}, () => {
        throw new Error("stderr closed");
      }),
    );
  });

  describe("through dispatch", () => {
    const saved: Record<string, string | undefined> = {};
    let consoleError: sinon.SinonStub;

    beforeEach(() => {
      for (const name of Object.keys(process.env).filter((k) => k.startsWith("SPACELIFT_"))) {
        saved[name] = process.env[name];
        delete process.env[name];
      }
      consoleError = sinon.stub(console, "error");
    });

    afterEach(() => {
      consoleError.restore();
      Object.assign(process.env, saved);
      resetRuntime();
    });

    it("warns on the first check without credentials, and check still passes", async () => {
      await dispatch("Space", "configure", [{ config: config() }]);
      const first = (await dispatch("Space", "check", [{}, { name: "team" }])) as { failures: unknown[] };
      await dispatch("Context", "check", [{}, { name: "shared" }]);
      assert.deepEqual(first.failures, []);
      assert.equal(consoleError.callCount, 1);
      assert.match(String(consoleError.firstCall.args[0]), /no usable Spacelift credentials/);
    });

    it("stays silent when configure gave credentials", async () => {
      const stack = config({ "spacelift:apiToken": token("https://acme.app.spacelift.io") });
      await dispatch("Space", "configure", [{ config: stack }]);
      await dispatch("Space", "check", [{}, { name: "team" }]);
      assert.equal(consoleError.callCount, 0);
    });
  });
});
