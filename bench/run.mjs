// The verba-api benchmark (`make bench`, after `make pkg emulator-bin` and `node bench/build.mjs`):
// the wasm package against three JS baselines doing the same DeleteCall job, in real headless
// Chromium (playwright-core, /usr/bin/chromium), against the emulator.
//
//   1. sizes of the package and of each baseline bundle (raw, gzip -9, brotli 11);
//   2. the shared case table (bench/cases.mjs) on every implementation: any disagreement is
//      printed and the bench stops with exit code 1 before anything is timed;
//   3. init (import to ready) on fresh page loads;
//   4. validation and reply parsing, µs per call, the implementations interleaved sample by sample;
//   5. the worst 1 MiB replies (bench/pathological.mjs): the package's parseDeleteCallResponse,
//      ms per body, beside the browser's own DOMParser / JSON.parse on the same body (a printed
//      figure, never an assertion);
//   6. deleteCall against the emulator, sequential and 16 in flight, wasm and hand-written
//      alternating round by round (ABC/BA, C being a bare fetch: the floor).
//
// Prints one table and writes bench/results.json (git-ignored). BENCH_QUICK=1 runs fewer samples
// and rounds, for trying the harness out; its figures are not the bench's. `node bench/run.mjs
// --agreement` runs the case table only (a few seconds), e.g. while changing the package;
// `--pathological` the case table and the 1 MiB replies only (section 5).
import { readFileSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { machine } from "./machine.mjs";
import { EMULATOR_BIN as EMULATOR, spawnEmulator } from "../tests/support/emulator-process.mjs";
import { IMPLEMENTATIONS, BASELINES } from "./impls.mjs";
import { launchChromium } from "../tests/support/chromium.mjs";

const BENCH = fileURLToPath(new URL(".", import.meta.url));
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PKG = `${ROOT}pkg/`;

const QUICK = process.env.BENCH_QUICK === "1";
const AGREEMENT_ONLY = process.argv.includes("--agreement");
const PATHOLOGICAL_ONLY = process.argv.includes("--pathological");
const INIT_SUBJECTS = [
  ...IMPLEMENTATIONS.map((impl) => ({ ...impl, mode: impl.wasm ? "wasm" : "js" })),
  { id: "wasm-bytes", label: "verba-api, .wasm bytes at hand: init() = compile + instantiate", url: "/pkg/index.js", mode: "wasm-bytes" },
  { id: "floor", label: "floor: an empty ES module", url: "/empty.mjs", mode: "js" },
];
const SETTINGS = {
  timing: { samples: QUICK ? 7 : 11, minSampleMs: 50, warmupMs: QUICK ? 100 : 300 },
  initLoads: QUICK ? 5 : 15,
  pathological: { samples: QUICK ? 5 : 11 },
  requests: 1000,
  requestRounds: QUICK ? 2 : 5, // per implementation and mode, in ABC/BA order
  concurrency: 16,
};

// The issue's targets (issue 4).
const TARGETS = {
  packageGzipBytes: 24 * 1024,
  initMs: 5,
  validationRatioVsValibot: 1.0,
  xmlSpeedupVsFastXmlParser: 3,
  xmlSpeedupVsDomParser: 10,
  latencyRatio: 1.05,
  concurrentThroughputRatio: 0.95,
};

const started = Date.now();
const log = (text) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${text}`);
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ---- sizes ------------------------------------------------------------------------------------

function compressed(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_LGWIN]: zlib.constants.BROTLI_MAX_WINDOW_BITS,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

const sum = (parts) => ({
  raw: parts.reduce((s, p) => s + p.raw, 0),
  gzip: parts.reduce((s, p) => s + p.gzip, 0),
  brotli: parts.reduce((s, p) => s + p.brotli, 0),
});

function jsFilesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((name) => `${dir}${name}`)
    .filter((path) => path.endsWith(".js") && statSync(path).isFile())
    .sort();
}

function sizes() {
  const wasm = compressed(readFileSync(`${PKG}verba_api_bg.wasm`));
  // What a browser loads besides the wasm: every JavaScript file of the package but the Node entry.
  const glueFiles = jsFilesUnder(PKG).filter((path) => !path.endsWith("/node.js"));
  const glueParts = glueFiles.map((path) => compressed(readFileSync(path)));
  const glue = { ...sum(glueParts), files: glueFiles.map((path) => path.slice(ROOT.length)) };
  const result = {
    package: { wasm, glue, total: sum([wasm, glue]) },
    baselines: {},
  };
  for (const impl of BASELINES) result.baselines[impl.id] = compressed(readFileSync(`${BENCH}${impl.url.slice(1)}`));
  return result;
}

// ---- processes --------------------------------------------------------------------------------

/** An emulator serving bench/ and pkg/, quiet (tests/support/emulator-process.mjs). */
const startEmulator = () => spawnEmulator(["--www", BENCH, "--pkg", PKG, "--quiet"]);

/** A loopback URL nothing listens on (bound, then released). */
function closedUrl() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(`http://127.0.0.1:${port}`));
    });
  });
}

