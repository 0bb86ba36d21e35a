// Writes the package's package.json into the folder given (make pkg's pkg.new/): name verba-api,
// the version and license of the crate (Cargo.toml), an exports map with the types, a Node entry
// and a browser/bundler entry, and the .wasm as an exported asset.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir] = process.argv.slice(2);
const cargo = readFileSync(new URL("../Cargo.toml", import.meta.url), "utf8");
const field = (name) => {
  const found = cargo.match(new RegExp(`^${name} = "([^"]+)"`, "m"));
  if (!found) throw new Error(`Cargo.toml has no ${name}`);
  return found[1];
};

const manifest = {
  name: "verba-api",
  version: field("version"),
  description: "Delete recorded calls on a Verba recording server from a web portal: validated, typed, secrets redacted (WebAssembly).",
  license: field("license"),
  type: "module",
  main: "./index.js",
  types: "./index.d.ts",
  exports: {
    ".": {
      types: "./index.d.ts",
      node: "./node.js",
      default: "./index.js",
    },
    "./verba_api_bg.wasm": "./verba_api_bg.wasm",
    "./package.json": "./package.json",
  },
  files: [
    "index.js", "index.d.ts", "node.js", "face.js", "verba-error.js",
    "verba_api.js", "verba_api.js.map", "verba_api.d.ts", "verba_api_bg.wasm",
    "README.md", "LICENSE-MIT", "LICENSE-APACHE",
  ],
  // Importing the package runs nothing but definitions; bundlers may drop what is unused.
  sideEffects: false,
  engines: { node: ">=20" },
};
writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
