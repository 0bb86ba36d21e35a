// The shared case table: every implementation (the wasm package and each JS baseline) runs it in
// the browser before anything is timed, and all must agree on each outcome; each case also says
// the outcome the spec (docs/spec.md sections 2-5) and README ask for, so that a package that
// drifts from the spec is caught even when the baselines drift the same way.
//
// Outcomes: options -> "valid" or the sorted "field:code" issues; replies -> "ok" or
// "CODE" / "CODE apiCode". The fixture and the request cases serve the request timings too.

export const KEY = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
export const TOKEN = "09835e02-6c10-11e0-bb22-ba324924019b";
export const CALL = "a8343631-9f35-4a3a-83f0-9e81592339fb";
const BASE = "https://recorder.example.com";

const conn = { baseUrl: BASE, apiKey: KEY, token: TOKEN };
const byCall = { ...conn, callID: CALL };
const ext = (extension, status) => ({ ...conn, extension, status });
const signal = () => new AbortController().signal;

// ---- whole options: validateDeleteCall (and buildDeleteCallRequest for the valid ones) ---------

export const optionCases = [
  // valid
  ["callID, POST by default", byCall, "valid"],
  ["callID upper case in braces", { ...conn, callID: "{A8343631-9F35-4A3A-83F0-9E81592339FB}" }, "valid"],
  ["apiKey in braces, no token", { baseUrl: BASE, apiKey: `{${KEY}}`, callID: CALL }, "valid"],
  ["platformCallID text", { ...conn, platformCallID: "71627389" }, "valid"],
  ["platformCallID number", { ...conn, platformCallID: 71627389 }, "valid"],
  ["nativeID", { ...conn, nativeID: "TRS26140192" }, "valid"],
  ["nativeID with inner spaces and & = # % +", { ...conn, nativeID: "a&b=c#d%e+f g" }, "valid"],
  ["meetingID, responseType json (lower case)", { ...conn, meetingID: "WHBFM6DD", responseType: "json" }, "valid"],
  ["vendor GET sample: extension 8856, status last", { ...ext("8856", "last"), method: "get", responseType: "XML" }, "valid"],
  ["extension with separators, status Ongoing, next", ext("+36 (1) 234-5678", "Ongoing, next"), "valid"],
  ["extension * and #", ext("*88#56", "last"), "valid"],
  ["extension number, all three statuses", ext(8856, "ongoing,next,last"), "valid"],
  ["extension sip: URI, status as array", ext("sip:alice@example.com", ["last"]), "valid"],
  ["extension TEL: URI", ext("TEL:+3612345678", "next"), "valid"],
  ["opaque 32-character token", { ...byCall, token: "0123456789abcdef0123456789ABCDEF" }, "valid"],
  ["base URL ending in /verba/api", { ...byCall, baseUrl: `${BASE}/verba/api` }, "valid"],
  ["base URL with a path and trailing slash", { ...byCall, baseUrl: `${BASE}/rec/` }, "valid"],
  ["base URL with a port, upper-case scheme and host", { ...byCall, baseUrl: "HTTPS://Recorder.Example.COM:8443" }, "valid"],
  ["http to 127.0.0.1", { ...byCall, baseUrl: "http://127.0.0.1:8080" }, "valid"],
  ["http to localhost", { ...byCall, baseUrl: "http://localhost:9/x" }, "valid"],
  ["http to [::1]", { ...byCall, baseUrl: "http://[::1]:8080" }, "valid"],
  ["http elsewhere with allowInsecureHttp", { ...byCall, baseUrl: "http://recorder.lan", allowInsecureHttp: true }, "valid"],
  ["without the preflight gate", { ...byCall, corsPreflight: false }, "valid"],
  ["relative base URL (resolved against the page)", { ...byCall, baseUrl: "/recorder" }, "valid"],
  ["no base URL (the page's origin)", { apiKey: KEY, callID: CALL }, "valid"],
  ["timeoutMs 0, method Post, a signal", { ...byCall, timeoutMs: 0, method: "Post", signal: signal() }, "valid"],
  ["timeoutMs 5000, responseType Text", { ...byCall, timeoutMs: 5000, responseType: "Text" }, "valid"],
  ["responseType html", { ...byCall, responseType: "html" }, "valid"],
  ["null, undefined and empty options count as not given",
    { ...byCall, token: null, meetingID: "", status: undefined, method: null, signal: null }, "valid"],
  ["POST may be longer than 4000 characters", { ...byCall, baseUrl: `${BASE}/${"p".repeat(4000)}` }, "valid"],
  ["the longest token, 256 characters", { ...byCall, token: "t".repeat(256) }, "valid"],
  ["nativeID of 256 characters outside the BMP", { ...conn, nativeID: "😀".repeat(256) }, "valid"],

  ["extension 0 as a number", ext(0, "last"), "valid"],
  ["extension SIP: URI in upper case", ext("SIP:bob@example.com", "last"), "valid"],
  ["http to 127.1 (the URL parser makes it 127.0.0.1)", { ...byCall, baseUrl: "http://127.1:8080" }, "valid"],
  ["status item with a no-break space (Unicode whitespace is trimmed)", ext("8856", "\u00a0last"), "valid"],
  ["empty baseUrl, responseType and method count as not given", { ...byCall, baseUrl: "", responseType: "", method: "" }, "valid"],

  // required
  ["no apiKey", { baseUrl: BASE, callID: CALL }, ["apiKey:required"]],
  ["apiKey null", { ...byCall, apiKey: null }, ["apiKey:required"]],
  ["apiKey empty array", { ...byCall, apiKey: [] }, ["apiKey:invalid_type", "apiKey:required"]],
  ["baseUrl empty array", { ...byCall, baseUrl: [] }, ["baseUrl:invalid_type", "baseUrl:required"]],
  // selectors
  ["no selector", conn, ["selector:missing_selector"]],
  ["two selectors", { ...byCall, meetingID: "WHBFM6DD" }, ["callID:conflicting_selectors", "meetingID:conflicting_selectors"]],
  ["three selectors, extension without status", { ...byCall, nativeID: "N1", extension: "8856" },
    ["callID:conflicting_selectors", "extension:conflicting_selectors", "nativeID:conflicting_selectors", "status:extension_requires_status"]],
  ["extension without status", { ...conn, extension: "8856" }, ["status:extension_requires_status"]],
  ["status without extension", { ...byCall, status: "last" }, ["status:status_without_extension"]],
  ["callID as empty array", { ...conn, callID: [] }, ["callID:invalid_type", "selector:missing_selector"]],
  // GUIDs
  ["callID not a GUID", { ...conn, callID: "not-a-guid" }, ["callID:invalid_guid"]],
  ["callID one digit short", { ...conn, callID: CALL.slice(1) }, ["callID:invalid_guid"]],
  ["apiKey with an unbalanced brace", { ...byCall, apiKey: `{${KEY}` }, ["apiKey:invalid_guid"]],
  ["callID with a non-ASCII digit", { ...conn, callID: `${CALL.slice(0, -1)}\u0660` }, ["callID:invalid_guid"]],
  ["apiKey with surrounding spaces", { ...byCall, apiKey: ` ${KEY} ` }, ["apiKey:invalid_guid"]],
  // token
  ["token with a space", { ...byCall, token: "has space" }, ["token:invalid_token"]],
  ["token not ASCII", { ...byCall, token: "tökén" }, ["token:invalid_token"]],
  ["token of 257 characters", { ...byCall, token: "t".repeat(257) }, ["token:invalid_token"]],
  // extension
  ["extension with a letter", ext("88x56", "last"), ["extension:invalid_extension"]],
  ["extension + alone", ext("+", "last"), ["extension:invalid_extension"]],
  ["extension + inside", ext("8+856", "last"), ["extension:invalid_extension"]],
  ["extension of 33 digits", ext("1".repeat(33), "last"), ["extension:invalid_extension"]],
  ["extension sip: without address", ext("sip:", "last"), ["extension:invalid_extension"]],
  ["extension sip: with a space", ext("sip:alice @example.com", "last"), ["extension:invalid_extension"]],
  // status
  ["status first", ext("8856", "first"), ["status:invalid_status"]],
  ["status repeated", ext("8856", "last,LAST"), ["status:invalid_status"]],
  ["status with an empty item", ext("8856", "ongoing,,next"), ["status:invalid_status"]],
  ["status blank", ext("8856", " "), ["status:invalid_status"]],
  ["status array with an empty item", ext("8856", ["last", ""]), ["status:invalid_status"]],
  ["status item with a BOM (no whitespace)", ext("8856", "\ufefflast"), ["status:invalid_status"]],
  ["status with a Kelvin sign (ASCII-only case folding)", ext("8856", "ne\u212Ast"), ["status:invalid_status"]],
  ["status array item with the package's list separator", ext("8856", ["last\u0002next"]), ["status:invalid_status"]],
  // opaque ids and timeoutMs: invalid_value
  ["nativeID with a NUL", { ...conn, nativeID: "a\u0000b" }, ["nativeID:invalid_value"]],
  ["timeoutMs Infinity", { ...byCall, timeoutMs: Infinity }, ["timeoutMs:invalid_value"]],
  ["nativeID with a leading space", { ...conn, nativeID: " padded" }, ["nativeID:invalid_value"]],
  ["meetingID with a line break", { ...conn, meetingID: "line\nbreak" }, ["meetingID:invalid_value"]],
  ["platformCallID of 257 characters", { ...conn, platformCallID: "x".repeat(257) }, ["platformCallID:invalid_value"]],
  ["nativeID ending in a no-break space", { ...conn, nativeID: "TRS26140192\u00a0" }, ["nativeID:invalid_value"]],
  ["timeoutMs negative", { ...byCall, timeoutMs: -1 }, ["timeoutMs:invalid_value"]],
  ["timeoutMs not whole", { ...byCall, timeoutMs: 1.5 }, ["timeoutMs:invalid_value"]],
  ["timeoutMs over 2^31-1", { ...byCall, timeoutMs: 2147483648 }, ["timeoutMs:invalid_value"]],
  ["timeoutMs NaN", { ...byCall, timeoutMs: NaN }, ["timeoutMs:invalid_value"]],
  // responseType, method
  ["responseType YAML", { ...byCall, responseType: "YAML" }, ["responseType:invalid_response_type"]],
  ["responseType with a long s (no Unicode case folding)", { ...byCall, responseType: "j\u017Fon" }, ["responseType:invalid_response_type"]],
  ["method DELETE", { ...byCall, method: "DELETE" }, ["method:invalid_method"]],
  ["method with a long s", { ...byCall, method: "po\u017Ft" }, ["method:invalid_method"]],
  ["method with a leading space", { ...byCall, method: " POST" }, ["method:invalid_method"]],
  // base URL
  ["baseUrl ftp:", { ...byCall, baseUrl: "ftp://recorder.example.com" }, ["baseUrl:invalid_base_url"]],
  ["baseUrl with user and password", { ...byCall, baseUrl: "https://user:pw@recorder.example.com" }, ["baseUrl:invalid_base_url"]],
  ["baseUrl with a query", { ...byCall, baseUrl: `${BASE}/?x=1` }, ["baseUrl:invalid_base_url"]],
  ["baseUrl with an empty query", { ...byCall, baseUrl: `${BASE}/?` }, ["baseUrl:invalid_base_url"]],
  ["baseUrl with a fragment", { ...byCall, baseUrl: `${BASE}/#top` }, ["baseUrl:invalid_base_url"]],
  ["baseUrl https:// alone", { ...byCall, baseUrl: "https://" }, ["baseUrl:invalid_base_url"]],
  ["baseUrl with a port over 65535", { ...byCall, baseUrl: "https://recorder.example.com:65536" }, ["baseUrl:invalid_base_url"]],
  ["baseUrl with an unclosed IPv6 bracket", { ...byCall, baseUrl: "http://[::1" }, ["baseUrl:invalid_base_url"]],
  ["baseUrl mailto:", { ...byCall, baseUrl: "mailto:admin@example.com" }, ["baseUrl:invalid_base_url"]],
  // insecure
  ["http to another host", { ...byCall, baseUrl: "http://recorder.example.com" }, ["baseUrl:insecure_url"]],
  ["http to a 127.* host name", { ...byCall, baseUrl: "http://127.0.0.1.nip.example" }, ["baseUrl:insecure_url"]],
  ["http to a private address", { ...byCall, baseUrl: "http://10.0.0.1:8080" }, ["baseUrl:insecure_url"]],
  ["allowInsecureHttp not a boolean", { ...byCall, baseUrl: "http://recorder.lan", allowInsecureHttp: "true" },
    ["allowInsecureHttp:invalid_type", "baseUrl:insecure_url"]],
  // GET length
  ["GET over 4000 characters", { ...byCall, method: "GET", baseUrl: `${BASE}/${"p".repeat(4000)}` }, ["method:url_too_long"]],
  // unknown options
  ["callId typo", { ...conn, callId: CALL }, ["callId:unknown_option", "selector:missing_selector"]],
  ["unknown option with undefined value", { ...byCall, foo: undefined }, ["foo:unknown_option"]],
  // types
  ["timeoutMs as a string", { ...byCall, timeoutMs: "30000" }, ["timeoutMs:invalid_type"]],
  ["callID as a number", { ...conn, callID: 12 }, ["callID:invalid_type"]],
  ["apiKey as an array", { ...byCall, apiKey: [KEY] }, ["apiKey:invalid_type"]],
  ["platformCallID negative", { ...conn, platformCallID: -5 }, ["platformCallID:invalid_type"]],
  ["platformCallID not whole", { ...conn, platformCallID: 1.5 }, ["platformCallID:invalid_type"]],
  ["extension a boolean", ext(true, "last"), ["extension:invalid_type"]],
  ["status a number", ext("8856", 1), ["status:invalid_type"]],
  ["status array with a number", ext("8856", ["last", 2]), ["status:invalid_type"]],
  ["signal a string", { ...byCall, signal: "abort" }, ["signal:invalid_type"]],
  ["signal an empty string", { ...byCall, signal: "" }, ["signal:invalid_type"]],
  ["signal a plain object", { ...byCall, signal: {} }, ["signal:invalid_type"]],
  ["baseUrl a number", { ...byCall, baseUrl: 42 }, ["baseUrl:invalid_type"]],
  ["method a bigint", { ...byCall, method: 1n }, ["method:invalid_type"]],
  ["platformCallID beyond 2^53", { ...conn, platformCallID: 2 ** 53 }, ["platformCallID:invalid_type"]],
  ["callID a symbol", { ...conn, callID: Symbol("x") }, ["callID:invalid_type"]],
  ["callID a Date", { ...conn, callID: new Date(0) }, ["callID:invalid_type"]],
  ["nativeID a function", { ...conn, nativeID: () => "x" }, ["nativeID:invalid_type"]],
  ["options null", null, ["options:invalid_type"]],
  ["options a string", "callID=x", ["options:invalid_type"]],
  ["options an array", [byCall], ["options:invalid_type"]],
  // several at once
  ["several problems at once", { baseUrl: "http://recorder.example.com", callID: "x", meetingID: "WHBFM6DD", CallID: CALL, timeoutMs: "5" },
    ["CallID:unknown_option", "apiKey:required", "baseUrl:insecure_url", "callID:conflicting_selectors", "callID:invalid_guid",
      "meetingID:conflicting_selectors", "timeoutMs:invalid_type"]],
];

