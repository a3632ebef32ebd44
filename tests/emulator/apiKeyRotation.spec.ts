import { strict as assert } from "node:assert";

import { startEmulator } from "../../emulator";

describe("rotating an API key through the emulator's controls", () => {
  it("accepts a key added over HTTP and refuses one deleted, answering no secret", async () => {
    const emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
    try {
      const control = async (path: string, body: unknown) => {
        const response = await fetch(`${emulator.url}/_emulator/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        return { status: response.status, text: await response.text() };
      };
      const exchange = async (id: string, secret: string) => {
        const response = await fetch(emulator.graphqlUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            query: "mutation ($id: ID!, $secret: String!) { apiKeyUser(id: $id, secret: $secret) { jwt } }",
            variables: { id, secret },
          }),
        });
        return ((await response.json()) as { data?: { apiKeyUser: { jwt: string } | null } }).data
          ?.apiKeyUser;
      };
      const added = await control("apiKeys/add", {
        id: "01ROTATEDKEY0000000000000A",
        secret: "rotated-secret",
      });
      assert.equal(added.status, 200);
      assert.ok(!added.text.includes("rotated-secret"));
      assert.ok((await exchange("01ROTATEDKEY0000000000000A", "rotated-secret"))?.jwt);

      assert.equal((await control("apiKeys/delete", { id: emulator.apiKey.id })).status, 200);
      assert.equal(await exchange(emulator.apiKey.id, emulator.apiKey.secret), null);
      assert.equal((await control("apiKeys/add", { id: "" })).status, 400);
    } finally {
      await emulator.close();
    }
  });
});
