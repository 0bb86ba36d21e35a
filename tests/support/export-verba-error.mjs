// wasm-bindgen cannot export a JavaScript class from verba_api.js, only import from snippets;
// this re-exports VerbaError (defined in the verba-error.js snippet) so that callers can
// `import { VerbaError }` and use `instanceof`.
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const glue = readFileSync(file, "utf8");
const snippet = glue.match(/^import \{[^}]*\} from '(\.\/snippets\/[^']+\/src\/wasm\/verba-error\.js)';$/m);
if (!snippet) {
  console.error(`${file}: no import of the verba-error.js snippet found; has wasm-bindgen's output changed?`);
  process.exit(1);
}
const line = `export { VerbaError } from '${snippet[1]}';`;
if (!glue.includes(line)) writeFileSync(file, `${glue.trimEnd()}\n${line}\n`);
