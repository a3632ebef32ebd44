import { type ChildProcess, execFile, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";

/** Any value that survives a round trip through a protobuf `Struct`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A resource's inputs, outputs or config, as plain JSON. */
export type PropertyMap = { [key: string]: JsonValue };

/** The repository root: the dynamic-provider host runs here, as the engine runs it in the program directory. */
export const repoRoot = path.resolve(__dirname, "..", "..");

/** The key under which Pulumi stores the serialized provider in every dynamic resource's inputs and outputs. */
export const providerKey = "__provider";

/** The value the engine sends for an input that is not known yet (a preview of a dependent resource). */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The text of the child program that collects `__provider` texts through the real SDK path: it
 * installs Pulumi mocks, constructs one instance of every resource class the package exports, and
 * prints `{ [kind]: text }` as JSON. It first reads every key of `PULUMI_CONFIG`, so that config
 * values sit in memory the way a real program's would while serialization runs.
 */
const captureProgram = `
const pulumi = require("@pulumi/pulumi");
const texts = {};
pulumi.runtime.setMocks({
  newResource(args) {
    const kind = args.type.slice(args.type.lastIndexOf(":") + 1);
    texts[kind] = args.inputs.__provider;
    return { id: args.name, state: args.inputs };
  },
  call(args) { return args.inputs; },
}, "probe", "probe", false);
for (const key of Object.keys(JSON.parse(process.env.PULUMI_CONFIG || "{}"))) pulumi.runtime.getConfig(key);
const sdk = require("pulumi-spacelift");
const pending = [];
for (const [name, value] of Object.entries(sdk)) {
  if (typeof value === "function" && value.prototype instanceof pulumi.CustomResource && !(value.prototype instanceof pulumi.ProviderResource)) {
    const resource = new value("probe-" + name, {});
    pending.push(new Promise((resolve) => resource.urn.apply(resolve)));
  }
}
Promise.all(pending).then(() => process.stdout.write(JSON.stringify(texts)));
`;

/** Where and how {@link captureProviderTexts} runs its child program. */
export interface CaptureOptions {
  /** Directory the child runs in; `pulumi-spacelift` and `@pulumi/pulumi` resolve from here. Defaults to {@link repoRoot}. */
  readonly cwd?: string;
  /** Extra environment for the child, e.g. credentials that must not leak into the text. */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Returns the exact `__provider` text the installed SDK produces for every exported resource class,
 * keyed by kind, computed in a separate Node process (Pulumi mocks are process-global state).
 */
export function captureProviderTexts(options: CaptureOptions = {}): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["-e", captureProgram],
      { cwd: options.cwd ?? repoRoot, env: { ...process.env, ...options.env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`capturing __provider texts failed: ${error.message}\n${stderr}`));
          return;
        }
        resolve(JSON.parse(stdout) as Record<string, string>);
      },
    );
  });
}

/** How to start a {@link ProviderHost}. */
export interface ProviderHostOptions {
  /**
   * Environment added to the host process (emulator URL and credentials, typically). The host
   * otherwise inherits this process's environment, as the engine passes on the CLI's, except for
   * `SPACELIFT_*` variables, which are dropped so that each test states the credentials it uses.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** `PULUMI_NODEJS_PROJECT`: the project that un-prefixed config keys belong to. Defaults to `spacelift-test`. */
  readonly project?: string;
  /** The stack name used in URNs. Defaults to `test`. */
  readonly stack?: string;
  /** Directory the host runs in. Defaults to {@link repoRoot}. */
  readonly cwd?: string;
  /**
   * Supplies the `__provider` text for a kind. Defaults to the text the installed SDK produces
   * ({@link captureProviderTexts}), which is what the engine would find in state.
   */
  readonly providerText?: (kind: string) => string | Promise<string>;
  /** Deadline for each gRPC call, in milliseconds. Defaults to 30 s. */
  readonly callTimeoutMs?: number;
}

/** A failure the provider reported in answer to `Check`. */
export interface CheckFailure {
  /** The input property at fault. */
  readonly property: string;
  /** Why it was rejected. */
  readonly reason: string;
}

/** The answer to `Check`. */
export interface CheckResult {
  /** The checked inputs (defaults applied), without `__provider`. */
  readonly inputs: PropertyMap;
  /** Validation failures; empty when the inputs are valid. */
  readonly failures: readonly CheckFailure[];
}

/** How the provider classified a diff; `unknown` makes the engine compare inputs itself. */
export type DiffChanges = "unknown" | "none" | "some";

