// The XML reader of baselines (a) and (b): fast-xml-parser, validating.
import { XMLParser } from "fast-xml-parser";
import * as C from "./common.mjs";

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  // Character references (&#50;) are XML, yet fast-xml-parser decodes them only with this option
  // (which also brings HTML's named entities).
  htmlEntities: true,
});

function readXml(text) {
  // The validator lets a second document through after the root (a self-closing root, CDATA, a
  // DOCTYPE, a reference): what follows the root is checked here.
  if (!C.endsWithTheRoot(text)) return undefined;
  try {
    return xml.parse(text, true); // validates first: fast-xml-parser alone accepts broken XML
  } catch {
    return undefined;
  }
}

export function xmlEnvelope(body) {
  const text = C.xmlText(body);
  let doc = readXml(text);
  if (doc === undefined) {
    const repaired = C.repairedXml(text);
    if (repaired !== undefined) doc = readXml(repaired);
  }
  if (doc === undefined) return new C.Unreadable("the XML is not well formed.");
  const rootName = Object.keys(doc).find((key) => !key.startsWith("?"));
  if (!C.ROOTS.includes(rootName)) return new C.Unreadable("the root element is neither VerbaApi nor VerbaData.");
  const root = doc[rootName];
  if (C.countNamed(root, "Response") > 1) return new C.Unreadable("the reply has more than one Response.");
  const response = typeof root === "object" ? root.Response : undefined;
  if (response === undefined) return new C.Unreadable("the reply has no Response element inside VerbaApi.");
  if (typeof response !== "object") return new C.Unreadable("the Response element has no code attribute.");
  let message = response.ErrorMessage ?? root.ErrorMessage;
  if (Array.isArray(message)) message = message[0];
  if (message !== null && typeof message === "object") message = message["#text"];
  return C.xmlResponse(response["@_code"], response["@_type"], message);
}
