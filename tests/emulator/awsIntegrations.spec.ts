import assert from "node:assert/strict";
import { Harness } from "./harness";

const FIELDS = `id name roleArn generateCredentialsInWorker externalId durationSeconds labels space region
  autoattachEnabled tagAssumeRole`;
const CREATE = `mutation(
  $name: String!, $roleArn: String!, $gen: Boolean!, $externalID: String, $durationSeconds: Int,
  $labels: [String!]!, $space: ID, $region: String, $autoattachEnabled: Boolean, $tagAssumeRole: Boolean
) {
  awsIntegrationCreate(
    name: $name, roleArn: $roleArn, generateCredentialsInWorker: $gen, externalID: $externalID,
    durationSeconds: $durationSeconds, labels: $labels, space: $space, region: $region,
    autoattachEnabled: $autoattachEnabled, tagAssumeRole: $tagAssumeRole
  ) { ${FIELDS} }
}`;
const ATTACH = `mutation($id: ID!, $stack: ID!, $read: Boolean!, $write: Boolean!) {
  awsIntegrationAttach(id: $id, stack: $stack, read: $read, write: $write) {
    id integrationId stackId stackName isModule isAutoattached read write
  }
}`;
const ATTACHED = `query($id: ID!, $stack: ID!) {
  awsIntegration(id: $id) { attachedStack(id: $stack) { id stackId isModule read write } }
}`;
const ROLE = "arn:aws:iam::123456789012:role/spacelift";

interface Integration {
  id: string;
  name: string;
  roleArn: string;
  generateCredentialsInWorker: boolean;
  externalId: string | null;
  durationSeconds: number;
  labels: string[];
  space: string;
  region: string | null;
  autoattachEnabled: boolean;
  tagAssumeRole: boolean;
}

interface Attachment {
  id: string;
  integrationId: string;
  stackId: string;
  stackName: string;
  isModule: boolean;
  isAutoattached: boolean;
  read: boolean;
  write: boolean;
}

