import * as pulumi from "@pulumi/pulumi";

/**
 * The arguments of {@link Provider}: the credentials of one Spacelift account. Each setting left
 * out falls back to its environment variable, as the default provider's do (`SPACELIFT_API_KEY_ENDPOINT`,
 * `SPACELIFT_API_KEY_ID`, `SPACELIFT_API_KEY_SECRET`, `SPACELIFT_API_TOKEN`,
 * `SPACELIFT_API_GITHUB_TOKEN`); stack config is not consulted, so that an explicit provider never
 * borrows the default account's key.
 */
export interface ProviderArgs {
  /** The account's URL, e.g. `https://sandbox.app.spacelift.io`. */
  apiKeyEndpoint?: pulumi.Input<string>;
  /** The API key's id. */
  apiKeyId?: pulumi.Input<string>;
  /** The API key's secret; made a Pulumi secret. */
  apiKeySecret?: pulumi.Input<string>;
  /** A Spacelift API token (JWT), e.g. a run's `SPACELIFT_API_TOKEN`; made a Pulumi secret. */
  apiToken?: pulumi.Input<string>;
  /** A GitHub token, for accounts that log in through GitHub; made a Pulumi secret. */
  githubToken?: pulumi.Input<string>;
}

/** The stack-config key each argument is handed to the provider process under. */
const SETTING_KEYS = {
  apiKeyEndpoint: "spacelift:apiKeyEndpoint",
  apiKeyId: "spacelift:apiKeyId",
  apiKeySecret: "spacelift:apiKeySecret",
  apiToken: "spacelift:apiToken",
  githubToken: "spacelift:githubToken",
} as const satisfies Record<keyof ProviderArgs, string>;

const SECRET_ARGS: ReadonlySet<keyof ProviderArgs> = new Set(["apiKeySecret", "apiToken", "githubToken"]);

/** The key under which a provider names itself to the provider process, for messages. */
export const PROVIDER_NAME_KEY = "spacelift:providerName";

const argsOf = new WeakMap<object, { name: string; args: ProviderArgs }>();

/**
 * An explicit Spacelift provider: the credentials of one account, for the resources and functions
 * given it as `{ provider }` (or through a parent's `providers`). One program can manage several
 * accounts with one provider each.
 *
 * Resources that use it are served by a provider process of their own, configured with its
 * arguments only, so they never share a token with another account's resources. Pulumi keeps its
 * arguments in the state (the secret ones encrypted) to refresh and destroy those resources later.
 *
 * It is a provider of Pulumi's dynamic resources (`pulumi-nodejs`), which is what every
 * pulumi-spacelift resource is; give it to pulumi-spacelift resources only.
 */
export class Provider extends pulumi.ProviderResource {
  /** The account's URL. */
  readonly apiKeyEndpoint: pulumi.Output<string | undefined>;
  /** The API key's id. */
  readonly apiKeyId: pulumi.Output<string | undefined>;
  /** The API key's secret (a Pulumi secret). */
  readonly apiKeySecret: pulumi.Output<string | undefined>;
  /** The API token (a Pulumi secret). */
  readonly apiToken: pulumi.Output<string | undefined>;
  /** The GitHub token (a Pulumi secret). */
  readonly githubToken: pulumi.Output<string | undefined>;

  /**
   * True when `obj` is a pulumi-spacelift {@link Provider}, even one made by another copy of the
   * package.
   *
   * @param obj - anything
   */
  static isInstance(obj: unknown): obj is Provider {
    return (
      typeof obj === "object" &&
      obj !== null &&
      (obj as { __spaceliftProvider?: unknown }).__spaceliftProvider === true
    );
  }

  /**
   * @param name - the provider's logical name
   * @param args - the account's credentials
   * @param opts - Pulumi resource options
   */
  constructor(name: string, args?: ProviderArgs, opts?: pulumi.ResourceOptions) {
    const inputs: pulumi.Inputs = { [PROVIDER_NAME_KEY]: name };
    for (const [arg, key] of Object.entries(SETTING_KEYS) as [keyof ProviderArgs, string][]) {
      const value = args?.[arg];
      if (value === undefined) continue;
      inputs[key] = SECRET_ARGS.has(arg) ? pulumi.secret(value) : value;
    }
    // The secret arguments are secret inputs, so their outputs and state copies are encrypted too.
    super("pulumi-nodejs", name, inputs, opts);
    const value = (arg: keyof ProviderArgs): pulumi.Output<string | undefined> => {
      const given = args?.[arg];
      const out = pulumi.output(given);
      return SECRET_ARGS.has(arg) && given !== undefined ? pulumi.secret(out) : out;
    };
    this.apiKeyEndpoint = value("apiKeyEndpoint");
    this.apiKeyId = value("apiKeyId");
    this.apiKeySecret = value("apiKeySecret");
    this.apiToken = value("apiToken");
    this.githubToken = value("githubToken");
    Object.defineProperty(this, "__spaceliftProvider", { value: true });
    argsOf.set(this, { name, args: { ...args } });
  }
}

/** The internals of an output that tell whether its value is known, without making it plain. */
interface OutputInternals {
  readonly isKnown: Promise<boolean>;
  promise(withUnknowns?: boolean): Promise<unknown>;
}

/**
 * The settings of a {@link Provider}, keyed as in stack config (`spacelift:apiKeyId`), for data
 * functions that run in the program; undefined when `provider` is not a pulumi-spacelift provider.
 *
 * @param provider - a provider given to a function
 * @throws when an argument is not known yet (it depends on a resource still to be created)
 */
export async function settingsOf(
  provider: pulumi.ProviderResource,
): Promise<{ get(key: string): string | undefined } | undefined> {
  const found = argsOf.get(provider);
  if (found === undefined) return undefined;
  const values = new Map<string, string>([[PROVIDER_NAME_KEY, found.name]]);
  for (const [arg, key] of Object.entries(SETTING_KEYS) as [keyof ProviderArgs, string][]) {
    const given = found.args[arg];
    if (given === undefined) continue;
    const out = pulumi.output(given) as unknown as OutputInternals;
    if (!(await out.isKnown)) {
      throw new Error(
        `spacelift.Provider "${found.name}": ${arg} is not known yet (it comes from a resource still to be ` +
          "created), so a data function cannot use this provider in this preview",
      );
    }
    const value = await out.promise();
    if (typeof value === "string" && value.trim() !== "") values.set(key, value);
  }
  return { get: (key) => values.get(key) };
}

/**
 * Resource options with a pulumi-spacelift {@link Provider} found where programs written for
 * Spacelift's official SDK put it: `providers: { spacelift: p }` on the resource or on a parent.
 * Pulumi looks providers up by package, and pulumi-spacelift's package is `pulumi-nodejs`.
 *
 * @param opts - the resource's options
 */
export function withSpaceliftProvider(
  opts: pulumi.CustomResourceOptions | undefined,
): pulumi.CustomResourceOptions {
  if (opts?.provider !== undefined) return { ...opts };
  // Older Pulumi SDKs allow `providers` on custom resources too; programs still pass it.
  const providers = (opts as { providers?: unknown } | undefined)?.providers;
  const named =
    providers !== undefined && !Array.isArray(providers)
      ? (providers as Record<string, unknown>)["spacelift"]
      : undefined;
  if (Provider.isInstance(named)) return { ...opts, provider: named };
  const inherited = opts?.parent?.getProvider("spacelift:index:Stack");
  if (Provider.isInstance(inherited)) return { ...opts, provider: inherited };
  return { ...opts };
}
