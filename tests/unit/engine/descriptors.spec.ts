import { strict as assert } from "node:assert";
import { buildSchema, parse, validate, type OperationDefinitionNode } from "graphql";
import { getVariableValues } from "graphql/execution/values";
import { loadTypeDefs } from "../../../emulator/schema";
import { checkInputs } from "../../../provider/engine/check";
import {
  arg,
  DescriptorError,
  defineResource,
  mutation,
  query,
  secretOutputNames,
  variants,
  type FieldSpec,
  type ResourceDescriptor,
  type ResourceInit,
} from "../../../provider/engine/descriptor";
import { operationsIn } from "../../../provider/engine/descriptorAccess";
import { validateDescriptor } from "../../../provider/engine/descriptorValidation";
import { t } from "../../../provider/engine/fieldTypes";
import { buildVariables } from "../../../provider/engine/graphqlValues";
import { operationSpec } from "../../../provider/engine/operationDocument";
import { exactlyOneOf } from "../../../provider/engine/rules";
import type { Values } from "../../../provider/engine/values";
import {
  descriptorFor,
  descriptors,
  environmentVariable,
  registeredKinds,
} from "../../../provider/resources";

const SLOTS = ["create", "read", "update", "delete"] as const;

/** Valid program inputs per kind, used to build real variables for schema coercion. */
const SAMPLES: Record<string, Values[]> = {
  ApiKey: [{ name: "ci", idpGroups: ["ops"] }, { name: "bare" }],
  Role: [
    { name: "reader", description: "d", actions: ["SPACE_READ", "RUN_TRIGGER"] },
    { name: "r", actions: ["SPACE_READ"] },
  ],
  RoleAttachment: [
    { apiKeyId: "01HZX3V6Q4JYB5T2N8M0C7D9EA", roleId: "01HZX3V6Q4JYB5T2N8M0C7D9EB", spaceId: "root" },
    { userId: "01HZX3V6Q4JYB5T2N8M0C7D9EC", roleId: "01HZX3V6Q4JYB5T2N8M0C7D9EB", spaceId: "root" },
    {
      idpGroupMappingId: "01HZX3V6Q4JYB5T2N8M0C7D9ED",
      roleId: "01HZX3V6Q4JYB5T2N8M0C7D9EB",
      spaceId: "root",
    },
    { stackId: "stk", roleId: "01HZX3V6Q4JYB5T2N8M0C7D9EB", spaceId: "root" },
  ],
  SavedFilter: [{ name: "mine", type: "stacks", data: "{}", isPublic: false }],
  Space: [{ name: "team", labels: ["a"] }],
  Context: [{ name: "ctx", description: "d", spaceId: "root", afterApplies: ["echo"], labels: ["l"] }],
  EnvironmentVariable: [
    { contextId: "ctx", name: "FOO", value: "v", description: "d" },
    { stackId: "stk", name: "FOO", value: "v" },
    { moduleId: "mod", name: "FOO", value: "v", writeOnly: false },
  ],
  MountedFile: [
    { contextId: "ctx", relativePath: "config/app.json", content: "e30=", description: "d" },
    { stackId: "stk", relativePath: "a.txt", content: "YQ==" },
    { moduleId: "mod", relativePath: "b.txt", content: "Yg==", writeOnly: false },
  ],
  ContextAttachment: [
    { contextId: "ctx", stackId: "stk", priority: 2 },
    { contextId: "ctx", moduleId: "mod" },
  ],
  Policy: [
    { name: "p", body: "package spacelift", type: "PLAN", labels: ["l"], engineType: "REGO_V1" },
    { name: "p", body: "package spacelift", type: "STACK_ACCESS", spaceId: "root", description: "d" },
  ],
  PolicyAttachment: [
    { policyId: "pol", stackId: "stk" },
    { policyId: "pol", moduleId: "mod" },
  ],
  Module: [
    { name: "vpc", terraformProvider: "aws", repository: "terraform-aws-vpc", branch: "main", labels: ["l"] },
    {
      repository: "terraform-aws-vpc",
      branch: "main",
      gitlab: { namespace: "g", id: "i" },
      workerPoolId: "wp",
    },
    { repository: "r", branch: "main", rawGit: { namespace: "n", url: "https://example.com/r.git" } },
  ],
  Webhook: [
    { stackId: "stk", endpoint: "https://example.com/hook", secret: "s" },
    { moduleId: "mod", endpoint: "https://example.com/hook", enabled: false, retryOnFailure: true },
  ],
  NamedWebhook: [
    { name: "n", endpoint: "https://example.com/hook", spaceId: "root", labels: ["l"], secret: "s" },
    { name: "n", endpoint: "https://example.com/hook", spaceId: "root" },
  ],
  TerraformProvider: [
    { type: "datadog", spaceId: "root", description: "d", labels: ["l"], public: true },
    { type: "datadog", spaceId: "root" },
  ],
  VcsAgentPool: [{ name: "pool", description: "d" }, { name: "pool" }],
  GitlabIntegration: [
    {
      name: "gl",
      apiHost: "https://gitlab.example.com",
      userFacingHost: "https://gitlab.example.com",
      privateToken: "t",
      labels: ["l"],
      description: "d",
      vcsChecks: "ALL",
      useGitCheckout: false,
    },
    { name: "gl", apiHost: "https://gitlab.com", userFacingHost: "https://gitlab.com", privateToken: "t" },
  ],
  AzureDevopsIntegration: [
    {
      name: "ado",
      organizationUrl: "https://dev.azure.com/o",
      userFacingHost: "https://ado.example.com",
      personalAccessToken: "t",
      accessibleProjects: ["p"],
      labels: ["l"],
    },
    { name: "ado", organizationUrl: "https://dev.azure.com/o", personalAccessToken: "t" },
  ],
  Task: [
    {
      stackId: "infra",
      command: "ls",
      init: false,
      keepers: { k: "v" },
      wait: { continueOnStates: ["failed"] },
    },
    { stackId: "infra", command: "ls" },
  ],
  WorkerPoolRecycle: [
    { workerPoolId: "01HZX3V6Q4JYB5T2N8M0C7D9EA", keepers: { k: "v" } },
    { workerPoolId: "wp" },
  ],
  BitbucketDatacenterIntegration: [
    {
      name: "bb",
      apiHost: "https://bb.example.com",
      userFacingHost: "https://bb.example.com",
      username: "u",
      accessToken: "t",
      isDefault: false,
      spaceId: "root",
    },
  ],
  Blueprint: [
    { name: "b", space: "root", state: "PUBLISHED", description: "d", labels: ["l"], template: "inputs: []" },
    { name: "b", space: "root", state: "DRAFT" },
  ],
  Version: [
    { moduleId: "terraform-aws-m", commitSha: "abc1234", versionNumber: "1.2.3", keepers: { k: "v" } },
    { moduleId: "terraform-aws-m" },
  ],
  // Without a csr the provider generates one before create (hooks.localValues), so samples give one.
  WorkerPool: [
    { name: "wp", csr: "YQ==", description: "d", labels: ["l"], spaceId: "root" },
    { name: "wp", csr: "YQ==" },
  ],
  AwsIntegration: [
    {
      name: "a",
      roleArn: "arn:aws:iam::123456789012:role/r",
      labels: ["l"],
      externalId: "e",
      region: "eu-west-1",
    },
    { name: "a", roleArn: "arn:aws:iam::123456789012:role/r" },
  ],
  AwsIntegrationAttachment: [
    { integrationId: "int", stackId: "stk" },
    { integrationId: "int", moduleId: "mod", read: false },
  ],
  AzureIntegration: [
    {
      name: "a",
      tenantId: "t",
      labels: ["l"],
      defaultSubscriptionId: "00000000-0000-0000-0000-000000000001",
      spaceId: "root",
      autoattachEnabled: true,
    },
    { name: "a", tenantId: "t" },
  ],
  AwsRole: [
    {
      stackId: "stk",
      roleArn: "arn:aws:iam::123456789012:role/r",
      externalId: "e",
      durationSeconds: 3600,
      region: "eu-west-1",
    },
    { moduleId: "mod", roleArn: "arn:aws:iam::123456789012:role/r", generateCredentialsInWorker: true },
  ],
  StackAwsRole: [{ stackId: "stk", roleArn: "arn:aws:iam::123456789012:role/r" }],
  GcpServiceAccount: [
    { stackId: "stk", tokenScopes: ["https://www.googleapis.com/auth/cloud-platform"] },
    { moduleId: "mod", tokenScopes: ["a", "b"] },
  ],
  StackGcpServiceAccount: [{ stackId: "stk", tokenScopes: ["a"] }],
  AzureIntegrationAttachment: [
    { integrationId: "int", stackId: "stk", subscriptionId: "00000000-0000-0000-0000-000000000001" },
    { integrationId: "int", moduleId: "mod", write: false },
  ],
  StackActivator: [
    { stackId: "stk", enabled: true },
    { stackId: "stk", enabled: false },
  ],
  ScheduledTask: [
    { stackId: "stk", command: "terraform plan", everies: ["0 9 * * 1"], timezone: "Europe/Berlin" },
    { stackId: "stk", command: "echo once", at: 2000000000 },
  ],
  ScheduledRun: [
    {
      stackId: "stk",
      name: "nightly",
      everies: ["0 2 * * *"],
      timezone: "Europe/Berlin",
      runtimeConfig: { projectRoot: "infra", environment: [{ key: "K", value: "v" }], beforePlan: ["echo"] },
    },
    { stackId: "stk", name: "once", at: 2000000000 },
  ],
  ScheduledDeleteTask: [
    { stackId: "stk", at: 2000000000 },
    { stackId: "stk", at: 2000000000, deleteResources: false },
  ],
  StackDestructor: [{ stackId: "stk" }, { stackId: "stk", deactivated: true, discardRuns: true }],
  Run: [
    { stackId: "stk", keepers: { branch: "main" } },
    {
      stackId: "stk",
      commitSha: "abc123",
      proposed: true,
      wait: { continueOnStates: ["finished", "unconfirmed"] },
    },
  ],
  SecurityEmail: [{ email: "security@example.com" }],
  DefaultRunnerImage: [
    { public: "ghcr.io/acme/runner:1" },
    { private: "ghcr.io/acme/runner:2", public: "img" },
  ],
  Template: [
    { name: "t", space: "root", description: "d", labels: ["l"] },
    { name: "t", space: "root" },
  ],
  TemplateVersion: [
    { templateId: "tpl", versionNumber: "1.0.0", state: "DRAFT" },
    {
      templateId: "tpl",
      versionNumber: "1.0.1",
      state: "PUBLISHED",
      template: "stacks:\n  - name: app\n",
      instructions: "i",
    },
  ],
  TemplateDeployment: [
    {
      templateVersionId: "tpl-01HZX3V6Q4JYB5T2N8M0C7D9EB",
      space: "root",
      name: "d",
      description: "d",
      inputs: [{ id: "env", value: "prod" }],
    },
    { templateVersionId: "tpl-01HZX3V6Q4JYB5T2N8M0C7D9EB", space: "root", name: "d" },
  ],
  User: [
    {
      invitationEmail: "u@example.com",
      username: "u",
      policies: [
        { spaceId: "root", role: "ADMIN" },
        { spaceId: "team", role: "READ" },
      ],
    },
  ],
  IdpGroupMapping: [{ name: "g", policies: [{ spaceId: "root", role: "WRITE" }] }],
  NamedWebhookSecretHeader: [{ webhookId: "01HZX3V6Q4JYB5T2N8M0C7D9EE", key: "X-Token", value: "v" }],
  Repo: [
    { name: "infra", spaceId: "root", description: "d", labels: ["l"], vcsChecks: "ALL" },
    { name: "infra", spaceId: "root" },
  ],
  RepoFile: [
    { repoId: "infra", path: "modules/vpc/main.tf", content: "# vpc", fileMode: "0755", encrypt: true },
    {
      repoId: "infra",
      path: "main.tf",
      content: "",
      commitMessage: "m",
      authorName: "a",
      authorEmail: "a@example.com",
    },
  ],
  PluginTemplate: [
    { name: "tpl", manifest: '{"parameters":[]}', description: "d", labels: ["l"] },
    { name: "tpl", manifest: "{}" },
  ],
  Plugin: [
    { name: "p", pluginTemplateId: "infracost", stackLabel: "cost", parameters: { infracost_api_key: "k" } },
    { name: "p", pluginTemplateId: "tpl", stackLabel: "l", labels: ["a"], spaceId: "root" },
  ],
  AuditTrailWebhook: [
    {
      enabled: true,
      endpoint: "https://example.com/audit",
      secret: "s",
      includeRuns: true,
      customHeaders: { "X-Team": "a" },
      retryOnFailure: true,
    },
    { enabled: false, endpoint: "https://example.com/audit", secret: "s" },
  ],
};

