// wasm-bindgen imports the JavaScript VerbaError class into verba_api.js but cannot export it;
// this adds the export so that callers can `import { VerbaError }` and use `instanceof`.
import { readFileSync, writeFileSync } from "node:fs";

const file = process.argv[2];
const glue = readFileSync(file, "utf8");
const importLine = glue.match(/^import \{ VerbaError \} from '(\.\/snippets\/[^']+\/verba_error\.js)';$/m);
if (!importLine) {
  console.error(`${file}: no import of VerbaError found; has wasm-bindgen's output changed?`);
  process.exit(1);
}
if (!/^export \{ VerbaError \};$/m.test(glue)) {
  writeFileSync(file, `${glue.trimEnd()}\nexport { VerbaError };\n`);
}
