import { displayName, label, nonEmpty, pattern } from "../../engine/constraints";
import { arg, defineResource, mutation, query, type ArgDef } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { markedInList } from "../existing";

/** An Azure subscription ID: a GUID. */
export const SUBSCRIPTION_ID = pattern(
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  "an Azure subscription ID (a GUID such as 00000000-0000-0000-0000-000000000000)",
);

// Create and update take the same scalar arguments, but only create takes the tenant.
const settings: Readonly<Record<string, ArgDef>> = {
  name: arg.field("name", "String!"),
  // The argument is a non-null list, so "no labels" travels as [].
  labels: arg.derived("[String!]!", (values) => values["labels"] ?? []),
  defaultSubscriptionId: arg.field("defaultSubscriptionId", "String"),
  space: arg.field("spaceId", "ID"),
  // Sent as Spacelift's Terraform provider does since it gained the argument (8565261); Bruno's
  // requests leave it out, so the emulator takes it as optional.
  autoattachEnabled: arg.field("autoattachEnabled", "Boolean"),
};

/** AzureIntegration: an Azure AD application Spacelift registers for a customer's tenant. */
export const azureIntegration = defineResource({
  kind: "AzureIntegration",
  doc:
    "An **Azure integration**: Spacelift registers an Azure AD application for your tenant, and runs of the " +
    "stacks and modules it is attached to (with `AzureIntegrationAttachment`) get credentials of that " +
    "application. An administrator of the tenant must consent to the application once, at `adminConsentUrl`. " +
    "Changing `tenantId` replaces the integration (and so the application); everything else updates in place.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Friendly name of the integration.",
      validate: [nonEmpty(), displayName()],
    },
    tenantId: {
      type: t.string(),
      required: true,
      replaceOnChange: true,
      doc: "ID of the Azure AD tenant. Changing it replaces the integration.",
      validate: [nonEmpty()],
    },
    defaultSubscriptionId: {
      type: t.string(),
      doc: "Azure subscription used by attachments that name none of their own.",
      validate: [SUBSCRIPTION_ID],
    },
    labels: {
      type: t.set(t.string()),
      doc: "Labels. With `autoattachEnabled`, a label `autoattach:<label>` attaches the integration to every stack with `<label>`. Order does not matter.",
      validateEach: [nonEmpty(), label()],
    },
    spaceId: {
      type: t.string(),
      gql: "space",
      serverDefault: true,
      alwaysSet: true,
      doc: "ID of the space the integration belongs to. When unset, Spacelift chooses it (`root`) and the chosen value is kept.",
      validate: [nonEmpty()],
    },
    autoattachEnabled: {
      type: t.boolean(),
      default: false,
      doc: "Whether `autoattach:` labels attach the integration automatically. Defaults to `false`.",
    },
    adminConsentProvided: {
      type: t.boolean(),
      computed: true,
      alwaysSet: true,
      doc: "Whether an administrator of the tenant has consented to the application.",
    },
    adminConsentUrl: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      gql: "adminConsentURL",
      doc: "URL at which an administrator of the tenant consents to the application.",
    },
    applicationId: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      doc: "Application (client) ID of the Azure AD application the integration uses.",
    },
    displayName: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      doc: "Display name of the application in Azure, generated when the integration is created; it never changes.",
    },
    objectId: {
      type: t.string(),
      computed: true,
      doc: "Object ID of the Azure AD application.",
    },
    servicePrincipalObjectId: {
      type: t.string(),
      computed: true,
      doc: "Object ID of the application's service principal in the tenant, once consent was given.",
    },
  },
  // Integration ids are generated, so Spacelift accepts a second integration of one name: the first
  // create in a process lists them once and recognises its own by their marker.
  existing: markedInList({
    noun: "Azure integration",
    operation: "AzureIntegrationList",
    listField: "azureIntegrations",
    createdAt: true,
    duplicatesAccepted: true,
  }),
  operations: {
    create: mutation("AzureIntegrationCreate", "azureIntegrationCreate", {
      tenantID: arg.field("tenantId", "String!"),
      ...settings,
    }),
    read: query("AzureIntegrationRead", "azureIntegration", { id: arg.id() }),
    update: mutation("AzureIntegrationUpdate", "azureIntegrationUpdate", { id: arg.id(), ...settings }),
    delete: mutation("AzureIntegrationDelete", "azureIntegrationDelete", { id: arg.id() }),
  },
});
