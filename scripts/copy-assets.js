// The emulator reads its SDL next to its compiled code, so the schema travels
// with dist/ (the npm package ships dist/, not the source schema).
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
fs.mkdirSync(path.join(root, "dist", "emulator"), { recursive: true });
fs.copyFileSync(
  path.join(root, "emulator", "schema.graphql"),
  path.join(root, "dist", "emulator", "schema.graphql"),
);
// One SDL part per Spacelift domain, read after schema.graphql (emulator/schema.ts).
const parts = path.join(root, "emulator", "schema");
if (fs.existsSync(parts)) {
  fs.rmSync(path.join(root, "dist", "emulator", "schema"), { recursive: true, force: true });
  fs.cpSync(parts, path.join(root, "dist", "emulator", "schema"), { recursive: true });
}
