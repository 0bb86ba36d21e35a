// The types of the package's face (index.js / node.js), self-contained: nothing here comes from
// the wasm-bindgen glue (verba_api.d.ts imports its shapes from this file instead), so a portal
// sees no glue internals and no `any`. The string unions are pinned to the Rust values by
// tests/js_shapes.rs; tests/types/ compiles the README's examples and every misuse these types
// refuse, under `strict` and `exactOptionalPropertyTypes`.
//
// The types follow the runtime's rules (docs/spec.md sections 3 and 8) where a type can say
// them: exactly one selector, `status` with `extension` only, `null` and `undefined` accepted
// wherever the runtime counts them as "not given". Where the runtime is more lenient than a type
// can be ("Last, ongoing", "Json"), the types ask for the canonical form; `validateDeleteCall`
// takes `unknown` for input that is not typed yet (a form's values).

/**
 * Reply formats a recorder can be asked for.
 * @example const type: ResponseType = "JSON";
 */
export type ResponseType = "XML" | "JSON" | "TEXT" | "HTML";

/**
 * HTTP methods; POST keeps credentials out of URLs and is the default.
 * @example const method: HttpMethod = "POST";
 */
export type HttpMethod = "POST" | "GET";

/**
 * One `status` value for `extension`: "ongoing" (a call in progress), "next" (the next call
 * that starts within a minute), "last" (the last finished call).
 * @example const status: StatusValue = "last";
 */
export type StatusValue = "ongoing" | "next" | "last";

/** The comma-separated lists of distinct values of `All` that start with one of `T`. */
type StatusCombination<T extends StatusValue, All extends StatusValue = T> = T extends StatusValue
  ? T | `${T},${StatusCombination<Exclude<All, T>>}`
  : never;

/**
 * `status` as one string: one to three distinct values, comma-separated, in any order (15
 * strings: "last", "ongoing,next", "next,ongoing", "last,next,ongoing", ...). The runtime also
 * trims items and ignores their letter case ("Last, ongoing"); such input is `string`, for
 * `validateDeleteCall`.
 * @example const status: StatusList = "ongoing,next";
 */
export type StatusList = StatusCombination<StatusValue>;

/**
 * The names of the options (`DeleteCallOptions`), for `validateParameter`.
 * @example const name: OptionName = "callID";
 */
export type OptionName =
  | "apiKey" | "token" | "callID" | "platformCallID" | "nativeID" | "meetingID" | "extension"
  | "status" | "responseType" | "baseUrl" | "method" | "timeoutMs" | "signal"
  | "allowInsecureHttp" | "corsPreflight";

/**
 * The options every `DeleteCallOptions` has besides its selector. `null` and `undefined` count as
 * not given, as `""` does.
 * @example
 * const settings: DeleteCallSettings = { apiKey: "74c8eea0-50c6-40b2-9f3e-252ed501c3c8", token: undefined };
 */
export interface DeleteCallSettings {
  /** The API key (a GUID, braces allowed) issued by the recorder. Never shown in errors or previews. */
  apiKey: string;
  /** The session token from RequestToken, when the key requires one. Never shown. */
  token?: string | null | undefined;
  /** Reply format asked for; default "XML"; upper or lower case. */
  responseType?: ResponseType | Lowercase<ResponseType> | null | undefined;
  /**
   * The recorder's address, absolute or relative to the page; "/verba/api" is appended unless
   * the path ends with it. Default: the page's origin (required in Node).
   */
  baseUrl?: string | null | undefined;
  /** Default "POST" (credentials in the body); "GET" puts them in the URL. Upper or lower case. */
  method?: HttpMethod | Lowercase<HttpMethod> | null | undefined;
  /** Milliseconds before giving up with TIMEOUT, a whole number; default 30000; 0 waits indefinitely. */
  timeoutMs?: number | null | undefined;
  /** Aborts the request; `deleteCall` then rejects with the signal's reason, not a VerbaError. */
  signal?: AbortSignal | null | undefined;
  /** Allow plain http:// to a host that is not loopback. Default false. */
  allowInsecureHttp?: boolean | null | undefined;
  /**
   * Default true: a request to another origin than the page's carries the header
   * `X-Requested-With: verba-api`, so the browser first asks the recorder (a CORS preflight) and
   * sends nothing the recorder's CORS policy does not allow; otherwise a refused cross-origin
   * POST would still delete the call while the page sees only a network error. Set false only
   * for a recorder that allows the page but cannot answer preflights.
   */
  corsPreflight?: boolean | null | undefined;
}

/** The selectors not chosen: absent, or `null` / `undefined`, which count as not given. */
interface NoSelector {
  /** Not with another selector: exactly one of callID, platformCallID, nativeID, meetingID, extension. */
  callID?: null | undefined;
  /** Not with another selector: exactly one of callID, platformCallID, nativeID, meetingID, extension. */
  platformCallID?: null | undefined;
  /** Not with another selector: exactly one of callID, platformCallID, nativeID, meetingID, extension. */
  nativeID?: null | undefined;
  /** Not with another selector: exactly one of callID, platformCallID, nativeID, meetingID, extension. */
  meetingID?: null | undefined;
  /** Not with another selector: exactly one of callID, platformCallID, nativeID, meetingID, extension. */
  extension?: null | undefined;
  /** Only with `extension`. */
  status?: null | undefined;
}

