import { minLength, nonEmpty } from "../../engine/constraints";
import type { FieldSpec } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";

/**
 * The `policies` argument of a `User` and an `IdpGroupMapping`: access to spaces, sent and read as
 * the `accessRules` Spacelift keeps (`space`, `spaceAccessLevel`).
 */
export function spaceAccessPolicies(who: string): FieldSpec {
  return {
    type: t.list(
      t.object({
        spaceId: {
          type: t.string(),
          required: true,
          gql: "space",
          doc: `ID (slug) of the space ${who} has access to.`,
          validate: [nonEmpty()],
        },
        role: {
          type: t.enum(["READ", "WRITE", "ADMIN"]),
          required: true,
          gql: "spaceAccessLevel",
          doc: "Type of access to the space: `READ`, `WRITE` or `ADMIN`.",
        },
      }),
    ),
    required: true,
    gql: "accessRules",
    doc: `Access ${who} has: one entry per space, at least one.`,
    validate: [minLength(1)],
  };
}
