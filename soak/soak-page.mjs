// The soak page's code (soak/soak.html, served by the emulator with the repository as its static
// folder, so that /pkg/index.js is same-origin, as a portal imports the package, and the memory
// helpers of bench/page-memory.mjs are reachable). soak/soak.mjs drives it
// through `window.soak`: `load()` once (one `init` for the whole run), then `round(plan)` per
// round, `sample()` (the JS heap and the wasm memory after forced collections) after each.
//
// A round gets the round's calls from the driver and deals them out, by a seeded generator, to
// the operations below, which all run at once: every existing call is the target of exactly one
// operation (or of none: the untouched controls), so that each outcome can be set against the
// emulator's state afterwards. What the page sends back per call is a claim: "gone" (the outcome
// says the call is deleted, marked, or not there), "present" (the outcome says nothing was
// deleted) or "unknown" (the outcome says it may have been). The driver checks the claims; the
// page checks what needs no emulator (error types and codes, mayHaveDeleted by code, report
// shapes, abort reasons, hostile codes and time bounds, secrets in messages).
import { createClient, deleteCall, deleteCalls, VerbaError } from "/pkg/index.js";
import { collect, heapBytes, loadPackage, wasmBytes } from "../bench/page-memory.mjs";

let longClient = null; // the session client that lives for the whole run
const totals = { started: 0, settled: 0, credentialsAsked: 0, wrongCredentialsAsked: 0 };
const pending = new Map(); // id -> description of every operation started and not yet settled
let nextOp = 1;
const unhandled = [];
window.addEventListener("unhandledrejection", (event) => unhandled.push(String(event.reason?.stack ?? event.reason)));
window.addEventListener("error", (event) => unhandled.push(`error: ${event.message}`));

// What mayHaveDeleted must be, by code (docs/spec.md section 8, "Honest outcomes"); NETWORK is
// either (false when fetch was never called), ABORTED always true.
const MAY_HAVE_DELETED = {
  VALIDATION: false, CALL_NOT_FOUND: false, AUTH_FAILED: false, API_ERROR: false,
  TIMEOUT: true, HTTP_ERROR: true, PARSE: true, ABORTED: true,
};
const BATCH_OUTCOMES = ["deleted", "notFound", "refused", "invalid", "failed", "notAttempted"];

async function load({ secrets }) {
  const environment = await loadPackage();
  longClient = makeClient(secrets.sessionKey, secrets.credentials);
  return environment;
}

/** The heap and the wasm memory after full collections (twice over). */
async function sample() {
  await collect();
  await collect();
  return { heap: heapBytes(), wasm: wasmBytes(), pending: pending.size, started: totals.started, settled: totals.settled };
}

/** A client whose credentials function counts the token requests it is asked for. */
function makeClient(apiKey, credentials, extra = {}, counter = "credentialsAsked") {
  return createClient({
    baseUrl: location.origin,
    apiKey,
    timeoutMs: 10_000,
    credentials: credentials === null ? undefined : () => {
      totals[counter]++;
      return credentials;
    },
    ...extra,
  });
}

// ---- the seeded generator ------------------------------------------------------------------------

function generator(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `workers` loops over a shared cursor into `items`. */
async function pool(workers, items, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(workers, items.length) }, worker));
}

// ---- one round -----------------------------------------------------------------------------------

/**
 * plan: { round, seed, calls: [{ id, ext, ongoing, doNotDelete }], missingIds: [...],
 *         hostileBase, hostileRequests, secrets: { openKey, sessionKey, credentials }, deadlineMs }
 */
