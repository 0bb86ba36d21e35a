// A recorder that misbehaves, for the browser tests (tests/browser/) and the hostile-network suite
// (tests/hostile/): what the emulator never does (it only ever delays before its headers). Listens
// on a free loopback port and prints "hostile server listening on http://127.0.0.1:PORT". Every
// answer allows any origin (and OPTIONS preflights allow any header), so the test page, served
// on another port, can read it.
//
// Bounds: loopback only; every answer stops at a byte cap and a time cap (an "endless" body
// included), stops writing as soon as the client goes away, and waits for the socket to drain
// before writing more; a request body is read up to 64 KiB; after HOSTILE_MAX_REQUESTS requests
// (default 20000) every request is refused (503, connection closed), and the process exits after
// HOSTILE_MAX_SECONDS (default 3600).
//
// API routes, all <base>/<route>/verba/api (any method but OPTIONS; each is counted):
//   stall-body               200, the start of an XML reply, then nothing (the body never ends;
//                            the socket is closed after 60 s at the latest)
//   reset-body               200 with Content-Length 1000, 10 bytes, then the socket is closed
//   redirect-NNN             NNN (300 to 308) with Location: a third origin, a second listener
//                            of this process that records whatever reaches it
//   ok, ok/NAME              200, an XML success (to see what a request carries, in /__log; NAME
//                            makes another URL, which the browser preflights afresh)
//   huge-length              200 MB with Content-Length: an XML success, then spaces
//   huge-chunked             the same 200 MB chunked, without Content-Length
//   exact-chunked-N          exactly N bytes (at most 4 MiB): an XML success, then spaces, chunked,
//                            8 KiB at a time 1 ms apart (so a client reads many small chunks)
//   exact-length-N           the same with Content-Length: N
//   endless                  an XML success, then spaces, chunked, without end (caps: 512 MiB, 30 s)
//   euro                     1 GB of "€" (333,333,333 of them, 3 bytes each), chunked
//   drip                     200, an XML success then spaces, one byte every 100 ms (caps: 30 s)
//   drip-headers             the status line and headers themselves one byte every 100 ms
//   stall-headers            reads the request, never answers (the socket closed after 30 s)
//   reset-before-headers     reads the request, then a TCP reset (RST), no byte of an answer
//   reset-mid-body-chunked   200 chunked, an XML success and 64 KiB of spaces, then a reset
//   raw-KIND                 bytes that are no valid HTTP answer, written to the socket: KIND is
//                            garbage-status ("HELLO VERBA"), bad-status-code ("HTTP/1.1 2x0"),
//                            cl-garbage (Content-Length: 12abc), cl-conflict (two different),
//                            cl-negative (-5) (these three with an XML "not found" as body, the
//                            others with an XML success), cl-short (Content-Length 10 for a success),
//                            cl-long (Content-Length 1000, a whole success, then the close),
//                            bad-chunk (a chunk size "zz")
//   status-NNN               NNN with an HTML error page of a proxy (e.g. 502, 503)
//   status-NNN-retry-after-S the same with `Retry-After: S` (exposed to the page)
//   body-NAME                200 with one of the pathological bodies in BODIES (below): runs of
//                            "&" near 1 MiB, deep nesting, duplicate JSON keys, a second XML
//                            document, TEXT that says ERROR without the usual form, a lone BOM
//   echo/FORMAT/ENCODING     reads apiKey and token from the form body (POST) or the query
//                            (GET) and echoes both in its reply, written in ENCODING (see
//                            ENCODINGS: as given, upper/lower case, %2D/%2d, every character
//                            percent-encoded, &#45; &#x2D;, every character as a character
//                            reference, no hyphens, \u002d, mixes); FORMAT is text-api (TEXT
//                            "ERROR 5: ..."), xml-api and json-api (code 5 with ErrorMessage),
//                            html-500 (an HTML error page), text-502 (a proxy's text), and the
//                            successes xml-ok-message (code 0 with a message), text-ok-raw and
//                            html-ok-raw (200, text that a client returns as `raw`)
//   random                   after 0-300 ms: a reset, an XML success or an XML "not found" (code
//                            2), at random; the callID of the request is logged with what it got
//
// Other routes:
//   <base>/__requests        how many API requests arrived, and how many requests reached the
//                            third origin, as JSON {"count": N, "third": M, "requests": R}
//   <base>/__log?since=ID    what became of each API request (and which preflights came, method
//                            OPTIONS) after the given id: {"entries":
//                            [{id, route, method, callID, headers, bytes, clientGone, done, ms,
//                            outcome}]} (the last 2000; bytes = body bytes written)
//   <base>/__third           every request the third origin received: {"count": N, "records":
//                            [{method, url, headers, body}]}
import { createServer } from "node:http";

