import { nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { anyTrue, exactlyOneOf } from "../../engine/rules";
import { target, targetId } from "../awsIntegrationAttachment";
import { quoted, theObject } from "../existing";
import { SUBSCRIPTION_ID } from "./azureIntegration";

// read, write and the subscription are what update changes; create sends them too.
const usage = {
  read: arg.field("read", "Boolean!"),
  write: arg.field("write", "Boolean!"),
  subscriptionId: arg.field("subscriptionId", "String"),
};

/** AzureIntegrationAttachment: an Azure integration attached to a stack or a module. */
export const azureIntegrationAttachment = defineResource({
  kind: "AzureIntegrationAttachment",
  doc:
    "Attaches an **Azure integration** to a stack or a module, for reading (plans), writing (applies) or both, " +
    "optionally with a subscription of its own. A stack or module has at most one Azure integration attached " +
    "for reading and one for writing. `read`, `write` and `subscriptionId` update in place; anything else " +
    "replaces the attachment. The ID is `<integrationId>/<stackOrModuleId>`, which is also what `get` and " +
    "import take.",
  fields: {
    integrationId: {
      type: t.string(),
      required: true,
      gql: false,
      replaceOnChange: true,
      doc: "ID of the Azure integration to attach.",
      validate: [nonEmpty()],
    },
    stackId: target("stack"),
    moduleId: target("module"),
    read: {
      type: t.boolean(),
      default: true,
      doc: "Whether the integration is used for read phases (planning). Defaults to `true`.",
    },
    write: {
      type: t.boolean(),
      default: true,
      doc: "Whether the integration is used for write phases (applying). Defaults to `true`.",
    },
    subscriptionId: {
      type: t.string(),
      doc: "Azure subscription the stack or module uses, instead of the integration's `defaultSubscriptionId`.",
      validate: [SUBSCRIPTION_ID],
    },
    attachmentId: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      gql: "id",
      doc: "ID Spacelift gave the attachment itself.",
    },
  },
  // An attachment that grants neither reading nor writing does nothing; Spacelift refuses it.
  rules: [exactlyOneOf("stackId", "moduleId"), anyTrue("read", "write")],
  id: {
    format: "<integrationId>/<stackOrModuleId>",
    compose(values) {
      const integration = values["integrationId"];
      const project = targetId(values);
      return typeof integration === "string" && typeof project === "string"
        ? `${integration}/${project}`
        : undefined;
    },
    // Spacelift's Terraform provider splits the ID at the first slash (resource_azure_integration_attachment.go).
    parse(id) {
      const slash = id.indexOf("/");
      if (slash <= 0 || slash === id.length - 1) return undefined;
      const project = id.slice(slash + 1);
      if (project.includes("/")) return undefined;
      return { integrationId: id.slice(0, slash), stackOrModuleId: project };
    },
  },
  // Read by integration and target, which the inputs give; Spacelift refuses a second attachment.
  existing: {
    candidates: theObject,
    describe: (v) =>
      `the attachment of Azure integration ${quoted(v["integrationId"])} to ${quoted(targetId(v))}`,
  },
  operations: {
    create: mutation("AzureIntegrationAttach", "azureIntegrationAttach", {
      id: arg.field("integrationId", "ID!"),
      stack: arg.derived("ID!", targetId),
      ...usage,
    }),
    read: query(
      "AzureIntegrationAttachmentRead",
      "azureIntegration",
      { id: arg.field("integrationId", "ID!", "integration") },
      { path: [{ field: "attachedStack", args: { id: arg.derived("ID!", targetId, "stack") } }] },
    ),
    update: mutation("AzureIntegrationAttachmentUpdate", "azureIntegrationAttachmentUpdate", {
      id: arg.field("attachmentId", "ID!"),
      ...usage,
    }),
    delete: mutation("AzureIntegrationDetach", "azureIntegrationDetach", {
      id: arg.field("attachmentId", "ID!"),
    }),
  },
});
