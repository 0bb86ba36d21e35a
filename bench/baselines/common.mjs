// What the three JS baselines share: the DeleteCall rules that no library provides (GUID, token,
// extension, status, base URL), request building, the reply rules (envelope, codes, TEXT/HTML/JSON)
// and fetch with timeout and abort. Each baseline bundles this file, as a JS implementation of the
// same job would carry the same code. The libraries under comparison do the rest: valibot / zod
// walk the options and collect the issues, fast-xml-parser / DOMParser read the XML, fetch / ky
// send the request.
//
// The rules follow the Rust core (src/validation, src/base_url.rs, src/reply) and the spec
// (docs/spec.md sections 2-5); the bench checks that every baseline agrees with the wasm module on
// the shared case table before timing anything.

export const FIELDS = [
  "apiKey", "token", "callID", "platformCallID", "nativeID", "meetingID", "extension", "status",
  "responseType", "baseUrl", "method", "timeoutMs", "signal", "allowInsecureHttp", "corsPreflight",
];
export const SELECTORS = ["callID", "platformCallID", "nativeID", "meetingID", "extension"];
export const API_PATH = "/verba/api";
export const ACTION_QUERY = "?action=DeleteCall";
export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
export const MAX_GET_URL_CHARS = 4000;
export const DEFAULT_TIMEOUT_MS = 30000;
export const MAX_TIMEOUT_MS = 2147483647;
export const MAX_REPLY_BYTES = 1024 * 1024;
const MAX_OPAQUE = 256;
const MAX_EXTENSION_DIGITS = 32;

// ---- messages ---------------------------------------------------------------------------------

const MESSAGES = {
  required: (f) => `${f} is required.`,
  missing_selector: () =>
    "Say which call to delete: give one of callID, platformCallID, nativeID, meetingID, or extension with status.",
  conflicting_selectors: (f) => `Give only one selector (${f} is one of several).`,
  extension_requires_status: () => "status is required with extension: choose ongoing, next and/or last.",
  status_without_extension: () => "status only applies to extension; remove it or give an extension.",
  invalid_guid: (f) => `${f} must be a GUID such as a8343631-9f35-4a3a-83f0-9e81592339fb (braces allowed).`,
  invalid_token: () => "token must be 1 to 256 visible ASCII characters without spaces.",
  invalid_extension: () => "extension must be a phone number or extension, or a sip:/tel: URI.",
  invalid_status: () => "status must be ongoing, next or last, comma-separated, without repeats.",
  invalid_value: (f) => `${f} has a value it does not accept.`,
  invalid_response_type: () => "responseType must be XML, JSON, TEXT or HTML.",
  invalid_method: () => "method must be POST or GET.",
  invalid_base_url: () => "baseUrl must be an https:// URL such as https://recorder.example.com.",
  insecure_url: () => "baseUrl uses plain http:// to a host that is not loopback; use https:// or allowInsecureHttp.",
  url_too_long: () => "The GET request would be longer than 4000 characters; use method POST.",
  unknown_option: (f) => `Unknown option "${f}".`,
  invalid_type: (f) => `${f} has the wrong type.`,
};

export function issue(field, code) {
  return { field, code, message: MESSAGES[code](field) };
}

// ---- errors -----------------------------------------------------------------------------------

const NOT_DELETED = ["VALIDATION", "CALL_NOT_FOUND", "AUTH_FAILED", "API_ERROR"];
const MAY_HAVE_DELETED = " The recorder may have deleted the call; check before retrying.";

