/**
 * The setup every end-to-end spec shares: an emulator on 127.0.0.1 and an engine sandbox that
 * signs in to it with the emulator's API key.
 *
 * @packageDocumentation
 */

import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../../emulator";
import { createSandbox, type EngineSandbox } from "../../../scripts/lib/pulumiSandbox";

/** Options of {@link startEmulatorSandbox}. */
export interface EmulatorSandboxOptions {
  /** Emulator options; the port defaults to 0 (any free one). */
  readonly emulator?: EmulatorOptions;
  /** More sandbox environment. */
  readonly env?: Record<string, string>;
  /**
   * Whether the sandbox environment carries the API key (the default). A spec that runs some
   * stacks with other credentials, or none, sets this to false and passes `keyEnv` per stack.
   */
  readonly keyInSandbox?: boolean;
}

/** A running emulator and a sandbox pointed at it. */
export interface EmulatorSandbox {
  readonly emulator: EmulatorHandle;
  readonly sandbox: EngineSandbox;
  /** `SPACELIFT_API_KEY_ENDPOINT`, `_ID` and `_SECRET` of the emulator's API key. */
  readonly keyEnv: Record<string, string>;
  /** Removes the sandbox and stops the emulator. */
  close(): Promise<void>;
}

/**
 * Starts an emulator and creates a sandbox whose environment (unless `keyInSandbox` is false)
 * signs in with the emulator's API key. Call `close()` in the spec's `after`.
 */
export async function startEmulatorSandbox(options: EmulatorSandboxOptions = {}): Promise<EmulatorSandbox> {
  const emulator = await startEmulator({ port: 0, ...options.emulator });
  const keyEnv = {
    SPACELIFT_API_KEY_ENDPOINT: emulator.url,
    SPACELIFT_API_KEY_ID: emulator.apiKey.id,
    SPACELIFT_API_KEY_SECRET: emulator.apiKey.secret,
  };
  let sandbox: EngineSandbox;
  try {
    sandbox = await createSandbox({ ...(options.keyInSandbox === false ? {} : keyEnv), ...options.env });
  } catch (err) {
    // The spec never gets a handle to close: stop the emulator here rather than leak its server.
    await emulator.close();
    throw err;
  }
  return {
    emulator,
    sandbox,
    keyEnv,
    close: async () => {
      sandbox.cleanup();
      await emulator.close();
    },
  };
}
