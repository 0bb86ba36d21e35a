// The soak run (issue 12; `make soak`, not part of `make test`): the built package in one headless
// Chromium page, driven for SOAK_REQUESTS requests (default 100,000) against the emulator with
// faults on and against the hostile server, every outcome checked against the emulator's state,
// the memory watched. Run: `make soak` (builds first), or after `make pkg emulator-bin`:
//   VERBA_WWW=. tests/support/with-emulator.sh node soak/soak.mjs
// (SOAK_REQUESTS=2000 for a quick run). Exit code 1 on any disagreement, unsettled promise,
// console error, page error, unhandled rejection or leak, each named in the output.
//
// Decisions (where the issue leaves them open):
// - One page and one `init` for the whole run, the package imported from /pkg/index.js served by
//   the emulator (same origin, as a portal does); one session client lives the whole run, and
//   each round also makes clients of its own (createClient per round, so clients are not leaked).
//   The emulator serves the repository as its static folder (loopback only, for the run), so that
//   the page at /soak/soak.html imports the bench page's memory helpers (bench/page-memory.mjs).
// - Rounds: each round resets the emulator to fresh calls (rounds rather than one 100,000-call
//   fixture: the emulator's store scans its calls for every request, and a failure names a round)
//   (SOAK_ROUND_CALLS, default SOAK_REQUESTS / 12 clamped to 200..5,000; a 5,000-call fixture is
//   about 0.7 MB, the reset route takes 16 MiB), runs the round's mix, then checks every call
//   against GET /__emulator/calls and reads the request count and the faults met from GET /__emulator/requests. Requests are counted
//   as the emulator counts them (every /verba/api request, RequestTokens included) plus the
//   hostile server's API requests; rounds go on until the sum reaches SOAK_REQUESTS (the last
//   round is sized from the requests per call seen so far, so the run ends close to the target).
// - Faults (emulator/src/faults.rs), a new seed per round: 4 % connections cut before acting, 3 %
//   cut after deleting, 4 % HTTP 503 with Retry-After: 1, every answer delayed 0-10 ms (small, so
//   that 100,000 requests take minutes, not hours). Tokens issued by RequestToken live 3 s
//   (tokenLifetimeS), while the client believes the vendor's hour: calls after 3 s are refused
//   (AUTH_FAILED), the client renews and repeats; each reset also drops every token.
// - The mix of a round (soak/soak-page.mjs deals every call to exactly one operation, by a seeded
//   generator): 3 % untouched controls; 20 % single deleteCall with the key (6 at a time, XML,
//   JSON, TEXT or HTML, POST or GET, callID with or without braces or extension + status, 5 %
//   aborted at a random moment within 30 ms, 1 % aborted before the call, 2 % with a 1-12 ms
//   timeout), plus IDs no call has (CALL_NOT_FOUND) and invalid ones (VALIDATION); 40 % in
//   deleteCalls batches of 20-400 items (concurrency 1-16, retries 0-3, 12 % aborted within
//   400 ms, 2 % before starting, some with missing IDs and invalid items, half with onProgress);
//   10 % client.deleteCall and 22 % client.deleteCalls (batches of 20-200) on the session key,
//   through the run's client or the round's (and one client.requestToken() a round); 5 % through
//   refused sessions (a wrong password, a token the recorder never issued): AUTH_FAILED, nothing
//   deleted; and, at once with all that,
//   3 % of the round's calls in requests to the hostile server (tests/support/hostile-server.mjs:
//   redirects, proxy error pages, resets, invalid HTTP, pathological and huge or endless bodies,
//   drips and stalls with a 400 ms timeout, echoed secrets), single or in 2-item batches, each of
//   which must end in the expected VerbaError code within its timeout + 5 s.
// - The check, per call: the page's outcome gives a claim, "gone" (resolved ok, deleted,
//   notFound, CALL_NOT_FOUND), "present" (refused, invalid, notAttempted, an error with
//   mayHaveDeleted false, an abort before the call, untouched) or "unknown" (mayHaveDeleted true,
//   an abort under way). "gone" must find the call deleted or marked, "present" must find it there
//   and unmarked; "unknown" is counted against reality, never failed. HTML replies carry no API
//   code (`ok` follows the HTTP status, as documented), so their results are "unknown" too. The page
//   itself checks what needs no emulator: one report item per input, counts that sum, attempts
//   within retries + 1 (+ 1 for a session's repeat), mayHaveDeleted by code, ABORTED items whose
//   cause is the abort reason, aborts that reject with the caller's reason, onProgress rising by
//   one to the total (when the batch stops, the last call jumps to it: the items left unsent at
//   once), no deleted for a call that never existed, no secret in
//   any message, hostile codes and bounds.
// - Settling: every operation the page starts is counted when it starts and when it settles; a
//   round that has not settled after its deadline (10 minutes) is a failure naming what is stuck.
// - Memory: after each round, performance.memory.usedJSHeapSize (--enable-precise-memory-info)
//   and the wasm memory's byte length, after the page's own gc() (--js-flags=--expose-gc) and
//   again after the inspector's full collection (HeapProfiler.collectGarbage), which also frees
//   Blink objects of finished requests that gc() from the page leaves behind (heap snapshots
//   named the inspector's own network records, blink::NetworkResourcesData::ResourceData, kept
//   because playwright's DevTools session watches the network): with gc() alone the figure crept
//   up by some 0.4 KiB per request in the quick runs, with the inspector's collection it is flat.
//   Both figures are printed; the threshold applies to the second. Round 1 is the warm-up. A
//   leak is a post-GC heap more than 20 MiB above round 2's at the end (the page keeps nothing
//   between rounds, so its heap after collection is about 2 MiB whatever the round size: 20 MiB
//   is far above that noise, and over 100,000 requests any leak of more than about 210 bytes per
//   request crosses it), or wasm memory more than 4 MiB above round 2's (it never shrinks; up to
//   four 1 MiB replies are read at once by the hostile share, so its high-water mark may rise by
//   a few pages once; over 100,000 requests, 4 MiB is about 42 bytes per request).
// - Console: every console message of type error and every page error fails the run, except the
//   browser's own network noise for the faults at work ("Failed to load resource", net::ERR_...,
//   CORS refusals of a hostile answer) on /verba/api of the emulator or the hostile server; those
//   are counted and printed. No timing is asserted: requests/s are figures.
// - Secrets: the API keys, password and tokens are made up per run and never printed.
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { BASE, emulatorCalls, emulatorJson, emulatorReset } from "../tests/e2e/support.mjs";
import { launchChromium } from "../tests/support/chromium.mjs";

