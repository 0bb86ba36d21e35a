// The batch bench page's code (bench/batch.html, served by the emulator with bench/ as its
// static folder, so that /pkg/index.js is same-origin). bench/batch.mjs drives it through
// `window.batch`: load, then runs of the package's deleteCalls and of a bare fetch pool doing
// the same work, timed, with the JS heap (and the wasm memory) sampled on the way.
import { deleteCalls } from "/pkg/index.js";
import { collect, heapBytes, loadPackage as load, wasmBytes } from "./page-memory.mjs";

let held = null; // the last report, kept alive until its retained size has been measured

/** The callID of generated call `n` (the same as the Rust tests' `call_id`). */
export const callId = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/**
 * A memory sampler: `tick(done)` samples the heap and the wasm memory every `every` items (and
 * always at the last one); `start`/`finish` bracket the run, each with a figure after a forced
 * collection too.
 */
function sampler(every, total) {
  const samples = [];
  let peakHeap = 0;
  let peakWasm = 0;
  const take = (done) => {
    const heap = heapBytes();
    const wasm = wasmBytes();
    if (heap !== null && heap > peakHeap) peakHeap = heap;
    if (wasm !== null && wasm > peakWasm) peakWasm = wasm;
    samples.push({ done, heap, wasm });
  };
  return {
    samples,
    tick(done) {
      if (every > 0 && (done % every === 0 || done === total)) take(done);
    },
    take,
    peaks: () => ({ peakHeap, peakWasm }),
  };
}

/** What a run gives back: the report's counts, its shape checked, and per item what the check needs. */
function summarize(report, ids, detail) {
  const items = report.items;
  const shape = [];
  if (!Array.isArray(items)) shape.push("items is not an array");
  else if (items.length !== ids.length) shape.push(`${items.length} report items for ${ids.length} inputs`);
  const counted = Object.values(report.counts).reduce((a, b) => a + b, 0);
  if (counted !== ids.length || report.total !== ids.length) shape.push(`counts sum to ${counted}, total ${report.total}, inputs ${ids.length}`);
  const tally = {};
  const outcomes = detail ? new Array(ids.length) : null;
  const attempts = detail ? new Array(ids.length) : null;
  const may = detail ? new Array(ids.length) : null;
  const errorCodes = {};
  let sent = 0;
  for (let i = 0; i < (Array.isArray(items) ? items.length : 0); i++) {
    const item = items[i];
    if (item === undefined || item === null) {
      shape.push(`item ${i} missing`);
      continue;
    }
    if (item.index !== i) shape.push(`item ${i} has index ${item.index}`);
    if (item.input !== ids[i]) shape.push(`item ${i} has input ${JSON.stringify(item.input)}`);
    tally[item.outcome] = (tally[item.outcome] ?? 0) + 1;
    sent += item.attempts;
    if (item.error) {
      const key = `${item.outcome}/${item.error.code}${item.error.httpStatus ? ` ${item.error.httpStatus}` : ""}`;
      errorCodes[key] = (errorCodes[key] ?? 0) + 1;
    }
    if (detail) {
      outcomes[i] = item.outcome;
      attempts[i] = item.attempts;
      may[i] = item.error?.mayHaveDeleted === true;
    }
  }
  for (const [outcome, count] of Object.entries(tally)) {
    if (report.counts[outcome] !== count) shape.push(`counts.${outcome} is ${report.counts[outcome]}, the items say ${count}`);
  }
  return {
    total: report.total,
    counts: report.counts,
    aborted: report.aborted,
    attemptsSent: sent,
    errorCodes,
    shapeProblems: shape.slice(0, 20),
    shapeProblemCount: shape.length,
    firstItem: Array.isArray(items) && items.length > 0 ? JSON.parse(JSON.stringify(items[0])) : null,
    outcomes,
    attempts,
    mayHaveDeleted: may,
  };
}

/**
 * One run: `subject` ("package" or "bare") deletes calls `0..n` (callIDs) with `concurrency`
 * requests at once and `retries` retries per item. `sampleEvery` > 0 samples the memory every
 * that many settled items. `detail` returns the outcome, attempts and mayHaveDeleted of every
 * item (for the check against the emulator). Calls `offset..offset + n` with `offset`. The
 * report is held until `release()`.
 */
