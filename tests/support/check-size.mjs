// The size guard of `make test`: the package's gzip -9 size (wasm + JavaScript glue and
// snippets) must not exceed the budget committed in tests/size-budget.json. A size check, not
// a timing: it is exact on any machine. Lower the budget whenever the package shrinks.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const pkg = process.argv[2] ?? "pkg";
const budget = JSON.parse(readFileSync(new URL("../size-budget.json", import.meta.url), "utf8"));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// What a browser loads: the wasm and every JavaScript file but the Node entry.
const parts = files(pkg).filter(
  (path) => (path.endsWith(".wasm") || path.endsWith(".js")) && !path.endsWith(`${join(pkg, "node.js")}`),
);
let total = 0;
for (const path of parts) {
  const bytes = readFileSync(path);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  total += gzip;
  console.log(`  ${String(bytes.length).padStart(7)} raw ${String(gzip).padStart(7)} gzip  ${path}`);
}
console.log(`  package total: ${total} bytes gzip -9 (budget ${budget.maxGzipBytes})`);
if (total > budget.maxGzipBytes) {
  console.error(`size guard: the package grew to ${total} bytes gzip, over the budget of ${budget.maxGzipBytes}.`);
  process.exit(1);
}
