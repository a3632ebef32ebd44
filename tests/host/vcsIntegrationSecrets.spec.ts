import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import type { FieldSpec } from "../../provider/engine/descriptor";
import { azureDevopsIntegration } from "../../provider/resources/vcs/azureDevopsIntegration";
import { bitbucketDatacenterIntegration } from "../../provider/resources/vcs/bitbucketDatacenterIntegration";
import { gitlabIntegration } from "../../provider/resources/vcs/gitlabIntegration";
import type { PropertyMap, ProviderHost } from "../helpers/providerHost";
import { assertNoSecrets } from "../helpers/secrets";
import { type HostFixture, startHostFixture } from "./hostFixture";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * A VCS integration's token goes to Spacelift and nowhere else: state keeps its checksum, and the
 * webhook secret Spacelift issues is an output the SDK asks Pulumi to encrypt.
 */
describe("VCS integration tokens through the dynamic-provider host", function () {
  this.timeout(120_000);
  let fixture: HostFixture;
  let host: ProviderHost;
  const run = randomBytes(3).toString("hex");
  const made: { kind: string; id: string; outs: PropertyMap }[] = [];

  before(async () => {
    fixture = await startHostFixture();
    host = fixture.host;
    await host.configure({});
  });

  after(async () => {
    for (const m of made) await host.delete(m.kind, m.kind, m.id, m.outs).catch(() => undefined);
    await fixture?.close();
  });

  it("declares the tokens write-only and the webhook secrets secret", () => {
    for (const [d, token, webhook] of [
      [gitlabIntegration, "privateToken", "webhookSecret"],
      [azureDevopsIntegration, "personalAccessToken", "webhookPassword"],
      [bitbucketDatacenterIntegration, "accessToken", "webhookSecret"],
    ] as const) {
      const fields: Readonly<Record<string, FieldSpec>> = d.fields;
      assert.ok(fields[token]?.writeOnly, `${d.kind}.${token} is not write-only`);
      assert.equal(fields[token]?.secret, true, `${d.kind}.${token}`);
      assert.equal(fields[webhook]?.secret, true, `${d.kind}.${webhook}`);
    }
  });

  const cases: readonly { kind: string; token: string; program: PropertyMap }[] = [
    {
      kind: "GitlabIntegration",
      token: "privateToken",
      program: { apiHost: "https://gitlab.example.com", userFacingHost: "https://gitlab.example.com" },
    },
    {
      kind: "AzureDevopsIntegration",
      token: "personalAccessToken",
      program: { organizationUrl: "https://dev.azure.com/secrets" },
    },
    {
      kind: "BitbucketDatacenterIntegration",
      token: "accessToken",
      program: { apiHost: "https://bb.example.com", userFacingHost: "https://bb.example.com", username: "u" },
    },
  ];

  for (const { kind, token, program } of cases) {
    it(`${kind}: keeps only the token's checksum, through create, refresh, rotation and a refused duplicate`, async () => {
      const first = `first-token-${kind}-${randomBytes(6).toString("hex")}`;
      const second = `rotated-token-${kind}-${randomBytes(6).toString("hex")}`;
      const inputs = { ...program, name: `secrets-${kind.toLowerCase()}-${run}`, [token]: first };
      const checked = await host.check(kind, kind, {}, inputs);
      const created = await host.create(kind, kind, checked.inputs);
      made.push({ kind, ...created });
      assert.equal(created.outs[`${token}Checksum`], sha256(first));
      assert.equal(created.outs[token], undefined);
      const refreshed = await host.read(kind, kind, created.id, created.outs, checked.inputs);
      assert.equal(refreshed.props[`${token}Checksum`], sha256(first));

      const rotated = (await host.check(kind, kind, checked.inputs, { ...inputs, [token]: second })).inputs;
      const diff = await host.diff(kind, kind, created.id, refreshed.props, rotated, checked.inputs);
      assert.deepEqual([diff.changes, diff.replaces], ["some", []], "a new token updates in place");
      const updated = await host.update(kind, kind, created.id, refreshed.props, rotated, checked.inputs);
      made[made.length - 1] = { kind, id: created.id, outs: updated.outs };
      assert.equal(updated.outs[`${token}Checksum`], sha256(second));

      const duplicate = await host.create(kind, `${kind}-2`, rotated).then(
        () => undefined,
        (err: unknown) => err,
      );
      assert.ok(duplicate, "a second integration of one name was accepted");
      assertNoSecrets(
        {
          created: created.outs,
          refreshed: refreshed.props,
          updated: updated.outs,
          error: String(duplicate),
          stderr: host.stderr,
          stdout: host.stdout,
        },
        [first, second],
      );
    });
  }
});