/** The baselines' error: same shape as the package's VerbaError, `mayHaveDeleted` included. */
export class VerbaError extends Error {
  constructor(message, code, details) {
    const mayHaveDeleted = details?.mayHaveDeleted ?? !NOT_DELETED.includes(code);
    super(mayHaveDeleted ? message + MAY_HAVE_DELETED : message,
      details && details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = "VerbaError";
    this.code = code;
    this.mayHaveDeleted = mayHaveDeleted;
    if (details) {
      if (details.apiCode !== undefined) this.apiCode = details.apiCode;
      if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
      if (details.issues !== undefined) this.issues = details.issues;
    }
  }
}

export function validationError(issues) {
  return new VerbaError(`Invalid DeleteCall options: ${issues[0].message}`, "VALIDATION", { issues });
}

// ---- character classes as the Rust core defines them ------------------------------------------

// Rust's char::is_whitespace (Unicode White_Space): unlike JS \s, no U+FEFF, but U+0085.
const RUST_WS = "\\t\\n\\v\\f\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const TRIM = new RegExp(`^[${RUST_WS}]+|[${RUST_WS}]+$`, "g");
const HAS_WS_OR_CONTROL = new RegExp(`[${RUST_WS}\\x00-\\x1f\\x7f-\\x9f]`);
const EDGE_WS = new RegExp(`^[${RUST_WS}]|[${RUST_WS}]$`);
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;

const TRIM_START = new RegExp(`^[${RUST_WS}]+`);

/** str::trim of Rust. */
export const rustTrim = (text) => text.replace(TRIM, "");

/** str::trim_start of Rust. */
const rustTrimStart = (text) => text.replace(TRIM_START, "");

/** The core's trim_bom: whitespace trimmed, then leading BOMs and the whitespace after them. */
const trimBom = (text) => rustTrimStart(rustTrim(text).replace(/^\uFEFF+/, ""));

/** chars().count(): code points. */
function codePoints(text) {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { count--; i++; }
    }
  }
  return count;
}

/** The UTF-8 length of a string as Rust receives it (lone surrogates become U+FFFD). */
export function utf8Length(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length
      && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) { bytes += 4; i++; }
    else bytes += 3;
  }
  return bytes;
}

// ---- value rules (each: string in, normalized value or an issue code out) ----------------------

const GUID = /^(?:\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))$/i;
const TOKEN = /^[\x21-\x7e]{1,256}$/;
const RESPONSE_TYPES = { XML: "XML", JSON: "JSON", TEXT: "TEXT", HTML: "HTML" };
const RESPONSE_TYPE = /^(?:xml|json|text|html)$/i; // no u flag: ASCII-only case folding
const METHOD = /^(?:post|get)$/i;
const STATUS = /^(?:ongoing|next|last)$/i;
const URI_SCHEME = /^(?:sip|tel):/i;

/** A failed rule: the issue code. */
export class Bad {
  constructor(code) { this.code = code; }
}
const bad = (code) => new Bad(code);

/** apiKey, callID: the GUID without braces, or Bad. */
export function guidRule(text) {
  const match = GUID.exec(text);
  return match ? (match[1] ?? match[2]) : bad("invalid_guid");
}

export function tokenRule(text) {
  return TOKEN.test(text) ? text : bad("invalid_token");
}

/** platformCallID, nativeID, meetingID. */
export function opaqueRule(text) {
  if (text.length > MAX_OPAQUE && codePoints(text) > MAX_OPAQUE) return bad("invalid_value");
  if (CONTROL.test(text) || EDGE_WS.test(text)) return bad("invalid_value");
  return text;
}

/** extension: separators removed, or a sip:/tel: URI as given. */
export function extensionRule(text) {
  if (URI_SCHEME.test(text)) {
    if (text.length === 4 || codePoints(text) > MAX_OPAQUE || HAS_WS_OR_CONTROL.test(text)) {
      return bad("invalid_extension");
    }
    return text;
  }
  let number = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c >= "0" && c <= "9") || c === "*" || c === "#" || (c === "+" && i === 0)) number += c;
    else if (c !== " " && c !== "-" && c !== "." && c !== "(" && c !== ")") return bad("invalid_extension");
  }
  const digits = number.startsWith("+") ? number.length - 1 : number.length;
  return digits === 0 || digits > MAX_EXTENSION_DIGITS ? bad("invalid_extension") : number;
}

