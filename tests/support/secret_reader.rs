//! The independent reader of the redaction tests: can `text` be read as `secret` somewhere, in
//! any mix of the encodings a server may echo it in? Brute force, for short texts. Shared by
//! tests/redaction.rs and the `redaction` fuzz target (fuzz/fuzz_targets/redaction.rs), each of
//! which includes this file with `#[path]`.

/// Where reading `c` at byte `at` of `text` can end, in each way it can be written: as it is
/// (any letter case), percent-encoded, as a numeric reference (all the digits that follow, with
/// or without `;`) or a predefined entity (with or without `;`).
pub fn ends(text: &[u8], at: usize, c: u8) -> Vec<usize> {
    let same = |byte: u32| byte < 128 && (byte as u8).eq_ignore_ascii_case(&c);
    let digits = |from: usize, radix: u32| {
        let mut end = from;
        while text
            .get(end)
            .is_some_and(|&byte| char::from(byte).is_digit(radix))
        {
            end += 1;
        }
        let value = text[from..end].iter().fold(0u64, |value, &byte| {
            (value * u64::from(radix) + u64::from(char::from(byte).to_digit(radix).unwrap_or(0)))
                .min(1 << 40)
        });
        (end, value)
    };
    let mut found = Vec::new();
    let rest = &text[at..];
    if rest.first().is_some_and(|&byte| same(u32::from(byte))) {
        found.push(at + 1);
    }
    if let [b'%', high, low, ..] = rest
        && let (Some(high), Some(low)) = (
            char::from(*high).to_digit(16),
            char::from(*low).to_digit(16),
        )
        && same(high * 16 + low)
    {
        found.push(at + 3);
    }
    let with_semicolon = |end: usize, found: &mut Vec<usize>| {
        found.push(end);
        if text.get(end) == Some(&b';') {
            found.push(end + 1);
        }
    };
    if rest.starts_with(b"&#") {
        let hex = matches!(rest.get(2), Some(b'x' | b'X'));
        let from = at + if hex { 3 } else { 2 };
        let (end, value) = digits(from, if hex { 16 } else { 10 });
        if end > from && value < 128 && same(value as u32) {
            with_semicolon(end, &mut found);
        }
    }
    for (name, named) in [
        ("&amp", b'&'),
        ("&lt", b'<'),
        ("&gt", b'>'),
        ("&quot", b'"'),
        ("&apos", b'\''),
    ] {
        if named == c
            && rest
                .get(..name.len())
                .is_some_and(|written| written.eq_ignore_ascii_case(name.as_bytes()))
        {
            with_semicolon(at + name.len(), &mut found);
        }
    }
    found
}

/// Whether `text` holds `secret` in some mix of the encodings of [`ends`], its hyphens (if it
/// has other characters) written or left out. Brute force, for short texts.
pub fn survives(text: &str, secret: &str) -> bool {
    let text = text.as_bytes();
    let optional_hyphens = secret.bytes().any(|byte| byte != b'-');
    (0..text.len()).any(|start| {
        let mut at = vec![start];
        for c in secret.bytes() {
            let mut next: Vec<usize> = at.iter().flat_map(|&at| ends(text, at, c)).collect();
            if c == b'-' && optional_hyphens {
                next.extend(&at);
            }
            next.sort_unstable();
            next.dedup();
            at = next;
            if at.is_empty() {
                return false;
            }
        }
        true
    })
}