// ---- one option: validateParameter ------------------------------------------------------------

export const parameterCases = [
  ["callID", CALL, []],
  ["callID", "x", ["callID:invalid_guid"]],
  ["callID", "", []],
  ["apiKey", null, []],
  ["apiKey", undefined, []],
  ["token", "a b", ["token:invalid_token"]],
  ["platformCallID", 42, []],
  ["platformCallID", -1, ["platformCallID:invalid_type"]],
  ["nativeID", "x\t", ["nativeID:invalid_value"]],
  ["meetingID", " ", ["meetingID:invalid_value"]],
  ["extension", "+36 1 234 5678", []],
  ["extension", 8856, []],
  ["extension", "tel:", ["extension:invalid_extension"]],
  ["status", "ongoing,next", []],
  ["status", ["last", "last"], ["status:invalid_status"]],
  ["status", [], []],
  ["status", 5, ["status:invalid_type"]],
  ["responseType", "xml", []],
  ["responseType", "XMLX", ["responseType:invalid_response_type"]],
  ["method", "get", []],
  ["method", "PUT", ["method:invalid_method"]],
  ["baseUrl", "https://recorder.example.com", []],
  ["baseUrl", "http://recorder.example.com", ["baseUrl:insecure_url"]],
  ["baseUrl", "http://localhost:8080", []],
  ["baseUrl", "relative/path", []],
  ["baseUrl", "https://a@b", ["baseUrl:invalid_base_url"]],
  ["timeoutMs", "1", ["timeoutMs:invalid_type"]],
  ["timeoutMs", 0, []],
  ["timeoutMs", -0, []],
  ["signal", signal(), []],
  ["signal", "", ["signal:invalid_type"]],
  ["allowInsecureHttp", true, []],
  ["allowInsecureHttp", 1, ["allowInsecureHttp:invalid_type"]],
  ["corsPreflight", false, []],
  ["corsPreflight", "no", ["corsPreflight:invalid_type"]],
  ["callId", CALL, ["callId:unknown_option"]],
  ["", "x", [":unknown_option"]],
  [42, "x", [":invalid_type"]],
];

