// Compiled (never run) by `make test-types`: the package's TypeScript declarations must type a
// portal's real use precisely, under strict and exactOptionalPropertyTypes. What they must
// refuse is in mistakes.ts; the README's examples are readme.ts and npm-readme.ts.
import init, {
  initSync,
  buildDeleteCallRequest,
  deleteCall,
  parseDeleteCallResponse,
  validateDeleteCall,
  validateParameter,
  VerbaError,
  type AnyVerbaError,
  type BuiltRequest,
  type DeleteByCallID,
  type DeleteByExtension,
  type DeleteByMeetingID,
  type DeleteByNativeID,
  type DeleteByPlatformCallID,
  type DeleteCallOptions,
  type DeleteCallResult,
  type IssueCode,
  type NormalizedDeleteCallOptions,
  type OptionName,
  type StatusList,
  type StatusValue,
  type ValidationIssue,
  type ValidationReport,
  type VerbaErrorCode,
  type VerbaErrorOf,
} from "verba-api";

/** Compile-time assertions: `Assert<Equal<A, B>>` fails to compile unless A and B are the same. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;
type Assert<T extends true> = T;

const apiKey = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";

export async function portal(signal: AbortSignal): Promise<string> {
  await init();
  const options: DeleteCallOptions = {
    apiKey,
    extension: "8856",
    status: ["last"],
    responseType: "json",
    timeoutMs: 10_000,
    signal,
  };
  const report: ValidationReport = validateDeleteCall(options);
  const firstCode: IssueCode | undefined = report.issues[0]?.code;
  const codes: IssueCode[] = report.issues.map((issue) => issue.code);
  const live: ValidationIssue[] = validateParameter("callID", "not a guid");
  const request: BuiltRequest = buildDeleteCallRequest(options);
  const preview: string = request.preview;
  const body: string | null = request.body;

  try {
    const result: DeleteCallResult = await deleteCall(options);
    const status: number = result.httpStatus;
    const ok: true = result.ok;
    return `${ok} ${status} ${firstCode} ${codes} ${live.length} ${preview} ${body}`;
  } catch (error) {
    if (error instanceof VerbaError) {
      // Before narrowing by code: the members any VerbaError may have.
      const code: VerbaErrorCode = error.code;
      const apiCode: number | undefined = error.apiCode;
      const issues: ValidationIssue[] | undefined = error.issues;
      const mayHaveDeleted: boolean = error.mayHaveDeleted;
      const isError: Error = error;
      return `${code} ${apiCode} ${issues?.length} ${mayHaveDeleted} ${isError.message}`;
    }
    throw error;
  }
}

/** Every selector, each option's accepted forms, `undefined` and `null` as "not given". */
export function everyForm(signal: AbortSignal | undefined): DeleteCallOptions[] {
  const byCallID: DeleteByCallID = { apiKey, callID: "{a8343631-9f35-4a3a-83f0-9e81592339fb}" };
  const byPlatform: DeleteByPlatformCallID = { apiKey, platformCallID: 71627389 };
  const byPlatformText: DeleteByPlatformCallID = { apiKey, platformCallID: "71627389" };
  const byNative: DeleteByNativeID = { apiKey, nativeID: "TRS26140192" };
  const byMeeting: DeleteByMeetingID = { apiKey, meetingID: "WHBFM6DD" };
  const byExtension: DeleteByExtension = { apiKey, extension: 8856, status: "ongoing,next" };
  const statuses = ["next", "ongoing"] as const;
  const fromCheckboxes: StatusValue[] = ["last"];
  return [
    byCallID,
    byPlatform,
    byPlatformText,
    byNative,
    byMeeting,
    byExtension,
    { apiKey, extension: "sip:alice@example.com", status: statuses },
    { apiKey, extension: "+36 (1) 234-5678", status: fromCheckboxes },
    { apiKey, extension: "8856", status: "last,next,ongoing" },
    // exactOptionalPropertyTypes: an optional option may be given as undefined, as the runtime
    // accepts; and null, which it counts as not given too.
    {
      apiKey,
      callID: "a8343631-9f35-4a3a-83f0-9e81592339fb",
      token: undefined,
      baseUrl: null,
      responseType: undefined,
      method: null,
      timeoutMs: undefined,
      signal,
      allowInsecureHttp: null,
      corsPreflight: undefined,
    },
    // The selectors not chosen may be there as undefined or null (a cleared form field).
    { apiKey, callID: undefined, nativeID: null, extension: "8856", status: "last" },
    { apiKey, meetingID: "WHBFM6DD", extension: undefined, status: null },
    // Upper and lower case for responseType and method; the other settings.
    {
      apiKey,
      nativeID: "N-1",
      token: "09835e02-6c10-11e0-bb22-ba324924019b",
      responseType: "TEXT",
      method: "get",
      baseUrl: "/recorder",
      timeoutMs: 0,
      allowInsecureHttp: true,
      corsPreflight: false,
    },
    { apiKey, nativeID: "N-1", responseType: "html", method: "POST" },
  ];
}