/**
 * Deletes the call with this recorder call id.
 * @example const options: DeleteByCallID = { apiKey, callID: "a8343631-9f35-4a3a-83f0-9e81592339fb" };
 */
export interface DeleteByCallID extends DeleteCallSettings, Omit<NoSelector, "callID"> {
  /** The recorder's call id (a GUID; braces allowed). */
  callID: string;
}

/**
 * Deletes the call with this "Platform Call ID".
 * @example const options: DeleteByPlatformCallID = { apiKey, platformCallID: 71627389 };
 */
export interface DeleteByPlatformCallID extends DeleteCallSettings, Omit<NoSelector, "platformCallID"> {
  /** The "Platform Call ID" field; a non-negative whole number is accepted too. */
  platformCallID: string | number;
}

/**
 * Deletes the call with this "Technical Call Identifier".
 * @example const options: DeleteByNativeID = { apiKey, nativeID: "TRS26140192" };
 */
export interface DeleteByNativeID extends DeleteCallSettings, Omit<NoSelector, "nativeID"> {
  /** The "Technical Call Identifier" field. */
  nativeID: string;
}

/**
 * Deletes the call of this Lync/Skype meeting.
 * @example const options: DeleteByMeetingID = { apiKey, meetingID: "WHBFM6DD" };
 */
export interface DeleteByMeetingID extends DeleteCallSettings, Omit<NoSelector, "meetingID"> {
  /** The Lync/Skype meeting id. */
  meetingID: string;
}

/**
 * Deletes a call a number took part in, chosen by `status`.
 * @example const options: DeleteByExtension = { apiKey, extension: "8856", status: "last" };
 */
export interface DeleteByExtension extends DeleteCallSettings, Omit<NoSelector, "extension" | "status"> {
  /**
   * A number that took part in the call: digits, `*`, `#`, an optional leading `+`, separators
   * ` -.()` (removed); a non-negative whole number; or a sip:/tel: URI.
   */
  extension: string | number;
  /** Which of the number's calls: "ongoing", "next", "last", comma-separated or as an array, each once. */
  status: StatusList | readonly StatusValue[];
}

/**
 * Options of `deleteCall` and `buildDeleteCallRequest`: exactly one selector (callID,
 * platformCallID, nativeID, meetingID, or extension with status) and the settings.
 * @example
 * const options: DeleteCallOptions = {
 *   baseUrl: "https://recorder.example.com",
 *   apiKey: "74c8eea0-50c6-40b2-9f3e-252ed501c3c8",
 *   extension: "8856",
 *   status: ["ongoing", "next"],
 * };
 */
export type DeleteCallOptions =
  | DeleteByCallID
  | DeleteByPlatformCallID
  | DeleteByNativeID
  | DeleteByMeetingID
  | DeleteByExtension;

/**
 * Codes of validation issues.
 * @example if (issue.code === "invalid_guid") highlight(issue.field);
 */
export type IssueCode =
  | "required" | "missing_selector" | "conflicting_selectors" | "extension_requires_status"
  | "status_without_extension" | "invalid_guid" | "invalid_token" | "invalid_extension"
  | "invalid_status" | "invalid_value" | "invalid_response_type" | "invalid_method"
  | "invalid_base_url" | "insecure_url" | "url_too_long" | "unknown_option" | "invalid_type";

/**
 * One problem with one option; `message` can be shown to users as is.
 * @example for (const issue of report.issues) form.elements[issue.field]?.setCustomValidity(issue.message);
 */
export interface ValidationIssue {
  /**
   * The option's name (an unknown one as given); "selector" for missing_selector; "options"
   * when the options are no object; "body", "responseType" or "httpStatus" for
   * `parseDeleteCallResponse`'s arguments; "" when `validateParameter`'s name is no string.
   */
  field: string;
  code: IssueCode;
  message: string;
}

/** The normalized options besides the selector. */
interface NormalizedSettings {
  apiKey: string;
  token?: string;
  responseType: ResponseType;
  /** The endpoint, ending in /verba/api. */
  baseUrl: string;
  method: HttpMethod;
  /** 0 means no timeout. */
  timeoutMs: number;
  allowInsecureHttp: boolean;
  corsPreflight: boolean;
}

/** No selector but the one named: the normalized options hold exactly one. */
interface NoNormalizedSelector {
  callID?: never;
  platformCallID?: never;
  nativeID?: never;
  meetingID?: never;
  extension?: never;
  status?: never;
}

/**
 * The options as they will be sent: trimmed, braces stripped, defaults filled in, exactly one
 * selector (`status` with `extension` only, its items lower-cased). It is valid options itself:
 * `deleteCall(report.normalized)` sends the same request. Holds the credentials (your input).
 * @example
 * const report = validateDeleteCall(formValues);
 * if (report.valid) console.log(report.normalized.baseUrl); // "https://recorder.example.com/verba/api"
 */
