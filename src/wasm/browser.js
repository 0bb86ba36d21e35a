// The JavaScript half of the browser layer, and the VerbaError class (a wasm-bindgen type cannot
// extend Error; `make pkg` re-exports the class from verba_api.js so that `instanceof` works).
//
// Each exported call crosses the wasm boundary once each way: the caller's object is read here into one string for the Rust core, and the one
// string the core answers is turned back into plain objects here. Also: fetch with the caller's
// AbortSignal and a timeout combined.
//
// Strings are NUL-separated fields. A NUL inside a caller's string becomes U+0001: every option
// refuses control characters, so the verdict and the message stay the same.

/** A failed verba-api call. `code` says why; messages never contain an apiKey or token. */
export class VerbaError extends Error {
  constructor(message, code, details) {
    super(message, details && details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = "VerbaError";
    this.code = code;
    if (details) {
      if (details.apiCode !== undefined) this.apiCode = details.apiCode;
      if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
      if (details.issues !== undefined) this.issues = details.issues;
    }
  }
}

const SEP = "\0";
const LIST_SEP = "\u0002";

const clean = (text) => (text.includes(SEP) ? text.replaceAll(SEP, "\u0001") : text);

function typeName(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "object": return "an object";
    case "function": return "a function";
    case "bigint": return "a bigint";
    case "symbol": return "a symbol";
    case "string": return "a string";
    case "number": return "a number";
    case "boolean": return "a boolean";
    default: return "undefined";
  }
}

// One value as a type tag and its text: s string, i non-negative safe integer, f other number,
// t/b true/false, u undefined, n null, e empty array, l array of strings, L array with a
// non-string item (its type follows), a AbortSignal, o anything else (its type follows).
function packValue(value) {
  switch (typeof value) {
    case "string": return "s" + clean(value);
    case "number": return Number.isSafeInteger(value) && value >= 0 ? "i" + value : "f";
    case "boolean": return value ? "t" : "b";
    case "undefined": return "u";
  }
  if (value === null) return "n";
  if (Array.isArray(value)) {
    if (value.length === 0) return "e";
    const bad = value.findIndex((item) => typeof item !== "string");
    if (bad >= 0) return "L" + typeName(value[bad]);
    return "l" + value.map((item) => clean(item).replaceAll(LIST_SEP, "\u0001")).join(LIST_SEP);
  }
  if (typeof AbortSignal === "function" && value instanceof AbortSignal) return "a";
  return "o" + typeName(value);
}

// A base URL resolved against the page by the platform's URL parser; unparseable text is left
// for the core to report. Answers are kept (a few): portals check the same URLs over and over.
const resolved = new Map();
let resolvedFor = "";
function resolveBaseUrl(url) {
  const page = globalThis.location?.href ?? "";
  if (page !== resolvedFor || resolved.size >= 32) {
    resolved.clear();
    resolvedFor = page;
  }
  let href = resolved.get(url);
  if (href === undefined) {
    try {
      href = (page ? new URL(url, page) : new URL(url)).href;
    } catch {
      href = url;
    }
    resolved.set(url, href);
  }
  return href;
}

function packNamed(name, value) {
  if (name === "baseUrl" && typeof value === "string" && value !== "") value = resolveBaseUrl(value);
  return clean(name) + SEP + packValue(value) + SEP;
}

/** Every own key of the options, in order; the page's origin as baseUrl when none is given. */
export function packOptions(options) {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    return "!" + typeName(options);
  }
  let packed = "";
  for (const name of Object.keys(options)) packed += packNamed(name, options[name]);
  const base = options.baseUrl;
  const origin = globalThis.location?.origin;
  if ((base === undefined || base === null || base === "") && origin && origin !== "null") {
    packed += "baseUrl" + SEP + "s" + origin + SEP;
  }
  return packed;
}

/** One option for validateParameter; "!" when the name is no string. */
export function packParameter(name, value) {
  return typeof name === "string" ? packNamed(name, value) : "!";
}

/** field, code, message triples. */
export function toIssues(packed) {
  const parts = packed.split(SEP);
  const issues = [];
  for (let at = 0; at + 2 < parts.length; at += 3) {
    issues.push({ field: parts[at], code: parts[at + 1], message: parts[at + 2] });
  }
  return issues;
}

