import assert from "node:assert/strict";
import { exchangeApiKey, postGraphQL, useEmulator } from "../helpers/emulator";
import { Harness } from "./harness";

const CREATE_KEY = `mutation($input: ApiKeyInput!) {
  apiKeyCreate(input: $input) { id name type teams secret createdAt }
}`;
const READ_KEY = `query($id: ID!) { apiKey(id: $id) { id name teams secret apiKeyRoleBindings { id roleID } } }`;
const LIST_KEYS = `{ apiKeys { id secret } }`;
const DELETE_KEY = `mutation($id: ID!) { apiKeyDelete(id: $id) { id } }`;
const EXCHANGE = `mutation($id: ID!, $secret: String!) { apiKeyUser(id: $id, secret: $secret) { jwt } }`;
const CREATE_ROLE = `mutation($input: RoleInput!) { roleCreate(input: $input) { id slug actions isSystem } }`;
const UPDATE_ROLE = `mutation($id: ID!, $input: RoleUpdateInput!) { roleUpdate(id: $id, input: $input) { actions } }`;
const READ_ROLE = `query($id: ID!) { role(id: $id) { actions roleBindingsCount } }`;
const DELETE_ROLE = `mutation($id: ID!) { roleDelete(id: $id) { id } }`;
const BIND_KEY = `mutation($input: ApiKeyRoleBindingInput!) {
  apiKeyRoleBindingCreate(input: $input) { id apiKeyID roleID spaceID }
}`;

