//! Secrets echoed by a hostile recorder never reach what is shown, whatever the encoding (issue
//! 8, item 7): any letter case, percent escapes, XML/HTML character references, any mix of them
//! within one occurrence, a GUID without its hyphens; in every reply format and in the
//! HTTP_ERROR excerpt, including a secret straddling its 200-character cut. A brute-force
//! reader of every encoding (`survives`), independent of the library's, checks what is shown.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{KEY, TOKEN, reply_with_secrets, shown};
use std::time::Instant;
use verba_api::ResponseType::{Html, Json, Text, Xml};
use verba_api::{MAX_REPLY_BYTES, form_encode, redact};

/// Tokens with the characters that encodings change or that start one: `&`, `<`, `%`, `+`,
/// `"`, `'`, `;`, and a GUID token, a token holding encodings as written, and one of 256
/// characters (longer than one 64-byte part of the search).
fn tokens() -> Vec<String> {
    vec![
        "Zq9+ab/cd=ef&gh%ij~kl".to_owned(),
        "a&b<c>d\"e'f%g+h".to_owned(),
        "%41&amp;+%2B\"<x>;".to_owned(),
        TOKEN.to_owned(),
        "Ab&<%+\"';9-"
            .repeat(24)
            .get(..256)
            .unwrap_or_default()
            .to_owned(),
    ]
}

// ---------------------------------------------------------------------------------------------
// Encodings, one character at a time

/// How one character of a secret is written, given its position in the secret.
type Encoding = fn(usize, char) -> String;

fn encode(secret: &str, encoding: Encoding) -> String {
    secret
        .chars()
        .enumerate()
        .map(|(at, c)| encoding(at, c))
        .collect()
}

fn literal(_: usize, c: char) -> String {
    c.to_string()
}
fn upper(_: usize, c: char) -> String {
    c.to_ascii_uppercase().to_string()
}
fn lower(_: usize, c: char) -> String {
    c.to_ascii_lowercase().to_string()
}
fn percent(_: usize, c: char) -> String {
    format!("%{:02X}", u32::from(c))
}
fn percent_lower(_: usize, c: char) -> String {
    format!("%{:02x}", u32::from(c))
}
/// Every other character percent-encoded, the others as they are.
fn percent_every_other(at: usize, c: char) -> String {
    if at.is_multiple_of(2) {
        percent(at, c)
    } else {
        literal(at, c)
    }
}
fn decimal(_: usize, c: char) -> String {
    format!("&#{};", u32::from(c))
}
fn decimal_zeros(_: usize, c: char) -> String {
    format!("&#0000{};", u32::from(c))
}
/// The HTML form without `;` (here always followed by another reference or a space).
fn decimal_bare(_: usize, c: char) -> String {
    format!("&#{}", u32::from(c))
}
fn hex(_: usize, c: char) -> String {
    format!("&#x{:x};", u32::from(c))
}
fn hex_upper(_: usize, c: char) -> String {
    format!("&#X{:X};", u32::from(c))
}
fn hex_zeros(_: usize, c: char) -> String {
    format!("&#x00{:02X};", u32::from(c))
}
fn hex_bare(_: usize, c: char) -> String {
    format!("&#x{:x}", u32::from(c))
}
/// The predefined entities where they apply, other characters as they are.
fn entity(_: usize, c: char) -> String {
    match c {
        '&' => "&amp;".to_owned(),
        '<' => "&lt;".to_owned(),
        '>' => "&gt;".to_owned(),
        '"' => "&quot;".to_owned(),
        '\'' => "&apos;".to_owned(),
        c => c.to_string(),
    }
}
fn entity_bare(at: usize, c: char) -> String {
    let mut written = entity(at, c);
    if written.len() > 1 {
        written.pop();
    }
    written
}
fn entity_upper(at: usize, c: char) -> String {
    entity(at, c).to_ascii_uppercase()
}
/// Hyphens alone encoded, each in another way.
fn hyphens(at: usize, c: char) -> String {
    match c {
        '-' => ["%2D", "%2d", "&#45;", "&#x2D;", "&#x2d;", "&#0045;"][at % 6].to_owned(),
        c => c.to_string(),
    }
}
fn no_hyphens(_: usize, c: char) -> String {
    if c == '-' {
        String::new()
    } else {
        c.to_string()
    }
}
fn no_hyphens_upper(at: usize, c: char) -> String {
    no_hyphens(at, c).to_ascii_uppercase()
}

