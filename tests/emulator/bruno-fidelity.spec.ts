import assert from "node:assert/strict";
import { buildSchema, execute, parse, validate, type GraphQLSchema } from "graphql";
import { CredentialRegistry } from "../../emulator/credentials";
import type { RequestContext } from "../../emulator/requestContext";
import { buildEmulatorSchema, loadTypeDefs } from "../../emulator/schema";
import { seedSchedule } from "../../emulator/resolvers/schedules";
import { seed, type SeedResult } from "../../emulator/seed";
import { Store } from "../../emulator/store";
import { TokenService } from "../../emulator/tokens";
import { loadBrunoRequests, type BrunoRequest } from "../helpers/bruno";
import { brunoVariables } from "../helpers/brunoVariables";

/**
 * Sends every request of Spacelift's Bruno collection that the emulator serves (folders below) to
 * the emulator's schema: the document must validate against `emulator/schema.graphql`, and,
 * executed with real variables against seeded data, must succeed and return data.
 */

const FOLDERS = [
  "Auth",
  "Spaces",
  "Stacks",
  "Contexts",
  "Policies",
  "Modules",
  "Drift Detection",
  "Webhooks",
  "Worker Pools",
  "Cloud Integrations/AWS",
  "Cloud Integrations/Azure",
];

/** Requests in {@link FOLDERS} the emulator deliberately does not serve, with the reason. */
const LEFT_OUT: Readonly<Record<string, string>> = {
  "Spaces/Attachable Resources/Attachable External Integrations.bru":
    "external integrations are not emulated",
  "Spaces/Attachable Resources/Attachable VCS Integrations.bru":
    "VCS integrations are not emulated (stacks only keep their vcsIntegrationId)",
  "Spaces/Get Integrations Count.bru":
    "account-wide counters over integration kinds the emulator does not serve",
  "Spaces/Get Metrics.bru": "run metrics: the emulator executes no runs",
  "Spaces/Get Metrics Range.bru": "run metrics: the emulator executes no runs",
  "Stacks/Dependencies/Add References.bru": "batch variants of the dependency mutations are not emulated",
  "Stacks/Dependencies/Batch Create Dependencies.bru":
    "batch variants of the dependency mutations are not emulated",
  "Stacks/Dependencies/Delete References.bru": "batch variants of the dependency mutations are not emulated",
  "Stacks/Dependencies/Update References.bru": "batch variants of the dependency mutations are not emulated",
  "Stacks/Get State Download URL.bru": "managed Terraform state storage is not emulated",
  "Stacks/Import State.bru": "managed Terraform state storage is not emulated",
  "Stacks/Rollback State.bru": "managed Terraform state storage is not emulated",
  "Stacks/Reslug Stack.bru": "re-slugging is not emulated: stack ids never change",
  "Stacks/Star Stack.bru": "per-user stars are not emulated",
  "Policies/Attach to Intent Project.bru": "intent projects are not emulated",
  "Policies/Detach from Intent Project.bru": "intent projects are not emulated",
  "Policies/Autoattachment for Labels.bru": "label-based auto-attachment is not emulated",
  "Policies/Get Policy Template.bru": "the policy template library is not emulated",
  "Policies/Search Policy Templates.bru": "the policy template library is not emulated",
  "Policies/Simulate Policy.bru": "evaluating Rego is out of the emulator's scope",
  "Modules/List Shared Modules.bru": "sharing modules across accounts: the emulator is one account",
  "Modules/List Shared Modules V2.bru": "sharing modules across accounts: the emulator is one account",
  "Modules/Versions/Annotate Version.bru": "module versions need runs, which are not emulated",
  "Modules/Versions/Propose Local Workspace.bru": "module versions need runs, which are not emulated",
  "Modules/Versions/Push Version.bru": "module versions need runs, which are not emulated",
  "Modules/Versions/Trigger Version.bru": "module versions need runs, which are not emulated",
  "Modules/Versions/Yank Version.bru": "module versions need runs, which are not emulated",
  "Worker Pools/Get Public Worker Pool.bru":
    "live counters of Spacelift's public workers: the emulator runs none",
  "Worker Pools/Set Worker Drain.bru": "individual workers are not emulated",
  "Cloud Integrations/AWS/Attach to Intent Project.bru": "intent projects are not emulated",
  "Cloud Integrations/AWS/Detach from Intent Project.bru": "intent projects are not emulated",
  "Cloud Integrations/AWS/List Enabled AWS Integrations.bru":
    "awsIntegrationsEnabled is a scalar whose meaning no public source documents",
};