async function runOnce({ subject, n, offset = 0, apiKey, concurrency, retries, sampleEvery = 0, detail = false }) {
  held = null;
  const ids = Array.from({ length: n }, (_, i) => callId(offset + i));
  const gc = await collect();
  const memory = sampler(sampleEvery, n);
  const startAfterGc = { heap: heapBytes(), wasm: wasmBytes() };
  memory.take(0);
  let progressCalls = 0;
  const onProgress = sampleEvery > 0 ? ({ done }) => { progressCalls++; memory.tick(done); } : undefined;
  const t0 = performance.now();
  const report = subject === "package"
    ? await deleteCalls(ids, { baseUrl: location.origin, apiKey, concurrency, retries, onProgress })
    : await barePool(ids, { baseUrl: location.origin, apiKey, concurrency, retries, onProgress });
  const ms = performance.now() - t0;
  memory.take(n);
  const end = { heap: heapBytes(), wasm: wasmBytes() };
  held = report;
  await collect();
  const endAfterGc = { heap: heapBytes(), wasm: wasmBytes() };
  const result = {
    subject,
    n,
    ms,
    itemsPerS: (n * 1000) / ms,
    progressCalls,
    memory: {
      gc,
      startAfterGc,
      end,
      endAfterGc,
      ...memory.peaks(),
      // The report's retained size: what the heap holds more, after collections, with the report
      // than before the run (the input list exists in both).
      reportBytesPerItem: gc && startAfterGc.heap !== null ? (endAfterGc.heap - startAfterGc.heap) / n : null,
      samples: memory.samples,
    },
    report: summarize(report, ids, detail),
  };
  return result;
}

function release() {
  held = null;
}

// ---- the bare fetch pool ---------------------------------------------------------------------------

// What the package retries (src/batch.rs `retryable`, `backoff_ms`): a network failure, or HTTP
// 429/502/503/504 without a Verba reply; waiting as long as Retry-After asks (delay-seconds, at
// most 30 s), else 250 ms doubled per retry (at most 8 s) with equal jitter.
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const RESPONSE_CODE = /<Response\b[^>]*?\bcode="(\d+)"/;
const ERROR_MESSAGE = /<ErrorMessage>([^<]*)<\/ErrorMessage>/;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function backoffMs(retry, retryAfter) {
  if (retryAfter !== null && /^\s*\d{1,10}\s*$/.test(retryAfter)) return Math.min(Number(retryAfter) * 1000, 30_000);
  const ceiling = Math.min(250 * 2 ** Math.min(retry - 1, 16), 8_000);
  return ceiling / 2 + (ceiling / 2) * Math.random();
}

/** One item: sent, and again after a failure that allows it; its report entry. */
async function bareItem(index, callID, { baseUrl, apiKey, retries }) {
  const body = `apiKey=${encodeURIComponent(apiKey)}&responseType=XML&callID=${encodeURIComponent(callID)}`;
  let attempts = 0;
  let retry = 0;
  let mayHaveDeleted = false;
  for (;;) {
    attempts++;
    let error;
    let retryAfter = null;
    try {
      const response = await fetch(`${baseUrl}/verba/api?action=DeleteCall`, {
        method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" }, cache: "no-store",
      });
      const text = await response.text();
      const code = RESPONSE_CODE.exec(text);
      if (code !== null) {
        const apiCode = Number(code[1]);
        const message = ERROR_MESSAGE.exec(text)?.[1] ?? null;
        if (apiCode === 0) {
          return {
            index, input: callID, outcome: "deleted", attempts,
            result: { ok: true, code: 0, action: "DeleteCall", message, responseType: "XML", httpStatus: response.status },
          };
        }
        const outcome = apiCode === 2 ? "notFound" : "refused";
        return { index, input: callID, outcome, attempts, error: { code: apiCode === 2 ? "CALL_NOT_FOUND" : "API_ERROR", apiCode, message, mayHaveDeleted } };
      }
      error = { code: "HTTP_ERROR", httpStatus: response.status, message: `HTTP ${response.status}` };
      if (!RETRYABLE_STATUS.has(response.status)) {
        return { index, input: callID, outcome: "failed", attempts, error: { ...error, mayHaveDeleted } };
      }
      retryAfter = response.headers.get("retry-after");
    } catch (cause) {
      // The request may have reached the recorder before the connection failed.
      mayHaveDeleted = true;
      error = { code: "NETWORK", message: String(cause) };
    }
    if (retry < retries) {
      retry++;
      await sleep(backoffMs(retry, retryAfter));
      continue;
    }
    return { index, input: callID, outcome: "failed", attempts, error: { ...error, mayHaveDeleted } };
  }
}

/** `concurrency` workers over a shared cursor; a report of the package's shape. */
async function barePool(ids, options) {
  const items = new Array(ids.length);
  const counts = { deleted: 0, notFound: 0, refused: 0, invalid: 0, failed: 0, notAttempted: 0 };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      const item = await bareItem(index, ids[index], options);
      items[index] = item;
      counts[item.outcome]++;
      done++;
      if (options.onProgress) options.onProgress({ done, total: ids.length });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, ids.length) }, worker));
  return { total: ids.length, counts, aborted: false, items };
}

window.batch = { load, runOnce, release };
