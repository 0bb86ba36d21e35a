// Baseline (c): hand-written. Hand-coded option checks, DOMParser for XML, fetch.
import * as C from "./common.mjs";

export { VerbaError } from "./common.mjs";

const KNOWN = new Set(C.FIELDS);
const TYPE = new C.Bad("invalid_type");

/** A string option: undefined when not given, the rule's outcome, or TYPE. */
function text(value, rule) {
  if (value === undefined || value === null || value === "") return undefined;
  return typeof value === "string" ? rule(value) : TYPE;
}

/** A string option that also takes a non-negative whole number (platformCallID, extension). */
function textOrDigits(value, rule) {
  if (typeof value === "number") return C.isDigitsNumber(value) ? rule(String(value)) : TYPE;
  return text(value, rule);
}

function status(value) {
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    for (const item of value) if (typeof item !== "string") return TYPE;
    return C.statusRule(value);
  }
  return text(value, (s) => C.statusRule(s.split(",")));
}

/** One option: its normalized value, undefined when not given, or a C.Bad. */
function check(name, value) {
  switch (name) {
    case "apiKey":
    case "callID": return text(value, C.guidRule);
    case "token": return text(value, C.tokenRule);
    case "platformCallID": return textOrDigits(value, C.opaqueRule);
    case "nativeID":
    case "meetingID": return text(value, C.opaqueRule);
    case "extension": return textOrDigits(value, C.extensionRule);
    case "status": return status(value);
    case "responseType": return text(value, C.responseTypeRule);
    case "method": return text(value, C.methodRule);
    case "baseUrl": return text(value, C.baseUrlValue);
    case "timeoutMs":
      if (value === undefined || value === null) return undefined;
      if (typeof value !== "number") return TYPE;
      return C.isWholeTimeout(value) ? value : new C.Bad("invalid_value");
    case "signal":
      if (value === undefined || value === null) return undefined;
      return value instanceof AbortSignal ? value : TYPE;
    case "allowInsecureHttp":
    case "corsPreflight":
      if (value === undefined || value === null) return undefined;
      return typeof value === "boolean" ? value : TYPE;
  }
  return undefined;
}

export function validateDeleteCall(options) {
  if (!C.isOptionsObject(options)) {
    return { valid: false, issues: [C.issue("options", "invalid_type")], normalized: null };
  }
  const input = C.withBaseUrl(options);
  const issues = [];
  const values = {};
  for (const name of Object.keys(input)) {
    if (!KNOWN.has(name)) {
      issues.push(C.unknownOption(name));
      continue;
    }
    const out = check(name, input[name]);
    if (out instanceof C.Bad) issues.push(C.issue(name, out.code));
    else values[name] = out;
  }
  return C.finish(input, values, issues);
}

export function validateParameter(name, value) {
  if (typeof name !== "string") return [C.issue("", "invalid_type")];
  if (!KNOWN.has(name)) return [C.unknownOption(name)];
  const out = check(name, value);
  if (out instanceof C.Bad) return [C.issue(name, out.code)];
  if (name === "baseUrl" && out !== undefined && C.insecure(out, false)) return [C.issue(name, "insecure_url")];
  return [];
}

function normalizedOrThrow(options) {
  const report = validateDeleteCall(options);
  if (!report.valid) throw C.validationError(report.issues);
  return report.normalized;
}

export function buildDeleteCallRequest(options) {
  return C.buildRequest(normalizedOrThrow(options));
}

// ---- XML with DOMParser ----------------------------------------------------------------------

const XHTML = "http://www.w3.org/1999/xhtml";
let domParser;

function parseXml(text) {
  domParser ??= new DOMParser();
  const doc = domParser.parseFromString(text, "application/xml");
  return doc.getElementsByTagNameNS(XHTML, "parsererror").length > 0 ? undefined : doc;
}

function firstNamed(element, name) {
  for (let el = element; el; el = el.nextElementSibling) if (el.localName === name) return el;
  return undefined;
}

function xmlEnvelope(body) {
  const text = C.xmlText(body);
  let doc = parseXml(text);
  if (doc === undefined) {
    const repaired = C.repairedXml(text);
    if (repaired !== undefined) doc = parseXml(repaired);
  }
  if (doc === undefined) return new C.Unreadable("the XML is not well formed.");
  const root = doc.documentElement;
  if (!root || !C.ROOTS.includes(root.localName)) return new C.Unreadable("the root element is neither VerbaApi nor VerbaData.");
  // One element named Response in the whole document, at any depth.
  if (doc.getElementsByTagNameNS("*", "Response").length > 1) return new C.Unreadable("the reply has more than one Response.");
  const response = firstNamed(root.firstElementChild, "Response");
  if (response === undefined) return new C.Unreadable("the reply has no Response element inside VerbaApi.");
  const message = firstNamed(response.firstElementChild, "ErrorMessage")
    ?? firstNamed(response.nextElementSibling, "ErrorMessage");
  return C.xmlResponse(response.getAttribute("code"), response.getAttribute("type"), message?.textContent);
}

export function parseDeleteCallResponse(body, responseType, httpStatus) {
  const [text, type, status] = C.replyArguments(body, responseType, httpStatus);
  return C.parseReply(text, type, status, xmlEnvelope);
}

export async function deleteCall(options) {
  const n = normalizedOrThrow(options);
  const [status, body] = await C.fetchReply(C.buildRequest(n), n, options.signal ?? undefined);
  return C.parseReply(body, n.responseType, status, xmlEnvelope, C.secretsOf(n));
}
