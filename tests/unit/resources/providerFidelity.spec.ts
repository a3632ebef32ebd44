import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nativeOpenTofu, type VendorConfigRecord } from "../../../emulator/resolvers/vendorConfig";
import { checkInputs } from "../../../provider/engine/check";
import { diffResource } from "../../../provider/engine/diff";
import type { ResourceDescriptor } from "../../../provider/engine/descriptor";
import type { Values } from "../../../provider/engine/values";
import { module, stack } from "../../../provider/resources";
import { assertNoSecrets } from "../../helpers/secrets";
import { EmulatedEngines } from "./emulatedEngine";

const checked = (d: ResourceDescriptor, inputs: Values): Values => {
  const result = checkInputs(d, {}, inputs);
  assert.deepEqual(result.failures, []);
  return result.inputs;
};

interface StoredStack {
  provider: string;
  vcsIntegrationId: string | null;
  vendorConfig: VendorConfigRecord;
}

interface StoredModule {
  provider: string;
  vcsIntegrationId: string | null;
  public: boolean;
  sharedAccounts: string[];
  spaceShares?: string[];
}

interface StoredUpload {
  content: string | null;
  usedBy: string | null;
}

describe("Stack and Module fidelity to Spacelift's own clients", function () {
  let env: EmulatedEngines;
  let n = 0;
  const unique = (prefix: string) => `${prefix}-${++n}`;
  const stacks = () => env.emulator.store.collection<StoredStack>("stacks");
  const modules = () => env.emulator.store.collection<StoredModule>("modules");

  before(async () => {
    env = await EmulatedEngines.start({ stackDeletionDelayMs: 0 });
  });
  after(() => env.close());

  describe("a stack Spacelift migrated to native OpenTofu", () => {
    const program = (name: string, extra: Values = {}) =>
      checked(stack, {
        name,
        repository: "r",
        branch: "main",
        terraformWorkflowTool: "OPEN_TOFU",
        terraformVersion: "1.6.2",
        terraformWorkspace: "prod",
        ...extra,
      });

    it("reads back as the program's terraform* arguments, with no diff, and stays OpenTofu on update", async () => {
      const engine = env.engine(stack);
      const name = unique("tofu");
      const { id, outs } = await engine.create(program(name));
      const record = stacks().get(id)!;
      stacks().set(id, { ...record, vendorConfig: nativeOpenTofu(record.vendorConfig) });
      assert.equal(stacks().get(id)!.vendorConfig.vendor, "OpenTofu");

      const read = await engine.read(id, outs);
      assert.equal(read.props?.["opentofu"], undefined);
      assert.equal(read.props?.["terraformWorkflowTool"], "OPEN_TOFU");
      assert.equal(read.props?.["terraformVersion"], "1.6.2");
      assert.equal(read.props?.["terraformWorkspace"], "prod");
      assert.equal(diffResource(stack, read.props ?? {}, program(name)).changes, false);

      const updated = await engine.update(id, read.props, program(name, { description: "changed" }));
      assert.equal(stacks().get(id)!.vendorConfig.vendor, "OpenTofu");
      assert.equal(updated.outs["opentofu"], undefined);
      const again = await engine.read(id, updated.outs);
      assert.equal(
        diffResource(stack, again.props ?? {}, program(name, { description: "changed" })).changes,
        false,
      );
    });

    it("reads as an opentofu block when the stack is known to have one", async () => {
      const engine = env.engine(stack);
      const name = unique("native");
      const inputs = checked(stack, {
        name,
        repository: "r",
        branch: "main",
        opentofu: { version: "1.8.0" },
      });
      const { id, outs } = await engine.create(inputs);
      const read = await engine.read(id, outs);
      assert.equal((read.props?.["opentofu"] as Values | undefined)?.["version"], "1.8.0");
      assert.equal(read.props?.["terraformWorkflowTool"], undefined);
    });
  });

  describe("Spacelift repo source (spaceliftRepo)", () => {
    for (const [d, kind] of [
      [stack, "stack"],
      [module, "module"],
    ] as const) {
      it(`a ${kind} reads back its Spacelift repo source and keeps it on update`, async () => {
        const engine = env.engine(d);
        const name = unique("repo");
        const base: Values =
          kind === "stack"
            ? { name, repository: "platform-repo", branch: "main", spaceliftRepo: {} }
            : {
                name,
                terraformProvider: "aws",
                repository: "platform-repo",
                branch: "main",
                spaceliftRepo: {},
              };
        const { id, outs } = await engine.create(checked(d, base));
        const stored = () => (kind === "stack" ? stacks().get(id)! : modules().get(id)!);
        assert.deepEqual([stored().provider, stored().vcsIntegrationId], ["SPACELIFT", "platform-repo"]);
        assert.deepEqual(outs["spaceliftRepo"], {});

        const read = await engine.read(id, outs);
        assert.deepEqual(read.props?.["spaceliftRepo"], {});
        assert.equal(diffResource(d, read.props ?? {}, checked(d, base)).changes, false);
        // Leaving the block is a change of source.
        assert.equal(
          diffResource(d, read.props ?? {}, checked(d, { ...base, spaceliftRepo: null })).changes,
          true,
        );

        await engine.update(id, read.props, checked(d, { ...base, description: "changed" }));
        assert.deepEqual([stored().provider, stored().vcsIntegrationId], ["SPACELIFT", "platform-repo"]);
      });
    }
  });

  describe("module sharing and publishing", () => {
    it("publishes and shares after create, reads the shares from moduleShares, re-shares on change", async () => {
      const engine = env.engine(module);
      const name = unique("shared");
      const base = {
        name,
        terraformProvider: "aws",
        repository: "r",
        branch: "main",
        public: true,
        sharedAccounts: ["partner"],
        spaceShares: ["root"],
      };
      const { id, outs } = await engine.create(checked(module, base));
      assert.equal(env.variablesOf("ModulePublish").length, 1);
      assert.deepEqual(env.variablesOf("ModuleShare").at(-1), {
        id,
        input: { accounts: ["partner"], spaces: ["root"] },
      });
      assert.equal(modules().get(id)!.public, true);
      assert.equal(typeof outs["awsAssumeRolePolicyStatement"], "string");

      const read = await engine.read(id, outs);
      assert.equal(read.props?.["public"], true);
      assert.deepEqual(read.props?.["sharedAccounts"], ["partner"]);
      assert.deepEqual(read.props?.["spaceShares"], ["root"]);
      assert.equal(diffResource(module, read.props ?? {}, checked(module, base)).changes, false);
      // `public` can only be set at creation.
      assert.deepEqual(
        diffResource(module, read.props ?? {}, checked(module, { ...base, public: false })).replaces,
        ["public"],
      );

      const shares = env.variablesOf("ModuleShare").length;
      await engine.update(id, read.props, checked(module, { ...base, description: "d" }));
      assert.equal(
        env.variablesOf("ModuleShare").length,
        shares,
        "unchanged space shares are not sent again",
      );
      await engine.update(id, read.props, checked(module, { ...base, spaceShares: [] }));
      assert.equal(env.variablesOf("ModuleShare").length, shares + 1);
      assert.deepEqual(modules().get(id)!.spaceShares, []);
      const after = await engine.read(id, outs);
      assert.equal(after.props?.["spaceShares"], undefined);
    });
  });

  describe("stack state import (importState, importStateFile)", () => {
    const STATE = '{"version":4,"serial":7,"lineage":"import-state-secret-lineage"}';
    const uploads = () => env.emulator.store.collection<StoredUpload>("stateUploads");

    it("uploads the state, names it in stackCreate, and never keeps it", async () => {
      const engine = env.engine(stack);
      const name = unique("imported");
      const inputs = checked(stack, { name, repository: "r", branch: "main", importState: STATE });
      const sentBefore = env.sent.length;
      const { id, outs } = await engine.create(inputs);
      const created = env.variablesOf("StackCreate").at(-1)!;
      const objectId = created["stackObjectID"];
      assert.equal(typeof objectId, "string");
      assert.deepEqual(uploads().get(objectId as string), { objectId, content: STATE, usedBy: id });
      assertNoSecrets(outs, [STATE, "import-state-secret-lineage"]);
      assertNoSecrets(env.sent.slice(sentBefore), ["import-state-secret-lineage"]);
      const read = await engine.read(id, outs);
      assertNoSecrets(read, ["import-state-secret-lineage"]);
      // Used at creation only.
      assert.equal(diffResource(stack, outs, { ...inputs, importState: "{}" }).changes, false);
    });

    it("reads importStateFile at creation, and refuses either without manageState", async () => {
      const dir = mkdtempSync(join(tmpdir(), "import-state-"));
      const file = join(dir, "terraform.tfstate");
      writeFileSync(file, STATE);
      const engine = env.engine(stack);
      const { id } = await engine.create(
        checked(stack, { name: unique("from-file"), repository: "r", branch: "main", importStateFile: file }),
      );
      const objectId = env.variablesOf("StackCreate").at(-1)!["stackObjectID"] as string;
      assert.equal(uploads().get(objectId)?.usedBy, id);
      assert.equal(uploads().get(objectId)?.content, STATE);

      const uploadsBefore = env.variablesOf("StateUploadUrl").length;
      await assert.rejects(
        engine.create(
          checked(stack, {
            name: unique("unmanaged"),
            repository: "r",
            branch: "main",
            manageState: false,
            importState: STATE,
          }),
        ),
        /require manageState/,
      );
      assert.equal(env.variablesOf("StateUploadUrl").length, uploadsBefore);
    });
  });

  describe("VCS integration isDefault", () => {
    it("is read from vcsIntegration.isDefault", async () => {
      const engine = env.engine(module);
      const inputs = checked(module, {
        name: unique("vcs"),
        terraformProvider: "aws",
        repository: "r",
        branch: "main",
        gitlab: { namespace: "group", id: "gitlab-private" },
      });
      const { id, outs } = await engine.create(inputs);
      assert.equal((outs["gitlab"] as Values)["isDefault"], false);
      const read = await engine.read(id, outs);
      assert.deepEqual(read.props?.["gitlab"], {
        namespace: "group",
        id: "gitlab-private",
        isDefault: false,
      });
      assert.equal(diffResource(module, read.props ?? {}, inputs).changes, false);
    });
  });
});