/** status items (already split): lower-cased, no empty items, no repeats. */
export function statusRule(items) {
  const out = [];
  for (const item of items) {
    const trimmed = rustTrim(item);
    if (!STATUS.test(trimmed)) return bad("invalid_status");
    const value = trimmed.toLowerCase();
    if (out.includes(value)) return bad("invalid_status");
    out.push(value);
  }
  return out;
}

export function responseTypeRule(text) {
  return RESPONSE_TYPE.test(text) ? RESPONSE_TYPES[text.toUpperCase()] : bad("invalid_response_type");
}

export function methodRule(text) {
  return METHOD.test(text) ? text.toUpperCase() : bad("invalid_method");
}

export const isWholeTimeout = (ms) => Number.isInteger(ms) && ms >= 0 && ms <= MAX_TIMEOUT_MS;

/** platformCallID and extension accept a non-negative safe integer as its digits. */
export const isDigitsNumber = (n) => Number.isSafeInteger(n) && n >= 0;

// ---- base URL ---------------------------------------------------------------------------------

// Answers are kept (up to 32 per page), as the package's glue (src/wasm/browser.js) keeps them:
// portals check the same URLs again and again, and the comparison must not charge one side a URL
// parse that the other skips.
const resolved = new Map();
let resolvedFor = "";

