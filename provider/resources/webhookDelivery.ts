import { httpUrl } from "../engine/constraints";
import type { FieldSpec } from "../engine/descriptor";
import { t } from "../engine/fieldTypes";

/** An absolute http(s) URL, as Spacelift accepts for webhook endpoints. */
export const WEBHOOK_ENDPOINT = httpUrl();

/**
 * How deliveries behave, the same for a stack's or module's `Webhook` and a space's `NamedWebhook`:
 * retries, and the write-only signing secret with the checksum that stands for it in state.
 */
export const webhookDeliveryFields = {
  retryOnFailure: {
    type: t.boolean(),
    default: false,
    doc: "Whether Spacelift retries a delivery the endpoint did not accept. Defaults to `false`.",
  },
  secret: {
    type: t.string(),
    default: "",
    secret: true,
    writeOnly: { checksumField: "secretChecksum", replaceOnClear: true },
    gqlOutput: false,
    doc:
      "Secret that signs every delivery. Defaults to none (an empty string). Changing it to another secret " +
      "updates the webhook in place; removing it replaces the webhook, because Spacelift keeps the stored " +
      "secret when an update sends none.",
  },
  secretChecksum: {
    type: t.string(),
    computed: true,
    gql: false,
    doc: "Lowercase hex SHA-256 of the secret last applied (of the empty string when there is none).",
  },
} as const satisfies Record<string, FieldSpec>;
