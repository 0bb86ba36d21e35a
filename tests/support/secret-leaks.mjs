// Does a secret show in a text, in any encoding a server, a page or a log may write it in? The
// reader of the JS suites (the hostile suite's outcomes, the dev proxy's log); the Rust tests
// have their own (tests/support/secret_reader.rs).

const percentDecode = (s) => s.replace(/%([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
const referenceDecode = (s) =>
  s
    .replace(/&#x([0-9a-f]{1,6});?/gi, (_, h) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#([0-9]{1,7});?/g, (_, d) => String.fromCodePoint(Math.min(parseInt(d, 10), 0x10ffff)));
// Also inside JSON.stringify's output, where the backslash itself is escaped (\\u002d).
const jsonEscapeDecode = (s) => s.replace(/\\+u([0-9a-f]{4})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
const everyDecoding = (s) => {
  let all = s;
  for (let i = 0; i < 4; i++) all = jsonEscapeDecode(referenceDecode(percentDecode(all)));
  return all;
};
const DECODINGS = {
  "as is": (s) => s,
  "percent-decoded": percentDecode,
  "character references decoded": referenceDecode,
  "JSON escapes decoded": jsonEscapeDecode,
  "all decoded": everyDecoding,
};

const folded = (s) => s.toLowerCase().replaceAll("-", "");

/**
 * Where a secret of `secrets` ({ name: value }) shows in `texts`: each text decoded under each
 * encoding, compared ignoring letter case and hyphens; the whole secret, or 16 consecutive of its
 * characters (half of a GUID's 32 hex digits). Returns names such as "apiKey (percent-decoded)".
 */
export function secretLeaks(texts, secrets) {
  const found = [];
  for (const [which, secret] of Object.entries(secrets)) {
    const digits = folded(secret);
    for (const text of texts) {
      if (typeof text !== "string") continue;
      for (const [decoding, decode] of Object.entries(DECODINGS)) {
        const plain = folded(decode(text));
        if (plain.includes(digits)) {
          found.push(`${which} (${decoding})`);
          break;
        }
        let part = false;
        for (let at = 0; at + 16 <= digits.length && !part; at++) part = plain.includes(digits.slice(at, at + 16));
        if (part) {
          found.push(`half of ${which} (${decoding})`);
          break;
        }
      }
    }
  }
  return [...new Set(found)];
}

/**
 * For the report: the text around the first place where `secretLeaks` would see a secret of
 * `secrets` (the whole of it or any 16 of its characters), as that reader sees it (every
 * decoding applied, lower case, hyphens dropped), so that the leak itself is in the excerpt.
 */
export function leakExcerpt(texts, secrets) {
  for (const text of texts) {
    if (typeof text !== "string") continue;
    const plain = folded(everyDecoding(text));
    for (const secret of Object.values(secrets)) {
      const digits = folded(secret);
      for (let at = 0; at === 0 || at + 16 <= digits.length; at++) {
        const found = plain.indexOf(digits.slice(at, at + 16));
        if (found >= 0) return plain.slice(Math.max(0, found - 100), found + 140);
      }
    }
  }
  return "";
}
