// verba-api for Node 20 and later (and Vitest, Jest): `init()` without an argument reads the
// .wasm from this package's folder, since Node's fetch cannot load a file: URL. Everything else
// is the browser entry's.
import { readFile } from "node:fs/promises";
import { useDefaultSource } from "./face.js";

useDefaultSource(() => readFile(new URL("./verba_api_bg.wasm", import.meta.url)));

export * from "./index.js";
export { default } from "./index.js";
