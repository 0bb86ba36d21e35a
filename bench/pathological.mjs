// The worst replies of about 1 MiB (issue 8, item 3: "the worst 1 MiB reply you can construct
// parses in milliseconds"): the generators of tests/reply_robustness.rs (runs of `&`,
// near-references, huge attributes, deep nesting, long names, many small or unfinished pieces of
// markup), plus JSON with long strings, deep arrays and many members, and TEXT. bench/page.mjs
// times parseDeleteCallResponse on each beside the browser's own parser of the format
// (DOMParser for XML, JSON.parse for JSON; TEXT has none). A printed figure, never an assertion.

export const MAX_REPLY_BYTES = 1024 * 1024;

/** `head`, then `unit` as often as fits, then `tail`: at most MAX_REPLY_BYTES in all (ASCII). */
function filled(head, unit, tail) {
  const count = Math.floor((MAX_REPLY_BYTES - head.length - tail.length) / unit.length);
  return head + unit.repeat(count) + tail;
}

const DEPTH = 100000;
const IN_MESSAGE = '<VerbaApi><Response code="2"><ErrorMessage>';
const END_MESSAGE = "</ErrorMessage></Response></VerbaApi>";
const IN_TYPE = '<VerbaApi><Response code="2" type="';
const END_ATTRIBUTE = '"/></VerbaApi>';