export type NormalizedDeleteCallOptions =
  | (NormalizedSettings & Omit<NoNormalizedSelector, "callID"> & { callID: string })
  | (NormalizedSettings & Omit<NoNormalizedSelector, "platformCallID"> & { platformCallID: string })
  | (NormalizedSettings & Omit<NoNormalizedSelector, "nativeID"> & { nativeID: string })
  | (NormalizedSettings & Omit<NoNormalizedSelector, "meetingID"> & { meetingID: string })
  | (NormalizedSettings & Omit<NoNormalizedSelector, "extension" | "status"> & { extension: string; status: StatusList });

/**
 * What `validateDeleteCall` returns for valid options.
 * @example if (report.valid) await deleteCall(report.normalized);
 */
export interface ValidReport {
  valid: true;
  issues: [];
  normalized: NormalizedDeleteCallOptions;
}

/**
 * What `validateDeleteCall` returns for invalid options: at least one issue.
 * @example if (!report.valid) markFields(report.issues);
 */
export interface InvalidReport {
  valid: false;
  issues: ValidationIssue[];
  normalized: null;
}

/**
 * What `validateDeleteCall` returns, narrowed by `valid`.
 * @example
 * const report = validateDeleteCall(formValues);
 * if (report.valid) preview(report.normalized);
 * else markFields(report.issues);
 */
export type ValidationReport = ValidReport | InvalidReport;

/**
 * The request `deleteCall` would send.
 * @example const { preview } = buildDeleteCallRequest(options);
 */
export interface BuiltRequest {
  method: HttpMethod;
  /** For GET this holds the credentials: show `preview`, never `url`. */
  url: string;
  /** The form body for POST (holds the credentials); null for GET. */
  body: string | null;
  headers: Record<string, string>;
  /** Human-readable, credentials redacted. */
  preview: string;
}

/**
 * A successful DeleteCall.
 * @example const result = await deleteCall(options); show(`Deleted (HTTP ${result.httpStatus})`);
 */
export interface DeleteCallResult {
  ok: true;
  code: 0;
  action: "DeleteCall";
  /** The recorder's message, when it gave one. */
  message: string | null;
  responseType: ResponseType;
  httpStatus: number;
  /** The body, for TEXT and HTML; from `deleteCall`, with the key and token redacted. */
  raw?: string;
}

/**
 * Codes of `VerbaError`: the module's, and NOT_INITIALIZED (a sync export before `init()`).
 * @example if (err instanceof VerbaError && err.code === "CALL_NOT_FOUND") show("Already deleted?");
 */
export type VerbaErrorCode =
  | "VALIDATION" | "CALL_NOT_FOUND" | "AUTH_FAILED" | "API_ERROR" | "HTTP_ERROR" | "NETWORK" | "TIMEOUT" | "PARSE"
  | "ABORTED" | "NOT_INITIALIZED";

/**
 * What the `VerbaError` constructor takes besides the message and the code. The module builds
 * every VerbaError itself; this is for test doubles, which should give what the code carries
 * (see `AnyVerbaError`).
 * @example new VerbaError("No such call", "CALL_NOT_FOUND", { apiCode: 2, httpStatus: 200 });
 */
export interface VerbaErrorInit {
  apiCode?: number | undefined;
  httpStatus?: number | undefined;
  issues?: ValidationIssue[] | undefined;
  mayHaveDeleted?: boolean | undefined;
  cause?: unknown;
}

/**
 * A failed call; `code` says why, and messages never contain an apiKey or token.
 *
 * The design: VerbaError stays a class (what the module throws; `instanceof` and `extends`
 * work), with the members any VerbaError may have. What each code carries is a discriminated
 * union, `AnyVerbaError`, and `instanceof VerbaError` narrows to it: the static
 * `[Symbol.hasInstance]` declared here is the one every function inherits (so `instanceof` runs
 * as always), typed as a guard, which TypeScript 5.3 and later use for `instanceof`. After
 * `err instanceof VerbaError`, `err.code === "VALIDATION"` makes `err.issues` a
 * `ValidationIssue[]`, and so on (older TypeScript sees the class's members only). A parameter
 * that should narrow by code is typed `AnyVerbaError`, not `VerbaError` (the class, whose
 * members are the union of all codes'); `VerbaErrorOf<"VALIDATION">` names one member.
 * @example
 * try {
 *   await deleteCall(options);
 * } catch (err) {
 *   if (!(err instanceof VerbaError)) throw err; // e.g. your own signal's abort reason
 *   if (err.code === "VALIDATION") markFields(err.issues); // ValidationIssue[]
 *   else if (err.mayHaveDeleted) show(`Outcome unknown, check before retrying: ${err.message}`);
 *   else show(err.message);
 * }
 */
