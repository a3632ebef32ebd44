import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { scheduledRun } from "../../provider/resources/schedules/scheduledRun";
import { templateDeployment } from "../../provider/resources/templates/templateDeployment";
import type { PropertyMap, ProviderHost } from "../helpers/providerHost";
import { assertNoSecrets } from "../helpers/secrets";
import { type HostFixture, startHostFixture } from "./hostFixture";

const body = (stack: string) =>
  "inputs:\n  - id: token\n    name: Token\n    type: secret\n" +
  `stacks:\n  - name: ${stack}\n    key: app\n`;

/**
 * Templates through the dynamic-provider host: a body that cannot be published is refused before
 * any version exists, every problem listed under `template`; a published version refuses a new
 * body; a deployment's secret input is never read back, and an unchanged one makes no diff.
 */
describe("templates through the dynamic-provider host", function () {
  this.timeout(120_000);
  let fixture: HostFixture;
  let host: ProviderHost;
  const run = randomBytes(3).toString("hex");
  const made: { kind: string; name: string; id: string; outs: PropertyMap }[] = [];

  async function create(kind: string, name: string, program: PropertyMap) {
    const checked = await host.check(kind, name, {}, program);
    assert.deepEqual(checked.failures, []);
    const result = await host.create(kind, name, checked.inputs);
    made.unshift({ kind, name, id: result.id, outs: result.outs });
    return { ...result, inputs: checked.inputs };
  }

  before(async () => {
    fixture = await startHostFixture();
    host = fixture.host;
    await host.configure({});
  });

  after(async () => {
    for (const r of made) await host.delete(r.kind, r.name, r.id, r.outs).catch(() => undefined);
    await fixture?.close();
  });

  it("keeps inputs and runtime configurations as secret outputs, so the SDK asks Pulumi to encrypt them", () => {
    assert.equal(templateDeployment.fields["inputs"]?.secret, true);
    assert.equal(scheduledRun.fields["runtimeConfig"]?.secret, true);
  });

  it("lists a body's problems before publishing it, and refuses a new body once published", async () => {
    const template = await create("Template", "t", { name: `host-template-${run}`, space: "root" });
    const versionProgram = {
      templateId: template.id,
      versionNumber: "1.0.0",
      state: "PUBLISHED",
      template: "inputs:\n  - name: no id\nstacks:\n  - name: s-${{ inputs.missing }}\n",
    };
    const checked = await host.check("TemplateVersion", "v", {}, versionProgram);
    const before = fixture.emulator.controls.stats().byOperation;
    const refused = await host.create("TemplateVersion", "v", checked.inputs).then(
      () => undefined,
      (err: unknown) => String(err),
    );
    assert.ok(refused, "an unparsable body was published");
    assert.match(refused, /template: Spacelift cannot publish this body/);
    assert.match(refused, /inputs\[0\]: id is required/);
    assert.match(refused, /name refers to undeclared input "missing"/);
    // The parse query went out and the create did not: no version exists.
    const after = fixture.emulator.controls.stats().byOperation;
    assert.equal((after["TemplateVersionParse"] ?? 0) - (before["TemplateVersionParse"] ?? 0), 1);
    assert.equal(after["TemplateVersionCreate"] ?? 0, before["TemplateVersionCreate"] ?? 0);
    const read = await fixture.api(`query($id: ID!) { template(id: $id) { versions { id } } }`, {
      id: template.id,
    });
    assert.deepEqual(read, { template: { versions: [] } });

    const version = await create("TemplateVersion", "v", {
      ...versionProgram,
      template: body(`host-app-${run}`),
    });
    assert.equal(version.id, `${template.id}-${String(version.outs["ulid"])}`);
    const changed = (
      await host.check("TemplateVersion", "v", version.inputs, { ...versionProgram, template: body("other") })
    ).inputs;
    const update = await host
      .update("TemplateVersion", "v", version.id, version.outs, changed, version.inputs)
      .then(
        () => undefined,
        (err: unknown) => String(err),
      );
    assert.match(update ?? "", /cannot modify the template of a published template version/);
  });

  it("never reads a secret input back, and recognises an unchanged one by its checksum", async () => {
    const template = await create("Template", "t2", { name: `host-template-2-${run}`, space: "root" });
    const version = await create("TemplateVersion", "v2", {
      templateId: template.id,
      versionNumber: "1.0.0",
      state: "PUBLISHED",
      template: body(`host-app-2-${run}`),
    });
    const secret = `tok-${randomBytes(8).toString("hex")}`;
    const program = {
      templateVersionId: version.id,
      space: "root",
      name: `host-deployment-${run}`,
      inputs: [{ id: "token", value: secret }],
    };
    const deployment = await create("TemplateDeployment", "d", program);
    assert.equal(deployment.id, `${template.id}/host-deployment-${run}`);
    assert.deepEqual(deployment.outs["stacks"], [{ id: `host-app-2-${run}` }]);

    const answer = await fixture.api(
      `query($id: ID!, $t: ID!) { templateDeployment(id: $id, templateID: $t) { inputs { value secret checksum } } }`,
      { id: `host-deployment-${run}`, t: template.id },
    );
    assertNoSecrets({ answer }, [secret]);

    const refreshed = await host.read(
      "TemplateDeployment",
      "d",
      deployment.id,
      deployment.outs,
      deployment.inputs,
    );
    assert.deepEqual(refreshed.props["inputs"], [{ id: "token", value: secret }]);
    const diff = await host.diff(
      "TemplateDeployment",
      "d",
      deployment.id,
      refreshed.props,
      deployment.inputs,
    );
    assert.equal(diff.changes, "none");

    // Brought in by ID alone, the secret shows only as its checksum.
    const looked = await host.read("TemplateDeployment", "looked-up", deployment.id, {}, {});
    assert.match(String((looked.props["inputs"] as PropertyMap[])[0]?.["value"]), /^sha256:[0-9a-f]{64}$/);
    assertNoSecrets({ looked, stderr: host.stderr, stdout: host.stdout }, [secret]);
  });
});
