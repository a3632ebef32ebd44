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
 * AzureDevopsIntegration: an Azure DevOps organization Spacelift reaches with a personal access
 * token. Arguments follow terraform-provider-spacelift 8565261 (resource_azure_devops_integration.go):
 * `userFacingHost` is optional, defaults to the organization URL and replaces the integration when
 * changed; `personalAccessToken` is its `personal_access_token` (its `_wo` pair is Terraform-only
 * machinery, which `writeOnly` does here). Operations follow Bruno's "VCS Integrations/Azure DevOps"
 * requests, plus `userFacingHost` on the update, which the Terraform provider sends.
 */
export const azureDevopsIntegration = defineResource({
  kind: "AzureDevopsIntegration",
  officialClass: false,
  doc:
    "An **Azure DevOps integration**: an Azure DevOps organization that stacks and modules get their code from, " +
    "reached with a personal access token. The token is write-only: Spacelift never returns it, and state keeps " +
    "only its SHA-256 checksum. Azure DevOps service hooks must call `webhookUrl` with the password " +
    "`webhookPassword` (a secret output). Changing `name`, `isDefault` or `userFacingHost` replaces the " +
    "integration; everything else updates in place.",
  fields: {
    ...customVcsFields("Azure DevOps"),
    organizationUrl: {
      type: t.string(),
      required: true,
      gqlInput: false,
      gqlOutput: "organizationURL",
      doc: "URL of the organization, `https://dev.azure.com/<organization>`; API requests go there.",
      validate: [nonEmpty(), httpUrl()],
    },
    userFacingHost: {
      type: t.string(),
      serverDefault: true,
      alwaysSet: true,
      replaceOnChange: true,
      gqlInput: false,
      doc:
        "URL users open in a browser; set it when Spacelift reaches Azure DevOps through VCS agents. When " +
        "unset, Spacelift uses `organizationUrl` and the value is kept.",
      validate: [nonEmpty(), httpUrl()],
    },
    personalAccessToken: tokenField(
      "personalAccessTokenChecksum",
      "Azure DevOps personal access token Spacelift authenticates with.",
    ),
    personalAccessTokenChecksum: tokenChecksumField("personalAccessToken"),
    accessibleProjects: {
      type: t.set(t.string()),
      gqlInput: false,
      doc: "Azure DevOps projects the integration may reach; every project of the organization when unset or empty.",
      validateEach: [nonEmpty()],
    },
    webhookUrl: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      doc: "URL Azure DevOps service hooks must call.",
    },
    webhookPassword: webhookSecretField(
      "webhookPassword",
      "Password Azure DevOps service hooks must send (basic authentication) to be accepted.",
    ),
  },
  // The ID is the name's slug, so a replacement that keeps the name (a new default flag, or user-facing
  // host) would collide with its predecessor: the old integration goes first.
  deleteBeforeReplace: true,
  existing: integrationAtItsName(
    "AzureDevopsIntegrationLookUp",
    "azureDevOpsRepoIntegration",
    "Azure DevOps integration",
  ),
  operations: {
    create: mutation("AzureDevopsIntegrationCreate", "azureDevOpsRepoIntegrationCreate", {
      organizationURL: arg.field("organizationUrl", "String!"),
      userFacingHost: arg.field("userFacingHost", "String"),
      personalAccessToken: arg.field("personalAccessToken", "String!"),
      customInput: createCustomInput,
      accessibleProjects: arg.field("accessibleProjects", "[String!]"),
    }),
    read: query("AzureDevopsIntegrationRead", "azureDevOpsRepoIntegration", { id: arg.id("ID") }),
    update: mutation(
      "AzureDevopsIntegrationUpdate",
      "azureDevOpsRepoIntegrationUpdate",
      {
        organizationURL: arg.field("organizationUrl", "String!"),
        userFacingHost: arg.field("userFacingHost", "String"),
        personalAccessToken: arg.field("personalAccessToken", "String"),
        customInput: updateCustomInput,
        accessibleProjects: arg.field("accessibleProjects", "[String!]"),
      },
      { shapeInput: asUpdateInput },
    ),
    delete: mutation("AzureDevopsIntegrationDelete", "azureDevOpsRepoIntegrationDelete", {
      id: arg.id("ID"),
    }),
  },
});
