import assert from "node:assert/strict";
import { auditTrailWebhookOf } from "../../emulator/resolvers/account";
import { Harness } from "./harness";

const SET_EMAIL = `mutation($email: String!) { accountUpdateSecurityEmail(securityEmail: $email) }`;
const EMAIL = `query { securityEmail }`;
const SET_WEBHOOK = `mutation($input: AuditTrailWebhookInput!) {
  auditTrailSetWebhook(input: $input) { enabled endpoint includeRuns retryOnFailure secret }
}`;
const WEBHOOK = `query { auditTrailWebhook { enabled endpoint includeRuns retryOnFailure secret } }`;
const DELETE_WEBHOOK = `mutation { auditTrailDeleteWebhook { endpoint } }`;

describe("emulator account settings", () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });

  describe("security e-mail", () => {
    it("is unset at first, then reads as the address last set", async () => {
      assert.deepEqual(await h.ok(EMAIL), { securityEmail: null });
      assert.deepEqual(await h.ok(SET_EMAIL, { email: "sec@example.com" }), {
        accountUpdateSecurityEmail: "sec@example.com",
      });
      await h.ok(SET_EMAIL, { email: "other@example.com" });
      assert.deepEqual(await h.ok(EMAIL), { securityEmail: "other@example.com" });
    });

    it("refuses what is not an address, and clears on an empty one", async () => {
      await h.ok(SET_EMAIL, { email: "sec@example.com" });
      assert.match(await h.fails(SET_EMAIL, { email: "not an address" }), /valid e-mail address/);
      assert.deepEqual(await h.ok(SET_EMAIL, { email: "" }), { accountUpdateSecurityEmail: null });
      assert.deepEqual(await h.ok(EMAIL), { securityEmail: null });
    });

    it("is not shown to an anonymous caller", async () => {
      await h.ok(SET_EMAIL, { email: "sec@example.com" });
      const result = await h.run(EMAIL, undefined, { anonymous: true });
      assert.equal(result.errors?.[0]?.message, "unauthorized");
    });
  });

  describe("audit trail webhook", () => {
    const input = {
      enabled: true,
      endpoint: "https://example.com/audit",
      includeRuns: true,
      secret: "s3cret",
    };

    it("is set and read back without its secret or headers, retries off by default", async () => {
      const set = await h.ok(SET_WEBHOOK, {
        input: { ...input, customHeaders: { entries: [{ key: "X-Team", value: "hidden-header" }] } },
      });
      const expected = {
        enabled: true,
        endpoint: "https://example.com/audit",
        includeRuns: true,
        retryOnFailure: false,
        secret: "",
      };
      assert.deepEqual(set, { auditTrailSetWebhook: expected });
      assert.deepEqual(await h.ok(WEBHOOK), { auditTrailWebhook: expected });
      assert.equal(auditTrailWebhookOf(h.store)?.secret, "s3cret");
      assert.deepEqual(auditTrailWebhookOf(h.store)?.customHeaders, { "X-Team": "hidden-header" });
    });

    it("keeps the stored secret, headers and retry choice when an update sends none", async () => {
      await h.ok(SET_WEBHOOK, {
        input: { ...input, retryOnFailure: true, customHeaders: { entries: [{ key: "A", value: "b" }] } },
      });
      await h.ok(SET_WEBHOOK, { input: { ...input, enabled: false, secret: "" } });
      const stored = auditTrailWebhookOf(h.store);
      assert.equal(stored?.secret, "s3cret");
      assert.equal(stored?.enabled, false);
      assert.equal(stored?.retryOnFailure, true);
      assert.deepEqual(stored?.customHeaders, { A: "b" });
    });

    it("refuses an endpoint that is not an http(s) URL", async () => {
      assert.match(await h.fails(SET_WEBHOOK, { input: { ...input, endpoint: "ftp://x" } }), /http/);
    });

    it("is deleted, after which reads and deletes answer null", async () => {
      await h.ok(SET_WEBHOOK, { input });
      assert.deepEqual(await h.ok(DELETE_WEBHOOK), {
        auditTrailDeleteWebhook: { endpoint: "https://example.com/audit" },
      });
      assert.deepEqual(await h.ok(WEBHOOK), { auditTrailWebhook: null });
      assert.deepEqual(await h.ok(DELETE_WEBHOOK), { auditTrailDeleteWebhook: null });
    });
  });
});