/**
 * A page whose document is served cross-origin isolated (COOP + COEP added on the way), so that
 * performance.now() has its fine resolution; routing is off again before anything runs.
 */
async function isolatedPage(context, url) {
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`  page error: ${error.message}`));
  page.on("console", (msg) => {
    // The closed-port request case fails to connect on purpose.
    if (msg.type() === "error" && !msg.text().includes("ERR_CONNECTION_REFUSED")) console.error(`  browser console: ${msg.text()}`);
  });
  const handler = async (route) => {
    const response = await route.fetch();
    await route.fulfill({
      response,
      headers: {
        ...response.headers(),
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
      },
    });
  };
  await page.route(url, handler);
  await page.goto(url);
  await page.unroute(url, handler);
  return page;
}


// ---- the run ----------------------------------------------------------------------------------

async function main() {
  for (const path of [`${PKG}verba_api_bg.wasm`, `${PKG}verba_api.js`, EMULATOR,
    ...BASELINES.map((impl) => `${BENCH}${impl.url.slice(1)}`)]) {
    if (!existsSync(path)) throw new Error(`missing ${path}: run \`make bench\` (it builds everything first)`);
  }
  const results = { settings: SETTINGS, targets: TARGETS, implementations: IMPLEMENTATIONS.map(({ id, label }) => ({ id, label })) };
  results.sizes = sizes();
  log("sizes measured");

  const emulator = await startEmulator();
  const stopEmulator = () => { if (emulator.child.exitCode === null) emulator.child.kill("SIGTERM"); };
  process.on("exit", stopEmulator);
  log(`emulator at ${emulator.url}`);
  const browser = await launchChromium();
  try {
    results.machine = machine(browser.version());

    // Agreement first: nothing is timed unless every implementation gives the same outcomes.
    const context = await browser.newContext();
    const page = await isolatedPage(context, `${emulator.url}/index.html`);
    await page.waitForFunction(() => window.bench !== undefined);
    await page.evaluate(() => window.bench.load());
    results.page = await page.evaluate(() => window.bench.environment());
    const { checked, problems } = await page.evaluate((url) => window.bench.agreement(url), await closedUrl());
    results.agreement = { checked, problems };
    if (problems.length > 0) {
      console.error(`\nAGREEMENT FAILED: ${problems.length} problem(s) in ${checked} cases x ${IMPLEMENTATIONS.length} implementations:\n`);
      for (const p of problems) {
        console.error(`  [${p.section}] ${p.case}\n    ${p.impl}: ${p.kind}\n      expected: ${p.expected.replaceAll("\n", "\n                ")}\n      got:      ${p.got.replaceAll("\n", "\n                ")}`);
      }
      writeFileSync(`${BENCH}results.json`, `${JSON.stringify(results, null, 2)}\n`);
      console.error("\nNothing was timed (bench/results.json has the problems).");
      process.exitCode = 1;
      return;
    }
    log(`agreement: ${checked} cases, every implementation agrees (cross-origin isolated: ${results.page.crossOriginIsolated})`);
    if (AGREEMENT_ONLY) return;

    if (!PATHOLOGICAL_ONLY) {
      results.validation = await page.evaluate((s) => window.bench.timeValidation(s), SETTINGS.timing);
      log("validation timed");
    }
    if (!PATHOLOGICAL_ONLY) {
      results.parsing = await page.evaluate((s) => window.bench.timeParsing(s), SETTINGS.timing);
      log("parsing timed");
    }
    results.pathological = await page.evaluate((s) => window.bench.timePathological(s), SETTINGS.pathological);
    log(`1 MiB replies timed (${results.pathological.length} bodies)`);
    if (PATHOLOGICAL_ONLY) {
      writeFileSync(`${BENCH}results.json`, `${JSON.stringify(results, null, 2)}\n`);
      printPathological(results);
      return;
    }

    // Requests: warm-up, then rounds in ABC / BA order, sequential and concurrent. "floor" is a
    // bare fetch of the same POST: what the browser, the network and the emulator cost alone.
    // (The floor runs in both modes, in every other round: enough for a reference line.)
    const subjects = ["wasm", "hand", "floor"];
    for (const id of subjects) {
      await page.evaluate(([i, c]) => window.bench.requestRound(i, 200, c), [id, 1]);
      await page.evaluate(([i, c]) => window.bench.requestRound(i, 200, c), [id, SETTINGS.concurrency]);
    }
    results.requests = Object.fromEntries(["sequential", "concurrent"].map((mode) => [mode, Object.fromEntries(subjects.map((id) => [id, []]))]));
    const order = [];
    for (let r = 0; r < SETTINGS.requestRounds; r++) order.push(...(r % 2 === 0 ? subjects : ["hand", "wasm"]));
    for (const [mode, concurrency] of [["sequential", 1], ["concurrent", SETTINGS.concurrency]]) {
      for (const id of order) {
        const round = await page.evaluate(([i, n, c]) => window.bench.requestRound(i, n, c), [id, SETTINGS.requests, concurrency]);
        results.requests[mode][id].push(round);
      }
      log(`requests timed: ${mode}`);
    }
    await context.close();

    // Init: import to ready on a fresh context (empty caches: a first visit), then, every other
    // load, on a second page of the same context (HTTP cache warm: a returning visitor); the
    // implementations and the floor (an empty module) interleaved.
    results.init = Object.fromEntries(INIT_SUBJECTS.map((subject) => [subject.id, { cold: [], warm: [] }]));
    for (let load = 0; load < SETTINGS.initLoads; load++) {
      for (let k = 0; k < INIT_SUBJECTS.length; k++) {
        const subject = INIT_SUBJECTS[(k + load) % INIT_SUBJECTS.length];
        const fresh = await browser.newContext();
        for (const visit of load % 2 === 0 ? ["cold", "warm"] : ["cold"]) {
          const initPage = await isolatedPage(fresh, `${emulator.url}/init.html`);
          const timing = await initPage.evaluate(([url, mode]) => window.measureInit(url, mode), [subject.url, subject.mode]);
          if (!timing.works && subject.id !== "floor") throw new Error(`${subject.id}: not usable after init`);
          results.init[subject.id][visit].push(timing);
          await initPage.close();
        }
        await fresh.close();
      }
    }
    log("init timed");
  } finally {
    await browser.close();
    stopEmulator();
  }

  if (AGREEMENT_ONLY || PATHOLOGICAL_ONLY || process.exitCode) return;
  results.summary = summarize(results);
  writeFileSync(`${BENCH}results.json`, `${JSON.stringify(results, null, 2)}\n`);
  printTable(results);
  log("wrote bench/results.json");
}

