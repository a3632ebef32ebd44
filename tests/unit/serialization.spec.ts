import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { providerText } from "../../sdk/registration";
import { captureProviderTexts, repoRoot, typeToken } from "../helpers/providerHost";
import { assertContainsSecret, assertNoSecrets } from "../helpers/secrets";
import { resourceClassesOf } from "../helpers/sdkClasses";

// The text is one line naming the kind; anything captured or serialized into it (a library, a
// helper, a value) would add kilobytes, and every byte is stored twice per resource in state.
const MAX_PROVIDER_BYTES = 128;

// Values that reach a real program's process: credentials in the environment, stack config (some
// of it secret) and a secret resource argument. None may end up in the serialized provider.
const envSecrets: Record<string, string> = {
  SPACELIFT_API_KEY_ENDPOINT: "https://serialization-account.app.spacelift.io",
  SPACELIFT_API_KEY_ID: "01HZSERIALIZATIONKEY00001",
  SPACELIFT_API_KEY_SECRET: "env-secret-6c1f9e2a7b",
  SPACELIFT_API_TOKEN: fakeJwt("env-token"),
};
const configSecrets: Record<string, string> = {
  "spacelift:apiKeySecret": "config-secret-0d5e8a41",
  "spacelift:apiToken": fakeJwt("config-token"),
  "spacelift-test:databasePassword": "project-secret-93b7c2",
};
const inputSecret = "input-secret-4e2d7f10";
const allSecrets = [
  ...Object.values(envSecrets).filter((v) => !v.startsWith("https://")),
  ...Object.values(configSecrets),
  inputSecret,
];

/** A resource class exported by the package, as this test sees it. */
type ResourceClass = new (name: string, args: Record<string, unknown>) => pulumi.CustomResource;

/** The mock's view of one registration. */
interface Registration {
  readonly type: string;
  readonly inputs: Record<string, unknown>;
}

// The package is loaded by name, as users load it: this is the built SDK in dist/.
const sdk = require("pulumi-spacelift") as Record<string, unknown>;
const resourceClasses = resourceClassesOf(sdk) as [string, ResourceClass][];

