import { httpUrl, nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import {
  asUpdateInput,
  createCustomInput,
  customVcsFields,
  integrationAtItsName,
  tokenChecksumField,
  tokenField,
  updateCustomInput,
  webhookSecretField,
} from "./customInput";

/**
 * GitlabIntegration: a GitLab instance Spacelift reaches with a private token. Arguments follow
 * terraform-provider-spacelift 8565261 (resource_gitlab_integration.go): `privateToken` is its
 * `private_token`; the `private_token_wo`/`_wo_version` pair is Terraform-only machinery for values
 * kept out of state, which `writeOnly` does here. Operations and argument types follow Bruno's
 * "VCS Integrations/GitLab" requests. The ID is the integration's, Terraform's import ID.
 */
export const gitlabIntegration = defineResource({
  kind: "GitlabIntegration",
  officialClass: false,
  doc:
    "A **GitLab integration**: a GitLab instance (gitlab.com or self-managed) that stacks and modules get their " +
    "code from, reached with an API token. The token is write-only: Spacelift never returns it, and state keeps " +
    "only its SHA-256 checksum. Point GitLab's webhooks at `webhookUrl`, signed with `webhookSecret` (a secret " +
    "output). Changing `name` or `isDefault` replaces the integration; everything else updates in place.",
  fields: {
    ...customVcsFields("GitLab"),
    apiHost: {
      type: t.string(),
      required: true,
      gqlInput: false,
      doc: "URL of the GitLab instance's API, e.g. `https://gitlab.com`.",
      validate: [nonEmpty(), httpUrl()],
    },
    userFacingHost: {
      type: t.string(),
      required: true,
      gqlInput: false,
      doc:
        "URL users open in a browser, used for the links Spacelift shows; differs from `apiHost` when " +
        "Spacelift reaches GitLab through VCS agents.",
      validate: [nonEmpty(), httpUrl()],
    },
    privateToken: tokenField("privateTokenChecksum", "GitLab API token Spacelift authenticates with."),
    privateTokenChecksum: tokenChecksumField("privateToken"),
    webhookUrl: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      doc: "URL GitLab's project or group webhooks must call.",
    },
    webhookSecret: webhookSecretField("webhookSecret", "Secret GitLab's webhooks must send to be accepted."),
  },
  // The ID is the name's slug, so a replacement that keeps the name (a new default flag, or user-facing
  // host) would collide with its predecessor: the old integration goes first.
  deleteBeforeReplace: true,
  existing: integrationAtItsName("GitlabIntegrationLookUp", "gitlabIntegration", "GitLab integration"),
  operations: {
    create: mutation("GitlabIntegrationCreate", "gitlabIntegrationCreate", {
      apiHost: arg.field("apiHost", "String!"),
      userFacingHost: arg.field("userFacingHost", "String"),
      privateToken: arg.field("privateToken", "String!"),
      customInput: createCustomInput,
    }),
    read: query("GitlabIntegrationRead", "gitlabIntegration", { id: arg.id("ID") }),
    update: mutation(
      "GitlabIntegrationUpdate",
      "gitlabIntegrationUpdate",
      {
        apiHost: arg.field("apiHost", "String"),
        userFacingHost: arg.field("userFacingHost", "String"),
        privateToken: arg.field("privateToken", "String"),
        customInput: updateCustomInput,
      },
      { shapeInput: asUpdateInput },
    ),
    delete: mutation("GitlabIntegrationDelete", "gitlabIntegrationDelete", { id: arg.id("ID") }),
  },
});