const MAX_REQUESTS = Number(process.env.HOSTILE_MAX_REQUESTS ?? 20_000);
const MAX_SECONDS = Number(process.env.HOSTILE_MAX_SECONDS ?? 3600);
const MAX_REQUEST_BODY = 64 * 1024;
const ENDLESS_CAP_BYTES = 512 * 1024 * 1024;
const ANSWER_CAP_MS = 30_000;
const CHUNK = 64 * 1024;

let count = 0; // API requests
let requests = 0; // every request, preflights and admin routes included
let third = 0;
let thirdOrigin = "";
const thirdRecords = [];
const log = [];
let nextId = 1;
const cors = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };

const SUCCESS_XML = '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>';
const NOT_FOUND_XML =
  '<VerbaApi><Response code="2" type="DeleteCall"><ErrorMessage>no such call</ErrorMessage></Response></VerbaApi>';
const MiB = 1024 * 1024;

// ---- the pathological bodies (body-NAME), each served with status 200 -------------------------

const repeat = (text, times) => text.repeat(times);
/** `open` + filler + `close`, the filler repeated to make the whole just under 1 MiB. */
const nearMiB = (open, unit, close) => open + repeat(unit, Math.floor((MiB - 64 - open.length - close.length) / unit.length)) + close;
const BODIES = {
  "xml-amp-attr-0": { type: "text/xml", body: () => nearMiB('<VerbaApi><Response code="0" type="DeleteCall" note="', "&", '"/></VerbaApi>') },
  "xml-amp-attr-2": { type: "text/xml", body: () => nearMiB('<VerbaApi><Response code="2" type="DeleteCall" note="', "&", '"/></VerbaApi>') },
  "xml-amp-code": { type: "text/xml", body: () => nearMiB('<VerbaApi><Response type="DeleteCall" code="', "&", '0"/></VerbaApi>') },
  "xml-amp-message": {
    type: "text/xml",
    body: () => nearMiB('<VerbaApi><Response code="2" type="DeleteCall"><ErrorMessage>', "&", "</ErrorMessage></Response></VerbaApi>"),
  },
  "xml-entity-run": {
    type: "text/xml",
    body: () => nearMiB('<VerbaApi><Response code="5" type="DeleteCall"><ErrorMessage>', "&amp;", "</ErrorMessage></Response></VerbaApi>"),
  },
  "xml-deep-unclosed": { type: "text/xml", body: () => nearMiB("<VerbaApi>", "<a>", "") },
  "xml-deep-then-2": {
    type: "text/xml",
    body: () => `<VerbaApi>${repeat("<a>", 100_000)}${repeat("</a>", 100_000)}<Response code="2" type="DeleteCall"/></VerbaApi>`,
  },
  "xml-deep-response-0": {
    type: "text/xml",
    body: () => `<VerbaApi>${repeat("<a>", 100_000)}<Response code="0" type="DeleteCall"/>${repeat("</a>", 100_000)}</VerbaApi>`,
  },
  "xml-second-doc": {
    type: "text/xml",
    body: () => `<?xml version="1.0"?>${SUCCESS_XML}<?xml version="1.0"?><VerbaApi><Response code="2" type="DeleteCall"/></VerbaApi>`,
  },
  "xml-second-root": { type: "text/xml", body: () => `${SUCCESS_XML}<VerbaApi><Response code="2" type="DeleteCall"/></VerbaApi>` },
  "xml-second-response": {
    type: "text/xml",
    body: () => '<VerbaApi><Response code="0" type="DeleteCall"/><Response code="2" type="DeleteCall"/></VerbaApi>',
  },
  "xml-broken-close-then-2": {
    type: "text/xml",
    body: () => '<VerbaApi><Response code="0" type="DeleteCall"/><VerbaApi><Response code="2" type="DeleteCall"/>',
  },
  "json-dup-code": { type: "application/json", body: () => '{"Response":{"code":2,"code":0}}' },
  "json-dup-code-last-2": { type: "application/json", body: () => '{"Response":{"code":0,"type":"DeleteCall","code":2}}' },
  "json-dup-response": {
    type: "application/json",
    body: () => '{"VerbaApi":{"Response":{"code":2,"type":"DeleteCall"},"Response":{"code":0,"type":"DeleteCall"}}}',
  },
  "json-code-and-at-code": { type: "application/json", body: () => '{"Response":{"code":2,"@code":0,"type":"DeleteCall"}}' },
  "json-deep": { type: "application/json", body: () => `{"VerbaApi":{"Response":${repeat("[", 200_000)}${repeat("]", 200_000)}}}` },
  "json-deep-sibling-2": {
    type: "application/json",
    body: () => `{"x":${repeat("[", 100_000)}${repeat("]", 100_000)},"VerbaApi":{"Response":{"code":2,"type":"DeleteCall"}}}`,
  },
  "json-amp-message": {
    type: "application/json",
    body: () => nearMiB('{"VerbaApi":{"Response":{"code":2,"type":"DeleteCall","ErrorMessage":"', "&", '"}}}'),
  },
  "text-ERROR": { type: "text/plain", body: () => "ERROR" },
  "text-ERROR-colon": { type: "text/plain", body: () => "ERROR: call not found" },
  "text-ERROR-x": { type: "text/plain", body: () => "ERROR x: y" },
  "text-ERROR-newline": { type: "text/plain", body: () => "ERROR\n2: y" },
  "text-error": { type: "text/plain", body: () => "error" },
  "text-ERROR-tab": { type: "text/plain", body: () => "ERROR\t5: y" },
  "text-Error-2": { type: "text/plain", body: () => "Error 2: no such call" },
  bom: { type: "text/plain", body: () => "\uFEFF" },
  "bom-space": { type: "text/plain", body: () => "\uFEFF  \r\n " },
};