/** `status` as one string: the 15 lists of 1 to 3 distinct values, in any order, and no other. */
export const everyStatusList: Record<StatusList, true> = {
  ongoing: true,
  next: true,
  last: true,
  "ongoing,next": true,
  "ongoing,last": true,
  "next,ongoing": true,
  "next,last": true,
  "last,ongoing": true,
  "last,next": true,
  "ongoing,next,last": true,
  "ongoing,last,next": true,
  "next,ongoing,last": true,
  "next,last,ongoing": true,
  "last,ongoing,next": true,
  "last,next,ongoing": true,
};

/** validateParameter takes the 15 option names, corsPreflight included, and any value. */
export function liveValidation(values: Partial<Record<OptionName, string>>, name: string): ValidationIssue[][] {
  const names: OptionName[] = [
    "apiKey", "token", "callID", "platformCallID", "nativeID", "meetingID", "extension", "status",
    "responseType", "baseUrl", "method", "timeoutMs", "signal", "allowInsecureHttp", "corsPreflight",
  ];
  return [
    ...names.map((option) => validateParameter(option, values[option])),
    validateParameter("corsPreflight", true),
    validateParameter("timeoutMs", "30000"), // a wrong value is for the runtime to report
    // A name held in a string: the runtime answers an unknown one with an unknown_option issue.
    validateParameter(name as OptionName, ""),
  ];
}

/** The option names are exactly the keys of each options shape. */
export type OptionNamesAreTheKeys = Assert<
  Equal<OptionName, keyof DeleteByCallID> extends true
    ? Equal<OptionName, keyof DeleteByExtension>
    : false
>;

/** A report narrowed by `valid`; the normalized options are options themselves. */
export async function reports(formValues: unknown, signal: AbortSignal): Promise<void> {
  const report = validateDeleteCall(formValues);
  if (report.valid) {
    const normalized: NormalizedDeleteCallOptions = report.normalized;
    const none: [] = report.issues;
    const endpoint: string = normalized.baseUrl;
    const callID: string | undefined = normalized.callID;
    const status: StatusList | undefined = normalized.status;
    await deleteCall(normalized);
    await deleteCall({ ...normalized, signal });
    void [none, endpoint, callID, status];
  } else {
    const issues: ValidationIssue[] = report.issues;
    const normalized: null = report.normalized;
    void [issues, normalized];
  }
}

