import { requireViewer } from "../context";
import type { Store } from "../store";
import type { DomainModule } from "./domainModule";
import type { FieldResolver } from "./resolverMap";
import type { StackRecord } from "./stackRecords";

/** One output of a stack's last run, as `Stack.outputs` answers it. */
export interface StackOutputRecord {
  /** The output's name. */
  readonly id: string;
  readonly description: string | null;
  readonly sensitive: boolean;
  /** The value; null for a sensitive output, which the API never returns. */
  readonly value: string | null;
}

function outputs(store: Store): Map<string, readonly StackOutputRecord[]> {
  return store.collection<readonly StackOutputRecord[]>("stackOutputs");
}

/**
 * Records the outputs a stack's last run reported. The emulator executes no code, so tests set
 * them here, as a finished run would. Sensitive values are dropped: the API never returns them.
 *
 * @param store - the emulator's store
 * @param stackId - the stack
 * @param list - the outputs, replacing any recorded before
 */
export function setStackOutputs(store: Store, stackId: string, list: readonly StackOutputRecord[]): void {
  outputs(store).set(
    stackId,
    list.map((o) => ({ ...o, value: o.sensitive ? null : o.value })),
  );
}

// The versions the emulator offers, newest first, as the catalogue lists them. Terraform FOSS
// ends at 1.5.7, the last release under the MPL.
const VERSIONS = {
  terraformVersions: ["1.5.7", "1.5.6", "1.5.5", "1.4.7", "1.3.10", "1.2.9", "1.1.9", "1.0.11"],
  openTofuVersions: ["1.9.0", "1.8.8", "1.8.0", "1.7.6", "1.6.3"],
  terragruntVersions: ["0.72.0", "0.69.13", "0.67.16", "0.55.21"],
  kubectlVersions: ["1.32.0", "1.31.4", "1.30.8", "1.29.12"],
} as const;

const versionList =
  (list: readonly string[]): FieldResolver<unknown, unknown, string[]> =>
  (_parent, _args, ctx) => {
    requireViewer(ctx);
    return [...list];
  };

/**
 * What the stack data functions read beyond the stack: the tool version catalogue, and the outputs
 * of a stack's last run (empty until a test records some with {@link setStackOutputs}).
 */
export const stackFunctionsModule: DomainModule = {
  resolvers: {
    Query: Object.fromEntries(Object.entries(VERSIONS).map(([field, list]) => [field, versionList(list)])),
    Stack: {
      outputs: ((stack, _args, ctx) => [...(outputs(ctx.store).get(stack.id) ?? [])]) satisfies FieldResolver<
        StackRecord,
        unknown,
        StackOutputRecord[]
      >,
    },
  },
  removeProjectData(store, projectId) {
    outputs(store).delete(projectId);
  },
};
