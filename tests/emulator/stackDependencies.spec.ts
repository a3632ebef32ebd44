import assert from "node:assert/strict";
import { Harness } from "./harness";

const CREATE = `mutation($input: StackDependencyInput!) {
  stackDependencyCreate(input: $input) { id triggerAlways referenceCount stack { id } dependsOnStack { id } }
}`;
const DELETE = `mutation($id: ID!) { stackDependencyDelete(id: $id) { id } }`;
const ADD_REFERENCE = `mutation($dep: ID!, $ref: StackDependencyReferenceInput!) {
  stackDependenciesAddReference(stackDependencyID: $dep, reference: $ref) { id outputName inputName type triggerAlways }
}`;
const UPDATE_REFERENCE = `mutation($ref: StackDependencyReferenceUpdateInput!) {
  stackDependenciesUpdateReference(reference: $ref) { id outputName inputName type triggerAlways }
}`;
const DELETE_REFERENCE = `mutation($id: ID!) { stackDependenciesDeleteReference(id: $id) { id } }`;
const READ = `query($stack: ID!, $id: ID!, $dependsOn: ID, $ref: ID!, $input: String) {
  stack(id: $stack) {
    dependency(id: $id, dependsOnStackId: $dependsOn) {
      id stack { id } dependsOnStack { id } referenceCount
      reference(id: $ref, inputName: $input) { id outputName inputName triggerAlways }
    }
  }
}`;

interface Created {
  stackDependencyCreate: {
    id: string;
    triggerAlways: boolean;
    referenceCount: number;
    stack: { id: string };
    dependsOnStack: { id: string };
  };
}

interface Reference {
  id: string;
  outputName: string;
  inputName: string;
  type: string;
  triggerAlways: boolean;
}