const API_KEY = { id: "01HZZZZZZZZZZZZZZZZZZZZZZZ", secret: "bruno-secret" };

/** Data every request runs against; each request gets a fresh copy. */
function seedFixture(store: Store, now: number): SeedResult {
  seedSchedule(store, now, { id: "bruno-scheduled-task", stack: "bruno-stack", command: "echo hello" });
  seedSchedule(store, now, { id: "bruno-scheduled-delete", stack: "bruno-stack" });
  seedSchedule(store, now, { id: "bruno-scheduled-run", stack: "bruno-stack", name: "Bruno run" });
  return seed(
    store,
    {
      spaces: [{ id: "bruno-space", name: "Bruno space", inheritEntities: true }],
      stacks: [
        {
          name: "Bruno stack",
          labels: ["bruno"],
          config: [{ id: "MY_ENV_VAR", type: "ENVIRONMENT_VARIABLE", value: "v", writeOnly: false }],
        },
        { name: "Attached stack" },
        // A dependency with a reference and drift detection, away from the stacks other requests delete.
        { name: "Upstream stack" },
        { name: "Downstream stack" },
      ],
      modules: [{ repository: "terraform-aws-bruno-module" }],
      contexts: [
        {
          name: "Bruno context",
          config: [{ id: "SEEDED_VAR", type: "ENVIRONMENT_VARIABLE", value: "x", writeOnly: true }],
        },
      ],
      policies: [{ name: "Bruno policy", type: "PLAN" }],
      contextAttachments: [{ context: "bruno-context", stack: "attached-stack" }],
      policyAttachments: [{ policy: "bruno-policy", stack: "attached-stack" }],
      driftDetections: [{ stack: "downstream-stack", schedule: ["0 * * * *"] }],
      stackDependencies: [{ stackId: "downstream-stack", dependsOnStackId: "upstream-stack" }],
      stackDependencyReferences: [
        {
          stackId: "downstream-stack",
          dependsOnStackId: "upstream-stack",
          outputName: "seeded_output",
          inputName: "TF_VAR_seeded",
        },
      ],
      workerPools: [{ id: "bruno-worker-pool", name: "Bruno pool" }],
      namedWebhooks: [
        { id: "bruno-named-webhook", name: "Bruno webhook", endpoint: "https://example.com/named" },
      ],
      awsIntegrations: [
        {
          id: "bruno-aws-integration",
          name: "my-aws-integration",
          roleArn: "arn:aws:iam::123456789012:role/spacelift-role",
        },
      ],
      webhooks: [{ id: "bruno-stack-webhook", stack: "bruno-stack", endpoint: "https://example.com/stack" }],
      awsIntegrationAttachments: [{ integration: "bruno-aws-integration", stack: "attached-stack" }],
      azureIntegrations: [
        {
          id: "bruno-azure-integration",
          name: "my-azure-integration",
          tenantID: "11111111-2222-4333-8444-555555555555",
        },
      ],
      azureIntegrationAttachments: [{ integration: "bruno-azure-integration", stack: "attached-stack" }],
      moduleVersions: [
        { id: "bruno-module-version", module: "terraform-aws-bruno-module", version: "1.0.0" },
      ],
    },
    now,
  );
}

/** What each placeholder of the collection's example variables stands for in the fixture. */
const PLACEHOLDERS: Readonly<Record<string, string>> = {
  "{{SPACELIFT_API_KEY_ID}}": API_KEY.id,
  "{{SPACELIFT_API_KEY_SECRET}}": API_KEY.secret,
  SPACE_ID_HERE: "bruno-space",
  TARGET_SPACE_ID_HERE: "bruno-space",
  STACK_ID_HERE: "bruno-stack",
  CONTEXT_ID_HERE: "bruno-context",
  CONFIG_ID_HERE: "SEEDED_VAR",
  POLICY_ID_HERE: "bruno-policy",
  MODULE_ID_HERE: "terraform-aws-bruno-module",
  DEPENDENCY_STACK_ID_HERE: "upstream-stack",
  WEBHOOK_ID_HERE: "bruno-named-webhook",
  WORKER_POOL_ID_HERE: "bruno-worker-pool",
  AWS_INTEGRATION_ID_HERE: "bruno-aws-integration",
  AZURE_INTEGRATION_ID_HERE: "bruno-azure-integration",
  SCHEDULED_TASK_ID_HERE: "bruno-scheduled-task",
  SCHEDULED_DELETE_ID_HERE: "bruno-scheduled-delete",
  SCHEDULED_RUN_ID_HERE: "bruno-scheduled-run",
  VERSION_ID_HERE: "bruno-module-version",
  COMMIT_SHA_HERE: "0123456789abcdef0123456789abcdef01234567",
};

