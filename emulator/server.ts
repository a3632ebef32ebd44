import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { CONTROL_PREFIX } from "./controlRoutes";
import { STATE_UPLOAD_PREFIX } from "./resolvers/stateUploads";
import { isConnectionReset, jsonResponse, type EmulatorReply, type EmulatorRequest } from "./httpMessage";
import { OpenConnections } from "./openConnections";

/** Largest request body accepted, bytes. Real documents are a few kilobytes. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Handles one request; the same function serves HTTP and the handle's in-process `fetch`. */
export type RequestHandler = (req: EmulatorRequest) => Promise<EmulatorReply>;

/** The handlers {@link routeRequest} dispatches to. */
export interface Routes {
  /** `POST /graphql`. */
  readonly graphql: RequestHandler;
  /** Everything under `/_emulator/`. */
  readonly controls: RequestHandler;
  /** `PUT /state-uploads/<objectId>`: the URLs `stateUploadUrl` hands out. */
  readonly stateUploads?: RequestHandler;
}

/** Sends `/graphql` to the GraphQL endpoint and `/_emulator/*` to the test controls. */
export function routeRequest(routes: Routes): RequestHandler {
  return async (req) => {
    if (req.path === "/graphql" || req.path === "/graphql/") {
      return routes.graphql(req);
    }
    if (req.path.startsWith(CONTROL_PREFIX)) {
      return routes.controls(req);
    }
    if (routes.stateUploads && req.path.startsWith(STATE_UPLOAD_PREFIX)) {
      return routes.stateUploads(req);
    }
    return jsonResponse(404, {
      error: "not found: the Spacelift API is served at POST /graphql, test controls under /_emulator/",
    });
  };
}

/** A listening `node:http` server. */
export interface ListeningServer {
  /** The port actually bound (useful when 0 was requested). */
  readonly port: number;
  /** Installs the request handler; requests that arrive before this get HTTP 503. */
  setHandler(handler: RequestHandler): void;
  /** Stops accepting connections and resolves when open connections have closed. */
  close(): Promise<void>;
}

/** How long {@link ListeningServer.close} lets in-flight requests finish before cutting connections. */
const CLOSE_GRACE_MS = 2000;

/**
 * Binds a `node:http` server. It is bound before the handler exists because the handler needs the
 * base URL, which contains the port the system chose.
 */
export function listen(
  host: string,
  port: number,
  reportError: (message: string) => void,
): Promise<ListeningServer> {
  let handler: RequestHandler | null = null;
  const server = http.createServer((req, res) => {
    void serve(req, res, handler, reportError);
  });
  const connections = new OpenConnections(server);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const bound = (server.address() as AddressInfo).port;
      resolve({
        port: bound,
        setHandler(h) {
          handler = h;
        },
        close: () => closeServer(server, connections),
      });
    });
  });
}

function closeServer(server: http.Server, connections: OpenConnections): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    force.unref();
    server.close((err) => {
      clearTimeout(force);
      if (err) {
        reject(err);
      } else {
        resolve();
      }
    });
    connections.closeIdle();
  });
}

async function serve(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  handler: RequestHandler | null,
  reportError: (message: string) => void,
): Promise<void> {
  // Only an unfinished response can lose its client; the abort lets a held answer stop waiting.
  const clientGone = new AbortController();
  res.once("close", () => {
    if (!res.writableEnded) {
      clientGone.abort();
    }
  });
  let response: EmulatorReply;
  try {
    const body = await readBody(req);
    if (body === null) {
      response = jsonResponse(413, {
        errors: [{ message: `request body larger than ${MAX_BODY_BYTES} bytes` }],
      });
    } else if (!handler) {
      response = jsonResponse(503, { errors: [{ message: "emulator is starting" }] });
    } else {
      response = await handler(toEmulatorRequest(req, body, clientGone.signal));
    }
  } catch (err) {
    reportError(`internal error: ${(err as Error).message}`);
    response = jsonResponse(500, { errors: [{ message: "internal emulator error" }] });
  }
  if (isConnectionReset(response)) {
    // An RST rather than a FIN: the client sees ECONNRESET, as when a proxy drops the connection.
    if (!req.socket.destroyed) {
      req.socket.resetAndDestroy();
    }
  } else if (!res.headersSent) {
    res.writeHead(response.status, response.headers).end(response.body);
  }
}

function toEmulatorRequest(req: http.IncomingMessage, body: string, signal: AbortSignal): EmulatorRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) {
      headers[name] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  const path = (req.url ?? "/").split("?")[0];
  return { method: (req.method ?? "GET").toUpperCase(), path, headers, body, signal };
}

/** Reads the body as UTF-8; null when it exceeds {@link MAX_BODY_BYTES}. */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
      } else if (!tooLarge) {
        chunks.push(chunk);
      }
    });
    req.on("end", () => resolve(tooLarge ? null : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
