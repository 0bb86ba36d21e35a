// The webpack consumer (tests/consumers/run.sh builds it and opens dist/ in Chromium).
import init, { deleteCall, validateParameter, VerbaError } from "verba-api";

// The options come from the query: baseUrl, apiKey, callID (token when the key needs one).
const options = Object.fromEntries(new URLSearchParams(location.search));
const out = document.querySelector("#out");

try {
  await init();
  const issues = validateParameter("callID", options.callID);
  const result = await deleteCall(options);
  out.value = JSON.stringify({ ok: result.ok, code: result.code, issues: issues.length });
} catch (error) {
  out.value = JSON.stringify({ error: error instanceof VerbaError ? error.code : String(error) });
}
out.dataset.done = "true";