function requestContext(store: Store, now: number): RequestContext {
  return {
    viewer: { id: API_KEY.id, name: "Bruno", credential: API_KEY.id },
    store,
    now: () => now,
    baseUrl: "http://127.0.0.1:1",
    tokens: new TokenService({ audience: "http://127.0.0.1:1", ttlSeconds: 3600, now: () => now }),
    credentials: new CredentialRegistry([API_KEY]),
    tokenId: "bruno-token",
  };
}

/** The operation's single root field's value must be there: non-null, and a non-empty list or page. */
function assertHasData(request: BrunoRequest, data: Record<string, unknown> | null | undefined): void {
  assert.ok(data, `${request.relativePath}: no data`);
  for (const [field, value] of Object.entries(data)) {
    assert.notEqual(value, null, `${request.relativePath}: ${field} is null`);
    if (Array.isArray(value)) {
      assert.ok(value.length > 0, `${request.relativePath}: ${field} is an empty list`);
    }
    const edges = (value as { edges?: unknown[] }).edges;
    if (Array.isArray(edges)) {
      assert.ok(edges.length > 0, `${request.relativePath}: ${field} has no edges`);
    }
  }
}

describe("Bruno fidelity: the collection's requests against the emulator schema", () => {
  const requests = loadBrunoRequests(FOLDERS);
  const checked = requests.filter((r) => !(r.relativePath in LEFT_OUT));
  let sdlSchema: GraphQLSchema;
  let schema: GraphQLSchema;
  let executed = 0;

  before(() => {
    sdlSchema = buildSchema(loadTypeDefs());
    schema = buildEmulatorSchema();
  });

  after(() => {
    console.log(
      `      Bruno fidelity: ${executed} of ${checked.length} in-scope requests validated and executed; ` +
        `${requests.length - checked.length} left out on purpose`,
    );
  });

  it("accounts for every request of the folders: checked, or left out with a reason", () => {
    assert.ok(requests.length > 0, "no requests found in the collection");
    const paths = new Set(requests.map((r) => r.relativePath));
    const stale = Object.keys(LEFT_OUT).filter((p) => !paths.has(p));
    assert.deepEqual(stale, [], "left-out requests that are not in the collection");
    const withoutDocument = checked.filter((r) => r.graphql === null).map((r) => r.relativePath);
    assert.deepEqual(withoutDocument, [], "checked requests without a GraphQL document");
  });

  it("has no left-out request that the schema now serves (move it to the checked ones)", () => {
    const nowValid = requests
      .filter((r) => r.relativePath in LEFT_OUT && r.graphql !== null)
      .filter((r) => validate(sdlSchema, parse(r.graphql ?? "")).length === 0)
      .map((r) => r.relativePath);
    assert.deepEqual(nowValid, []);
  });

  for (const request of checked) {
    it(request.relativePath, async () => {
      const document = parse(request.graphql ?? "");
      const problems = validate(sdlSchema, document).map((e) => e.message);
      assert.deepEqual(
        problems,
        [],
        `${request.relativePath} does not validate against emulator/schema.graphql`,
      );

      const now = Date.UTC(2025, 0, 1);
      const store = new Store();
      const seeded = seedFixture(store, now);
      const variableValues = brunoVariables(request, PLACEHOLDERS, seeded);

      const result = await execute({
        schema,
        document,
        variableValues,
        contextValue: requestContext(store, now),
      });
      assert.deepEqual(
        result.errors?.map((e) => e.message) ?? [],
        [],
        `${request.relativePath} failed with variables ${JSON.stringify(variableValues)}`,
      );
      assertHasData(request, result.data);
      executed++;
    });
  }
});