// ---- the encodings of echoed secrets (echo/FORMAT/ENCODING) -----------------------------------

const hex2 = (c, lower) => {
  const h = c.charCodeAt(0).toString(16).padStart(2, "0");
  return lower ? h.toLowerCase() : h.toUpperCase();
};
const everyChar = (s, f) => [...s].map(f).join("");
const ENCODINGS = {
  given: (s) => s,
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  "pct-2D": (s) => s.replaceAll("-", "%2D"),
  "pct-2d": (s) => s.replaceAll("-", "%2d"),
  "pct-all": (s) => everyChar(s, (c) => `%${hex2(c)}`),
  "pct-all-lower": (s) => everyChar(s, (c) => `%${hex2(c, true)}`),
  "ncr-dec-hyphen": (s) => s.replaceAll("-", "&#45;"),
  "ncr-hex-hyphen": (s) => s.replaceAll("-", "&#x2D;"),
  "ncr-dec-all": (s) => everyChar(s, (c) => `&#${c.charCodeAt(0)};`),
  "ncr-hex-all": (s) => everyChar(s, (c) => `&#x${hex2(c, true)};`),
  "no-hyphens": (s) => s.replaceAll("-", ""),
  "no-hyphens-upper": (s) => s.replaceAll("-", "").toUpperCase(),
  "json-u-hyphen": (s) => s.replaceAll("-", "\\u002d"),
  "mix-upper-pct-2d": (s) => s.toUpperCase().replaceAll("-", "%2d"),
  "mix-every-kind": (s) =>
    [...s]
      .map((c, i) => [c, c.toUpperCase(), `%${hex2(c)}`, `&#${c.charCodeAt(0)};`, `&#X${hex2(c)};`, `%${hex2(c, true)}`][i % 6])
      .join(""),
};

