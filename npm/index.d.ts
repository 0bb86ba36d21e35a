// The types of the package's face (index.js / node.js). The shapes of options, reports, requests
// and results are written once, in Rust (src/wasm/typescript.rs), and re-exported from here; this
// file adds what only the face has: init, initSync and the NOT_INITIALIZED code.
import type {
  BuiltRequest,
  DeleteCallOptions,
  DeleteCallResult,
  ResponseType,
  ValidationIssue,
  ValidationReport,
  VerbaErrorCode as ReplyErrorCode,
} from "./verba_api.js";

export type {
  BuiltRequest,
  DeleteCallOptions,
  DeleteCallResult,
  HttpMethod,
  IssueCode,
  NormalizedDeleteCallOptions,
  ResponseType,
  StatusValue,
  ValidationIssue,
  ValidationReport,
} from "./verba_api.js";

/** Codes of `VerbaError`: the module's, and NOT_INITIALIZED (a sync export before `init()`). */
export type VerbaErrorCode = ReplyErrorCode | "NOT_INITIALIZED";

/** A failed call. Messages never contain an apiKey or token. */
export class VerbaError extends Error {
  constructor(message: string, code: VerbaErrorCode, details?: object);
  readonly name: "VerbaError";
  readonly code: VerbaErrorCode;
  /** The recorder's API code (CALL_NOT_FOUND; API_ERROR when the recorder gave one). */
  readonly apiCode?: number;
  /** The HTTP status, when an answer arrived. */
  readonly httpStatus?: number;
  /** Every problem found (VALIDATION). */
  readonly issues?: ValidationIssue[];
  /**
   * Whether the recorder may have deleted the call anyway: true when the request may have
   * reached it and no readable answer says what it did (NETWORK after sending, TIMEOUT,
   * HTTP_ERROR, PARSE); false when nothing was sent (VALIDATION, NOT_INITIALIZED) or the
   * recorder answered that it did not delete (CALL_NOT_FOUND, API_ERROR).
   */
  readonly mayHaveDeleted: boolean;
  /** What fetch rejected with (NETWORK). */
  readonly cause?: unknown;
}

/** Where `init()` can load the WebAssembly module from. */
export type InitSource =
  | string
  | URL
  | Request
  | Response
  | PromiseLike<Response>
  | BufferSource
  | WebAssembly.Module;

/**
 * Loads the WebAssembly module, once (later calls return the same promise; a failed load can be
 * retried). Without an argument: the .wasm of this package (fetched next to the JS in a page or
 * worker, read from the package's folder in Node). `deleteCall` calls it itself.
 * @example
 * import init, { validateDeleteCall } from "verba-api";
 * await init();
 * validateDeleteCall({ apiKey, callID });
 */
export default function init(source?: InitSource): Promise<void>;

/**
 * Instantiates the module synchronously, where awaiting is impossible.
 * @example initSync(readFileSync(new URL("verba_api_bg.wasm", import.meta.resolve("verba-api"))));
 */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/**
 * Deletes a call. Validates first and sends nothing when the options are invalid. Resolves only
 * on API success.
 * @throws {VerbaError} on every failure; an abort rejects with the signal's reason instead.
 */
export function deleteCall(options: DeleteCallOptions): Promise<DeleteCallResult>;

/**
 * Checks a whole options object; never throws once initialized.
 * @throws {VerbaError} NOT_INITIALIZED before `init()`.
 */
export function validateDeleteCall(options: unknown): ValidationReport;

/**
 * Checks one option on its own, for live form validation; `[]` when valid.
 * @throws {VerbaError} NOT_INITIALIZED before `init()`.
 */
export function validateParameter(name: string, value: unknown): ValidationIssue[];

/**
 * The request `deleteCall` would send, without sending it. Show `preview`, never `url`.
 * @throws {VerbaError} VALIDATION when the options are invalid; NOT_INITIALIZED before `init()`.
 */
export function buildDeleteCallRequest(options: DeleteCallOptions): BuiltRequest;

/**
 * Reads a DeleteCall reply fetched by the caller, with the same rules as `deleteCall`.
 * @throws {VerbaError} when the reply is no success; NOT_INITIALIZED before `init()`.
 */
export function parseDeleteCallResponse(
  body: string,
  responseType?: ResponseType | Lowercase<ResponseType>,
  httpStatus?: number,
): DeleteCallResult;
