import { appendFileSync } from "node:fs";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { createHandler, type Request as GraphQLHttpRequest } from "graphql-http";
import { createDocumentCache, type DocumentCache } from "./documentCache";
import { nullForAnonymousReads, type AnonymousReads } from "./anonymousReads";
import type { LatencySetting } from "./controls";
import type { CredentialRegistry } from "./credentials";
import { stripEmptyArgumentLists } from "./emptyArguments";
import { refusal, spoilAnswer } from "./faultAnswers";
import { appliesFirst, type Fault, type FaultInjector } from "./faults";
import type { HeldAnswers } from "./heldAnswers";
import {
  isConnectionReset,
  jsonResponse,
  type EmulatorReply,
  type EmulatorRequest,
  type EmulatorResponse,
} from "./httpMessage";
import { identifyOperation } from "./operation";
import type { RequestContext } from "./requestContext";
import { ANONYMOUS, type RequestRecorder } from "./stats";
import type { Store } from "./store";
import type { TokenService, VerifiedToken } from "./tokens";

/** What the GraphQL endpoint needs. */
export interface GraphQLEndpointOptions {
  /** The executable schema (SDL plus resolvers). */
  readonly schema: GraphQLSchema;
  /** The emulator's data. */
  readonly store: Store;
  /** Verifies bearer tokens and issues new ones. */
  readonly tokens: TokenService;
  /** Accepted API keys and GitHub tokens. */
  readonly credentials: CredentialRegistry;
  /** Request counts and log. */
  readonly recorder: RequestRecorder;
  /** Injected failures. */
  readonly faults: FaultInjector;
  /** Injected latency. */
  readonly latency: LatencySetting;
  /** Where answers delayed by a `slowAnswer` fault wait; the emulator cuts them short on close. */
  readonly heldAnswers: HeldAnswers;
  /** Clock, epoch milliseconds. */
  readonly now: () => number;
  /** The emulator's base URL. */
  readonly baseUrl: string;
  /** What a query for one object answers an anonymous caller; `unauthorized` when omitted. */
  readonly anonymousReads?: AnonymousReads;
  /** Called after a mutation was executed (persists the store); awaited before responding. */
  readonly afterMutation: () => Promise<void>;
  /** Reports problems that must not change the response, such as a failed state-file write. */
  readonly reportError: (message: string) => void;
  /** Development tool: file to append one JSON line per request to; see `EmulatorOptions`. */
  readonly recordDocumentsTo?: string;
}

/** Per-request state threaded through graphql-http. */
interface RequestState {
  readonly resolverContext: RequestContext;
  executed: boolean;
}

type GraphQLHttpInput = GraphQLHttpRequest<EmulatorRequest, RequestState>;

/**
 * Builds the `POST /graphql` handler.
 *
 * The body is read and decoded here rather than by graphql-http so that, before anything runs, the
 * request can be named (for counts and fault rules), its empty `()` argument lists removed, its
 * bearer token checked, and an injected fault answered without executing the operation. Faults
 * that let the operation run spoil its answer only after the mutation has been persisted, so the
 * effect is kept whatever the client receives.
 */
