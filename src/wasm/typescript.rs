//! The TypeScript types of the JavaScript API, emitted into `verba_api.d.ts`.

use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Reply formats a recorder can be asked for. */
export type ResponseType = "XML" | "JSON" | "TEXT" | "HTML";
/** HTTP methods; POST keeps credentials out of URLs and is the default. */
export type HttpMethod = "POST" | "GET";
/** One `status` value for `extension`. */
export type StatusValue = "ongoing" | "next" | "last";

/** Options of `deleteCall`. Exactly one of callID, platformCallID, nativeID, meetingID, extension. */
export interface DeleteCallOptions {
  /** The API key (a GUID) issued by the recorder. Never shown in errors or previews. */
  apiKey: string;
  /** The session token from RequestToken, when the key requires one. Never shown. */
  token?: string;
  /** The recorder's call id (a GUID; braces allowed). */
  callID?: string;
  /** The "Platform Call ID" field; a non-negative whole number is accepted too. */
  platformCallID?: string | number;
  /** The "Technical Call Identifier" field. */
  nativeID?: string;
  /** The Lync/Skype meeting id. */
  meetingID?: string;
  /** A number that took part in the call (separators allowed), or a sip:/tel: URI. Needs `status`. */
  extension?: string | number;
  /** With `extension`: "ongoing", "next", "last", comma-separated or as an array. */
  status?: string | StatusValue[];
  /** Reply format asked for; default "XML"; any letter case. */
  responseType?: ResponseType | Lowercase<ResponseType>;
  /** The recorder's address, absolute or relative to the page; "/verba/api" is appended unless present. Default: the page's origin. */
  baseUrl?: string;
  /** Default "POST". */
  method?: HttpMethod | Lowercase<HttpMethod>;
  /** Milliseconds before giving up with TIMEOUT; default 30000; 0 waits indefinitely. */
  timeoutMs?: number;
  /** Aborts the request; `deleteCall` then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Allow plain http:// to a host that is not loopback. Default false. */
  allowInsecureHttp?: boolean;
  /**
   * Default true: a request to another origin than the page's carries the header
   * `X-Requested-With: verba-api`, so the browser first asks the recorder (a CORS preflight) and
   * sends nothing the recorder's CORS policy does not allow; otherwise a refused cross-origin
   * POST would still delete the call while the page sees only a network error. Set false only
   * for a recorder that allows the page but cannot answer preflights.
   */
  corsPreflight?: boolean;
}

/** Codes of validation issues. */
export type IssueCode =
  | "required" | "missing_selector" | "conflicting_selectors" | "extension_requires_status"
  | "status_without_extension" | "invalid_guid" | "invalid_token" | "invalid_extension"
  | "invalid_status" | "invalid_value" | "invalid_response_type" | "invalid_method"
  | "invalid_base_url" | "insecure_url" | "url_too_long" | "unknown_option" | "invalid_type";

/** One problem with one option; `message` can be shown to users as is. */
export interface ValidationIssue {
  /** The option's name; "selector" for missing_selector; "options" when the options are no object. */
  field: string;
  code: IssueCode;
  message: string;
}

/** The options as they will be sent: trimmed, braces stripped, defaults filled in. */
export interface NormalizedDeleteCallOptions {
  apiKey: string;
  token?: string;
  callID?: string;
  platformCallID?: string;
  nativeID?: string;
  meetingID?: string;
  extension?: string;
  status?: string;
  responseType: ResponseType;
  /** The endpoint, ending in /verba/api. */
  baseUrl: string;
  method: HttpMethod;
  /** 0 means no timeout. */
  timeoutMs: number;
  allowInsecureHttp: boolean;
  corsPreflight: boolean;
}

/** What `validateDeleteCall` returns; it never throws. */
export interface ValidationReport {
  valid: boolean;
  issues: ValidationIssue[];
  normalized: NormalizedDeleteCallOptions | null;
}

/** The request `deleteCall` would send. */
export interface BuiltRequest {
  method: HttpMethod;
  /** For GET this holds the credentials: show `preview`, never `url`. */
  url: string;
  /** The form body for POST; null for GET. */
  body: string | null;
  headers: Record<string, string>;
  /** Human-readable, credentials redacted. */
  preview: string;
}

/** A successful DeleteCall. */
export interface DeleteCallResult {
  ok: true;
  code: 0;
  action: "DeleteCall";
  message: string | null;
  responseType: ResponseType;
  httpStatus: number;
  /** The body, for TEXT and HTML; from `deleteCall`, with the key and token redacted. */
  raw?: string;
}

/**
 * Reads a DeleteCall reply the caller fetched itself, with the same rules as `deleteCall`:
 * returns the result on API success, throws a `VerbaError` otherwise.
 */
export function parseDeleteCallResponse(
  body: string,
  responseType?: ResponseType | Lowercase<ResponseType>,
  httpStatus?: number,
): DeleteCallResult;

/** Codes of `VerbaError`. */
export type VerbaErrorCode =
  | "VALIDATION" | "CALL_NOT_FOUND" | "API_ERROR" | "HTTP_ERROR" | "NETWORK" | "TIMEOUT" | "PARSE";

/** A failed call. Messages never contain an apiKey or token. */
export class VerbaError extends Error {
  readonly name: "VerbaError";
  readonly code: VerbaErrorCode;
  /** The recorder's API code (CALL_NOT_FOUND, API_ERROR); absent for an API_ERROR from a TEXT reply that says ERROR without a readable code. */
  readonly apiCode?: number;
  /** The HTTP status, when an answer arrived. */
  readonly httpStatus?: number;
  /** Every problem found (VALIDATION). */
  readonly issues?: ValidationIssue[];
  /**
   * Whether the recorder may have deleted the call anyway: true when the request may have
   * reached it and no readable answer says what it did (NETWORK after sending, TIMEOUT,
   * HTTP_ERROR, PARSE); false when nothing was sent (VALIDATION) or the recorder answered that
   * it did not delete (CALL_NOT_FOUND, API_ERROR). Check before retrying when true.
   */
  readonly mayHaveDeleted: boolean;
  /** What fetch rejected with (NETWORK). */
  readonly cause?: unknown;
}
"#;
