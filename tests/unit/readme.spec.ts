import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";

import { descriptors } from "../../provider/resources";

const root = path.resolve(__dirname, "..", "..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");

// The README is hand-written; these keep the facts it states in step with the code.
describe("README", () => {
  it("lists every resource class in its resource table", () => {
    const row = (kind: string) => new RegExp(`^\\|\\s*\`${kind}\`\\s*\\|`, "m");
    const missing = Object.keys(descriptors).filter((kind) => !row(kind).test(readme));
    assert.deepEqual(missing, []);
  });

  it("names every credential setting the provider reads", () => {
    const settings = [
      "spacelift:apiKeyEndpoint",
      "spacelift:apiKeyId",
      "spacelift:apiKeySecret",
      "spacelift:apiToken",
      "spacelift:githubToken",
      "SPACELIFT_API_KEY_ENDPOINT",
      "SPACELIFT_API_KEY_ID",
      "SPACELIFT_API_KEY_SECRET",
      "SPACELIFT_API_TOKEN",
      "SPACELIFT_API_GITHUB_TOKEN",
    ];
    const credentialsSource = fs
      .readdirSync(path.join(root, "provider", "auth"))
      .map((f) => fs.readFileSync(path.join(root, "provider", "auth", f), "utf8"))
      .join("\n");
    for (const setting of settings) {
      assert.ok(credentialsSource.includes(setting), `the provider does not read ${setting}`);
      assert.ok(readme.includes(setting), `the README does not mention ${setting}`);
    }
  });

  it("shows the test command CI runs", () => {
    assert.ok(readme.includes("npm test"));
    assert.match(fs.readFileSync(path.join(root, ".ci", "run"), "utf8"), /^npm test$/m);
  });
});
