// The package's face in a real page (headless Chromium, playwright-core): each case imports
// /pkg/index.js into a fresh page, as a portal without a bundler would, and checks what
// npm/face.js promises: a sync export before init throws VerbaError NOT_INITIALIZED; init()
// loads from every kind of source (none, a URL, a string, a Response, a promise of one, the
// bytes, a WebAssembly.Module; initSync from bytes or a module), is memoized, and can be retried
// after a failed load; deleteCall initializes the module itself; README's Sessions and Many
// calls examples run.
//
// Run: tests/support/with-emulator.sh node tests/e2e/package-face.test.mjs (after make pkg and
// make emulator-bin; make test-e2e runs it).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launchChromium } from "../support/chromium.mjs";
import { BASE, DEMO_API_KEY, DEMO_TOKEN, DEMO_PASSWORD, UNKNOWN_CALL_ID } from "./support.mjs";

const browser = await launchChromium();
const problems = [];
let passed = 0;

/** Runs `body` (a function of the imported package and the page's origin) in a fresh page. */
async function inFreshPage(name, body, arg) {
  const page = await browser.newPage();
  page.on("pageerror", (error) => problems.push(`${name}: page error ${error.message}`));
  page.on("console", (message) => {
    // The failed load is expected in the retry case.
    if (message.type() === "error" && !message.text().includes("404")) problems.push(`${name}: ${message.text()}`);
  });
  // A same-origin document of the emulator, without the package loaded.
  await page.goto(`${BASE}/pkg/package.json`);
  try {
    return await page.evaluate(
      async ([source, arg]) => {
        const verba = await import("/pkg/index.js");
        // eslint-disable-next-line no-new-func
        return await new Function("verba", "arg", `return (${source})(verba, arg);`)(verba, arg);
      },
      [body.toString(), arg],
    );
  } finally {
    await page.close();
  }
}

async function check(name, body, verify, arg) {
  const outcome = await inFreshPage(name, body, arg);
  verify(outcome);
  passed += 1;
  console.log(`  ok  ${name}`);
}

