import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, randomBytes } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import forge from "node-forge";
import type { PropertyMap, ProviderHost } from "../helpers/providerHost";
import { assertNoSecrets, findSecrets } from "../helpers/secrets";
import { type HostFixture, startHostFixture } from "./hostFixture";

/** The property Pulumi's wire format uses to mark a value as secret. */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/** What the SDK classes hand Pulumi when they register, as the mock monitor receives it. */
interface Registration {
  readonly type: string;
  readonly object: Record<string, unknown>;
  readonly additionalSecretOutputs: readonly string[];
}

interface RegisterRequest {
  getType(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getAdditionalsecretoutputsList(): string[];
}

/** Constructs `build()`'s resources under Pulumi mocks and returns their registrations. */
async function registrations(build: (sdk: Record<string, unknown>) => void): Promise<Registration[]> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args: pulumi.runtime.MockResourceArgs) => ({ id: `${args.name}-id`, state: args.inputs }),
      call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
    },
    "spacelift-test",
    "integration-secrets",
    false,
  );
  const seen: Registration[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, callback: unknown): unknown;
  };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    seen.push({
      type: req.getType(),
      object: req.getObject()?.toJavaScript() ?? {},
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return original(req, callback);
  };
  // The package is loaded by name, as users load it: this is the built SDK.
  build(require("pulumi-spacelift") as Record<string, unknown>);
  await new Promise((resolve) => setTimeout(resolve, 200));
  return seen;
}

type ResourceClass = new (name: string, args: Record<string, unknown>) => pulumi.CustomResource;

/** The outputs the SDK's WorkerPool asks Pulumi to encrypt, as registered (filled in below). */
let workerPoolSecretOutputs: readonly string[] = [];

