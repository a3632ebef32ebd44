import { defineFunction, queryOp, type FunctionFields } from "../descriptor";
import { FunctionError } from "../invoke";

interface AccessRule {
  readonly space: string;
  readonly spaceAccessLevel: string;
}

const RULES = "accessRules { space spaceAccessLevel }";
const USERS = queryOp(`query GetUsers { managedUsers { id username invitationEmail ${RULES} } }`);
const GROUPS = queryOp(
  `query GetIdpGroupMappings { managedUserGroups { id groupName description ${RULES} } }`,
);

const POLICY: FunctionFields = {
  spaceId: { type: "string", doc: "The id of the space." },
  role: { type: "string", doc: "The access it gives to the space: `READ`, `WRITE` or `ADMIN`." },
};

/** Access rules as `policies`, sorted by space so that the order never changes between reads. */
function policies(rules: readonly AccessRule[]): { spaceId: string; role: string }[] {
  return rules
    .map((rule) => ({ spaceId: rule.space, role: rule.spaceAccessLevel }))
    .sort((a, b) => a.spaceId.localeCompare(b.spaceId) || a.role.localeCompare(b.role));
}

/** `getUser`: a user of the account by username. */
export const getUser = defineFunction({
  name: "getUser",
  dataSource: "spacelift_user",
  doc: "Looks up a user of the account (invited or active) by username: the e-mail invited and the spaces the user may access.",
  args: {
    username: { type: "string", doc: "The user's username, as it logs in." },
  },
  result: {
    id: { type: "string", doc: "The user's id." },
    username: { type: "string", doc: "The username, as asked for." },
    invitationEmail: {
      type: "string",
      doc: "The e-mail address the invitation went to; empty when there is none.",
    },
    policies: {
      type: "GetUserPolicy[]",
      doc: "The user's access to spaces, one entry per space, sorted by space id.",
    },
  },
  types: { GetUserPolicy: POLICY },
  async run(args, api) {
    const username = args.username as string;
    const data = await api.query<{
      managedUsers: {
        id: string;
        username: string;
        invitationEmail: string | null;
        accessRules: AccessRule[];
      }[];
    }>(USERS);
    const user = data.managedUsers.find((u) => u.username === username);
    if (user === undefined) throw new FunctionError("getUser", `no user "${username}" (username)`);
    return {
      id: user.id,
      username,
      invitationEmail: user.invitationEmail ?? "",
      policies: policies(user.accessRules),
    };
  },
});

/** `getIdpGroupMapping`: a login-provider group mapping by group name. */
export const getIdpGroupMapping = defineFunction({
  name: "getIdpGroupMapping",
  dataSource: "spacelift_idp_group_mapping",
  doc: "Looks up the mapping of a group of the identity provider (IdP) by the group's name: the spaces its members may access.",
  args: {
    name: { type: "string", doc: "The group's name, as the identity provider sends it." },
  },
  result: {
    id: { type: "string", doc: "The mapping's id." },
    name: { type: "string", doc: "The group's name, as asked for." },
    description: { type: "string", doc: "The mapping's free-form description; empty when it has none." },
    policies: {
      type: "GetIdpGroupMappingPolicy[]",
      doc: "The group's access to spaces, one entry per space, sorted by space id.",
    },
  },
  types: { GetIdpGroupMappingPolicy: POLICY },
  async run(args, api) {
    const name = args.name as string;
    const data = await api.query<{
      managedUserGroups: { id: string; groupName: string; description: string; accessRules: AccessRule[] }[];
    }>(GROUPS);
    const group = data.managedUserGroups.find((g) => g.groupName === name);
    if (group === undefined)
      throw new FunctionError("getIdpGroupMapping", `no IdP group mapping "${name}" (name)`);
    return { id: group.id, name, description: group.description, policies: policies(group.accessRules) };
  },
});