export declare class VerbaError extends Error {
  /**
   * Built by the module; for test doubles. Give what the code carries (`AnyVerbaError`).
   * @example new VerbaError("Invalid DeleteCall options", "VALIDATION", { issues: [] });
   * @throws Nothing: it only builds the error, for you to throw.
   */
  constructor(message: string, code: VerbaErrorCode, details?: VerbaErrorInit);
  /**
   * `value instanceof VerbaError`: the ordinary prototype check every function inherits, typed
   * so that TypeScript narrows the value to `AnyVerbaError` (a union by `code`).
   * @example if (err instanceof VerbaError && err.code === "VALIDATION") err.issues.length;
   * @throws never.
   */
  static [Symbol.hasInstance](value: unknown): value is AnyVerbaError;
  readonly name: "VerbaError";
  readonly code: VerbaErrorCode;
  /** The recorder's API code: CALL_NOT_FOUND (2 or -50); AUTH_FAILED (4, -40…-43); API_ERROR when the reply gave a readable one. */
  readonly apiCode?: number;
  /** The HTTP status, when an answer arrived (CALL_NOT_FOUND, API_ERROR; HTTP_ERROR and PARSE mostly). */
  readonly httpStatus?: number;
  /** Every problem found (VALIDATION). */
  readonly issues?: ValidationIssue[];
  /**
   * Whether the recorder may have deleted the call anyway: true when the request may have
   * reached it and no readable answer says what it did (NETWORK after sending, TIMEOUT,
   * HTTP_ERROR, PARSE); false when nothing was sent (VALIDATION, NOT_INITIALIZED, NETWORK before
   * sending) or the recorder answered that it did not delete (CALL_NOT_FOUND, API_ERROR).
   */
  readonly mayHaveDeleted: boolean;
  /** What fetch rejected with (NETWORK). */
  readonly cause?: unknown;
}

/**
 * VALIDATION: the options are invalid; nothing was sent.
 * @example if (err.code === "VALIDATION") markFields(err.issues);
 */
export interface VerbaValidationError extends VerbaError {
  readonly code: "VALIDATION";
  /** Every problem found, at least one. */
  readonly issues: ValidationIssue[];
  readonly mayHaveDeleted: false;
  readonly apiCode?: never;
  readonly httpStatus?: never;
  readonly cause?: never;
}

/**
 * CALL_NOT_FOUND: the recorder answered that there is no such call (already deleted?).
 * @example if (err.code === "CALL_NOT_FOUND") show(`No such call (API code ${err.apiCode})`);
 */
export interface VerbaCallNotFoundError extends VerbaError {
  readonly code: "CALL_NOT_FOUND";
  /** 2 (documented) or -50 (as some recorders answer). */
  readonly apiCode: number;
  readonly httpStatus: number;
  readonly mayHaveDeleted: boolean;
  readonly issues?: never;
  readonly cause?: never;
}

/**
 * AUTH_FAILED: the recorder refused the API key, the credentials or the token (API code 4, or
 * -40…-43 as some recorders answer), for `deleteCall` and `requestToken` alike; nothing was done.
 * @example if (err.code === "AUTH_FAILED") renewToken();
 */
export interface VerbaAuthFailedError extends VerbaError {
  readonly code: "AUTH_FAILED";
  /** 4, or -40…-43. */
  readonly apiCode: number;
  readonly httpStatus: number;
  readonly mayHaveDeleted: boolean;
  readonly issues?: never;
  readonly cause?: never;
}

/**
 * API_ERROR: the recorder refused the request with another non-zero API code; nothing was
 * deleted.
 * @example if (err.code === "API_ERROR") show(err.apiCode === undefined ? err.message : `Code ${err.apiCode}`);
 */
export interface VerbaApiError extends VerbaError {
  readonly code: "API_ERROR";
  /** The API code; absent for a TEXT reply that says `ERROR` without a readable code. */
  readonly apiCode?: number;
  readonly httpStatus: number;
  readonly mayHaveDeleted: boolean;
  readonly issues?: never;
  readonly cause?: never;
}

/**
 * HTTP_ERROR: a non-2xx status with a body that is no Verba reply, or a redirect (never
 * followed). The recorder may have deleted the call.
 * @example if (err.code === "HTTP_ERROR") show(`HTTP ${err.httpStatus ?? "redirect"}: check before retrying`);
 */
export interface VerbaHttpError extends VerbaError {
  readonly code: "HTTP_ERROR";
  /** Absent for a redirect where the platform hides its status (a browser). */
  readonly httpStatus?: number;
  readonly mayHaveDeleted: boolean;
  readonly apiCode?: never;
  readonly issues?: never;
  readonly cause?: never;
}

/**
 * NETWORK: no answer could be read (offline, DNS, CORS, a reset), or the request could not
 * even be started (`mayHaveDeleted` false then).
 * @example if (err.code === "NETWORK") console.debug(err.cause);
 */
export interface VerbaNetworkError extends VerbaError {
  readonly code: "NETWORK";
  /** Whether fetch had started, so that the request may have reached the recorder. */
  readonly mayHaveDeleted: boolean;
  /** What fetch rejected with. */
  readonly cause?: unknown;
  readonly apiCode?: never;
  readonly httpStatus?: never;
  readonly issues?: never;
}

/**
 * TIMEOUT: no whole answer within `timeoutMs`. The recorder may have deleted the call.
 * @example if (err.code === "TIMEOUT") show("The recorder did not answer in time; check before retrying.");
 */