describe("emulator AWS integrations", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
    h.seed({
      stacks: [{ name: "App" }, { name: "Other" }],
      modules: [{ repository: "terraform-aws-net" }],
    });
  });

  async function create(vars: Record<string, unknown> = {}): Promise<Integration> {
    return (
      await h.ok<{ awsIntegrationCreate: Integration }>(CREATE, {
        name: "Prod",
        roleArn: ROLE,
        gen: false,
        labels: [],
        ...vars,
      })
    ).awsIntegrationCreate;
  }

  async function attach(id: string, stack: string, read = true, write = true): Promise<Attachment> {
    return (await h.ok<{ awsIntegrationAttach: Attachment }>(ATTACH, { id, stack, read, write }))
      .awsIntegrationAttach;
  }

  it("creates with scalar arguments: a ULID id, 900 seconds and false flags by default", async () => {
    const created = await create();
    assert.match(created.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.deepEqual(
      { ...created, id: undefined },
      {
        id: undefined,
        name: "Prod",
        roleArn: ROLE,
        generateCredentialsInWorker: false,
        externalId: null,
        durationSeconds: 900,
        labels: [],
        space: "root",
        region: null,
        autoattachEnabled: false,
        tagAssumeRole: false,
      },
    );
  });

  it("keeps every argument, finds the integration by id and by name, and updates it in place", async () => {
    const created = await create({
      gen: true,
      externalID: "custom-external",
      durationSeconds: 3600,
      labels: ["prod"],
      region: "eu-west-1",
      autoattachEnabled: true,
      tagAssumeRole: true,
    });
    assert.equal(created.externalId, "custom-external");
    assert.equal(created.durationSeconds, 3600);
    const { awsIntegrationByName } = await h.ok<{ awsIntegrationByName: { id: string } }>(
      `{ awsIntegrationByName(name: "Prod") { id } }`,
    );
    assert.equal(awsIntegrationByName.id, created.id);
    const { awsIntegrationUpdate } = await h.ok<{ awsIntegrationUpdate: Integration }>(
      `mutation($id: ID!, $roleArn: String!) {
        awsIntegrationUpdate(id: $id, name: "Prod 2", roleArn: $roleArn, generateCredentialsInWorker: false,
          externalID: "", durationSeconds: 43200, labels: []) { ${FIELDS} }
      }`,
      { id: created.id, roleArn: "arn:aws-us-gov:iam::210987654321:role/path/to/deployer" },
    );
    assert.deepEqual(awsIntegrationUpdate, {
      id: created.id,
      name: "Prod 2",
      roleArn: "arn:aws-us-gov:iam::210987654321:role/path/to/deployer",
      generateCredentialsInWorker: false,
      externalId: null,
      durationSeconds: 43200,
      labels: [],
      space: "root",
      region: null,
      autoattachEnabled: false,
      tagAssumeRole: false,
    });
  });

  it("refuses a role ARN of the wrong shape and a session length outside AWS's 900..43200", async () => {
    for (const roleArn of [
      "arn:aws:iam::12345:role/short-account",
      "arn:aws:iam::123456789012:user/not-a-role",
      "arn:aws:s3:::bucket",
      "spacelift",
    ]) {
      assert.match(
        await h.fails(CREATE, { name: "X", roleArn, gen: false, labels: [] }),
        /roleArn must be an IAM role ARN/,
      );
    }
    for (const durationSeconds of [899, 43201, 0]) {
      assert.match(
        await h.fails(CREATE, { name: "X", roleArn: ROLE, gen: false, labels: [], durationSeconds }),
        /durationSeconds must be between 900 and 43200/,
      );
    }
  });

  it("attaches to a stack or a module; the attachment is found by the stack or module id", async () => {
    const integration = await create();
    const onStack = await attach(integration.id, "app");
    assert.deepEqual(
      { ...onStack, id: undefined },
      {
        id: undefined,
        integrationId: integration.id,
        stackId: "app",
        stackName: "App",
        isModule: false,
        isAutoattached: false,
        read: true,
        write: true,
      },
    );
    const onModule = await attach(integration.id, "terraform-aws-net", true, false);
    assert.equal(onModule.isModule, true);
    const { awsIntegration } = await h.ok<{ awsIntegration: { attachedStack: Partial<Attachment> } }>(
      ATTACHED,
      {
        id: integration.id,
        stack: "terraform-aws-net",
      },
    );
    assert.deepEqual(awsIntegration.attachedStack, {
      id: onModule.id,
      stackId: "terraform-aws-net",
      isModule: true,
      read: true,
      write: false,
    });
    const none = await h.ok<{ awsIntegration: { attachedStack: null } }>(ATTACHED, {
      id: integration.id,
      stack: "other",
    });
    assert.equal(none.awsIntegration.attachedStack, null);
  });

  it("allows a stack one integration for reading and one for writing, and refuses a second of either", async () => {
    const reader = await create({ name: "Reader" });
    const writer = await create({ name: "Writer" });
    const third = await create({ name: "Third" });
    await attach(reader.id, "app", true, false);
    await attach(writer.id, "app", false, true);
    assert.match(
      await h.fails(ATTACH, { id: third.id, stack: "app", read: true, write: false }),
      /already has an AWS integration attached for read/,
    );
    assert.match(
      await h.fails(ATTACH, { id: third.id, stack: "app", read: false, write: true }),
      /attached for write/,
    );
    assert.match(
      await h.fails(ATTACH, { id: reader.id, stack: "app", read: true, write: false }),
      /already attached/,
    );
    assert.match(
      await h.fails(ATTACH, { id: third.id, stack: "other", read: false, write: false }),
      /read, write or both/,
    );
  });

  it("updates read/write in place under the same rule, and detaches by attachment id", async () => {
    const reader = await create({ name: "Reader" });
    const writer = await create({ name: "Writer" });
    const r = await attach(reader.id, "app", true, false);
    const w = await attach(writer.id, "app", false, true);
    const UPDATE = `mutation($id: ID!, $read: Boolean!, $write: Boolean!) {
      awsIntegrationAttachmentUpdate(id: $id, read: $read, write: $write) { id read write }
    }`;
    assert.match(await h.fails(UPDATE, { id: r.id, read: true, write: true }), /attached for write/);
    await h.ok(`mutation($id: ID!) { awsIntegrationDetach(id: $id) { id } }`, { id: w.id });
    const { awsIntegrationAttachmentUpdate } = await h.ok<{
      awsIntegrationAttachmentUpdate: Partial<Attachment>;
    }>(UPDATE, { id: r.id, read: true, write: true });
    assert.deepEqual(awsIntegrationAttachmentUpdate, { id: r.id, read: true, write: true });
    assert.match(
      await h.fails(`mutation($id: ID!) { awsIntegrationDetach(id: $id) { id } }`, { id: w.id }),
      /not found/,
    );
  });

  it("deleting the integration drops its attachments; deleting a module drops the module's", async () => {
    const first = await create({ name: "First" });
    const second = await create({ name: "Second" });
    await attach(first.id, "app");
    await attach(second.id, "terraform-aws-net");
    await h.ok(`mutation($id: ID!) { awsIntegrationDelete(id: $id) { id } }`, { id: first.id });
    assert.deepEqual(await h.ok(`query($id: ID!) { awsIntegration(id: $id) { id } }`, { id: first.id }), {
      awsIntegration: null,
    });
    await h.ok(`mutation { moduleDelete(id: "terraform-aws-net") { id } }`);
    const { awsIntegration } = await h.ok<{ awsIntegration: { attachedStacks: unknown[] } }>(
      `query($id: ID!) { awsIntegration(id: $id) { attachedStacks { id } } }`,
      { id: second.id },
    );
    assert.deepEqual(awsIntegration.attachedStacks, []);
    assert.equal(h.store.collection("awsIntegrationAttachments").size, 0);
  });

  it("sets and removes the legacy per-stack role shown under integrations { aws }", async () => {
    const QUERY = `{ stack(id: "app") { integrations { aws { activated assumedRoleArn durationSeconds region } } } }`;
    assert.deepEqual(await h.ok(QUERY), {
      stack: {
        integrations: {
          aws: { activated: false, assumedRoleArn: null, durationSeconds: null, region: null },
        },
      },
    });
    await h.ok(
      `mutation($role: String!) { stackIntegrationAwsCreate(id: "app", roleArn: $role, durationSeconds: 3600, region: "us-east-1") { activated } }`,
      { role: ROLE },
    );
    assert.deepEqual(await h.ok(QUERY), {
      stack: {
        integrations: {
          aws: { activated: true, assumedRoleArn: ROLE, durationSeconds: 3600, region: "us-east-1" },
        },
      },
    });
    await h.ok(`mutation { stackIntegrationAwsDelete(id: "app") { activated } }`);
    const after = await h.ok<{ stack: { integrations: { aws: { activated: boolean } } } }>(QUERY);
    assert.equal(after.stack.integrations.aws.activated, false);
  });

  it("gives the external ID and trust statement for a stack", async () => {
    const integration = await create();
    const { awsIntegration } = await h.ok<{
      awsIntegration: { externalIdForStack: { externalId: string; assumeRolePolicyStatement: string } };
    }>(
      `query($id: ID!) { awsIntegration(id: $id) { externalIdForStack(stackId: "app", read: true, write: false) { externalId assumeRolePolicyStatement } } }`,
      { id: integration.id },
    );
    const { externalId, assumeRolePolicyStatement } = awsIntegration.externalIdForStack;
    assert.ok(externalId.includes(integration.id) && externalId.endsWith("@app@read"), externalId);
    assert.equal(
      (JSON.parse(assumeRolePolicyStatement) as { Condition: { StringEquals: Record<string, string> } })
        .Condition.StringEquals["sts:ExternalId"],
      externalId,
    );
  });

  it("seeds integrations and attachments, checked like API arguments", () => {
    const seeded = h.seed({
      awsIntegrations: [{ id: "seeded-aws", name: "Seeded", roleArn: ROLE }],
      awsIntegrationAttachments: [{ integration: "seeded-aws", stack: "app", write: false }],
    });
    assert.deepEqual(seeded.awsIntegrations, ["seeded-aws"]);
    assert.equal(seeded.awsIntegrationAttachments?.length, 1);
    assert.throws(() => h.seed({ awsIntegrations: [{ name: "Bad", roleArn: "nope" }] }), /roleArn/);
    assert.throws(
      () => h.seed({ awsIntegrations: [{ name: "Bad", roleArn: ROLE, durationSeconds: "long" } as never] }),
      /awsIntegrations\[0\]\.durationSeconds/,
    );
  });
});
