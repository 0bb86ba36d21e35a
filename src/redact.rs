//! Keeping credentials out of everything shown: previews, errors, logs.
//!
//! Text from a recorder may echo a secret in any encoding a server applies: letter case changed,
//! characters percent-encoded (`%2D`, `+` for a space), written as XML/HTML character references
//! (`&#45;`, `&#x2d`, `&#0045;`, `&amp;`), any mix of those within one occurrence, and a GUID with
//! or without its hyphens. [`scrub`] finds every such occurrence in one pass over the text:
//!
//! - The text is read as a sequence of units: a percent escape (`%` and two hex digits), a
//!   character reference (numeric with any number of digits, or one of the five predefined
//!   entities, with or without the final `;`), or one literal character.
//! - Each secret is looked for with a bit-parallel automaton (shift-and): one bit per byte of the
//!   secret, bit `j` set when the text read so far can end with the secret's first `j + 1` bytes.
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
//!   Overlapping matches, of one secret or several, are redacted as one.
//!
//! The time is linear in the length of the text: each byte is stepped at most twice per secret
//! (decoded and literally), each step costs one machine word per 64 bytes of the secret (one word
//! for a GUID, at most four for a 256-character token), and nothing is ever re-read.

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

/// The first `chars` characters of `text` scrubbed as by [`scrub`], and `…` when more follows.
/// The whole text is scrubbed before it is cut, so a secret that straddles the cut is redacted
/// like any other; a redacted form that straddles it is kept whole.
pub(crate) fn scrub_start(text: &str, secrets: &[&str], chars: usize) -> String {
    let mut out = String::new();
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
    let mut searches: Vec<Search> = secrets
        .iter()
        .enumerate()
        .filter_map(|(index, secret)| Search::new(secret, index))
        .collect();
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

/// Appends `span`, merged with the spans it overlaps. Spans come with non-decreasing ends, so
/// only the last ones can overlap it; each span is merged away at most once.
fn push_span(spans: &mut Vec<Span>, mut span: Span) {
    while let Some(last) = spans.last() {
        if last.end <= span.start {
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

/// One unit of text: a literal character, or a percent escape or character reference and the
/// bytes it stands for.
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
        let mut len = rest.chars().next()?.len_utf8();
        match bytes {
            [b'%', high, low, ..] => {
                if let (Some(high), Some(low)) = (hex(*high), hex(*low)) {
                    unit.decoded[0] = high << 4 | low;
                    unit.decoded_len = 1;
                    len = 3;
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

/// The value of an ASCII hex digit.
fn hex(byte: u8) -> Option<u8> {
    char::from(byte).to_digit(16).map(|digit| digit as u8)
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
        return ENTITIES.iter().find_map(|(name, c)| {
            text.get(1..=name.len())
                .filter(|written| written.eq_ignore_ascii_case(name.as_bytes()))
                .map(|_| (*c, 1 + name.len()))
        });
    }
    let (radix, digits) = match text.get(2) {
        Some(b'x' | b'X') => (16, 3),
        _ => (10, 2),
    };
    let mut value: u32 = 0;
    let mut len = digits;
    while let Some(digit) = text.get(len).and_then(|&b| char::from(b).to_digit(radix)) {
        // Capped just past the last code point: a longer number is no character anyway.
        value = (value * radix + digit).min(0x11_0000);
        len += 1;
    }
    if len == digits {
        return None;
    }
    Some((char::from_u32(value)?, len))
}

/// A byte as compared: ASCII letters in lower case, a space as `+` (its form encoding).
fn fold(byte: u8) -> u8 {
    if byte == b' ' {
        b'+'
    } else {
        byte.to_ascii_lowercase()
    }
}

/// The search for one secret through the text: a shift-and automaton.
struct Search {
    /// For each byte value, `words` words with bit `j` set where the secret's `j`-th byte (as
    /// compared) is that byte.
    masks: Vec<u64>,
    words: usize,
    /// The bit of the secret's last byte, in the last word.
    last: u64,
    /// Whether hyphens are skipped (not for a secret made only of hyphens).
    skip_hyphens: bool,
    /// The automaton's bits after the text read so far, and room for the other readings of a
    /// unit (literal, and without the `;`).
    state: Vec<u64>,
    literal: Vec<u64>,
    unterminated: Vec<u64>,
    /// Where the current run of set bits began: no match that is under way began earlier.
    since: usize,
    /// The secret's index.
    secret: usize,
}

impl Search {
    fn new(secret: &str, index: usize) -> Option<Search> {
        let skip_hyphens = secret.bytes().any(|byte| byte != b'-');
        let pattern: Vec<u8> = secret
            .bytes()
            .filter(|&byte| !(skip_hyphens && byte == b'-'))
            .map(fold)
            .collect();
        let last = pattern.len().checked_sub(1)?;
        let words = last / 64 + 1;
        let mut masks = vec![0; 256 * words];
        for (at, &byte) in pattern.iter().enumerate() {
            if let Some(word) = masks.get_mut(usize::from(byte) * words + at / 64) {
                *word |= 1 << (at % 64);
            }
        }
        Some(Search {
            masks,
            words,
            last: 1 << (last % 64),
            skip_hyphens,
            state: vec![0; words],
            literal: vec![0; words],
            unterminated: vec![0; words],
            since: 0,
            secret: index,
        })
    }

    /// Reads `unit`, which starts at byte `at`: whether the secret ends within it, in any
    /// reading.
    fn read(&mut self, unit: &Unit, at: usize) -> bool {
        if self.state.iter().all(|&word| word == 0) {
            self.since = at;
        }
        let Some(decoded) = unit
            .decoded
            .get(..unit.decoded_len)
            .filter(|d| !d.is_empty())
        else {
            return self.steps(Reading::Main, unit.raw);
        };
        self.literal.copy_from_slice(&self.state);
        let mut found = self.steps(Reading::Literal, unit.raw);
        found |= self.steps(Reading::Main, decoded);
        if unit.semicolon {
            self.unterminated.copy_from_slice(&self.state);
            found |= self.steps(Reading::Unterminated, b";");
            join(&mut self.state, &self.unterminated);
        }
        join(&mut self.state, &self.literal);
        found
    }

    /// Steps one reading's bits through `bytes`: whether the secret ends at one of them.
    fn steps(&mut self, reading: Reading, bytes: &[u8]) -> bool {
        let state = match reading {
            Reading::Main => &mut self.state,
            Reading::Literal => &mut self.literal,
            Reading::Unterminated => &mut self.unterminated,
        };
        let mut found = false;
        for &byte in bytes {
            let byte = fold(byte);
            if self.skip_hyphens && byte == b'-' {
                continue;
            }
            let start = usize::from(byte) * self.words;
            let masks = self
                .masks
                .get(start..start + self.words)
                .unwrap_or_default();
            let mut carry = 1;
            for (word, mask) in state.iter_mut().zip(masks) {
                let next = *word >> 63;
                *word = (*word << 1 | carry) & mask;
                carry = next;
            }
            // A whole match leads nowhere further: its bit is cleared once seen, so that the
            // run of set bits (and the redaction) ends with it.
            if let Some(word) = state.last_mut() {
                found |= *word & self.last != 0;
                *word &= !self.last;
            }
        }
        found
    }
}

/// Which copy of the automaton's bits a reading steps.
#[derive(Clone, Copy)]
enum Reading {
    Main,
    Literal,
    Unterminated,
}

/// `into |= other`, word by word.
fn join(into: &mut [u64], other: &[u64]) {
    for (word, more) in into.iter_mut().zip(other) {
        *word |= more;
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
}