/** A non-empty base URL resolved against the page (unparseable text is left as it is). */
export function resolveBaseUrl(url) {
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

/** The page's origin, the default base URL, when there is a page. */
export function pageOrigin() {
  const origin = globalThis.location?.origin;
  return origin && origin !== "null" ? origin : undefined;
}

export function isLoopback(host) {
  if (host.toLowerCase() === "localhost" || host === "[::1]") return true;
  const octets = host.split(".");
  return octets.length === 4 && octets[0] === "127"
    && octets.slice(1).every((o) => /^[0-9]{1,3}$/.test(o) && Number(o) <= 255);
}

/**
 * The endpoint of a (resolved) base URL: `{ endpoint, secure, loopback }`, or Bad
 * (invalid_base_url). The insecure check needs allowInsecureHttp: see `insecure`.
 */
export function baseUrlRule(url) {
  if (HAS_WS_OR_CONTROL.test(url)) return bad("invalid_base_url");
  const sep = url.indexOf("://");
  if (sep < 0) return bad("invalid_base_url");
  const scheme = url.slice(0, sep).toLowerCase();
  if (scheme !== "https" && scheme !== "http") return bad("invalid_base_url");
  const rest = url.slice(sep + 3);
  let end = rest.search(/[/?#]/);
  if (end < 0) end = rest.length;
  const authority = rest.slice(0, end);
  const pathAndMore = rest.slice(end);
  if (authority.includes("@") || /[?#]/.test(pathAndMore)) return bad("invalid_base_url");
  const host = hostOf(authority);
  if (host === undefined) return bad("invalid_base_url");
  const path = pathAndMore.replace(/\/+$/, "");
  const endpoint = `${scheme}://${authority}${path}${path.endsWith(API_PATH) ? "" : API_PATH}`;
  return { endpoint, secure: scheme === "https", loopback: isLoopback(host) };
}

function hostOf(authority) {
  let host;
  let port;
  if (authority.startsWith("[")) {
    const close = authority.indexOf("]");
    if (close < 0) return undefined;
    host = authority.slice(0, close + 1);
    const after = authority.slice(close + 1);
    if (after !== "") {
      if (!after.startsWith(":")) return undefined;
      port = after.slice(1);
    }
  } else {
    const colon = authority.indexOf(":");
    host = colon < 0 ? authority : authority.slice(0, colon);
    port = colon < 0 ? undefined : authority.slice(colon + 1);
  }
  if (port !== undefined && !(/^[0-9]+$/.test(port) && Number(port) <= 65535)) return undefined;
  return host === "" ? undefined : host;
}

/** baseUrl: resolved against the page, then checked. */
export const baseUrlValue = (text) => baseUrlRule(resolveBaseUrl(text));

/** Whether a checked base URL is refused as plain http to a non-loopback host. */
export const insecure = (base, allowInsecureHttp) =>
  !base.secure && !base.loopback && allowInsecureHttp !== true;

// ---- whole-options rules ------------------------------------------------------------------------

/** Absent, undefined, null, "" or []: not given. */
export const isAbsent = (value) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/**
 * The options object as the rules see it: the page's origin as baseUrl when none is given (the
 * baseUrl rule itself resolves a given one against the page).
 */
export function withBaseUrl(options) {
  const base = options.baseUrl;
  if (base === undefined || base === null || base === "") {
    const origin = pageOrigin();
    return origin ? { ...options, baseUrl: origin } : options;
  }
  // An inherited baseUrl is no option (the package reads own keys only).
  return Object.hasOwn(options, "baseUrl") ? options : { ...options, baseUrl: undefined };
}

export const isOptionsObject = (options) =>
  options !== null && typeof options === "object" && !Array.isArray(options);

/**
 * The rules that span several options, after the per-option rules: `required`, the selector
 * rules, the insecure-URL rule; then the normalized request and the GET length rule.
 * `input` is the options (after `withBaseUrl`), `v` the normalized values of the valid options
 * (`undefined` for absent or invalid ones; all of them are needed only when `issues` is empty,
 * else only `v.baseUrl`), `issues` the per-option issues so far.
 */
export function finish(input, v, issues) {
  if (isAbsent(input.apiKey)) issues.push(issue("apiKey", "required"));
  if (isAbsent(input.baseUrl)) issues.push(issue("baseUrl", "required"));
  let count = 0;
  let selector;
  for (const name of SELECTORS) if (!isAbsent(input[name])) { count++; selector = name; }
  if (count === 0) issues.push(issue("selector", "missing_selector"));
  else if (count > 1) {
    for (const name of SELECTORS) if (!isAbsent(input[name])) issues.push(issue(name, "conflicting_selectors"));
  }
  const hasStatus = !isAbsent(input.status);
  const hasExtension = !isAbsent(input.extension);
  if (hasExtension && !hasStatus) issues.push(issue("status", "extension_requires_status"));
  if (hasStatus && !hasExtension) issues.push(issue("status", "status_without_extension"));
  const allowInsecureHttp = input.allowInsecureHttp === true;
  if (v.baseUrl !== undefined && insecure(v.baseUrl, allowInsecureHttp)) {
    issues.push(issue("baseUrl", "insecure_url"));
  }
  if (issues.length > 0) return { valid: false, issues, normalized: null };

  const normalized = { apiKey: v.apiKey };
  if (v.token != null) normalized.token = v.token; // schema libraries pass null through
  normalized[selector] = v[selector];
  if (selector === "extension") normalized.status = v.status.join(",");
  normalized.responseType = v.responseType ?? "XML";
  normalized.baseUrl = v.baseUrl.endpoint;
  normalized.method = v.method ?? "POST";
  normalized.timeoutMs = v.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  normalized.allowInsecureHttp = allowInsecureHttp;
  normalized.corsPreflight = input.corsPreflight !== false;
  if (normalized.method === "GET" && getUrl(normalized).length > MAX_GET_URL_CHARS) {
    return { valid: false, issues: [issue("method", "url_too_long")], normalized: null };
  }
  return { valid: true, issues: [], normalized };
}

export function unknownOption(name) {
  return issue(name, "unknown_option");
}

// ---- request ----------------------------------------------------------------------------------

/** The wire parameters of a normalized request, in the vendor's order. */
function wireParams(n) {
  const params = [["apiKey", n.apiKey]];
  if (n.token !== undefined) params.push(["token", n.token]);
  params.push(["responseType", n.responseType]);
  for (const name of SELECTORS) if (n[name] !== undefined) params.push([name, n[name]]);
  if (n.status !== undefined) params.push(["status", n.status]);
  return params;
}

const encodeForm = (params) => new URLSearchParams(params).toString();

function getUrl(n) {
  return `${n.baseUrl}${ACTION_QUERY}&${encodeForm(wireParams(n))}`;
}

/** The redacted form of a secret. */
export function redact(secret) {
  return codePoints(secret) >= 16 ? `${[...secret].slice(0, 4).join("")}…REDACTED` : "REDACTED";
}

/** `{ method, url, body, headers, preview }` of a normalized request. */
export function buildRequest(n) {
  const params = wireParams(n);
  const shown = params
    .map(([name, value]) => `${name}=${name === "apiKey" || name === "token" ? redact(value) : encodeForm([["", value]]).slice(1)}`)
    .join("&");
  const url = `${n.baseUrl}${ACTION_QUERY}`;
  if (n.method === "GET") {
    return {
      method: "GET", url: `${url}&${encodeForm(params)}`, body: null, headers: {},
      preview: `GET ${url}&${shown}`,
    };
  }
  return {
    method: "POST", url, body: encodeForm(params), headers: { "Content-Type": FORM_CONTENT_TYPE },
    preview: `POST ${url}\nContent-Type: ${FORM_CONTENT_TYPE}\n\n${shown}`,
  };
}

// ---- replies ----------------------------------------------------------------------------------

/** A reply's envelope could not be read: the reason. */
export class Unreadable {
  constructor(reason) { this.reason = reason; }
}

/** Rust's `text.trim().parse::<i64>()`. */
export function parseCode(text) {
  const t = rustTrim(text);
  if (!/^[+-]?[0-9]+$/.test(t)) return undefined;
  if (t.length > 18) {
    const big = BigInt(t);
    if (big > 9223372036854775807n || big < -9223372036854775808n) return undefined;
  }
  return Number(t);
}

/** The arguments of parseDeleteCallResponse: `[body, responseType, httpStatus]` or throws. */
export function replyArguments(body, responseType, httpStatus) {
  const issues = [];
  if (typeof body !== "string") issues.push(issue("body", "invalid_type"));
  let type = "XML";
  if (responseType !== undefined && responseType !== null) {
    type = typeof responseType === "string" && RESPONSE_TYPE.test(responseType)
      ? RESPONSE_TYPES[responseType.toUpperCase()] : undefined;
    if (type === undefined) issues.push(issue("responseType", "invalid_response_type"));
  }
  let status = 200;
  if (httpStatus !== undefined && httpStatus !== null) {
    status = httpStatus;
    if (typeof httpStatus !== "number" || !Number.isInteger(httpStatus) || httpStatus < 100 || httpStatus > 599) {
      issues.push(issue("httpStatus", "invalid_value"));
    }
  }
  if (issues.length > 0) throw validationError(issues);
  return [body, type, status];
}

const SECRETS_NONE = [];

/**
 * Reads a reply. `xmlEnvelope(body)` is the baseline's XML reader: `{ code, action, message }` or
 * an Unreadable. Returns the result, throws a VerbaError.
 */
export function parseReply(body, responseType, httpStatus, xmlEnvelope, secrets = SECRETS_NONE) {
  if (body.length > MAX_REPLY_BYTES / 3 && (body.length > MAX_REPLY_BYTES || utf8Length(body) > MAX_REPLY_BYTES)) {
    throw new VerbaError("The reply is not a readable Verba API reply: the reply is larger than 1 MiB.", "PARSE", { httpStatus });
  }
  let envelope;
  switch (responseType) {
    case "XML": envelope = xmlEnvelope(body); break;
    case "JSON": envelope = jsonEnvelope(body); break;
    case "TEXT":
      envelope = textEnvelope(body);
      if (envelope === undefined) return rawOutcome(body, responseType, httpStatus, secrets);
      break;
    default: return rawOutcome(body, responseType, httpStatus, secrets);
  }
  if (envelope instanceof Unreadable) {
    if (httpStatus < 200 || httpStatus > 299) throw httpError(body, httpStatus, secrets);
    throw new VerbaError(`The reply is not a readable Verba API reply: ${envelope.reason}`, "PARSE", { httpStatus });
  }
  return interpret(envelope, responseType, httpStatus, body, secrets);
}

function scrub(text, secrets) {
  for (const secret of secrets) {
    if (secret && text.includes(secret)) text = text.replaceAll(secret, redact(secret));
  }
  return text;
}

function interpret({ code, action, message }, responseType, httpStatus, body, secrets) {
  if (code === 0) {
    if (action && action !== "DeleteCall") {
      throw new VerbaError(
        `The reply is not a readable Verba API reply: it reports success for action "${action}", not DeleteCall.`,
        "PARSE", { httpStatus },
      );
    }
    const result = { ok: true, code: 0, action: "DeleteCall", message: message ?? null, responseType, httpStatus };
    if (responseType === "TEXT" || responseType === "HTML") result.raw = body;
    return result;
  }
  const said = message ? `: ${scrub(message, secrets)}` : ".";
  if (code === 2 || code === -50) {
    throw new VerbaError(`The recorder found no call to delete (API code ${code})${said}`, "CALL_NOT_FOUND", { apiCode: code, httpStatus });
  }
  if (code === 4 || (code >= -43 && code <= -40)) {
    const end = /[.!?…]$/.test(said) ? "" : ".";
    throw new VerbaError(
      `The recorder refused the credentials (API code ${code})${said}${end} Check apiKey, and the token (it lasts one hour) or userName and password; nothing was done.`,
      "AUTH_FAILED", { apiCode: code, httpStatus },
    );
  }
  // A TEXT ERROR without a readable code: an API error without apiCode.
  const coded = code === undefined ? "" : ` (API code ${code})`;
  throw new VerbaError(`The recorder refused the request${coded}${said}`, "API_ERROR", { apiCode: code, httpStatus });
}

function rawOutcome(body, responseType, httpStatus, secrets) {
  if (httpStatus >= 200 && httpStatus <= 299) {
    if (trimBom(body) === "") {
      throw new VerbaError("The reply is not a readable Verba API reply: the reply is empty.", "PARSE", { httpStatus });
    }
    return { ok: true, code: 0, action: "DeleteCall", message: null, responseType, httpStatus, raw: body };
  }
  throw httpError(body, httpStatus, secrets);
}

function httpError(body, httpStatus, secrets) {
  const trimmed = rustTrim(body);
  let excerpt = trimmed.slice(0, 200).replace(/[\x00-\x1f\x7f-\x9f]/g, " ");
  if (trimmed.length > 200) excerpt += "…";
  excerpt = scrub(excerpt, secrets);
  return new VerbaError(
    `The server answered HTTP ${httpStatus} with a body that is not a Verba API reply${excerpt ? `: ${excerpt}` : ""}`,
    "HTTP_ERROR", { httpStatus },
  );
}

/**
 * TEXT: `OK`, or a first word `ERROR` (any letter case, then the end or anything but an ASCII
 * letter or digit), which is never a success: `ERROR <code>: <message>` gives the code (0
 * contradicts the word: Unreadable), any other ERROR is an API error without a code. Undefined
 * for other text.
 */
function textEnvelope(body) {
  const text = trimBom(body);
  if (/^ok$/i.test(text)) return { code: 0, action: undefined, message: undefined };
  if (!/^error(?![A-Za-z0-9])/i.test(text)) return undefined; // no u flag: ASCII-only case folding
  const rest = text.slice(5);
  const colon = rest.indexOf(":");
  const head = colon < 0 ? rest : rest.slice(0, colon);
  // Spaces or tabs, then an integer, on the same line.
  const code = /^[ \t][ \t+\-0-9]*$/.test(head) ? parseCode(head) : undefined;
  if (code === 0) return new Unreadable("the TEXT reply says ERROR with code 0 (success).");
  let message;
  if (code !== undefined) {
    message = colon < 0 ? "" : rest.slice(colon + 1);
  } else {
    const after = rustTrimStart(rest);
    message = after.startsWith(":") ? after.slice(1) : after;
  }
  message = rustTrim(message);
  return { code, action: undefined, message: message || undefined };
}

const member = (value, key) =>
  value !== null && typeof value === "object" && !Array.isArray(value) && Object.hasOwn(value, key)
    ? value[key] : undefined;

/** JSON: `{"VerbaApi":{"Response":{code, type, ErrorMessage}}}`, `@` keys, or no wrapper. */
function jsonEnvelope(body) {
  let root;
  try {
    root = JSON.parse(body.replace(/^\uFEFF+/, ""));
  } catch {
    return new Unreadable("the body is not valid JSON.");
  }
  const api = member(root, "VerbaApi");
  const data = member(root, "VerbaData");
  if (api !== undefined && data !== undefined) return new Unreadable("the JSON reply has both a VerbaApi and a VerbaData object.");
  const wrapper = api !== undefined ? api : data;
  const response = wrapper !== undefined ? member(wrapper, "Response") : member(root, "Response");
  if (response === undefined) return new Unreadable("the JSON reply has no Response object.");
  const attribute = (name) => {
    const plain = member(response, name);
    return plain !== undefined ? plain : member(response, `@${name}`);
  };
  const rawCode = attribute("code");
  if (rawCode === undefined) return new Unreadable("the JSON reply's Response has no code.");
  let code;
  if (typeof rawCode === "number") {
    if (Number.isInteger(rawCode) && Math.abs(rawCode) <= Number.MAX_SAFE_INTEGER) code = rawCode;
  } else if (typeof rawCode === "string") {
    code = parseCode(rawCode);
  }
  if (code === undefined) return new Unreadable("the JSON reply's code is not an integer.");
  const type = attribute("type");
  const rawMessage = member(response, "ErrorMessage");
  let message = typeof rawMessage === "string" ? rawMessage : member(rawMessage, "#text");
  message = typeof message === "string" ? rustTrim(message) : "";
  return { code, action: typeof type === "string" ? type : undefined, message: message || undefined };
}

/**
 * The reply as the XML readers get it: BOMs off, and a DOCTYPE's internal subset dropped, so that
 * no entity it declares is ever expanded (the spec: DTDs and entity declarations never are).
 */
export function xmlText(body) {
  const text = body.replace(/^\uFEFF+/, "");
  return text.includes("<!DOCTYPE") ? text.replace(/<!DOCTYPE([^[>]*)\[[\s\S]*?\]\s*>/, "<!DOCTYPE$1>") : text;
}

export const ROOTS = ["VerbaApi", "VerbaData"];

// The vendor's broken closing tag: the root's start tag (by local name), without attributes, with
// nothing but XML whitespace after it to the end.
const BROKEN_CLOSE = /<((?:[^\s<>/:!?]+:)?(?:VerbaApi|VerbaData))[ \t\r\n]*>[ \t\r\n]*$/;

/**
 * The reply with the vendor's broken closing tag written as the end tag, for a second reading
 * when the first failed; undefined when the body does not end with such a tag. The reader then
 * checks the rest: the tag only closes the root if it stands right inside it, after the complete
 * Response (anywhere else the end tag does not match and the reading fails again).
 */
export function repairedXml(body) {
  const match = BROKEN_CLOSE.exec(body);
  return match ? `${body.slice(0, match.index)}</${match[1]}>` : undefined;
}

// What may follow the root's end tag: whitespace, comments (without `--` inside) and processing
// instructions other than a declaration.
const ROOT_END = /<\/(?:[^\s<>/:!?]+:)?(?:VerbaApi|VerbaData)[ \t\r\n]*>(?:[ \t\r\n]+|<!--(?:(?!--)[\s\S])*-->|<\?(?!xml[ \t\r\n?])[^?]*(?:\?(?!>)[^?]*)*\?>)*$/;

/**
 * Whether the document ends with the root's end tag and nothing after it but whitespace,
 * comments and processing instructions (for readers that let a second document through).
 */
export const endsWithTheRoot = (text) => ROOT_END.test(text);

/** How many elements (at any depth) of fast-xml-parser's output are named `name`. */
export function countNamed(value, name) {
  if (value === null || typeof value !== "object") return 0;
  if (Array.isArray(value)) return value.reduce((n, item) => n + countNamed(item, name), 0);
  let n = 0;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (key === name) n += Array.isArray(item) ? item.length : 1;
    n += countNamed(item, name);
  }
  return n;
}

/** The common end of both XML readers: the code and action attribute values checked. */
export function xmlResponse(codeText, typeText, message) {
  if (codeText === undefined || codeText === null) return new Unreadable("the Response element has no code attribute.");
  const code = parseCode(codeText);
  if (code === undefined) return new Unreadable("the Response code is not an integer.");
  const action = typeof typeText === "string" ? rustTrim(typeText) : undefined;
  const text = typeof message === "string" ? rustTrim(message) : "";
  return { code, action, message: text || undefined };
}

// ---- sending ----------------------------------------------------------------------------------

const NETWORK_MESSAGE =
  "The request to the recorder failed without a readable answer. In a browser the usual cause is CORS: " +
  "the recorder must allow this page's origin, or be reached through a same-origin reverse proxy.";

export function networkError(error) {
  return new VerbaError(`${NETWORK_MESSAGE} (${String(error?.message ?? error)})`, "NETWORK", { cause: error });
}

export function timeoutError(timeoutMs) {
  return new VerbaError(`No answer from the recorder within ${timeoutMs} ms (timeoutMs).`, "TIMEOUT");
}

/**
 * What fetch is given besides the URL: redirects never followed, and the preflight gate (a
 * header outside the CORS safelist on a cross-origin request, so the browser asks first).
 */
export function fetchInit(request, normalized) {
  const crossOrigin = globalThis.location !== undefined
    && new URL(request.url).origin !== globalThis.location.origin;
  const headers = normalized.corsPreflight && crossOrigin
    ? { ...request.headers, "X-Requested-With": "verba-api" } : request.headers;
  return { method: request.method, body: request.body, headers, cache: "no-store", redirect: "manual" };
}

/** `[status, text]` of a response, read with the package's bound: throws VerbaError. */
export async function readReply(response) {
  const status = response.status;
  if (status === 0 || [301, 302, 303, 307, 308].includes(status)) {
    throw new VerbaError("The recorder redirected the request. Redirects are never followed.", "HTTP_ERROR",
      status === 0 ? {} : { httpStatus: status });
  }
  const tooLarge = () =>
    new VerbaError("The reply is not a readable Verba API reply: the reply is larger than 1 MiB.", "PARSE", { httpStatus: status });
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > MAX_REPLY_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return [status, ""];
  const reader = response.body.getReader();
  const chunks = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > MAX_REPLY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
  return [status, new TextDecoder().decode(bytes)];
}

/** fetch with the caller's signal and the timeout; resolves `[status, text]`, throws VerbaError. */
export async function fetchReply(request, normalized, signal) {
  const timeoutMs = normalized.timeoutMs;
  if (signal?.aborted) throw signal.reason;
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal.reason);
  signal?.addEventListener("abort", onAbort);
  let timedOut = false;
  const timer = timeoutMs > 0 ? setTimeout(() => { timedOut = true; controller.abort(); }, timeoutMs) : undefined;
  try {
    const response = await fetch(request.url, { ...fetchInit(request, normalized), signal: controller.signal });
    return await readReply(response);
  } catch (error) {
    if (error instanceof VerbaError) throw error;
    if (signal?.aborted) throw signal.reason;
    if (timedOut) throw timeoutError(timeoutMs);
    throw networkError(error);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** The secrets of a normalized request, for scrubbing server text. */
export const secretsOf = (n) => (n.token !== undefined ? [n.apiKey, n.token] : [n.apiKey]);
