#!/usr/bin/env python3
"""Writes the seed corpora in seeds/<target>/ (run from fuzz/: `python3 seeds.py`).

The bodies are the samples of docs/spec.md and the pathological and echo bodies of
tests/support/hostile-server.mjs, the near-1-MiB ones cut to a few hundred bytes (libFuzzer's
inputs stay under 4 KiB). A reply target's input is one status byte (an index into STATUSES of
fuzz_targets/common/mod.rs) and the body; token_reply's starts with a format byte (0 XML, 1 JSON,
2 TEXT, 3 HTML)."""
import hashlib, json, os, shutil

KEY = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8"
TOKEN = "09835e02-6c10-11e0-bb22-ba324924019b"
CALL = "a8343631-9f35-4a3a-83f0-9e81592339fb"
S200, S404, S500, S502 = 0, 9, 11, 12  # indices into STATUSES
SUCCESS_XML = '<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>'
both = f"apiKey {KEY} token {TOKEN}"

def near(open_, unit, close, n=60):
    return open_ + unit * n + close

XML = [
    '<?xml version="1.0" encoding="UTF-8"?>\n<VerbaApi>\n  <Response code="0" type="GetCallID"/>\n  <CallID>' + CALL + "</CallID>\n</VerbaApi>\n",
    '<?xml version="1.0" encoding="UTF-8"?>\n<VerbaApi>\n  <Response code="2" type="GetCallID">\n    <ErrorMessage>Unable to retrieve the call identifier, because the call cannot be found.</ErrorMessage>\n  </Response>\n</VerbaApi>\n',
    '<?xml version="1.0" encoding="UTF-8"?><VerbaApi><Response code="2" type="DeleteCall"><ErrorMessage description="Error">not found</ErrorMessage></Response><VerbaApi>',
    SUCCESS_XML,
    '<VerbaData><Response code="0" type="DeleteCall"/></VerbaData>',
    '<VerbaApi><Response code="5" type="DeleteCall"/><ErrorMessage>beside</ErrorMessage></VerbaApi>',
    near('<VerbaApi><Response code="0" type="DeleteCall" note="', "&", '"/></VerbaApi>'),
    near('<VerbaApi><Response code="2" type="DeleteCall" note="', "&", '"/></VerbaApi>'),
    near('<VerbaApi><Response type="DeleteCall" code="', "&", '0"/></VerbaApi>'),
    near('<VerbaApi><Response code="2" type="DeleteCall"><ErrorMessage>', "&", "</ErrorMessage></Response></VerbaApi>"),
    near('<VerbaApi><Response code="5" type="DeleteCall"><ErrorMessage>', "&amp;", "</ErrorMessage></Response></VerbaApi>"),
    near("<VerbaApi>", "<a>", ""),
    "<VerbaApi>" + "<a>" * 50 + "</a>" * 50 + '<Response code="2" type="DeleteCall"/></VerbaApi>',
    "<VerbaApi>" + "<a>" * 50 + '<Response code="0" type="DeleteCall"/>' + "</a>" * 50 + "</VerbaApi>",
    '<?xml version="1.0"?>' + SUCCESS_XML + '<?xml version="1.0"?><VerbaApi><Response code="2" type="DeleteCall"/></VerbaApi>',
    SUCCESS_XML + '<VerbaApi><Response code="2" type="DeleteCall"/></VerbaApi>',
    '<VerbaApi><Response code="0" type="DeleteCall"/><Response code="2" type="DeleteCall"/></VerbaApi>',
    '<VerbaApi><Response code="0" type="DeleteCall"/><VerbaApi><Response code="2" type="DeleteCall"/>',
    '<!DOCTYPE x [<!ENTITY e "0">]><VerbaApi><Response code="&e;" type="DeleteCall"/></VerbaApi>',
    f'<VerbaApi><Response code="5" type="DeleteCall"><ErrorMessage>refused {both}</ErrorMessage></Response></VerbaApi>',
    f'<VerbaApi><Response code="0" type="DeleteCall"><ErrorMessage>deleted for {both}</ErrorMessage></Response></VerbaApi>',
]
JSON = [
    '{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall","ErrorMessage":"..."}}}',
    '{"Response":{"code":2,"type":"DeleteCall","ErrorMessage":"not found"}}',
    '{"Response":{"code":2,"code":0}}',
    '{"Response":{"code":0,"type":"DeleteCall","code":2}}',
    '{"VerbaApi":{"Response":{"code":2,"type":"DeleteCall"},"Response":{"code":0,"type":"DeleteCall"}}}',
    '{"Response":{"code":2,"@code":0,"type":"DeleteCall"}}',
    '{"VerbaApi":{"Response":' + "[" * 60 + "]" * 60 + "}}",
    '{"x":' + "[" * 60 + "]" * 60 + ',"VerbaApi":{"Response":{"code":2,"type":"DeleteCall"}}}',
    near('{"VerbaApi":{"Response":{"code":2,"type":"DeleteCall","ErrorMessage":"', "&", '"}}}'),
    '{"VerbaData":{"Response":{"@code":"0","@type":"DeleteCall"}}}',
    '{"VerbaApi":{"Response":{"code":5,"ErrorMessage":{"#text":"x"}}}}',
    f'{{"VerbaApi":{{"Response":{{"code":5,"type":"DeleteCall","ErrorMessage":"refused {both}"}}}}}}',
    '{"Response":{"code":5,"ErrorMessage":"\\u0074\\u006f\\u006b\\u0065\\u006e \\ud83d\\ude00"}}',
]
TEXT = [
    "OK", "OK call deleted", "ERROR", "ERROR: call not found", "ERROR x: y", "ERROR\n2: y",
    "error", "ERROR\t5: y", "Error 2: no such call", "\ufeff", "\ufeff  \r\n ", "ERROR 2: Call not found",
    f"ERROR 5: refused {both}", f"Deleted for {both}", "ERROR -40: invalid key",
]
HTML = [
    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\r\n",
    f"<html><body><h1>500</h1><p>{both}</p></body></html>",
    f"<html><body><p>Deleted for {both}</p></body></html>",
    "<p>Deleted</p>", "",
]
TOKEN_REPLIES = [
    (0, '<VerbaApi><Response code="0" type="RequestToken" token="W7XIabc123"/><SessionId>1</SessionId><Remote>false</Remote></VerbaApi>'),
    (0, '<VerbaApi><Response code="0" type="RequestToken"><Token>' + TOKEN + "</Token></Response></VerbaApi>"),
    (0, '<VerbaApi><Response code="0" type="RequestToken"/><Token>' + TOKEN + "</Token></VerbaApi>"),
    (0, '<VerbaApi><Response code="-40" type="RequestToken"><ErrorMessage>Invalid credentials</ErrorMessage></Response></VerbaApi>'),
    (1, '{"VerbaApi":{"Response":{"code":0,"type":"RequestToken","token":"' + TOKEN + '"}}}'),
    (1, '{"Response":{"@code":0,"@token":"abc"}}'),
    (2, "OK " + TOKEN), (2, "OK"), (2, "ERROR 4: invalid key"), (3, "<p>ok</p>"),
]

