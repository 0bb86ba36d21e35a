// verba-api for Node 20 and later (and Vitest, Jest): `init()` without an argument reads the
// .wasm from this package's folder, since Node's fetch cannot load a file: URL.
import { readFile } from "node:fs/promises";
import { useDefaultSource } from "./face.js";

useDefaultSource(() => readFile(new URL("./verba_api_bg.wasm", import.meta.url)));

export {
  default,
  initSync,
  deleteCall,
  requestToken,
  validateDeleteCall,
  validateParameter,
  buildDeleteCallRequest,
  parseDeleteCallResponse,
  VerbaError,
} from "./face.js";
