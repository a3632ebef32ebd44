import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

import { CLI_BUILD_TIMEOUT_MS, REPO_ROOT, directoryStack } from "../../scripts/lib/pulumiSandbox";
import { startEmulatorSandbox, type EmulatorSandbox } from "./helpers/emulatorSandbox";

/**
 * What a user gets from the registry: the packed tarball, installed into a fresh project the way
 * Pulumi's TypeScript template sets one up, type-checked under every module resolution a
 * consumer may use, and previewed with the real engine against the emulator.
 *
 * The install is offline: the consumer's lockfile is cut out of this repository's lockfile (the
 * tarball's dependencies, `@pulumi/pulumi`, `typescript` and `@types/node` with everything they
 * need), so npm takes every package, and its registry document, from the cache that `npm ci` of
 * this repository filled.
 */

interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly link?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly [field: string]: unknown;
}

interface Lockfile {
  readonly packages: Record<string, LockEntry>;
}

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

const repoLock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as Lockfile;
const repoPackage = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as PackageJson;

/** Where Node would find `name` required from the package installed at `from` (a lockfile key). */
function locate(from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ""}node_modules/${name}`;
    if (repoLock.packages[candidate]) {
      return candidate;
    }
    if (!dir) {
      return undefined;
    }
    const up = dir.lastIndexOf("/node_modules/");
    dir = up < 0 ? "" : dir.slice(0, up);
  }
}

/** The lockfile keys of `roots` and of everything they need, as this repository resolved them. */
function closure(roots: readonly string[]): Set<string> {
  const found = new Set<string>();
  const visit = (key: string): void => {
    if (found.has(key)) {
      return;
    }
    found.add(key);
    const entry = repoLock.packages[key];
    const needs = {
      ...entry.dependencies,
      ...entry.optionalDependencies,
      ...entry.peerDependencies,
    };
    for (const name of Object.keys(needs)) {
      const at = locate(key, name);
      const optional =
        name in (entry.optionalDependencies ?? {}) || entry.peerDependenciesMeta?.[name]?.optional === true;
      if (at) {
        visit(at);
      } else if (!optional) {
        throw new Error(`${key} needs ${name}, which the repository's lockfile does not hold`);
      }
    }
  };
  for (const root of roots) {
    visit(`node_modules/${root}`);
  }
  return found;
}

/** Runs npm in `cwd`, returning everything it printed; throws with that output when it fails. */
function npm(cwd: string, args: readonly string[]): string {
  const result = spawnSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=warn"], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(" ")} failed (${String(result.status)}):\n${output}`);
  }
  return output;
}

