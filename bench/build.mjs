// Bundles and minifies each JS baseline with esbuild (ESM, browser) into bench/dist/.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { BASELINES } from "./impls.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));

for (const impl of BASELINES) {
  const outfile = `${here}${impl.url.slice(1)}`;
  await build({
    entryPoints: [`${here}${impl.entry}`],
    outfile,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
  });
  console.log(`  built ${impl.url.slice(1)} (${impl.label})`);
}
