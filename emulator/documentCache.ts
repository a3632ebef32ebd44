import { parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from "graphql";

/** Parse and validate as graphql-js and graphql-http call them, remembering their results. */
export interface DocumentCache {
  /** `parse` for a query text; a text seen before gives the same document object. */
  readonly parse: typeof parse;
  /** `validate`; a document validated before against the same schema gives the same errors. */
  readonly validate: typeof validate;
}

/** Texts remembered at most; clients send a few dozen distinct documents. */
const MAX_DOCUMENTS = 1000;

/**
 * A cache of parsed and validated documents. Clients send the same few documents again and again
 * (one per operation of each kind), and parsing plus validating a document cost the emulator more
 * than executing it; graphql-js treats documents as immutable, so one parse can serve every
 * request with that text. Validation is remembered per document and schema with the rules of the
 * first call: the endpoint validates with one fixed set.
 */
export function createDocumentCache(): DocumentCache {
  const documents = new Map<string, DocumentNode>();
  const validations = new WeakMap<DocumentNode, { schema: GraphQLSchema; errors: readonly GraphQLError[] }>();
  const cachedParse = ((source, options) => {
    if (typeof source !== "string" || options !== undefined) return parse(source, options);
    let document = documents.get(source);
    if (document === undefined) {
      document = parse(source);
      if (documents.size >= MAX_DOCUMENTS) documents.clear();
      documents.set(source, document);
    }
    return document;
  }) as typeof parse;
  const cachedValidate = ((schema, document, rules, options, typeInfo) => {
    const known = validations.get(document);
    if (known !== undefined && known.schema === schema) return known.errors;
    const errors = validate(schema, document, rules, options, typeInfo);
    validations.set(document, { schema, errors });
    return errors;
  }) as typeof validate;
  return { parse: cachedParse, validate: cachedValidate };
}
