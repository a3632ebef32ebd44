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
 * BitbucketDatacenterIntegration: a Bitbucket Data Center (Server) instance Spacelift reaches with a
 * user's access token. Arguments follow terraform-provider-spacelift 8565261
 * (resource_bitbucket_datacenter_integration.go), where `username` is required and `is_default` has
 * no default; here `isDefault` defaults to `false` like the other VCS kinds, and `name` and
 * `isDefault` replace the integration because `CustomVCSUpdateInput` cannot change them (Terraform
 * would send an update that leaves them as they were). Operations follow Bruno's
 * "VCS Integrations/Bitbucket Datacenter" requests.
 */
export const bitbucketDatacenterIntegration = defineResource({
  kind: "BitbucketDatacenterIntegration",
  officialClass: false,
  doc:
    "A **Bitbucket Data Center integration**: a Bitbucket Data Center (Server) instance that stacks and modules " +
    "get their code from, reached with a user's HTTP access token. The token is write-only: Spacelift never " +
    "returns it, and state keeps only its SHA-256 checksum. Point the repositories' webhooks at `webhookUrl`, " +
    "signed with `webhookSecret` (a secret output). Changing `name` or `isDefault` replaces the integration; " +
    "everything else updates in place.",
  fields: {
    ...customVcsFields("Bitbucket Data Center"),
    apiHost: {
      type: t.string(),
      required: true,
      gqlInput: false,
      doc: "URL of the Bitbucket Data Center instance's API; requests go there.",
      validate: [nonEmpty(), httpUrl()],
    },
    userFacingHost: {
      type: t.string(),
      required: true,
      gqlInput: false,
      doc: "URL users open in a browser, used for all links Spacelift shows.",
      validate: [nonEmpty(), httpUrl()],
    },
    username: {
      type: t.string(),
      required: true,
      gqlInput: false,
      doc: "Bitbucket user the access token belongs to; repositories are cloned as this user.",
      validate: [nonEmpty()],
    },
    accessToken: tokenField("accessTokenChecksum", "HTTP access token of `username`."),
    accessTokenChecksum: tokenChecksumField("accessToken"),
    webhookUrl: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      // The only VCS type that spells it `webhookURL` (Bruno's requests, and the Terraform struct).
      gql: "webhookURL",
      doc: "URL the repositories' webhooks must call.",
    },
    webhookSecret: webhookSecretField(
      "webhookSecret",
      "Secret the repositories' webhooks must sign calls with.",
    ),
  },
  // The ID is the name's slug, so a replacement that keeps the name (a new default flag, or user-facing
  // host) would collide with its predecessor: the old integration goes first.
  deleteBeforeReplace: true,
  existing: integrationAtItsName(
    "BitbucketDatacenterIntegrationLookUp",
    "bitbucketDatacenterIntegration",
    "Bitbucket Data Center integration",
  ),
  operations: {
    create: mutation("BitbucketDatacenterIntegrationCreate", "bitbucketDatacenterIntegrationCreate", {
      apiHost: arg.field("apiHost", "String!"),
      userFacingHost: arg.field("userFacingHost", "String!"),
      username: arg.field("username", "String"),
      accessToken: arg.field("accessToken", "String!"),
      customInput: createCustomInput,
    }),
    read: query("BitbucketDatacenterIntegrationRead", "bitbucketDatacenterIntegration", { id: arg.id("ID") }),
    update: mutation(
      "BitbucketDatacenterIntegrationUpdate",
      "bitbucketDatacenterIntegrationUpdate",
      {
        apiHost: arg.field("apiHost", "String!"),
        userFacingHost: arg.field("userFacingHost", "String!"),
        username: arg.field("username", "String"),
        accessToken: arg.field("accessToken", "String"),
        customInput: updateCustomInput,
      },
      { shapeInput: asUpdateInput },
    ),
    delete: mutation("BitbucketDatacenterIntegrationDelete", "bitbucketDatacenterIntegrationDelete", {
      id: arg.id("ID"),
    }),
  },
});