/** A VerbaError narrowed by code: what each carries. */
export function explain(error: unknown): string {
  if (!(error instanceof VerbaError)) return String(error);
  const narrowed: AnyVerbaError = error;
  switch (error.code) {
    case "VALIDATION": {
      const issues: ValidationIssue[] = error.issues;
      const nothingSent: false = error.mayHaveDeleted;
      const noApiCode: undefined = error.apiCode;
      return `${issues.length} ${nothingSent} ${noApiCode}`;
    }
    case "CALL_NOT_FOUND": {
      const apiCode: number = error.apiCode;
      const httpStatus: number = error.httpStatus;
      // False, unless a batch item's earlier attempt may have deleted the call.
      const notDeleted: boolean = error.mayHaveDeleted;
      return `${apiCode} ${httpStatus} ${notDeleted}`;
    }
    case "AUTH_FAILED": {
      // 4, or -40…-43: always there.
      const apiCode: number = error.apiCode;
      const notDeleted: boolean = error.mayHaveDeleted;
      return `${apiCode} ${error.httpStatus} ${notDeleted}`;
    }
    case "API_ERROR": {
      // Absent for a TEXT `ERROR` reply without a readable code.
      const apiCode: number | undefined = error.apiCode;
      const notDeleted: boolean = error.mayHaveDeleted;
      return `${apiCode} ${error.httpStatus} ${notDeleted}`;
    }
    case "HTTP_ERROR":
    case "TIMEOUT":
    case "PARSE": {
      // True for a DeleteCall; false for a RequestToken, which deletes nothing.
      const unknownOutcome: boolean = error.mayHaveDeleted;
      const httpStatus: number | undefined = error.httpStatus;
      return `${unknownOutcome} ${httpStatus}`;
    }
    case "NETWORK": {
      const maybe: boolean = error.mayHaveDeleted;
      const cause: unknown = error.cause;
      return `${maybe} ${String(cause)}`;
    }
    case "ABORTED": {
      // A batch item cancelled while its request was under way.
      const unknownOutcome: true = error.mayHaveDeleted;
      const reason: unknown = error.cause;
      return `${unknownOutcome} ${String(reason)}`;
    }
    case "NOT_INITIALIZED": {
      const nothingSent: false = error.mayHaveDeleted;
      return `${nothingSent}`;
    }
    default: {
      // Every code is handled above.
      const none: never = error;
      return `${none} ${narrowed.message}`;
    }
  }
}

/** The brief's one-liner, and narrowing from an `Error` too. */
export function oneLine(err: unknown, failure: Error): number {
  let count = 0;
  if (err instanceof VerbaError && err.code === "VALIDATION") count += err.issues.length;
  if (failure instanceof VerbaError && failure.code === "CALL_NOT_FOUND") count += failure.apiCode;
  return count;
}

/** One code's error by name; the class stays a class (constructible, extendable). */
export function errorTypes(): VerbaErrorOf<"VALIDATION" | "NETWORK">[] {
  class PortalError extends VerbaError {}
  const built = new VerbaError("No such call", "CALL_NOT_FOUND", { apiCode: 2, httpStatus: 200 });
  const base: Error = new PortalError("Invalid", "VALIDATION", { issues: [] });
  const name: "VerbaError" = built.name;
  void [base, name];
  return [];
}

/** Nothing users see decays to `any`. */
export type NoAny = [
  Assert<Equal<IsAny<DeleteCallOptions>, false>>,
  Assert<Equal<IsAny<ReturnType<typeof validateDeleteCall>>, false>>,
  Assert<Equal<IsAny<Awaited<ReturnType<typeof deleteCall>>>, false>>,
  Assert<Equal<IsAny<Awaited<ReturnType<typeof init>>>, false>>,
  Assert<Equal<IsAny<AnyVerbaError["code"]>, false>>,
  Assert<Equal<IsAny<VerbaError["issues"]>, false>>,
  Assert<Equal<IsAny<Parameters<typeof validateParameter>[0]>, false>>,
];

export function ownFetch(text: string): DeleteCallResult {
  parseDeleteCallResponse(text);
  parseDeleteCallResponse(text, "XML");
  parseDeleteCallResponse(text, "json", 404);
  parseDeleteCallResponse(text, null, null);
  return parseDeleteCallResponse(text, "TEXT", 200);
}

export async function initialization(bytes: Uint8Array, module: WebAssembly.Module): Promise<void> {
  await init();
  await init(new URL("/pkg/verba_api_bg.wasm", "https://portal.example.com"));
  await init(fetch("/pkg/verba_api_bg.wasm"));
  await init(bytes);
  initSync(module);
  const code: VerbaErrorCode = "NOT_INITIALIZED";
  void code;
}
