// Baseline (a): valibot schemas for the options, fast-xml-parser for XML, fetch.
import * as v from "valibot";
import * as C from "./common.mjs";
import { xmlEnvelope } from "./fxp.mjs";

export { VerbaError } from "./common.mjs";

const T = "invalid_type";

/** A DeleteCall rule as a valibot action: "" is not given, a C.Bad becomes an issue. */
const rule = (fn) =>
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const value = dataset.value;
    if (value === "") return undefined;
    const out = fn(value);
    if (out instanceof C.Bad) {
      addIssue({ message: out.code });
      return NEVER;
    }
    return out;
  });

const text = (fn) => v.nullish(v.pipe(v.string(T), rule(fn)));
const digits = v.pipe(v.number(T), v.safeInteger(T), v.minValue(0, T), v.transform(String));
const textOrDigits = (fn) => v.nullish(v.pipe(v.union([v.string(), digits], T), rule(fn)));

const FIELD_SCHEMAS = {
  apiKey: text(C.guidRule),
  token: text(C.tokenRule),
  callID: text(C.guidRule),
  platformCallID: textOrDigits(C.opaqueRule),
  nativeID: text(C.opaqueRule),
  meetingID: text(C.opaqueRule),
  extension: textOrDigits(C.extensionRule),
  status: v.nullish(v.pipe(
    v.union([v.string(), v.array(v.string())], T),
    rule((value) => {
      if (typeof value === "string") return C.statusRule(value.split(","));
      return value.length === 0 ? undefined : C.statusRule(value);
    }),
  )),
  responseType: text(C.responseTypeRule),
  baseUrl: text(C.baseUrlValue),
  method: text(C.methodRule),
  // v.number() refuses NaN as a type error; the package calls every non-whole number invalid_value.
  timeoutMs: v.nullish(v.pipe(v.custom((x) => typeof x === "number", T), v.check(C.isWholeTimeout, "invalid_value"))),
  signal: v.nullish(v.instance(AbortSignal, T)),
  allowInsecureHttp: v.nullish(v.boolean(T)),
  corsPreflight: v.nullish(v.boolean(T)),
};

const OPTIONS = v.objectWithRest(FIELD_SCHEMAS, v.never("unknown_option"));
const CONFIG = { abortEarly: false, abortPipeEarly: true };

function toIssue(issue) {
  const field = issue.path?.[0]?.key ?? "";
  return issue.message === "unknown_option" ? C.unknownOption(field) : C.issue(field, issue.message);
}

export function validateDeleteCall(options) {
  if (!C.isOptionsObject(options)) {
    return { valid: false, issues: [C.issue("options", "invalid_type")], normalized: null };
  }
  const input = C.withBaseUrl(options);
  const result = v.safeParse(OPTIONS, input, CONFIG);
  if (result.success) return C.finish(input, result.output, []);
  const issues = result.issues.map(toIssue);
  const baseUrlValid = !issues.some((i) => i.field === "baseUrl");
  return C.finish(input, { baseUrl: baseUrlValid ? result.output.baseUrl : undefined }, issues);
}

export function validateParameter(name, value) {
  if (typeof name !== "string") return [C.issue("", "invalid_type")];
  const schema = FIELD_SCHEMAS[name];
  if (!Object.hasOwn(FIELD_SCHEMAS, name)) return [C.unknownOption(name)];
  const result = v.safeParse(schema, value, CONFIG);
  if (!result.success) return result.issues.map((issue) => C.issue(name, issue.message));
  if (name === "baseUrl" && result.output !== undefined && result.output !== null && C.insecure(result.output, false)) {
    return [C.issue(name, "insecure_url")];
  }
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

export function parseDeleteCallResponse(body, responseType, httpStatus) {
  const [text, type, status] = C.replyArguments(body, responseType, httpStatus);
  return C.parseReply(text, type, status, xmlEnvelope);
}

export async function deleteCall(options) {
  const n = normalizedOrThrow(options);
  const [status, body] = await C.fetchReply(C.buildRequest(n), n, options.signal ?? undefined);
  return C.parseReply(body, n.responseType, status, xmlEnvelope, C.secretsOf(n));
}
