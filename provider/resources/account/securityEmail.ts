import { nonEmpty, pattern } from "../../engine/constraints";
import { arg, defineResource, mutation, query, singletonId } from "../../engine/descriptor";
import { t } from "../../engine/fieldTypes";
import { theObject } from "../existing";

/** SecurityEmail: the account's address for security notifications (one per account). */
export const securityEmail = defineResource({
  kind: "SecurityEmail",
  doc:
    "The account's **security e-mail**: the address Spacelift sends notifications about security issues to. " +
    "An account has one, so declare at most one per account. Spacelift cannot delete it: destroying the " +
    "resource leaves the address set and only drops it from the stack's state, with a warning, as Spacelift's " +
    "Terraform provider does.",
  fields: {
    email: {
      type: t.string(),
      required: true,
      // `accountUpdateSecurityEmail` and `securityEmail` are scalars: the address itself.
      gql: "securityEmail",
      doc: "Email address to which the security notifications are sent.",
      validate: [nonEmpty(), pattern(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "an e-mail address")],
    },
  },
  id: singletonId("security-email"),
  forgetOnDelete: true,
  forgetWarning:
    "Spacelift cannot delete the security e-mail: the resource was removed from the stack's state, " +
    "but the address is left configured in Spacelift",
  // `accountUpdateSecurityEmail` sets the address whether or not one is set (an upsert), so a create
  // looks first and refuses to take over an address this resource did not set.
  existing: {
    candidates: theObject,
    lookFirst: "always",
    describe: () => "the account's security e-mail",
  },
  operations: {
    create: mutation(
      "AccountUpdateSecurityEmail",
      "accountUpdateSecurityEmail",
      { securityEmail: arg.field("email", "String!") },
      { scalar: "securityEmail" },
    ),
    read: query("SecurityEmail", "securityEmail", {}, { scalar: "securityEmail" }),
    update: mutation(
      "AccountUpdateSecurityEmailUpdate",
      "accountUpdateSecurityEmail",
      { securityEmail: arg.field("email", "String!") },
      { scalar: "securityEmail" },
    ),
  },
});
