// The error class of verba-api. Written in JavaScript because a wasm-bindgen type cannot extend
// `Error`; `make pkg` re-exports it from `verba_api.js` so that `instanceof` works for callers.

/** A failed verba-api call. `code` says why; messages never contain an apiKey or token. */
export class VerbaError extends Error {
  constructor(message, code, details) {
    super(message, details && details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = "VerbaError";
    this.code = code;
    if (details) {
      if (details.apiCode !== undefined) this.apiCode = details.apiCode;
      if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
      if (details.issues !== undefined) this.issues = details.issues;
    }
  }
}
