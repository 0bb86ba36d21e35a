// Compiled (never run) by `make test-types`: the package's TypeScript declarations must type a
// portal's real use precisely. Each `@ts-expect-error` must meet an error, so declarations that
// decay to `any` fail this test too.
import init, {
  initSync,
  buildDeleteCallRequest,
  deleteCall,
  parseDeleteCallResponse,
  validateDeleteCall,
  validateParameter,
  VerbaError,
  type BuiltRequest,
  type DeleteCallOptions,
  type DeleteCallResult,
  type IssueCode,
  type ValidationIssue,
  type ValidationReport,
  type VerbaErrorCode,
} from "../../pkg/index.js";

export async function portal(signal: AbortSignal): Promise<string> {
  await init();
  const options: DeleteCallOptions = {
    apiKey: "74c8eea0-50c6-40b2-9f3e-252ed501c3c8",
    extension: "8856",
    status: ["last"],
    responseType: "json",
    timeoutMs: 10_000,
    signal,
  };
  const report: ValidationReport = validateDeleteCall(options);
  const firstCode: IssueCode | undefined = report.issues[0]?.code;
  const live: ValidationIssue[] = validateParameter("callID", "not a guid");
  const request: BuiltRequest = buildDeleteCallRequest(options);
  const preview: string = request.preview;
  const body: string | null = request.body;

  try {
    const result: DeleteCallResult = await deleteCall(options);
    const status: number = result.httpStatus;
    const ok: true = result.ok;
    return `${ok} ${status} ${firstCode} ${live.length} ${preview} ${body}`;
  } catch (error) {
    if (error instanceof VerbaError) {
      const code: VerbaErrorCode = error.code;
      const apiCode: number | undefined = error.apiCode;
      const issues: ValidationIssue[] | undefined = error.issues;
      const isError: Error = error;
      return `${code} ${apiCode} ${issues?.length} ${isError.message}`;
    }
    throw error;
  }
}

export function ownFetch(text: string): DeleteCallResult {
  parseDeleteCallResponse(text);
  parseDeleteCallResponse(text, "XML");
  return parseDeleteCallResponse(text, "TEXT", 200);
}

export function mistakes(): void {
  // @ts-expect-error: apiKey is required.
  const noKey: DeleteCallOptions = { callID: "a8343631-9f35-4a3a-83f0-9e81592339fb" };
  // @ts-expect-error: not a response type.
  const badType: DeleteCallOptions = { apiKey: "k", responseType: "YAML" };
  // @ts-expect-error: timeoutMs is a number.
  const badTimeout: DeleteCallOptions = { apiKey: "k", timeoutMs: "30000" };
  // @ts-expect-error: deleteCall resolves to a result, not a string.
  const wrong: Promise<string> = deleteCall({ apiKey: "k" });
  // @ts-expect-error: not an error code.
  const code: VerbaErrorCode = "NOT_A_CODE";
  void [noKey, badType, badTimeout, wrong, code];
}

export async function initialization(bytes: Uint8Array, module: WebAssembly.Module): Promise<void> {
  await init();
  await init(new URL("/pkg/verba_api_bg.wasm", "https://portal.example.com"));
  await init(fetch("/pkg/verba_api_bg.wasm"));
  await init(bytes);
  initSync(module);
  const code: VerbaErrorCode = "NOT_INITIALIZED";
  // @ts-expect-error: init resolves to nothing a portal should use (no wasm-bindgen internals).
  const exports: { memory: WebAssembly.Memory } = await init();
  void [code, exports];
}
