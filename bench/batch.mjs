// The deleteCalls bench (issue 11; `make bench`, after `make pkg emulator-bin`; alone:
// `node bench/batch.mjs`, `BENCH_QUICK=1 node bench/batch.mjs` to try it out). Headless Chromium
// (playwright-core, /usr/bin/chromium) on bench/batch.html, served by an emulator started for it.
//
//   1. Throughput under faults: the emulator reset to N deletable calls (10,000) with the
//      issue's faults (seed 1: 5 % cut before acting, 3 % cut after deleting, 5 % HTTP 503 with
//      Retry-After: 1, 0-30 ms delay on every answer), then `deleteCalls(callIDs, { apiKey,
//      concurrency: 6, retries: 2 })`, timed; then the same reset and a bare fetch pool in the
//      page (6 workers over a cursor, the same form POST, the same retries and waits, the XML
//      code read with a regular expression) doing the same work. Rounds in ABBA order (AB in
//      quick mode); items/s of each and the ratio package / bare (goal >= 0.95: printed, never
//      asserted). The same seed gives every run the same fault for its n-th request.
//   2. Items lost: after every package run, each report item against the emulator's final state
//      (deleted/notFound: gone or marked; refused/invalid/notAttempted: present; failed: present
//      unless error.mayHaveDeleted; attempts <= retries + 1; one item per input, in order;
//      counts sum to total). Any disagreement fails the bench (exit code 1): correctness, not
//      timing. The bare pool's runs get the same check, printed only (it checks the harness).
//   3. Memory: 100,000 calls, no faults, no delay, a fresh emulator (`--fixture`, so that no earlier
//      run's state is in its memory) and a fresh page for each subject: deleteCalls with
//      onProgress sampling performance.memory.usedJSHeapSize (--enable-precise-memory-info) and
//      the wasm memory's size every 1,000 items; peak, start and end heap; the report's retained
//      size per item (heap after forced collections, --js-flags=--expose-gc, with the report
//      held, less before the run). The same for the bare pool building the same report shape.
//
// Prints the figures and writes bench/batch-results.json (git-ignored). Environment:
// BENCH_QUICK=1 (1,000 items under faults, AB, 10,000 for memory), BENCH_BATCH_ITEMS,
// BENCH_BATCH_ROUNDS (2 = AB, 4 = ABBA), BENCH_BATCH_MEMORY_ITEMS (0 skips the memory part).
// BENCH_BATCH_ITEMS goes up to about 160,000: the fixture goes through the reset route, which takes
// at most 16 MiB (10,000 calls are 1.03 MB).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { machine } from "./machine.mjs";
import { EMULATOR_BIN as EMULATOR, spawnEmulator } from "../tests/support/emulator-process.mjs";
import { launchChromium } from "../tests/support/chromium.mjs";

const BENCH = fileURLToPath(new URL(".", import.meta.url));
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PKG = `${ROOT}pkg/`;

const QUICK = process.env.BENCH_QUICK === "1";
const envInt = (name, fallback) => (process.env[name] === undefined ? fallback : Number.parseInt(process.env[name], 10));
const SETTINGS = {
  items: envInt("BENCH_BATCH_ITEMS", QUICK ? 1_000 : 10_000),
  rounds: envInt("BENCH_BATCH_ROUNDS", QUICK ? 2 : 4),
  concurrency: 6,
  retries: 2,
  faults: { seed: 1, dropBeforeRate: 0.05, dropAfterDeleteRate: 0.03, unavailableRate: 0.05, retryAfterS: 1, delayMs: [0, 30] },
  memoryItems: envInt("BENCH_BATCH_MEMORY_ITEMS", QUICK ? 10_000 : 100_000),
  sampleEvery: 1_000,
  warmupItems: 200,
};
const TARGETS = { throughputRatio: 0.95, itemsLost: 0 };
/** An API key that requires no token (the Rust tests' OPEN_KEY). */
const API_KEY = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";

