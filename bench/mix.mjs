// The timed inputs: a fixed mix of whole options (valid and invalid, as a portal form produces
// them), of single options for validateParameter, and the replies to parse.
import { KEY, TOKEN, CALL } from "./cases.mjs";

const conn = { baseUrl: "https://recorder.example.com", apiKey: KEY, token: TOKEN };

/** Half valid, half invalid. */
export const validationMix = [
  { ...conn, callID: CALL },
  { ...conn, callID: `{${CALL.toUpperCase()}}`, responseType: "json", method: "get" },
  { ...conn, extension: "+36 (1) 234-5678", status: "ongoing,next", timeoutMs: 10000 },
  { ...conn, platformCallID: 71627389, responseType: "TEXT" },
  { baseUrl: "https://recorder.example.com/verba/api", apiKey: KEY, meetingID: "WHBFM6DD" },
  { ...conn, callID: "a8343631-9f35-4a3a-83f0" },
  { ...conn, callID: CALL, meetingID: "WHBFM6DD" },
  { ...conn, callId: CALL },
  { ...conn, baseUrl: "http://recorder.example.com", nativeID: "TRS26140192" },
  { ...conn, extension: "8856", status: "first", timeoutMs: "30000" },
];

/** What a form sends while someone types: mostly valid values, some not. */
export const parameterMix = [
  ["callID", CALL],
  ["callID", "a8343631-9f35"],
  ["apiKey", KEY],
  ["token", TOKEN],
  ["extension", "+36 (1) 234-5678"],
  ["extension", "88x"],
  ["status", "ongoing,next"],
  ["status", "ongoing,"],
  ["responseType", "json"],
  ["nativeID", "TRS26140192"],
];

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** [kind, body, responseType]: XML success and error samples of the spec, and JSON. */
export const replies = [
  ["xml-success", `${DECL}<VerbaApi>\n  <Response code="0" type="DeleteCall"/>\n  <CallID>${CALL}</CallID>\n</VerbaApi>\n`, "XML"],
  ["xml-error", `${DECL}<VerbaApi>\n  <Response code="2" type="DeleteCall">\n    <ErrorMessage>Unable to delete the call, because the call cannot be found.</ErrorMessage>\n  </Response>\n</VerbaApi>\n`, "XML"],
  ["json-success", '{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}', "JSON"],
];
