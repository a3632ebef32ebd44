import type { LifecycleCase } from "../lifecycleCase";

/**
 * SecurityEmail: the account's one address, updated in place. Spacelift cannot delete it, so delete
 * only forgets it (with a warning); an empty address clears it behind Pulumi's back.
 */
export const lifecycleCase: LifecycleCase = {
  kind: "SecurityEmail",
  create: { email: "security-{run}@example.com" },
  update: { email: "security-team-{run}@example.com" },
  unknown: [{ property: "email" }],
  drift: {
    call: {
      query: "mutation($email: String!) { accountUpdateSecurityEmail(securityEmail: $email) }",
      variables: { email: "changed-elsewhere@example.com" },
    },
    expect: { email: "changed-elsewhere@example.com" },
  },
  vanish: {
    query: 'mutation { accountUpdateSecurityEmail(securityEmail: "") }',
  },
};