const started = Date.now();
const log = (text) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${text}`);
const callId = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

// ---- the emulator ------------------------------------------------------------------------------

/**
 * `n` finished calls, listed last first: the run deletes them first to last, and the emulator's
 * store (a vector, searched whole for every request) then removes from its end, which costs no
 * shifting. Every figure is a comparison between subjects on the same fixture.
 */
function fixture(n, faults) {
  const calls = [];
  for (let i = n - 1; i >= 0; i--) calls.push({ callID: callId(i), state: "finished", startOffsetS: -9, endOffsetS: -1 });
  return { apiKeys: [{ key: API_KEY, tokens: [], requiresToken: false }], calls, ...(faults ? { faults } : {}) };
}

/** An emulator serving bench/ and pkg/, quiet (tests/support/emulator-process.mjs). */
const startEmulator = (extraArgs = []) => spawnEmulator(["--www", BENCH, "--pkg", PKG, "--quiet", ...extraArgs]);

async function reset(url, body) {
  const response = await fetch(`${url}/__emulator/reset`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`reset: HTTP ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

async function admin(url, route) {
  const response = await fetch(`${url}/__emulator/${route}`);
  if (response.status !== 200) throw new Error(`${route}: HTTP ${response.status}`);
  return response.json();
}

/** The emulator's side of a run: how many requests arrived and which faults they got. */
async function requestsSeen(url) {
  const { count, faults } = await admin(url, "requests");
  return { count, faults: faults ?? null };
}

// ---- the check against the emulator's state ---------------------------------------------------------

/**
 * Every item of a run's report against the calls left in the emulator: the disagreements (at most
 * 20 listed) and their number.
 */
function disagreements(run, left, retries) {
  const present = new Map(left.map((call) => [call.callID, call.markedForDeletion === true]));
  const gone = (i) => !present.has(callId(i)) || present.get(callId(i)) === true;
  const problems = [...run.report.shapeProblems];
  let count = run.report.shapeProblemCount;
  const add = (text) => {
    count++;
    if (problems.length < 20) problems.push(text);
  };
  const { outcomes, attempts, mayHaveDeleted } = run.report;
  for (let i = 0; i < outcomes.length; i++) {
    const outcome = outcomes[i];
    if (attempts[i] > retries + 1) add(`item ${i}: ${attempts[i]} attempts`);
    switch (outcome) {
      case "deleted":
      case "notFound":
        if (!gone(i)) add(`item ${i}: ${outcome}, but the call is still there`);
        break;
      case "refused":
      case "invalid":
      case "notAttempted":
        if (gone(i)) add(`item ${i}: ${outcome}, but the call is gone`);
        break;
      case "failed":
        if (gone(i) && !mayHaveDeleted[i]) add(`item ${i}: failed without mayHaveDeleted, but the call is gone`);
        break;
      default:
        add(`item ${i}: outcome ${JSON.stringify(outcome)}`);
    }
  }
  return { count, problems };
}


// ---- the run ----------------------------------------------------------------------------------

async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`  page error: ${error.message}`));
  page.on("console", (msg) => {
    // Cut connections and 503s are the faults at work: the browser reports each one.
    const text = msg.text();
    if (msg.type() === "error" && !/ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|503|Failed to load resource/.test(text)) {
      console.error(`  browser console: ${text}`);
    }
  });
  await page.goto(`${url}/batch.html`);
  await page.waitForFunction(() => window.batch !== undefined);
  const environment = await page.evaluate(() => window.batch.load());
  return { context, page, environment };
}

const run = (page, options) => page.evaluate((o) => window.batch.runOnce(o), options);