export interface VerbaTimeoutError extends VerbaError {
  readonly code: "TIMEOUT";
  readonly mayHaveDeleted: boolean;
  readonly apiCode?: never;
  readonly httpStatus?: never;
  readonly issues?: never;
  readonly cause?: never;
}

/**
 * PARSE: the reply could not be read (including one over 1 MiB). The recorder may have deleted
 * the call.
 * @example if (err.code === "PARSE") console.warn(err.message, err.httpStatus);
 */
export interface VerbaParseError extends VerbaError {
  readonly code: "PARSE";
  /** The reply's HTTP status. */
  readonly httpStatus?: number;
  readonly mayHaveDeleted: boolean;
  readonly apiCode?: never;
  readonly issues?: never;
  readonly cause?: never;
}

/**
 * ABORTED: a batch (`deleteCalls`) was cancelled by its signal while this item's request was
 * under way; the request was aborted, so the recorder may have deleted the call. `cause` is the
 * signal's reason.
 * @example if (item.error?.code === "ABORTED") recheck(item.input);
 */
export interface VerbaAbortedError extends VerbaError {
  readonly code: "ABORTED";
  readonly mayHaveDeleted: true;
  readonly apiCode?: never;
  readonly httpStatus?: never;
  readonly issues?: never;
}

/**
 * NOT_INITIALIZED: a synchronous export was called before `init()` or `initSync()`.
 * @example if (err.code === "NOT_INITIALIZED") await init();
 */
export interface VerbaNotInitializedError extends VerbaError {
  readonly code: "NOT_INITIALIZED";
  readonly mayHaveDeleted: false;
  readonly apiCode?: never;
  readonly httpStatus?: never;
  readonly issues?: never;
  readonly cause?: never;
}

/**
 * Every `VerbaError`, as a union discriminated by `code`: what `instanceof VerbaError` narrows
 * to. Type a parameter with it to narrow by code.
 * @example
 * function explain(err: AnyVerbaError): string {
 *   switch (err.code) {
 *     case "VALIDATION": return err.issues.map((issue) => issue.message).join(" ");
 *     case "CALL_NOT_FOUND": return `No such call (API code ${err.apiCode}).`;
 *     default: return err.message;
 *   }
 * }
 */
export type AnyVerbaError =
  | VerbaValidationError
  | VerbaCallNotFoundError
  | VerbaAuthFailedError
  | VerbaApiError
  | VerbaHttpError
  | VerbaNetworkError
  | VerbaTimeoutError
  | VerbaParseError
  | VerbaAbortedError
  | VerbaNotInitializedError;

/**
 * The `VerbaError` of one code (or of several).
 * @example function markFields(err: VerbaErrorOf<"VALIDATION">) { return err.issues; }
 */
export type VerbaErrorOf<C extends VerbaErrorCode> = Extract<AnyVerbaError, { readonly code: C }>;

/**
 * Where `init()` can load the WebAssembly module from.
 * @example const source: InitSource = new URL("/pkg/verba_api_bg.wasm", location.href);
 */
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
 * @throws The promise rejects with the platform's error when the module cannot be fetched,
 * read or compiled (a `TypeError`, a `WebAssembly.CompileError`, ...); a later call tries again.
 */
export default function init(source?: InitSource): Promise<void>;

/**
 * Instantiates the module synchronously, where awaiting is impossible; does nothing once
 * initialized.
 * @example initSync(readFileSync(new URL("verba_api_bg.wasm", import.meta.resolve("verba-api"))));
 * @throws {WebAssembly.CompileError} when the bytes are no valid module (or the platform's
 * `RangeError` for a module too large to compile synchronously on a browser's main thread).
 */
export function initSync(module: BufferSource | WebAssembly.Module): void;

/**
 * What every `RequestTokenOptions` has. `null` and `undefined` count as not given, as `""` does.
 * @example const settings: RequestTokenSettings = { apiKey, userName: "myapiuser", password };
 */
export interface RequestTokenSettings {
  /** The API key (a GUID, braces allowed) issued by the recorder. Never shown in errors or previews. */
  apiKey: string;
  /** The recorder user; it needs the System Administrator and System Supervisor roles. */
  userName: string;
  /** The user's password. Never shown in errors or previews, never sent in a URL. */
  password: string;
  /** As for `deleteCall`: default the page's origin (required in Node). */
  baseUrl?: string | null | undefined;
  /** Reply format asked for; default "XML"; upper or lower case. HTML replies are refused (PARSE). */
  responseType?: ResponseType | Lowercase<ResponseType> | null | undefined;
  /** Milliseconds before giving up with TIMEOUT, a whole number; default 30000; 0 waits indefinitely. */
  timeoutMs?: number | null | undefined;
  /** Aborts the request; `requestToken` then rejects with the signal's reason, not a VerbaError. */
  signal?: AbortSignal | null | undefined;
  /** Allow plain http:// to a host that is not loopback. Default false. */
  allowInsecureHttp?: boolean | null | undefined;
}

/**
 * Credentials in an `Authorization: Basic` header (the default), by POST (default) or GET.
 * @example const basic: RequestTokenWithBasic = { apiKey, userName, password, method: "GET" };
 */
