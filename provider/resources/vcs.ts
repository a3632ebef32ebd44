/**
 * The VCS blocks of stacks and modules (`githubEnterprise: { namespace }`, `rawGit: { namespace,
 * url }`, ...), as Spacelift's Terraform provider spells them. The API has no such blocks: it has
 * one `provider` enum plus `namespace`, `repositoryURL` and `vcsIntegrationId` (read back as
 * `vcsIntegration { id }`), and the block that is set decides all four. So each block reads itself
 * from the whole object (`readFrom`), and {@link withVcsInput}, used as the descriptor's
 * `hooks.shapeInput`, writes the four members from whichever block is set. With no block, the
 * source is GitHub through the account's default integration.
 *
 * @packageDocumentation
 */

import { httpUrl, nonEmpty } from "../engine/constraints";
import type { FieldSpec } from "../engine/descriptor";
import { t, type ObjectType } from "../engine/fieldTypes";
import { atMostOneOf, type Rule } from "../engine/rules";
import { isRecord, type JsonObject, type JsonValue, type Values } from "../engine/values";

/** How one block maps onto the API's source members. */
interface VcsBlock {
  /** The `VCSProvider` value the block stands for. */
  readonly provider: string;
  /** Human name for docs. */
  readonly title: string;
  /** Pulumi name and doc of the member that holds the API's `namespace`; none for Spacelift repos. */
  readonly namespace?: { readonly name: string; readonly doc: string };
  /** The member holding the integration id, absent for raw Git (which has no integration). */
  readonly integration: boolean;
  /** The member holding the repository URL (raw Git only). */
  readonly url?: boolean;
  /**
   * A Spacelift repo: the block has no members, and the source is addressed by the repo's ID (slug),
   * which the `repository` argument holds and is sent as `vcsIntegrationId`.
   */
  readonly spaceliftRepo?: boolean;
}

/** Every block, by Pulumi argument name. */
export const VCS_BLOCKS = {
  azureDevops: {
    provider: "AZURE_DEVOPS",
    title: "Azure DevOps",
    namespace: { name: "project", doc: "Name of the Azure DevOps project holding the repository." },
    integration: true,
  },
  bitbucketCloud: {
    provider: "BITBUCKET_CLOUD",
    title: "Bitbucket Cloud",
    namespace: { name: "namespace", doc: "Bitbucket project (workspace) holding the repository." },
    integration: true,
  },
  bitbucketDatacenter: {
    provider: "BITBUCKET_DATACENTER",
    title: "Bitbucket Data Center",
    namespace: { name: "namespace", doc: "Bitbucket project holding the repository." },
    integration: true,
  },
  githubEnterprise: {
    provider: "GITHUB_ENTERPRISE",
    title: "GitHub Enterprise (a GitHub App integration)",
    namespace: { name: "namespace", doc: "GitHub organization or user owning the repository." },
    integration: true,
  },
  gitlab: {
    provider: "GITLAB",
    title: "GitLab",
    namespace: { name: "namespace", doc: "GitLab group or user owning the repository." },
    integration: true,
  },
  rawGit: {
    provider: "GIT",
    title: "any Git server, read over HTTPS without an integration",
    namespace: { name: "namespace", doc: "A namespace to show for the repository; cosmetic only." },
    integration: false,
    url: true,
  },
  // Spacelift's Terraform provider 8565261 (`spacelift_repo`, resource_stack.go and
  // resource_module.go source input): provider SPACELIFT, vcsIntegrationId = the repository.
  spaceliftRepo: {
    provider: "SPACELIFT",
    title: "a Spacelift repo (`repository` is the repo's ID, `branch` must be `main`)",
    integration: false,
    spaceliftRepo: true,
  },
} as const satisfies Record<string, VcsBlock>;

/** The Pulumi name of a VCS block. */
export type VcsBlockName = keyof typeof VCS_BLOCKS;

const BLOCK_NAMES = Object.keys(VCS_BLOCKS) as VcsBlockName[];

// Every block reads from the same members; the engine writes a shared selection once.
const SOURCE_SELECTION = "provider namespace repositoryURL vcsIntegration { id isDefault }";