describe("emulator stack dependencies", () => {
  let h: Harness;
  const depend = async (stackId: string, dependsOnStackId: string): Promise<string> =>
    (await h.ok<Created>(CREATE, { input: { stackId, dependsOnStackId } })).stackDependencyCreate.id;
  const addReference = async (dep: string, inputName: string, outputName = "vpc_id"): Promise<Reference> =>
    (
      await h.ok<{ stackDependenciesAddReference: Reference }>(ADD_REFERENCE, {
        dep,
        ref: { outputName, inputName, triggerAlways: false },
      })
    ).stackDependenciesAddReference;

  beforeEach(() => {
    h = new Harness();
    h.seed({ stacks: [{ name: "network" }, { name: "database" }, { name: "app" }] });
  });

  it("creates a dependency with a ULID and both stacks, readable by id or by the stack it depends on", async () => {
    const created = await h.ok<Created>(CREATE, { input: { stackId: "app", dependsOnStackId: "network" } });
    const dep = created.stackDependencyCreate;
    assert.match(dep.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.deepEqual(
      { ...dep, id: "" },
      {
        id: "",
        triggerAlways: false,
        referenceCount: 0,
        stack: { id: "app" },
        dependsOnStack: { id: "network" },
      },
    );
    const byId = await h.ok<{ stack: { dependency: { id: string } | null } }>(READ, {
      stack: "app",
      id: dep.id,
      ref: "",
    });
    assert.equal(byId.stack.dependency?.id, dep.id);
    const byOther = await h.ok<{ stack: { dependency: { id: string } | null } }>(READ, {
      stack: "app",
      id: "",
      dependsOn: "network",
      ref: "",
    });
    assert.equal(byOther.stack.dependency?.id, dep.id);
    // Seen from the other stack, it is not one of its dependencies.
    const wrongSide = await h.ok<{ stack: { dependency: unknown } }>(READ, {
      stack: "network",
      id: dep.id,
      ref: "",
    });
    assert.equal(wrongSide.stack.dependency, null);
  });

  it("lists dependsOn and isDependedOnBy", async () => {
    await depend("app", "network");
    await depend("app", "database");
    await depend("database", "network");
    const data = await h.ok<{
      app: { dependsOn: { dependsOnStack: { id: string } }[] };
      network: { isDependedOnBy: { stack: { id: string } }[] };
    }>(`query {
      app: stack(id: "app") { dependsOn { dependsOnStack { id } } }
      network: stack(id: "network") { isDependedOnBy { stack { id } } }
    }`);
    assert.deepEqual(data.app.dependsOn.map((d) => d.dependsOnStack.id).sort(), ["database", "network"]);
    assert.deepEqual(data.network.isDependedOnBy.map((d) => d.stack.id).sort(), ["app", "database"]);
  });

  it("refuses a stack depending on itself, a duplicate and an unknown stack", async () => {
    assert.match(
      await h.fails(CREATE, { input: { stackId: "app", dependsOnStackId: "app" } }),
      /stack app cannot depend on itself/,
    );
    await depend("app", "network");
    assert.match(
      await h.fails(CREATE, { input: { stackId: "app", dependsOnStackId: "network" } }),
      /stack app already depends on stack network/,
    );
    assert.match(
      await h.fails(CREATE, { input: { stackId: "app", dependsOnStackId: "ghost" } }),
      /stack ghost not found/,
    );
  });

  it("refuses a dependency that closes a cycle, naming the whole cycle", async () => {
    await depend("app", "database");
    await depend("database", "network");
    assert.equal(
      await h.fails(CREATE, { input: { stackId: "network", dependsOnStackId: "app" } }),
      "dependency would create a cycle: network -> app -> database -> network",
    );
    // The reverse of an edge is the shortest cycle.
    assert.match(
      await h.fails(CREATE, { input: { stackId: "database", dependsOnStackId: "app" } }),
      /cycle: database -> app -> database/,
    );
  });

  it("blocks deleting a stack on either side of a dependency until the dependency is gone", async () => {
    const dep = await depend("app", "network");
    for (const id of ["app", "network"]) {
      assert.equal(
        await h.fails(`mutation($id: ID!) { stackDelete(id: $id) { id } }`, { id }),
        "can't delete stack when it has dependencies; please delete them first",
      );
    }
    await h.ok(DELETE, { id: dep });
    await h.ok(`mutation { stackDelete(id: "app") { id } }`);
  });

  it("adds references with unique input names, updates and deletes them", async () => {
    const dep = await depend("app", "network");
    const ref = await addReference(dep, "TF_VAR_vpc_id");
    assert.deepEqual(
      { ...ref, id: "" },
      {
        id: "",
        outputName: "vpc_id",
        inputName: "TF_VAR_vpc_id",
        type: "ENVIRONMENT_VARIABLE",
        triggerAlways: false,
      },
    );
    const other = await addReference(dep, "TF_VAR_subnet", "subnet_id");
    assert.match(
      await h.fails(ADD_REFERENCE, {
        dep,
        ref: { outputName: "x", inputName: "TF_VAR_vpc_id", triggerAlways: false },
      }),
      /input TF_VAR_vpc_id is already referenced by this dependency/,
    );
    assert.match(
      await h.fails(UPDATE_REFERENCE, {
        ref: { id: other.id, outputName: "subnet_id", inputName: "TF_VAR_vpc_id" },
      }),
      /already referenced/,
    );
    const updated = await h.ok<{ stackDependenciesUpdateReference: Reference }>(UPDATE_REFERENCE, {
      ref: { id: ref.id, outputName: "vpc", inputName: "TF_VAR_vpc_id", triggerAlways: true },
    });
    assert.deepEqual(updated.stackDependenciesUpdateReference, {
      ...ref,
      outputName: "vpc",
      triggerAlways: true,
    });

    const byName = await h.ok<{
      stack: { dependency: { referenceCount: number; reference: Reference | null } };
    }>(READ, { stack: "app", id: dep, ref: "", input: "TF_VAR_vpc_id" });
    assert.equal(byName.stack.dependency.referenceCount, 2);
    assert.equal(byName.stack.dependency.reference?.outputName, "vpc");

    await h.ok(DELETE_REFERENCE, { id: ref.id });
    const gone = await h.ok<{ stack: { dependency: { reference: Reference | null } } }>(READ, {
      stack: "app",
      id: dep,
      ref: ref.id,
    });
    assert.equal(gone.stack.dependency.reference, null);
    assert.match(await h.fails(DELETE_REFERENCE, { id: ref.id }), /not found/);
  });

  it("takes an absent triggerAlways as false, as older clients leave it out", async () => {
    // Spacelift's Terraform provider v1.9.3 sends only outputName, inputName and type.
    const dep = await depend("app", "network");
    const data = await h.ok<{ stackDependenciesAddReference: Reference }>(ADD_REFERENCE, {
      dep,
      ref: { outputName: "vpc_id", inputName: "TF_VAR_vpc_id", type: "ENVIRONMENT_VARIABLE" },
    });
    assert.equal(data.stackDependenciesAddReference.triggerAlways, false);
  });

  it("refuses empty names and other reference types", async () => {
    const dep = await depend("app", "network");
    assert.match(
      await h.fails(ADD_REFERENCE, { dep, ref: { outputName: " ", inputName: "X", triggerAlways: false } }),
      /outputName must not be empty/,
    );
    assert.match(
      await h.fails(ADD_REFERENCE, {
        dep,
        ref: { outputName: "o", inputName: "X", type: "FILE", triggerAlways: false },
      }),
      /unsupported reference type "FILE"/,
    );
    assert.match(
      await h.fails(ADD_REFERENCE, {
        dep: "01ARZ3NDEKTSV4RRFFQ69G5FAV",
        ref: { outputName: "o", inputName: "X", triggerAlways: false },
      }),
      /stack dependency 01ARZ3NDEKTSV4RRFFQ69G5FAV not found/,
    );
  });

  it("deletes a dependency's references with it", async () => {
    const dep = await depend("app", "network");
    const ref = await addReference(dep, "TF_VAR_vpc_id");
    await h.ok(DELETE, { id: dep });
    assert.match(await h.fails(DELETE, { id: dep }), /stack dependency .* not found/);
    assert.match(
      await h.fails(UPDATE_REFERENCE, { ref: { id: ref.id, outputName: "o", inputName: "i" } }),
      /stack dependency reference .* not found/,
    );
    assert.equal(h.store.collection("stackDependencyReferences").size, 0);
  });

  it("updates a dependency's triggerAlways", async () => {
    const dep = await depend("app", "network");
    const data = await h.ok<{ stackDependencyUpdate: { triggerAlways: boolean } }>(
      `mutation($id: ID!) { stackDependencyUpdate(input: { id: $id, triggerAlways: true }) { triggerAlways } }`,
      { id: dep },
    );
    assert.equal(data.stackDependencyUpdate.triggerAlways, true);
  });

  it("seeds dependencies and references, refusing a reference on a missing dependency", () => {
    const seeded = h.seed({
      stackDependencies: [{ stackId: "app", dependsOnStackId: "database" }],
      stackDependencyReferences: [
        { stackId: "app", dependsOnStackId: "database", outputName: "url", inputName: "DB_URL" },
      ],
    });
    assert.equal(seeded.stackDependencies?.length, 1);
    assert.equal(seeded.stackDependencyReferences?.length, 1);
    assert.throws(
      () =>
        h.seed({
          stackDependencyReferences: [
            { stackId: "network", dependsOnStackId: "app", outputName: "o", inputName: "I" },
          ],
        }),
      /stackDependencyReferences\[0\]: stack network does not depend on stack app/,
    );
  });
});
