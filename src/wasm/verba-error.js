// The VerbaError class: the one piece of the browser layer a Rust type cannot be (a class that
// extends Error). The Rust side constructs it; the package's face (npm/face.js) exports this same
// module's class, so that callers can `import { VerbaError } from "verba-api"` and use
// `instanceof`.

/** A failed verba-api call. `code` says why; messages never contain an apiKey or token. */
export class VerbaError extends Error {
  constructor(message, code, details = {}) {
    super(message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = "VerbaError";
    this.code = code;
    if (details.apiCode !== undefined) this.apiCode = details.apiCode;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.issues !== undefined) this.issues = details.issues;
    this.mayHaveDeleted = details.mayHaveDeleted === true;
  }
}
