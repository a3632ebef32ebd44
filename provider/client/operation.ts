import type { DocumentNode, OperationDefinitionNode } from "graphql";

/**
 * The graphql package, loaded when the first operation is validated: a provider process that only
 * checks and diffs (a preview) sends nothing and need not load it.
 */
function graphql(): typeof import("graphql") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require("graphql") as typeof import("graphql");
}

/** GraphQL operation kinds the client sends. */
export type OperationKind = "query" | "mutation";

/** Variables of an operation: a JSON object. */
export type Variables = Readonly<Record<string, unknown>>;

/** An operation as declared by its author. */
export interface OperationSpec {
  /** Operation name, PascalCase, e.g. `ContextCreate`; must equal the name in the document. */
  readonly name: string;
  /** Must equal the operation type in the document. */
  readonly kind: OperationKind;
  /** A GraphQL document with exactly one named operation (fragments allowed). */
  readonly document: string;
  /**
   * Whether sending the mutation twice has the same effect as sending it once (an update that sets
   * the whole object, a delete that tolerates not-found). Such mutations, and every query, are
   * retried after any transient failure; others (creates: leave unset) only after one that proves
   * Spacelift did not run them, such as HTTP 429 or a refused connection.
   */
  readonly idempotent?: boolean;
}

/**
 * A validated operation. `TData` is the shape of `data` the caller expects and `TVariables` the
 * variables it takes; both only guide the types of {@link SpaceliftClient.request}.
 */
export interface Operation<
  TData = Record<string, unknown>,
  TVariables extends Variables = Variables,
> extends OperationSpec {
  /** Resolved: `true` for queries and for mutations declared idempotent; decides retries. */
  readonly idempotent: boolean;
  /** @internal Carries the type parameters; never set at runtime. */
  readonly __types?: { readonly data: TData; readonly variables: TVariables };
}

/**
 * Declares an operation and checks, once at definition time, that its document parses and that
 * the document's single operation has the declared name and kind. Spacelift's own clients send
 * anonymous documents and name the operation only in a header; naming it in the document as well
 * makes server logs and the emulator's counts agree with the header, and this check keeps the two
 * from drifting apart.
 *
 * @param spec - name, kind, document and idempotency
 * @throws Error describing the mismatch; this is a programming error, raised when the module loads
 */
export function defineOperation<TData = Record<string, unknown>, TVariables extends Variables = Variables>(
  spec: OperationSpec,
): Operation<TData, TVariables> {
  const { Kind, parse } = graphql();
  let document: DocumentNode;
  try {
    document = parse(spec.document);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // Documents are ours and hold no secrets, so the parser's error may travel along.
    throw new Error(`operation ${spec.name}: the document does not parse: ${reason}`, { cause: error });
  }
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1) {
    throw new Error(
      `operation ${spec.name}: the document must hold exactly one operation, it holds ${operations.length}`,
    );
  }
  const [operation] = operations as [OperationDefinitionNode];
  const name = operation.name?.value;
  if (name === undefined) {
    throw new Error(`operation ${spec.name}: the document's operation is anonymous; name it ${spec.name}`);
  }
  if (name !== spec.name) {
    throw new Error(`operation ${spec.name}: the document names its operation ${name}`);
  }
  if (operation.operation !== spec.kind) {
    throw new Error(
      `operation ${spec.name}: declared as a ${spec.kind} but the document is a ${operation.operation}`,
    );
  }
  if (spec.kind === "query" && spec.idempotent === false) {
    throw new Error(`operation ${spec.name}: a query is always idempotent; drop "idempotent: false"`);
  }
  return Object.freeze({
    name: spec.name,
    kind: spec.kind,
    document: spec.document,
    idempotent: spec.kind === "query" || spec.idempotent === true,
  });
}

const validated = new Map<string, Operation>();
/** Bound on {@link operationFor}'s cache; descriptors yield far fewer distinct documents. */
const MAX_CACHED = 1000;

/**
 * {@link defineOperation} for specs built at run time (the engine generates documents from
 * descriptors), remembering each validated spec so a document is parsed once per process rather
 * than once per request.
 *
 * @param spec - name, kind, document and idempotency
 * @throws Error when the document does not match the declared name and kind
 */
export function operationFor(spec: OperationSpec): Operation {
  const key = JSON.stringify([spec.name, spec.kind, spec.idempotent === true, spec.document]);
  let operation = validated.get(key);
  if (operation === undefined) {
    operation = defineOperation(spec);
    if (validated.size >= MAX_CACHED) validated.clear();
    validated.set(key, operation);
  }
  return operation;
}