export interface RequestTokenWithBasic extends RequestTokenSettings {
  /** Default "basic": `Authorization: Basic base64(userName:password)`. Any letter case. */
  auth?: "basic" | null | undefined;
  /** Default "POST"; "GET" puts only the key in the URL. Upper or lower case. */
  method?: HttpMethod | Lowercase<HttpMethod> | null | undefined;
}

/**
 * Credentials as `userName` and `password` parameters of a POST body (never GET: the password
 * would be in the URL).
 * @example const params: RequestTokenWithParams = { apiKey, userName, password, auth: "params" };
 */
export interface RequestTokenWithParams extends RequestTokenSettings {
  auth: "params";
  /** POST only: GET with "params" is a VALIDATION error (and a type error here). */
  method?: "POST" | "post" | null | undefined;
}

/**
 * The options of `requestToken`: GET with `auth: "params"` does not type-check.
 * @example const options: RequestTokenOptions = { apiKey, userName: "myapiuser", password };
 */
export type RequestTokenOptions = RequestTokenWithBasic | RequestTokenWithParams;

/**
 * A session token and when it expires.
 * @example const renewAt = info.expiresAt - 60_000; // renew a minute early
 */
export interface TokenInfo {
  /** The token, for `deleteCall`'s `token` option. A secret: do not log it. */
  token: string;
  /**
   * When it expires, in milliseconds since the epoch: the moment the request was sent plus one
   * hour (the vendor's lifetime; the recorder does not say it).
   */
  expiresAt: number;
}

/**
 * Requests a session token for a recorder user (Verba's RequestToken). Validates first and
 * sends nothing when the options are invalid. Initializes the module itself.
 * @example
 * const { token, expiresAt } = await requestToken({ apiKey, userName: "myapiuser", password });
 * await deleteCall({ apiKey, token, callID });
 * @throws {VerbaError} the promise rejects with a VerbaError on every failure (`AUTH_FAILED`
 * when the recorder refuses the key or the credentials); an abort rejects with the signal's
 * reason instead, unchanged.
 */
export function requestToken(options: RequestTokenOptions): Promise<TokenInfo>;

/** Removes the settings of each `DeleteCallOptions` variant, keeping the selector. */
type SelectorOf<T> = T extends unknown ? Omit<T, keyof DeleteCallSettings> : never;

/**
 * Which call to delete: exactly one of callID, platformCallID, nativeID, meetingID, or extension
 * with status.
 * @example const selector: CallSelector = { extension: "8856", status: "last" };
 */
export type CallSelector = SelectorOf<DeleteCallOptions>;

/**
 * What `client.deleteCall` takes: the selector, and this call's own signal and timeout.
 * @example await client.deleteCall({ callID, signal: controller.signal });
 */
export type ClientCall = CallSelector & {
  /** Aborts this call (and its wait for a token); it then rejects with the signal's reason. */
  signal?: AbortSignal | null | undefined;
  /** This call's timeout in milliseconds instead of the config's; 0 waits indefinitely. */
  timeoutMs?: number | null | undefined;
};

/**
 * A recorder user's credentials, for the client's RequestToken.
 * @example const credentials: Credentials = { userName: "myapiuser", password };
 */
export interface Credentials {
  /** The recorder user; it needs the System Administrator and System Supervisor roles. */
  userName: string;
  /** The user's password. Never shown in errors or previews, never sent in a URL. */
  password: string;
}

/**
 * What every `ClientConfig` has: `deleteCall`'s settings but `signal` (each call has its own).
 * @example const settings: ClientSettings = { apiKey, baseUrl: "https://recorder.example.com" };
 */
export interface ClientSettings extends Omit<DeleteCallSettings, "signal" | "method"> {
  /**
   * The user the client requests tokens for: given once, or a function called each time a token
   * is needed (the portal may prompt the user; what it throws or rejects with reaches the call
   * unchanged). Without credentials, `token` is used as is.
   */
  credentials?: Credentials | (() => Credentials | Promise<Credentials>) | null | undefined;
  /** A token the portal already has: used first (its expiry unknown, until the recorder refuses it). */
  token?: string | null | undefined;
}

/**
 * A client whose token requests send the credentials in an `Authorization: Basic` header (the
 * default); deletions and token requests by POST (default) or GET.
 * @example const config: ClientWithBasic = { apiKey, credentials, method: "GET" };
 */
export interface ClientWithBasic extends ClientSettings {
  /** Default "basic". Any letter case. Only with `credentials`. */
  auth?: "basic" | null | undefined;
  /** Default "POST"; for deletions and token requests. Upper or lower case. */
  method?: HttpMethod | Lowercase<HttpMethod> | null | undefined;
}

/**
 * A client whose token requests send `userName` and `password` as POST parameters (never GET:
 * the password would be in the URL).
 * @example const config: ClientWithParams = { apiKey, credentials, auth: "params" };
 */
export interface ClientWithParams extends ClientSettings {
  auth: "params";
  /** POST only: GET with "params" is a VALIDATION error (and a type error here). */
  method?: "POST" | "post" | null | undefined;
}

/**
 * The config of `createClient`: checked at once.
 * @example
 * const config: ClientConfig = { apiKey, credentials: async () => askTheAdmin() };
 */