/** Computed outputs that operations after create take their arguments from, per kind. */
const LATER_VALUES: Record<string, Values> = {
  RoleAttachment: { bindingId: "01HZX3V6Q4JYB5T2N8M0C7D9EF" },
  ContextAttachment: { attachmentId: "01HZX3V6Q4JYB5T2N8M0C7D9EA" },
  PolicyAttachment: { attachmentId: "01HZX3V6Q4JYB5T2N8M0C7D9EB" },
  Webhook: { webhookId: "01HZX3V6Q4JYB5T2N8M0C7D9EC" },
  AwsIntegrationAttachment: { attachmentId: "01HZX3V6Q4JYB5T2N8M0C7D9ED" },
  AzureIntegrationAttachment: { attachmentId: "01HZX3V6Q4JYB5T2N8M0C7D9EE" },
  ScheduledTask: { scheduleId: "01HZX3V6Q4JYB5T2N8M0C7D9EE" },
  ScheduledDeleteTask: { scheduleId: "01HZX3V6Q4JYB5T2N8M0C7D9EF" },
  Task: { runId: "01HZX3V6Q4JYB5T2N8M0C7D9EG" },
  ScheduledRun: { scheduleId: "01HZX3V6Q4JYB5T2N8M0C7D9EG" },
  TemplateVersion: { ulid: "01HZX3V6Q4JYB5T2N8M0C7D9EH" },
  TemplateDeployment: { templateId: "tpl", deploymentId: "d" },
};