describe("serialized provider (__provider)", function () {
  this.timeout(60_000);

  const registrations: Registration[] = [];
  const savedEnv: Record<string, string | undefined> = {};

  before(async () => {
    for (const [name, value] of Object.entries(envSecrets)) {
      savedEnv[name] = process.env[name];
      process.env[name] = value;
    }
    pulumi.runtime.setAllConfig(configSecrets, Object.keys(configSecrets));
    await pulumi.runtime.setMocks(
      {
        newResource(args: pulumi.runtime.MockResourceArgs) {
          registrations.push({ type: args.type, inputs: args.inputs as Record<string, unknown> });
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call(args: pulumi.runtime.MockCallArgs) {
          return args.inputs;
        },
      },
      "spacelift-test",
      "serialization",
      false,
    );
    // Two instances per class: the second must reuse the first one's provider object and text.
    const resources = resourceClasses.flatMap(([name, cls]) =>
      [1, 2].map((n) => new cls(`${name}-${n}`, { description: pulumi.secret(inputSecret) })),
    );
    await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
  });

  after(() => {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
    pulumi.runtime.setAllConfig({});
  });

  /** The `__provider` text of every registration of `kind`. */
  function textsOf(kind: string): string[] {
    return registrations
      .filter((r) => r.type === typeToken(kind))
      .map((r) => {
        const text = r.inputs.__provider;
        assert.equal(typeof text, "string", `${kind}: __provider should be plain text, not a secret`);
        return text as string;
      });
  }

  /** The single text of `kind` (both instances must agree). */
  function textOf(kind: string): string {
    const texts = textsOf(kind);
    assert.equal(texts.length, 2, `${kind}: expected two registrations`);
    assert.equal(texts[0], texts[1], `${kind}: two instances serialized different providers`);
    return texts[0] as string;
  }

  it("writes one text per kind, the same for every resource of the kind", () => {
    assert.equal(providerText("Space"), providerText("Space"));
    assert.notEqual(providerText("Space"), providerText("Context"));
  });

  it("gives every resource a stable key of its stack and itself, revealing no name", () => {
    const keys = registrations.map((r) => r.inputs.__spaceliftKey);
    assert.equal(keys.length, resourceClasses.length * 2);
    for (const key of keys) assert.match(String(key), /^[0-9a-f]{8}\.[0-9a-f]{16}$/);
    assert.equal(new Set(keys).size, keys.length, "two resources share a key");
    assert.equal(new Set(keys.map((k) => String(k).split(".")[0])).size, 1, "one stack, one stack part");
    // Recomputed from the same project, stack, kind and name: the key does not change between runs.
    const space = registrations.find((r) => r.type === typeToken("Space"))!;
    const { resourceKey } = require("../../sdk/resourceKey") as typeof import("../../sdk/resourceKey");
    assert.equal(resourceKey("Space", "Space-1", undefined), space.inputs.__spaceliftKey);
    assert.notEqual(resourceKey("Space", "Space-1", undefined), resourceKey("Context", "Space-1", undefined));
  });

  it("finds the resource classes the package exports", () => {
    assert.ok(resourceClasses.length > 0, "pulumi-spacelift exports no resource class; is dist/ built?");
  });

  for (const [kind] of resourceClasses) {
    describe(kind, () => {
      it(`registers as ${typeToken(kind)}`, () => {
        assert.equal(textsOf(kind).length, 2);
      });

      it(`stays within ${MAX_PROVIDER_BYTES} bytes`, () => {
        const bytes = Buffer.byteLength(textOf(kind), "utf8");
        assert.ok(bytes <= MAX_PROVIDER_BYTES, `${kind}: __provider is ${bytes} bytes`);
      });

      it("contains no secret from the environment, the stack config or the arguments", () => {
        assertNoSecrets(textOf(kind), allSecrets, { label: `${kind}.__provider` });
        // The argument itself did reach the engine, so the scan above looked at real data.
        const inputs = registrations.find((r) => r.type === typeToken(kind))?.inputs;
        assertContainsSecret(inputs, inputSecret, `${kind} inputs`);
      });

      it("contains no path of this machine", () => {
        assertNoMachinePaths(textOf(kind));
      });

      it("is the SDK's text for the kind and requires only pulumi-spacelift/provider", () => {
        const text = textOf(kind);
        assert.equal(text, providerText(kind));
        const required = [...text.matchAll(/require\(\s*["'`]([^"'`]*)["'`]\s*\)/g)].map((m) => m[1]);
        assert.deepEqual(required, ["pulumi-spacelift/provider"]);
        assert.doesNotMatch(
          text,
          /__awaiter|__generator|__importStar|tslib|with\s*\(/,
          "a compiler helper or closure scope",
        );
      });

      it("exports a handler that asks pulumi-spacelift/provider for the kind's provider", () => {
        const asked: string[] = [];
        const provider = { marker: kind };
        const fakeRequire = (id: string): unknown => {
          assert.equal(id, "pulumi-spacelift/provider");
          return {
            handler: (requested: string) => {
              asked.push(requested);
              return provider;
            },
          };
        };
        // Evaluated the way the host's require-from-string does: a CommonJS body with its own
        // `exports` and `require`; the host then calls `handler()` once per text.
        const exports: { handler?: () => unknown } = {};
        new Function("exports", "require", textOf(kind))(exports, fakeRequire);
        assert.equal(typeof exports.handler, "function", "the text does not export a handler");
        assert.deepEqual(asked, [], "the provider module is loaded only when the host asks for the provider");
        assert.equal(exports.handler?.(), provider);
        assert.deepEqual(asked, [kind]);
      });
    });
  }

  it("loading the SDK loads no provider or emulator code into the program", async () => {
    // A fresh process, so that nothing this test process loaded earlier can hide a stray import.
    const loaded = await new Promise<string[]>((resolve, reject) => {
      execFile(
        process.execPath,
        ["-e", 'require("pulumi-spacelift"); console.log(JSON.stringify(Object.keys(require.cache)));'],
        { cwd: repoRoot },
        (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as string[])),
      );
    });
    const sdkFiles = loaded.filter((file) => file.startsWith(path.join(repoRoot, "dist") + path.sep));
    assert.ok(sdkFiles.length > 0, "the SDK was not loaded from dist/");
    const foreign = sdkFiles.filter(
      (file) => !file.startsWith(path.join(repoRoot, "dist", "sdk") + path.sep),
    );
    assert.deepEqual(foreign, []);
  });

  describe("across processes and install locations", () => {
    let relocatedRoot: string;

    before(() => {
      // A copy of the package as npm would install it into another project. @pulumi/pulumi is
      // linked rather than copied so both copies of the SDK share one Pulumi runtime.
      relocatedRoot = fs.mkdtempSync(path.join(os.tmpdir(), "spacelift-serialization-"));
      const installed = path.join(relocatedRoot, "node_modules", "pulumi-spacelift");
      fs.mkdirSync(installed, { recursive: true });
      fs.copyFileSync(path.join(repoRoot, "package.json"), path.join(installed, "package.json"));
      fs.cpSync(path.join(repoRoot, "dist"), path.join(installed, "dist"), { recursive: true });
      fs.symlinkSync(
        path.join(repoRoot, "node_modules", "@pulumi"),
        path.join(relocatedRoot, "node_modules", "@pulumi"),
      );
    });

    after(() => {
      fs.rmSync(relocatedRoot, { recursive: true, force: true });
    });

    const childEnv = {
      ...envSecrets,
      PULUMI_CONFIG: JSON.stringify(configSecrets),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(Object.keys(configSecrets)),
    };

    it("is byte-identical in this process, a second process, and a copy installed elsewhere", async () => {
      const inProcess = Object.fromEntries(resourceClasses.map(([kind]) => [kind, textOf(kind)]));
      const [fromRepo, fromCopy] = await Promise.all([
        captureProviderTexts({ env: childEnv }),
        captureProviderTexts({ cwd: relocatedRoot, env: childEnv }),
      ]);
      assert.deepEqual(fromRepo, inProcess, "a second process produced different text");
      assert.deepEqual(fromCopy, inProcess, "the relocated copy produced different text");
      assertNoSecrets({ fromRepo, fromCopy }, allSecrets);
      assertNoMachinePaths(JSON.stringify(fromCopy), relocatedRoot);
    });
  });
});

function assertNoMachinePaths(text: string, ...extraRoots: string[]): void {
  for (const root of [repoRoot, os.homedir(), os.tmpdir(), process.cwd(), ...extraRoots]) {
    assert.ok(!text.includes(root), `contains the local path ${root}`);
  }
  assert.ok(!text.includes("node_modules"), "refers to a node_modules folder");
  assert.doesNotMatch(
    text,
    /["'`](?:\/|\.\.?\/|[A-Za-z]:[\\/])/,
    "contains a string literal that is a file path",
  );
}

function fakeJwt(subject: string): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub: subject, aud: ["https://x.app.spacelift.io"] })}.c2lnbmF0dXJl`;
}