const HOSTILE = process.env.VERBA_HOSTILE_URL;
const envInt = (name, fallback) => (process.env[name] === undefined || process.env[name] === "" ? fallback : Number.parseInt(process.env[name], 10));
const TARGET = envInt("SOAK_REQUESTS", 100_000);
const ROUND_CALLS = envInt("SOAK_ROUND_CALLS", Math.min(5_000, Math.max(200, Math.round(TARGET / 12))));
const SEED = envInt("SOAK_SEED", 12);
const FAULTS = { dropBeforeRate: 0.04, dropAfterDeleteRate: 0.03, unavailableRate: 0.04, retryAfterS: 1, delayMs: [0, 10] };
const TOKEN_LIFETIME_S = 3;
const HOSTILE_SHARE = 0.03;
const MISSING_SHARE = 0.05;
const ROUND_DEADLINE_MS = 10 * 60_000;
const MiB = 1024 * 1024;
const HEAP_LEAK_BYTES = 20 * MiB;
const WASM_LEAK_BYTES = 4 * MiB;
const RESET_LIMIT = 1024 * 1024;
const CHROMIUM_MEMORY_ARGS = ["--enable-precise-memory-info", "--js-flags=--expose-gc"];

// Made up for this run, never printed.
const SECRETS = {
  openKey: randomUUID(),
  sessionKey: randomUUID(),
  credentials: { userName: "soak-admin", password: randomBytes(12).toString("base64url") },
  badPassword: randomBytes(12).toString("base64url"),
  staleToken: randomBytes(24).toString("hex").toUpperCase(),
};

