//! Keeping credentials out of everything shown: previews, errors, logs.
//!
//! Text from a recorder may echo a secret in any encoding a server applies: letter case changed,
//! characters percent-encoded (`%2D`, `+` for a space), written as XML/HTML character references
//! (`&#45;`, `&#x2d`, `&#0045;`, `&amp;`), any mix of those within one occurrence, and a GUID with
//! or without its hyphens. [`scrub`] finds every such occurrence in one pass over the text:
//!
//! - The text is read as a sequence of units: a percent escape (`%` and two hex digits), a
//!   character reference (numeric with any number of digits, or one of the five predefined
//!   entities, with or without the final `;`), a JSON escape (`\u` and four hex digits), or one
//!   literal character.
//! - Each secret is looked for with a bit-parallel automaton (shift-and): one bit per byte of the
//!   secret, bit `j` set when the text read so far can end with the secret's first `j + 1` bytes;
//!   a secret longer than a word's 64 bytes is looked for as parts of 64, side by side (an
//!   occurrence of the whole is an occurrence of each part, and their redactions join).
//!   A literal unit steps it once per byte. An escape or reference can also be read literally
//!   (the secret itself may hold `%41` or `&amp;`, or begin inside it, as in `%` + `74c8…`), and a
//!   reference ending in `;` can also be the reference without it followed by a literal `;`:
//!   each reading steps its own copy, and the copies are joined by OR, so every reading is
//!   followed at once. No unit begins inside an escape or reference, so those are all readings.
//! - Bytes are compared with ASCII letters folded to lower case and a space as `+` (form
//!   encoding); hyphens are skipped on both sides (a GUID with or without hyphens), unless the
//!   secret is made only of hyphens.
//! - A match ends at the end of the unit where the secret's last bit is reached; it begins no
//!   later than the last unit boundary at which no bit was set, and that boundary is where its
//!   redaction begins (it may take a few harmless characters before the secret, never fewer).
//!   Skipped hyphens right before or after a match go with it. Overlapping matches, of one
//!   secret or several, are redacted as one; so are touching parts of one secret.
//!
//! The time is linear in the length of the text: each byte is stepped at most three times per
//! part of a secret (decoded, literally, and a `;` after a reference), each step is a few
//! operations on one word, a secret has one part per 64 bytes (one for a GUID, at most four for
//! a 256-character token), the digits of a reference are read once, and nothing is re-read.

/// Shown instead of a secret.
pub(crate) const REDACTED: &str = "REDACTED";

/// The shown form of a secret: its first four characters and `…REDACTED` when it is long enough
/// that four characters give nothing away (16 or more), else `REDACTED` alone.
pub fn redact(secret: &str) -> String {
    let mut shown = String::new();
    if secret.chars().count() >= 16 {
        shown.extend(secret.chars().take(4));
        shown.push('…');
    }
    shown.push_str(REDACTED);
    shown
}

/// `text` with every occurrence of each secret, in any of the encodings of the module
/// documentation, replaced by its redacted form.
pub(crate) fn scrub(text: &str, secrets: &[&str]) -> String {
    scrub_start(text, secrets, usize::MAX)
}

/// [`scrub`] for a text the caller gives away: returned as it is, without a copy, when it holds
/// no secret (the usual case, and the one a large hostile message takes).
pub(crate) fn scrub_owned(text: String, secrets: &[&str]) -> String {
    if occurrences(&text, secrets).is_empty() {
        text
    } else {
        scrub(&text, secrets)
    }
}

/// The first `chars` characters of `text` scrubbed as by [`scrub`], and `…` when more follows.
/// The whole text is scrubbed before it is cut, so a secret that straddles the cut is redacted
/// like any other; a redacted form that straddles it is kept whole.
pub(crate) fn scrub_start(text: &str, secrets: &[&str], chars: usize) -> String {
    // Room for all of it at once: a string grown by doubling would leave abandoned blocks of up
    // to twice a 1 MiB reply in wasm memory, which never shrinks.
    let mut out = String::with_capacity(text.len().min(chars.saturating_mul(4)));
    let mut left = chars;
    let mut at = 0;
    let mut spans = occurrences(text, secrets).into_iter();
    loop {
        let span = spans.next();
        let until = span.as_ref().map_or(text.len(), |span| span.start);
        for c in text.get(at..until).unwrap_or_default().chars() {
            if left == 0 {
                out.push('…');
                return out;
            }
            out.push(c);
            left -= 1;
        }
        let Some(span) = span else {
            return out;
        };
        if left == 0 {
            out.push('…');
            return out;
        }
        let shown = redact(secrets.get(span.secret).copied().unwrap_or_default());
        left = left.saturating_sub(shown.chars().count());
        out.push_str(&shown);
        at = span.end;
    }
}

/// A part of the text to redact: bytes `start..end` (character boundaries), shown as the
/// redacted form of `secrets[secret]`.
struct Span {
    start: usize,
    end: usize,
    secret: usize,
}

