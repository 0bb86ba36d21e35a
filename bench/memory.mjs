// Wasm memory growth of the package after huge replies (`make bench`, after `make pkg` and
// `make emulator-bin`): a figure, not a test. Run through the test wrapper, which starts the
// emulator (serving the hostile suite's page) and the misbehaving server:
//
//   VERBA_WWW=tests/hostile/www tests/support/with-emulator.sh node bench/memory.mjs
//
// Each scenario gets a fresh page (a fresh instance of the module): 10 polite deletions on the
// emulator as warm-up, the memory size read (`(await init()).memory.buffer.byteLength`), the
// huge reply once, the size again, then three more times, the size again. Wasm memory never
// shrinks, so the figures are the high-water mark each reply pushed it to.
import { launchChromium } from "../tests/support/chromium.mjs";

const BASE = process.env.VERBA_EMULATOR_URL;
const HOSTILE = process.env.VERBA_HOSTILE_URL;
const KEY = "6f1c3a52-8d4e-4b7a-9c21-0e5f7d8a9b10";
const TOKEN = "c0ffee00-1234-4abc-8def-0123456789ab";

const SCENARIOS = [
  ["huge-length", "200 MB with Content-Length"],
  ["huge-chunked", "200 MB chunked, no Content-Length"],
  ["euro", "1 GB of € chunked"],
  ["exact-chunked-1048577", "1 MiB + 1 byte chunked in 8 KiB pieces"],
  ["exact-chunked-1048576", "exactly 1 MiB (a success) chunked in 8 KiB pieces"],
];

async function resetEmulator(ids) {
  const fixture = {
    apiKeys: [{ key: KEY, tokens: [TOKEN], requiresToken: true }],
    calls: ids.map((callID, n) => ({ callID, participants: [String(3000 + n)], state: "finished", startOffsetS: -600 + n, endOffsetS: -500 + n })),
  };
  const response = await fetch(`${BASE}/__emulator/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(fixture) });
  if (response.status !== 200) throw new Error(`reset: ${response.status} ${await response.text()}`);
}

async function main() {
  if (!BASE || !HOSTILE) throw new Error("run through tests/support/with-emulator.sh with VERBA_WWW=tests/hostile/www");
  const browser = await launchChromium();
  const rows = [];
  try {
    for (const [route, label] of SCENARIOS) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${BASE}/`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
      const ids = Array.from({ length: 10 }, (_, n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`);
      await resetEmulator(ids);
      for (const callID of ids) {
        const outcome = await page.evaluate((o) => window.run(o), { baseUrl: BASE, apiKey: KEY, token: TOKEN, callID });
        if (outcome.settled !== "resolved") throw new Error(`warm-up: ${outcome.code} ${outcome.message}`);
      }
      const memory = () => page.evaluate(() => window.memoryBytes());
      const huge = () =>
        page.evaluate((o) => window.run(o), { baseUrl: `${HOSTILE}/${route}`, apiKey: KEY, token: TOKEN, callID: ids[0], timeoutMs: 20_000 });
      const before = await memory();
      const first = await huge();
      const once = await memory();
      for (let i = 0; i < 3; i++) await huge();
      const four = await memory();
      rows.push({ label, before, once, four, outcome: first.settled === "resolved" ? "result" : first.code, ms: first.ms });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const n = (x) => x.toLocaleString("en");
  console.log("wasm memory growth after huge replies (fresh page each; after a 10-call warm-up):");
  console.log("| reply | outcome | memory before | after 1 reply | growth | after 4 replies | growth |");
  console.log("|---|---|---:|---:|---:|---:|---:|");
  for (const r of rows) {
    console.log(`| ${r.label} | ${r.outcome} (${Math.round(r.ms)} ms) | ${n(r.before)} | ${n(r.once)} | ${n(r.once - r.before)} | ${n(r.four)} | ${n(r.four - r.before)} |`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