export type ClientConfig = ClientWithBasic | ClientWithParams;

/**
 * A client: `deleteCall` and `requestToken` with one config and a session token it requests,
 * reuses and renews itself.
 *
 * With credentials, the first call requests a token and concurrent calls share that one request;
 * the token is reused until 60 s before `expiresAt`, then renewed before the next call; a call
 * answered AUTH_FAILED gets a new token and is repeated once (nothing else is ever repeated, and
 * a second AUTH_FAILED reaches the caller).
 * @example
 * const client = createClient({ apiKey, credentials: { userName: "myapiuser", password } });
 * await client.deleteCall({ callID });
 */
export interface VerbaClient {
  /**
   * Deletes a call, getting or renewing the token first when needed. Validates first: nothing
   * is sent (no token requested) when the selector is invalid.
   * @example await client.deleteCall({ extension: "8856", status: "last" });
   * @throws {VerbaError} as `deleteCall` does; a failed token request rejects with its own
   * VerbaError (mayHaveDeleted false: the call was not sent); an abort rejects with the
   * signal's reason, even while a token is being requested.
   */
  deleteCall(selector: ClientCall): Promise<DeleteCallResult>;
  /**
   * Requests a new token now (or joins the request under way) and keeps it for the next calls.
   * @example const { expiresAt } = await client.requestToken();
   * @throws {VerbaError} VALIDATION for a client without credentials; as `requestToken` does
   * otherwise; an abort rejects with the signal's reason (the request goes on for the others).
   */
  requestToken(options?: { signal?: AbortSignal | null | undefined }): Promise<TokenInfo>;
  /**
   * `deleteCalls` with this client's config and session: an AUTH_FAILED gets one renewal (shared
   * by the items under way) before the sending stops.
   * @example const report = await client.deleteCalls(callIDs, { concurrency: 6, signal });
   * @throws {VerbaError} VALIDATION for invalid options or `items` that is no array.
   */
  deleteCalls(items: BatchInput[], options?: BatchOptions): Promise<BatchReport>;
  /**
   * The token the client holds and when it expires, once the client requested one; `null`
   * before, after `forgetToken()`, and for a token given in the config (its expiry is unknown).
   * @example const left = client.tokenInfo ? client.tokenInfo.expiresAt - Date.now() : 0;
   */
  readonly tokenInfo: TokenInfo | null;
  /**
   * Forgets the token (signing out); the next call requests a new one.
   * @example signOutButton.onclick = () => client.forgetToken();
   */
  forgetToken(): void;
}

/**
 * `deleteCall`'s options without the selector and `signal`: what the items of a `deleteCalls`
 * share. `responseType` HTML is refused (VALIDATION): an HTML reply carries no API code, so a
 * report could not tell a deletion from a refusal.
 * @example const connection: ConnectionOptions = { apiKey, token, baseUrl: "https://recorder.example.com" };
 */
export type ConnectionOptions = Omit<DeleteCallSettings, "signal" | "responseType"> & {
  responseType?: Exclude<ResponseType, "HTML"> | Lowercase<Exclude<ResponseType, "HTML">> | null | undefined;
};

/**
 * One item of a batch: a callID, or a selector.
 * @example const items: BatchInput[] = ["a8343631-9f35-4a3a-83f0-9e81592339fb", { extension: "8856", status: "last" }];
 */
export type BatchInput = string | CallSelector;

/**
 * How many items ended each way.
 * @example show(`${counts.deleted} deleted, ${counts.failed} to check`);
 */
export interface BatchCounts {
  deleted: number;
  notFound: number;
  refused: number;
  invalid: number;
  failed: number;
  notAttempted: number;
}

/**
 * What `onProgress` gets after each settled item: `done` rises to `total`. When a batch stops
 * (cancelled, AUTH_FAILED), one last call counts the items left unsent: the last `done` is `total`.
 * @example onProgress: ({ done, total }) => { bar.value = done / total; }
 */
export interface BatchProgress {
  done: number;
  total: number;
  counts: BatchCounts;
}

/**
 * A batch's own options.
 * @example const options: BatchOptions = { concurrency: 6, retries: 3, signal: controller.signal };
 */
export interface BatchOptions {
  /** Deletions under way at once, 1 to 32; default 4. */
  concurrency?: number | null | undefined;
  /**
   * Times an item is sent again, 0 to 10, default 2: only after NETWORK, TIMEOUT, or HTTP
   * 429/502/503/504 without a Verba reply, waiting with capped exponential backoff and jitter, or
   * as long as `Retry-After` asks (at most 30 s). Never after an API answer or PARSE.
   */
  retries?: number | null | undefined;
  /** Stops the batch: nothing more is sent, requests under way are aborted; the promise still resolves. */
  signal?: AbortSignal | null | undefined;
  /** Called after each settled item (and once for those a stop leaves unsent); what it throws is ignored. */
  onProgress?: ((progress: BatchProgress) => void) | null | undefined;
}

/**
 * What became of one item.
 * @example if (item.outcome === "failed" && item.error?.mayHaveDeleted) recheck(item.input);
 */
