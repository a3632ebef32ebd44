import { label, nonEmpty, pattern } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { markedInList, quoted } from "../existing";

const SET_VISIBILITY = mutation("TerraformProviderSetVisibility", "terraformProviderSetVisibility", {
  id: arg.id(),
  public: arg.field("public", "Boolean!"),
});

/**
 * TerraformProvider: a provider in the account's private Terraform registry. Its ID is its type.
 *
 * Argument types follow Bruno's Create/Update Terraform Provider (`$type: ID!`, `$space: ID!`),
 * which agree with terraform-provider-spacelift v1.9.3 (resource_terraform_provider.go, Go strings
 * sent as IDs); `labels` (absent from Bruno's documents) is `[String!]` as the provider sends it.
 */
export const terraformProvider = defineResource({
  kind: "TerraformProvider",
  doc:
    "A **Terraform provider** in Spacelift's private provider registry. Its versions are published from CI " +
    "(e.g. with `spacectl provider create-version`); this resource manages the provider itself. The ID is the " +
    "provider's `type`, which `get` and imports take.",
  fields: {
    type: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      gqlOutput: "id",
      doc: "Type of the provider (as in `required_providers`), unique in the account. Changing it replaces the provider.",
      validate: [nonEmpty(), pattern(/^\S*$/, "a single word without whitespace")],
    },
    spaceId: {
      type: t.string(),
      required: true,
      gql: "space",
      doc: "ID of the space the provider is in. Changing it moves the provider in place.",
      validate: [nonEmpty()],
    },
    description: { type: t.string(), doc: "Free-form description for users; supports Markdown." },
    labels: {
      type: t.set(t.string()),
      doc: "Labels of the provider. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    public: {
      type: t.boolean(),
      default: false,
      doc:
        "Whether every Spacelift account may use the provider. Defaults to `false` (private). Set with a " +
        "separate call after the create and after an update, as Spacelift's Terraform provider does.",
    },
  },
  // Types are unique in the account, so Spacelift refuses a second create itself; after a refusal
  // or a lost answer the providers are listed and the one carrying this resource's marker is taken.
  existing: markedInList({
    noun: "Terraform provider",
    operation: "TerraformProviderList",
    listField: "terraformProviders",
    key: { id: "type" },
    createdAt: true,
    describe: (values) => `Terraform provider ${quoted(values["type"])}`,
  }),
  hooks: { isGone: (raw) => raw["deleted"] === true },
  operations: {
    create: mutation("TerraformProviderCreate", "terraformProviderCreate", {
      type: arg.field("type", "ID!"),
      space: arg.field("spaceId", "ID!"),
      description: arg.field("description", "String"),
      labels: arg.field("labels", "[String!]"),
    }),
    read: query(
      "TerraformProviderRead",
      "terraformProvider",
      { id: arg.id() },
      { extraSelection: ["deleted"] },
    ),
    update: mutation("TerraformProviderUpdate", "terraformProviderUpdate", {
      id: arg.id(),
      space: arg.field("spaceId", "ID!"),
      description: arg.field("description", "String"),
      labels: arg.field("labels", "[String!]"),
    }),
    delete: mutation("TerraformProviderDelete", "terraformProviderDelete", { id: arg.id() }),
    // A new provider is private: making it public takes a second call, and so does a change.
    afterCreate: [{ when: (values) => values["public"] === true, op: SET_VISIBILITY }],
    afterUpdate: [{ when: ["public"], op: SET_VISIBILITY }],
  },
});
