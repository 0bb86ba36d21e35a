// Baseline (b): zod/mini schemas for the options, fast-xml-parser for XML, ky for the request.
import * as z from "zod/mini";
import ky, { TimeoutError } from "ky";
import * as C from "./common.mjs";
import { xmlEnvelope } from "./fxp.mjs";

export { VerbaError } from "./common.mjs";

const T = { error: "invalid_type" };

/** A DeleteCall rule as a zod transform: "" is not given, a C.Bad becomes an issue. */
const rule = (fn) =>
  z.transform((value, ctx) => {
    if (value === "") return undefined;
    const out = fn(value);
    if (out instanceof C.Bad) {
      ctx.issues.push({ code: "custom", message: out.code, input: value });
      return z.NEVER;
    }
    return out;
  });

const text = (fn) => z.nullish(z.pipe(z.string(T), rule(fn)));
const digits = z.pipe(z.custom(C.isDigitsNumber), z.transform(String));
const textOrDigits = (fn) => z.nullish(z.pipe(z.union([z.string(), digits], T), rule(fn)));

const FIELD_SCHEMAS = {
  apiKey: text(C.guidRule),
  token: text(C.tokenRule),
  callID: text(C.guidRule),
  platformCallID: textOrDigits(C.opaqueRule),
  nativeID: text(C.opaqueRule),
  meetingID: text(C.opaqueRule),
  extension: textOrDigits(C.extensionRule),
  status: z.nullish(z.pipe(
    z.union([z.string(), z.array(z.string())], T),
    rule((value) => {
      if (typeof value === "string") return C.statusRule(value.split(","));
      return value.length === 0 ? undefined : C.statusRule(value);
    }),
  )),
  responseType: text(C.responseTypeRule),
  baseUrl: text(C.baseUrlValue),
  method: text(C.methodRule),
  // z.number() refuses NaN and Infinity as type errors; the package calls them invalid_value.
  timeoutMs: z.nullish(z.custom((x) => typeof x === "number", T).check(z.refine(C.isWholeTimeout, { error: "invalid_value" }))),
  signal: z.nullish(z.instanceof(AbortSignal, T)),
  allowInsecureHttp: z.nullish(z.boolean(T)),
  corsPreflight: z.nullish(z.boolean(T)),
};

const OPTIONS = z.strictObject(FIELD_SCHEMAS);

function toIssues(zodIssues) {
  const issues = [];
  for (const issue of zodIssues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push(C.unknownOption(key));
    } else {
      issues.push(C.issue(String(issue.path[0] ?? ""), issue.message));
    }
  }
  return issues;
}

export function validateDeleteCall(options) {
  if (!C.isOptionsObject(options)) {
    return { valid: false, issues: [C.issue("options", "invalid_type")], normalized: null };
  }
  const input = C.withBaseUrl(options);
  const result = OPTIONS.safeParse(input);
  if (result.success) return C.finish(input, result.data, []);
  // zod gives no data on failure: the base URL is checked again for the insecure-URL rule.
  const issues = toIssues(result.error.issues);
  let baseUrl;
  if (!issues.some((i) => i.field === "baseUrl") && typeof input.baseUrl === "string" && input.baseUrl !== "") {
    baseUrl = C.baseUrlValue(input.baseUrl);
  }
  return C.finish(input, { baseUrl }, issues);
}

export function validateParameter(name, value) {
  if (typeof name !== "string") return [C.issue("", "invalid_type")];
  if (!Object.hasOwn(FIELD_SCHEMAS, name)) return [C.unknownOption(name)];
  const result = FIELD_SCHEMAS[name].safeParse(value);
  if (!result.success) return result.error.issues.map((issue) => C.issue(name, issue.message));
  if (name === "baseUrl" && result.data !== undefined && result.data !== null && C.insecure(result.data, false)) {
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
  const request = C.buildRequest(n);
  const signal = options.signal ?? undefined;
  if (signal?.aborted) throw signal.reason;
  let status;
  let body;
  try {
    const response = await ky(request.url, {
      ...C.fetchInit(request, n),
      signal,
      timeout: n.timeoutMs > 0 ? n.timeoutMs : false,
      retry: 0,
      throwHttpErrors: false,
    });
    [status, body] = await C.readReply(response);
  } catch (error) {
    if (error instanceof C.VerbaError) throw error;
    if (signal?.aborted) throw signal.reason;
    if (error instanceof TimeoutError) throw C.timeoutError(n.timeoutMs);
    throw C.networkError(error);
  }
  return C.parseReply(body, n.responseType, status, xmlEnvelope, C.secretsOf(n));
}
