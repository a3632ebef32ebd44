import assert from "node:assert/strict";
import { Harness } from "./harness";

const INVITE = `mutation($input: ManagedUserInviteInput!) {
  managedUserInvite(input: $input) { id username invitationEmail status accessRules { space spaceAccessLevel } }
}`;
const USER = `query($id: ID!) { managedUser(id: $id) { id status accessRules { space spaceAccessLevel } } }`;
const UPDATE_USER = `mutation($input: ManagedUserUpdateInput!) {
  managedUserUpdate(input: $input) { accessRules { space spaceAccessLevel } }
}`;
const DELETE_USER = `mutation($id: ID!) { managedUserDelete(id: $id) { id } }`;
const CREATE_GROUP = `mutation($input: ManagedUserGroupCreateInput!) {
  managedUserGroupCreate(input: $input) { id groupName accessRules { space spaceAccessLevel } }
}`;
const UPDATE_GROUP = `mutation($input: ManagedUserGroupUpdateInput!) {
  managedUserGroupUpdate(input: $input) { accessRules { space spaceAccessLevel } }
}`;
const GROUPS = `query { managedUserGroups { groupName } }`;

const READ_ROOT = [{ space: "root", spaceAccessLevel: "READ" }];

describe("emulator access: invited users and IdP group mappings", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  async function invite(
    username: string,
    email = `${username}@example.com`,
  ): Promise<{ id: string; status: string }> {
    const data = await h.ok<{ managedUserInvite: { id: string; status: string } }>(INVITE, {
      input: { username, invitationEmail: email, accessRules: READ_ROOT },
    });
    return data.managedUserInvite;
  }

  it("invites a user who stays pending, with the access given", async () => {
    const { id, status } = await invite("alice");
    assert.match(id, /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(status, "PENDING");
    assert.deepEqual(await h.ok(USER, { id }), {
      managedUser: { id, status: "PENDING", accessRules: READ_ROOT },
    });
  });

  it("refuses a second user of one username or e-mail, and rules for unknown spaces", async () => {
    await invite("alice");
    assert.match(
      await h.fails(INVITE, {
        input: { username: "alice", invitationEmail: "x@example.com", accessRules: READ_ROOT },
      }),
      /already exists/,
    );
    assert.match(
      await h.fails(INVITE, {
        input: { username: "bob", invitationEmail: "alice@example.com", accessRules: READ_ROOT },
      }),
      /already exists/,
    );
    assert.match(
      await h.fails(INVITE, {
        input: {
          username: "bob",
          invitationEmail: "b@example.com",
          accessRules: [{ space: "nope", spaceAccessLevel: "READ" }],
        },
      }),
      /space nope not found/,
    );
  });

  it("replaces a user's rules on update, keeps them when none are sent, and deletes", async () => {
    const { id } = await invite("alice");
    const admin = [{ space: "root", spaceAccessLevel: "ADMIN" }];
    assert.deepEqual(await h.ok(UPDATE_USER, { input: { id, accessRules: admin } }), {
      managedUserUpdate: { accessRules: admin },
    });
    assert.deepEqual(await h.ok(UPDATE_USER, { input: { id, slackMemberID: "U1" } }), {
      managedUserUpdate: { accessRules: admin },
    });
    await h.ok(DELETE_USER, { id });
    assert.deepEqual(await h.ok(USER, { id }), { managedUser: null });
    assert.match(await h.fails(DELETE_USER, { id }), /not found/);
  });

  it("maps groups by unique name and replaces their rules", async () => {
    const created = await h.ok<{ managedUserGroupCreate: { id: string } }>(CREATE_GROUP, {
      input: { groupName: "devs", accessRules: READ_ROOT },
    });
    assert.match(
      await h.fails(CREATE_GROUP, { input: { groupName: "devs", accessRules: READ_ROOT } }),
      /already exists/,
    );
    const write = [{ space: "root", spaceAccessLevel: "WRITE" }];
    assert.deepEqual(
      await h.ok(UPDATE_GROUP, { input: { id: created.managedUserGroupCreate.id, accessRules: write } }),
      {
        managedUserGroupUpdate: { accessRules: write },
      },
    );
    assert.match(
      await h.fails(UPDATE_GROUP, { input: { id: created.managedUserGroupCreate.id, accessRules: [] } }),
      /at least one access rule/,
    );
    assert.deepEqual(await h.ok(GROUPS), { managedUserGroups: [{ groupName: "devs" }] });
  });
});