def options_json(**values):
    return json.dumps(values)

base = {"baseUrl": "https://recorder.example.com", "apiKey": KEY, "token": TOKEN}
OPTIONS = [
    options_json(**base, callID=CALL),
    options_json(**base, callID="{" + CALL + "}", method="GET", responseType="JSON"),
    options_json(**base, extension="8856", status="last"),
    options_json(**base, extension="sip:alice@example.com", status=["ongoing", "next"], method="GET"),
    options_json(**base, platformCallID=71627389, timeoutMs=1000),
    options_json(**base, nativeID="TRS26140192", responseType="TEXT"),
    options_json(**base, meetingID="WHBFM6DD", corsPreflight=True),
    options_json(baseUrl="http://recorder.example.com", apiKey=KEY, token="a&b<c>d\"e'f%g+h", callID=CALL, allowInsecureHttp=True),
    options_json(baseUrl="https://recorder.example.com", apiKey=KEY, userName="myapiuser", password="pa$$word"),
    options_json(baseUrl="https://recorder.example.com", apiKey=KEY, userName="myapiuser", password="p&=+% w", auth="params"),
    options_json(baseUrl="https://recorder.example.com", apiKey=KEY, userName="u", password="p", method="GET", auth="basic"),
]

def write(target, inputs):
    folder = os.path.join("seeds", target)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for data in inputs:
        name = hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(folder, name), "wb") as out:
            out.write(data)

def with_status(bodies, statuses=(S200, S500)):
    return [bytes([status]) + body.encode() for body in bodies for status in statuses]

write("reply_xml", with_status(XML))
write("reply_json", with_status(JSON))
write("reply_text", with_status(TEXT, (S200, S404, S502)))
write("reply_html", with_status(HTML, (S200, S500, S502)))
write("token_reply", [bytes([kind, status]) + body.encode() for kind, body in TOKEN_REPLIES for status in (S200, S500)])
write("request_building", [b"\0" + text.encode() for text in OPTIONS])
# The redaction target reads its input as choices (arbitrary's Unstructured): plain bytes
# of every value reach every template and encoding.
write("redaction", [bytes(range(n, n + 200)) for n in range(0, 56, 8)] + [b"\x00" * 200, b"\xff" * 200])
