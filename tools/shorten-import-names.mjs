// Shortens the names the wasm module imports its JavaScript functions by, in the module and in
// wasm-bindgen's glue alike: `"./verba_api_bg.js" "__wbg_instanceof_AbortSignal_16e867a9888f3bc7"`
// becomes `"a" "b"`. wasm-bindgen names every import after the function plus a 16-digit hash;
// the ~90 imports' names, and the module name repeated in each, are kilobytes of the package
// that compress poorly. Exports (the module's `InitOutput`) keep their names.
//
// Run after wasm-opt and before esbuild: node tools/shorten-import-names.mjs <wasm> <glue.js>
// Every name is looked up in the glue exactly as wasm-bindgen writes it; anything unexpected
// stops the build, so a change of wasm-bindgen's output cannot go unnoticed.
import { readFileSync, writeFileSync } from "node:fs";

const [wasmPath, gluePath] = process.argv.slice(2);
const fail = (why) => {
  console.error(`shorten-import-names: ${why}; has wasm-bindgen's output changed?`);
  process.exit(1);
};

const wasm = readFileSync(wasmPath);
if (wasm.readUInt32LE(0) !== 0x6d736100 || wasm.readUInt32LE(4) !== 1) fail(`${wasmPath} is no wasm module`);

/** Reads an unsigned LEB128 at `at`: [value, next offset]. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

function encodeLeb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return Buffer.from(out);
}

const encodeName = (name) => {
  const bytes = Buffer.from(name, "utf8");
  return Buffer.concat([encodeLeb(bytes.length), bytes]);
};

/** The n-th short name: a..z, A..Z, then two letters and so on. */
function shortName(n) {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  let name = "";
  do {
    name = letters[n % letters.length] + name;
    n = Math.floor(n / letters.length) - 1;
  } while (n >= 0);
  return name;
}

/** The length in bytes of the import description at `at` (after module and field names). */
function descriptionEnd(bytes, at) {
  const kind = bytes[at++];
  switch (kind) {
    case 0x00: // function: type index
      return leb(bytes, at)[1];
    case 0x01: { // table: reference type, limits
      at++;
      const flags = bytes[at++];
      at = leb(bytes, at)[1];
      return flags & 1 ? leb(bytes, at)[1] : at;
    }
    case 0x02: { // memory: limits
      const flags = bytes[at++];
      at = leb(bytes, at)[1];
      return flags & 1 ? leb(bytes, at)[1] : at;
    }
    case 0x03: // global: value type, mutability
      return at + 2;
    default:
      fail(`import kind ${kind} is not known here`);
  }
}

const MODULE = "a";
const renamed = new Map(); // old field name -> new field name
let oldModule;
const sections = [wasm.subarray(0, 8)];
let at = 8;
while (at < wasm.length) {
  const id = wasm[at];
  const [size, start] = leb(wasm, at + 1);
  const end = start + size;
  if (id !== 2) {
    sections.push(wasm.subarray(at, end));
    at = end;
    continue;
  }
  let [count, p] = leb(wasm, start);
  const entries = [encodeLeb(count)];
  for (let i = 0; i < count; i++) {
    const [moduleLength, moduleStart] = leb(wasm, p);
    const module = wasm.toString("utf8", moduleStart, moduleStart + moduleLength);
    const [fieldLength, fieldStart] = leb(wasm, moduleStart + moduleLength);
    const field = wasm.toString("utf8", fieldStart, fieldStart + fieldLength);
    const descriptionStart = fieldStart + fieldLength;
    p = descriptionEnd(wasm, descriptionStart);
    if (oldModule === undefined) oldModule = module;
    if (module !== oldModule) fail(`imports from two modules (${oldModule}, ${module})`);
    if (renamed.has(field)) fail(`${field} is imported twice`);
    renamed.set(field, shortName(renamed.size));
    entries.push(encodeName(MODULE), encodeName(renamed.get(field)), wasm.subarray(descriptionStart, p));
  }
  if (p !== end) fail("the import section has trailing bytes");
  const body = Buffer.concat(entries);
  sections.push(Buffer.from([2]), encodeLeb(body.length), body);
  at = end;
}
if (oldModule === undefined) fail("the module imports nothing");

let glue = readFileSync(gluePath, "utf8");
const replaceOnce = (pattern, replacement, what) => {
  let found = 0;
  glue = glue.replace(pattern, (...match) => {
    found++;
    return replacement(...match);
  });
  if (found !== 1) fail(`${what} found ${found} times in ${gluePath}, not once`);
};
const quotedModule = JSON.stringify(oldModule);
replaceOnce(new RegExp(`^(\\s+)${quotedModule.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: import0,$`, "m"),
  (_, indent) => `${indent}${JSON.stringify(MODULE)}: import0,`, `the module name ${quotedModule}`);
for (const [field, short] of renamed) {
  replaceOnce(new RegExp(`^(\\s+)${field}: function\\(`, "m"), (_, indent) => `${indent}${short}: function(`,
    `the import ${field}`);
}

writeFileSync(wasmPath, Buffer.concat(sections));
writeFileSync(gluePath, glue);