// ---- summary and table --------------------------------------------------------------------------

function summarize(results) {
  const s = {};
  const size = results.sizes;
  s.packageGzipBytes = size.package.total.gzip;
  s.sizeRatioGzip = Object.fromEntries(BASELINES.map((b) => [b.id, size.package.total.gzip / size.baselines[b.id].gzip]));
  const initMedians = (loads) => ({
    totalMs: median(loads.map((l) => l.totalMs)), importMs: median(loads.map((l) => l.importMs)), initMs: median(loads.map((l) => l.initMs)),
  });
  s.initMedianMs = Object.fromEntries(Object.entries(results.init).map(([id, { cold, warm }]) => [id, { cold: initMedians(cold), warm: initMedians(warm) }]));
  const us = (group, key) => group[key].medianUs;
  s.validateUs = {};
  s.parameterUs = {};
  for (const impl of IMPLEMENTATIONS) {
    s.validateUs[impl.id] = us(results.validation, `validate/${impl.id}`);
    s.parameterUs[impl.id] = us(results.validation, `parameter/${impl.id}`);
  }
  // Ratios sample by sample (the samples of all implementations are interleaved), then their median.
  const sampleRatio = (group, a, b) => median(group[a].samplesUs.map((x, i) => x / group[b].samplesUs[i]));
  s.validateRatio = Object.fromEntries(BASELINES.map((b) => [b.id, sampleRatio(results.validation, "validate/wasm", `validate/${b.id}`)]));
  s.parameterRatio = Object.fromEntries(BASELINES.map((b) => [b.id, sampleRatio(results.validation, "parameter/wasm", `parameter/${b.id}`)]));
  s.parseUs = {};
  s.parseSpeedup = {};
  for (const kind of ["xml-success", "xml-error", "json-success"]) {
    s.parseUs[kind] = Object.fromEntries(IMPLEMENTATIONS.map((impl) => [impl.id, us(results.parsing, `${kind}/${impl.id}`)]));
    s.parseSpeedup[kind] = Object.fromEntries(BASELINES.map((b) => [b.id, sampleRatio(results.parsing, `${kind}/${b.id}`, `${kind}/wasm`)]));
  }
  const req = results.requests;
  const med = (rounds, key) => median(rounds.map((r) => r[key]));
  const each = (mode, key) => Object.fromEntries(Object.entries(req[mode]).map(([id, rounds]) => [id, med(rounds, key)]));
  s.requests = {
    sequentialMedianLatencyMs: each("sequential", "medianLatencyMs"),
    sequentialThroughputPerS: each("sequential", "throughputPerS"),
    concurrentThroughputPerS: each("concurrent", "throughputPerS"),
  };
  // Ratios round by round (a wasm round and a hand-written round are neighbours in time), then
  // their median: a slow spell of the machine shifts both sides of a ratio.
  const pairedRatio = (mode, key) => median(req[mode].wasm.map((round, r) => round[key] / req[mode].hand[r][key]));
  s.requests.latencyRatio = pairedRatio("sequential", "medianLatencyMs");
  s.requests.sequentialThroughputRatio = pairedRatio("sequential", "throughputPerS");
  s.requests.concurrentThroughputRatio = pairedRatio("concurrent", "throughputPerS");

  const worst = results.pathological.reduce((a, b) => (b.wasmMedianMs > a.wasmMedianMs ? b : a));
  s.pathological = { worstMedianMs: worst.wasmMedianMs, worstBody: worst.name };

  const t = TARGETS;
  const xml = ["xml-success", "xml-error"];
  s.targets = {
    packageGzip: s.packageGzipBytes <= t.packageGzipBytes,
    init: s.initMedianMs["wasm-bytes"].cold.initMs <= t.initMs,
    validationVsValibot: s.validateRatio.valibot <= t.validationRatioVsValibot,
    xmlVsFastXmlParser: xml.every((k) => s.parseSpeedup[k].valibot >= t.xmlSpeedupVsFastXmlParser),
    xmlVsDomParser: xml.every((k) => s.parseSpeedup[k].hand >= t.xmlSpeedupVsDomParser),
    latency: s.requests.latencyRatio <= t.latencyRatio,
    concurrentThroughput: s.requests.concurrentThroughputRatio >= t.concurrentThroughputRatio,
  };
  return s;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const fx = (x, digits = 2) => x.toFixed(digits);
const us = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
const verdict = (ok) => (ok ? "met" : "MISSED");

/** Rows (arrays), titles (strings) and rules ("-"); column widths are computed per section. */
function renderTable(rows) {
  const blocks = [[]];
  for (const row of rows) {
    if (row === "-") blocks.push([]);
    else blocks.at(-1).push(row);
  }
  const rendered = blocks.map((block) => {
    const widths = [];
    for (const row of block) if (Array.isArray(row)) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, cell.length); });
    return block.map((row) => (Array.isArray(row)
      ? row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("   ").trimEnd()
      : row));
  });
  const rule = "-".repeat(Math.max(...rendered.flat().map((line) => line.length)));
  return rendered.map((lines) => lines.join("\n")).filter((text) => text !== "").join(`\n${rule}\n`).replace(/^/, `${rule}\n`) + `\n${rule}`;
}