/** Runs the repository's TypeScript compiler on a consumer tsconfig; returns its diagnostics. */
function tsc(cwd: string, project: string): { status: number | null; output: string } {
  const result = spawnSync(
    process.execPath,
    [path.join(cwd, "node_modules", "typescript", "bin", "tsc"), "-p", project],
    { cwd, encoding: "utf8" },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** A small program of the kind README shows: a resource, a data function, both subpaths' types. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as spacelift from "pulumi-spacelift";
import type { EmulatorHandle, EmulatorOptions } from "pulumi-spacelift/emulator";
import type { LifecycleMethod } from "pulumi-spacelift/provider";

const config = new pulumi.Config();
const space = new spacelift.Space("packed", {
  name: config.require("spaceName"),
  description: "made by the packed package",
});
const ips = spacelift.getIPsOutput();

export const spaceId: pulumi.Output<string> = space.id;
export const ipCount: pulumi.Output<number> = ips.ips.apply((list: string[]) => list.length);

// The subpath entry points' types, which a test of a user's own program would import.
const options: EmulatorOptions = { port: 0 };
const method: LifecycleMethod = "create";
export const checks = { port: options.port, method, url: undefined as EmulatorHandle["url"] | undefined };
`;

/** Compiler options of Pulumi's TypeScript template, which resolves modules the node10 way. */
const TEMPLATE_OPTIONS = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  module: "commonjs",
  moduleResolution: "node",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: false,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};

describe("the packed tarball in a fresh project (offline install, tsc, preview)", function () {
  this.timeout(CLI_BUILD_TIMEOUT_MS);

  let work: string;
  let consumer: string;
  let installOutput: string;
  let shipped: string[];

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-spacelift-packed-"));
    // `npm test` has just built dist/; the prepack build would only repeat it.
    const packed = JSON.parse(
      execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      }),
    ) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const tarball = packed[0].filename;
    shipped = packed[0].files.map((file) => file.path);
    const tarballBytes = fs.readFileSync(path.join(work, tarball));

    consumer = path.join(work, "consumer");
    fs.mkdirSync(consumer);
    const lockVersion = (name: string): string => {
      const version = repoLock.packages[`node_modules/${name}`]?.version;
      assert.ok(version, `${name} is in the repository's lockfile`);
      return version;
    };
    const dependencies = {
      "@pulumi/pulumi": lockVersion("@pulumi/pulumi"),
      "pulumi-spacelift": `file:../${tarball}`,
    };
    const devDependencies = {
      "@types/node": lockVersion("@types/node"),
      typescript: lockVersion("typescript"),
    };
    const manifest = {
      name: "packed-consumer",
      version: "1.0.0",
      private: true,
      dependencies,
      devDependencies,
    };
    fs.writeFileSync(path.join(consumer, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);

    const packages: Record<string, unknown> = {
      "": manifest,
      "node_modules/pulumi-spacelift": {
        version: repoPackage.version,
        resolved: `file:../${tarball}`,
        integrity: `sha512-${createHash("sha512").update(tarballBytes).digest("base64")}`,
        dependencies: repoPackage.dependencies,
        peerDependencies: repoPackage.peerDependencies,
      },
    };
    const needed = closure([
      ...Object.keys(repoPackage.dependencies ?? {}),
      "@pulumi/pulumi",
      "@types/node",
      "typescript",
    ]);
    for (const key of [...needed].sort()) {
      // Whether a package is dev-only was decided for this repository, not for the consumer.
      const entry: Record<string, unknown> = { ...repoLock.packages[key] };
      delete entry.dev;
      delete entry.devOptional;
      delete entry.peer;
      packages[key] = entry;
    }
    const lock = {
      name: manifest.name,
      version: manifest.version,
      lockfileVersion: 3,
      requires: true,
      packages,
    };
    fs.writeFileSync(path.join(consumer, "package-lock.json"), `${JSON.stringify(lock, null, 2)}\n`);

    installOutput = npm(consumer, ["ci", "--offline"]);

    fs.writeFileSync(path.join(consumer, "index.ts"), PROGRAM);
    fs.writeFileSync(
      path.join(consumer, "Pulumi.yaml"),
      "name: packed-consumer\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: bin/index.js\n",
    );
    const tsconfig = (options: Record<string, unknown>): string =>
      `${JSON.stringify({ compilerOptions: options, files: ["index.ts"] }, null, 2)}\n`;
    fs.writeFileSync(path.join(consumer, "tsconfig.json"), tsconfig(TEMPLATE_OPTIONS));
    fs.writeFileSync(
      path.join(consumer, "tsconfig.node16.json"),
      tsconfig({ ...TEMPLATE_OPTIONS, module: "node16", moduleResolution: "node16", noEmit: true }),
    );
    fs.writeFileSync(
      path.join(consumer, "tsconfig.bundler.json"),
      tsconfig({ ...TEMPLATE_OPTIONS, module: "esnext", moduleResolution: "bundler", noEmit: true }),
    );
  });

  after(() => {
    if (work) {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  it("installs on this Node version without an engine warning", () => {
    assert.doesNotMatch(installOutput, /EBADENGINE/, installOutput);
    const installed = JSON.parse(
      fs.readFileSync(path.join(consumer, "node_modules", "pulumi-spacelift", "package.json"), "utf8"),
    ) as PackageJson;
    assert.equal(installed.version, repoPackage.version);
  });

  it("ships the licence, the changelog and the reference docs, and the emulator's schema once", () => {
    const root = path.join(consumer, "node_modules", "pulumi-spacelift");
    for (const file of [
      "LICENSE",
      "CHANGELOG.md",
      "README.md",
      "docs/resources.md",
      "docs/functions.md",
      "docs/migration.md",
    ]) {
      assert.ok(fs.existsSync(path.join(root, file)), `${file} is shipped`);
    }
    assert.ok(fs.existsSync(path.join(root, "dist", "emulator", "schema.graphql")));
    assert.equal(fs.existsSync(path.join(root, "emulator")), false, "the source schema is not shipped");
  });

  it("ships no compiled module whose source is gone", () => {
    const compiled = shipped.filter((file) => /^dist\/.*\.(js|d\.ts|js\.map)$/.test(file));
    assert.ok(compiled.length > 100, "the compiled package is shipped");
    const orphans = compiled.filter((file) => {
      const source = file.replace(/^dist\//, "").replace(/\.(js|d\.ts|js\.map)$/, ".ts");
      return !fs.existsSync(path.join(REPO_ROOT, source));
    });
    assert.deepEqual(orphans, []);
  });

  it("passes npm publish --dry-run with no warning but the missing login", () => {
    const output = npm(REPO_ROOT, ["publish", "--dry-run", "--ignore-scripts", "--offline"]);
    const warnings = output
      .split("\n")
      .filter((line) => /^npm (warn|error)/.test(line))
      .filter((line) => !/requires you to be logged in/.test(line));
    assert.deepEqual(warnings, [], output);
    assert.match(output, /\+ pulumi-spacelift@/);
  });

  for (const [mode, project] of [
    ["node (Pulumi's template)", "tsconfig.json"],
    ["node16", "tsconfig.node16.json"],
    ["bundler", "tsconfig.bundler.json"],
  ] as const) {
    it(`type-checks a program using every entry point under moduleResolution ${mode}`, () => {
      const { status, output } = tsc(consumer, project);
      assert.equal(status, 0, output);
    });
  }

  describe("previewed with the real engine", () => {
    let fixture: EmulatorSandbox | undefined;

    before(async () => {
      // The program as Pulumi's template builds it, whatever the type checks above found.
      const { status, output } = tsc(consumer, "tsconfig.json");
      assert.equal(status, 0, output);
      fixture = await startEmulatorSandbox();
    });

    after(() => fixture?.close());

    it("previews the compiled program against the emulator", async () => {
      assert.ok(fixture);
      const stack = await directoryStack(fixture.sandbox, consumer);
      await stack.setConfig("spaceName", { value: "packed" });
      const preview = await stack.preview();
      // The stack itself and the space; the data function ran without failing the preview.
      assert.equal(preview.changeSummary.create, 2, JSON.stringify(preview.changeSummary));
      assert.ok(
        fixture.emulator.controls.stats().total > 0,
        "the data function reached the emulator from the installed package",
      );
    });
  });
});