function blockField(name: VcsBlockName, owner: string): FieldSpec<ObjectType> {
  const block: VcsBlock = VCS_BLOCKS[name];
  const others = BLOCK_NAMES.filter((n) => n !== name)
    .map((n) => `\`${n}\``)
    .join(", ");
  const fields: Record<string, FieldSpec> = {};
  if (block.namespace) {
    fields[block.namespace.name] = {
      type: t.string(),
      required: true,
      doc: block.namespace.doc,
      validate: [nonEmpty()],
    };
  }
  if (block.integration) {
    fields["id"] = {
      type: t.string(),
      // When unset, Spacelift uses the account's default integration and reports its id.
      serverDefault: true,
      doc: `ID of the ${block.title} integration to use. When unset, the default integration is used.`,
      validate: [nonEmpty()],
    };
    // Spacelift's Terraform provider (v1.9.3 and 8565261) reads it from `vcsIntegration.isDefault`.
    fields["isDefault"] = {
      type: t.boolean(),
      computed: true,
      alwaysSet: true,
      doc: `Whether the integration used is the account's default ${block.title} integration.`,
    };
  }
  if (block.url) {
    fields["url"] = {
      type: t.string(),
      required: true,
      doc: "HTTPS URL of the Git repository.",
      validate: [nonEmpty(), httpUrl()],
    };
  }
  const empty = block.spaceliftRepo
    ? " The block takes no settings: set it as `{}`. Spacelift repos have no branches; the " +
      owner +
      " always tracks the latest commit."
    : "";
  return {
    type: t.object(fields),
    gql: false,
    readFrom: { select: SOURCE_SELECTION, read: (obj) => readBlock(block, obj) },
    doc: `Take the ${owner}'s source from ${block.title}.${empty} Cannot be combined with ${others}.`,
  };
}

function readBlock(block: VcsBlock, obj: JsonObject): JsonValue | undefined {
  if (obj["provider"] !== block.provider) return undefined;
  const out: JsonObject = {};
  const namespace = obj["namespace"];
  if (block.namespace && typeof namespace === "string") out[block.namespace.name] = namespace;
  const integration = obj["vcsIntegration"];
  if (block.integration && isRecord(integration) && typeof integration["id"] === "string") {
    out["id"] = integration["id"];
    if (typeof integration["isDefault"] === "boolean") out["isDefault"] = integration["isDefault"];
  }
  const url = obj["repositoryURL"];
  if (block.url && typeof url === "string") out["url"] = url;
  return out;
}

/** The VCS block arguments of a stack or module (`owner`: "stack", "module"). */
export function vcsFields(owner: string): Record<VcsBlockName, FieldSpec<ObjectType>> {
  return Object.fromEntries(BLOCK_NAMES.map((name) => [name, blockField(name, owner)])) as Record<
    VcsBlockName,
    FieldSpec<ObjectType>
  >;
}

/** At most one block may be set. */
export const vcsRules: readonly Rule[] = [atMostOneOf(...BLOCK_NAMES)];

/** The API's source members for the block set in `values` (GitHub when none is). */
export function vcsInput(values: Values): JsonObject {
  for (const name of BLOCK_NAMES) {
    const value = values[name];
    if (!isRecord(value)) continue;
    const block: VcsBlock = VCS_BLOCKS[name];
    const str = (key: string): JsonValue => {
      const v = value[key];
      return typeof v === "string" ? v : null;
    };
    if (block.spaceliftRepo) {
      const repository = values["repository"];
      return {
        provider: block.provider,
        namespace: null,
        repositoryURL: null,
        vcsIntegrationId: typeof repository === "string" ? repository : null,
      };
    }
    return {
      provider: block.provider,
      namespace: block.namespace ? str(block.namespace.name) : null,
      repositoryURL: block.url ? str("url") : null,
      vcsIntegrationId: block.integration ? str("id") : null,
    };
  }
  return { provider: "GITHUB", namespace: null, repositoryURL: null, vcsIntegrationId: null };
}

/** `hooks.shapeInput` for a stack or module: the input plus the source members of its VCS block. */
export function withVcsInput(input: JsonObject, values: Values): JsonObject {
  return { ...input, ...vcsInput(values) };
}
