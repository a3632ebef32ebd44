import { defineFunction, queryOp } from "../descriptor";
import { FunctionError } from "../invoke";

const STACK_OUTPUTS = queryOp(
  "query GetStackOutputs($id: ID!) { stack(id: $id) { id outputs { id description sensitive } } }",
);

/** `getStackOutputs`: the names and metadata of a stack's outputs (Terraform's `spacelift_stack_outputs`). */
export const getStackOutputs = defineFunction({
  name: "getStackOutputs",
  dataSource: "spacelift_stack_outputs",
  doc:
    "Lists the outputs a stack's last run reported: their names, descriptions and whether they are " +
    "sensitive, for example to make `StackDependencyReference`s to them. Values are not included.",
  args: {
    stackId: { type: "string", doc: "ID (slug) of the stack whose outputs to list." },
  },
  result: {
    id: { type: "string", doc: "ID of the stack, as given." },
    stackId: { type: "string", doc: "ID of the stack." },
    outputs: { type: "GetStackOutputsOutput[]", doc: "The outputs, sorted by name; empty before any run." },
  },
  types: {
    GetStackOutputsOutput: {
      id: { type: "string", doc: "The output's name." },
      description: { type: "string", doc: "What the output holds; empty when it has no description." },
      sensitive: { type: "boolean", doc: "Whether the output is sensitive." },
    },
  },
  async run(args, api) {
    const stackId = args["stackId"] as string;
    const data = await api.query<{
      stack: { outputs: { id: string; description: string | null; sensitive: boolean }[] } | null;
    }>(STACK_OUTPUTS, { id: stackId });
    if (data.stack === null) throw new FunctionError("getStackOutputs", `no stack "${stackId}" (stackId)`);
    const outputs = data.stack.outputs
      .map((o) => ({ id: o.id, description: o.description ?? "", sensitive: o.sensitive }))
      .sort((a, b) => a.id.localeCompare(b.id));
    return { id: stackId, stackId, outputs };
  },
});

/** Tool → the query listing its versions, and the look-up's ID (as Terraform's data source sets it). */
const TOOLS = {
  KUBECTL: { field: "kubectlVersions", id: "kubectl-versions" },
  OPEN_TOFU: { field: "openTofuVersions", id: "open-tofu-versions" },
  TERRAFORM_FOSS: { field: "terraformVersions", id: "terraform-foss-versions" },
  TERRAGRUNT: { field: "terragruntVersions", id: "terragrunt-versions" },
} as const;
type Tool = keyof typeof TOOLS;

const isTool = (value: unknown): value is Tool => typeof value === "string" && Object.hasOwn(TOOLS, value);

/** `getToolVersions`: the versions Spacelift supports of one tool (Terraform's `spacelift_tool_versions`). */
export const getToolVersions = defineFunction({
  name: "getToolVersions",
  dataSource: "spacelift_tool_versions",
  doc:
    "Lists the versions Spacelift can run of one tool (Terraform, OpenTofu, Terragrunt or kubectl), for " +
    "example to pin a stack to the newest one.",
  args: {
    tool: {
      type: "string",
      doc: `The tool: one of ${Object.keys(TOOLS)
        .map((t) => `\`${t}\``)
        .join(", ")}.`,
    },
  },
  result: {
    id: { type: "string", doc: "An identifier of the look-up, e.g. `terraform-foss-versions`." },
    tool: { type: "string", doc: "The tool, as given." },
    versions: { type: "string[]", doc: "The supported versions, in the order Spacelift lists them." },
  },
  checkArgs: (args) =>
    isTool(args["tool"])
      ? undefined
      : `"tool" must be one of ${Object.keys(TOOLS).join(", ")}, got ${JSON.stringify(args["tool"])}`,
  async run(args, api) {
    const tool = args["tool"] as Tool;
    const { field, id } = TOOLS[tool];
    const data = await api.query<Record<string, string[]>>(
      queryOp(`query GetToolVersions${tool.replace(/_/g, "")} { ${field} }`),
    );
    return { id, tool, versions: [...(data[field] ?? [])] };
  },
});