async function round(plan) {
  const rng = generator(plan.seed);
  const n = plan.calls.length;
  const claims = new Array(n).fill(null);
  const hows = new Array(n).fill(null);
  const problems = [];
  const problem = (text) => {
    if (problems.length < 50) problems.push(text);
    problems.count = (problems.count ?? 0) + 1;
  };
  const ops = {}; // operations by kind
  const outcomes = {}; // outcomes by kind
  const count = (table, key, by = 1) => (table[key] = (table[key] ?? 0) + by);
  const stats = { aborts: 0, preAborted: 0, batchItems: 0, hostileMaxOverMs: 0 };
  const settleMax = {}; // the longest time to settle, in ms, by kind
  const secretsList = [plan.secrets.openKey, plan.secrets.sessionKey, plan.secrets.credentials.password, plan.secrets.badPassword];
  const claim = (i, what, how) => {
    if (claims[i] !== null) problem(`call ${i} was given two operations (${hows[i]}, ${how}): a harness error`);
    claims[i] = what;
    hows[i] = how;
  };
  let heapPeak = 0;
  const peakTimer = setInterval(() => {
    const h = heapBytes();
    if (h !== null && h > heapPeak) heapPeak = h;
  }, 250);

  /** Starts an operation: counted as started at once and as settled when it settles, never lost. */
  const track = async (kind, describe, fn) => {
    const id = nextOp++;
    totals.started++;
    count(ops, kind);
    pending.set(id, `${kind} ${describe}`);
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      pending.delete(id);
      totals.settled++;
      const ms = performance.now() - t0;
      if (ms > (settleMax[kind] ?? 0)) settleMax[kind] = ms;
    }
  };

  /** No secret of the run in the texts of an outcome (as written, any case, without hyphens). */
  const noSecrets = (where, ...texts) => {
    for (const text of texts) {
      if (typeof text !== "string") continue;
      const plain = text.toLowerCase().replaceAll("-", "");
      for (const secret of secretsList) {
        if (plain.includes(secret.toLowerCase().replaceAll("-", ""))) problem(`${where}: a secret in the outcome's text`);
      }
    }
  };

  /** What a rejected single call says about its call; problems for anything out of the rules. */
  const judgeRejection = (where, error, abort, session = false) => {
    if (abort && error === abort.reason) {
      stats.aborts++;
      return abort.pre ? ["present", "aborted before sending"] : ["unknown", "aborted"];
    }
    if (!(error instanceof VerbaError)) {
      problem(`${where}: rejected with ${error?.name}: ${String(error?.message ?? error).slice(0, 200)} (no VerbaError, not the abort reason)`);
      return ["unknown", "not a VerbaError"];
    }
    noSecrets(where, error.message, JSON.stringify(error));
    if (typeof error.mayHaveDeleted !== "boolean") problem(`${where}: ${error.code} without a boolean mayHaveDeleted`);
    const due = MAY_HAVE_DELETED[error.code];
    // A session's failed token request rejects the call with its own error, mayHaveDeleted
    // false whatever its code (the call was not sent): the emulator's state checks that.
    const tokenFailure = session && error.mayHaveDeleted === false;
    if (due !== undefined && error.mayHaveDeleted !== due && !tokenFailure) problem(`${where}: ${error.code} with mayHaveDeleted ${error.mayHaveDeleted}`);
    if (error.code === "CALL_NOT_FOUND") return ["gone", `rejected ${error.code}`];
    return [error.mayHaveDeleted ? "unknown" : "present", `rejected ${error.code}`];
  };

  const missing = [...plan.missingIds];
  const takeMissing = () => missing.pop() ?? null;

  // Deal the calls out: controls, singles, batches, session singles and batches, refused sessions.
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const shares = [["control", 0.03], ["single", 0.2], ["batch", 0.4], ["sessionSingle", 0.1], ["sessionBatch", 0.22], ["refusedSession", 0.05]];
  const dealt = {};
  let at = 0;
  for (const [k, [name, share]] of shares.entries()) {
    const size = k === shares.length - 1 ? n - at : Math.round(n * share);
    dealt[name] = order.slice(at, at + size);
    at += size;
  }
  for (const i of dealt.control) claim(i, "present", "untouched");

  const selectorOf = (i, allowExtension = true) => {
    const call = plan.calls[i];
    if (allowExtension && rng.chance(0.2)) return { extension: call.ext, status: call.ongoing ? "ongoing" : "last" };
    return { callID: rng.chance(0.1) ? `{${call.id.toUpperCase()}}` : call.id };
  };
  const abortPlan = (pAbort, pPre, maxMs) => {
    if (rng.chance(pPre)) return { pre: true, ms: 0 };
    if (rng.chance(pAbort)) return { pre: false, ms: rng.int(0, maxMs) };
    return null;
  };
  /** An AbortController for the plan (aborted now, or later with a reason of its own), or none. */
  const armAbort = (abort, label) => {
    if (abort === null) return null;
    const controller = new AbortController();
    abort.reason = new Error(`soak abort (${label})`);
    if (abort.pre) {
      stats.preAborted++;
      controller.abort(abort.reason);
    } else {
      abort.timer = setTimeout(() => controller.abort(abort.reason), abort.ms);
    }
    abort.controller = controller;
    return controller.signal;
  };

  // ---- single deleteCall with the API key ----
  const singleJobs = dealt.single.map((i) => ({ i, selector: selectorOf(i), abort: abortPlan(0.05, 0.01, 30), tiny: rng.chance(0.02) }));
  for (let k = 0; k < Math.max(1, Math.round(dealt.single.length * 0.05)); k++) {
    const id = takeMissing();
    if (id !== null) singleJobs.push({ i: null, missing: id, selector: { callID: id }, abort: null, tiny: false });
  }
  // A few invalid ones: nothing may be sent, VALIDATION.
  for (let k = 0; k < Math.max(1, Math.round(dealt.single.length * 0.01)); k++) singleJobs.push({ i: null, invalid: true, selector: { callID: "not-a-call-id" }, abort: null, tiny: false });
  const singles = pool(6, singleJobs, (job) => track("single", JSON.stringify(job.selector), async () => {
    const signal = armAbort(job.abort, "single");
    const options = {
      baseUrl: location.origin,
      apiKey: plan.secrets.openKey,
      ...job.selector,
      responseType: rng.pick(["XML", "XML", "JSON", "TEXT", "HTML"]),
      method: rng.pick(["POST", "POST", "GET"]),
      timeoutMs: job.tiny ? rng.int(1, 12) : 10_000,
      ...(signal ? { signal } : {}),
    };
    const where = `single ${job.i ?? job.missing ?? "invalid"}`;
    let verdict;
    try {
      const result = await deleteCall(options);
      noSecrets(where, result.message, result.raw);
      if (result.ok !== true || result.code !== 0) problem(`${where}: resolved without ok/code 0: ${JSON.stringify(result).slice(0, 200)}`);
      if (job.invalid) problem(`${where}: an invalid callID resolved`);
      if (options.responseType === "HTML") {
        // HTML carries no API code: `ok` follows the HTTP status (README, "Result"), so the
        // result says nothing about the call. Counted against the emulator, never claimed.
        verdict = ["unknown", "resolved (HTML, no API code)"];
        if (job.missing) stats.htmlOkForMissing = (stats.htmlOkForMissing ?? 0) + 1;
      } else {
        verdict = ["gone", "resolved ok"];
        if (job.missing) problem(`${where}: a call that never existed reported deleted`);
      }
    } catch (error) {
      verdict = judgeRejection(where, error, job.abort);
      if (job.invalid && error?.code !== "VALIDATION") problem(`${where}: an invalid callID rejected with ${error?.code}, not VALIDATION`);
    } finally {
      if (job.abort?.timer) clearTimeout(job.abort.timer);
    }
    count(outcomes, `single: ${verdict[1]}`);
    if (job.i !== null) claim(job.i, verdict[0], `single deleteCall: ${verdict[1]}`);
  }));

  // ---- batches (deleteCalls with the key, client.deleteCalls) ----
  /** Chunks of random sizes, each a batch's items: the calls' selectors, some missing IDs, some invalid items. */
  const batchesOf = (indices, minSize, maxSize) => {
    const list = [];
    for (let at = 0; at < indices.length;) {
      const size = Math.min(indices.length - at, rng.int(minSize, maxSize));
      const entries = indices.slice(at, at + size).map((i) => ({ i, input: rng.chance(0.8) ? selectorOf(i, false).callID : selectorOf(i) }));
      if (rng.chance(0.5)) {
        const id = takeMissing();
        if (id !== null) entries.splice(rng.int(0, entries.length), 0, { i: null, missing: id, input: id });
      }
      if (rng.chance(0.3)) entries.splice(rng.int(0, entries.length), 0, { i: null, invalid: true, input: rng.pick(["12345", { callID: "nope" }, { extension: "8856" }, { callID: plan.calls[0].id, apiKey: "x" }]) });
      list.push(entries);
      at += size;
    }
    return list;
  };

  /** Checks a batch report item by item and records the claims. */
  const judgeReport = (kind, report, entries, { retries, abort, session, progress }) => {
    const where = `${kind} (${entries.length} items)`;
    if (!report || !Array.isArray(report.items)) {
      problem(`${where}: no report items`);
      for (const entry of entries) if (entry.i !== null) claim(entry.i, "unknown", `${kind}: no report`);
      return;
    }
    if (report.items.length !== entries.length || report.total !== entries.length) problem(`${where}: ${report.items.length} items, total ${report.total}`);
    const sum = BATCH_OUTCOMES.reduce((s, o) => s + (report.counts?.[o] ?? 0), 0);
    if (sum !== entries.length) problem(`${where}: counts sum to ${sum}`);
    const tally = {};
    if (report.aborted && !(abort && abort.controller.signal.aborted)) problem(`${where}: aborted without an abort`);
    const stopped = report.aborted || (report.counts?.refused ?? 0) > 0;
    // onProgress is told of every item a worker settles, and once more of the items still unsent
    // when the batch stops (an abort, AUTH_FAILED): done rises, and ends at the total.
    if (progress) {
      const unsent = report.counts?.notAttempted ?? 0;
      if (!progress.monotonic || progress.last !== entries.length || (progress.jumped && unsent === 0)) {
        problem(`${where}: onProgress ended at ${progress.last} of ${entries.length} (${report.counts?.notAttempted} notAttempted), monotonic ${progress.monotonic}`);
      }
    }
    for (let k = 0; k < entries.length; k++) {
      const item = report.items[k];
      const entry = entries[k];
      const here = `${where} item ${k}`;
      if (!item) {
        problem(`${here}: missing`);
        continue;
      }
      stats.batchItems++;
      if (item.index !== k) problem(`${here}: index ${item.index}`);
      if (JSON.stringify(item.input) !== JSON.stringify(entry.input)) problem(`${here}: input ${JSON.stringify(item.input)}`);
      tally[item.outcome] = (tally[item.outcome] ?? 0) + 1;
      const maxAttempts = retries + 1 + (session ? 1 : 0);
      if (!(item.attempts >= 0 && item.attempts <= maxAttempts)) problem(`${here}: ${item.attempts} attempts (retries ${retries})`);
      const error = item.error;
      if (error !== undefined) {
        noSecrets(here, error.message, JSON.stringify(error));
        if (!(error instanceof VerbaError)) problem(`${here}: error is no VerbaError`);
          }
      let verdict;
      const code = error?.code ?? "";
      switch (item.outcome) {
        case "deleted":
          verdict = "gone";
          if (item.result?.ok !== true) problem(`${here}: deleted without an ok result`);
          break;
        case "notFound":
          verdict = "gone";
          if (code !== "CALL_NOT_FOUND") problem(`${here}: notFound with ${code}`);
          break;
        case "refused":
        case "invalid":
        case "notAttempted":
          verdict = "present";
          if (item.outcome === "invalid" && (code !== "VALIDATION" || item.attempts !== 0)) problem(`${here}: invalid with ${code}, ${item.attempts} attempts`);
          if (item.outcome === "notAttempted" && item.attempts !== 0) problem(`${here}: notAttempted after ${item.attempts} attempts`);
          if (item.outcome === "refused" && error?.mayHaveDeleted) verdict = "unknown"; // an earlier attempt may have deleted
          break;
        case "failed":
          verdict = error?.mayHaveDeleted ? "unknown" : "present";
          if (typeof error?.mayHaveDeleted !== "boolean") problem(`${here}: failed without mayHaveDeleted`);
          if (code === "ABORTED") {
            stats.aborts++;
            if (!abort) problem(`${here}: ABORTED without an abort`);
            else if (error.cause !== abort.reason) problem(`${here}: ABORTED whose cause is not the abort reason`);
          }
          if (code === "VALIDATION") problem(`${here}: failed with VALIDATION`);
          break;
        default:
          verdict = "unknown";
          problem(`${here}: outcome ${JSON.stringify(item.outcome)}`);
      }
      if (error && MAY_HAVE_DELETED[code] === true && error.mayHaveDeleted !== true && !session) problem(`${here}: ${code} with mayHaveDeleted ${error.mayHaveDeleted}`);
      count(outcomes, `${kind}: ${item.outcome}${code && item.outcome !== "notFound" ? ` ${code}` : ""}`);
      if (entry.missing && item.outcome === "deleted") problem(`${here}: a call that never existed reported deleted`);
      if (entry.invalid && item.outcome !== "invalid" && !(stopped && item.outcome === "notAttempted")) problem(`${here}: an invalid item ended ${item.outcome}`);
      if (!entry.invalid && item.outcome === "invalid") problem(`${here}: a valid item ended invalid`);
      if (entry.i !== null) claim(entry.i, verdict, `${kind}: ${item.outcome}${code ? ` ${code}` : ""}${error?.mayHaveDeleted ? " (mayHaveDeleted)" : ""}`);
    }
    for (const o of BATCH_OUTCOMES) if ((report.counts?.[o] ?? 0) !== (tally[o] ?? 0)) problem(`${where}: counts.${o} ${report.counts?.[o]}, items ${tally[o] ?? 0}`);
  };

  const runBatch = (kind, entries, send) => {
    const retries = rng.int(0, 3);
    const concurrency = rng.pick([1, 2, 4, 6, 8, 12, 16]);
    const abort = abortPlan(0.12, 0.02, 400);
    const watchProgress = rng.chance(0.5);
    return track(kind, `${entries.length} items`, async () => {
      const signal = armAbort(abort, kind);
      // done rises by one per settled item; a stop's last call may jump to the total (the unsent
      // items at once), and nothing may come after it.
      const progress = watchProgress ? { last: 0, monotonic: true, jumped: false } : null;
      const onProgress = progress ? ({ done }) => {
        if (progress.jumped) progress.monotonic = false;
        else if (done !== progress.last + 1) progress.jumped = true;
        progress.last = done;
      } : undefined;
      let report = null;
      try {
        report = await send(entries.map((e) => e.input), { concurrency, retries, ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
      } catch (error) {
        problem(`${kind}: the batch rejected with ${error?.code ?? error?.name}: ${String(error?.message ?? error).slice(0, 200)}`);
      } finally {
        if (abort?.timer) clearTimeout(abort.timer);
      }
      judgeReport(kind, report, entries, { retries, abort, session: kind !== "batch", progress });
    });
  };

  const keyBatches = (async () => {
    for (const entries of batchesOf(dealt.batch, 20, 400)) {
      await runBatch("batch", entries, (items, options) => deleteCalls(items, {
        baseUrl: location.origin, apiKey: plan.secrets.openKey, responseType: rng.pick(["XML", "JSON", "TEXT"]), timeoutMs: 10_000, ...options,
      }));
    }
  })();

  // ---- sessions: the run's client and a client of this round, singles and batches ----
  const roundClient = makeClient(plan.secrets.sessionKey, plan.secrets.credentials, { responseType: "JSON" });
  const clientFor = () => (rng.chance(0.7) ? longClient : roundClient);
  // The explicit renewal of the API, once a round: a token, or a token request's own error.
  const explicitRenewal = track("requestToken", "", async () => {
    try {
      const info = await roundClient.requestToken();
      if (typeof info?.token !== "string" || !(info.expiresAt > Date.now())) problem(`client.requestToken: ${JSON.stringify(Object.keys(info ?? {}))}`);
      count(outcomes, "requestToken: resolved");
    } catch (error) {
      if (!(error instanceof VerbaError) || error.mayHaveDeleted !== false) problem(`client.requestToken rejected with ${error?.code ?? error?.name}, mayHaveDeleted ${error?.mayHaveDeleted}`);
      count(outcomes, `requestToken: rejected ${error?.code}`);
    }
  });
  const sessionSingles = pool(4, dealt.sessionSingle, (i) => {
    const client = clientFor();
    const abort = abortPlan(0.04, 0.01, 30);
    const selector = selectorOf(i);
    if (rng.chance(0.02)) client.forgetToken();
    return track("sessionSingle", JSON.stringify(selector), async () => {
      const signal = armAbort(abort, "session single");
      let verdict;
      try {
        const result = await client.deleteCall({ ...selector, ...(signal ? { signal } : {}) });
        if (result.ok !== true) problem(`session single ${i}: resolved without ok`);
        verdict = ["gone", "resolved ok"];
      } catch (error) {
        verdict = judgeRejection(`session single ${i}`, error, abort, true);
      } finally {
        if (abort?.timer) clearTimeout(abort.timer);
      }
      count(outcomes, `sessionSingle: ${verdict[1]}`);
      claim(i, verdict[0], `client.deleteCall: ${verdict[1]}`);
    });
  });
  const sessionBatches = (async () => {
    for (const entries of batchesOf(dealt.sessionBatch, 20, 200)) {
      const client = clientFor();
      if (rng.chance(0.05)) client.forgetToken();
      await runBatch("sessionBatch", entries, (items, options) => client.deleteCalls(items, options));
    }
  })();

  // ---- refused sessions: a wrong password, a token the recorder never issued ----
  const refused = (async () => {
    const wrong = makeClient(plan.secrets.sessionKey, { ...plan.secrets.credentials, password: plan.secrets.badPassword }, {}, "wrongCredentialsAsked");
    const stale = makeClient(plan.secrets.sessionKey, null, { token: plan.secrets.staleToken });
    const half = Math.floor(dealt.refusedSession.length / 2);
    const singlesOf = dealt.refusedSession.slice(0, half);
    const batchOf = dealt.refusedSession.slice(half);
    await pool(2, singlesOf, (i) => track("refusedSingle", "", async () => {
      const client = rng.chance(0.5) ? wrong : stale;
      let verdict;
      try {
        await client.deleteCall(selectorOf(i));
        problem(`refused session ${i}: resolved`);
        verdict = ["gone", "resolved ok"];
      } catch (error) {
        verdict = judgeRejection(`refused session ${i}`, error, null, true);
        // The emulator's faults may hit the token request or the call: those codes too.
        if (!["AUTH_FAILED", "NETWORK", "HTTP_ERROR"].includes(error?.code)) problem(`refused session ${i}: ${error?.code}`);
      }
      count(outcomes, `refusedSingle: ${verdict[1]}`);
      claim(i, verdict[0], `refused client.deleteCall: ${verdict[1]}`);
    }));
    for (const entries of batchesOf(batchOf, 10, 60)) {
      const client = rng.chance(0.5) ? wrong : stale;
      await runBatch("refusedBatch", entries, (items, options) => client.deleteCalls(items, options));
    }
  })();

  // ---- hostile replies ----
  const hostileRoutes = {};
  const hostile = pool(2, Array.from({ length: plan.hostileRequests }, () => rng.pick(HOSTILE_ROUTES)), (route) =>
    track("hostile", route.route, async () => {
      count(hostileRoutes, route.route);
      const timeoutMs = route.timeoutMs ?? 5_000;
      const asBatch = rng.chance(0.15);
      const id = plan.missingIds[rng.int(0, plan.missingIds.length - 1)];
      const options = { baseUrl: `${plan.hostileBase}/${route.route}`, apiKey: plan.secrets.openKey, responseType: route.responseType ?? "XML", timeoutMs };
      const t0 = performance.now();
      const codes = [];
      if (asBatch) {
        const report = await deleteCalls([id, id], { ...options, concurrency: 2, retries: 0 });
        if (report.items?.length !== 2 || report.total !== 2) problem(`hostile ${route.route} (batch): ${report.items?.length} items, total ${report.total}`);
        for (const item of report.items ?? []) {
          if (item.outcome === "deleted") problem(`hostile ${route.route} (batch): deleted`);
          if (item.error && !(item.error instanceof VerbaError)) problem(`hostile ${route.route} (batch): error is no VerbaError`);
          codes.push(item.error?.code ?? item.outcome);
          if (item.error) noSecrets(`hostile ${route.route}`, item.error.message, JSON.stringify(item.error));
        }
      } else {
        try {
          await deleteCall({ ...options, callID: id });
          codes.push("resolved");
        } catch (error) {
          if (!(error instanceof VerbaError)) problem(`hostile ${route.route}: ${error?.name}: ${String(error?.message ?? error).slice(0, 200)}`);
          else {
            const due = MAY_HAVE_DELETED[error.code];
            if (due !== undefined && error.mayHaveDeleted !== due) problem(`hostile ${route.route}: ${error.code} with mayHaveDeleted ${error.mayHaveDeleted}`);
            noSecrets(`hostile ${route.route}`, error.message, JSON.stringify(error));
          }
          codes.push(error?.code ?? "not a VerbaError");
        }
      }
      const ms = performance.now() - t0;
      const bound = timeoutMs + 5_000;
      if (ms > bound) problem(`hostile ${route.route}: settled after ${Math.round(ms)} ms, over ${bound} ms`);
      stats.hostileMaxOverMs = Math.max(stats.hostileMaxOverMs, ms - timeoutMs);
      for (const code of codes) {
        if (!route.codes.includes(code)) problem(`hostile ${route.route}: ${code}, expected ${route.codes.join(" or ")}`);
        count(outcomes, `hostile: ${code}`);
      }
    }));

  // Everything at once; a generous deadline turns a hang into a named failure.
  const all = Promise.all([singles, keyBatches, explicitRenewal, sessionSingles, sessionBatches, refused, hostile]).then(() => "done");
  let deadline;
  const finished = await Promise.race([all, new Promise((resolve) => (deadline = setTimeout(() => resolve("deadline"), plan.deadlineMs)))]);
  clearTimeout(deadline);
  clearInterval(peakTimer);
  for (let i = 0; i < n; i++) if (claims[i] === null && finished === "done") problem(`call ${i} got no outcome: a harness error`);
  return {
    finished,
    stuck: [...pending.values()].slice(0, 20),
    stuckCount: pending.size,
    claims,
    hows,
    ops,
    outcomes,
    stats,
    settleMax,
    hostileRoutes,
    heapPeak,
    problems,
    problemCount: problems.count ?? 0,
    unhandled: unhandled.splice(0),
    totals: { ...totals },
    tokenInfo: longClient.tokenInfo === null ? null : { expiresInS: Math.round((longClient.tokenInfo.expiresAt - Date.now()) / 1000) },
  };
}

// The hostile server's routes the soak uses (tests/support/hostile-server.mjs) and the codes each
// may end in; the slow ones with a short timeout. The same ones tests/hostile/ checks one by one.
const HOSTILE_ROUTES = [
  { route: "redirect-302", codes: ["HTTP_ERROR"] },
  { route: "redirect-307", codes: ["HTTP_ERROR"] },
  { route: "status-502", codes: ["HTTP_ERROR"] },
  { route: "status-503-retry-after-0", codes: ["HTTP_ERROR"] },
  { route: "reset-before-headers", codes: ["NETWORK"] },
  { route: "reset-body", codes: ["NETWORK"] },
  { route: "reset-mid-body-chunked", codes: ["NETWORK"] },
  { route: "raw-garbage-status", codes: ["NETWORK"] },
  { route: "raw-bad-status-code", codes: ["PARSE"] },
  { route: "raw-cl-short", codes: ["PARSE"] },
  { route: "raw-bad-chunk", codes: ["NETWORK"] },
  { route: "raw-cl-garbage", codes: ["NETWORK", "CALL_NOT_FOUND"] },
  { route: "body-xml-second-response", codes: ["PARSE"] },
  { route: "body-json-dup-code", codes: ["PARSE"], responseType: "JSON" },
  { route: "body-text-ERROR", codes: ["API_ERROR"], responseType: "TEXT" },
  { route: "body-xml-deep-unclosed", codes: ["PARSE"] },
  { route: "huge-length", codes: ["PARSE"] },
  { route: "huge-chunked", codes: ["PARSE"] },
  { route: "endless", codes: ["PARSE"] },
  { route: "drip", codes: ["TIMEOUT"], timeoutMs: 400 },
  { route: "stall-headers", codes: ["TIMEOUT"], timeoutMs: 400 },
  { route: "stall-body", codes: ["TIMEOUT"], timeoutMs: 400 },
  { route: "echo/xml-api/given", codes: ["API_ERROR"] },
  { route: "echo/html-500/pct-all", codes: ["HTTP_ERROR"], responseType: "HTML" },
];

window.soak = { load, round, sample };
