// The implementations under comparison: the wasm package and the three JS baselines (bundled by
// bench/build.mjs into bench/dist/). Shared by the build, the bench page and the runner.
export const IMPLEMENTATIONS = [
  { id: "wasm", label: "verba-api (wasm)", url: "/pkg/index.js", wasm: true },
  { id: "valibot", label: "valibot + fast-xml-parser + fetch", url: "/dist/valibot-fxp-fetch.js", entry: "baselines/valibot.mjs" },
  { id: "zod", label: "zod/mini + fast-xml-parser + ky", url: "/dist/zod-fxp-ky.js", entry: "baselines/zod.mjs" },
  { id: "hand", label: "hand-written: checks + DOMParser + fetch", url: "/dist/hand-domparser-fetch.js", entry: "baselines/hand.mjs" },
];

export const BASELINES = IMPLEMENTATIONS.filter((impl) => !impl.wasm);