export interface BatchItem {
  /** The item's place in the input. */
  index: number;
  /** The item as given. */
  input: BatchInput;
  /**
   * deleted (API code 0, marked for deletion included), notFound (CALL_NOT_FOUND), refused (any
   * other API answer), invalid (not a valid selector: never sent), failed (no readable answer
   * after the allowed attempts), notAttempted (never sent: cancelled, or stopped by AUTH_FAILED).
   */
  outcome: "deleted" | "notFound" | "refused" | "invalid" | "failed" | "notAttempted";
  /** Requests sent for this item; 0 for invalid and notAttempted. */
  attempts: number;
  /** For deleted. */
  result?: DeleteCallResult;
  /**
   * For every outcome but deleted and notAttempted. Its `mayHaveDeleted` is true when any attempt
   * may have deleted the call, even if the last one says nothing was done.
   */
  error?: AnyVerbaError;
}

/**
 * A batch's report: one item per input, in input order; `counts` sum to `total`.
 * @example const unsure = report.items.filter((item) => item.error?.mayHaveDeleted);
 */
export interface BatchReport {
  total: number;
  counts: BatchCounts;
  /** Whether the signal stopped the batch. */
  aborted: boolean;
  items: BatchItem[];
}

/**
 * Deletes many calls, each accounted for: resolves with a report of every item (it does not
 * reject on an item's failure). An AUTH_FAILED stops the sending: that item is refused, every
 * unsent one notAttempted (a client with credentials renews the token once first).
 * @example
 * const report = await deleteCalls(callIDs, { apiKey, token, concurrency: 6, onProgress });
 * show(`${report.counts.deleted} of ${report.total} deleted`);
 * @throws {VerbaError} the promise rejects only with VALIDATION, for invalid shared options or
 * `items` that is no array (nothing sent).
 */
export function deleteCalls(items: BatchInput[], options: ConnectionOptions & BatchOptions): Promise<BatchReport>;

/**
 * Makes a client. Checks the config at once; sends nothing.
 * @example
 * await init();
 * const client = createClient({ apiKey, credentials: { userName: "myapiuser", password } });
 * @throws {VerbaError} VALIDATION when the config is invalid (`issues` names each field, such as
 * "credentials.password"); NOT_INITIALIZED before `init()`.
 */
export function createClient(config: ClientConfig): VerbaClient;

/**
 * Deletes a call. Validates first and sends nothing when the options are invalid. Resolves only
 * on API success. Initializes the module itself.
 * @example
 * const result = await deleteCall({ apiKey, extension: "8856", status: "last" });
 * show(`Deleted (HTTP ${result.httpStatus})`);
 * @throws {VerbaError} the promise rejects with a VerbaError on every failure (`err.code` says
 * which; check `err.mayHaveDeleted` before retrying); an abort rejects with the signal's reason
 * instead, unchanged.
 */
export function deleteCall(options: DeleteCallOptions): Promise<DeleteCallResult>;

/**
 * Checks a whole options object of any type (a form's values, JSON); never throws once
 * initialized. The report is narrowed by `valid`.
 * @example
 * const report = validateDeleteCall({ apiKey, callId: "x" });
 * if (!report.valid) markFields(report.issues); // unknown_option "did you mean callID?", ...
 * @throws {VerbaError} NOT_INITIALIZED before `init()`.
 */
export function validateDeleteCall(options: unknown): ValidationReport;

/**
 * Checks one option on its own, for live form validation; `[]` when valid. Rules that involve
 * several options (exactly one selector, status with extension) need `validateDeleteCall`.
 * `name` is typed as the option names, so a typo such as "callId" does not compile; the runtime
 * answers a name it does not know (held in a `string`, then cast) with an `unknown_option` issue.
 * @example input.oninput = () => render(validateParameter("callID", input.value));
 * @throws {VerbaError} NOT_INITIALIZED before `init()`.
 */
export function validateParameter(name: OptionName, value: unknown): ValidationIssue[];

/**
 * The request `deleteCall` would send, without sending it. Show `preview`, never `url`.
 * @example const { preview } = buildDeleteCallRequest({ apiKey, nativeID: "TRS26140192" });
 * @throws {VerbaError} VALIDATION when the options are invalid; NOT_INITIALIZED before `init()`.
 */
export function buildDeleteCallRequest(options: DeleteCallOptions): BuiltRequest;

/**
 * Reads a DeleteCall reply fetched by the caller, with the same rules as `deleteCall`.
 * `responseType` defaults to "XML" and `httpStatus` to 200 (`null` counts as not given).
 * @example
 * const response = await fetch(url, { method: "POST", body });
 * const result = parseDeleteCallResponse(await response.text(), "JSON", response.status);
 * @throws {VerbaError} when the reply is no success (CALL_NOT_FOUND, API_ERROR, HTTP_ERROR,
 * PARSE); VALIDATION for arguments of the wrong kind; NOT_INITIALIZED before `init()`.
 */
export function parseDeleteCallResponse(
  body: string,
  responseType?: ResponseType | Lowercase<ResponseType> | null,
  httpStatus?: number | null,
): DeleteCallResult;

// Only what is exported above is the package's (the helper types stay private).
export {};
