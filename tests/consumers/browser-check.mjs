// Opens a consumer's BUILT app in headless Chromium and checks that it deleted a call on the
// emulator (VERBA_EMULATOR_URL), as tests/consumers/run.sh runs it after the app's build:
//
//   node tests/consumers/browser-check.mjs NAME DIST [--worker]
//
// DIST alone is served, by a small static server on another loopback port than the emulator's
// (so the deletion is a cross-origin request with its CORS preflight, as from a portal on its own
// host), with `application/wasm` for .wasm. The app reads baseUrl, apiKey and callID from its
// query, deletes the call and writes a JSON outcome into #out, then sets data-done on it.
// Checked: the outcome ({ ok, code 0, no issues }; in a module worker with --worker), the call gone
// from the emulator after one cross-origin POST that carried X-Requested-With (so it was
// preflighted), the .wasm fetched from DIST with the bytes of the package's (so the bundler
// emitted it), no request that DIST could not answer, no console error or warning, no page error.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { launchChromium } from "../support/chromium.mjs";

const [name, dist, ...flags] = process.argv.slice(2);
assert.ok(name && dist, "usage: browser-check.mjs NAME DIST [--worker]");
const inWorker = flags.includes("--worker");
const BASE = process.env.VERBA_EMULATOR_URL;
assert.ok(BASE, "VERBA_EMULATOR_URL is set (run through tests/support/with-emulator.sh)");
const PACKAGE_WASM = new URL("../../pkg/verba_api_bg.wasm", import.meta.url);
const API_KEY = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9"; // a key without a token
const CALL_ID = "c0ffee00-0000-4000-8000-00000000000" + { vite: 1, webpack: 2, esbuild: 3, worker: 4 }[name];
const TIMEOUT_MS = 15_000;
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".map": "application/json", ".json": "application/json", ".wasm": "application/wasm",
};

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** Serves DIST on a free loopback port; `served` lists every request as [path, status, sha256]. */
async function serve(root) {
  const served = [];
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    let status = 404;
    let body = "not found";
    if (file.startsWith(normalize(root) + sep)) {
      try {
        body = await readFile(file);
        status = 200;
      } catch {}
    }
    served.push([path, status, status === 200 ? sha256(body) : null]);
    response.writeHead(status, { "content-type": status === 200 ? TYPES[extname(file)] ?? "application/octet-stream" : "text/plain" });
    response.end(body);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, served, origin: `http://127.0.0.1:${server.address().port}` };
}

async function emulator(path, init) {
  const response = await fetch(`${BASE}${path}`, init);
  const json = await response.json();
  assert.equal(response.status, 200, `${path}: ${JSON.stringify(json)}`);
  return json;
}

const started = performance.now();
await emulator("/__emulator/reset", {
  method: "POST",
  body: JSON.stringify({
    apiKeys: [{ key: API_KEY, tokens: [], requiresToken: false }],
    calls: [{ callID: CALL_ID, participants: ["3001"], state: "finished", startOffsetS: -60, endOffsetS: -30, doNotDelete: false }],
    responseDelayMs: 0,
  }),
});
const { server, served, origin } = await serve(dist);
const browser = await launchChromium();
const problems = [];
try {
  const page = await browser.newPage();
  page.on("console", (message) => {
    if (["error", "warning"].includes(message.type())) problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  // Only the app's own files count here: Chromium reports a fetch whose body was read to its end
  // through a stream reader (as the package reads replies) as failed, net::ERR_ABORTED, about
  // one time in three; a plain fetch read with getReader() does the same, and response.text()
  // never. The outcome and the emulator's state show the deletion.
  page.on("requestfailed", (request) => {
    if (request.url().startsWith(`${origin}/`)) problems.push(`request failed: ${request.url()} ${request.failure()?.errorText}`);
  });
  const query = new URLSearchParams({ baseUrl: BASE, apiKey: API_KEY, callID: CALL_ID });
  const apiRequests = [];
  page.on("request", (request) => {
    if (request.url().startsWith(`${BASE}/verba/api`)) apiRequests.push([request.method(), request.headers()["x-requested-with"]]);
  });
  const response = await page.goto(`${origin}/index.html?${query}`);
  assert.equal(response.status(), 200, "the build output has index.html");
  await page.locator("#out[data-done]").waitFor({ state: "attached", timeout: TIMEOUT_MS }).catch((error) => {
    throw new Error(`${name}: no outcome (${error.message}); served ${JSON.stringify(served)}; ${problems.join("; ")}`);
  });
  const outcome = JSON.parse(await page.locator("#out").textContent());

  assert.deepEqual(outcome, { ok: true, code: 0, issues: 0, ...(inWorker ? { inWorker: true } : {}) }, "the app's outcome");
  if (inWorker) assert.ok(page.workers().length >= 1, "the page runs a worker");
  const { calls } = await emulator("/__emulator/calls");
  assert.ok(!calls.some((call) => call.callID === CALL_ID), "the call is gone from the emulator");
  const { count, recent } = await emulator("/__emulator/requests");
  assert.equal(count, 1, "one API request reached the emulator");
  assert.deepEqual([recent[0].method, recent[0].queryKeys], ["POST", ["action"]], "a POST, the credentials not in the URL");
  assert.notEqual(origin, new URL(BASE).origin, "the app is on another origin than the emulator");
  assert.deepEqual(apiRequests, [["POST", "verba-api"]], "cross-origin: the request carried the preflight gate (X-Requested-With)");
  const wasm = served.filter(([path]) => path.endsWith(".wasm"));
  assert.equal(wasm.length, 1, `one .wasm fetched from the build output: ${JSON.stringify(served)}`);
  assert.equal(wasm[0][1], 200, `the .wasm is in the build output: ${JSON.stringify(wasm)}`);
  assert.equal(wasm[0][2], sha256(await readFile(PACKAGE_WASM)), "the .wasm served is the package's, unchanged");
  const missing = served.filter(([, status]) => status !== 200);
  assert.deepEqual(missing, [], "every request of the app was answered from the build output");
  assert.deepEqual(problems, [], "no console error or warning, page error or failed request");
  const ms = Math.round(performance.now() - started);
  console.log(`  ok  ${name}: the built app deleted a call${inWorker ? " from a module worker" : ""}; the .wasm came from the output as ${wasm[0][0]} (${ms} ms)`);
} finally {
  await browser.close();
  server.close();
}