/** [name, body, responseType], in the order of tests/reply_robustness.rs, then JSON and TEXT. */
export function pathologicalReplies() {
  const name = "n".repeat(MAX_REPLY_BYTES / 2 - 64);
  const xml = [
    // runs of `&` and near-references in attributes
    ["XML: a run of & in the type attribute", filled(IN_TYPE, "&", END_ATTRIBUTE)],
    ["XML: a run of & in the code attribute", filled('<VerbaApi><Response code="', "&", END_ATTRIBUTE)],
    ["XML: near-references (&#x10FFFF&#1) in an attribute", filled(IN_TYPE, "&#x10FFFF&#1", END_ATTRIBUTE)],
    ["XML: a run of & then one ; in an attribute", filled(IN_TYPE, "&", `;${END_ATTRIBUTE}`)],
    // the error message
    ["XML: a run of & in the message", filled(IN_MESSAGE, "&", END_MESSAGE)],
    ["XML: a run of & in the message, never closed", filled('<VerbaApi><Response code="2"/><ErrorMessage>', "&", "")],
    ["XML: a run of & then one ; in the message", filled(IN_MESSAGE, "&", `;\r\n${END_MESSAGE}`)],
    ["XML: &amp; repeated in the message", filled(IN_MESSAGE, "&amp;", END_MESSAGE)],
    ["XML: an unknown reference repeated in the message", filled(IN_MESSAGE, "&e;", END_MESSAGE)],
    ["XML: CRLF and CR line ends in the message", filled(IN_MESSAGE, "a\r\nb\r", END_MESSAGE)],
    // attributes
    ["XML: a huge attribute", filled('<VerbaApi><Response code="2" pad="', "x", END_ATTRIBUTE)],
    ["XML: a code padded with spaces", filled('<VerbaApi><Response code=" ', " ", '2 "/></VerbaApi>')],
    ["XML: many attributes on a payload element", filled('<VerbaApi><Response code="2"/><Info', ' a=""', "/></VerbaApi>")],
    ["XML: many repeated attributes on the Response", filled('<VerbaApi><Response code="2"', " a=''", "/></VerbaApi>")],
    ["XML: an attribute value that never ends", filled('<VerbaApi><Response code="2" pad="', "x", "")],
    // nesting
    ["XML: 100,000 elements deep inside the Response",
      `<VerbaApi><Response code="0" type="DeleteCall">${"<a>".repeat(DEPTH)}${"</a>".repeat(DEPTH)}</Response></VerbaApi>`],
    ["XML: 100,000 elements deep, never closed", `<VerbaApi>${"<a>".repeat(DEPTH)}`],
    ["XML: 100,000 elements deep around the message",
      `${IN_MESSAGE}${"<b>".repeat(DEPTH)}deep${"</b>".repeat(DEPTH)}${END_MESSAGE}`],
    ["XML: 90,000 prefixed elements deep",
      `<VerbaApi><Response code="2">${"<v:b>".repeat(DEPTH * 0.9)}${"</w:b>".repeat(DEPTH * 0.9)}</Response></VerbaApi>`],
    ["XML: 100,000 deep, closed one short",
      `<VerbaApi><Response code="2">${"<b>".repeat(DEPTH)}${"</b>".repeat(DEPTH - 1)}</Response></VerbaApi>`],
    // long names
    ["XML: a 512 KiB element name beside the Response", `<VerbaApi><Response code="2"/><${name}></${name}></VerbaApi>`],
    ["XML: a 1 MiB root name", filled("<", "n", '><Response code="0" type="DeleteCall"/>')],
    ["XML: a 1 MiB element name, never closed", filled("<VerbaApi><", "n", "")],
    ["XML: a 1 MiB attribute name", filled('<VerbaApi><Response code="2" ', "n", '=""/></VerbaApi>')],
    // many small pieces in the message
    ...["<!---->", "<?p?>", "<![CDATA[]]>", "<a/>", "<a></a>", "&#65;"].map((unit) =>
      [`XML: ${unit} repeated in the message`, filled(IN_MESSAGE, unit, END_MESSAGE)]),
    // many unfinished pieces
    ...["<", "</", "<!", "<!--", "<?", "<![CDATA[", "]]>", "--", "\u0000"].map((unit) =>
      [`XML: ${JSON.stringify(unit).slice(1, -1)} repeated, unfinished`, filled(IN_MESSAGE, unit, "")]),
    // after the root and the broken closing tag (one pass)
    ["XML: 1 MiB of whitespace after the broken closing tag",
      filled('<VerbaApi><Response code="0" type="DeleteCall"/><VerbaApi>', " ", "")],
    ["XML: elements named like the root, each closed, after the Response",
      filled('<VerbaApi><Response code="0" type="DeleteCall"/>', "<VerbaApi>  </VerbaApi>", "</VerbaApi>")],
    ["XML: comments after the root", filled('<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>', "<!-- -->", "")],
  ].map(([label, body]) => [label, body, "XML"]);

  const envelope = '{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall","x":';
  const close = "}}}";
  const json = [
    ["JSON: a 1 MiB string beside the envelope", filled(`${envelope}"`, "x", `"${close}`)],
    ["JSON: a 1 MiB ErrorMessage", filled('{"VerbaApi":{"Response":{"code":2,"ErrorMessage":"', "x", '"}}}')],
    ["JSON: escapes (\\u00e9) in the ErrorMessage", filled('{"VerbaApi":{"Response":{"code":2,"ErrorMessage":"', "\\u00e9", '"}}}')],
    ["JSON: arrays 200,000 deep beside the envelope", `${envelope}${"[".repeat(2 * DEPTH)}${"]".repeat(2 * DEPTH)}${close}`],
    ["JSON: arrays 500,000 deep, alone", `${"[".repeat(5 * DEPTH)}${"]".repeat(5 * DEPTH)}`],
    ["JSON: objects 100,000 deep, alone", `${'{"a":'.repeat(DEPTH)}0${"}".repeat(DEPTH)}`],
    ["JSON: many members in the Response", filled('{"VerbaApi":{"Response":{"code":0', ',"k":0', "}}}")],
    ["JSON: many distinct members in the Response",
      `{"VerbaApi":{"Response":{"code":0${Array.from({ length: 70000 }, (_, i) => `,"k${i}":0`).join("")}}}}`],
    ["JSON: a long array of numbers beside the envelope", filled(`${envelope}[0`, ",1e400", `]${close}`)],
  ].map(([label, body]) => [label, body, "JSON"]);

  const text = [
    ["TEXT: ERROR 2 and a 1 MiB message", filled("ERROR 2: ", "x", "")],
    ["TEXT: ERROR and 1 MiB of digits", filled("ERROR ", "1", ": x")],
    ["TEXT: ERROR and 1 MiB of colons", filled("ERROR", ":", "")],
    ["TEXT: OK in 1 MiB of whitespace", filled("OK", " \r\n", "")],
    ["TEXT: 1 MiB of other text", filled("", "Deleted. ", "")],
  ].map(([label, body]) => [label, body, "TEXT"]);

  return [...xml, ...json, ...text];
}
