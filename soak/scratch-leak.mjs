import { BASE, emulatorReset } from "../tests/e2e/support.mjs";
import { launchChromium } from "../tests/support/chromium.mjs";
const KEY = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";
const SKEY = "2b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";
await emulatorReset({ apiKeys: [{ key: KEY, tokens: [], requiresToken: false }, { key: SKEY, tokens: [], requiresToken: true }],
  users: [{ userName: "u", password: "p", roles: ["System Administrator", "System Supervisor"] }], calls: [], ...(process.argv[3] ? { faults: { dropBeforeRate: 0.2, unavailableRate: 0.2 } } : {}) });
const browser = await launchChromium(["--enable-precise-memory-info", "--js-flags=--expose-gc"]);
const page = await (await browser.newContext()).newPage();
let errors = 0;
page.on("console", (m) => { if (m.type() === "error") errors++; });
await page.goto(`${BASE}/soak/soak.html`);
await page.waitForFunction(() => window.soak !== undefined);
await page.evaluate((h) => { window.HOSTILE = h; }, process.env.VERBA_HOSTILE_URL);
await page.evaluate(() => window.soak.load({ secrets: { sessionKey: "2b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9", credentials: { userName: "u", password: "p" } } }));
const mode = process.argv[2];
for (let r = 0; r < 8; r++) {
  const out = await page.evaluate(async ({ mode, KEY, SKEY }) => {
    const m = await import("/pkg/index.js");
    const id = (i) => `00000000-0000-4000-9999-${String(i).padStart(12, "0")}`;
    const N = 1000;
    if (mode === "single") {
      for (let i = 0; i < N; i++) await m.deleteCall({ baseUrl: location.origin, apiKey: KEY, callID: id(i) }).catch(() => {});
    } else if (mode === "batch") {
      await m.deleteCalls(Array.from({ length: N }, (_, i) => id(i)), { baseUrl: location.origin, apiKey: KEY, concurrency: 4 });
    } else if (mode === "client") {
      const c = m.createClient({ baseUrl: location.origin, apiKey: SKEY, credentials: { userName: "u", password: "p" } });
      for (let i = 0; i < N; i++) await c.deleteCall({ callID: id(i) }).catch(() => {});
    } else if (mode === "clients") {
      for (let i = 0; i < N; i++) m.createClient({ baseUrl: location.origin, apiKey: SKEY, credentials: { userName: "u", password: "p" } });
    } else if (mode === "abort") {
      for (let i = 0; i < N; i++) { const c = new AbortController(); const p = m.deleteCall({ baseUrl: location.origin, apiKey: KEY, callID: id(i), signal: c.signal }).catch(() => {}); c.abort(new Error("x")); await p; }
    } else if (mode === "timeout") {
      for (let i = 0; i < N; i++) await m.deleteCall({ baseUrl: location.origin, apiKey: KEY, callID: id(i), timeoutMs: 1 + (i % 5) }).catch(() => {});
    } else if (mode === "batchabort") {
      for (let k = 0; k < 20; k++) { const c = new AbortController(); setTimeout(() => c.abort(new Error("x")), 20); await m.deleteCalls(Array.from({ length: 50 }, (_, i) => id(i)), { baseUrl: location.origin, apiKey: KEY, concurrency: 4, signal: c.signal }); }
    } else if (mode === "hostile") {
      const routes = ["redirect-302", "status-502", "reset-before-headers", "raw-garbage-status", "body-xml-second-response", "huge-length", "drip", "stall-headers", "echo/xml-api/given"];
      for (let i = 0; i < 100; i++) await m.deleteCall({ baseUrl: `${window.HOSTILE}/${routes[i % routes.length]}`, apiKey: KEY, callID: id(i), timeoutMs: 300 }).catch(() => {});
    } else if (mode === "refused") {
      const c = m.createClient({ baseUrl: location.origin, apiKey: SKEY, credentials: { userName: "u", password: "bad" } });
      for (let i = 0; i < N; i++) await c.deleteCall({ callID: id(i) }).catch(() => {});
    } else if (mode === "validation") {
      for (let i = 0; i < N; i++) await m.deleteCall({ baseUrl: location.origin, apiKey: KEY, callID: "nope" }).catch(() => {});
    }
    return window.soak.sample();
  }, { mode, KEY, SKEY });
  console.log(mode, r, (out.heap / 1024).toFixed(0), "KiB heap", (out.wasm / 1024).toFixed(0), "KiB wasm", "errors", errors);
}
await browser.close();