/// One encoding per character in turn. A form without `;` is always followed by one that
/// starts with `%` or `&` (a digit after it would be read as part of the number, as HTML does).
const MIX: [Encoding; 12] = [
    literal,
    decimal_bare,
    percent,
    upper,
    hex_bare,
    decimal_zeros,
    lower,
    percent_lower,
    entity_bare,
    hex_upper,
    entity,
    hex_zeros,
];

/// [`MIX`] starting at `offset`, so that over the offsets every character meets every encoding.
fn mixed(secret: &str, offset: usize) -> String {
    let mut forms: Vec<String> = secret
        .chars()
        .enumerate()
        .map(|(at, c)| MIX[(at + offset) % MIX.len()](at, c))
        .collect();
    // A reference without `;` is kept only before another escape (or the end).
    for at in 1..forms.len() {
        let bare = forms[at - 1].starts_with("&#") && !forms[at - 1].ends_with(';');
        if bare && !forms[at].starts_with(['&', '%']) {
            forms[at - 1].push(';');
        }
    }
    forms.concat()
}

#[path = "support/secret_reader.rs"]
mod secret_reader;
use secret_reader::survives;

#[test]
fn the_reader_of_the_tests_reads_every_encoding() {
    for secret in [KEY.to_owned()].into_iter().chain(tokens()) {
        for encoding in ENCODINGS {
            let written = format!("<{}>", encode(&secret, encoding.1));
            assert!(survives(&written, &secret), "{}: {written}", encoding.0);
        }
        for offset in 0..MIX.len() {
            let written = format!("<{} >", mixed(&secret, offset));
            assert!(survives(&written, &secret), "mix {offset}: {written}");
        }
    }
    assert!(!survives("74c8eea0-50c6-40b2-9f3e-252ed501c3c", KEY));
    assert!(
        !survives("&#655", "A5"),
        "a digit after a bare reference is part of it"
    );
    assert!(survives("&#65;5", "A5"));
}

// ---------------------------------------------------------------------------------------------
// Every encoding, in every reply format

/// The encodings, by name, each applied to every character.
const ENCODINGS: [(&str, Encoding); 21] = [
    ("as given", literal),
    ("upper case", upper),
    ("lower case", lower),
    ("percent-encoded", percent),
    ("percent-encoded, lower-case hex", percent_lower),
    ("every other character percent-encoded", percent_every_other),
    ("decimal references", decimal),
    ("decimal references with leading zeros", decimal_zeros),
    ("decimal references without ;", decimal_bare),
    ("hex references", hex),
    ("hex references, &#X and upper-case digits", hex_upper),
    ("hex references with leading zeros", hex_zeros),
    ("hex references without ;", hex_bare),
    ("predefined entities", entity),
    ("predefined entities without ;", entity_bare),
    ("predefined entities in upper case", entity_upper),
    ("hyphens encoded", hyphens),
    ("without hyphens", no_hyphens),
    ("without hyphens, upper case", no_hyphens_upper),
    ("form-encoded", |_, c| form_encode(&c.to_string())),
    ("form-encoded, lower-case hex", |_, c| {
        form_encode(&c.to_string()).to_ascii_lowercase()
    }),
];

fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