describe("secrets of webhooks and worker pools", function () {
  this.timeout(120_000);

  describe("what the SDK classes ask Pulumi to encrypt", () => {
    let seen: Registration[];
    const webhookSecret = "sdk-webhook-secret-" + randomBytes(4).toString("hex");

    before(async () => {
      seen = await registrations((sdk) => {
        const make = (kind: string, args: Record<string, unknown>) =>
          new (sdk[kind] as ResourceClass)(`secrets-${kind}`, args);
        make("WorkerPool", { name: "pool" });
        make("Webhook", { stackId: "s", endpoint: "https://example.com", secret: webhookSecret });
        make("NamedWebhook", {
          name: "n",
          endpoint: "https://example.com",
          spaceId: "root",
          secret: webhookSecret,
        });
      });
    });

    const registration = (kind: string): Registration => {
      const found = seen.find((r) => r.type === `pulumi-nodejs:dynamic/spacelift:${kind}`);
      assert.ok(found, `${kind} was not registered`);
      return found;
    };

    it("WorkerPool lists config and privateKey (and csr) in additionalSecretOutputs", () => {
      workerPoolSecretOutputs = registration("WorkerPool").additionalSecretOutputs;
      assert.deepEqual([...workerPoolSecretOutputs].sort(), ["config", "csr", "privateKey"]);
    });

    it("webhooks send their write-only secret as a secret input and list no secret output", () => {
      for (const kind of ["Webhook", "NamedWebhook"]) {
        const r = registration(kind);
        assert.deepEqual(r.additionalSecretOutputs, [], kind);
        const secret = r.object["secret"] as Record<string, unknown> | undefined;
        assert.equal(
          secret?.[SECRET_SIG],
          "1b47061264138c4ac30d75fd1eb44270",
          `${kind}.secret is not marked secret`,
        );
        assert.equal(secret?.["value"], webhookSecret);
      }
    });
  });

  describe("what the provider returns through the dynamic-provider host", () => {
    let fixture: HostFixture;
    let host: ProviderHost;
    const run = randomBytes(3).toString("hex");
    const webhookSecrets = [
      `host-webhook-secret-${run}`,
      `host-webhook-rotated-${run}`,
      `host-named-secret-${run}`,
    ];
    /** Every result the host returned, for the scans. */
    const results: PropertyMap[] = [];
    const created: { kind: string; id: string; outs: PropertyMap }[] = [];

    const create = async (kind: string, program: PropertyMap) => {
      const checked = await host.check(kind, kind, {}, program);
      assert.deepEqual(checked.failures, [], `check of ${kind}`);
      const made = await host.create(kind, kind, checked.inputs);
      results.push(made.outs);
      created.push({ kind, id: made.id, outs: made.outs });
      const read = await host.read(kind, kind, made.id, made.outs, checked.inputs);
      results.push(read.props, read.inputs ?? {});
      return { ...made, inputs: checked.inputs };
    };

    before(async () => {
      fixture = await startHostFixture();
      host = fixture.host;
      await host.configure({});
    });

    after(async () => {
      for (const c of created.reverse()) {
        await host.delete(c.kind, c.kind, c.id, c.outs).catch(() => undefined);
      }
      await fixture?.close();
    });

    it("never returns a webhook secret, only its checksum", async () => {
      const target = await create("Module", {
        name: `secrets-hooked-${run}`,
        terraformProvider: "aws",
        repository: "terraform-aws-secrets",
        branch: "main",
      });
      const hook = await create("Webhook", {
        moduleId: target.id,
        endpoint: "https://example.com/secrets",
        secret: webhookSecrets[0]!,
      });
      assert.match(String(hook.outs["secretChecksum"]), /^[0-9a-f]{64}$/);
      const rotated = (
        await host.check("Webhook", "Webhook", hook.inputs, { ...hook.inputs, secret: webhookSecrets[1]! })
      ).inputs;
      const updated = await host.update("Webhook", "Webhook", hook.id, hook.outs, rotated, hook.inputs);
      results.push(updated.outs);
      assert.notEqual(updated.outs["secretChecksum"], hook.outs["secretChecksum"]);
      await create("NamedWebhook", {
        name: `secrets-named-${run}`,
        endpoint: "https://example.com/named",
        spaceId: "root",
        secret: webhookSecrets[2]!,
      });
      assertNoSecrets({ results, stderr: host.stderr, stdout: host.stdout }, webhookSecrets);
    });

    it("returns a generated worker pool key and config only as the outputs the SDK marks secret", async () => {
      const pool = await create("WorkerPool", { name: `secrets-pool-${run}` });
      const privateKey = pool.outs["privateKey"];
      const config = pool.outs["config"];
      assert.ok(
        typeof privateKey === "string" && typeof config === "string",
        "no privateKey or config output",
      );
      // Only what the SDK marks secret may hold them; anything else is plain text in state.
      const marked = new Set(workerPoolSecretOutputs);
      assert.ok(
        marked.has("privateKey") && marked.has("config"),
        "the SDK's secret outputs were not recorded",
      );
      const unmarked = results.map((r) =>
        Object.fromEntries(Object.entries(r).filter(([k]) => !marked.has(k))),
      );
      assert.deepEqual(findSecrets(unmarked, [privateKey, config]), []);
      // The key material itself must not leak either, e.g. as PEM text in a log line.
      const pem = Buffer.from(privateKey, "base64").toString("utf8");
      const keyBody = pem.split("\n")[5] ?? "";
      assert.ok(keyBody.length > 40, "unexpected PEM layout");
      assertNoSecrets({ unmarked, stderr: host.stderr, stdout: host.stdout }, [privateKey, config, keyBody]);
    });

    it("generates an RSA-4096 key and a CSR for workers.spacelift.io signed with it", () => {
      const pool = created.find((c) => c.kind === "WorkerPool");
      assert.ok(pool, "the worker pool was not created");
      const keyPem = Buffer.from(String(pool.outs["privateKey"]), "base64").toString("utf8");
      const csrPem = Buffer.from(String(pool.outs["csr"]), "base64").toString("utf8");
      const key = createPrivateKey(keyPem);
      assert.equal(key.asymmetricKeyType, "rsa");
      assert.equal(key.asymmetricKeyDetails?.modulusLength, 4096);
      const request = forge.pki.certificationRequestFromPem(csrPem);
      assert.ok(request.verify(), "the CSR's signature does not verify");
      assert.equal(request.subject.getField("CN")?.value, "workers.spacelift.io");
      const csrPublicPem = forge.pki.publicKeyToPem(request.publicKey as forge.pki.rsa.PublicKey);
      assert.equal(
        createPublicKey(csrPublicPem).export({ type: "spki", format: "der" }).toString("base64"),
        createPublicKey(key).export({ type: "spki", format: "der" }).toString("base64"),
        "the CSR is not for the generated key",
      );
    });

    it("finds a webhook with get by module/<moduleId>/<webhookId>, and an AWS attachment by its id", async () => {
      const hook = created.find((c) => c.kind === "Webhook");
      assert.ok(hook, "the webhook was not created");
      const byPath = await host.read(
        "Webhook",
        "looked-up",
        `module/${String(hook.outs["moduleId"])}/${hook.id}`,
        {},
        {},
      );
      assert.equal(byPath.props["webhookId"], hook.id);
      assert.equal(byPath.props["endpoint"], "https://example.com/secrets");
      assert.equal(byPath.props["secret"], undefined);

      const integration = await create("AwsIntegration", {
        name: `secrets-aws-${run}`,
        roleArn: "arn:aws:iam::123456789012:role/secrets",
      });
      const target = await create("Module", {
        name: `secrets-module-${run}`,
        terraformProvider: "aws",
        repository: "terraform-aws-secrets",
        branch: "main",
      });
      const attached = await create("AwsIntegrationAttachment", {
        integrationId: integration.id,
        moduleId: target.id,
        read: true,
        write: false,
      });
      assert.equal(attached.id, `${integration.id}/${target.id}`);
      // Import knows nothing but the id; the read tells a module from a stack.
      const imported = await host.read("AwsIntegrationAttachment", "imported", attached.id, {}, {});
      assert.equal(imported.id, attached.id);
      assert.equal(imported.props["moduleId"], target.id);
      assert.equal(imported.props["stackId"], undefined);
      assert.equal(imported.props["integrationId"], integration.id);
      assert.equal(imported.props["write"], false);
      assert.equal(imported.props["attachmentId"], attached.outs["attachmentId"]);
    });
  });
});
