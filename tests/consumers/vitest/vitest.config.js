import { defineConfig } from "vitest/config";

// Vitest's node environment resolves "verba-api" to its Node entry (node.js): init() without an
// argument reads the .wasm from the installed package's folder.
export default defineConfig({ test: { environment: "node" } });
