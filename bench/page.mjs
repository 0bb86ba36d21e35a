// The bench page's code (served by the emulator with bench/ as its static folder, so that
// /pkg/index.js and /dist/*.js are same-origin). bench/run.mjs drives it through
// `window.bench`: load, agreement, then the timings. Every timing interleaves the
// implementations sample by sample, so that a slow moment of the machine hits all of them.
import * as cases from "./cases.mjs";
import * as mix from "./mix.mjs";
import { pathologicalReplies, MAX_REPLY_BYTES } from "./pathological.mjs";
import { IMPLEMENTATIONS } from "./impls.mjs";

const impls = {};
let sink = 0; // every timed result feeds it, so that no work can be optimized away

async function load() {
  for (const impl of IMPLEMENTATIONS) {
    const module = await import(impl.url);
    if (impl.wasm) await module.default();
    impls[impl.id] = module;
  }
  return IMPLEMENTATIONS.map((impl) => impl.id);
}

// ---- outcomes ---------------------------------------------------------------------------------

const issueList = (issues) => issues.map((i) => `${i.field}:${i.code}`).sort();

function sortedJson(value) {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${sortedJson(value[k])}`).join(",")}}`;
}

function shapeProblems(issues) {
  if (!Array.isArray(issues)) return "issues is not an array";
  for (const i of issues) {
    if (typeof i.field !== "string" || typeof i.code !== "string" || typeof i.message !== "string" || i.message === "") {
      return `malformed issue ${JSON.stringify(i)}`;
    }
  }
  return "";
}

/** `{ outcome, detail }`: outcome is compared with the expected one and across implementations,
 * detail only across implementations. */
/** The credentials of the options, as far as they are long enough to be recognized. */
function secretsIn(options) {
  if (options === null || typeof options !== "object") return [];
  return [options.apiKey, options.token].filter((s) => typeof s === "string" && s.length >= 8);
}

function optionOutcome(module, options) {
  let report;
  try {
    report = module.validateDeleteCall(options);
  } catch (error) {
    return { outcome: `threw ${error}`, detail: "" };
  }
  const shape = shapeProblems(report.issues);
  if (shape) return { outcome: shape, detail: "" };
  const secrets = secretsIn(options);
  const leak = report.issues.find((i) => secrets.some((s) => i.message.includes(s)));
  if (leak) return { outcome: `a secret in the message of ${leak.field}:${leak.code}`, detail: "" };
  if (!report.valid) {
    return { outcome: issueList(report.issues).join(" "), detail: report.normalized === null ? "" : "normalized not null" };
  }
  let built;
  try {
    const r = module.buildDeleteCallRequest(options);
    const previewLeaks = typeof r.preview !== "string" || secrets.some((s) => r.preview.includes(s));
    if (previewLeaks) return { outcome: "a secret in the preview (or no preview)", detail: "" };
    built = sortedJson({ method: r.method, url: r.url, body: r.body, headers: r.headers });
  } catch (error) {
    built = `build threw ${error.code ?? error}`;
  }
  return { outcome: "valid", detail: `normalized ${sortedJson(report.normalized)}\nrequest ${built}` };
}

function parameterOutcome(module, name, value) {
  let issues;
  try {
    issues = module.validateParameter(name, value);
  } catch (error) {
    return { outcome: `threw ${error}`, detail: "" };
  }
  return { outcome: shapeProblems(issues) || issueList(issues).join(" "), detail: "" };
}

function errorOutcome(error) {
  if (error?.name === "AbortError") return { outcome: "AbortError", detail: "" };
  if (!(error instanceof Error) || error.name !== "VerbaError" || typeof error.code !== "string") {
    return { outcome: `threw a non-VerbaError: ${error}`, detail: "" };
  }
  const outcome = error.apiCode === undefined ? error.code : `${error.code} ${error.apiCode}`;
  const detail = sortedJson({
    httpStatus: error.httpStatus ?? null,
    issues: error.issues ? issueList(error.issues) : null,
    mayHaveDeleted: error.mayHaveDeleted ?? "missing",
  });
  return { outcome, detail };
}

