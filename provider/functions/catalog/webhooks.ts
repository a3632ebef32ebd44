import { defineFunction, queryOp } from "../descriptor";
import { FunctionError } from "../invoke";
import { visibleLabels } from "../labels";

const NAMED_WEBHOOK = queryOp(`query GetNamedWebhook($id: ID!) {
  namedWebhooksIntegration(id: $id) { id name endpoint enabled labels space { id } secretHeaders }
}`);

// A stack's or module's webhooks are not addressable on their own: like the Terraform data source,
// read the owner's webhook list and pick the one asked for.
const STACK_WEBHOOKS = queryOp(`query GetStackWebhooks($id: ID!) {
  stack(id: $id) { id integrations { webhooks { id enabled endpoint } } }
}`);
const MODULE_WEBHOOKS = queryOp(`query GetModuleWebhooks($id: ID!) {
  module(id: $id) { id integrations { webhooks { id enabled endpoint } } }
}`);

interface NamedWebhookNode {
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly enabled: boolean;
  readonly labels: readonly string[];
  readonly space: { readonly id: string };
  readonly secretHeaders: readonly string[];
}

interface WebhookNode {
  readonly id: string;
  readonly enabled: boolean;
  readonly endpoint: string;
}

interface WebhookOwner {
  readonly id: string;
  readonly integrations: { readonly webhooks: readonly WebhookNode[] } | null;
}

const WRITE_ONLY_SECRET =
  "Always empty: Spacelift uses the secret to sign deliveries but never returns it, so only the program that set it knows it.";

/** `getNamedWebhook`: one named (space-level) webhook by id. */
export const getNamedWebhook = defineFunction({
  name: "getNamedWebhook",
  dataSource: "spacelift_named_webhook",
  doc: "Looks up a named webhook (a space's endpoint that notification policies route messages to) by its id.",
  args: {
    webhookId: { type: "string", doc: "The named webhook's id (the slug Spacelift made of its name)." },
  },
  result: {
    enabled: { type: "boolean", doc: "Whether Spacelift sends messages to it." },
    endpoint: { type: "string", doc: "The URL messages are POSTed to." },
    id: { type: "string", doc: "The named webhook's id." },
    labels: { type: "string[]", doc: "Its labels (policies select webhooks by them), sorted." },
    name: { type: "string", doc: "Its name." },
    secret: { type: "string", secret: true, doc: WRITE_ONLY_SECRET },
    secretHeaderKeys: {
      type: "string[]",
      doc: "Names of the secret headers sent with each message, sorted; their values are write-only.",
    },
    spaceId: { type: "string", doc: "Id of the space it belongs to." },
    webhookId: { type: "string", doc: "The id that was looked up." },
  },
  async run(args, api) {
    const webhookId = args.webhookId as string;
    const data = await api.query<{ namedWebhooksIntegration: NamedWebhookNode | null }>(NAMED_WEBHOOK, {
      id: webhookId,
    });
    const hook = data.namedWebhooksIntegration;
    if (hook === null) {
      throw new FunctionError("getNamedWebhook", `no named webhook "${webhookId}" (webhookId)`);
    }
    return {
      enabled: hook.enabled,
      endpoint: hook.endpoint,
      id: hook.id,
      labels: visibleLabels(hook.labels),
      name: hook.name,
      secret: "",
      secretHeaderKeys: [...hook.secretHeaders].sort(),
      spaceId: hook.space.id,
      webhookId,
    };
  },
});

/** `getWebhook`: one webhook of a stack or a module, by id. */
export const getWebhook = defineFunction({
  name: "getWebhook",
  dataSource: "spacelift_webhook",
  doc: "Looks up a webhook of a stack or of a module (the endpoint Spacelift POSTs run state changes to) by its id.",
  args: {
    moduleId: {
      type: "string",
      optional: true,
      doc: "The module the webhook belongs to; give this or `stackId`, not both.",
    },
    stackId: {
      type: "string",
      optional: true,
      doc: "The stack the webhook belongs to; give this or `moduleId`, not both.",
    },
    webhookId: { type: "string", doc: "The webhook's id." },
  },
  result: {
    enabled: { type: "boolean", doc: "Whether Spacelift sends run events to it." },
    endpoint: { type: "string", doc: "The URL run events are POSTed to." },
    id: { type: "string", doc: "The webhook's id." },
    moduleId: { type: "string", optional: true, doc: "The module, when the look-up named one." },
    secret: { type: "string", secret: true, doc: WRITE_ONLY_SECRET },
    stackId: { type: "string", optional: true, doc: "The stack, when the look-up named one." },
    webhookId: { type: "string", doc: "The id that was looked up." },
  },
  checkArgs(args) {
    if ((args.stackId === undefined) === (args.moduleId === undefined)) {
      return 'give exactly one of "stackId" and "moduleId"';
    }
    return undefined;
  },
  async run(args, api) {
    const webhookId = args.webhookId as string;
    const stackId = args.stackId as string | undefined;
    const moduleId = args.moduleId as string | undefined;
    let owner: WebhookOwner | null;
    if (stackId !== undefined) {
      owner = (await api.query<{ stack: WebhookOwner | null }>(STACK_WEBHOOKS, { id: stackId })).stack;
      if (owner === null) throw new FunctionError("getWebhook", `no stack "${stackId}" (stackId)`);
    } else {
      const id = moduleId as string;
      owner = (await api.query<{ module: WebhookOwner | null }>(MODULE_WEBHOOKS, { id })).module;
      if (owner === null) throw new FunctionError("getWebhook", `no module "${id}" (moduleId)`);
    }
    const hook = owner.integrations?.webhooks.find((w) => w.id === webhookId);
    if (hook === undefined) {
      const where = stackId !== undefined ? `stack "${stackId}"` : `module "${moduleId}"`;
      throw new FunctionError("getWebhook", `no webhook "${webhookId}" on ${where} (webhookId)`);
    }
    return {
      enabled: hook.enabled,
      endpoint: hook.endpoint,
      id: hook.id,
      ...(moduleId === undefined ? {} : { moduleId }),
      secret: "",
      ...(stackId === undefined ? {} : { stackId }),
      webhookId,
    };
  },
});
