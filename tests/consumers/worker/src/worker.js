// The module worker: the package initializes here (init() fetches the .wasm relative to the
// bundled module) and deletes the call it is given.
import init, { deleteCall, validateParameter, VerbaError } from "verba-api";

self.onmessage = async ({ data: options }) => {
  try {
    await init();
    const issues = validateParameter("callID", options.callID);
    const result = await deleteCall(options);
    postMessage({ ok: result.ok, code: result.code, issues: issues.length, inWorker: typeof WorkerGlobalScope === "function" });
  } catch (error) {
    postMessage({ error: error instanceof VerbaError ? error.code : String(error) });
  }
};
