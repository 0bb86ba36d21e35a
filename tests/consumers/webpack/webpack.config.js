// webpack 5 needs nothing for verba-api: it turns the package's
// `new URL("verba_api_bg.wasm", import.meta.url)` into an asset module and emits the .wasm into
// dist/ (hashed name) next to main.js.
import { fileURLToPath } from "node:url";

export default {
  mode: "production",
  entry: "./src/index.js",
  output: { path: fileURLToPath(new URL("dist", import.meta.url)), clean: true },
};
