// A Node 20 consumer of the real npm tarball (installed by tests/consumers/run-node.sh into a
// scratch copy of this folder): the sync exports refuse to run before init with NOT_INITIALIZED,
// deleteCall initializes by itself, `await init()` without an argument reads the .wasm from the
// package's folder and is idempotent, and the exports validate, build, parse and delete against
// the emulator (VERBA_EMULATOR_URL).
import assert from "node:assert/strict";
import init, {
  buildDeleteCallRequest,
  deleteCall,
  initSync,
  parseDeleteCallResponse,
  validateDeleteCall,
  validateParameter,
  VerbaError,
} from "verba-api";

const BASE = process.env.VERBA_EMULATOR_URL;
assert.ok(BASE, "VERBA_EMULATOR_URL is set (run through tests/support/with-emulator.sh)");
const KEY = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
const OPEN_KEY = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9"; // a key without a token
const CALL = "a8343631-9f35-4a3a-83f0-9e81592339fb";
const passed = [];
const check = async (name, fn) => {
  await fn();
  passed.push(name);
  console.log(`  ok  ${name}`);
};

await check("a sync export before init throws VerbaError NOT_INITIALIZED, saying to await init()", () => {
  for (const call of [
    () => validateDeleteCall({}),
    () => validateParameter("callID", "x"),
    () => buildDeleteCallRequest({}),
    () => parseDeleteCallResponse("OK", "TEXT"),
  ]) {
    assert.throws(call, (error) => {
      assert.ok(error instanceof VerbaError, "instanceof VerbaError");
      assert.ok(error instanceof Error);
      assert.equal(error.name, "VerbaError");
      assert.equal(error.code, "NOT_INITIALIZED");
      assert.equal(error.mayHaveDeleted, false);
      assert.match(error.message, /await init\(\)/);
      return true;
    });
  }
});

const fixture = {
  apiKeys: [{ key: OPEN_KEY, tokens: [], requiresToken: false }],
  calls: [{
    callID: CALL, platformCallID: "P-1", nativeID: "N-1", meetingID: "M-1", participants: ["3001"],
    state: "finished", startOffsetS: -7200, endOffsetS: -7100, doNotDelete: false,
  }],
  responseDelayMs: 0,
};
const reset = await fetch(`${BASE}/__emulator/reset`, { method: "POST", body: JSON.stringify(fixture) });
assert.equal(reset.status, 200, await reset.text());

await check("deleteCall initializes the module itself and deletes against the emulator", async () => {
  const result = await deleteCall({ baseUrl: BASE, apiKey: OPEN_KEY, callID: CALL });
  assert.equal(result.ok, true);
  assert.equal(result.code, 0);
  const calls = await (await fetch(`${BASE}/__emulator/calls`)).json();
  assert.ok(!calls.calls.some((call) => call.callID === CALL), "the call is gone");
});

await check("init() without an argument resolves, again and again (memoized)", async () => {
  const first = init();
  assert.equal(init(), init(), "the same promise while loading or loaded");
  assert.equal(await first, undefined);
  await init();
  initSync(new Uint8Array(0)); // already initialized: ignored, not compiled
});

await check("validate, build and parse once initialized; VerbaError from the package is one class", () => {
  const report = validateDeleteCall({ baseUrl: BASE, apiKey: KEY, callId: CALL });
  assert.equal(report.valid, false);
  assert.ok(report.issues.some((issue) => issue.code === "unknown_option" && /callID/.test(issue.message)));
  assert.deepEqual(validateParameter("callID", CALL), []);
  const built = buildDeleteCallRequest({ baseUrl: BASE, apiKey: KEY, callID: CALL });
  assert.equal(built.method, "POST");
  assert.ok(!built.preview.includes(KEY), "the preview redacts the key");
  assert.throws(() => parseDeleteCallResponse("ERROR 2: no such call", "TEXT"), (error) => {
    assert.ok(error instanceof VerbaError);
    assert.equal(error.code, "CALL_NOT_FOUND");
    assert.equal(error.mayHaveDeleted, false);
    return true;
  });
});

await check("a second deletion of the same call is CALL_NOT_FOUND, mayHaveDeleted false", async () => {
  await assert.rejects(deleteCall({ baseUrl: BASE, apiKey: OPEN_KEY, callID: CALL }), (error) => {
    assert.ok(error instanceof VerbaError);
    assert.equal(error.code, "CALL_NOT_FOUND");
    assert.equal(error.mayHaveDeleted, false);
    return true;
  });
});

console.log(`node consumer: ${passed.length} checks passed`);