describe("emulator access: API keys", () => {
  const emulator = useEmulator();

  async function call<T>(token: string, query: string, variables?: Record<string, unknown>): Promise<T> {
    const reply = await postGraphQL<T>(emulator(), query, { token, ...(variables ? { variables } : {}) });
    assert.deepEqual(reply.errors?.map((e) => e.message) ?? [], []);
    return reply.data as T;
  }

  it("shows a key's secret in the create's answer only, and the key then really authenticates", async () => {
    const token = await exchangeApiKey(emulator());
    const { apiKeyCreate: key } = await call<{
      apiKeyCreate: { id: string; name: string; type: string; teams: string[]; secret: string | null };
    }>(token, CREATE_KEY, { input: { name: "ci", admin: false, teams: ["ops", "dev"] } });
    assert.match(key.id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(key.type, "SECRET");
    assert.deepEqual(key.teams, ["dev", "ops"]);
    assert.ok(key.secret && key.secret.length >= 32, "the create answers the secret");

    const read = await call<{ apiKey: { secret: string | null } }>(token, READ_KEY, { id: key.id });
    assert.equal(read.apiKey.secret, null);
    const list = await call<{ apiKeys: { id: string; secret: string | null }[] }>(token, LIST_KEYS);
    assert.deepEqual(
      list.apiKeys.filter((k) => k.id === key.id),
      [{ id: key.id, secret: null }],
    );

    const exchanged = await postGraphQL<{ apiKeyUser: { jwt: string } | null }>(emulator(), EXCHANGE, {
      variables: { id: key.id, secret: key.secret },
    });
    const jwt = exchanged.data?.apiKeyUser?.jwt;
    assert.ok(jwt, "the new key exchanges for a token");
    const viewer = await call<{ viewer: { id: string } }>(jwt, "{ viewer { id } }");
    assert.equal(viewer.viewer.id, key.id);

    const wrong = await postGraphQL(emulator(), EXCHANGE, { variables: { id: key.id, secret: "not-it" } });
    assert.match(wrong.errors?.[0]?.message ?? "", /invalid API key secret/);
  });

  it("deleting a key revokes it: it no longer exchanges, and reads find nothing", async () => {
    const token = await exchangeApiKey(emulator());
    const { apiKeyCreate: key } = await call<{ apiKeyCreate: { id: string; secret: string } }>(
      token,
      CREATE_KEY,
      { input: { name: "short-lived", admin: false } },
    );
    await call(token, DELETE_KEY, { id: key.id });
    const exchanged = await postGraphQL<{ apiKeyUser: unknown }>(emulator(), EXCHANGE, {
      variables: { id: key.id, secret: key.secret },
    });
    assert.equal(exchanged.data?.apiKeyUser, null);
    assert.deepEqual(await call(token, READ_KEY, { id: key.id }), { apiKey: null });
    const again = await postGraphQL(emulator(), DELETE_KEY, { token, variables: { id: key.id } });
    assert.equal(again.errors?.[0]?.message, "could not find api key");
  });

  it("binds a role to a key, lists the binding on the key, and keeps a bound role", async () => {
    const token = await exchangeApiKey(emulator());
    const { apiKeyCreate: key } = await call<{ apiKeyCreate: { id: string } }>(token, CREATE_KEY, {
      input: { name: "bound", admin: false },
    });
    const { roleCreate: role } = await call<{ roleCreate: { id: string } }>(token, CREATE_ROLE, {
      input: { name: "Key reader", actions: ["SPACE_READ"] },
    });
    const { apiKeyRoleBindingCreate: binding } = await call<{
      apiKeyRoleBindingCreate: { id: string; apiKeyID: string; roleID: string; spaceID: string };
    }>(token, BIND_KEY, { input: { apiKeyID: key.id, roleID: role.id, spaceID: "root" } });
    assert.deepEqual(
      { ...binding, id: undefined },
      { id: undefined, apiKeyID: key.id, roleID: role.id, spaceID: "root" },
    );
    const read = await call<{ apiKey: { apiKeyRoleBindings: unknown[] } }>(token, READ_KEY, { id: key.id });
    assert.deepEqual(read.apiKey.apiKeyRoleBindings, [{ id: binding.id, roleID: role.id }]);

    const refused = await postGraphQL(emulator(), DELETE_ROLE, { token, variables: { id: role.id } });
    assert.match(refused.errors?.[0]?.message ?? "", /still bound/);
    const twice = await postGraphQL(emulator(), BIND_KEY, {
      token,
      variables: { input: { apiKeyID: key.id, roleID: role.id, spaceID: "root" } },
    });
    assert.match(twice.errors?.[0]?.message ?? "", /already bound/);

    // Deleting the key takes its bindings with it, after which the role can go.
    await call(token, DELETE_KEY, { id: key.id });
    assert.deepEqual(await call(token, READ_ROLE, { id: role.id }), {
      role: { actions: ["SPACE_READ"], roleBindingsCount: 0 },
    });
    await call(token, DELETE_ROLE, { id: role.id });
  });
});

describe("emulator access: roles and their bindings", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  async function role(
    name: string,
    actions: string[] = ["SPACE_READ"],
  ): Promise<{ id: string; slug: string }> {
    return (
      await h.ok<{ roleCreate: { id: string; slug: string } }>(CREATE_ROLE, { input: { name, actions } })
    ).roleCreate;
  }

  it("creates a custom role with its slug and actions, and refuses a second of one name", async () => {
    const created = await h.ok<{ roleCreate: unknown }>(CREATE_ROLE, {
      input: {
        name: "Space Reader",
        description: "reads",
        actions: ["SPACE_READ", "RUN_TRIGGER", "SPACE_READ"],
      },
    });
    assert.deepEqual(
      { ...(created.roleCreate as object), id: undefined },
      {
        id: undefined,
        slug: "space-reader",
        actions: ["RUN_TRIGGER", "SPACE_READ"],
        isSystem: false,
      },
    );
    assert.match(
      await h.fails(CREATE_ROLE, { input: { name: "Space Reader", actions: ["SPACE_READ"] } }),
      /already exists/,
    );
  });

  it("refuses actions the API does not know, naming the valid ones, on create and update", async () => {
    const message = await h.fails(CREATE_ROLE, {
      input: { name: "r", actions: ["SPACE_READ", "SPACE_OWN"] },
    });
    assert.match(message, /^action SPACE_OWN is not a valid action\. valid actions are: .*SPACE_READ/);
    assert.match(
      await h.fails(CREATE_ROLE, { input: { name: "r", actions: [] } }),
      /actions must not be empty/,
    );
    const { id } = await role("r");
    assert.match(
      await h.fails(UPDATE_ROLE, { id, input: { actions: ["NOPE"] } }),
      /action NOPE is not a valid action/,
    );
    assert.deepEqual(await h.ok(READ_ROLE, { id }), {
      role: { actions: ["SPACE_READ"], roleBindingsCount: 0 },
    });
  });

  it("updates actions under either spelling clients send", async () => {
    const { id } = await role("r");
    assert.deepEqual(await h.ok(UPDATE_ROLE, { id, input: { actions: ["SPACE_WRITE"] } }), {
      roleUpdate: { actions: ["SPACE_WRITE"] },
    });
    // terraform-provider-spacelift 8565261 sends `Actions` (structs/role.go).
    assert.deepEqual(await h.ok(UPDATE_ROLE, { id, input: { Actions: ["SPACE_ADMIN"] } }), {
      roleUpdate: { actions: ["SPACE_ADMIN"] },
    });
  });

  it("binds roles to users, groups and stacks that exist, in spaces that exist", async () => {
    const { id: roleId } = await role("binder");
    h.seed({ stacks: [{ name: "infra" }] });
    const user = await h.ok<{ managedUserInvite: { id: string } }>(
      `mutation { managedUserInvite(input: { username: "u", invitationEmail: "u@example.com",
        accessRules: [{ space: "root", spaceAccessLevel: READ }] }) { id } }`,
    );
    const group = await h.ok<{ managedUserGroupCreate: { id: string } }>(
      `mutation { managedUserGroupCreate(input: { groupName: "g",
        accessRules: [{ space: "root", spaceAccessLevel: READ }] }) { id } }`,
    );
    const userId = user.managedUserInvite.id;
    const groupId = group.managedUserGroupCreate.id;

    const u = await h.ok<{ userRoleBindingCreate: { id: string; userID: string } }>(
      `mutation($input: UserRoleBindingInput!) { userRoleBindingCreate(input: $input) { id userID } }`,
      { input: { userID: userId, roleID: roleId, spaceID: "root" } },
    );
    assert.equal(u.userRoleBindingCreate.userID, userId);
    const g = await h.ok<{ userGroupRoleBindingCreate: { id: string } }>(
      `mutation($input: UserGroupRoleBindingInput!) { userGroupRoleBindingCreate(input: $input) { id userGroupID } }`,
      { input: { userGroupID: groupId, roleID: roleId, spaceID: "root" } },
    );
    const s = await h.ok<{ stackRoleBindingCreate: { id: string; stackID: string; stackName: string } }>(
      `mutation($input: StackRoleBindingInput!) { stackRoleBindingCreate(input: $input) { id stackID stackName } }`,
      { input: { stackID: "infra", roleID: roleId, spaceID: "root" } },
    );
    assert.equal(s.stackRoleBindingCreate.stackID, "infra");
    assert.deepEqual(await h.ok(READ_ROLE, { id: roleId }), {
      role: { actions: ["SPACE_READ"], roleBindingsCount: 3 },
    });

    // A binding is read only through the query of its own kind.
    assert.deepEqual(
      await h.ok(`query($id: ID!) { apiKeyRoleBinding(id: $id) { id } }`, {
        id: s.stackRoleBindingCreate.id,
      }),
      { apiKeyRoleBinding: null },
    );
    assert.deepEqual(
      await h.ok(`query($id: ID!) { userGroupRoleBinding(id: $id) { roleID spaceID } }`, {
        id: g.userGroupRoleBindingCreate.id,
      }),
      { userGroupRoleBinding: { roleID: roleId, spaceID: "root" } },
    );

    // Unknown role, target or space: refused, nothing made.
    const bindUser = `mutation($input: UserRoleBindingInput!) { userRoleBindingCreate(input: $input) { id } }`;
    assert.match(
      await h.fails(bindUser, { input: { userID: userId, roleID: "01NOROLE", spaceID: "root" } }),
      /role 01NOROLE not found/,
    );
    assert.match(
      await h.fails(bindUser, { input: { userID: "01NOUSER", roleID: roleId, spaceID: "root" } }),
      /user 01NOUSER not found/,
    );
    assert.match(
      await h.fails(bindUser, { input: { userID: userId, roleID: roleId, spaceID: "nowhere" } }),
      /space nowhere not found/,
    );
    assert.match(
      await h.fails(
        `mutation($input: StackRoleBindingInput!) { stackRoleBindingCreate(input: $input) { id } }`,
        { input: { stackID: "ghost", roleID: roleId, spaceID: "root" } },
      ),
      /stack ghost not found/,
    );

    // Removing the user takes its binding with it.
    await h.ok(`mutation($id: ID!) { managedUserDelete(id: $id) { id } }`, { id: userId });
    assert.deepEqual(
      await h.ok(`query($id: ID!) { userRoleBinding(id: $id) { id } }`, { id: u.userRoleBindingCreate.id }),
      {
        userRoleBinding: null,
      },
    );
    assert.match(
      await h.fails(`mutation($id: ID!) { stackRoleBindingDelete(id: $id) { id } }`, {
        id: g.userGroupRoleBindingCreate.id,
      }),
      /not found/,
    );
  });

  it("creates user bindings in a batch all or none", async () => {
    const { id: roleId } = await role("batch");
    const user = await h.ok<{ managedUserInvite: { id: string } }>(
      `mutation { managedUserInvite(input: { username: "b", invitationEmail: "b@example.com",
        accessRules: [{ space: "root", spaceAccessLevel: READ }] }) { id } }`,
    );
    const userId = user.managedUserInvite.id;
    const batch = `mutation($input: UserRoleBindingBatchInput!) { userRoleBindingBatchCreate(input: $input) { id } }`;
    assert.match(
      await h.fails(batch, {
        input: {
          bindings: [
            { userID: userId, roleID: roleId, spaceID: "root" },
            { userID: "01NOUSER", roleID: roleId, spaceID: "root" },
          ],
        },
      }),
      /not found/,
    );
    assert.deepEqual(await h.ok(READ_ROLE, { id: roleId }), {
      role: { actions: ["SPACE_READ"], roleBindingsCount: 0 },
    });
    const made = await h.ok<{ userRoleBindingBatchCreate: unknown[] }>(batch, {
      input: { bindings: [{ userID: userId, roleID: roleId, spaceID: "root" }] },
    });
    assert.equal(made.userRoleBindingBatchCreate.length, 1);
  });
});