/** The answer to `Diff`. */
export interface DiffResult {
  /** Whether anything changed. */
  readonly changes: DiffChanges;
  /** Properties whose change forces replacement. */
  readonly replaces: readonly string[];
  /** Whether the old resource must be deleted before its replacement is created. */
  readonly deleteBeforeReplace: boolean;
}

/** The answer to `Create`. */
export interface CreateResult {
  /** The new resource's ID. */
  readonly id: string;
  /** Its outputs, without `__provider`. */
  readonly outs: PropertyMap;
}

/** The answer to `Read`. */
export interface ReadResult {
  /** The resource's ID; empty when the resource no longer exists. */
  readonly id: string;
  /** Its refreshed outputs, without `__provider`. */
  readonly props: PropertyMap;
  /** Inputs the provider asks the engine to store, when it returned any, without `__provider`. */
  readonly inputs?: PropertyMap;
}

/** The answer to `Update`. */
export interface UpdateResult {
  /** The outputs after the update (they replace the old outputs), without `__provider`. */
  readonly outs: PropertyMap;
}

/**
 * A create or update that failed after the resource came into existence. The engine records the
 * resource with these properties so a later run can clean it up.
 */
export interface InitFailure {
  /** ID of the resource that was created. */
  readonly id: string;
  /** Properties to record for it, without `__provider`. */
  readonly properties: PropertyMap;
  /** Why initialisation failed. */
  readonly reasons: readonly string[];
}

/** A gRPC error from the dynamic-provider host, with everything it carried. */
export class ProviderCallError extends Error {
  /**
   * @param method - The RPC that failed (`Create`, `Read`, ...).
   * @param code - The gRPC status code.
   * @param details - The error text the provider produced.
   * @param initFailure - Present for partial failures of `Create` and `Update`.
   */
  constructor(
    readonly method: string,
    readonly code: grpc.status,
    readonly details: string,
    readonly initFailure?: InitFailure,
  ) {
    super(`${method} failed (${grpc.status[code] ?? code}): ${details}`);
    this.name = "ProviderCallError";
  }
}

/** The setters every resource request (`Check`, `Diff`, `Create`, ...) has. */
interface ResourceRequest {
  setUrn(value: string): unknown;
  setName(value: string): unknown;
  setType(value: string): unknown;
}

/**
 * Pulumi's Node.js dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) running in its
 * own process, driven over gRPC the way the engine drives it. Every request carries `__provider`,
 * so each call deserializes the stub, runs `configure` once per process and reaches the installed
 * `pulumi-spacelift/provider` by module resolution from the host's directory, exactly as in a
 * real deployment. Results come back as plain objects with `__provider` removed.
 */
export class ProviderHost {
  private readonly texts = new Map<string, Promise<string>>();
  private stderrText = "";
  private stdoutText = "";