try {
  await check(
    "a sync export before init throws VerbaError NOT_INITIALIZED",
    async (verba) => {
      const seen = [];
      for (const call of [
        () => verba.validateDeleteCall({}),
        () => verba.validateParameter("callID", "x"),
        () => verba.buildDeleteCallRequest({}),
        () => verba.parseDeleteCallResponse("OK", "TEXT"),
        () => verba.createClient({ apiKey: "74c8eea0-50c6-40b2-9f3e-252ed501c3c8" }),
      ]) {
        try {
          call();
          seen.push("no throw");
        } catch (e) {
          seen.push({ verba: e instanceof verba.VerbaError, code: e.code, may: e.mayHaveDeleted, message: e.message });
        }
      }
      return seen;
    },
    (seen) => {
      assert.equal(seen.length, 5);
      for (const one of seen) {
        assert.equal(one.verba, true);
        assert.equal(one.code, "NOT_INITIALIZED");
        assert.equal(one.may, false);
        assert.match(one.message, /await init\(\)/);
      }
    },
  );

  const sources = {
    "nothing": "() => undefined",
    "a URL": "() => new URL('/pkg/verba_api_bg.wasm', location.origin)",
    "a string": "() => '/pkg/verba_api_bg.wasm'",
    "a Response": "async () => await fetch('/pkg/verba_api_bg.wasm')",
    "a promise of a Response": "() => fetch('/pkg/verba_api_bg.wasm')",
    "an ArrayBuffer": "async () => await (await fetch('/pkg/verba_api_bg.wasm')).arrayBuffer()",
    "a Uint8Array": "async () => new Uint8Array(await (await fetch('/pkg/verba_api_bg.wasm')).arrayBuffer())",
    "a WebAssembly.Module": "async () => await WebAssembly.compileStreaming(fetch('/pkg/verba_api_bg.wasm'))",
  };
  for (const [what, make] of Object.entries(sources)) {
    await check(
      `init() from ${what}, memoized: later calls return the same promise`,
      async (verba, make) => {
        const source = await new Function(`return (${make})();`)();
        const first = source === undefined ? verba.default() : verba.default(source);
        const same = verba.default() === first && verba.default(new URL("x:unused")) === first;
        await first;
        return { same, works: Array.isArray(verba.validateParameter("callID", "x")) };
      },
      (outcome) => assert.deepEqual(outcome, { same: true, works: true }),
      make,
    );
  }

  for (const [what, make] of Object.entries({
    "bytes": "async () => await (await fetch('/pkg/verba_api_bg.wasm')).arrayBuffer()",
    "a WebAssembly.Module": "async () => await WebAssembly.compileStreaming(fetch('/pkg/verba_api_bg.wasm'))",
  })) {
    await check(
      `initSync from ${what}, then init() resolves at once`,
      async (verba, make) => {
        verba.initSync(await new Function(`return (${make})();`)());
        const works = verba.validateParameter("callID", "x").length === 1;
        await verba.default();
        return works;
      },
      (works) => assert.equal(works, true),
      make,
    );
  }

  await check(
    "a failed load rejects and can be retried",
    async (verba) => {
      let failed = false;
      try {
        await verba.default("/pkg/no-such-file.wasm");
      } catch {
        failed = true;
      }
      await verba.default();
      return { failed, works: Array.isArray(verba.validateParameter("callID", "x")) };
    },
    (outcome) => assert.deepEqual(outcome, { failed: true, works: true }),
  );

  await check(
    "deleteCall initializes the module itself",
    async (verba, [base, apiKey, token, callID]) => {
      try {
        await verba.deleteCall({ baseUrl: base, apiKey, token, callID });
        return "resolved";
      } catch (e) {
        return { verba: e instanceof verba.VerbaError, code: e.code, may: e.mayHaveDeleted };
      }
    },
    (outcome) => assert.deepEqual(outcome, { verba: true, code: "CALL_NOT_FOUND", may: false }),
    [BASE, DEMO_API_KEY, DEMO_TOKEN, UNKNOWN_CALL_ID],
  );

  // README.md's examples, run as written: the import becomes the imported package, the recorder
  // the emulator, and the portal's names (askPassword, callIDs, show, ...) are given.
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8").split("\n");
  /** The first ```js block after `heading`, its first line `importLine` replaced. */
  const readmeExample = (heading, importLine, replacement) => {
    const open = readme.indexOf("```js", readme.indexOf(heading));
    const example = readme.slice(open + 1, readme.indexOf("```", open + 1)).join("\n");
    assert.ok(example.startsWith(importLine), `the ${heading} example starts with its import`);
    return example.replace(importLine, replacement).replace('"https://recorder.example.com"', "base");
  };
  const runnable = readmeExample(
    "### Sessions",
    'import init, { createClient, VerbaError } from "verba-api";',
    "const { default: init, createClient, VerbaError } = verba;",
  );
  await check(
    "README's Sessions example deletes three calls with one token request",
    async (verba, [base, source, password]) => {
      const lines = [];
      const show = (text) => lines.push(text);
      let asked = 0;
      const askPassword = async () => {
        asked += 1;
        return password;
      };
      const json = async (route) => (await fetch(`${base}/__emulator/${route}`)).json();
      const callIDs = (await json("calls")).calls
        .filter((call) => call.state === "finished" && !call.doNotDelete)
        .slice(0, 3)
        .map((call) => call.callID);
      const before = (await json("requests")).count;
      const AsyncFunction = (async () => {}).constructor;
      const run = new AsyncFunction("verba", "base", "askPassword", "callIDs", "show", source);
      await run(verba, base, askPassword, callIDs, show);
      const log = await json("requests");
      const actions = log.recent.slice(-(log.count - before)).map((record) => record.action);
      const left = (await json("calls")).calls.map((call) => call.callID);
      return { lines, asked, actions, gone: callIDs.filter((id) => !left.includes(id)).length };
    },
    (outcome) => {
      assert.equal(outcome.asked, 1, "the credentials function is called once");
      assert.deepEqual(outcome.actions.filter((a) => a === "RequestToken"), ["RequestToken"]);
      assert.equal(outcome.actions.filter((a) => a === "DeleteCall").length, 3);
      assert.equal(outcome.gone, 3, "the three calls are gone");
      assert.equal(outcome.lines.filter((line) => line.endsWith(": deleted")).length, 3, outcome.lines.join("; "));
      assert.ok(outcome.lines.includes("Signed in for 60 more minutes"), outcome.lines.join("; "));
      assert.ok(!outcome.lines.join("\n").includes(DEMO_PASSWORD));
    },
    [BASE, runnable, DEMO_PASSWORD],
  );

  await check(
    "README's Many calls example deletes the list and reports every item",
    async (verba, [base, source, sessionToken]) => {
      const lines = [];
      const show = (text) => lines.push(text);
      const json = async (route) => (await fetch(`${base}/__emulator/${route}`)).json();
      const moreCallIDs = (await json("calls")).calls
        .filter((call) => call.state === "finished" && !call.doNotDelete)
        .map((call) => call.callID)
        .filter((id) => id !== "a8343631-9f35-4a3a-83f0-9e81592339fb")
        .slice(0, 2);
      const AsyncFunction = (async () => {}).constructor;
      const run = new AsyncFunction("verba", "base", "sessionToken", "moreCallIDs", "show", source);
      await run(verba, base, sessionToken, moreCallIDs, show);
      const left = (await json("calls")).calls.map((call) => call.callID);
      return { lines, gone: moreCallIDs.filter((id) => !left.includes(id)).length, asked: moreCallIDs.length };
    },
    (outcome) => {
      assert.equal(outcome.asked, 2);
      assert.equal(outcome.gone, 2, "the listed calls are gone");
      const progress = outcome.lines.filter((line) => / \/ 4, /.test(line));
      assert.deepEqual(progress.map((line) => Number(line.split(" ")[0])), [1, 2, 3, 4], outcome.lines.join("; "));
      const summary = outcome.lines.find((line) => line.endsWith("already gone"));
      assert.match(summary ?? "", /^[234] deleted, [0-2] already gone$/, outcome.lines.join("; "));
    },
    [BASE, readmeExample("### Many calls", 'import { deleteCalls } from "verba-api";', "const { deleteCalls } = verba;"), DEMO_TOKEN],
  );
} finally {
  await browser.close();
}
assert.deepEqual(problems, [], "no page errors or console errors");
console.log(`package face: ${passed} checks passed`);