describe("emulator access: saved filters", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  const CREATE = `mutation($input: SavedFilterInput!) { savedFilterCreate(input: $input) { id name type isPublic createdBy data } }`;

  it("saves a filter for its creator, updates it, and refuses data that is not JSON", async () => {
    const { savedFilterCreate: f } = await h.ok<{ savedFilterCreate: { id: string; createdBy: string } }>(
      CREATE,
      {
        input: { name: "mine", type: "STACKS", isPublic: false, data: '{"predicates":[]}' },
      },
    );
    assert.equal(f.createdBy, "01J0000000000000000000TEST");
    assert.deepEqual(
      await h.ok(
        `mutation($id: ID!) { savedFilterUpdate(id: $id, isPublic: true, name: "shared") { name isPublic data } }`,
        {
          id: f.id,
        },
      ),
      { savedFilterUpdate: { name: "shared", isPublic: true, data: '{"predicates":[]}' } },
    );
    assert.deepEqual(await h.ok(`{ savedFilters(type: "STACKS") { name } }`), {
      savedFilters: [{ name: "shared" }],
    });
    assert.deepEqual(await h.ok(`{ savedFilters(type: "contexts") { name } }`), { savedFilters: [] });
    assert.match(
      await h.fails(CREATE, { input: { name: "bad", type: "stacks", isPublic: false, data: "{oops" } }),
      /data must be JSON/,
    );
    await h.ok(`mutation($id: ID!) { savedFilterDelete(id: $id) { id } }`, { id: f.id });
    assert.deepEqual(await h.ok(`query($id: ID!) { savedFilter(id: $id) { id } }`, { id: f.id }), {
      savedFilter: null,
    });
  });
});
