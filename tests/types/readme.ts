// README.md's "Using it" example, verbatim (tests/types/docs.mjs checks that it still
// is): it must compile as a portal's TypeScript under strict and exactOptionalPropertyTypes. The
// portal's own names it uses (show, markFields, input, ...) are declared in readme-globals.d.ts.

import init, { deleteCall, validateParameter, VerbaError } from "verba-api";

// Once: fetches verba_api_bg.wasm next to the module (in Node: reads it from the package's
// folder). Memoized; also takes a URL, a Response, the bytes or a WebAssembly.Module.
// deleteCall calls it itself; a sync function called before it throws VerbaError
// NOT_INITIALIZED. initSync(bytes) is there for code that cannot await.
await init();

try {
  const result = await deleteCall({
    baseUrl: "https://recorder.example.com", // default: this page's origin
    apiKey: "74c8eea0-50c6-40b2-9f3e-252ed501c3c8",
    token: sessionToken,                      // when the key requires one
    extension: "8856",
    status: "last",
    timeoutMs: 10000,
    signal: controller.signal,
  });
  show(`Deleted (${result.responseType}, HTTP ${result.httpStatus})`);
} catch (err) {
  if (!(err instanceof VerbaError)) throw err; // e.g. the AbortError of your own signal
  switch (err.code) {
    case "VALIDATION":     markFields(err.issues); break;           // nothing was sent
    case "CALL_NOT_FOUND": show("No such call (already deleted?)"); break;
    case "AUTH_FAILED":    show("Sign in again"); break;            // API code 4 or -40…-43: key, token or credentials refused
    case "API_ERROR":      show(err.message); break;                // apiCode, when the recorder gave one
    default:                                                        // HTTP_ERROR, NETWORK, TIMEOUT, PARSE
      // No readable answer: the recorder may have deleted the call anyway.
      if (err.mayHaveDeleted) show(`Outcome unknown, check the call list before retrying: ${err.message}`);
      else show(err.message);
  }
}

// Live form validation: [] when the value is fine.
input.oninput = () => render(validateParameter("callID", input.value));