/**
 * "1" then apiKey, token, selector name, selector value, status, responseType, baseUrl, method,
 * timeoutMs, allowInsecureHttp (empty = absent); or "0" then issues. Built as one literal so
 * every report has the same object shape (fast to create and to read).
 */
export function toReport(packed) {
  if (packed[0] !== "1") return { valid: false, issues: toIssues(packed.slice(1)), normalized: null };
  const p = packed.slice(1).split(SEP);
  const normalized = { apiKey: p[0] };
  if (p[1] !== "") normalized.token = p[1];
  // Static keys: a computed key would have to be interned on every call.
  switch (p[2]) {
    case "callID": normalized.callID = p[3]; break;
    case "platformCallID": normalized.platformCallID = p[3]; break;
    case "nativeID": normalized.nativeID = p[3]; break;
    case "meetingID": normalized.meetingID = p[3]; break;
    default: normalized.extension = p[3];
  }
  if (p[4] !== "") normalized.status = p[4];
  normalized.responseType = p[5];
  normalized.baseUrl = p[6];
  normalized.method = p[7];
  normalized.timeoutMs = Number(p[8]);
  normalized.allowInsecureHttp = p[9] === "true";
  return { valid: true, issues: [], normalized };
}

/** method, url, body ("" and no Content-Type for GET: null), preview, header pairs. */
export function toRequest(packed) {
  const [method, url, body, preview, ...headerParts] = packed.split(SEP);
  const headers = {};
  for (let at = 0; at + 1 < headerParts.length; at += 2) headers[headerParts[at]] = headerParts[at + 1];
  return { method, url, body: method === "GET" ? null : body, headers, preview };
}

const RESPONSE_TYPES = ["XML", "JSON", "TEXT", "HTML"];

/**
 * A DeleteCallResult from numbers and an optional message (no string to decode on the usual
 * success); `raw` is the body the caller already holds, attached for TEXT and HTML.
 */
export function toResult(message, responseTypeIndex, httpStatus, withRaw, raw) {
  const result = {
    ok: true, code: 0, action: "DeleteCall", message: message ?? null,
    responseType: RESPONSE_TYPES[responseTypeIndex], httpStatus,
  };
  if (withRaw) result.raw = raw;
  return result;
}

/** code, message, apiCode, httpStatus (empty when absent), then issue triples. */
export function toError(packed, cause) {
  const [code, message, apiCode, httpStatus, ...issueParts] = packed.split(SEP);
  const details = {};
  if (apiCode !== "") details.apiCode = Number(apiCode);
  if (httpStatus !== "") details.httpStatus = Number(httpStatus);
  if (code === "VALIDATION") details.issues = toIssues(issueParts.join(SEP));
  if (cause !== undefined) details.cause = cause;
  return new VerbaError(message, code, details);
}

/**
 * Sends a request; never rejects. Resolves [0, status, body] for a reply, [1, 0, reason] when
 * the caller's signal aborted, [2] on timeout, [3, 0, error, message] when fetch failed.
 */
export function send(method, url, body, contentType, options, timeoutMs) {
  const signal = options.signal ?? undefined;
  if (signal?.aborted) return Promise.resolve([1, 0, signal.reason]);
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal?.addEventListener("abort", onAbort);
  let timedOut = false;
  const timer = timeoutMs > 0
    ? setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs)
    : undefined;
  // A GET DeleteCall must reach the recorder every time, never be answered from a cache.
  const init = { method, cache: "no-store", signal: controller.signal };
  if (method === "POST") {
    init.body = body;
    init.headers = { "Content-Type": contentType };
  }
  return fetch(url, init)
    .then(async (response) => [0, response.status, await response.text()])
    .catch((error) => {
      if (signal?.aborted) return [1, 0, signal.reason];
      if (timedOut) return [2];
      return [3, 0, error, String(error?.message ?? error)];
    })
    .finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    });
}

/** JSON.parse of a reply, without a BOM; undefined when it is not JSON. */
export function jsonParse(text) {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
}

// The keys a JSON reply is read by, in the order of KEYS in json.rs.
const JSON_KEYS = ["VerbaApi", "Response", "code", "@code", "type", "@type", "ErrorMessage", "#text"];

/** An own member of a plain object, by key index; undefined otherwise. */
export function jsonMember(value, key) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const name = JSON_KEYS[key];
  return Object.hasOwn(value, name) ? value[name] : undefined;
}