/** status, content type and body of an echo reply in FORMAT, the two secrets written as `key` and `token`. */
function echoReply(format, key, token) {
  const both = `apiKey ${key} token ${token}`;
  switch (format) {
    case "text-api":
      return [200, "text/plain", `ERROR 5: refused ${both}`];
    case "xml-api":
      return [200, "text/xml", `<VerbaApi><Response code="5" type="DeleteCall"><ErrorMessage>refused ${both}</ErrorMessage></Response></VerbaApi>`];
    case "json-api":
      return [200, "application/json", `{"VerbaApi":{"Response":{"code":5,"type":"DeleteCall","ErrorMessage":"refused ${both}"}}}`];
    case "html-500":
      return [500, "text/html", `<html><body><h1>500</h1><p>${both}</p></body></html>`];
    case "text-502":
      return [502, "text/plain", `Bad gateway: upstream refused ${both}`];
    case "xml-ok-message":
      return [200, "text/xml", `<VerbaApi><Response code="0" type="DeleteCall"><ErrorMessage>deleted for ${both}</ErrorMessage></Response></VerbaApi>`];
    case "text-ok-raw":
      return [200, "text/plain", `Deleted for ${both}`];
    case "html-ok-raw":
      return [200, "text/html", `<html><body><p>Deleted for ${both}</p></body></html>`];
    default:
      return null;
  }
}

// ---- helpers ----------------------------------------------------------------------------------

function remember(entry) {
  log.push(entry);
  if (log.length > 2000) log.splice(0, log.length - 2000);
  return entry;
}

/** The request body (at most MAX_REQUEST_BODY bytes, within 5 s) as text. */
function readBody(request) {
  return new Promise((resolve) => {
    const parts = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(parts).toString("utf8"));
    const timer = setTimeout(done, 5000);
    request.on("data", (chunk) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY) parts.push(chunk);
    });
    request.on("end", () => {
      clearTimeout(timer);
      done();
    });
    request.on("error", () => {
      clearTimeout(timer);
      done();
    });
  });
}

