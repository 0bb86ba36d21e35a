// What a page needs to watch the package's memory, for the batch bench page (bench/batch-page.mjs)
// and the soak page (soak/soak-page.mjs): the package initialized once, the wasm memory found, the
// JS heap (Chromium with --enable-precise-memory-info) and full collections (--js-flags=--expose-gc).
import init from "/pkg/index.js";
// The glue's own init returns the instance (memoized: the one the package's init made), whose
// memory is the only way to see the wasm memory's size from a page.
import initGlue from "/pkg/verba_api.js";

let wasmMemory = null;

/** Initializes the package (once) and finds its memory; says what the page can measure. */
export async function loadPackage() {
  await init();
  try {
    wasmMemory = (await initGlue()).memory ?? null;
  } catch {
    wasmMemory = null;
  }
  return {
    wasmMemory: wasmMemory instanceof WebAssembly.Memory,
    preciseMemory: typeof performance.memory?.usedJSHeapSize === "number",
    gc: typeof globalThis.gc === "function",
    userAgent: navigator.userAgent,
  };
}

export const heapBytes = () => performance.memory?.usedJSHeapSize ?? null;
export const wasmBytes = () => (wasmMemory ? wasmMemory.buffer.byteLength : null);

/** A full collection when the page may ask for one (Chromium with --js-flags=--expose-gc). */
export async function collect() {
  if (typeof globalThis.gc !== "function") return false;
  // Two rounds with a turn of the event loop between them: weak callbacks and finalizers.
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
  globalThis.gc();
  return true;
}
