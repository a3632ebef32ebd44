/**
 * The account's default runner images (DefaultRunnerImage), through the real client and the
 * emulator: one mutation sets both, the read asks two root fields, both empty is "none set".
 */
import { strict as assert } from "node:assert";
import { startEmulator, type EmulatorHandle } from "../../emulator";
import { resolveCredentials } from "../../provider/auth/credentials";
import { clearSharedTokenSources } from "../../provider/auth/registry";
import { clearSharedClients, SpaceliftClient } from "../../provider/client/spaceliftClient";
import { buildDocument } from "../../provider/engine/operationDocument";
import { ResourceOperationError } from "../../provider/engine/errors";
import { ResourceEngine } from "../../provider/engine/lifecycle";
import { defaultRunnerImage } from "../../provider/resources";

const KEY = { id: "01J0RUNNERIMAGESSPECKEY000", secret: "runner-images-spec-secret" };

describe("the account's default runner images (engine, emulator)", () => {
  let emulator: EmulatorHandle;
  let client: SpaceliftClient;
  let engine: ResourceEngine;

  /** Sends `document` as another client would; answers its data, throws its errors. */
  const graphql = (kind: "query" | "mutation", body: string): Promise<unknown> =>
    client.run({ name: "Other", kind, document: `${kind} Other ${body}`, idempotent: true }, {});

  before(async () => {
    emulator = await startEmulator({ apiKeys: [KEY], port: 0, onError: () => undefined });
    client = new SpaceliftClient(
      resolveCredentials(undefined, {
        SPACELIFT_API_KEY_ENDPOINT: emulator.url,
        SPACELIFT_API_KEY_ID: KEY.id,
        SPACELIFT_API_KEY_SECRET: KEY.secret,
      }),
      { rateLimit: null },
    );
    engine = new ResourceEngine(defaultRunnerImage, { api: client });
  });

  after(async () => {
    clearSharedClients();
    clearSharedTokenSources();
    await emulator?.close();
  });

  it("reads both images with one query of two root fields, as Spacelift's Terraform provider does", () => {
    assert.equal(
      buildDocument(defaultRunnerImage, defaultRunnerImage.operations.read as never, "read"),
      "query DefaultRunnerImage { defaultPublicWorkerPoolRunnerImage defaultPrivateWorkerPoolRunnerImage }",
    );
  });

  it("sets one image, the other staying Spacelift's default, and destroy resets both", async () => {
    const made = await engine.create({ public: "ghcr.io/acme/public:1" });
    assert.deepEqual(made.outs, { public: "ghcr.io/acme/public:1" });
    assert.deepEqual(
      await graphql("query", "{ defaultPublicWorkerPoolRunnerImage defaultPrivateWorkerPoolRunnerImage }"),
      {
        defaultPublicWorkerPoolRunnerImage: "ghcr.io/acme/public:1",
        defaultPrivateWorkerPoolRunnerImage: null,
      },
    );
    const read = await engine.read(made.id, made.outs);
    assert.deepEqual(read.props, { public: "ghcr.io/acme/public:1" });

    await engine.delete(made.id, made.outs);
    assert.deepEqual(await engine.read(made.id, made.outs), {}, "both empty reads as gone");
  });

  it("refuses to overwrite images this resource did not set, and changes nothing", async () => {
    await graphql(
      "mutation",
      '{ accountUpdateDefaultWorkerPoolRunnerImages(privateWorkerPoolRunnerImage: "ghcr.io/other/private:9", publicWorkerPoolRunnerImage: "") { privateWorkerPoolRunnerImage } }',
    );
    await assert.rejects(
      engine.create({ public: "ghcr.io/acme/public:2" }),
      (err: unknown) =>
        ResourceOperationError.isInstance(err) &&
        /the account's default runner images already exists in Spacelift/.test(err.message),
    );
    const images = await graphql(
      "query",
      "{ defaultPrivateWorkerPoolRunnerImage defaultPublicWorkerPoolRunnerImage }",
    );
    assert.deepEqual(images, {
      defaultPrivateWorkerPoolRunnerImage: "ghcr.io/other/private:9",
      defaultPublicWorkerPoolRunnerImage: null,
    });
  });

  it("the emulator refuses an image reference with whitespace", async () => {
    await assert.rejects(
      graphql(
        "mutation",
        '{ accountUpdateDefaultWorkerPoolRunnerImages(privateWorkerPoolRunnerImage: "bad image", publicWorkerPoolRunnerImage: "") { privateWorkerPoolRunnerImage } }',
      ),
      /must not contain whitespace/,
    );
  });
});