/// Every part of `text` that holds a secret, in order, none overlapping.
fn occurrences(text: &str, secrets: &[&str]) -> Vec<Span> {
    let mut searches: Vec<Search> = Vec::new();
    for (index, secret) in secrets.iter().enumerate() {
        add_searches(&mut searches, secret, index);
    }
    let mut spans: Vec<Span> = Vec::new();
    if searches.is_empty() {
        return spans;
    }
    let mut at = 0;
    while let Some(unit) = Unit::at(text, at) {
        let end = at + unit.raw.len();
        for search in &mut searches {
            if search.read(&unit, at) {
                push_span(
                    &mut spans,
                    Span {
                        start: search.since,
                        end,
                        secret: search.secret,
                    },
                );
            }
        }
        at = end;
    }
    spans
}

/// Appends `span`, merged with the spans it overlaps (or touches, for the same secret: the
/// parts of a long one). Spans come with non-decreasing ends, so only the last ones can overlap
/// it; each span is merged away at most once.
fn push_span(spans: &mut Vec<Span>, mut span: Span) {
    while let Some(last) = spans.last() {
        if last.end < span.start || (last.end == span.start && last.secret != span.secret) {
            break;
        }
        if last.start <= span.start {
            span.start = last.start;
            span.secret = last.secret;
        }
        spans.pop();
    }
    spans.push(span);
}

/// One unit of text: a literal character, or a percent escape, character reference or JSON
/// `\u` escape and the bytes it stands for.
struct Unit<'t> {
    /// The unit as written.
    raw: &'t [u8],
    /// What an escape or reference stands for (its first `decoded_len` bytes); nothing for a
    /// literal character.
    decoded: [u8; 4],
    decoded_len: usize,
    /// A reference written with its final `;`, which may also be read as the reference without
    /// it followed by a literal `;`.
    semicolon: bool,
}

impl<'t> Unit<'t> {
    /// The unit that starts at byte `at` (a character boundary) of `text`, `None` at the end.
    fn at(text: &'t str, at: usize) -> Option<Unit<'t>> {
        let rest = text.get(at..)?;
        let bytes = rest.as_bytes();
        let mut unit = Unit {
            raw: &[],
            decoded: [0; 4],
            decoded_len: 0,
            semicolon: false,
        };
        // A literal character: its length from its first byte.
        let mut len = match bytes.first()? {
            0..0x80 => 1,
            0xe0..0xf0 => 3,
            0xf0.. => 4,
            _ => 2,
        };
        match bytes {
            [b'%', digits @ ..] => {
                if let (byte, 2) = number(digits, 16, 2) {
                    unit.decoded[0] = byte as u8;
                    unit.decoded_len = 1;
                    len = 3;
                }
            }
            // A JSON string's escape, shown as written where the reply is no Verba reply (the
            // HTTP_ERROR excerpt of a JSON body): `\u` and four hex digits, a surrogate not.
            [b'\\', b'u', digits @ ..] => {
                if let (code, 4) = number(digits, 16, 4)
                    && let Some(c) = char::from_u32(code)
                {
                    unit.decoded_len = c.encode_utf8(&mut unit.decoded).len();
                    len = 6;
                }
            }
            [b'&', ..] => {
                if let Some((c, reference_len)) = reference(bytes) {
                    unit.decoded_len = c.encode_utf8(&mut unit.decoded).len();
                    unit.semicolon = bytes.get(reference_len) == Some(&b';');
                    len = reference_len + usize::from(unit.semicolon);
                }
            }
            _ => {}
        }
        unit.raw = bytes.get(..len)?;
        Some(unit)
    }
}

/// The predefined XML entities (HTML has them too), without `&` and `;`.
const ENTITIES: [(&str, char); 5] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
];

/// The character a reference at the start of `text` (which starts with `&`) stands for, and its
/// length without the final `;`: `&#` and decimal digits, `&#x` (or `X`) and hex digits, any
/// number of them (an HTML reader takes every digit that follows), or a predefined entity in
/// any letter case. Digits are read once, so a run of them costs its length.
fn reference(text: &[u8]) -> Option<(char, usize)> {
    if text.get(1) != Some(&b'#') {
        for (name, c) in ENTITIES {
            let len = 1 + name.len();
            if text
                .get(1..len)
                .is_some_and(|written| written.eq_ignore_ascii_case(name.as_bytes()))
            {
                return Some((c, len));
            }
        }
        return None;
    }
    let (radix, start) = match text.get(2) {
        Some(b'x' | b'X') => (16, 3),
        _ => (10, 2),
    };
    let (value, digits) = number(text.get(start..)?, radix, usize::MAX);
    if digits == 0 {
        return None;
    }
    Some((char::from_u32(value)?, start + digits))
}

/// The number that the digits in `radix` at the start of `text` write, at most `max` of them,
/// and how many there are. The value is capped just past the last code point: a longer number
/// is no character anyway.
fn number(text: &[u8], radix: u32, max: usize) -> (u32, usize) {
    let mut value = 0;
    let mut len = 0;
    while let Some(digit) = text
        .get(len)
        .filter(|_| len < max)
        .and_then(|&byte| char::from(byte).to_digit(radix))
    {
        value = (value * radix + digit).min(0x11_0000);
        len += 1;
    }
    (value, len)
}

