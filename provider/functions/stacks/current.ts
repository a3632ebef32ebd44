import { defineFunction } from "../descriptor";
import { FunctionError } from "../invoke";

/**
 * `getCurrentStack`: the stack whose run the program is in, read from the run's API token. A
 * Spacelift run token is issued by `spacelift` to the subject `<stackId>/<runId>`; nothing is
 * requested from the API.
 */
export const getCurrentStack = defineFunction({
  name: "getCurrentStack",
  dataSource: "spacelift_current_stack",
  doc:
    "The stack whose run the program is running in, from the API token Spacelift gives the run " +
    "(`SPACELIFT_API_TOKEN`, or a `spacelift.Provider` with that `apiToken`). Fails for any other credentials.",
  args: {},
  result: {
    id: { type: "string", doc: "ID of the stack the run belongs to." },
  },
  async run(_args, api) {
    const claims = api.tokenClaims;
    if (claims === undefined) {
      throw new FunctionError(
        "getCurrentStack",
        "the credentials in use are not a Spacelift run's API token, so there is no current stack. An API key " +
          "(id, secret and endpoint, from stack config, a Provider or the environment) is used whenever one is " +
          "set, even next to a token; run the program in a Spacelift run, with the run's SPACELIFT_API_TOKEN and no API key",
      );
    }
    if (claims["iss"] !== "spacelift") {
      throw new FunctionError(
        "getCurrentStack",
        `the API token was not issued to a Spacelift run (issuer ${JSON.stringify(claims["iss"] ?? null)}), so there is no current stack`,
      );
    }
    const subject = typeof claims["sub"] === "string" ? claims["sub"] : "";
    const slash = subject.indexOf("/");
    const stackId = slash === -1 ? subject : subject.slice(0, slash);
    if (stackId === "") {
      throw new FunctionError("getCurrentStack", "the run's API token names no stack in its subject");
    }
    return { id: stackId };
  },
});