fn json_escaped(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Every character as a JSON `\u` escape, as a server that escapes everything writes it.
fn json_u_escaped(text: &str) -> String {
    text.chars()
        .map(|c| format!("\\u{:04X}", u32::from(c)))
        .collect()
}

/// What is shown for the reply `text` (carrying encoded secrets) in each place server text
/// reaches: `(where, shown)`.
fn shown_everywhere(text: &str, token: &str) -> Vec<(&'static str, String)> {
    let read =
        |body: &str, kind, status| shown(&reply_with_secrets(body, kind, status, KEY, token));
    let xml_message = |message: &str| {
        format!(
            r#"<VerbaApi><Response code="5" type="DeleteCall"><ErrorMessage>{message}</ErrorMessage></Response></VerbaApi>"#
        )
    };
    let json_message = |message: &str| {
        format!(r#"{{"VerbaApi":{{"Response":{{"code":5,"ErrorMessage":"{message}"}}}}}}"#)
    };
    let mut everywhere = vec![
        (
            "TEXT ERROR message",
            read(&format!("ERROR 5: {text}"), Text, 200),
        ),
        ("TEXT raw", read(&format!("Deleted: {text}"), Text, 200)),
        ("HTML raw", read(&format!("<p>{text}</p>"), Html, 200)),
        ("HTML excerpt", read(&format!("<p>{text}</p>"), Html, 500)),
        (
            "JSON excerpt",
            read(&format!("{{\"error\": \"{text}\""), Json, 502),
        ),
        ("XML excerpt", read(&format!("<error>{text}"), Xml, 503)),
        (
            "XML ErrorMessage",
            read(&xml_message(&xml_escaped(text)), Xml, 200),
        ),
        (
            "XML action name",
            read(
                &format!(
                    r#"<VerbaApi><Response code="0" type="{}"/></VerbaApi>"#,
                    xml_escaped(text)
                ),
                Xml,
                200,
            ),
        ),
        (
            "JSON ErrorMessage",
            read(&json_message(&json_escaped(text)), Json, 200),
        ),
        (
            "JSON ErrorMessage in \\u escapes",
            read(&json_message(&json_u_escaped(text)), Json, 200),
        ),
    ];
    if !text.contains(['&', '<']) {
        // Written into the XML as it is: nothing for the XML reader to decode.
        everywhere.push((
            "XML ErrorMessage as written",
            read(&xml_message(text), Xml, 200),
        ));
    }
    everywhere
}

/// Checks that neither the key nor `token`, written in `text`, survives anywhere it is shown,
/// and that both are shown redacted there.
#[track_caller]
fn assert_scrubbed_everywhere(what: &str, text: &str, token: &str) {
    for (place, shown) in shown_everywhere(text, token) {
        for secret in [KEY, token] {
            assert!(
                !survives(&shown, secret),
                "{what}, {place}: {secret} survives in\n{shown}\nof\n{text}"
            );
            assert!(
                shown.contains(&redact(secret)),
                "{what}, {place}: {secret} not shown redacted in\n{shown}\nof\n{text}"
            );
        }
    }
}

/// `redacted! { test: encoding; ... }`: one test per encoding, with the key and each token
/// written in it (each character encoded) in a reply of every format.
macro_rules! redacted {
    ($($(#[$doc:meta])* $test:ident: $name:literal;)+) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            let (name, encoding) = ENCODINGS
                .iter()
                .find(|(name, _)| *name == $name)
                .copied()
                .expect("a known encoding");
            for token in tokens() {
                let text = format!(
                    "key {} then token {} end",
                    encode(KEY, encoding),
                    encode(&token, encoding)
                );
                assert_scrubbed_everywhere(name, &text, &token);
            }
        }
    )+};
}

redacted! {
    as_given: "as given";
    in_upper_case: "upper case";
    in_lower_case: "lower case";
    percent_encoded: "percent-encoded";
    percent_encoded_with_lower_case_hex: "percent-encoded, lower-case hex";
    percent_encoded_every_other_character: "every other character percent-encoded";
    as_decimal_references: "decimal references";
    as_decimal_references_with_leading_zeros: "decimal references with leading zeros";
    as_decimal_references_without_semicolon: "decimal references without ;";
    as_hex_references: "hex references";
    as_hex_references_in_upper_case: "hex references, &#X and upper-case digits";
    as_hex_references_with_leading_zeros: "hex references with leading zeros";
    as_hex_references_without_semicolon: "hex references without ;";
    with_predefined_entities: "predefined entities";
    with_predefined_entities_without_semicolon: "predefined entities without ;";
    with_predefined_entities_in_upper_case: "predefined entities in upper case";
    with_hyphens_encoded: "hyphens encoded";
    without_hyphens: "without hyphens";
    without_hyphens_in_upper_case: "without hyphens, upper case";
    form_encoded: "form-encoded";
    form_encoded_with_lower_case_hex: "form-encoded, lower-case hex";
}

#[test]
fn every_mix_of_encodings_within_one_occurrence() {
    for token in tokens() {
        for offset in 0..MIX.len() {
            let text = format!(
                "key {} then token {} end",
                mixed(KEY, offset),
                mixed(&token, offset + 5)
            );
            assert_scrubbed_everywhere("mixed", &text, &token);
        }
    }
}

#[test]
fn a_guid_in_braces_or_beside_other_text() {
    let bare: String = KEY.chars().filter(|&c| c != '-').collect();
    for text in [
        format!("{{{KEY}}}"),
        format!("{{{}}}", KEY.to_uppercase()),
        format!("apiKey={bare}&x"),
        format!("{bare}{bare}"),
        format!("0x{bare}0"),
        format!("-{KEY}-"),
        format!("%{KEY}"),
        format!("%7{KEY}"),
        format!("&#{KEY}"),
        format!("&#x{KEY}"),
        format!("&#00{KEY};"),
        format!("&{KEY}"),
    ] {
        let token = TOKEN;
        let text = format!("{text} and {token}");
        assert_scrubbed_everywhere("beside", &text, token);
    }
}

#[test]
fn a_secret_beginning_inside_an_escape_or_holding_one_is_found() {
    // The text before the secret starts an escape that takes the secret's first characters
    // (`%` + `74…`, `&#` + `74…`, `&` + `amp…`), or the secret holds what reads as one.
    for (text, token) in [
        ("%74c8eea0-50c6-40b2-9f3e-252ed501c3c8 x", "ampersand"),
        (
            "&#74c8eea0-50c6-40b2-9f3e-252ed501c3c8 x&ampersand",
            "ampersand",
        ),
        (
            "74c8eea0-50c6-40b2-9f3e-252ed501c3c8 x&#0041;41",
            "&#0041;41",
        ),
        (
            "74c8eea0-50c6-40b2-9f3e-252ed501c3c8 x&#38;#0041;41",
            "&#0041;41",
        ),
        ("74c8eea0-50c6-40b2-9f3e-252ed501c3c8 %41%2541 x", "%41%41"),
        ("74c8eea0-50c6-40b2-9f3e-252ed501c3c8 &amp;amp;", "&amp;"),
        ("74c8eea0-50c6-40b2-9f3e-252ed501c3c8 &amp;", "&;"),
        ("74c8eea0-50c6-40b2-9f3e-252ed501c3c8 &#38;", "&;"),
        ("74c8eea0-50c6-40b2-9f3e-252ed501c3c8 %4", "%4"),
        ("74c8eea0-50c6-40b2-9f3e-252ed501c3c8 &#000123000", "123"),
    ] {
        assert_scrubbed_everywhere("inside an escape", text, token);
    }
}

#[test]
fn raw_is_scrubbed_when_read_for_a_request_and_as_received_otherwise() {
    let body = format!("Deleted for {}", KEY.to_uppercase());
    for kind in [Text, Html] {
        let scrubbed = reply_with_secrets(&body, kind, 200, KEY, TOKEN).expect("a success");
        assert_eq!(
            scrubbed.raw.as_deref(),
            Some("Deleted for 74c8…REDACTED"),
            "{kind:?}"
        );
        let as_received =
            verba_api::parse_delete_call_response(&body, kind, 200).expect("a success");
        assert_eq!(as_received.raw.as_deref(), Some(body.as_str()), "{kind:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The HTTP_ERROR excerpt: scrubbed whole, then cut

/// The excerpt expected for `before` + a redacted secret + `after`: 200 characters, a redacted
/// form straddling the cut kept whole, `…` when more follows.
fn expected_excerpt(before: &str, redacted: &str, after: &str) -> String {
    let mut excerpt: String = before.chars().take(200).collect();
    let mut left = 200 - excerpt.chars().count();
    if before.chars().count() >= 200 {
        excerpt.push('…');
        return excerpt;
    }
    excerpt.push_str(redacted);
    left = left.saturating_sub(redacted.chars().count());
    excerpt.extend(after.chars().take(left));
    if after.chars().count() > left {
        excerpt.push('…');
    }
    excerpt
}

#[test]
fn a_secret_straddling_the_excerpt_cut_is_redacted_in_every_encoding() {
    let token = tokens().remove(1);
    for secret in [KEY, token.as_str()] {
        let encodings = ENCODINGS
            .iter()
            .map(|(name, encoding)| (*name, encode(secret, *encoding)))
            .chain((0..MIX.len()).map(|offset| ("mixed", mixed(secret, offset))));
        for (name, written) in encodings {
            for before in [0, 100, 150, 170, 186, 187, 190, 195, 199, 200, 201] {
                let before = "x".repeat(before);
                let after = " and more text after the secret";
                let body = format!("{before}{written}{after}");
                let excerpt = match reply_with_secrets(&body, Html, 500, KEY, &token) {
                    Err(verba_api::VerbaError::Http { excerpt, .. }) => excerpt,
                    other => panic!("{name}: expected HTTP_ERROR, got {other:?}"),
                };
                assert_eq!(
                    excerpt,
                    expected_excerpt(&before, &redact(secret), after),
                    "{name}, {} characters before:\n{body}",
                    before.len()
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Random secrets, encodings and surroundings

/// splitmix64: a small deterministic generator, so that a failure is repeatable.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len())]
    }

    fn text(&mut self, alphabet: &[u8], len: usize) -> String {
        (0..len).map(|_| char::from(self.pick(alphabet))).collect()
    }

    fn guid(&mut self) -> String {
        let hex = b"0123456789abcdefABCDEF";
        [8, 4, 4, 4, 12].map(|len| self.text(hex, len)).join("-")
    }

    fn token(&mut self) -> String {
        let len = match self.below(10) {
            0 => 65 + self.below(192),
            _ => 8 + self.below(33),
        };
        let special = b"&<>\"'%+#;-xX0123456789";
        (0..len)
            .map(|_| match self.below(3) {
                0 => char::from(self.pick(special)),
                _ => char::from(0x21 + self.below(94) as u8),
            })
            .collect()
    }

    /// `secret` written with a random encoding for each character (hyphens sometimes left
    /// out), followed by `next` (the first character after it, if any).
    fn encoded(&mut self, secret: &str, next: Option<u8>) -> String {
        let mut written: Vec<String> = Vec::new();
        let mut next = next;
        for (at, c) in secret.char_indices().rev() {
            let mut form = match self.below(12) {
                0 | 1 => {
                    if self.below(2) == 0 {
                        upper(at, c)
                    } else {
                        lower(at, c)
                    }
                }
                2 => percent(at, c),
                3 => percent_lower(at, c),
                4 => [decimal, decimal_zeros, decimal_bare][self.below(3)](at, c),
                5 => [hex, hex_upper, hex_zeros, hex_bare][self.below(4)](at, c),
                6 => [entity, entity_bare, entity_upper][self.below(3)](at, c),
                7 if c == '-' => String::new(),
                _ => literal(at, c),
            };
            // A digit after a reference without `;` would be read as part of its number.
            let bare_decimal = form.starts_with("&#") && !form.ends_with(';');
            let digit_follows = next.is_some_and(|byte| {
                byte.is_ascii_digit() || (form.starts_with("&#x") && byte.is_ascii_hexdigit())
            });
            if bare_decimal && digit_follows {
                form = decimal(at, c);
            }
            if let Some(&first) = form.as_bytes().first() {
                next = Some(first);
            }
            written.push(form);
        }
        written.reverse();
        written.concat()
    }
}

#[test]
fn random_secrets_in_random_encodings_in_random_text_never_survive() {
    let mut random = Random(0x5eed_1234_abcd_0007);
    // Characters that start, continue or end escapes and references, and letters of entities.
    let hostile = b"%&#;xX0123456789abcdefABCDEF-+ amplquotgs<>\"'{}";
    // Characters that take no part in any encoding.
    let inert = b"()[]!?,./:=@^_|~*$ ";
    for case in 0..3000 {
        let key = random.guid();
        let token = random.token();
        let secret = if random.below(2) == 0 { &key } else { &token };
        let folded = |byte: u8| {
            if byte == b' ' {
                b'+'
            } else {
                byte.to_ascii_lowercase()
            }
        };
        let hostile_mode = case % 2 == 0;
        let alphabet: Vec<u8> = if hostile_mode {
            hostile.to_vec()
        } else {
            inert
                .iter()
                .copied()
                .filter(|&byte| !secret.bytes().any(|s| folded(s) == folded(byte)))
                .collect()
        };
        let len = random.below(12);
        let before = random.text(&alphabet, len);
        let len = random.below(12);
        let after = random.text(&alphabet, len);
        let written = random.encoded(secret, after.bytes().next());
        let body = format!("{before}{written}{after}");
        let raw = match reply_with_secrets(&body, Html, 200, &key, &token) {
            Ok(result) => result.raw.unwrap_or_default(),
            Err(error) => panic!("case {case}: {error:?} for {body}"),
        };
        let shown_as = redact(secret);
        let context =
            format!("case {case}: {secret:?} written {written:?}\nin  {body:?}\nout {raw:?}");
        assert!(!survives(&raw, secret), "{context}");
        let (kept_before, kept_after) = raw
            .split_once(&shown_as)
            .unwrap_or_else(|| panic!("{context}: not shown redacted"));
        if hostile_mode {
            // The redaction may take a few characters around the secret, never fewer.
            assert!(before.starts_with(kept_before), "{context}");
            assert!(after.ends_with(kept_after), "{context}");
        } else {
            assert_eq!(
                (kept_before, kept_after),
                (before.as_str(), after.as_str()),
                "{context}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Linear time

/// A mebibyte of text made to slow down a naive search, per secret; scrubbing each is linear
/// by construction (see `src/redact.rs`): this only shows it finishing. The times are printed
/// (`cargo test --test redaction -- --nocapture`).
#[test]
fn a_mebibyte_of_adversarial_text_is_scrubbed_in_one_pass() {
    // One 64-byte part, and four (a text holding one part of a long secret has it redacted).
    let token = format!("{}b", "a".repeat(63));
    let long_token = format!("{}b", "a".repeat(255));
    let repeat = |unit: &str| unit.repeat(MAX_REPLY_BYTES / unit.len());
    let key_but_last = &KEY[..KEY.len() - 1];
    let cases: Vec<(&str, String, &str)> = vec![
        ("a… against a…ab", repeat("a"), &token),
        (
            "a… ending in a…ab",
            format!("{}{token}", "a".repeat(MAX_REPLY_BYTES - 64)),
            &token,
        ),
        ("a… against a…ab of 256", repeat("a"), &long_token),
        ("&#&#…", repeat("&#"), &long_token),
        (
            "&#0000…",
            format!("&#{}55;", "0".repeat(MAX_REPLY_BYTES - 5)),
            TOKEN,
        ),
        ("%%%…", repeat("%"), TOKEN),
        ("%7%7…", repeat("%7"), TOKEN),
        (
            "the key but its last character, again and again",
            repeat(key_but_last),
            TOKEN,
        ),
        ("&#55;&#52;… (74…)", repeat("&#55;&#52;"), TOKEN),
        (
            "&amp;&amp;…",
            repeat("&amp;"),
            "&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&&x",
        ),
        ("&amp&amp…", repeat("&amp"), &long_token),
        (
            "every escape at once",
            repeat("%41&#x41;&#65&amp;&lt;-a+"),
            &long_token,
        ),
    ];
    let mut random = Random(42);
    let noise = random.text(b"%&#;x0123456789abcdef-amplt", MAX_REPLY_BYTES);
    let mut cases = cases;
    cases.push(("random escapes", noise, &long_token));
    let mut raws = Vec::new();
    for (name, body, token) in &cases {
        assert!(body.len() <= MAX_REPLY_BYTES, "{name}");
        let started = Instant::now();
        let raw = reply_with_secrets(body, Html, 200, KEY, token)
            .map(|result| result.raw.unwrap_or_default())
            .unwrap_or_else(|error| panic!("{name}: {error:?}"));
        let read = started.elapsed();
        let started = Instant::now();
        let excerpt = shown(&reply_with_secrets(body, Html, 500, KEY, token));
        let cut = started.elapsed();
        eprintln!(
            "{name}: {} bytes, raw scrubbed in {read:?}, excerpt in {cut:?}",
            body.len()
        );
        assert!(!raw.contains(KEY) && !raw.contains(*token), "{name}");
        assert!(excerpt.len() < 400, "{name}");
        raws.push(raw);
    }
    assert!(raws[0] == cases[0].1, "no match, nothing redacted");
    // The only match ends the text, and the run of partial matches before it began with the
    // text: all of it is redacted (a hostile server only hides its own text).
    assert_eq!(raws[1], redact(&token));
}
