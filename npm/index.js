// verba-api for browsers, module workers and bundlers: `init()` without an argument fetches the
// .wasm next to this file (bundlers that understand `new URL(..., import.meta.url)` emit it).
export {
  default,
  initSync,
  deleteCall,
  requestToken,
  createClient,
  deleteCalls,
  validateDeleteCall,
  validateParameter,
  buildDeleteCallRequest,
  parseDeleteCallResponse,
  VerbaError,
} from "./face.js";
