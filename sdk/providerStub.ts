import type * as pulumi from "@pulumi/pulumi";

/** The lifecycle methods a serialized stub forwards to the installed provider runtime. */
export type ProviderMethod = "configure" | "check" | "diff" | "create" | "read" | "update" | "delete";

/**
 * The shape of `pulumi-spacelift/provider` as seen from the stub. Declared here rather than
 * imported so that the SDK never loads provider code into the user's program.
 */
export interface ProviderRuntime {
  /** Runs `method` of resource `kind` with the positional arguments Pulumi passed to the stub. */
  dispatch<T>(kind: string, method: ProviderMethod, args: readonly unknown[]): Promise<T>;
}

/** The stub as `pulumi.dynamic.Resource` sees it: every optional lifecycle method is present. */
export type ProviderStub = Required<pulumi.dynamic.ResourceProvider>;

const stubs = new Map<string, ProviderStub>();

/**
 * Returns the provider object for resource `kind`, the same object on every call: Pulumi caches
 * the serialized text per provider object identity, so a fresh object per resource would be
 * serialized again for each one.
 *
 * Pulumi writes this object into every resource's `__provider`. Its only captured value is `kind`;
 * each method `require`s the runtime when it runs, so refresh and destroy of old state run the
 * installed package rather than code frozen into state when the resource was created.
 */
export function providerFor(kind: string): ProviderStub {
  let stub = stubs.get(kind);
  if (stub === undefined) {
    stub = createStub(kind);
    stubs.set(kind, stub);
  }
  return stub;
}

// Each method is serialized as its own function and lands in state twice per resource, so the
// bodies stay one expression without helpers (a shared helper would be serialized as one more
// function) and pass arguments through untouched.
function createStub(kind: string): ProviderStub {
  return {
    configure: (...a) =>
      (require("pulumi-spacelift/provider") as ProviderRuntime).dispatch(kind, "configure", a),
    check: (...a) => (require("pulumi-spacelift/provider") as ProviderRuntime).dispatch(kind, "check", a),
    diff: (...a) => (require("pulumi-spacelift/provider") as ProviderRuntime).dispatch(kind, "diff", a),
    create: (...a) => (require("pulumi-spacelift/provider") as ProviderRuntime).dispatch(kind, "create", a),
    read: (...a) => (require("pulumi-spacelift/provider") as ProviderRuntime).dispatch(kind, "read", a),
    update: (...a) => (require("pulumi-spacelift/provider") as ProviderRuntime).dispatch(kind, "update", a),
    delete: (...a) => (require("pulumi-spacelift/provider") as ProviderRuntime).dispatch(kind, "delete", a),
  };
}
