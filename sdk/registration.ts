import type * as pulumi from "@pulumi/pulumi";

/** The module the provider process loads for every resource of this package. */
const PROVIDER_MODULE = "pulumi-spacelift/provider";

/** Pulumi's key for a dynamic resource's provider code. */
const PROVIDER_KEY = "__provider";

const texts = new Map<string, string>();

/**
 * The provider code stored in `__provider` for resource `kind`: a one-line module whose `handler`
 * asks the installed package for the kind's provider.
 *
 * Pulumi's dynamic-provider host loads `__provider` as a module and calls its `handler` export
 * (that is the whole contract; it compiles the text with `require-from-string` and caches it by
 * text). `pulumi.dynamic.Resource` would fill it by serializing a provider object's closures, which
 * wraps every function in scaffolding: about 850 bytes per resource, stored twice (inputs and
 * outputs) and rewritten by the engine on every checkpoint save. Written directly it is under
 * 100 bytes, captures nothing, and stays the same across versions of this package, so upgrading
 * changes no resource's inputs.
 */
export function providerText(kind: string): string {
  let text = texts.get(kind);
  if (text === undefined) {
    text = `exports.handler = () => require(${JSON.stringify(PROVIDER_MODULE)}).handler(${JSON.stringify(kind)});\n`;
    texts.set(kind, text);
  }
  return text;
}

/** `props` with the provider code of `kind` added, as Pulumi's dynamic-provider host expects. */
export function registrationProps(kind: string, props: pulumi.Inputs): pulumi.Inputs {
  if (Object.prototype.hasOwnProperty.call(props, PROVIDER_KEY)) {
    throw new Error(`${kind}: "${PROVIDER_KEY}" is reserved for the provider code and cannot be an argument`);
  }
  return { ...props, [PROVIDER_KEY]: providerText(kind) };
}

/** What {@link beginRegistration} hands back to the constructor that registers a resource. */
export interface Registration {
  /** Restores the stack trace limit; safe to call more than once. */
  end(): void;
  /**
   * Restores the stack trace limit and gives `error`, thrown while the limit was lowered, a stack
   * trace from the caller (the user's program) so that the failure is reported where it happened.
   */
  failed(error: unknown): unknown;
}

/**
 * Called by every resource class right before it registers with Pulumi: lowers
 * `Error.stackTraceLimit` to 0 for the synchronous part of the registration.
 *
 * Pulumi's Node SDK makes an `Output` for every property a resource class declares, each backed
 * by four promises, and records on every such promise a formatted stack trace (`new Error().stack`,
 * run through source-map support when the program is TypeScript) that it reads only to describe a
 * leaked promise. Our classes declare every argument and output, as the official ones do (a Stack
 * has about 50), so those traces were most of a program's CPU time: measured with 300 stacks, 9.5 s
 * of CPU with them and 1.3 s without. The resource's own source position and stack trace, which
 * Pulumi records in state, are unaffected: Pulumi captures them with an explicit unlimited limit.
 *
 * Left as it is when `PULUMI_DEBUG_PROMISE_LEAKS` is set, the switch that makes Pulumi print those
 * traces.
 */
export function beginRegistration(): Registration {
  const previous = Error.stackTraceLimit;
  if (process.env["PULUMI_DEBUG_PROMISE_LEAKS"]) return { end: () => undefined, failed: (error) => error };
  Error.stackTraceLimit = 0;
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    Error.stackTraceLimit = previous;
  };
  return {
    end,
    failed(error: unknown): unknown {
      end();
      if (error instanceof Error) Error.captureStackTrace(error, this.failed);
      return error;
    },
  };
}
