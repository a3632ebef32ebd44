import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { vcsAgentPool } from "../../provider/resources/registry/vcsAgentPool";
import type { PropertyMap, ProviderHost } from "../helpers/providerHost";
import { assertNoSecrets } from "../helpers/secrets";
import { type HostFixture, startHostFixture } from "./hostFixture";

/**
 * A VCS agent pool's `config` is handed out once, by the create: it must stay in state (as an
 * output the SDK marks secret) across refreshes and updates, and appear nowhere else.
 */
describe("VcsAgentPool config through the dynamic-provider host", function () {
  this.timeout(120_000);
  let fixture: HostFixture;
  let host: ProviderHost;
  const run = randomBytes(3).toString("hex");
  let pool: { id: string; outs: PropertyMap } | undefined;

  before(async () => {
    fixture = await startHostFixture();
    host = fixture.host;
    await host.configure({});
  });

  after(async () => {
    if (pool) await host.delete("VcsAgentPool", "pool", pool.id, pool.outs).catch(() => undefined);
    await fixture?.close();
  });

  it("is a secret output of the descriptor, so the SDK asks Pulumi to encrypt it", () => {
    assert.equal(vcsAgentPool.fields["config"]?.secret, true);
  });

  it("keeps the config issued at create through refresh and update, and shows it nowhere else", async () => {
    const program = { name: `secrets-vcs-pool-${run}`, description: "first" };
    const checked = await host.check("VcsAgentPool", "pool", {}, program);
    const made = await host.create("VcsAgentPool", "pool", checked.inputs);
    pool = made;
    const config = made.outs["config"];
    assert.ok(typeof config === "string" && /^[A-Za-z0-9+/]+={0,2}$/.test(config), "no Base64 config output");

    const refreshed = await host.read("VcsAgentPool", "pool", made.id, made.outs, checked.inputs);
    assert.equal(refreshed.props["config"], config);
    const renamed = (
      await host.check("VcsAgentPool", "pool", checked.inputs, { ...program, name: `${program.name}-2` })
    ).inputs;
    const updated = await host.update("VcsAgentPool", "pool", made.id, made.outs, renamed, checked.inputs);
    pool = { id: made.id, outs: updated.outs };
    assert.equal(updated.outs["config"], config);

    // Brought in by ID alone, the pool has no config: Spacelift never hands it out again.
    const looked = await host.read("VcsAgentPool", "looked-up", made.id, {}, {});
    assert.equal(looked.props["config"], undefined);
    assert.equal(looked.props["name"], `${program.name}-2`);

    // A refused create (the name is taken) reports an error that carries no config either.
    const duplicate = await host.create("VcsAgentPool", "pool-2", renamed).then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(duplicate, "a second pool of one name was accepted");
    assertNoSecrets(
      {
        refreshed: refreshed.inputs,
        looked,
        error: String(duplicate),
        stderr: host.stderr,
        stdout: host.stdout,
      },
      [config],
    );
  });
});