describe("registered descriptors", () => {
  const all = Object.values(descriptors);

  it("registers Space, Context and EnvironmentVariable at least", () => {
    for (const kind of ["Space", "Context", "EnvironmentVariable"]) assert.ok(descriptorFor(kind), kind);
    assert.equal(descriptorFor("toString"), undefined, "lookups must not reach Object.prototype");
    assert.deepEqual(registeredKinds(), [...registeredKinds()].sort());
  });

  for (const d of all) {
    describe(d.kind, () => {
      it("is consistent", () => {
        assert.deepEqual(validateDescriptor(d), []);
        assert.equal(d.typeToken, `pulumi-nodejs:dynamic/spacelift:${d.kind}`);
        assert.equal(descriptorFor(d.kind), d);
      });

      it("documents every field", () => {
        const walk = (fields: Readonly<Record<string, FieldSpec>>, at: string): void => {
          for (const [name, f] of Object.entries(fields)) {
            assert.ok(f.doc.trim().length > 10, `${at}.${name} needs a real doc`);
            if (f.type.kind === "object") walk(f.type.fields, `${at}.${name}`);
          }
        };
        walk(d.fields, d.kind);
      });

      it("uses operation names unique across the registry", () => {
        const mine = new Set(
          SLOTS.flatMap((s) => (d.operations[s] ? operationsIn(d.operations[s]!) : [])).map((x) => x.op.name),
        );
        for (const other of all.filter((o) => o !== d)) {
          for (const s of SLOTS) {
            for (const { op } of other.operations[s] ? operationsIn(other.operations[s]!) : []) {
              assert.ok(!mine.has(op.name), `${op.name} is used by ${d.kind} and ${other.kind}`);
            }
          }
        }
      });
    });
  }

  describe("documents and variables against the emulator's schema", function () {
    const schema = buildSchema(loadTypeDefs());
    for (const d of all) {
      for (const slot of SLOTS) {
        const opSlot = d.operations[slot];
        if (!opSlot) continue;
        for (const { key, op } of operationsIn(opSlot)) {
          it(`${d.kind} ${slot}${key ? ` (${key})` : ""}: ${op.name} is valid`, () => {
            const spec = operationSpec(d, op, slot);
            const errors = validate(schema, parse(spec.document));
            assert.deepEqual(
              errors.map((e) => e.message),
              [],
              spec.document,
            );
            // The values each variable receives must coerce to the declared input types.
            const definition = parse(spec.document).definitions[0] as OperationDefinitionNode;
            for (const sample of SAMPLES[d.kind] ?? []) {
              const checked = checkInputs(d, {}, sample);
              assert.deepEqual(checked.failures, []);
              if (key !== undefined && d.hooks?.selectVariant?.(checked.inputs) !== key) continue;
              const shapeInput = d.hooks?.shapeInput;
              const variables = buildVariables(op, {
                id: "some-id",
                values: slot === "create" ? checked.inputs : { ...checked.inputs, ...LATER_VALUES[d.kind] },
                fields: d.fields,
                ...(shapeInput ? { shapeInput } : {}),
              });
              const coerced = getVariableValues(schema, definition.variableDefinitions ?? [], variables);
              assert.deepEqual(
                (coerced.errors ?? []).map((e) => e.message),
                [],
                JSON.stringify(variables),
              );
            }
          });
        }
      }
      const extra = [
        ...(d.operations.beforeCreate ?? []).map((x) => ["create", x.op] as const),
        ...(d.operations.afterCreate ?? []).map((x) => ["update", x.op] as const),
        ...(d.operations.beforeUpdate ?? []).map((x) => ["update", x.op] as const),
        ...(d.operations.afterUpdate ?? []).map((x) => ["update", x.op] as const),
        ...(d.operations.beforeDelete ?? []).map((x) => ["delete", x.op] as const),
      ];
      for (const [slot, op] of extra) {
        it(`${d.kind} ${op.name} (before or after ${slot}) is valid`, () => {
          const spec = operationSpec(d, op, slot);
          assert.deepEqual(
            validate(schema, parse(spec.document)).map((e) => e.message),
            [],
            spec.document,
          );
        });
      }
    }
  });

  describe("EnvironmentVariable specifics", () => {
    it("marks value secret for the SDK's additionalSecretOutputs", () => {
      assert.deepEqual(secretOutputNames(environmentVariable), ["value"]);
    });

    it("composes and parses its ids symmetrically", () => {
      const id = environmentVariable.id;
      assert.ok(!("fromResult" in id));
      for (const text of ["context/ctx/FOO", "stack/my-stack/BAR_1", "module/mod/X"]) {
        const parsed = id.parse(text);
        assert.ok(parsed, text);
        assert.equal(id.compose(parsed), text);
      }
      for (const bad of ["FOO", "context/ctx", "policy/p/FOO", "context//FOO", "stack/s/"]) {
        assert.equal(id.parse(bad), undefined, bad);
      }
    });
  });
});

