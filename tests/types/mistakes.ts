// Compiled (never run) by `make test-types`: each misuse below must fail to compile. tsc reports
// an `@ts-expect-error` that meets no error, so declarations that stop refusing one (or decay to
// `any`) fail this test. Each line holds one mistake only: the rest of it is valid.
import init, {
  deleteCall,
  deleteCalls,
  validateDeleteCall,
  validateParameter,
  VerbaError,
  type DeleteCallOptions,
  type NormalizedDeleteCallOptions,
  type StatusList,
  type ValidationIssue,
  type VerbaErrorCode,
} from "verba-api";
// @ts-expect-error: the glue's internals are not the package's (no wasm-bindgen InitOutput).
import type { InitOutput } from "verba-api";
// @ts-expect-error: nor are the helper types of the declarations.
import type { NoSelector } from "verba-api";

export type Internals = [InitOutput, NoSelector];

const apiKey = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
const callID = "a8343631-9f35-4a3a-83f0-9e81592339fb";

export function options(): DeleteCallOptions[] {
  return [
    // @ts-expect-error: two selectors.
    { apiKey, callID, nativeID: "TRS26140192" },
    // @ts-expect-error: two selectors, one of them extension.
    { apiKey, meetingID: "WHBFM6DD", extension: "8856", status: "last" },
    // @ts-expect-error: no selector.
    { apiKey },
    // @ts-expect-error: no selector (null counts as not given).
    { apiKey, callID: null },
    // @ts-expect-error: extension without status.
    { apiKey, extension: "8856" },
    // @ts-expect-error: extension with a null status (not given).
    { apiKey, extension: "8856", status: null },
    // @ts-expect-error: status without extension.
    { apiKey, callID, status: "last" },
    // @ts-expect-error: not a status value.
    { apiKey, extension: "8856", status: "lastt" },
    // @ts-expect-error: a value named twice.
    { apiKey, extension: "8856", status: "last,last" },
    // @ts-expect-error: an empty item.
    { apiKey, extension: "8856", status: "ongoing,,next" },
    // @ts-expect-error: not a status value, in an array.
    { apiKey, extension: "8856", status: ["last", "lastt"] },
    // @ts-expect-error: apiKey is required.
    { callID },
    // @ts-expect-error: not a response type.
    { apiKey, callID, responseType: "YAML" },
    // @ts-expect-error: not a method.
    { apiKey, callID, method: "PUT" },
    // @ts-expect-error: timeoutMs is a number.
    { apiKey, callID, timeoutMs: "30000" },
    // @ts-expect-error: callID is a string (numbers only for platformCallID and extension).
    { apiKey, callID: 42 },
    // @ts-expect-error: an unknown option (the runtime says "did you mean callID?").
    { apiKey, callID, callId: callID },
  ];
}

export const badStatus: StatusList[] = [
  // @ts-expect-error: a value repeated among three.
  "last,next,last",
  // @ts-expect-error: four items.
  "ongoing,next,last,ongoing",
];

export async function results(): Promise<void> {
  // @ts-expect-error: deleteCall resolves to a result, not a string.
  const wrong: Promise<string> = deleteCall({ apiKey, callID });
  // @ts-expect-error: not an error code.
  const code: VerbaErrorCode = "NOT_A_CODE";
  // @ts-expect-error: init resolves to nothing a portal should use (no wasm-bindgen internals).
  const exports: { memory: WebAssembly.Memory } = await init();
  void [wrong, code, exports];
}

export function liveValidation(value: string): void {
  // @ts-expect-error: a typo in the option's name.
  validateParameter("callId", value);
  // @ts-expect-error: not an option at all.
  validateParameter("action", value);
}

export function reports(formValues: unknown): void {
  const report = validateDeleteCall(formValues);
  // @ts-expect-error: normalized is null unless the report is valid.
  const early: NormalizedDeleteCallOptions = report.normalized;
  if (report.valid) {
    // @ts-expect-error: a valid report has no issues.
    const issue: ValidationIssue = report.issues[0];
    void issue;
  } else {
    // @ts-expect-error: an invalid report has no normalized options.
    const normalized: NormalizedDeleteCallOptions = report.normalized;
    void normalized;
  }
  void early;
}

