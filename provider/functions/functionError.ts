/** The error a data function throws for bad arguments or an object that does not exist. */
export class FunctionError extends Error {
  /** @param fn - the function's name; @param detail - what is wrong, naming the argument */
  constructor(
    readonly fn: string,
    detail: string,
  ) {
    super(`spacelift.${fn}: ${detail}`);
    this.name = "FunctionError";
  }
}
