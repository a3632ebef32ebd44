import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildSchema, parse, Kind } from "graphql";
import { buildEmulatorSchema, loadTypeDefs, SCHEMA_PARTS_DIR } from "../../emulator/schema";

/**
 * The emulator's SDL is `emulator/schema.graphql` plus one part per Spacelift domain in
 * `emulator/schema/`; the build must ship the parts too, or a packaged emulator would lack them.
 */
const root = join(__dirname, "..", "..");
const partsDir = join(root, "emulator", SCHEMA_PARTS_DIR);
const parts = readdirSync(partsDir).filter((name) => name.endsWith(".graphql"));

/** The names of the types and root fields a part declares or extends. */
function declaredNames(sdl: string): string[] {
  return parse(sdl).definitions.flatMap((d) => {
    if (d.kind === Kind.OBJECT_TYPE_EXTENSION)
      return (d.fields ?? []).map((f) => `${d.name.value}.${f.name.value}`);
    return "name" in d && d.name ? [d.name.value] : [];
  });
}

describe("emulator schema parts", () => {
  it("has parts, and loads every one of them after schema.graphql", () => {
    assert.ok(parts.length > 0, `no parts in ${partsDir}`);
    const schema = buildSchema(loadTypeDefs());
    for (const part of parts) {
      for (const name of declaredNames(readFileSync(join(partsDir, part), "utf8"))) {
        const [type, field] = name.split(".");
        const found = schema.getType(type);
        assert.ok(found, `${part}: ${type} is missing from the loaded schema`);
        if (field) {
          assert.ok("getFields" in found && field in found.getFields(), `${part}: ${name} is missing`);
        }
      }
    }
  });

  it("builds an executable schema whose resolvers match the parts", () => {
    const schema = buildEmulatorSchema();
    assert.ok(schema.getQueryType()?.getFields()["awsIntegration"]);
  });

  it("ships the parts with the build", () => {
    const built = join(root, "dist", "emulator", SCHEMA_PARTS_DIR);
    assert.ok(existsSync(built), "run npm run build first: dist/emulator/schema is missing");
    assert.deepEqual(
      readdirSync(built)
        .filter((n) => n.endsWith(".graphql"))
        .sort(),
      [...parts].sort(),
    );
  });
});