/** The request's parameters: the query, then the form body. */
function parameters(request, body) {
  const params = new URLSearchParams(new URL(request.url, "http://localhost").search);
  if (request.method === "POST") for (const [k, v] of new URLSearchParams(body)) params.append(k, v);
  return params;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writes `total` bytes of `filler` (a Buffer, repeated) after `head`, waiting for the socket to
 * drain, stopping when the client goes away, at `total`, or after `capMs`; then ends the answer
 * (or destroys it, `endless`). Records what was written in `entry`.
 */
async function stream(response, entry, { head = "", filler, total, capMs = ANSWER_CAP_MS, intervalMs = 0, end = true }) {
  const started = Date.now();
  let gone = false;
  response.on("close", () => {
    if (!response.writableFinished) gone = true;
  });
  const write = (data) =>
    new Promise((resolve) => {
      if (gone || response.destroyed) return resolve(false);
      entry.bytes += Buffer.byteLength(data);
      if (response.write(data)) return resolve(true);
      const onDrain = () => {
        response.off("close", onClose);
        resolve(true);
      };
      const onClose = () => {
        response.off("drain", onDrain);
        resolve(false);
      };
      response.once("drain", onDrain);
      response.once("close", onClose);
    });
  if (head && !(await write(head))) gone = true;
  let left = total - Buffer.byteLength(head);
  while (!gone && left > 0 && Date.now() - started < capMs) {
    const piece = left >= filler.length ? filler : filler.subarray(0, left);
    if (!(await write(piece))) break;
    left -= piece.length;
    if (intervalMs) await sleep(intervalMs);
  }
  entry.clientGone = gone || response.destroyed;
  entry.ms = Date.now() - started;
  if (entry.clientGone) return;
  if (end && left <= 0) response.end();
  else response.destroy(); // a cap was reached: the answer is cut, as an endless one must be
  entry.done = true;
}

/** Writes raw bytes (no valid HTTP answer) to the socket and closes it. */
function raw(request, entry, bytes) {
  entry.bytes = Buffer.byteLength(bytes);
  request.socket.end(bytes);
  entry.done = true;
}

function rawAnswer(kind) {
  const success = SUCCESS_XML;
  const n = Buffer.byteLength(success);
  // Where a browser may well tolerate the fault (it does for these three), the body says "not
  // found", so that the outcome is an error either way and tells which way the browser went.
  const notFound = NOT_FOUND_XML;
  const m = Buffer.byteLength(notFound);
  const corsLine = "Access-Control-Allow-Origin: *\r\n";
  switch (kind) {
    case "garbage-status":
      return `HELLO VERBA\r\n${corsLine}\r\n${success}`;
    case "bad-status-code":
      return `HTTP/1.1 2x0 OK\r\n${corsLine}Content-Length: ${m}\r\n\r\n${notFound}`;
    case "cl-garbage":
      return `HTTP/1.1 200 OK\r\n${corsLine}Content-Type: text/xml\r\nContent-Length: 12abc\r\n\r\n${notFound}`;
    case "cl-conflict":
      return `HTTP/1.1 200 OK\r\n${corsLine}Content-Type: text/xml\r\nContent-Length: ${n}\r\nContent-Length: ${n + 5}\r\n\r\n${success}`;
    case "cl-negative":
      return `HTTP/1.1 200 OK\r\n${corsLine}Content-Type: text/xml\r\nContent-Length: -5\r\n\r\n${notFound}`;
    case "cl-short":
      return `HTTP/1.1 200 OK\r\n${corsLine}Content-Type: text/xml\r\nContent-Length: 10\r\n\r\n${success}`;
    case "cl-long":
      return `HTTP/1.1 200 OK\r\n${corsLine}Content-Type: text/xml\r\nContent-Length: 1000\r\n\r\n${success}`;
    case "bad-chunk":
      return `HTTP/1.1 200 OK\r\n${corsLine}Content-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${success}\r\n0\r\n\r\n`;
    default:
      return null;
  }
}

const SPACES = Buffer.alloc(CHUNK, " ");
const EUROS = Buffer.from("€".repeat(CHUNK / 4)); // 16384 × 3 bytes

// ---- the server -------------------------------------------------------------------------------

const server = createServer(async (request, response) => {
  requests += 1;
  const url = new URL(request.url, "http://localhost");
  const path = url.pathname;
  if (requests > MAX_REQUESTS) {
    if (requests === MAX_REQUESTS + 1) console.error(`hostile server: more than ${MAX_REQUESTS} requests, refusing`);
    response.writeHead(503, { ...cors, Connection: "close" });
    response.end("request cap reached");
    return;
  }
  if (request.method === "OPTIONS") {
    const preflighted = path.match(/^\/(.+)\/verba\/api$/);
    if (preflighted) {
      remember({ id: nextId++, route: preflighted[1], method: "OPTIONS", callID: null, headers: request.headers, bytes: 0, clientGone: false, done: true, ms: 0, outcome: null });
    }
    response.writeHead(204, { ...cors, "Access-Control-Allow-Methods": "GET, POST", "Access-Control-Allow-Headers": "*" });
    response.end();
    return;
  }
  if (path === "/__requests") {
    response.writeHead(200, { ...cors, "Content-Type": "application/json" });
    response.end(JSON.stringify({ count, third, requests }));
    return;
  }
  if (path === "/__log") {
    const since = Number(url.searchParams.get("since") ?? 0);
    response.writeHead(200, { ...cors, "Content-Type": "application/json" });
    response.end(JSON.stringify({ entries: log.filter((e) => e.id > since) }));
    return;
  }
  if (path === "/__third") {
    response.writeHead(200, { ...cors, "Content-Type": "application/json" });
    response.end(JSON.stringify({ count: third, records: thirdRecords }));
    return;
  }
  const api = path.match(/^\/(.+)\/verba\/api$/);
  if (!api) {
    request.resume();
    response.writeHead(404, cors);
    response.end("not here");
    return;
  }
  count += 1;
  const route = api[1];
  const entry = remember({
    id: nextId++,
    route,
    method: request.method,
    callID: null,
    headers: request.headers,
    bytes: 0,
    clientGone: false,
    done: false,
    ms: 0,
    outcome: null,
  });
  const redirect = route.match(/^redirect-(30[0-8])$/);
  if (redirect) {
    request.resume();
    response.writeHead(Number(redirect[1]), { ...cors, Location: `${thirdOrigin}/verba/api?action=DeleteCall` });
    response.end();
    entry.done = true;
    return;
  }
  if (route === "stall-body") {
    request.resume();
    response.writeHead(200, { ...cors, "Content-Type": "text/xml; charset=utf-8" });
    response.write("<VerbaApi>");
    const timer = setTimeout(() => request.socket.destroy(), 60_000);
    request.socket.on("close", () => clearTimeout(timer));
    return;
  }
  if (route === "reset-body") {
    request.resume();
    response.writeHead(200, { ...cors, "Content-Type": "text/xml; charset=utf-8", "Content-Length": "1000" });
    response.write("<VerbaApi>");
    setTimeout(() => request.socket.destroy(), 50);
    return;
  }

  const body = await readBody(request);
  const params = parameters(request, body);
  entry.callID = params.get("callID");
  const xml = { ...cors, "Content-Type": "text/xml; charset=utf-8" };

  if (/^ok(\/[\w-]+)?$/.test(route)) {
    response.writeHead(200, xml);
    response.end(SUCCESS_XML);
    entry.done = true;
    return;
  }
  if (route === "huge-length") {
    const total = 200_000_000;
    response.writeHead(200, { ...xml, "Content-Length": String(total) });
    await stream(response, entry, { head: SUCCESS_XML, filler: SPACES, total });
    return;
  }
  if (route === "huge-chunked") {
    response.writeHead(200, xml);
    await stream(response, entry, { head: SUCCESS_XML, filler: SPACES, total: 200_000_000 });
    return;
  }
  const exact = route.match(/^exact-(chunked|length)-(\d{1,7})$/);
  if (exact && Number(exact[2]) <= 4 * MiB) {
    const total = Number(exact[2]);
    response.writeHead(200, exact[1] === "length" ? { ...xml, "Content-Length": String(total) } : xml);
    await stream(response, entry, { head: SUCCESS_XML, filler: SPACES.subarray(0, 8192), total, intervalMs: 1 });
    return;
  }
  if (route === "endless") {
    response.writeHead(200, xml);
    await stream(response, entry, { head: SUCCESS_XML, filler: SPACES, total: ENDLESS_CAP_BYTES, end: false });
    return;
  }
  if (route === "euro") {
    response.writeHead(200, { ...cors, "Content-Type": "text/plain; charset=utf-8" });
    await stream(response, entry, { filler: EUROS, total: 999_999_999, capMs: 60_000 });
    return;
  }
  if (route === "drip") {
    response.writeHead(200, xml);
    response.flushHeaders();
    const bytes = Buffer.from(`${SUCCESS_XML}${" ".repeat(1000)}`);
    let gone = false;
    response.on("close", () => (gone = !response.writableFinished));
    const started = Date.now();
    for (let i = 0; i < bytes.length && !gone && Date.now() - started < ANSWER_CAP_MS; i++) {
      response.write(bytes.subarray(i, i + 1));
      entry.bytes += 1;
      await sleep(100);
    }
    entry.clientGone = gone;
    entry.ms = Date.now() - started;
    response.destroy(); // never a complete answer
    entry.done = true;
    return;
  }
  if (route === "drip-headers") {
    const bytes = `HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nContent-Type: text/xml\r\nX-Padding: ${"p".repeat(400)}\r\n\r\n${SUCCESS_XML}`;
    const socket = request.socket;
    let gone = false;
    socket.on("close", () => (gone = true));
    const started = Date.now();
    for (let i = 0; i < bytes.length && !gone && Date.now() - started < ANSWER_CAP_MS; i++) {
      socket.write(bytes[i]);
      entry.bytes += 1;
      await sleep(100);
    }
    entry.clientGone = gone;
    entry.ms = Date.now() - started;
    socket.destroy();
    entry.done = true;
    return;
  }
  if (route === "stall-headers") {
    const started = Date.now();
    const timer = setTimeout(() => request.socket.destroy(), ANSWER_CAP_MS);
    request.socket.on("close", () => {
      clearTimeout(timer);
      entry.clientGone = Date.now() - started < ANSWER_CAP_MS;
      entry.ms = Date.now() - started;
      entry.done = true;
    });
    return;
  }
  if (route === "reset-before-headers") {
    request.socket.resetAndDestroy();
    entry.outcome = "reset";
    entry.done = true;
    return;
  }
  if (route === "reset-mid-body-chunked") {
    response.writeHead(200, xml);
    response.write(SUCCESS_XML);
    entry.bytes += SUCCESS_XML.length;
    response.write(SPACES);
    entry.bytes += SPACES.length;
    setTimeout(() => {
      request.socket.resetAndDestroy();
      entry.done = true;
    }, 50);
    return;
  }
  const rawKind = route.match(/^raw-(.+)$/);
  if (rawKind && rawAnswer(rawKind[1])) {
    raw(request, entry, rawAnswer(rawKind[1]));
    return;
  }
  const status = route.match(/^status-([1-5]\d\d)(?:-retry-after-(\d+))?$/);
  if (status) {
    const code = Number(status[1]);
    // `status-429-retry-after-1`: with `Retry-After: 1`, exposed to the page as a recorder's
    // proxy must (README, "Against a real recorder").
    const retryAfter =
      status[2] === undefined ? {} : { "Retry-After": status[2], "Access-Control-Expose-Headers": "Retry-After" };
    response.writeHead(code, { ...cors, ...retryAfter, "Content-Type": "text/html; charset=utf-8" });
    response.end(
      `<html><head><title>${code} Bad Gateway</title></head><body><center><h1>${code} Bad Gateway</h1></center><hr><center>nginx</center></body></html>\r\n`,
    );
    entry.done = true;
    return;
  }
  const named = route.match(/^body-(.+)$/);
  if (named && BODIES[named[1]]) {
    const { type, body: make } = BODIES[named[1]];
    const text = make();
    response.writeHead(200, { ...cors, "Content-Type": `${type}; charset=utf-8` });
    response.end(text);
    entry.bytes = Buffer.byteLength(text);
    entry.done = true;
    return;
  }
  const echo = route.match(/^echo\/([a-z0-9-]+)\/([A-Za-z0-9-]+)$/);
  if (echo && ENCODINGS[echo[2]]) {
    const encode = ENCODINGS[echo[2]];
    const reply = echoReply(echo[1], encode(params.get("apiKey") ?? ""), encode(params.get("token") ?? ""));
    if (reply) {
      const [code, type, text] = reply;
      response.writeHead(code, { ...cors, "Content-Type": `${type}; charset=utf-8` });
      response.end(text);
      entry.bytes = Buffer.byteLength(text);
      entry.done = true;
      return;
    }
  }
  if (route === "random") {
    await sleep(Math.floor(Math.random() * 301));
    const roll = Math.random();
    if (roll < 0.3) {
      entry.outcome = "reset";
      request.socket.resetAndDestroy();
    } else if (roll < 0.8) {
      entry.outcome = "ok";
      response.writeHead(200, xml);
      response.end(SUCCESS_XML);
    } else {
      entry.outcome = "not-found";
      response.writeHead(200, xml);
      response.end(NOT_FOUND_XML);
    }
    entry.done = true;
    return;
  }
  response.writeHead(404, cors);
  response.end("not here");
  entry.done = true;
});
server.headersTimeout = 10_000;
server.requestTimeout = 10_000;

// The third origin: whatever reaches it is recorded, and answered as a successful deletion, so a
// followed redirect would show as a success.
const thirdServer = createServer(async (request, response) => {
  third += 1;
  const body = await readBody(request);
  if (thirdRecords.length < 100) thirdRecords.push({ method: request.method, url: request.url, headers: request.headers, body });
  response.writeHead(200, { ...cors, "Content-Type": "text/xml; charset=utf-8" });
  response.end(SUCCESS_XML);
});

thirdServer.listen(0, "127.0.0.1", () => {
  thirdOrigin = `http://127.0.0.1:${thirdServer.address().port}`;
  server.listen(0, "127.0.0.1", () => {
    console.log(`hostile server listening on http://127.0.0.1:${server.address().port}`);
  });
});
setTimeout(() => {
  console.error(`hostile server: ${MAX_SECONDS} s are up, exiting`);
  process.exit(0);
}, MAX_SECONDS * 1000).unref();
process.on("SIGTERM", () => process.exit(0));