const started = Date.now();
const log = (text) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${text}`);
const mb = (bytes) => (bytes === null || bytes === undefined ? "-" : `${(bytes / MiB).toFixed(2)} MiB`);
const hex = (n, width) => n.toString(16).padStart(width, "0");
const callId = (round, i) => `5a${hex(round, 6)}-0000-4000-8000-${hex(i, 12)}`;
const missingId = (round, i) => `5a${hex(round, 6)}-0000-4000-9999-${hex(i, 12)}`;

/** The round's calls: 5 % ongoing (marked, not removed, when deleted), 2 % protected (code 5). */
function roundCalls(round, n) {
  const calls = [];
  for (let i = 0; i < n; i++) {
    calls.push({ id: callId(round, i), ext: String(7_000_000 + i), ongoing: i % 20 === 7, doNotDelete: i % 50 === 11 });
  }
  return calls;
}

function fixture(round, calls) {
  return {
    apiKeys: [
      { key: SECRETS.openKey, tokens: [], requiresToken: false },
      { key: SECRETS.sessionKey, tokens: [], requiresToken: true },
    ],
    users: [{ ...SECRETS.credentials, roles: ["System Administrator", "System Supervisor"] }],
    tokenLifetimeS: TOKEN_LIFETIME_S,
    calls: calls.map((c, i) => ({
      callID: c.id,
      participants: [c.ext],
      ...(c.ongoing ? { state: "ongoing", startOffsetS: -60 } : { state: "finished", startOffsetS: -7200, endOffsetS: -3600 + (i % 3000) }),
      ...(c.doNotDelete ? { doNotDelete: true } : {}),
    })),
    faults: { seed: SEED * 1000 + round, ...FAULTS },
  };
}

async function hostileCount() {
  const response = await fetch(`${HOSTILE}/__requests`, { cache: "no-store" });
  return (await response.json()).count;
}

const add = (into, from) => {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + v;
};

/** Every call's claim against the emulator's listing: the disagreements, and the unknowns' reality. */
function checkClaims(calls, result, listed) {
  const state = new Map(listed.map((c) => [c.callID.toLowerCase(), c.markedForDeletion === true]));
  const disagreements = [];
  const unknown = {};
  const claims = { gone: 0, present: 0, unknown: 0 };
  for (let i = 0; i < calls.length; i++) {
    const here = state.has(calls[i].id) && state.get(calls[i].id) === false;
    const claim = result.claims[i];
    const how = result.hows[i];
    claims[claim] = (claims[claim] ?? 0) + 1;
    if (claim === "gone" && here) disagreements.push(`call ${i} (${calls[i].ongoing ? "ongoing" : "finished"}): ${how}, but the call is still there, unmarked`);
    else if (claim === "present" && !here) disagreements.push(`call ${i} (${calls[i].ongoing ? "ongoing" : "finished"}): ${how}, but the call is ${state.has(calls[i].id) ? "marked" : "gone"}`);
    else if (claim === "unknown") {
      const key = `${how} -> ${here ? "present" : "gone"}`;
      unknown[key] = (unknown[key] ?? 0) + 1;
    } else if (claim !== "gone" && claim !== "present") disagreements.push(`call ${i}: claim ${JSON.stringify(claim)} (${how})`);
  }
  return { disagreements, unknown, claims };
}

async function main() {
  if (!BASE || !HOSTILE) throw new Error("VERBA_EMULATOR_URL / VERBA_HOSTILE_URL are not set; run through `VERBA_WWW=. tests/support/with-emulator.sh` (make soak does)");
  log(`soak: ${TARGET.toLocaleString("en")} requests, rounds of up to ${ROUND_CALLS.toLocaleString("en")} calls; emulator ${BASE}, hostile server ${HOSTILE}`);
  log(`faults ${JSON.stringify(FAULTS)}, token lifetime ${TOKEN_LIFETIME_S} s, hostile share ${HOSTILE_SHARE * 100} %`);
  const failures = [];
  const fail = (text) => {
    failures.push(text);
    console.error(`  FAIL: ${text}`);
  };
  const consoleProblems = [];
  const noise = {};
  const browser = await launchChromium(CHROMIUM_MEMORY_ARGS);
  const rounds = [];
  const total = { emulator: 0, hostile: 0, ops: {}, outcomes: {}, faults: {}, unknown: {}, claims: {}, stats: {}, max: {}, hostileRoutes: {}, disagreements: 0, pageProblems: 0 };
  let environment;
  let last;
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const text = msg.text();
      const where = msg.location().url ?? "";
      const api = [`${BASE}/verba/api`, HOSTILE].some((origin) => where.startsWith(origin) || text.includes(origin));
      if (api && /^Failed to load resource|net::ERR_|blocked by CORS policy/.test(text)) {
        const key = text.replace(/https?:\/\/\S+/g, "URL").replace(/\s+/g, " ").slice(0, 120);
        noise[key] = (noise[key] ?? 0) + 1;
      } else {
        consoleProblems.push(`console error: ${text.slice(0, 300)} (${where})`);
      }
    });
    page.on("pageerror", (error) => consoleProblems.push(`page error: ${error.message}`));
    await page.goto(`${BASE}/soak/soak.html`);
    await page.waitForFunction(() => window.soak !== undefined);
    environment = await page.evaluate((secrets) => window.soak.load({ secrets }), SECRETS);
    log(`page: ${environment.userAgent}; wasm memory visible ${environment.wasmMemory}, precise heap ${environment.preciseMemory}, gc ${environment.gc}`);
    if (!environment.wasmMemory || !environment.preciseMemory || !environment.gc) fail("the page cannot see the wasm memory, the precise heap or gc: the memory figures would mean nothing");
    // The figures: after the page's own gc() (as bench/batch-page.mjs does), then after the
    // inspector's full collection (see the top of this file); the leak threshold applies to the
    // second.
    const cdp = await context.newCDPSession(page);
    const sampleMemory = async () => {
      const own = await page.evaluate(() => window.soak.sample());
      await cdp.send("HeapProfiler.collectGarbage");
      await cdp.send("HeapProfiler.collectGarbage");
      const precise = await page.evaluate(() => window.soak.sample());
      return { ...precise, heapOwnGc: own.heap };
    };
    const first = await sampleMemory();
    log(`after init: JS heap ${mb(first.heap)} (${mb(first.heapOwnGc)} after the page's gc() alone), wasm memory ${mb(first.wasm)}`);

    let perCall = 1.3;
    for (let round = 1; total.emulator + total.hostile < TARGET; round++) {
      const remaining = TARGET - total.emulator - total.hostile;
      const n = Math.max(100, Math.min(ROUND_CALLS, Math.ceil(remaining / perCall)));
      const calls = roundCalls(round, n);
      const body = fixture(round, calls);
      const size = Buffer.byteLength(JSON.stringify(body));
      if (size > RESET_LIMIT) throw new Error(`round ${round}: the fixture is ${size} bytes, over the reset route's 1 MiB: lower SOAK_ROUND_CALLS`);
      await emulatorReset(body);
      const hostileBefore = await hostileCount();
      const missingIds = Array.from({ length: Math.max(4, Math.round(n * MISSING_SHARE)) }, (_, i) => missingId(round, i));
      const t0 = Date.now();
      const result = await page.evaluate((plan) => window.soak.round(plan), {
        round, seed: SEED * 7919 + round, calls, missingIds, hostileBase: HOSTILE,
        hostileRequests: Math.max(2, Math.round(n * HOSTILE_SHARE)), secrets: SECRETS, deadlineMs: ROUND_DEADLINE_MS,
      });
      const seconds = (Date.now() - t0) / 1000;
      const requests = await emulatorJson("requests");
      const listed = await emulatorCalls();
      const hostile = (await hostileCount()) - hostileBefore;
      const memory = await sampleMemory();
      const check = checkClaims(calls, result, listed);
      total.emulator += requests.count;
      total.hostile += hostile;
      perCall = (requests.count + hostile) / n;
      add(total.ops, result.ops);
      add(total.outcomes, result.outcomes);
      add(total.hostileRoutes, result.hostileRoutes);
      add(total.faults, requests.faults);
      add(total.unknown, check.unknown);
      add(total.claims, check.claims);
      const { hostileMaxOverMs, ...sums } = result.stats;
      add(total.stats, sums);
      for (const [k, v] of Object.entries({ ...result.settleMax, hostileOverTimeout: hostileMaxOverMs })) total.max[k] = Math.max(total.max[k] ?? 0, v);
      total.disagreements += check.disagreements.length;
      total.pageProblems += result.problemCount;
      const row = {
        round, calls: n, seconds, emulator: requests.count, hostile, requestsPerS: (requests.count + hostile) / seconds,
        faults: requests.faults, disagreements: check.disagreements.length, pageProblems: result.problemCount,
        heap: memory.heap, heapOwnGc: memory.heapOwnGc, heapPeak: result.heapPeak, wasm: memory.wasm, started: memory.started, settled: memory.settled,
        tokenRequests: result.totals.credentialsAsked, wrongTokenRequests: result.totals.wrongCredentialsAsked,
      };
      rounds.push(row);
      last = memory;
      const f = requests.faults ?? {};
      log(`round ${round}: ${n} calls, ${requests.count} + ${hostile} hostile requests in ${seconds.toFixed(1)} s (${row.requestsPerS.toFixed(0)}/s); ` +
        `faults ${f.dropBefore}/${f.dropAfterDelete}/${f.unavailable}; claims ${check.claims.gone} gone, ${check.claims.present} present, ${check.claims.unknown} unknown; ` +
        `disagreements ${check.disagreements.length}, page problems ${result.problemCount}; heap ${mb(memory.heap)} (gc() alone ${mb(memory.heapOwnGc)}, peak ${mb(result.heapPeak)}), wasm ${mb(memory.wasm)}; ` +
        `total ${(total.emulator + total.hostile).toLocaleString("en")}`);
      for (const d of check.disagreements.slice(0, 20)) console.error(`    disagreement: ${d}`);
      for (const p of result.problems.slice(0, 20)) console.error(`    page: ${p}`);
      if (check.disagreements.length) fail(`round ${round}: ${check.disagreements.length} outcome(s) disagree with the emulator's state`);
      if (result.problemCount) fail(`round ${round}: ${result.problemCount} problem(s) found in the page (listed above)`);
      if (result.finished !== "done") fail(`round ${round}: ${result.stuckCount} operation(s) not settled after ${ROUND_DEADLINE_MS / 1000} s: ${result.stuck.join("; ")}`);
      if (result.unhandled.length) fail(`round ${round}: unhandled rejections or errors in the page: ${result.unhandled.slice(0, 5).join(" | ")}`);
      if (consoleProblems.length) fail(`round ${round}: console or page errors: ${consoleProblems.splice(0).slice(0, 5).join(" | ")}`);
      if (failures.length && result.finished !== "done") break;
    }
    await context.close();
  } finally {
    await browser.close();
  }
  const wallS = (Date.now() - started) / 1000;

  // ---- memory verdict ----
  const base = rounds.length >= 2 ? rounds[1] : rounds[0];
  const end = rounds.at(-1);
  const heapGrowth = end.heap - base.heap;
  const wasmGrowth = end.wasm - base.wasm;
  if (last.started !== last.settled || last.pending !== 0) fail(`${last.started} operations started, ${last.settled} settled, ${last.pending} pending at the end`);
  if (heapGrowth > HEAP_LEAK_BYTES) fail(`JS heap after GC grew by ${mb(heapGrowth)} from round ${base.round} to round ${end.round} (threshold ${mb(HEAP_LEAK_BYTES)}): a leak`);
  if (wasmGrowth > WASM_LEAK_BYTES) fail(`wasm memory grew by ${mb(wasmGrowth)} from round ${base.round} to round ${end.round} (threshold ${mb(WASM_LEAK_BYTES)}): a leak`);

  // ---- the summary ----
  const sent = total.emulator + total.hostile;
  console.log("\n| round | calls | s | requests (emulator + hostile) | req/s | dropBefore | dropAfterDelete | 503 | disagreements | page problems | token requests | JS heap after GC | after the page's gc() alone | heap peak | wasm memory |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  let tokenRequestsBefore = 0;
  for (const r of rounds) {
    const f = r.faults ?? {};
    console.log(`| ${r.round} | ${r.calls} | ${r.seconds.toFixed(1)} | ${r.emulator} + ${r.hostile} | ${r.requestsPerS.toFixed(0)} | ${f.dropBefore ?? "-"} | ${f.dropAfterDelete ?? "-"} | ${f.unavailable ?? "-"} | ` +
      `${r.disagreements} | ${r.pageProblems} | ${r.tokenRequests - tokenRequestsBefore} | ${mb(r.heap)} | ${mb(r.heapOwnGc)} | ${mb(r.heapPeak)} | ${mb(r.wasm)} |`);
    tokenRequestsBefore = r.tokenRequests;
  }
  const heaps = rounds.map((r) => r.heap);
  const wasms = rounds.map((r) => r.wasm);
  const sorted = (table) => Object.entries(table).sort((a, b) => b[1] - a[1]);
  console.log(`\nrequests sent: ${sent.toLocaleString("en")} (emulator ${total.emulator.toLocaleString("en")}, hostile server ${total.hostile.toLocaleString("en")}) ` +
    `in ${wallS.toFixed(0)} s (${(sent / wallS).toFixed(0)} requests/s over the whole run, rounds only ${(sent / rounds.reduce((s, r) => s + r.seconds, 0)).toFixed(0)}/s); ${rounds.length} rounds`);
  console.log(`operations by kind: ${sorted(total.ops).map(([k, v]) => `${k} ${v}`).join(", ")}; started ${last.started}, settled ${last.settled}, pending ${last.pending}`);
  const authFailed = (refusedKinds) => Object.entries(total.outcomes)
    .filter(([k]) => k.includes("AUTH_FAILED") && k.startsWith("refused") === refusedKinds).reduce((sum, [, v]) => sum + v, 0);
  console.log(`batch items checked: ${total.stats.batchItems ?? 0}; aborts met ${total.stats.aborts ?? 0} (${total.stats.preAborted ?? 0} signals aborted before the call)`);
  console.log(`sessions: ${end.tokenRequests} token requests by the good clients (the first of each client, one client.requestToken() a round, renewals after the 3 s tokens were refused or a reset dropped them), ` +
    `AUTH_FAILED reaching their callers ${authFailed(false)}; refused sessions: ${end.wrongTokenRequests} token requests with the wrong password, AUTH_FAILED reaching the callers ${authFailed(true)}`);
  console.log(`longest time to settle, by kind (ms): ${sorted(total.max).map(([k, v]) => `${k} ${Math.round(v)}`).join(", ")} (hostileOverTimeout: the most a hostile request took beyond its timeout)`);
  console.log(`emulator faults met: ${sorted(total.faults).map(([k, v]) => `${k} ${v}`).join(", ")} (delayed: held 1-10 ms)`);
  console.log(`hostile routes met: ${sorted(total.hostileRoutes).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  console.log(`claims checked against the emulator: ${sorted(total.claims).map(([k, v]) => `${k} ${v}`).join(", ")}; disagreements ${total.disagreements}; page problems ${total.pageProblems}`);
  console.log("outcomes by kind:");
  for (const [k, v] of sorted(total.outcomes)) console.log(`  ${String(v).padStart(7)}  ${k}`);
  console.log("unknown outcomes (mayHaveDeleted, aborts under way, HTML) against reality:");
  for (const [k, v] of sorted(total.unknown)) console.log(`  ${String(v).padStart(7)}  ${k}`);
  if (total.stats.htmlOkForMissing) console.log(`HTML results (ok from the HTTP status) for IDs no call has: ${total.stats.htmlOkForMissing}`);
  console.log(`browser network noise (the faults at work, not failures): ${sorted(noise).map(([k, v]) => `${v} × ${k}`).join("; ") || "none"}`);
  const own = rounds.map((r) => r.heapOwnGc);
  console.log(`JS heap after the page's gc() alone: first ${mb(own[0])}, last ${mb(own.at(-1))}, max ${mb(Math.max(...own))}; growth from round ${base.round} to ${end.round}: ${mb(end.heapOwnGc - base.heapOwnGc)} (printed only)`);
  console.log(`JS heap after GC: first ${mb(heaps[0])}, last ${mb(heaps.at(-1))}, max ${mb(Math.max(...heaps))}; growth from round ${base.round} to ${end.round}: ${mb(heapGrowth)} (threshold ${mb(HEAP_LEAK_BYTES)}); ` +
    `peak during a round ${mb(Math.max(...rounds.map((r) => r.heapPeak)))}`);
  console.log(`wasm memory: first ${mb(wasms[0])}, last ${mb(wasms.at(-1))}, max ${mb(Math.max(...wasms))}; growth from round ${base.round} to ${end.round}: ${mb(wasmGrowth)} (threshold ${mb(WASM_LEAK_BYTES)})`);
  console.log(`machine: ${os.cpus().length} cores, load average at the end ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  if (failures.length) {
    console.error(`\nSOAK FAILED (${failures.length}):\n  ${failures.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.log(`\nsoak passed: ${sent.toLocaleString("en")} requests, every operation settled, every outcome agrees with the emulator, no console errors, memory flat`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
