import { Kind, type DocumentNode, type OperationDefinitionNode } from "graphql";

/** Whether a request read or wrote. Subscriptions are not served. */
export type OperationKind = "query" | "mutation";

/** How the emulator names a request in counts, logs and fault rules. */
export interface OperationIdentity {
  /** The operation name (see {@link identifyOperation}). */
  readonly name: string;
  /** Query or mutation. */
  readonly kind: OperationKind;
  /**
   * True for a credential exchange: a mutation whose root fields are all {@link EXCHANGE_FIELDS}.
   * Fault rules that match by kind leave these out, since they are authentication, not API work.
   */
  readonly exchange: boolean;
}

/** The mutations that trade a credential for a token. */
export const EXCHANGE_FIELDS: ReadonlySet<string> = new Set(["apiKeyUser", "oauthUser"]);

/** Name recorded when neither a header nor the document gives one (e.g. unparsable JSON). */
export const UNKNOWN_OPERATION = "unknown";

const QUERY_HEADER = "spacelift-graphql-query";
const MUTATION_HEADER = "spacelift-graphql-mutation";

/**
 * Names a GraphQL request.
 *
 * Spacelift's Terraform provider sends anonymous, minified documents and puts the operation name
 * in a `Spacelift-GraphQL-Query` or `Spacelift-GraphQL-Mutation` header, so the header wins. Then
 * comes the document's own operation name, then its first root field (`{viewer{id}}` is `viewer`).
 *
 * @param headers - request headers with lower-case names
 * @param document - the parsed document, or null when it could not be parsed
 * @param operationName - the `operationName` of the request body, if any
 */
export function identifyOperation(
  headers: Readonly<Record<string, string | undefined>>,
  document: DocumentNode | null,
  operationName: string | undefined,
): OperationIdentity {
  const operation = document ? selectOperation(document, operationName) : null;
  const mutationHeader = headers[MUTATION_HEADER]?.trim();
  const queryHeader = headers[QUERY_HEADER]?.trim();
  const headerKind: OperationKind | null = mutationHeader ? "mutation" : queryHeader ? "query" : null;
  const kind: OperationKind =
    operation?.operation === "mutation" ? "mutation" : operation ? "query" : (headerKind ?? "query");
  const name = mutationHeader || queryHeader || operation?.name?.value || firstRootField(operation);
  return { name: name ?? UNKNOWN_OPERATION, kind, exchange: kind === "mutation" && isExchange(operation) };
}

/** The operation graphql-js would execute, or null when the choice is ambiguous or missing. */
function selectOperation(
  document: DocumentNode,
  operationName: string | undefined,
): OperationDefinitionNode | null {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName) {
    return operations.find((operation) => operation.name?.value === operationName) ?? null;
  }
  return operations.length === 1 ? operations[0] : null;
}

function isExchange(operation: OperationDefinitionNode | null): boolean {
  const selections = operation?.selectionSet.selections ?? [];
  // A fragment could hide other mutations, so only plain fields count; `__typename` may ride along.
  if (!selections.every((selection) => selection.kind === Kind.FIELD)) {
    return false;
  }
  const fields = selections.flatMap((selection) =>
    selection.kind === Kind.FIELD && selection.name.value !== "__typename" ? [selection.name.value] : [],
  );
  return fields.length > 0 && fields.every((field) => EXCHANGE_FIELDS.has(field));
}

function firstRootField(operation: OperationDefinitionNode | null): string | undefined {
  const first = operation?.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD);
  return first?.kind === Kind.FIELD ? first.name.value : undefined;
}
