// The Vite + TypeScript consumer (tests/consumers/run.sh builds it and opens dist/ in Chromium).
// `vite build` emits the package's .wasm into dist/assets/ and rewrites the URL that init() uses.
import init, { deleteCall, validateParameter, VerbaError, type DeleteCallOptions } from "verba-api";

const query = new URLSearchParams(location.search);
const token = query.get("token");
const options: DeleteCallOptions = {
  baseUrl: query.get("baseUrl") ?? "",
  apiKey: query.get("apiKey") ?? "",
  callID: query.get("callID") ?? "",
  ...(token ? { token } : {}), // exactOptionalPropertyTypes: leave it out rather than undefined
};
const out = document.querySelector<HTMLOutputElement>("#out")!;

try {
  await init();
  const issues = validateParameter("callID", options.callID);
  const result = await deleteCall(options);
  out.value = JSON.stringify({ ok: result.ok, code: result.code, issues: issues.length });
} catch (error) {
  out.value = JSON.stringify({ error: error instanceof VerbaError ? error.code : String(error) });
}
out.dataset.done = "true";