  private constructor(
    private readonly child: ChildProcess,
    private readonly client: ResourceProviderClient,
    private readonly options: ProviderHostOptions,
  ) {
    child.stdout?.on("data", (chunk: Buffer) => (this.stdoutText += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (this.stderrText += chunk.toString("utf8")));
  }

  /** Starts the host process and connects to it. Call {@link ProviderHost.close} when done. */
  static async start(options: ProviderHostOptions = {}): Promise<ProviderHost> {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !name.startsWith("SPACELIFT_")),
    );
    const child = spawn(
      process.execPath,
      // The engine passes its own address; the host only requires that one is present.
      [require.resolve("@pulumi/pulumi/cmd/dynamic-provider"), "127.0.0.1:1"],
      {
        cwd: options.cwd ?? repoRoot,
        env: { ...inherited, PULUMI_NODEJS_PROJECT: options.project ?? "spacelift-test", ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const port = await readPort(child);
    const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return new ProviderHost(child, client, options);
  }

  /** Everything the host wrote to stderr so far (provider logs and error stacks), for assertions. */
  get stderr(): string {
    return this.stderrText;
  }

  /** Everything the host wrote to stdout after its port line, for assertions. */
  get stdout(): string {
    return this.stdoutText;
  }

  /** The `__provider` text sent for `kind`. */
  providerText(kind: string): Promise<string> {
    let text = this.texts.get(kind);
    if (text === undefined) {
      text = this.resolveProviderText(kind);
      this.texts.set(kind, text);
    }
    return text;
  }

  /**
   * Sends the stack config, as the engine does before any resource call: fully qualified keys
   * (`spacelift:apiKeyId`), secrets already decrypted. The stub's `configure` runs later, lazily,
   * on the first call for each provider text.
   */
  async configure(config: Readonly<Record<string, string>>): Promise<void> {
    const request = new proto.ConfigureRequest();
    request.setArgs(Struct.fromJavaScript({ ...config }));
    request.setAcceptsecrets(true);
    request.setAcceptresources(true);
    await this.call("Configure", (cb) =>
      this.client.configure(request, this.metadata(), this.callOptions(), cb),
    );
  }

  /** `Check(olds, news)`: `olds` are the previous inputs (`{}` on create), `news` the program's inputs. */
  async check(kind: string, name: string, olds: PropertyMap, news: PropertyMap): Promise<CheckResult> {
    const request = this.addressed(new proto.CheckRequest(), kind, name);
    request.setOlds(await this.withProvider(kind, olds));
    request.setNews(await this.withProvider(kind, news));
    const response = await this.call<proto.CheckResponse>("Check", (cb) =>
      this.client.check(request, this.metadata(), this.callOptions(), cb),
    );
    return {
      inputs: withoutProvider(response.getInputs()),
      failures: response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  /** `Diff(id, olds, news)`: `olds` are the stored outputs, `news` the checked inputs; `oldInputs` as the engine sends them. */
  async diff(
    kind: string,
    name: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap = olds,
  ): Promise<DiffResult> {
    const request = this.addressed(new proto.DiffRequest(), kind, name);
    request.setId(id);
    request.setOlds(await this.withProvider(kind, olds));
    request.setNews(await this.withProvider(kind, news));
    request.setOldInputs(await this.withProvider(kind, oldInputs));
    const response = await this.call<proto.DiffResponse>("Diff", (cb) =>
      this.client.diff(request, this.metadata(), this.callOptions(), cb),
    );
    return {
      changes: diffChanges(response.getChanges()),
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  /** `Create(inputs)`; a partial failure rejects with a {@link ProviderCallError} carrying `initFailure`. */
  async create(kind: string, name: string, inputs: PropertyMap): Promise<CreateResult> {
    const request = this.addressed(new proto.CreateRequest(), kind, name);
    request.setProperties(await this.withProvider(kind, inputs));
    const response = await this.call<proto.CreateResponse>("Create", (cb) =>
      this.client.create(request, this.metadata(), this.callOptions(), cb),
    );
    return { id: response.getId(), outs: withoutProvider(response.getProperties()) };
  }

  /**
   * `Read(id, props)` as refresh sends it: `props` are the stored outputs and `inputs` the stored
   * inputs. Pass `props` as `undefined` to read the way `Resource.get` does, with only inputs.
   */
  async read(
    kind: string,
    name: string,
    id: string,
    props: PropertyMap | undefined,
    inputs: PropertyMap = {},
  ): Promise<ReadResult> {
    const request = this.addressed(new proto.ReadRequest(), kind, name);
    request.setId(id);
    // The engine always sends a properties struct, empty for a read with only an id (`.get`);
    // hosts before 3.249 read it unconditionally.
    request.setProperties(await this.withProvider(kind, props ?? {}));
    request.setInputs(await this.withProvider(kind, inputs));
    const response = await this.call<proto.ReadResponse>("Read", (cb) =>
      this.client.read(request, this.metadata(), this.callOptions(), cb),
    );
    const returnedInputs = response.getInputs();
    return {
      id: response.getId(),
      props: withoutProvider(response.getProperties()),
      ...(returnedInputs ? { inputs: withoutProvider(returnedInputs) } : {}),
    };
  }

  /** `Update(id, olds, news)`: `olds` are the stored outputs, `news` the checked inputs. */
  async update(
    kind: string,
    name: string,
    id: string,
    olds: PropertyMap,
    news: PropertyMap,
    oldInputs: PropertyMap = olds,
  ): Promise<UpdateResult> {
    const request = this.addressed(new proto.UpdateRequest(), kind, name);
    request.setId(id);
    request.setOlds(await this.withProvider(kind, olds));
    request.setNews(await this.withProvider(kind, news));
    request.setOldInputs(await this.withProvider(kind, oldInputs));
    const response = await this.call<proto.UpdateResponse>("Update", (cb) =>
      this.client.update(request, this.metadata(), this.callOptions(), cb),
    );
    return { outs: withoutProvider(response.getProperties()) };
  }

  /** `Delete(id, props)`: `props` are the stored outputs. */
  async delete(kind: string, name: string, id: string, props: PropertyMap): Promise<void> {
    const request = this.addressed(new proto.DeleteRequest(), kind, name);
    request.setId(id);
    request.setProperties(await this.withProvider(kind, props));
    await this.call("Delete", (cb) => this.client.delete(request, this.metadata(), this.callOptions(), cb));
  }

  /** Closes the connection and stops the host process. */
  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill("SIGTERM");
    await exited;
  }

  private async resolveProviderText(kind: string): Promise<string> {
    if (this.options.providerText) {
      return this.options.providerText(kind);
    }
    const texts = await sdkProviderTexts();
    const text = texts[kind];
    if (text === undefined) {
      throw new Error(`the installed SDK exports no resource class of kind ${kind}`);
    }
    return text;
  }

  /** Fills in what every resource request carries: the resource's URN, name and type token. */
  private addressed<R extends ResourceRequest>(request: R, kind: string, name: string): R {
    request.setUrn(this.urn(kind, name));
    request.setName(name);
    request.setType(typeToken(kind));
    return request;
  }

  private async withProvider(kind: string, properties: PropertyMap): Promise<Struct> {
    return Struct.fromJavaScript({ ...properties, [providerKey]: await this.providerText(kind) });
  }

  private urn(kind: string, name: string): string {
    const project = this.options.project ?? "spacelift-test";
    return `urn:pulumi:${this.options.stack ?? "test"}::${project}::${typeToken(kind)}::${name}`;
  }

  private metadata(): grpc.Metadata {
    return new grpc.Metadata();
  }

  private callOptions(): Partial<grpc.CallOptions> {
    return { deadline: Date.now() + (this.options.callTimeoutMs ?? 30_000) };
  }

  private call<T>(
    method: string,
    invoke: (callback: (error: grpc.ServiceError | null, response: T) => void) => void,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      invoke((error, response) => {
        if (error) {
          reject(toProviderCallError(method, error));
        } else {
          resolve(response);
        }
      });
    });
  }
}

let installedTexts: Promise<Record<string, string>> | undefined;

// One capture per test process: it costs a Node start-up and the installed SDK does not change
// while tests run.
function sdkProviderTexts(): Promise<Record<string, string>> {
  installedTexts ??= captureProviderTexts();
  return installedTexts;
}

/** The type token the SDK registers for `kind`. */
export function typeToken(kind: string): string {
  return `pulumi-nodejs:dynamic/spacelift:${kind}`;
}

function readPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    let stderr = "";
    const timer = setTimeout(
      () => fail(new Error("the dynamic-provider host did not print its port in 20 s")),
      20_000,
    );
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString("utf8");
      const newline = buffered.indexOf("\n");
      if (newline >= 0) {
        const port = Number(buffered.slice(0, newline).trim());
        cleanup();
        if (Number.isInteger(port) && port > 0) {
          resolve(port);
        } else {
          child.kill("SIGTERM");
          reject(new Error(`unexpected first line from the dynamic-provider host: ${buffered}`));
        }
      }
    };
    const onStderr = (chunk: Buffer): void => {
      stderr += chunk.toString("utf8");
    };
    const onExit = (code: number | null): void =>
      fail(new Error(`the dynamic-provider host exited (${code}) before printing its port:\n${stderr}`));
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.stderr?.off("data", onStderr);
      child.off("exit", onExit);
    };
    const fail = (error: Error): void => {
      cleanup();
      child.kill("SIGTERM");
      reject(error);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onStderr);
    child.once("exit", onExit);
    child.once("error", fail);
  });
}