function resultOutcome(result, body) {
  return {
    outcome: result.ok === true && result.code === 0 ? "ok" : `bad result ${JSON.stringify(result)}`,
    detail: sortedJson({
      action: result.action, message: result.message, responseType: result.responseType,
      httpStatus: result.httpStatus, raw: !("raw" in result) ? "none" : result.raw === body ? "body" : "other",
    }),
  };
}

function replyOutcome(module, body, responseType, httpStatus) {
  try {
    return resultOutcome(module.parseDeleteCallResponse(body, responseType, httpStatus), body);
  } catch (error) {
    return errorOutcome(error);
  }
}

async function emulatorRequests() {
  return (await fetch("/__emulator/requests", { cache: "no-store" })).json();
}

/** The outcome of deleteCall, with what reached the emulator (names only) in the details. */
async function requestOutcome(module, options) {
  const before = (await emulatorRequests()).count;
  let result;
  try {
    result = resultOutcome(await module.deleteCall(options), undefined);
  } catch (error) {
    result = errorOutcome(error);
  }
  const after = await emulatorRequests();
  let sent = "nothing sent";
  if (after.count === before + 1) {
    const r = after.recent.at(-1);
    sent = `${r.method} query=${r.queryKeys} body=${r.bodyKeys} type=${r.contentType}`;
  } else if (after.count !== before) {
    sent = `${after.count - before} requests sent`;
  }
  if (result.outcome === "VALIDATION" && sent !== "nothing sent") result.outcome = `VALIDATION, yet ${sent}`;
  return { outcome: result.outcome, detail: `${result.detail}\n${sent}` };
}

async function resetEmulator(fixtureJson) {
  const response = await fetch("/__emulator/reset", {
    method: "POST", headers: { "content-type": "application/json" }, body: fixtureJson,
  });
  if (response.status !== 200) throw new Error(`reset: HTTP ${response.status} ${await response.text()}`);
}

const short = (value) => {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
};

/**
 * Runs the case table on every implementation. Returns `{ checked, problems }`; a problem is
 * a case where an implementation's outcome differs from the wasm module's, or the wasm module's
 * from the spec's expected outcome.
 */
async function agreement(closedUrl) {
  const problems = [];
  let checked = 0;
  const compare = (section, name, expected, outcomes) => {
    checked++;
    const wasm = outcomes.wasm;
    const want = Array.isArray(expected) ? expected.join(" ") : expected;
    if (wasm.outcome !== want) {
      problems.push({ section, case: name, impl: "wasm", kind: "differs from the spec", expected: want, got: wasm.outcome });
    }
    for (const [id, got] of Object.entries(outcomes)) {
      if (id === "wasm") continue;
      if (got.outcome !== wasm.outcome) {
        problems.push({ section, case: name, impl: id, kind: "outcome differs from wasm", expected: wasm.outcome, got: got.outcome });
      } else if (got.detail !== wasm.detail) {
        problems.push({ section, case: name, impl: id, kind: "details differ from wasm", expected: wasm.detail, got: got.detail });
      }
    }
  };
  const ids = Object.keys(impls);
  const each = (fn) => Object.fromEntries(ids.map((id) => [id, fn(impls[id])]));

  for (const [name, options, expected] of cases.optionCases) {
    compare("validateDeleteCall", name, expected, each((m) => optionOutcome(m, options)));
  }
  for (const [name, value, expected] of cases.parameterCases) {
    compare("validateParameter", `${short(name)} = ${short(value)}`, expected, each((m) => parameterOutcome(m, name, value)));
  }
  for (const [name, body, type, status, expected] of cases.replyCases) {
    compare("parseDeleteCallResponse", name, expected, each((m) => replyOutcome(m, body, type, status)));
  }
  const fixtureJson = JSON.stringify(cases.fixture(20));
  const requestCases = cases.requestCases(location.origin, closedUrl);
  const outcomes = requestCases.map(() => ({}));
  for (const id of ids) {
    await resetEmulator(fixtureJson);
    for (const [at, [, options]] of requestCases.entries()) outcomes[at][id] = await requestOutcome(impls[id], options);
  }
  for (const [at, [name, , expected]] of requestCases.entries()) compare("deleteCall", name, expected, outcomes[at]);
  return { checked, problems };
}

// ---- timing -----------------------------------------------------------------------------------

