import { displayName, nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { matching, quoted } from "../existing";

/**
 * VcsAgentPool: proxies through which Spacelift reaches a private VCS installation. Operations and
 * argument types follow Bruno's VCS Agent Pools requests, which agree with terraform-provider-spacelift
 * v1.9.3 (resource_vcs_agent_pool.go).
 */
export const vcsAgentPool = defineResource({
  kind: "VcsAgentPool",
  doc:
    "A **VCS agent pool**: a group of VCS agents, proxies through which Spacelift reaches a VCS installation " +
    "on a private network. Start the agents with the pool's `config`, a secret output that Spacelift hands out " +
    "only when the pool is created: Pulumi encrypts it in state, and a pool brought in with `get` or an import " +
    "has none.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the pool, unique in the account.",
      validate: [nonEmpty(), displayName()],
    },
    description: { type: t.string(), doc: "Free-form description for users." },
    config: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      issuedOnce: true,
      secret: true,
      doc: "Base64 configuration for the pool's agents, issued when the pool is created. Secret.",
    },
  },
  // Names are unique in the account, so Spacelift refuses a second create itself; the pools carry no
  // labels for a marker, so only a create sent in this process (or journalled) can claim one.
  existing: {
    op: query("VcsAgentPoolList", "vcsAgentPools", {}),
    candidates: matching({ name: "name" }),
    describe: (values) => `VCS agent pool ${quoted(values["name"])}`,
  },
  operations: {
    create: mutation("VcsAgentPoolCreate", "vcsAgentPoolCreate", {
      name: arg.field("name", "String!"),
      description: arg.field("description", "String"),
    }),
    read: query("VcsAgentPoolRead", "vcsAgentPool", { id: arg.id() }),
    update: mutation("VcsAgentPoolUpdate", "vcsAgentPoolUpdate", {
      id: arg.id(),
      name: arg.field("name", "String!"),
      description: arg.field("description", "String"),
    }),
    delete: mutation("VcsAgentPoolDelete", "vcsAgentPoolDelete", { id: arg.id() }),
  },
});
