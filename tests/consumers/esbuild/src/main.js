// The esbuild consumer (tests/consumers/run.sh builds it and opens dist/ in Chromium). esbuild
// leaves `new URL("verba_api_bg.wasm", import.meta.url)` alone and emits no .wasm for it, so the
// app imports the .wasm itself: `--loader:.wasm=file` copies it into dist/ (hashed name) and gives
// its path relative to the bundle, which init() takes as a URL.
import init, { deleteCall, validateParameter, VerbaError } from "verba-api";
import wasmPath from "verba-api/verba_api_bg.wasm";

// The options come from the query: baseUrl, apiKey, callID (token when the key needs one).
const options = Object.fromEntries(new URLSearchParams(location.search));
const out = document.querySelector("#out");

try {
  await init(new URL(wasmPath, import.meta.url));
  const issues = validateParameter("callID", options.callID);
  const result = await deleteCall(options);
  out.value = JSON.stringify({ ok: result.ok, code: result.code, issues: issues.length });
} catch (error) {
  out.value = JSON.stringify({ error: error instanceof VerbaError ? error.code : String(error) });
}
out.dataset.done = "true";
