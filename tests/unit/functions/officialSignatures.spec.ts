import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

import * as sdk from "../../../sdk";
import { functionDescriptors, functionDescriptor } from "../../../provider/functions/registry";
import { argumentMode, nestedName } from "../../../scripts/lib/generateFunctions";
import type { FunctionDescriptor, FunctionFields } from "../../../provider/functions/descriptor";

/** One member of an official interface, as `scripts/official-sdk/extract-functions.ts` records it. */
interface OfficialMember {
  readonly name: string;
  readonly optional: boolean;
  readonly type: string;
}

interface OfficialFunction {
  readonly name: string;
  readonly params: "none" | "optional" | "required";
  readonly args: readonly OfficialMember[];
  readonly result: readonly OfficialMember[];
}

interface OfficialTable {
  readonly functions: readonly OfficialFunction[];
  readonly inputTypes: Record<string, readonly OfficialMember[]>;
  readonly outputTypes: Record<string, readonly OfficialMember[]>;
}

// Names and types of every function of Spacelift's official SDK (Apache-2.0), recorded from its
// source; see the file's `source` and `commit`.
const official = JSON.parse(
  fs.readFileSync(path.join(__dirname, "../../fixtures/official-sdk/functions.json"), "utf8"),
) as OfficialTable;

// The 43 functions of the official SDK, written out so that a shrinking fixture cannot pass silently.
const OFFICIAL_FUNCTIONS = [
  "getAccount",
  "getAwsIntegration",
  "getAwsIntegrationAttachment",
  "getAwsIntegrationAttachmentExternalId",
  "getAwsIntegrations",
  "getAwsRole",
  "getAzureDevopsIntegration",
  "getAzureIntegration",
  "getAzureIntegrationAttachment",
  "getAzureIntegrations",
  "getBitbucketCloudIntegration",
  "getBitbucketDatacenterIntegration",
  "getContext",
  "getContextAttachment",
  "getContexts",
  "getCurrentSpace",
  "getCurrentStack",
  "getDriftDetection",
  "getEnvironmentVariable",
  "getGcpServiceAccount",
  "getGithubEnterpriseIntegration",
  "getGitlabIntegration",
  "getGitlabWebhookEndpoint",
  "getIPs",
  "getModule",
  "getMountedfile",
  "getNamedWebhook",
  "getPolicies",
  "getPolicy",
  "getScheduledDeleteStack",
  "getScheduledTask",
  "getSpace",
  "getSpaceByPath",
  "getSpaces",
  "getStack",
  "getStackAwsRole",
  "getStackGcpServiceAccount",
  "getStacks",
  "getVcsAgentPool",
  "getVcsAgentPools",
  "getWebhook",
  "getWorkerPool",
  "getWorkerPools",
];

/** `outputs.GetStackAnsible[]` / `inputs.X` → `GetStackAnsible[]` / `X`: the namespace is ours to choose. */
function bare(type: string): string {
  return type.replace(/\b(?:inputs|outputs)\./g, "").replace(/\s+/g, "");
}

function fieldTable(fields: FunctionFields): Record<string, { optional: boolean; type: string }> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, spec]) => [
      name,
      { optional: spec.optional === true, type: bare(spec.type) },
    ]),
  );
}

function officialTable(
  members: readonly OfficialMember[],
): Record<string, { optional: boolean; type: string }> {
  return Object.fromEntries(members.map((m) => [m.name, { optional: m.optional, type: bare(m.type) }]));
}

describe("data functions against the official SDK's", () => {
  it("the fixture lists exactly the 43 official functions", () => {
    assert.deepEqual(official.functions.map((f) => f.name).sort(), [...OFFICIAL_FUNCTIONS].sort());
  });

  for (const name of OFFICIAL_FUNCTIONS) {
    describe(name, () => {
      const theirs = () => official.functions.find((f) => f.name === name) as OfficialFunction;
      const ours = () => {
        const found = functionDescriptor(name);
        assert.ok(found, `${name} has no descriptor`);
        return found;
      };

      it("exists in the SDK as a Promise function and an Output function", () => {
        const exports = sdk as unknown as Record<string, unknown>;
        assert.equal(typeof exports[name], "function");
        assert.equal(typeof exports[`${name}Output`], "function");
      });

      it("takes the same arguments, each as optional as there", () => {
        assert.deepEqual(fieldTable(ours().args), officialTable(theirs().args));
        assert.equal(argumentMode(ours()), theirs().params);
      });

      it("returns the same fields with the same types", () => {
        // A secret field is typed as an output in our SDK; its value type must still match.
        assert.deepEqual(fieldTable(ours().result), officialTable(theirs().result));
      });

      it("names its nested types as the official SDK does, with the same fields", () => {
        const d: FunctionDescriptor = ours();
        const used = (fields: FunctionFields) =>
          Object.values(fields).flatMap((f) => {
            const n = nestedName(f.type);
            return n === undefined ? [] : [n];
          });
        for (const [role, fields, table] of [
          ["argument", d.args, official.inputTypes],
          ["result", d.result, official.outputTypes],
        ] as const) {
          for (const typeName of used(fields)) {
            const theirsType = table[typeName];
            assert.ok(theirsType, `${role} type ${typeName} is not in the official SDK`);
            assert.deepEqual(fieldTable(d.types?.[typeName] ?? {}), officialTable(theirsType), typeName);
          }
        }
      });
    });
  }

  it("every function we have beyond the official ones is documented as newer", () => {
    const extra = functionDescriptors().filter((d) => !OFFICIAL_FUNCTIONS.includes(d.name));
    for (const d of extra) {
      assert.match(d.dataSource, /^spacelift_/, d.name);
      assert.ok(d.doc.length > 20, d.name);
    }
  });
});
