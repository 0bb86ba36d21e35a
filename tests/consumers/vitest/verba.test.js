// The Vitest consumer (tests/consumers/run.sh runs it against the emulator, VERBA_EMULATOR_URL).
import { beforeAll, expect, test } from "vitest";
import init, { deleteCall, parseDeleteCallResponse, validateDeleteCall, VerbaError } from "verba-api";

const baseUrl = process.env.VERBA_EMULATOR_URL;
const apiKey = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9"; // a key of the fixture below, without a token
const callID = "7d1e0c52-3b8a-4f6e-9c21-5a4b3c2d1e0f";

beforeAll(async () => {
  const fixture = {
    apiKeys: [{ key: apiKey, tokens: [], requiresToken: false }],
    calls: [{ callID, participants: ["3001"], state: "finished", startOffsetS: -60, endOffsetS: -30, doNotDelete: false }],
    responseDelayMs: 0,
  };
  const reset = await fetch(`${baseUrl}/__emulator/reset`, { method: "POST", body: JSON.stringify(fixture) });
  expect(reset.status).toBe(200);
});

beforeAll(async () => {
  await init();
});

test("validates", () => {
  expect(validateDeleteCall({ baseUrl, apiKey, callID }).valid).toBe(true);
  const report = validateDeleteCall({ baseUrl, apiKey, callId: callID });
  expect(report.issues.map((issue) => issue.code)).toContain("unknown_option");
});

test("parses a reply", () => {
  expect(parseDeleteCallResponse('{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}', "JSON").ok).toBe(true);
  expect(() => parseDeleteCallResponse("ERROR 2: no such call", "TEXT")).toThrow(VerbaError);
});

test("deletes a call", async () => {
  expect(await deleteCall({ baseUrl, apiKey, callID })).toMatchObject({ ok: true, code: 0 });
});

test("a second deletion is CALL_NOT_FOUND", async () => {
  await expect(deleteCall({ baseUrl, apiKey, callID })).rejects.toMatchObject({ code: "CALL_NOT_FOUND", mayHaveDeleted: false });
});