// ---- replies: parseDeleteCallResponse ---------------------------------------------------------

const DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';
const xmlOk = `${DECL}<VerbaApi>\n  <Response code="0" type="DeleteCall"/>\n  <CallID>${CALL}</CallID>\n</VerbaApi>\n`;
const xmlNotFound = `${DECL}<VerbaApi>\n  <Response code="2" type="DeleteCall">\n    <ErrorMessage>Unable to delete the call, because the call cannot be found.</ErrorMessage>\n  </Response>\n</VerbaApi>\n`;
const json = (response) => JSON.stringify({ VerbaApi: { Response: response } });
const BAD_GATEWAY = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

// [name, body, responseType, httpStatus, expected]
export const replyCases = [
  // the spec's samples (section 4)
  ["XML success (documented envelope)", xmlOk, "XML", 200, "ok"],
  ["XML code 2 (documented error)", xmlNotFound, "XML", 200, "CALL_NOT_FOUND 2"],
  ["XML code 2, vendor sample verbatim (type GetCallID)",
    `${DECL}<VerbaApi>\n  <Response code="2" type="GetCallID">\n    <ErrorMessage>Unable to retrieve the call identifier, because the call cannot be found.</ErrorMessage>\n  </Response>\n</VerbaApi>`,
    "XML", 200, "CALL_NOT_FOUND 2"],
  ["XML success of another action (GetCallID sample)",
    `${DECL}<VerbaApi>\n  <Response code="0" type="GetCallID"/>\n  <CallID>${CALL}</CallID>\n</VerbaApi>`, "XML", 200, "PARSE"],
  ["XML old ErrorMessage description attribute",
    `${DECL}<VerbaApi>\n  <Response code="2" type="DeleteCall">\n    <ErrorMessage description="Error">The call cannot be found.</ErrorMessage>\n  </Response>\n</VerbaApi>`,
    "XML", 200, "CALL_NOT_FOUND 2"],
  ["XML broken closing root tag, success",
    `${DECL}<VerbaApi>\n  <Response code="0" type="DeleteCall"/>\n  <CallID>${CALL}</CallID>\n<VerbaApi>`, "XML", 200, "ok"],
  ["XML broken closing root tag, code 2",
    `${DECL}<VerbaApi>\n  <Response code="2" type="DeleteCall">\n    <ErrorMessage>Not found.</ErrorMessage>\n  </Response>\n<VerbaApi>`,
    "XML", 200, "CALL_NOT_FOUND 2"],
  ["JSON canonical success", json({ code: 0, type: "DeleteCall" }), "JSON", 200, "ok"],
  ["JSON canonical code 2", json({ code: 2, type: "DeleteCall", ErrorMessage: "The call cannot be found." }), "JSON", 200, "CALL_NOT_FOUND 2"],
  ["JSON code as a numeric string", json({ code: "0", type: "DeleteCall" }), "JSON", 200, "ok"],
  ["JSON code as a numeric string, 5", json({ code: " 5 ", type: "DeleteCall", ErrorMessage: "Protected." }), "JSON", 200, "API_ERROR 5"],
  ["JSON @-prefixed attributes", json({ "@code": "4", "@type": "DeleteCall", ErrorMessage: "Token expired." }), "JSON", 200, "AUTH_FAILED 4"],
  ["JSON without the VerbaApi wrapper", '{"Response":{"code":0,"type":"DeleteCall"}}', "JSON", 200, "ok"],
  ["TEXT OK", "OK", "TEXT", 200, "ok"],
  ["TEXT ERROR 2 with a line break after the colon", "ERROR 2:\r\nGone", "TEXT", 200, "CALL_NOT_FOUND 2"],
  ["TEXT ok, lower case, with a line end", "ok\r\n", "TEXT", 200, "ok"],
  ["TEXT ERROR 2", "ERROR 2: The call cannot be found.", "TEXT", 200, "CALL_NOT_FOUND 2"],
  ["TEXT ERROR 5", "ERROR 5: The call is protected from deletion.", "TEXT", 200, "API_ERROR 5"],
  ["TEXT ERROR without message", "ERROR 3", "TEXT", 200, "API_ERROR 3"],
  ["non-2xx HTML", BAD_GATEWAY, "HTML", 502, "HTTP_ERROR"],
  // more of the reply rules
  ["XML success with a message", '<VerbaApi><Response code="0" type="DeleteCall"><ErrorMessage>Call marked for deletion.</ErrorMessage></Response></VerbaApi>', "XML", 200, "ok"],
  ["XML code 4", '<VerbaApi><Response code="4" type="DeleteCall"><ErrorMessage>Authentication failed.</ErrorMessage></Response></VerbaApi>', "XML", 200, "AUTH_FAILED 4"],
  ["XML code 5, message beside a self-closing Response", '<VerbaApi><Response code="5" type="DeleteCall"/><ErrorMessage>Protected.</ErrorMessage></VerbaApi>', "XML", 200, "API_ERROR 5"],
  ["XML negative code", '<VerbaApi><Response code="-1"/></VerbaApi>', "XML", 200, "API_ERROR -1"],
  ["XML without type", '<VerbaApi><Response code="0"/></VerbaApi>', "XML", 200, "ok"],
  ["XML code with spaces", '<VerbaApi><Response code=" 0 " type=" DeleteCall "/></VerbaApi>', "XML", 200, "ok"],
  ["XML with a BOM, no declaration", '\uFEFF<VerbaApi><Response code="2"/></VerbaApi>', "XML", 200, "CALL_NOT_FOUND 2"],
  ["XML CRLF and tabs",
    '<?xml version="1.0" encoding="UTF-8"?>\r\n<VerbaApi>\r\n\t<Response\r\n\t\tcode="2"\r\n\t\ttype="DeleteCall">\r\n\t\t<ErrorMessage>\r\n\t\t\tThe call cannot be found.\r\n\t\t</ErrorMessage>\r\n\t</Response>\r\n</VerbaApi>\r\n',
    "XML", 200, "CALL_NOT_FOUND 2"],
  ["XML trailing text after the root (a second document)", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>\n<!-- IIS -->\ntrailing text', "XML", 200, "PARSE"],
  ["XML no closing root at all (cut short)", '<VerbaApi><Response code="0" type="DeleteCall"/>', "XML", 200, "PARSE"],
  ["XML non-2xx with a readable body: the body's code wins", '<VerbaApi><Response code="4" type="DeleteCall"/></VerbaApi>', "XML", 500, "AUTH_FAILED 4"],
  ["XML non-2xx with an HTML body", BAD_GATEWAY, "XML", 502, "HTTP_ERROR"],
  ["XML 200 with an HTML body", BAD_GATEWAY, "XML", 200, "PARSE"],
  ["XML without Response", "<VerbaApi><CallID>x</CallID></VerbaApi>", "XML", 200, "PARSE"],
  ["XML wrong root", '<Verba><Response code="0" type="DeleteCall"/></Verba>', "XML", 200, "PARSE"],
  ["XML empty root", "<VerbaApi/>", "XML", 200, "PARSE"],
  ["XML Response one level too deep", '<VerbaApi><Body><Response code="0"/></Body></VerbaApi>', "XML", 200, "PARSE"],
  ["XML code not an integer", '<VerbaApi><Response code="zero" type="DeleteCall"/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML code 1.0", '<VerbaApi><Response code="1.0" type="DeleteCall"/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML code beyond 64 bits", '<VerbaApi><Response code="99999999999999999999"/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML without code", '<VerbaApi><Response type="DeleteCall"/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML two Responses", '<VerbaApi><Response code="0" type="DeleteCall"/><Response code="2"/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML repeated code attribute", '<VerbaApi><Response code="0" code="2"/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML damage inside the Response", '<VerbaApi><Response code="0" type="DeleteCall"></VerbaApi>', "XML", 200, "PARSE"],
  ["XML cut inside the start tag", '<VerbaApi><Response code="0" type="DeleteCall"', "XML", 200, "PARSE"],
  ["XML DTD entities are never expanded",
    '<?xml version="1.0"?><!DOCTYPE VerbaApi [<!ENTITY c "2">]><VerbaApi><Response code="&c;" type="DeleteCall"/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML character reference in the code", '<VerbaApi><Response code="&#x32;" type="DeleteCall"/></VerbaApi>', "XML", 200, "CALL_NOT_FOUND 2"],
  ["XML empty body", "", "XML", 200, "PARSE"],
  ["XML character references and CDATA in the message",
    '<VerbaApi><Response code="0" type="DeleteCall"><ErrorMessage>&#65;&amp;<![CDATA[ <b>]]></ErrorMessage></Response></VerbaApi>', "XML", 200, "ok"],
  ["XML NUL after the root", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>\u0000', "XML", 200, "PARSE"],
  ["XML HTTP 302 with a body that is no reply", "<html/>", "XML", 302, "HTTP_ERROR"],
  ["XML empty body, HTTP 503", "", "XML", 503, "HTTP_ERROR"],
  ["XML over 1 MiB", `<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>${" ".repeat(1024 * 1024)}`, "XML", 200, "PARSE"],
  ["XML just under 1 MiB", `<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>${" ".repeat(1024 * 1024 - 60)}`, "XML", 200, "ok"],
  ["XML over 1 MiB in UTF-8 only", `<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi><!--${"é".repeat(600 * 1024)}-->`, "XML", 200, "PARSE"],
  ["JSON success of another action", json({ code: 0, type: "GetCallID" }), "JSON", 200, "PARSE"],
  ["JSON type not trimmed", json({ code: 0, type: " DeleteCall " }), "JSON", 200, "PARSE"],
  ["JSON code not whole", json({ code: 1.5, type: "DeleteCall" }), "JSON", 200, "PARSE"],
  ["JSON code a boolean", json({ code: false, type: "DeleteCall" }), "JSON", 200, "PARSE"],
  ["JSON code 2.0 is 2", '{"VerbaApi":{"Response":{"code":2.0}}}', "JSON", 200, "CALL_NOT_FOUND 2"],
  ["JSON Response an array", '{"VerbaApi":{"Response":[{"code":0}]}}', "JSON", 200, "PARSE"],
  ["JSON keys in other case", '{"verbaapi":{"response":{"code":0}}}', "JSON", 200, "PARSE"],
  ["JSON with a BOM", `\uFEFF${json({ code: 0, type: "DeleteCall" })}`, "JSON", 200, "ok"],
  ["JSON null", "null", "JSON", 200, "PARSE"],
  ["JSON code beyond 2^53", '{"Response":{"code":9007199254740993}}', "JSON", 200, "PARSE"],
  ["JSON invalid", '{"VerbaApi":{"Response":{"code":0,}}}', "JSON", 200, "PARSE"],
  ["JSON invalid, HTTP 503", "Service Unavailable", "JSON", 503, "HTTP_ERROR"],
  ["JSON code 2 with HTTP 404: the body's code wins", json({ code: "2", type: "DeleteCall" }), "JSON", 404, "CALL_NOT_FOUND 2"],
  ["TEXT other text, HTTP 200: raw, ok", "Deleted.", "TEXT", 200, "ok"],
  ["TEXT other text, HTTP 500", "Internal error", "TEXT", 500, "HTTP_ERROR"],
  ["TEXT ERROR with a code that is no number: API error without a code", "ERROR x: what", "TEXT", 200, "API_ERROR"],
  ["TEXT ERROR 0 contradicts itself", "ERROR 0: fine", "TEXT", 200, "PARSE"],
  ["TEXT ERROR 4 with HTTP 401: the body's code wins", "ERROR 4: Authentication failed.", "TEXT", 401, "AUTH_FAILED 4"],
  ["TEXT empty", "  \n", "TEXT", 200, "PARSE"],
  ["HTML 200: raw, ok", "<html><body>Deleted</body></html>", "HTML", 200, "ok"],
  ["HTML that looks like a Verba reply is still raw", xmlNotFound, "HTML", 200, "ok"],
  ["HTML 404", "<html><body>Not Found</body></html>", "HTML", 404, "HTTP_ERROR"],
  ["HTML empty", "", "HTML", 200, "PARSE"],
  ["HTML blank, HTTP 500", " \n ", "HTML", 500, "HTTP_ERROR"],
  // strictness that protects the caller (spec section 4): TEXT ERROR is never a success
  ["TEXT ERROR alone", "ERROR", "TEXT", 200, "API_ERROR"],
  ["TEXT ERROR: message, no code", "ERROR: The call is protected.", "TEXT", 200, "API_ERROR"],
  ["TEXT ERROR with the code on the next line", "ERROR\n2: Gone", "TEXT", 200, "API_ERROR"],
  ["TEXT ERROR with a code and more words", "ERROR 2 3: x", "TEXT", 200, "API_ERROR"],
  ["TEXT error 2 in lower case", "error 2: gone", "TEXT", 200, "CALL_NOT_FOUND 2"],
  ["TEXT ERROR -50", "ERROR -50: No such call.", "TEXT", 200, "CALL_NOT_FOUND -50"],
  ["TEXT ERROR -1", "ERROR -1: Unexpected error.", "TEXT", 200, "API_ERROR -1"],
  ["TEXT Error! (any character but a letter or digit ends the word)", "Error!", "TEXT", 200, "API_ERROR"],
  ["TEXT ERRORé (non-ASCII ends the word)", "ERRORé", "TEXT", 200, "API_ERROR"],
  ["TEXT ERRORS is another word: raw", "ERRORS: none", "TEXT", 200, "ok"],
  ["TEXT ERROR2 is another word: raw", "ERROR2: x", "TEXT", 200, "ok"],
  ["TEXT ERROR after a BOM and a line end", "\uFEFF\r\nERROR 5: Protected.", "TEXT", 200, "API_ERROR 5"],
  ["TEXT ERROR without a code, HTTP 500: the body wins", "ERROR x: refused", "TEXT", 500, "API_ERROR"],
  ["TEXT ERROR 0 with HTTP 500", "ERROR 0: x", "TEXT", 500, "HTTP_ERROR"],
  ["TEXT ERROR -0", "ERROR -0: x", "TEXT", 200, "PARSE"],
  ["TEXT OK after a BOM", "\uFEFFOK", "TEXT", 200, "ok"],
  ["TEXT a BOM alone", "\uFEFF", "TEXT", 200, "PARSE"],
  ["HTML a BOM and whitespace", "\uFEFF \n", "HTML", 200, "PARSE"],
  ["HTML a BOM alone, HTTP 500", "\uFEFF", "HTML", 500, "HTTP_ERROR"],
  // XML: one Response, one document
  ["XML comments and a PI after the root", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>\n<!-- IIS -->\n<?pi x?>\n', "XML", 200, "ok"],
  ["XML second Response inside a payload element", '<VerbaApi><Response code="0" type="DeleteCall"/><Info><Response code="2"/></Info></VerbaApi>', "XML", 200, "PARSE"],
  ["XML second Response inside the Response", '<VerbaApi><Response code="0" type="DeleteCall"><Detail><Response code="2"/></Detail></Response></VerbaApi>', "XML", 200, "PARSE"],
  ["XML a nested Response before the envelope's", '<VerbaApi><Info><Response code="2"/></Info><Response code="0" type="DeleteCall"/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML a second root element", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi><VerbaApi><Response code="2"/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML a second, self-closing root", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>\n<VerbaApi/>', "XML", 200, "PARSE"],
  ["XML CDATA after the root", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi><![CDATA[x]]>', "XML", 200, "PARSE"],
  ["XML a DOCTYPE after the root", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi><!DOCTYPE x>', "XML", 200, "PARSE"],
  ["XML a declaration after the root", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi><?xml version="1.0"?>', "XML", 200, "PARSE"],
  ["XML a reference after the root", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>&amp;', "XML", 200, "PARSE"],
  ["XML a comment with -- after the root", '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi><!-- a -- b -->', "XML", 200, "PARSE"],
  ["XML broken closing tag, then whitespace", `${DECL}<VerbaApi>\n  <Response code="0" type="DeleteCall"/>\n<VerbaApi>\r\n  `, "XML", 200, "ok"],
  ["XML broken closing tag, then text", '<VerbaApi><Response code="0" type="DeleteCall"/><VerbaApi>trailing', "XML", 200, "PARSE"],
  ["XML broken closing tag, then a comment", '<VerbaApi><Response code="0" type="DeleteCall"/><VerbaApi>\n<!-- c -->', "XML", 200, "PARSE"],
  ["XML broken closing tag, then a second Response", '<VerbaApi><Response code="0" type="DeleteCall"/><VerbaApi><Response code="2"/>', "XML", 200, "PARSE"],
  ["XML broken closing tag, VerbaData root", '<VerbaData><Response code="0" type="DeleteCall"/><VerbaData>', "XML", 200, "ok"],
  ["XML broken closing tag of the other root name", '<VerbaData><Response code="0" type="DeleteCall"/><VerbaApi>', "XML", 200, "PARSE"],
  ["XML broken closing tag one level too deep", '<VerbaApi><Response code="0" type="DeleteCall"/><Info><VerbaApi>', "XML", 200, "PARSE"],
  ["XML broken closing tag inside the Response", '<VerbaApi><Response code="0" type="DeleteCall"><VerbaApi>', "XML", 200, "PARSE"],
  ["XML mismatched root end tag after the Response", '<VerbaApi><Response code="5" type="DeleteCall"/><ErrorMessage>Protected.</ErrorMessage></VerbaAPI>', "XML", 200, "PARSE"],
  ["XML cut after the ErrorMessage beside the Response", '<VerbaApi><Response code="2"/><ErrorMessage>Gone.</ErrorMessage>', "XML", 200, "PARSE"],
  ["XML damage after the Response (a name that is no XML name)", '<VerbaApi><Response code="2"/><ErrorMessage>Gone.</ErrorMessage><1a/></VerbaApi>', "XML", 200, "PARSE"],
  ["XML VerbaData root, code -50", '<VerbaData><Response code="-50"/></VerbaData>', "XML", 200, "CALL_NOT_FOUND -50"],
  // JSON: negative codes
  ["JSON code -1", json({ code: -1, type: "DeleteCall", ErrorMessage: "Unexpected error." }), "JSON", 200, "API_ERROR -1"],
  ["JSON code -43 as a string", json({ code: "-43", type: "DeleteCall" }), "JSON", 200, "AUTH_FAILED -43"],
  ["JSON code -50", json({ code: -50, type: "DeleteCall" }), "JSON", 200, "CALL_NOT_FOUND -50"],
  ["JSON VerbaData wrapper, code -20", '{"VerbaData":{"Response":{"@code":-20}}}', "JSON", 200, "API_ERROR -20"],
  // arguments
  ["responseType in lower case", xmlOk, "xml", 200, "ok"],
  ["responseType and status not given", xmlOk, undefined, undefined, "ok"],
  ["body not a string", 42, "XML", 200, "VALIDATION"],
  ["responseType YAML", xmlOk, "YAML", 200, "VALIDATION"],
  ["httpStatus 99", xmlOk, "XML", 99, "VALIDATION"],
  ["httpStatus 200.5", xmlOk, "XML", 200.5, "VALIDATION"],
  ["httpStatus a string", xmlOk, "XML", "200", "VALIDATION"],
];

// ---- the emulator fixture for the request cases and the request benchmark ----------------------

/** The n-th call's GUID. */
export function callId(n) {
  const hex = n.toString(16).padStart(12, "0");
  return `${hex.slice(4)}-0000-4000-8000-${hex}`;
}

/** A fixture with `count` finished calls; call n has platformCallID P<n>, nativeID N<n>,
 * meetingID M<n>, participant 1<n>. */
export function fixture(count) {
  const calls = [];
  for (let n = 0; n < count; n++) {
    calls.push({
      callID: callId(n), platformCallID: `P${n}`, nativeID: `N${n}`, meetingID: `M${n}`,
      participants: [`1${String(n).padStart(5, "0")}`], state: "finished",
      startOffsetS: -7200 + n, endOffsetS: -3600 + n, doNotDelete: false,
    });
  }
  return { apiKeys: [{ key: KEY, tokens: [TOKEN], requiresToken: true }], calls };
}

/**
 * deleteCall against the emulator, in order, on a fresh fixture of 20 calls for each
 * implementation: [name, options (given the emulator's origin and a closed port's URL), expected].
 */
export function requestCases(origin, closedUrl) {
  const c = { baseUrl: origin, apiKey: KEY, token: TOKEN };
  const aborted = new AbortController();
  aborted.abort();
  return [
    ["POST XML by callID", { ...c, callID: callId(1) }, "ok"],
    ["the same callID again", { ...c, callID: callId(1) }, "CALL_NOT_FOUND 2"],
    ["GET JSON by callID (braces, upper case)", { ...c, callID: `{${callId(2).toUpperCase()}}`, method: "GET", responseType: "JSON" }, "ok"],
    ["TEXT by platformCallID", { ...c, platformCallID: "P3", responseType: "TEXT" }, "ok"],
    ["HTML by nativeID", { ...c, nativeID: "N4", responseType: "HTML" }, "ok"],
    ["JSON by meetingID, not found", { ...c, meetingID: "nope", responseType: "JSON" }, "CALL_NOT_FOUND 2"],
    ["extension with status last", { ...c, extension: "100005", status: "last" }, "ok"],
    ["wrong token: API code 4", { ...c, token: "wrong-token", callID: callId(6) }, "AUTH_FAILED 4"],
    ["unknown key, TEXT: API code 4", { ...c, apiKey: callId(999), token: undefined, callID: callId(6), responseType: "TEXT" }, "AUTH_FAILED 4"],
    ["relative baseUrl", { ...c, baseUrl: "/", callID: callId(7) }, "ok"],
    ["invalid options: nothing sent", { ...c, callID: "nope" }, "VALIDATION"],
    ["already aborted signal", { ...c, callID: callId(8), signal: aborted.signal }, "AbortError"],
    ["closed port", { ...c, baseUrl: closedUrl, callID: callId(9), timeoutMs: 5000 }, "NETWORK"],
  ];
}
