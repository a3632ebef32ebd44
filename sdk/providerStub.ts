import type * as pulumi from "@pulumi/pulumi";

/**
 * What a stub asks the runtime for: `observe` (configure, check, read, diff) or `mutate` (create,
 * delete, update). The runtime tells the methods of a family apart by their arguments.
 */
export type ProviderMethod = "observe" | "mutate";

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

// Pulumi serializes every function of this object, with some 190 bytes of wrapping each, into the
// state of every resource, twice. So the object holds two functions, not seven: one for the
// methods that only look (configure, check, read, diff) and one for those that change Spacelift
// (create, delete, update), and the runtime tells the methods of a family apart by their
// arguments. The bodies stay one expression without helpers (a shared helper would be serialized
// as one more function) and pass arguments through untouched.
function createStub(kind: string): ProviderStub {
  const observe = (...a: unknown[]) =>
    (require("pulumi-spacelift/provider") as ProviderRuntime).dispatch(kind, "observe", a);
  const mutate = (...a: unknown[]) =>
    (require("pulumi-spacelift/provider") as ProviderRuntime).dispatch(kind, "mutate", a);
  return {
    configure: observe,
    check: observe,
    diff: observe,
    read: observe,
    create: mutate,
    update: mutate,
    delete: mutate,
  } as ProviderStub;
}
