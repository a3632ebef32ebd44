import { createSandbox, inlineStack, readBackendFiles } from "../scripts/lib/pulumiSandbox";
import { declareProgram, spaceliftKit, floorKit } from "../bench/program";
import { writeFloorRuntime } from "../bench/floor";
const { startEmulator } = require("pulumi-spacelift/emulator");
const spacelift = require("pulumi-spacelift");
(async () => {
  const which = process.argv[2] ?? "ours";
  const emulator = await startEmulator({ port: 0, stackDeletionDelayMs: 0 });
  const sandbox = await createSandbox({ SPACELIFT_API_KEY_ENDPOINT: emulator.url, SPACELIFT_API_KEY_ID: emulator.apiKey.id, SPACELIFT_API_KEY_SECRET: emulator.apiKey.secret });
  try {
    const stack = await inlineStack(sandbox, { projectName: "peek", program: async () => declareProgram(which === "ours" ? spaceliftKit(spacelift) : floorKit, 8, "t"), env: which === "floor" ? writeFloorRuntime(sandbox.dir) : {} });
    await stack.up();
    const files = readBackendFiles(sandbox);
    const name = Object.keys(files).find((f) => /^\.pulumi\/stacks\/[^/]+\/[^/]+\.json$/.test(f))!;
    require("fs").writeFileSync(`/work/scratch/ckpt-${which}.json`, files[name]);
    await stack.destroy();
  } finally { sandbox.cleanup(); await emulator.close(); }
})();
