import type { BadInputCase } from "../badInputCase";

const role = { roleId: "01HZX3V6Q4JYB5T2N8M0C7D9EB", spaceId: "root" };

/** RoleAttachment: exactly one target, a role and a space. */
export const badInputCases: BadInputCase[] = [
  {
    kind: "RoleAttachment",
    inputs: role,
    property: "apiKeyId",
    reason: /exactly one of apiKeyId, idpGroupMappingId, stackId, userId must be set, but none is/,
  },
  {
    kind: "RoleAttachment",
    inputs: { ...role, apiKeyId: "01HZX3V6Q4JYB5T2N8M0C7D9EA", stackId: "infra" },
    property: "stackId",
    reason: /conflicts with apiKeyId: set exactly one of apiKeyId, idpGroupMappingId, stackId, userId/,
  },
  {
    kind: "RoleAttachment",
    inputs: { stackId: "infra", spaceId: "root" },
    property: "roleId",
    reason: /is required/,
  },
  {
    kind: "RoleAttachment",
    inputs: { stackId: "infra", roleId: "01HZX3V6Q4JYB5T2N8M0C7D9EB", spaceId: "" },
    property: "spaceId",
    reason: /must not be empty/,
  },
];