async function throughput(browser, results) {
  const n = SETTINGS.items;
  const emulator = await startEmulator();
  log(`emulator at ${emulator.url}`);
  const { context, page, environment } = await openPage(browser, emulator.url);
  results.page = environment;
  try {
    const faulty = JSON.stringify(fixture(n, SETTINGS.faults));
    const faultsSummary = (await reset(emulator.url, faulty)).faults;
    results.throughput = { faultsAsLoaded: faultsSummary, rounds: [] };
    // Warm-up: both subjects, no faults, a few hundred deletions each.
    for (const subject of ["package", "bare"]) {
      await reset(emulator.url, JSON.stringify(fixture(SETTINGS.warmupItems, null)));
      const warm = await run(page, { subject, n: SETTINGS.warmupItems, apiKey: API_KEY, concurrency: SETTINGS.concurrency, retries: SETTINGS.retries });
      if (warm.report.counts.deleted !== SETTINGS.warmupItems) throw new Error(`warm-up (${subject}): ${JSON.stringify(warm.report.counts)}`);
    }
    log(`warm-up done; ${n.toLocaleString("en")} deletions per round under faults, rounds ${SETTINGS.rounds === 4 ? "ABBA" : "AB"}`);
    const order = [];
    for (let r = 0; r < SETTINGS.rounds; r++) order.push(r % 4 === 0 || r % 4 === 3 ? "package" : "bare");
    for (const [round, subject] of order.entries()) {
      await reset(emulator.url, faulty);
      const result = await run(page, {
        subject, n, apiKey: API_KEY, concurrency: SETTINGS.concurrency, retries: SETTINGS.retries, detail: true,
      });
      result.emulator = await requestsSeen(emulator.url);
      const { calls: left } = await admin(emulator.url, "calls");
      result.callsLeft = left.length;
      result.check = disagreements(result, left, SETTINGS.retries);
      // Kept in the results: everything but the per-item arrays and the memory samples.
      const kept = { ...result, round, report: { ...result.report } };
      kept.report.mayHaveDeletedCount = result.report.mayHaveDeleted.filter(Boolean).length;
      delete kept.memory;
      delete kept.report.outcomes;
      delete kept.report.attempts;
      delete kept.report.mayHaveDeleted;
      results.throughput.rounds.push(kept);
      const c = result.report.counts;
      log(`round ${round + 1} (${subject}): ${(result.ms / 1000).toFixed(1)} s, ${result.itemsPerS.toFixed(1)} items/s; ` +
        `deleted ${c.deleted}, notFound ${c.notFound}, failed ${c.failed}, refused ${c.refused}, notAttempted ${c.notAttempted}; ` +
        `${result.report.attemptsSent} requests sent, ${result.emulator.count} arrived (faults ${JSON.stringify(result.emulator.faults)}); ` +
        `calls left ${left.length}; disagreements with the emulator: ${result.check.count}`);
      for (const problem of result.check.problems) console.error(`    ${subject}: ${problem}`);
    }
  } finally {
    await context.close();
    await emulator.stop();
  }
}