function withoutProvider(struct: Struct | undefined): PropertyMap {
  const properties = (struct?.toJavaScript() ?? {}) as PropertyMap;
  delete properties[providerKey];
  return properties;
}

function diffChanges(changes: proto.DiffResponse.DiffChanges): DiffChanges {
  switch (changes) {
    case proto.DiffResponse.DiffChanges.DIFF_NONE:
      return "none";
    case proto.DiffResponse.DiffChanges.DIFF_SOME:
      return "some";
    default:
      return "unknown";
  }
}

// The host packs partial-failure details into the `grpc-status-details-bin` trailer as a
// google.rpc.Status whose details hold a pulumirpc.ErrorResourceInitFailed.
function toProviderCallError(method: string, error: grpc.ServiceError): ProviderCallError {
  let initFailure: InitFailure | undefined;
  for (const value of error.metadata?.get("grpc-status-details-bin") ?? []) {
    const status = Status.deserializeBinary(typeof value === "string" ? Buffer.from(value) : value);
    for (const detail of status.getDetailsList()) {
      const failed = detail.unpack(
        proto.ErrorResourceInitFailed.deserializeBinary,
        "pulumirpc.ErrorResourceInitFailed",
      );
      if (failed) {
        initFailure = {
          id: failed.getId(),
          properties: withoutProvider(failed.getProperties()),
          reasons: failed.getReasonsList(),
        };
      }
    }
  }
  return new ProviderCallError(method, error.code, error.details, initFailure);
}
