// The package's face (in the style of matrix-sdk-crypto-wasm's index.mjs): what `import ... from
// "verba-api"` gives, over the glue wasm-bindgen generates (verba_api.js), which stays internal.
// It adds what the glue leaves out: `init()` that takes any source (or none) and is memoized,
// async exports that initialize on first use, sync exports that throw a clear VerbaError
// NOT_INITIALIZED instead of "Cannot read properties of undefined", and the VerbaError class
// itself (the module the wasm constructs it from).
//
// index.js (browsers, bundlers, workers) and node.js (Node) re-export this module; node.js only
// changes where `init()` finds the .wasm when given nothing.
import initGlue, * as glue from "./verba_api.js";
import { VerbaError } from "./verba-error.js";

export { VerbaError };

/** What `init()` loads when it is given nothing; node.js replaces it (Node cannot fetch file:). */
let defaultSource = () => undefined;

/** @internal For node.js: the .wasm source `init()` uses when given none. */
export function useDefaultSource(source) {
  defaultSource = source;
}

let ready = null;
let initialized = false;

/**
 * Loads and instantiates the WebAssembly module, once: later calls return the same promise, and
 * a failed load can be retried. Without an argument the .wasm next to this file is used; it also
 * accepts a URL or string, a `Response` (or a promise of one), the bytes, or a
 * `WebAssembly.Module`.
 */
export default function init(source) {
  if (ready === null && initialized) ready = Promise.resolve(); // after initSync
  if (ready === null) {
    const input = source === undefined ? defaultSource() : source;
    ready = Promise.resolve(input)
      .then((resolved) => initGlue(resolved === undefined ? undefined : { module_or_path: resolved }))
      .then(() => {
        initialized = true;
      });
    ready.catch(() => {
      ready = null;
    });
  }
  return ready;
}

/** Instantiates the module synchronously from its bytes or a compiled `WebAssembly.Module`. */
export function initSync(module) {
  if (initialized) return;
  const plain = module !== null && typeof module === "object" && Object.getPrototypeOf(module) === Object.prototype;
  glue.initSync(plain ? module : { module });
  initialized = true;
}

function initializedOrThrow(name) {
  if (!initialized) {
    throw new VerbaError(
      `verba-api is not initialized: await init() once before calling ${name} ` +
        `(import init from "verba-api"; or initSync(bytes) where awaiting is impossible).`,
      "NOT_INITIALIZED",
    );
  }
}

/** See the `.d.ts`. Initializes the module first if `init()` was never called. */
export async function deleteCall(options) {
  await init();
  return glue.deleteCall(options);
}

/** See the `.d.ts`. Initializes the module first if `init()` was never called. */
export async function requestToken(options) {
  await init();
  return glue.requestToken(options);
}

/** See the `.d.ts`. Initializes the module first if `init()` was never called. */
export async function deleteCalls(items, options) {
  await init();
  return glue.deleteCalls(items, options);
}

export function createClient(config) {
  initializedOrThrow("createClient");
  return glue.createClient(config);
}

export function validateDeleteCall(options) {
  initializedOrThrow("validateDeleteCall");
  return glue.validateDeleteCall(options);
}

export function validateParameter(name, value) {
  initializedOrThrow("validateParameter");
  return glue.validateParameter(name, value);
}

export function buildDeleteCallRequest(options) {
  initializedOrThrow("buildDeleteCallRequest");
  return glue.buildDeleteCallRequest(options);
}

export function parseDeleteCallResponse(body, responseType, httpStatus) {
  initializedOrThrow("parseDeleteCallResponse");
  return glue.parseDeleteCallResponse(body, responseType, httpStatus);
}