async function memory(browser, results) {
  const n = SETTINGS.memoryItems;
  const dir = mkdtempSync(join(os.tmpdir(), "verba-bench-batch-"));
  const file = join(dir, "fixture.json");
  writeFileSync(file, JSON.stringify(fixture(n + SETTINGS.warmupItems, null)));
  results.memory = { items: n, sampleEvery: SETTINGS.sampleEvery, runs: [] };
  // A fresh emulator and page for each subject: the heap starts from the same place. Both
  // emulators start at once: loading a fixture this large takes the emulator tens of seconds (it
  // checks every callID against all before it), CPU-bound, on one core each.
  const loading = Date.now();
  const emulators = await Promise.all(["package", "bare"].map(() => startEmulator(["--fixture", file])));
  log(`memory: two emulators loaded ${(n + SETTINGS.warmupItems).toLocaleString("en")} calls each in ${((Date.now() - loading) / 1000).toFixed(1)} s`);
  try {
    for (const [k, subject] of ["package", "bare"].entries()) {
      const emulator = emulators[k];
      const { context, page } = await openPage(browser, emulator.url);
      try {
        // A warm-up on the fixture's extra calls (n and on), so that the code is compiled.
        const warm = await run(page, { subject, n: SETTINGS.warmupItems, offset: n, apiKey: API_KEY, concurrency: SETTINGS.concurrency, retries: 0 });
        if (warm.report.counts.deleted !== SETTINGS.warmupItems) throw new Error(`warm-up (${subject}): ${JSON.stringify(warm.report.counts)}`);
        const result = await run(page, {
          subject, n, apiKey: API_KEY, concurrency: SETTINGS.concurrency, retries: SETTINGS.retries, sampleEvery: SETTINGS.sampleEvery,
        });
        const { calls: left } = await admin(emulator.url, "calls");
        result.callsLeft = left.length;
        await page.evaluate(() => window.batch.release());
        results.memory.runs.push(result);
        const m = result.memory;
        log(`memory (${subject}): ${n.toLocaleString("en")} deletions in ${(result.ms / 1000).toFixed(1)} s (${result.itemsPerS.toFixed(0)}/s); ` +
          `deleted ${result.report.counts.deleted}, calls left ${left.length}; JS heap peak ${mb(m.peakHeap)}, ` +
          `start ${mb(m.startAfterGc.heap)}, end ${mb(m.end.heap)} (${mb(m.endAfterGc.heap)} after GC); ` +
          `report ${m.reportBytesPerItem === null ? "-" : m.reportBytesPerItem.toFixed(0)} B/item; wasm memory ${m.peakWasm ? mb(m.peakWasm) : "not reachable"}`);
        if (result.report.counts.deleted !== n || result.report.shapeProblemCount > 0) {
          throw new Error(`memory run (${subject}): ${JSON.stringify(result.report.counts)} ${result.report.shapeProblems.join("; ")}`);
        }
      } finally {
        await context.close();
        await emulator.stop();
      }
    }
  } finally {
    await Promise.all(emulators.map((e) => e.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
}

const mb = (bytes) => (bytes === null || bytes === undefined ? "-" : `${(bytes / 2 ** 20).toFixed(2)} MiB`);

function summarize(results) {
  const s = {};
  const t = results.throughput;
  if (t) {
    const of = (subject) => t.rounds.filter((r) => r.subject === subject);
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const pkg = of("package");
    const bare = of("bare");
    // Pairs: in ABBA, round 1 with 2 and round 4 with 3, each pair neighbours in time.
    const pairs = [];
    for (let i = 0; i + 1 < t.rounds.length; i += 2) {
      const [a, b] = [t.rounds[i], t.rounds[i + 1]];
      const p = a.subject === "package" ? a : b;
      const q = a.subject === "package" ? b : a;
      pairs.push(p.itemsPerS / q.itemsPerS);
    }
    s.packageItemsPerS = pkg.map((r) => r.itemsPerS);
    s.bareItemsPerS = bare.map((r) => r.itemsPerS);
    s.packageMeanItemsPerS = mean(s.packageItemsPerS);
    s.bareMeanItemsPerS = mean(s.bareItemsPerS);
    s.pairRatios = pairs;
    s.throughputRatio = s.packageMeanItemsPerS / s.bareMeanItemsPerS;
    s.itemsLost = pkg.reduce((sum, r) => sum + r.check.count, 0);
    s.bareDisagreements = bare.reduce((sum, r) => sum + r.check.count, 0);
    s.targets = { throughputRatio: s.throughputRatio >= TARGETS.throughputRatio, itemsLost: s.itemsLost <= TARGETS.itemsLost };
  }
  const m = results.memory;
  if (m?.runs.length === 2) {
    const [pkg, bare] = m.runs;
    s.memory = {
      packagePeakHeap: pkg.memory.peakHeap,
      barePeakHeap: bare.memory.peakHeap,
      peakHeapRatio: pkg.memory.peakHeap / bare.memory.peakHeap,
      packageReportBytesPerItem: pkg.memory.reportBytesPerItem,
      bareReportBytesPerItem: bare.memory.reportBytesPerItem,
      reportSizeRatio: pkg.memory.reportBytesPerItem !== null ? pkg.memory.reportBytesPerItem / bare.memory.reportBytesPerItem : null,
      packagePeakWasm: pkg.memory.peakWasm || null,
      wasmAtStart: pkg.memory.startAfterGc.wasm,
    };
  }
  return s;
}

function print(results) {
  const m = results.machine;
  const s = results.summary;
  const f = (x, d = 1) => (x === null || x === undefined ? "-" : x.toFixed(d));
  console.log(`\nverba-api deleteCalls bench, ${m.date}`);
  console.log(`${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Chromium ${m.chromium}; Node ${m.node}; ` +
    `load average at start ${m.loadAverageAtStart.join(" ")}, at end ${results.loadAverageAtEnd.join(" ")}` +
    `${QUICK ? "; BENCH_QUICK: fewer items, figures indicative only" : ""}`);
  if (results.throughput) {
    console.log(`\nThroughput: ${SETTINGS.items.toLocaleString("en")} deletions under faults ${JSON.stringify(SETTINGS.faults)}, ` +
      `concurrency ${SETTINGS.concurrency}, retries ${SETTINGS.retries}, rounds in ${SETTINGS.rounds === 4 ? "ABBA" : "AB"} order`);
    console.log("| round | subject | s | items/s | deleted | notFound | failed | requests sent | arrived | dropBefore | dropAfterDelete | unavailable | disagreements |");
    console.log("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of results.throughput.rounds) {
      const c = r.report.counts;
      const x = r.emulator.faults ?? {};
      console.log(`| ${r.round + 1} | ${r.subject === "package" ? "verba-api deleteCalls" : "bare fetch pool"} | ${f(r.ms / 1000)} | ${f(r.itemsPerS)} | ` +
        `${c.deleted} | ${c.notFound} | ${c.failed} | ${r.report.attemptsSent} | ${r.emulator.count} | ${x.dropBefore ?? "-"} | ${x.dropAfterDelete ?? "-"} | ` +
        `${x.unavailable ?? "-"} | ${r.check.count} |`);
    }
    console.log(`package ${f(s.packageMeanItemsPerS)} items/s, bare ${f(s.bareMeanItemsPerS)} items/s: ratio ${f(s.throughputRatio, 3)} ` +
      `(pairs ${s.pairRatios.map((x) => f(x, 3)).join(", ")}; goal >= ${TARGETS.throughputRatio}: ${s.targets.throughputRatio ? "met" : "missed"})`);
    console.log(`items lost (package, item by item against the emulator): ${s.itemsLost} (goal 0: ${s.targets.itemsLost ? "met" : "FAILED"}); ` +
      `the bare pool's report against the emulator: ${s.bareDisagreements} disagreements (the harness's own check)`);
  }
  if (s.memory) {
    const [pkg, bare] = results.memory.runs;
    console.log(`\nMemory: ${results.memory.items.toLocaleString("en")} deletions, no faults, no delay, concurrency ${SETTINGS.concurrency}; ` +
      `sampled every ${SETTINGS.sampleEvery.toLocaleString("en")} items (performance.memory.usedJSHeapSize, precise)`);
    console.log("| subject | s | items/s | JS heap at start (after GC) | peak | at end | at end after GC | report, bytes per item | wasm memory |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const r of [pkg, bare]) {
      const x = r.memory;
      console.log(`| ${r.subject === "package" ? "verba-api deleteCalls" : "bare fetch pool, same report shape"} | ${f(r.ms / 1000)} | ${f(r.itemsPerS, 0)} | ` +
        `${mb(x.startAfterGc.heap)} | ${mb(x.peakHeap)} | ${mb(x.end.heap)} | ${mb(x.endAfterGc.heap)} | ${f(x.reportBytesPerItem, 0)} | ` +
        `${r.subject === "package" ? (x.peakWasm ? `${mb(x.startAfterGc.wasm)} -> ${mb(x.peakWasm)}` : "not reachable") : "-"} |`);
    }
    console.log(`ratios package / bare: peak heap ${f(s.memory.peakHeapRatio, 2)}, report size ${f(s.memory.reportSizeRatio, 2)}`);
    console.log(`a report item of the package: ${JSON.stringify(pkg.report.firstItem)}`);
    console.log(`a report item of the bare pool: ${JSON.stringify(bare.report.firstItem)}`);
  }
  console.log("");
}

async function main() {
  for (const path of [`${PKG}verba_api_bg.wasm`, `${PKG}verba_api.js`, `${PKG}index.js`, EMULATOR]) {
    if (!existsSync(path)) throw new Error(`missing ${path}: run \`make bench\` (it builds everything first)`);
  }
  const results = { settings: SETTINGS, targets: TARGETS };
  const browser = await launchChromium(["--enable-precise-memory-info", "--js-flags=--expose-gc"]);
  try {
    results.machine = machine(browser.version());
    if (SETTINGS.items > 0 && SETTINGS.rounds > 0) await throughput(browser, results);
    if (SETTINGS.memoryItems > 0) await memory(browser, results);
  } finally {
    await browser.close();
  }
  results.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
  results.wallS = (Date.now() - started) / 1000;
  results.summary = summarize(results);
  writeFileSync(`${BENCH}batch-results.json`, `${JSON.stringify(results, null, 2)}\n`);
  print(results);
  log("wrote bench/batch-results.json");
  if (results.summary.itemsLost > 0) {
    console.error(`ITEMS LOST: ${results.summary.itemsLost} report item(s) disagree with the emulator's state (a correctness failure)`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
