/**
 * The resource engine: descriptor vocabulary for `provider/resources/*`, and the one lifecycle
 * implementation that runs every descriptor.
 *
 * @packageDocumentation
 */

export { apiErrorCode, isNotFound, type ApiErrorCode, type ApiPort, type OperationSpec } from "./api";
export { checkInputs } from "./check";
export { sha256Hex } from "./checksum";
export * from "./constraints";
export * from "./descriptor";
export { diffResource, valuesEqual } from "./diff";
export {
  ResourceInitError,
  ResourceOperationError,
  redact,
  type FailureCode,
  type LifecycleStep,
} from "./errors";
export * from "./fieldTypes";
export {
  DEFAULT_DELETE_TIMEOUT_SECONDS,
  DELETE_TIMEOUT_ENV,
  CREATE_TIMEOUT_ENV,
  DEFAULT_CREATE_TIMEOUT_SECONDS,
  deleteTimeoutSeconds,
  ResourceEngine,
  type EngineDeps,
} from "./lifecycle";
export { buildDocument, operationSpec } from "./operationDocument";
export type {
  CheckFailure,
  CheckResult,
  CreateResult,
  DiffResult,
  ReadResult,
  UpdateResult,
} from "./results";
export * from "./rules";
export { UNKNOWN, type JsonObject, type JsonValue, type Values } from "./values";