export function createGraphQLEndpoint(
  options: GraphQLEndpointOptions,
): (req: EmulatorRequest) => Promise<EmulatorReply> {
  const { recorder, faults, latency, tokens, credentials } = options;
  const documents = createDocumentCache();
  const handler = createHandler<EmulatorRequest, RequestState, Record<string, unknown>>({
    schema: options.schema,
    parse: documents.parse,
    validate: documents.validate,
    // graphql-http's context type demands an index signature the resolver context does not need.
    context: (req: GraphQLHttpInput) => req.context.resolverContext as unknown as Record<string, unknown>,
    onOperation: (req: GraphQLHttpInput) => {
      req.context.executed = true;
    },
  });

  return async (req) => {
    const arrivedAt = options.now();
    if (req.method !== "POST") {
      return jsonResponse(405, { errors: [{ message: "use POST for /graphql" }] }, { allow: "POST" });
    }
    const payload = decodeBody(req.body, documents);
    const identity = identifyOperation(req.headers, payload.document, payload.operationName);
    const token = await authenticate(tokens, req.headers.authorization);
    const credential = token?.viewer.credential ?? ANONYMOUS;

    if (latency.ms > 0) {
      await new Promise<void>((resolve) => setTimeout(resolve, latency.ms));
    }

    const record = (reply: EmulatorReply, fault?: Fault, answerLost = false): EmulatorReply => {
      recorder.record({
        at: arrivedAt,
        operation: identity.name,
        kind: identity.kind,
        credential,
        status: isConnectionReset(reply) ? 0 : reply.status,
        ...(fault ? { fault: fault.kind } : {}),
        ...(answerLost ? { answerLost: true as const } : {}),
      });
      return reply;
    };

    const fault = faults.next(identity);
    if (fault && !appliesFirst(fault)) {
      return record(refusal(fault), fault);
    }

    const state: RequestState = {
      resolverContext: {
        viewer: token?.viewer ?? null,
        tokenId: token?.id ?? null,
        store: options.store,
        now: options.now,
        baseUrl: options.baseUrl,
        tokens,
        credentials,
      },
      executed: false,
    };
    let response: EmulatorResponse;
    try {
      const [body, init] = await handler({
        method: "POST",
        url: req.path,
        // Clients such as graphql-request prefer application/graphql-response+json, for which
        // graphql-http answers validation errors with HTTP 400, while Spacelift's Go client treats
        // any non-200 status as a transport failure; answering as for application/json keeps
        // GraphQL errors at 200. The body was already decoded, so its Content-Type is moot.
        headers: { ...req.headers, accept: "application/json", "content-type": "application/json" },
        body: payload.body,
        raw: req,
        context: state,
      });
      response = { status: init.status, headers: { ...init.headers }, body: body ?? "" };
      if (options.anonymousReads === "null" && token === null && identity.kind === "query") {
        response = nullForAnonymousReads(response);
      }
    } catch (err) {
      options.reportError(`internal error while serving ${identity.name}: ${(err as Error).message}`);
      return record(jsonResponse(500, { errors: [{ message: "internal emulator error" }] }));
    }
    if (state.executed && identity.kind === "mutation") {
      try {
        await options.afterMutation();
      } catch (err) {
        options.reportError((err as Error).message);
      }
    }
    if (options.recordDocumentsTo !== undefined) {
      recordDocument(options.recordDocumentsTo, payload, response, options.reportError);
    }
    if (fault) {
      const spoiled = await spoilAnswer(fault, response, options.heldAnswers, req.signal);
      return record(spoiled.reply, fault, spoiled.lost);
    }
    return record(response);
  };
}

/** The request body as graphql-http should see it, plus the parts the emulator inspects. */
interface DecodedBody {
  /** The JSON object with `query` cleaned, or the raw text when it is not JSON (graphql-http reports it). */
  readonly body: string | Record<string, unknown>;
  readonly document: DocumentNode | null;
  readonly operationName: string | undefined;
  /** The document exactly as received, before empty argument lists are removed. */
  readonly receivedQuery?: string;
  /** The request's variables, when it had any. */
  readonly variables?: unknown;
}

function decodeBody(text: string, documents: DocumentCache): DecodedBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { body: text, document: null, operationName: undefined };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { body: text, document: null, operationName: undefined };
  }
  const object = json as Record<string, unknown>;
  const operationName = typeof object.operationName === "string" ? object.operationName : undefined;
  if (typeof object.query !== "string") {
    return { body: object, document: null, operationName };
  }
  const query = stripEmptyArgumentLists(object.query);
  let document: DocumentNode | null = null;
  try {
    document = documents.parse(query);
  } catch {
    // graphql-http parses again and reports the syntax error in the response.
  }
  return {
    body: { ...object, query },
    document,
    operationName,
    receivedQuery: object.query,
    variables: object.variables,
  };
}

/**
 * Appends one request and its answer to `file` as a JSON line. Synchronous, so that lines keep the
 * order of the requests and markers a recording script writes between commands stay in place.
 */
function recordDocument(
  file: string,
  payload: DecodedBody,
  response: EmulatorResponse,
  reportError: (message: string) => void,
): void {
  let answer: { data?: unknown; errors?: unknown } = {};
  try {
    answer = JSON.parse(response.body) as typeof answer;
  } catch {
    answer = { errors: [{ message: `non-JSON answer, HTTP ${response.status}` }] };
  }
  const line = {
    operationName: payload.operationName ?? null,
    query: payload.receivedQuery ?? null,
    variables: payload.variables ?? null,
    response: { data: answer.data ?? null, ...(answer.errors ? { errors: answer.errors } : {}) },
  };
  appendRecordedLine(file, line, reportError);
}

/**
 * Appends a state upload (`PUT /state-uploads/<objectId>`) to the same recording as the GraphQL
 * requests, in order with them: `{ stateUpload: objectId, status }`. Never the body, which is a
 * Terraform state and may hold secrets.
 */
export function recordStateUpload(
  file: string,
  objectId: string,
  status: number,
  reportError: (message: string) => void,
): void {
  appendRecordedLine(file, { stateUpload: objectId, status }, reportError);
}

/** Synchronous, so that lines keep the order of the requests (see `recordDocument`). */
function appendRecordedLine(file: string, line: unknown, reportError: (message: string) => void): void {
  try {
    appendFileSync(file, JSON.stringify(line) + "\n");
  } catch (err) {
    reportError(`cannot record the document to ${file}: ${(err as Error).message}`);
  }
}

async function authenticate(
  tokens: TokenService,
  authorization: string | undefined,
): Promise<VerifiedToken | null> {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? tokens.verify(match[1]) : null;
}