const now = () => performance.now();
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Iterations of `run` that take at least `minMs`. */
function calibrate(run, minMs) {
  let n = 1;
  for (;;) {
    const t0 = now();
    run(n);
    const t = now() - t0;
    if (t >= minMs) return n;
    n = t < minMs / 20 ? n * 10 : Math.ceil((n * minMs * 1.15) / t);
  }
}

/**
 * Times synchronous tasks `{ key, ops, run(n) }` (`ops` operations per iteration): warm-up,
 * calibration to `minSampleMs` per sample, then `samples` samples, the tasks interleaved (the
 * order rotates each sample). Returns µs per operation for each key: median and every sample.
 */
function timeTasks(tasks, { samples, minSampleMs, warmupMs }) {
  for (const task of tasks) {
    const end = now() + warmupMs;
    while (now() < end) task.run(1);
  }
  for (const task of tasks) task.n = calibrate(task.run, minSampleMs);
  const times = tasks.map(() => []);
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < tasks.length; k++) {
      const at = (k + s) % tasks.length;
      const task = tasks[at];
      const t0 = now();
      task.run(task.n);
      const t = now() - t0;
      times[at].push((t * 1000) / (task.n * task.ops));
    }
  }
  return Object.fromEntries(tasks.map((task, at) => [task.key, {
    medianUs: median(times[at]), samplesUs: times[at], iterationsPerSample: task.n, opsPerIteration: task.ops,
  }]));
}

function validationTasks() {
  const inputs = mix.validationMix;
  const params = mix.parameterMix;
  const tasks = [];
  for (const id of Object.keys(impls)) {
    const m = impls[id];
    tasks.push({
      key: `validate/${id}`, ops: inputs.length,
      run(n) {
        let s = 0;
        for (let i = 0; i < n; i++) for (const options of inputs) s += m.validateDeleteCall(options).issues.length + 1;
        sink += s;
      },
    });
    tasks.push({
      key: `parameter/${id}`, ops: params.length,
      run(n) {
        let s = 0;
        for (let i = 0; i < n; i++) for (const [name, value] of params) s += m.validateParameter(name, value).length + 1;
        sink += s;
      },
    });
  }
  return tasks;
}

function parseTasks() {
  const tasks = [];
  for (const [kind, body, type] of mix.replies) {
    for (const id of Object.keys(impls)) {
      const m = impls[id];
      tasks.push({
        key: `${kind}/${id}`, ops: 1,
        run(n) {
          let s = 0;
          for (let i = 0; i < n; i++) {
            try {
              s += m.parseDeleteCallResponse(body, type, 200).httpStatus;
            } catch (error) {
              s += error.apiCode;
            }
          }
          sink += s;
        },
      });
    }
  }
  return tasks;
}

function timeValidation(settings) {
  return timeTasks(validationTasks(), settings);
}

function timeParsing(settings) {
  return timeTasks(parseTasks(), settings);
}

// ---- pathological 1 MiB replies ----------------------------------------------------------------

/** The browser's own parser of a format, on the same body (TEXT has none). */
function nativeParse(body, type) {
  if (type === "XML") {
    domParser ??= new DOMParser();
    return domParser.parseFromString(body, "application/xml").documentElement === null ? 0 : 1;
  }
  if (type === "JSON") {
    try {
      return JSON.parse(body) === undefined ? 0 : 1;
    } catch {
      return 0; // JSON.parse refuses it (deep nesting may exceed its stack): still timed
    }
  }
  return undefined;
}
let domParser;
const NATIVE_BUDGET_MS = 3000;

/** ms of one call of `run`. */
function once(run) {
  const t0 = now();
  run();
  return now() - t0;
}

/**
 * parseDeleteCallResponse of the package on each pathological reply (bench/pathological.mjs),
 * and the browser's own parser on the same body, one call each per sample, the two alternating
 * which goes first (the browser's for at most NATIVE_BUDGET_MS). Returns, per body: its size, the package's outcome, the median ms of each, and
 * their ratio (package / browser).
 */
