import type { EmulatorControls } from "./controls";
import { FaultRuleError, type FaultRuleInput } from "./faults";
import { jsonResponse, type EmulatorRequest, type EmulatorResponse } from "./httpMessage";

/** Path prefix of the test controls; nothing under it is Spacelift API. */
export const CONTROL_PREFIX = "/_emulator/";

type Route = (body: unknown) => Promise<unknown> | unknown;

/** Thrown by a route for a bad request body; the message is returned to the caller. */
class BadControlRequest extends Error {}

/**
 * Serves the test controls as JSON over HTTP, one route per {@link EmulatorControls} operation.
 * The route table is in the module documentation of `emulator/index.ts`.
 */
export function createControlRoutes(
  controls: EmulatorControls<unknown, unknown>,
  baseUrl: string,
): (req: EmulatorRequest) => Promise<EmulatorResponse> {
  const routes: Record<string, Partial<Record<"GET" | "POST" | "DELETE", Route>>> = {
    health: { GET: () => ({ ok: true, url: baseUrl }) },
    stats: { GET: () => controls.stats() },
    "stats/reset": { POST: () => (controls.resetStats(), { ok: true }) },
    latency: {
      GET: () => ({ ms: controls.latency() }),
      POST: (body) => {
        const ms = field(body, "ms");
        if (typeof ms !== "number") {
          throw new BadControlRequest('body must be {"ms": <milliseconds>}');
        }
        controls.setLatency(ms);
        return { ms: controls.latency() };
      },
    },
    faults: {
      GET: () => ({ faults: controls.faults() }),
      POST: (body) => {
        if (typeof body !== "object" || body === null || Array.isArray(body)) {
          throw new BadControlRequest(
            "body must be a fault rule: {operation?, operationKind?, times | share, fault}",
          );
        }
        return controls.addFault(body as FaultRuleInput);
      },
      DELETE: () => (controls.clearFaults(), { ok: true }),
    },
    "tokens/expire": { POST: () => (controls.expireAllTokens(), { ok: true }) },
    "tokens/revoke": { POST: () => (controls.revokeTokens(), { ok: true }) },
    // The caller chooses the new key's secret, so that no answer of a control carries one.
    "apiKeys/add": {
      POST: (body) => {
        const { id, secret } = (body ?? {}) as { id?: unknown; secret?: unknown };
        if (typeof id !== "string" || id === "" || typeof secret !== "string" || secret === "") {
          throw new BadControlRequest('body must be {"id": "...", "secret": "..."}');
        }
        try {
          return { ok: true, id: controls.addApiKey({ id, secret }).id };
        } catch (err) {
          throw new BadControlRequest(err instanceof Error ? err.message : String(err));
        }
      },
    },
    "apiKeys/delete": {
      POST: (body) => {
        const { id } = (body ?? {}) as { id?: unknown };
        if (typeof id !== "string") throw new BadControlRequest('body must be {"id": "..."}');
        return { ok: controls.deleteApiKey(id) };
      },
    },
    seed: {
      POST: async (body) => {
        try {
          return { ok: true, created: await controls.seed(body) };
        } catch (err) {
          throw new BadControlRequest(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
    },
    "data/reset": { POST: async () => (await controls.resetData(), { ok: true }) },
    "runs/fail": {
      POST: async (body) => {
        const stack = field(body, "stack");
        const count = field(body, "count") ?? 1;
        if (typeof stack !== "string" || typeof count !== "number") {
          throw new BadControlRequest('body must be {"stack": <stack id>, "count"?: <runs, default 1>}');
        }
        await controls.failNextRuns(stack, count);
        return { ok: true };
      },
    },
  };

  return async (req) => {
    const name = req.path.slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
    const route = Object.prototype.hasOwnProperty.call(routes, name) ? routes[name] : undefined;
    if (!route) {
      return jsonResponse(404, { error: `no emulator control at ${req.path}`, routes: Object.keys(routes) });
    }
    const handler = route[req.method as keyof typeof route];
    if (!handler) {
      return jsonResponse(
        405,
        { error: `use ${Object.keys(route).join(" or ")}` },
        { allow: Object.keys(route).join(", ") },
      );
    }
    let body: unknown = null;
    if (req.body.trim() !== "") {
      try {
        body = JSON.parse(req.body);
      } catch {
        return jsonResponse(400, { error: "body must be JSON" });
      }
    }
    try {
      return jsonResponse(200, await handler(body));
    } catch (err) {
      if (err instanceof BadControlRequest || err instanceof FaultRuleError || err instanceof RangeError) {
        return jsonResponse(400, { error: err.message });
      }
      throw err;
    }
  };
}

function field(body: unknown, name: string): unknown {
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}