export function errors(err: unknown): void {
  if (!(err instanceof VerbaError)) return;
  // @ts-expect-error: issues is only certain once the code is VALIDATION.
  const before: ValidationIssue[] = err.issues;
  // @ts-expect-error: whether a call may be deleted is not known before the code.
  const unknownYet: false = err.mayHaveDeleted;
  if (err.code === "VALIDATION") {
    const issues: ValidationIssue[] = err.issues; // the narrowed case compiles
    // @ts-expect-error: a VALIDATION error carries no API code.
    const apiCode: number = err.apiCode;
    void [issues, apiCode];
  }
  if (err.code === "API_ERROR") {
    // @ts-expect-error: a TEXT `ERROR` reply without a readable code has no apiCode.
    const apiCode: number = err.apiCode;
    void apiCode;
  }
  if (err.code === "NETWORK") {
    // @ts-expect-error: a NETWORK error after fetch started may have deleted the call.
    const nothingSent: false = err.mayHaveDeleted;
    void nothingSent;
  }
  if (err.code === "HTTP_ERROR") {
    // @ts-expect-error: a browser hides a redirect's status.
    const status: number = err.httpStatus;
    void status;
  }
  void [before, unknownYet];
}

// requestToken (issue 10): GET with auth "params" would put the password in a URL.
import { requestToken, type RequestTokenOptions, type TokenInfo } from "verba-api";

export function tokenOptions(): RequestTokenOptions[] {
  const userName = "myapiuser";
  const password = "pa$$word";
  return [
    { apiKey, userName, password },
    { apiKey, userName, password, auth: "basic", method: "GET" },
    { apiKey, userName, password, auth: "params", method: "POST" },
    // @ts-expect-error: GET with auth "params".
    { apiKey, userName, password, auth: "params", method: "GET" },
    // @ts-expect-error: an auth that does not exist.
    { apiKey, userName, password, auth: "digest" },
    // @ts-expect-error: no password.
    { apiKey, userName },
    // @ts-expect-error: a DeleteCall option.
    { apiKey, userName, password, token: "x" },
  ];
}

export async function tokenInfo(): Promise<number> {
  const info: TokenInfo = await requestToken({ apiKey, userName: "u", password: "p" });
  // @ts-expect-error: TokenInfo has no expiresIn.
  return info.expiresIn;
}

// createClient (issue 10): the config takes no selector and no GET with "params"; a call takes a
// selector, its signal and timeout only.
import { createClient, type ClientCall, type ClientConfig, type VerbaClient } from "verba-api";

export function clientConfigs(): ClientConfig[] {
  const credentials = { userName: "myapiuser", password: "pa$$word" };
  return [
    { apiKey },
    { apiKey, token: "W7XI2" },
    { apiKey, credentials, auth: "params" },
    { apiKey, credentials: async () => credentials, method: "GET" },
    { apiKey, credentials: () => credentials, corsPreflight: false },
    // @ts-expect-error: GET with auth "params".
    { apiKey, credentials, auth: "params", method: "GET" },
    // @ts-expect-error: a selector belongs to each call.
    { apiKey, callID },
    // @ts-expect-error: credentials without a password.
    { apiKey, credentials: { userName: "myapiuser" } },
    // @ts-expect-error: userName and password go inside credentials.
    { apiKey, userName: "myapiuser", password: "pa$$word" },
    // @ts-expect-error: each call has its own signal.
    { apiKey, signal: new AbortController().signal },
  ];
}

export function clientCalls(): ClientCall[] {
  return [
    { callID },
    { extension: "8856", status: "last", timeoutMs: 5000 },
    { nativeID: "TRS26140192", signal: new AbortController().signal },
    // @ts-expect-error: two selectors.
    { callID, nativeID: "TRS26140192" },
    // @ts-expect-error: the key is the config's.
    { callID, apiKey },
    // @ts-expect-error: the token is the client's.
    { callID, token: "W7XI2" },
    // @ts-expect-error: extension without status.
    { extension: "8856" },
    // @ts-expect-error: no selector.
    {},
  ];
}

export async function clientUse(): Promise<number | undefined> {
  const client: VerbaClient = createClient({ apiKey, credentials: { userName: "u", password: "p" } });
  const info = await client.requestToken({ signal: new AbortController().signal });
  await client.deleteCall({ callID });
  // @ts-expect-error: tokenInfo may be null.
  const expiresAt: number = client.tokenInfo.expiresAt;
  // @ts-expect-error: tokenInfo is read-only.
  client.tokenInfo = info;
  // @ts-expect-error: requestToken takes only a signal.
  await client.requestToken({ apiKey });
  client.forgetToken();
  return expiresAt;
}

export async function batchReplies(apiKey: string): Promise<void> {
  await deleteCalls([callID], { apiKey, responseType: "JSON" });
  // @ts-expect-error: a batch cannot count HTML replies (no API code).
  await deleteCalls([callID], { apiKey, responseType: "HTML" });
  // @ts-expect-error: in any letter case.
  await deleteCalls([callID], { apiKey, responseType: "html" });
}