function printTable(results) {
  const s = results.summary;
  const size = results.sizes;
  const m = results.machine;
  const label = Object.fromEntries(IMPLEMENTATIONS.map((impl) => [impl.id, impl.label]));
  const rows = [];
  const section = (title) => rows.push("-", `${title}`);

  section("Size (KB = 1024 bytes; total = files served separately, each compressed)");
  rows.push(["", "raw", "gzip -9", "brotli", "pkg/this (gzip)", "target"]);
  rows.push(["verba-api wasm (verba_api_bg.wasm)", kb(size.package.wasm.raw), kb(size.package.wasm.gzip), kb(size.package.wasm.brotli), "", ""]);
  rows.push([`verba-api JS glue (${size.package.glue.files.length} files)`, kb(size.package.glue.raw), kb(size.package.glue.gzip), kb(size.package.glue.brotli), "", ""]);
  rows.push(["verba-api total", kb(size.package.total.raw), kb(size.package.total.gzip), kb(size.package.total.brotli), "",
    `<= 24 KB gz: ${verdict(s.targets.packageGzip)}`]);
  for (const b of BASELINES) {
    const x = size.baselines[b.id];
    rows.push([`${b.label} (bundle)`, kb(x.raw), kb(x.gzip), kb(x.brotli), fx(s.sizeRatioGzip[b.id]), ""]);
  }

  section(`Init: import to ready, median of ${SETTINGS.initLoads} fresh page loads (ms; minus floor: less the empty module's); returning = HTTP cache warm (${Math.ceil(SETTINGS.initLoads / 2)} loads)`);
  rows.push(["", "import", "init()", "first visit", "minus floor", "returning", "target"]);
  const floor = s.initMedianMs.floor.cold.totalMs;
  for (const subject of INIT_SUBJECTS) {
    const { cold, warm } = s.initMedianMs[subject.id];
    rows.push([label[subject.id] ?? subject.label, fx(cold.importMs), subject.mode === "js" ? "-" : fx(cold.initMs), fx(cold.totalMs),
      subject.id === "floor" ? "" : fx(cold.totalMs - floor), fx(warm.totalMs),
      subject.id === "wasm-bytes" ? `init() <= 5 ms: ${verdict(s.targets.init)}` : ""]);
  }

  section(`Validation: µs per call, median of ${SETTINGS.timing.samples} samples (ratio = wasm / baseline sample by sample, median; < 1 is faster)`);
  rows.push(["", "validateDeleteCall", "ratio", "validateParameter", "ratio", "target"]);
  rows.push([label.wasm, us(s.validateUs.wasm), "", us(s.parameterUs.wasm), "", ""]);
  for (const b of BASELINES) {
    rows.push([b.label, us(s.validateUs[b.id]), fx(s.validateRatio[b.id]), us(s.parameterUs[b.id]), fx(s.parameterRatio[b.id]),
      b.id === "valibot" ? `validate ratio <= 1.0: ${verdict(s.targets.validationVsValibot)}` : ""]);
  }

  section(`Parsing: µs per reply, median of ${SETTINGS.timing.samples} samples (speedup = baseline / wasm sample by sample, median; > 1 is faster)`);
  rows.push(["", "XML success", "speedup", "XML error", "speedup", "JSON", "speedup", "target"]);
  const p = s.parseUs;
  const sp = s.parseSpeedup;
  rows.push([label.wasm, us(p["xml-success"].wasm), "", us(p["xml-error"].wasm), "", us(p["json-success"].wasm), "", ""]);
  for (const b of BASELINES) {
    const target = b.id === "valibot" ? `XML >= 3x: ${verdict(s.targets.xmlVsFastXmlParser)}`
      : b.id === "hand" ? `XML >= 10x: ${verdict(s.targets.xmlVsDomParser)}` : "";
    rows.push([b.label, us(p["xml-success"][b.id]), `${fx(sp["xml-success"][b.id])}x`, us(p["xml-error"][b.id]), `${fx(sp["xml-error"][b.id])}x`,
      us(p["json-success"][b.id]), `${fx(sp["json-success"][b.id])}x`, target]);
  }

  rows.push(...pathologicalRows(results));

  const r = s.requests;
  section(`deleteCall against the emulator: ${SETTINGS.requests} deletions per round, ${SETTINGS.requestRounds} rounds each (ABC/BA); medians; ratio = median of round-by-round ratios`);
  rows.push(["", "wasm", "hand-written", "ratio", "bare fetch (floor)", "target"]);
  rows.push(["sequential: median latency (ms)", fx(r.sequentialMedianLatencyMs.wasm, 3), fx(r.sequentialMedianLatencyMs.hand, 3), fx(r.latencyRatio, 3),
    fx(r.sequentialMedianLatencyMs.floor, 3), `<= 1.05: ${verdict(s.targets.latency)}`]);
  rows.push(["sequential: throughput (deletions/s)", fx(r.sequentialThroughputPerS.wasm, 0), fx(r.sequentialThroughputPerS.hand, 0),
    fx(r.sequentialThroughputRatio, 3), fx(r.sequentialThroughputPerS.floor, 0), ""]);
  rows.push([`${SETTINGS.concurrency} in flight: throughput (deletions/s)`, fx(r.concurrentThroughputPerS.wasm, 0), fx(r.concurrentThroughputPerS.hand, 0),
    fx(r.concurrentThroughputRatio, 3), fx(r.concurrentThroughputPerS.floor, 0), `>= 0.95: ${verdict(s.targets.concurrentThroughput)}`]);

  console.log(`\nverba-api bench, ${m.date}`);
  console.log(`${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; Chromium ${m.chromium}; Node ${m.node}; ` +
    `load average at start ${m.loadAverageAtStart.join(" ")}; ` +
    `timer ${results.page.crossOriginIsolated ? "fine (cross-origin isolated)" : "coarse (not isolated)"}` +
    `${QUICK ? "; BENCH_QUICK: fewer samples, figures indicative only" : ""}`);
  console.log(`Agreement: ${results.agreement.checked} cases, all ${IMPLEMENTATIONS.length} implementations agree.`);
  console.log(renderTable(rows));
  const met = Object.values(s.targets).filter(Boolean).length;
  console.log(`Targets met: ${met} of ${Object.keys(s.targets).length}\n`);
}