/// A byte as compared: ASCII letters in lower case, a space as `+` (its form encoding).
fn fold(byte: u8) -> u8 {
    if byte == b' ' {
        b'+'
    } else {
        byte.to_ascii_lowercase()
    }
}

/// The search for (a part of) one secret through the text: a shift-and automaton.
struct Search {
    /// For each byte value, bit `j` set where the part's `j`-th byte (as compared, hyphens
    /// left out) is that byte.
    masks: Vec<u64>,
    /// The bit of the part's last byte.
    last: u64,
    /// Whether hyphens are skipped (not for a secret made only of hyphens).
    skip_hyphens: bool,
    /// Bit `j` set when the text read so far can end with the part's first `j + 1` bytes.
    state: u64,
    /// Where the current run of set bits began (with the hyphens just before it): no match
    /// that is under way began earlier.
    since: usize,
    /// Whether the last unit read was a skipped hyphen.
    after_hyphen: bool,
    /// Whether a match ended in the last unit read (or it was a hyphen right after one).
    ended: bool,
    /// The secret's index.
    secret: usize,
}

/// Adds the searches for `secret` to `searches`, one per 64 bytes (the bits of a word) of it
/// as compared: an occurrence of the secret is one of each part, side by side, so their
/// redactions cover it.
fn add_searches(searches: &mut Vec<Search>, secret: &str, index: usize) {
    let skip_hyphens = secret.bytes().any(|byte| byte != b'-');
    let bytes = secret
        .bytes()
        .filter(|&byte| !(skip_hyphens && byte == b'-'));
    for (at, byte) in bytes.enumerate() {
        let bit = 1 << (at % 64);
        if bit == 1 {
            searches.push(Search {
                masks: vec![0; 256],
                last: 0,
                skip_hyphens,
                state: 0,
                since: 0,
                after_hyphen: false,
                ended: false,
                secret: index,
            });
        }
        if let Some(search) = searches.last_mut() {
            if let Some(mask) = search.masks.get_mut(usize::from(fold(byte))) {
                *mask |= bit;
            }
            search.last = bit;
        }
    }
}

impl Search {
    /// Reads `unit`, which starts at byte `at`: whether the part ends within it, in any
    /// reading.
    fn read(&mut self, unit: &Unit, at: usize) -> bool {
        let decoded = unit.decoded.get(..unit.decoded_len).unwrap_or_default();
        let main = if decoded.is_empty() {
            unit.raw
        } else {
            decoded
        };
        // Skipped hyphens next to a match go with it, so that none of the secret's is left
        // shown: a run of them just before it stays in its span, and those after it extend it.
        let hyphen = self.skip_hyphens && main == b"-";
        if self.state == 0 && !self.after_hyphen {
            self.since = at;
        }
        self.after_hyphen = hyphen;
        let (mut state, mut found) = self.steps(self.state, main);
        if !decoded.is_empty() {
            let (literal, also) = self.steps(self.state, unit.raw);
            found |= also;
            if unit.semicolon {
                let (unterminated, also) = self.steps(state, b";");
                state |= unterminated;
                found |= also;
            }
            state |= literal;
        }
        self.state = state;
        found |= hyphen && self.ended;
        self.ended = found;
        found
    }

    /// `state` stepped through `bytes`, and whether the part ends at one of them.
    fn steps(&self, mut state: u64, bytes: &[u8]) -> (u64, bool) {
        let mut found = false;
        for &byte in bytes {
            let byte = fold(byte);
            if self.skip_hyphens && byte == b'-' {
                continue;
            }
            state = (state << 1 | 1) & self.masks.get(usize::from(byte)).copied().unwrap_or(0);
            // A whole match leads nowhere further: its bit is cleared once seen, so that the
            // run of set bits (and the redaction) ends with it.
            found |= state & self.last != 0;
            state &= !self.last;
        }
        (state, found)
    }
}

#[cfg(test)]
mod tests {
    use super::scrub;

    const KEY: &str = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";

    #[test]
    fn spans_start_and_end_on_character_boundaries() {
        let text = format!("é{KEY}é %{KEY}€ &#{KEY};");
        let clean = scrub(&text, &[KEY]);
        assert_eq!(clean, "é74c8…REDACTEDé 74c8…REDACTED€ 74c8…REDACTED;");
    }

    #[test]
    fn a_secret_of_hyphens_only_is_found_as_hyphens() {
        assert_eq!(scrub("a---b -- c", &["---"]), "aREDACTEDb -- c");
        assert_eq!(scrub("a&#45;%2D-b", &["---"]), "aREDACTEDb");
    }

    #[test]
    fn hyphens_next_to_a_secret_go_with_it() {
        let token = "-abc--";
        assert_eq!(scrub("x--abc-%2D&#45;y", &[token]), "xREDACTEDy");
        assert_eq!(scrub("x-a-b-c-y -abc", &[token]), "xREDACTEDy REDACTED");
        assert_eq!(scrub("x-ab-y", &[token]), "x-ab-y");
    }
}
