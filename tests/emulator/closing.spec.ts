import { strict as assert } from "node:assert";
import * as net from "node:net";
import { startFixtureEmulator } from "./fixtureSchema";

describe("closing the emulator", () => {
  it("does not wait for a connection that never sent a request", async () => {
    const emulator = await startFixtureEmulator();
    // Clients open such connections ahead of need (undici does after an aborted request).
    const idle = net.connect(emulator.port, "127.0.0.1");
    const ended = new Promise<void>((resolve) => idle.once("close", () => resolve()));
    idle.on("error", () => undefined);
    let closed = false;
    try {
      await new Promise<void>((resolve, reject) => {
        idle.once("connect", resolve);
        idle.once("error", reject);
      });

      const startedAt = Date.now();
      await emulator.close();
      closed = true;
      const took = Date.now() - startedAt;

      assert.ok(took < 1000, `close took ${took} ms`);
      await ended;
    } finally {
      idle.destroy();
      if (!closed) {
        await emulator.close();
      }
    }
  });
});