/** Section 5 of the table: the worst 1 MiB replies, one row per body. */
function pathologicalRows(results) {
  const n = SETTINGS.pathological.samples;
  const rows = ["-", `Worst replies of about 1 MiB: parseDeleteCallResponse, ms per body, median of ${n} calls (a figure, not a target);`,
    "browser = DOMParser (XML) / JSON.parse (JSON) on the same body, interleaved (fewer calls where marked); ratio = wasm / browser"];
  rows.push(["", "KiB", "outcome", "wasm ms", "browser ms", "ratio"]);
  for (const p of results.pathological) {
    const browser = p.nativeMedianMs === null ? "-" : `${fx(p.nativeMedianMs, 3)}${p.nativeCalls < n ? ` (${p.nativeCalls})` : ""}`;
    rows.push([p.name, fx(p.bytes / 1024, 0), p.outcome, fx(p.wasmMedianMs, 3), browser, p.ratio === null ? "-" : fx(p.ratio, 3)]);
  }
  const worst = results.pathological.reduce((a, b) => (b.wasmMedianMs > a.wasmMedianMs ? b : a));
  rows.push([`worst: ${worst.name}`, "", "", fx(worst.wasmMedianMs, 3), "", ""]);
  return rows;
}

/** `--pathological`: the machine line and section 5 alone. */
function printPathological(results) {
  const m = results.machine;
  console.log(`\nverba-api bench, 1 MiB replies only, ${m.date}`);
  console.log(`${m.cpuModel}, ${m.cores} cores; Chromium ${m.chromium}; load average at start ${m.loadAverageAtStart.join(" ")}; ` +
    `timer ${results.page.crossOriginIsolated ? "fine (cross-origin isolated)" : "coarse (not isolated)"}`);
  console.log(renderTable(pathologicalRows(results)));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
