import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../emulator";
import { invokeFunction } from "../../provider/functions/invoke";
import type { FunctionValues } from "../../provider/functions/descriptor";

/** An emulator and a way to call data functions against it with its API key. */
export interface FunctionBench {
  /** The running emulator; stop it with `close`. */
  readonly emulator: EmulatorHandle;
  /** Calls a data function with the emulator's API key, from settings only (no environment). */
  invoke(name: string, args?: Record<string, unknown>): Promise<FunctionValues>;
  /** Stops the emulator. */
  close(): Promise<void>;
}

/**
 * Starts an emulator on 127.0.0.1 for data-function tests. Settings are passed explicitly and the
 * environment is empty, so the developer's own `SPACELIFT_*` variables never leak in.
 *
 * @param options - emulator options
 */
export async function startFunctionBench(options: EmulatorOptions = {}): Promise<FunctionBench> {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0, ...options });
  const settings = new Map<string, string>([
    ["spacelift:apiKeyEndpoint", emulator.url],
    ["spacelift:apiKeyId", emulator.apiKey.id],
    ["spacelift:apiKeySecret", emulator.apiKey.secret],
  ]);
  return {
    emulator,
    invoke: (name, args = {}) => invokeFunction(name, args, { get: (key) => settings.get(key) }, {}),
    close: () => emulator.close(),
  };
}