function timePathological({ samples }) {
  const wasm = impls.wasm;
  const rows = [];
  for (const [name, body, type] of pathologicalReplies()) {
    const bytes = new TextEncoder().encode(body).length;
    if (bytes > MAX_REPLY_BYTES) throw new Error(`${name}: ${bytes} bytes, over 1 MiB`);
    const parse = () => {
      try {
        sink += wasm.parseDeleteCallResponse(body, type, 200).httpStatus;
      } catch (error) {
        sink += error.code.length;
      }
    };
    const { outcome } = replyOutcome(wasm, body, type, 200);
    const native = type === "TEXT" ? undefined : () => { sink += nativeParse(body, type); };
    parse(); // warm-up
    // The browser's parser is slow on some of these bodies (seconds): its samples stop once
    // they have taken NATIVE_BUDGET_MS, the warm-up included.
    let nativeSpent = native ? once(native) : 0;
    const nativeSample = () => {
      if (nativeSpent > NATIVE_BUDGET_MS && nativeMs.length > 0) return;
      const ms = once(native);
      nativeSpent += ms;
      nativeMs.push(ms);
    };
    const wasmMs = [];
    const nativeMs = [];
    for (let s = 0; s < samples; s++) {
      if (native && s % 2 === 1) nativeSample();
      wasmMs.push(once(parse));
      if (native && s % 2 === 0) nativeSample();
    }
    rows.push({
      name, type, bytes, outcome,
      wasmMedianMs: median(wasmMs),
      nativeMedianMs: native ? median(nativeMs) : null,
      // Of the medians: a browser parser that stops at once can take 0 ms in a sample.
      ratio: native && median(nativeMs) > 0 ? median(wasmMs) / median(nativeMs) : null,
      wasmSamplesMs: wasmMs,
      nativeSamplesMs: native ? nativeMs : null,
      nativeCalls: nativeMs.length,
    });
  }
  return rows;
}

// ---- requests ---------------------------------------------------------------------------------

const fixtures = new Map();

/**
 * One round of `count` deletions by callID with `impl`'s deleteCall on a fresh fixture, with
 * `concurrency` requests in flight (1 = sequential). Latencies only for sequential rounds.
 */
async function requestRound(id, count, concurrency) {
  const calls = count + 24;
  if (!fixtures.has(calls)) fixtures.set(calls, JSON.stringify(cases.fixture(calls)));
  await resetEmulator(fixtures.get(calls));
  const deleteCall = id === "floor" ? bareDeleteCall : impls[id].deleteCall;
  const base = { baseUrl: location.origin, apiKey: cases.KEY, token: cases.TOKEN };
  const options = Array.from({ length: count }, (_, n) => ({ ...base, callID: cases.callId(n) }));
  const latencies = new Float64Array(concurrency === 1 ? count : 0);
  let ok = 0;
  const t0 = now();
  if (concurrency === 1) {
    for (let i = 0; i < count; i++) {
      const start = now();
      const result = await deleteCall(options[i]);
      latencies[i] = now() - start;
      if (result.ok === true) ok++;
    }
  } else {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const result = await deleteCall(options[next++]);
        if (result.ok === true) ok++;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  const totalMs = now() - t0;
  if (ok !== count) throw new Error(`${id}: only ${ok} of ${count} deletions succeeded`);
  return {
    totalMs,
    throughputPerS: (count * 1000) / totalMs,
    medianLatencyMs: concurrency === 1 ? median(latencies) : null,
    meanLatencyMs: concurrency === 1 ? totalMs / count : null,
  };
}

/**
 * The floor of the request figures: the same POST with a bare fetch, no validation, no request
 * building, no parsing beyond a substring test.
 */
async function bareDeleteCall(options) {
  const body = `apiKey=${options.apiKey}&token=${options.token}&responseType=XML&callID=${options.callID}`;
  const response = await fetch(`${options.baseUrl}/verba/api?action=DeleteCall`, {
    method: "POST", body, headers: { "Content-Type": "application/x-www-form-urlencoded" }, cache: "no-store",
  });
  const text = await response.text();
  return { ok: response.status === 200 && text.includes('code="0"') };
}

function environment() {
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    userAgent: navigator.userAgent,
    hardwareConcurrency: navigator.hardwareConcurrency,
  };
}

window.bench = {
  load, agreement, timeValidation, timeParsing, timePathological, requestRound, environment, sink: () => sink,
};
