import type * as emulatorModule from "../../emulator";
import { exchangeApiKey, postGraphQL } from "../helpers/emulator";
import { type JsonValue, ProviderHost } from "../helpers/providerHost";

/** A running emulator as the package's public entry point returns it. */
export type Emulator = Awaited<ReturnType<typeof emulatorModule.startEmulator>>;

/** An emulator plus a dynamic-provider host whose provider talks to it. */
export interface HostFixture {
  /** The emulator, started from `pulumi-spacelift/emulator` as users start it. */
  readonly emulator: Emulator;
  /** The dynamic-provider host, with the emulator's API key in its environment. */
  readonly host: ProviderHost;
  /** The credential values the provider process was given, for leak checks. */
  readonly credentials: readonly string[];
  /**
   * Sends a GraphQL request straight to the emulator with the API key's token (an out-of-band
   * change), returning `data`; GraphQL errors reject.
   */
  api(query: string, variables?: { readonly [name: string]: JsonValue }): Promise<Record<string, unknown>>;
  /** Stops the host and the emulator. */
  close(): Promise<void>;
}

/**
 * Starts an emulator on a free port and a provider host that authenticates to it through
 * `SPACELIFT_API_KEY_ENDPOINT/ID/SECRET`, as a user's CI would.
 */
export async function startHostFixture(): Promise<HostFixture> {
  // Loaded by name, like the SDK: the built emulator that ships in the package.
  const { startEmulator } = require("pulumi-spacelift/emulator") as typeof emulatorModule;
  // Stacks disappear at once after stackDelete, so a stack deleted out of band reads as gone and
  // deletes need no 5-second poll; the waiting itself is tested in tests/unit/resources/stack.spec.ts.
  const emulator = await startEmulator({ port: 0, stackDeletionDelayMs: 0 });
  let host: ProviderHost;
  try {
    host = await ProviderHost.start({
      env: {
        SPACELIFT_API_KEY_ENDPOINT: emulator.url,
        SPACELIFT_API_KEY_ID: emulator.apiKey.id,
        SPACELIFT_API_KEY_SECRET: emulator.apiKey.secret,
      },
    });
  } catch (error) {
    await emulator.close();
    throw error;
  }
  let token: string | undefined;
  return {
    emulator,
    host,
    credentials: [emulator.apiKey.secret],
    async api(query, variables) {
      token ??= await exchangeApiKey(emulator);
      const reply = await postGraphQL(emulator, query, {
        token,
        ...(variables ? { variables: { ...variables } } : {}),
      });
      if (reply.errors?.length || !reply.data) {
        throw new Error(`out-of-band request failed: ${reply.errors?.[0]?.message ?? reply.text}`);
      }
      return reply.data;
    },
    async close() {
      await host.close();
      await emulator.close();
    },
  };
}
