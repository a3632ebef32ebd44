/**
 * Calls the tools of `spacectl mcp server` (stdio JSON-RPC) that read what the emulator models, one
 * after the other, appending a `# step:` marker to the recording (`$REC`) before each call. Run by
 * `scripts/record-spacectl.sh`, which sets `SPACECTL`, `REC` and the Spacelift environment.
 */
import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";

const CALLS: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ["list_spaces", {}],
  ["get_space", { space_id: "platform" }],
  ["list_contexts", {}],
  ["list_contexts", { search: "aws", limit: 10 }],
  ["get_context", { context_id: "aws-defaults" }],
  ["search_contexts", { search: "aws", space: "platform" }],
  ["list_worker_pools", {}],
  ["get_worker_pool", { worker_pool_id: "01JC11ENTWRKRP00L000000001" }],
  ["list_modules", {}],
  ["get_module", { module_id: "terraform-aws-vpc" }],
  ["list_module_versions", { module_id: "terraform-aws-vpc" }],
  ["list_module_versions", { module_id: "terraform-aws-vpc", include_failed: true }],
  ["get_module_version", { module_id: "terraform-aws-vpc", version_id: "01JC11ENTVERS10N0000000001" }],
  ["search_modules", { search: "vpc", terraform_provider: "aws", space: "platform" }],
  ["list_policies", {}],
  ["get_policy", { policy_id: "plan-checks" }],
  ["list_policy_samples", { policy_id: "plan-checks" }],
  ["list_policy_samples_indexed", { policy_id: "plan-checks" }],
  ["list_policy_samples_indexed", { policy_id: "plan-checks", search: "plan", outcome: "deny", limit: 5 }],
  ["get_policy_sample", { policy_id: "plan-checks", sample_key: "01JC11ENTSAMP1EKEY00000001" }],
  ["list_stacks", {}],
  ["list_stacks", { search: "network", limit: 5 }],
  ["list_resources", { stack_id: "network" }],
  ["introspect_graphql_schema", {}],
  ["get_graphql_type_details", { type_name: "Stack" }],
  ["search_graphql_schema_fields", { search_term: "lock" }],
];

interface RpcAnswer {
  readonly id?: number;
  readonly result?: { readonly isError?: boolean };
  readonly error?: { readonly message: string };
}

async function main(): Promise<void> {
  const spacectl = process.env.SPACECTL;
  const recording = process.env.REC;
  if (!spacectl || !recording) {
    throw new Error("SPACECTL and REC must be set (see scripts/record-spacectl.sh)");
  }
  const server = spawn(spacectl, ["mcp", "server"], { stdio: ["pipe", "pipe", "inherit"] });
  const waiting = new Map<number, (answer: RpcAnswer) => void>();
  let buffer = "";
  server.stdout.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      const answer = line ? (JSON.parse(line) as RpcAnswer) : {};
      if (answer.id !== undefined) {
        waiting.get(answer.id)?.(answer);
        waiting.delete(answer.id);
      }
    }
  });
  let nextId = 0;
  const send = (message: Record<string, unknown>): void => {
    server.stdin.write(JSON.stringify({ jsonrpc: "2.0", ...message }) + "\n");
  };
  const call = (method: string, params: Record<string, unknown>): Promise<RpcAnswer> => {
    const id = ++nextId;
    send({ id, method, params });
    return new Promise((resolve) => waiting.set(id, resolve));
  };

  await call("initialize", {
    protocolVersion: "2024-11-05",
    capabilities: {},
    clientInfo: { name: "record-spacectl", version: "1" },
  });
  send({ method: "notifications/initialized" });
  for (const [name, args] of CALLS) {
    appendFileSync(recording, `# step: spacectl mcp server: ${name} ${JSON.stringify(args)}\n`);
    const answer = await call("tools/call", { name, arguments: args });
    const failed = answer.error?.message ?? (answer.result?.isError ? "tool error" : null);
    process.stdout.write(`== mcp ${name} ${JSON.stringify(args)}${failed ? `: FAILED: ${failed}` : ""}\n`);
  }
  server.kill();
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
