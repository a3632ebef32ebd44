import { displayName, nonEmpty } from "../../engine/constraints";
import { arg, defineResource, mutation, query } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import type { JsonObject } from "../../engine/values";

/**
 * ApiKey: a Spacelift API key. Operations and types follow Bruno's "API Keys" requests; the `teams`
 * member and the secret, which only the create answers with, follow terraform-provider-spacelift
 * 8565261 (resource_api_key.go:151-170, structs/api_key.go).
 */
export const apiKey = defineResource({
  kind: "ApiKey",
  officialClass: false,
  doc:
    "An **API key**: a credential for reaching the Spacelift API from outside Spacelift (automation, CI, " +
    "another Pulumi program: give its `id` and `secret` as `spacelift:apiKeyId` and `spacelift:apiKeySecret`). " +
    "What the key may do comes from its role bindings (`RoleAttachment` with `apiKeyId`) or from the " +
    "login-provider groups in `idpGroups`.\n\n" +
    "Spacelift hands the `secret` out once, in the answer to the create. It is a secret output: Pulumi " +
    "encrypts it in state, and it is never written in plaintext to state, logs or error messages. A key " +
    "brought in with `get` or an import has no secret. Deleting the resource deletes the key, which stops " +
    "authenticating at once. Only keys authenticating with their secret are managed here (not OIDC keys). " +
    "If the answer to the create is lost (a dropped connection), the error says so: a key Spacelift may have " +
    "made then has a secret nobody received, so it is not adopted; delete it in Spacelift.",
  fields: {
    name: {
      type: t.string(),
      autoName: "dash",
      doc: "Name of the API key.",
      validate: [nonEmpty(), displayName()],
    },
    idpGroups: {
      type: t.set(t.string()),
      gql: "teams",
      doc: "Login-provider (IdP) groups the key acts as a member of, so it gets their access. Order does not matter.",
      validateEach: [nonEmpty()],
    },
    secret: {
      type: t.string(),
      computed: true,
      alwaysSet: true,
      issuedOnce: true,
      secret: true,
      doc: "The key's secret, issued when the key is created. Secret.",
    },
    type: {
      type: t.string(),
      computed: true,
      doc: "How the key authenticates: `SECRET` for the keys managed here.",
    },
  },
  // No `existing`: an object adopted after a lost answer would have no secret, so it could not be
  // the key this resource hands out.
  operations: {
    create: mutation(
      "ApiKeyCreate",
      "apiKeyCreate",
      { input: arg.input("ApiKeyInput!") },
      {
        // Keys are never account admins here: their access comes from role bindings or groups,
        // as in the Terraform provider (resource_api_key.go:108, `Admin: false`).
        shapeInput: (input): JsonObject => ({ ...input, admin: false, teams: input["teams"] ?? [] }),
      },
    ),
    read: query("ApiKeyRead", "apiKey", { id: arg.id() }),
    update: mutation(
      "ApiKeyUpdate",
      "apiKeyUpdate",
      { id: arg.id(), input: arg.input("ApiKeyUpdateInput!") },
      { shapeInput: (input): JsonObject => ({ ...input, teams: input["teams"] ?? [] }) },
    ),
    delete: mutation("ApiKeyDelete", "apiKeyDelete", { id: arg.id() }),
  },
});