describe("defineResource validation", () => {
  const doc = "A field used in a test.";
  const base: ResourceInit = {
    kind: "Thing",
    doc: "A thing.",
    fields: { name: { type: t.string(), required: true, doc } },
    operations: {
      create: mutation("ThingCreate", "thingCreate", { input: arg.input("ThingInput!") }),
      read: query("ThingRead", "thing", { id: arg.id() }),
      update: mutation("ThingUpdate", "thingUpdate", { id: arg.id(), input: arg.input("ThingInput!") }),
      delete: mutation("ThingDelete", "thingDelete", { id: arg.id() }),
    },
  };
  const withField = (name: string, spec: FieldSpec): ResourceInit => ({
    ...base,
    fields: { ...base.fields, [name]: spec },
  });

  it("accepts the base descriptor", () => {
    assert.equal(defineResource(base).kind, "Thing");
  });

  const rows: { title: string; init: ResourceInit; problem: RegExp }[] = [
    { title: "kind not PascalCase", init: { ...base, kind: "thing" }, problem: /PascalCase/ },
    { title: "no resource doc", init: { ...base, doc: " " }, problem: /doc must describe the resource/ },
    { title: "no field doc", init: withField("size", { type: t.int(), doc: "" }), problem: /size: doc/ },
    { title: "field not camelCase", init: withField("Size", { type: t.int(), doc }), problem: /camelCase/ },
    { title: "reserved field name", init: withField("urn", { type: t.string(), doc }), problem: /reserved/ },
    {
      title: "required with default",
      init: withField("size", { type: t.int(), doc, required: true, default: 1 }),
      problem: /required field cannot have a default/,
    },
    {
      title: "computed and required",
      init: withField("size", { type: t.int(), doc, computed: true, required: true }),
      problem: /computed field cannot also be required/,
    },
    {
      title: "default of the wrong type",
      init: withField("size", { type: t.int(), doc, default: "one" }),
      problem: /default must be an integer/,
    },
    {
      title: "writeOnly without a computed checksum field",
      init: withField("secret", { type: t.string(), doc, writeOnly: { checksumField: "sum" } }),
      problem: /checksumField "sum"/,
    },
    {
      title: "nested secret",
      init: withField("cfg", {
        doc,
        type: t.object({ token: { type: t.string(), doc, secret: true } }),
      }),
      problem: /top-level fields only/,
    },
    {
      title: "two fields on one GraphQL input member",
      init: withField("title", { type: t.string(), doc, gql: "name" }),
      problem: /collides/,
    },
    {
      title: "a leaf that is also a prefix",
      init: {
        ...base,
        fields: {
          ...base.fields,
          hooks: { type: t.string(), doc },
          afterApplies: { type: t.list(t.string()), doc, gql: "hooks.afterApply" },
        },
      },
      problem: /collides/,
    },
    {
      title: "bad GraphQL path",
      init: withField("size", { type: t.int(), doc, gql: "a..b" }),
      problem: /not a GraphQL field path/,
    },
    {
      title: "update missing on a mutable resource",
      init: { ...base, operations: { ...base.operations, update: undefined } },
      problem: /update is missing/,
    },
    {
      title: "update on an immutable resource",
      init: { ...base, immutable: true },
      problem: /immutable resource has no update/,
    },
    {
      title: "duplicate operation name",
      init: {
        ...base,
        operations: { ...base.operations, delete: mutation("ThingCreate", "thingDelete", { id: arg.id() }) },
      },
      problem: /used twice/,
    },
    {
      title: "read that is a mutation",
      init: {
        ...base,
        operations: { ...base.operations, read: mutation("ThingRead", "thing", { id: arg.id() }) },
      },
      problem: /read must be a query/,
    },
    {
      title: "argument from an unknown field",
      init: {
        ...base,
        operations: {
          ...base.operations,
          delete: mutation("ThingDelete", "thingDelete", { id: arg.field("nope", "ID!") }),
        },
      },
      problem: /unknown field "nope"/,
    },
    {
      title: "colliding variables on a path",
      init: {
        ...base,
        operations: {
          ...base.operations,
          read: query(
            "ThingRead",
            "parent",
            { id: arg.id() },
            { path: [{ field: "child", args: { id: arg.id() } }] },
          ),
        },
      },
      problem: /declared twice/,
    },
    {
      title: "bad variable type",
      init: {
        ...base,
        operations: {
          ...base.operations,
          delete: mutation("ThingDelete", "thingDelete", { id: arg.id("ID!!") }),
        },
      },
      problem: /not a GraphQL type reference/,
    },
    {
      title: "variants without a hook",
      init: {
        ...base,
        operations: {
          ...base.operations,
          delete: variants({ a: mutation("ThingDeleteA", "thingDelete", { id: arg.id() }) }),
        },
      },
      problem: /need hooks.selectVariant/,
    },
    {
      title: "rule on an unknown field",
      init: { ...base, rules: [exactlyOneOf("name", "other")] },
      problem: /unknown field "other"/,
    },
    {
      title: "autoName on a required field",
      init: withField("title", { type: t.string(), doc, autoName: "dash", required: true }),
      problem: /autoName field cannot also be required/,
    },
    {
      title: "autoName on a nested or non-string field",
      init: withField("size", { type: t.int(), doc, autoName: "dash" }),
      problem: /autoName applies to top-level strings only/,
    },
    {
      title: "alwaysSet on a plain argument",
      init: withField("size", { type: t.int(), doc, alwaysSet: true }),
      problem: /alwaysSet applies to computed and serverDefault fields only/,
    },
    {
      title: "formerName that is still a field",
      init: withField("title", { type: t.string(), doc, formerName: "name" }),
      problem: /formerName "name" is still a field/,
    },
    {
      title: "composite id without parse",
      init: { ...base, id: { format: "a/<b>", compose: () => "x" } as unknown as ResourceInit["id"] },
      problem: /compose and parse/,
    },
    {
      title: "asynchronous deletion polled through a read with fields alongside",
      init: {
        ...base,
        asyncDelete: {},
        operations: {
          ...base.operations,
          read: query("ThingRead", "thing", {}, { scalar: "name", alongside: { thingName: "title" } }),
        },
      },
      problem: /asyncDelete: the read operation cannot ask fields alongside/,
    },
  ];
  for (const r of rows) {
    it(`rejects: ${r.title}`, () => {
      let caught: unknown;
      try {
        defineResource(r.init);
      } catch (err) {
        caught = err;
      }
      assert.ok(DescriptorError.isInstance(caught), `expected a DescriptorError for ${r.title}`);
      assert.ok(
        caught.problems.some((p) => r.problem.test(p)),
        `no problem matching ${r.problem}: ${caught.problems.join(" | ")}`,
      );
      assert.match(caught.message, /Invalid descriptor "/);
    });
  }

  it("reports every problem at once", () => {
    const problems = validateDescriptor({
      ...base,
      kind: "bad kind",
      doc: "",
      typeToken: "x",
      id: { fromResult: "id" },
    } as ResourceDescriptor);
    assert.ok(problems.length >= 2);
  });
});
