// npm/README.md's example (the package's page on a registry), verbatim (checked by
// tests/types/docs.mjs): it must compile as a portal's TypeScript too.

import init, { deleteCall, validateParameter, VerbaError } from "verba-api";

await init(); // once; deleteCall would do it itself, the sync functions need it

try {
  const result = await deleteCall({
    baseUrl: "https://recorder.example.com", // default: this page's origin
    apiKey: "74c8eea0-50c6-40b2-9f3e-252ed501c3c8",
    callID: "a8343631-9f35-4a3a-83f0-9e81592339fb",
  });
  console.log(`Deleted (HTTP ${result.httpStatus})`);
} catch (err) {
  if (!(err instanceof VerbaError)) throw err; // e.g. your own signal's abort reason
  if (err.mayHaveDeleted) console.warn(`Outcome unknown, check before retrying: ${err.message}`);
  else console.error(err.code, err.message);
}
