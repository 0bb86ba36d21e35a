//! Secret scrubbing: a DeleteCall request with a random key and token reads a reply (any
//! format, template and status) whose text mixes random filler with the secrets, each character
//! written in any of the encodings a server applies (letter case, percent escapes, numeric
//! character references with or without `;`, the predefined entities, JSON `\u` escapes inside
//! JSON strings), a GUID with or without hyphens, whole or cut short. Nothing shown (error
//! message, success message, `raw`) may hold either secret under any such decoding: checked by
//! the same brute-force reader as tests/redaction.rs, on what is shown and on what is shown with
//! its JSON escapes decoded.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use verba_api::{DeleteCallOptions, ResponseType};

/// The key's digits and the token's characters leave out the letters of `REDACTED` (in any
/// case) and the hyphen, so that the library's own `…REDACTED` can never complete a secret
/// that the filler began: every survivor the reader finds is a leak.
const KEY_DIGITS: &[u8] = b"0123456789bfBF";
const TOKEN_CHARS: &[u8] =
    b"0123456789bfghijklmnopqsuvwxyzBFGHIJKLMNOPQSUVWXYZ&<>%+\"';~!*()=/#:?@[]{}|^_`$,.\\";

/// How one character is written.
fn encoded(c: char, how: u8, out: &mut String) {
    let code = u32::from(c);
    match how % 16 {
        0 | 1 => out.push(c),
        2 => out.push(c.to_ascii_uppercase()),
        3 => out.push(c.to_ascii_lowercase()),
        4 => out.push_str(&format!("%{code:02X}")),
        5 => out.push_str(&format!("%{code:02x}")),
        6 => out.push_str(&format!("&#{code};")),
        7 => out.push_str(&format!("&#0000{code};")),
        8 => out.push_str(&format!("&#{code}")),
        9 => out.push_str(&format!("&#x{code:x};")),
        10 => out.push_str(&format!("&#X{code:X};")),
        11 => out.push_str(&format!("&#x00{code:02X};")),
        12 => out.push_str(&format!("&#x{code:x}")),
        13 | 14 => out.push_str(match c {
            '&' => ["&amp;", "&AMP;", "&amp"][usize::from(how / 16 % 3)],
            '<' => ["&lt;", "&LT;", "&lt"][usize::from(how / 16 % 3)],
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&apos;",
            _ => return out.push(c),
        }),
        _ => out.push_str(&format!("\\u{code:04x}")),
    }
}

/// A secret, written with one encoding per character; perhaps without its hyphens, perhaps cut
/// short (a near miss). A reference without `;` is kept only before another escape.
fn write_secret(u: &mut Unstructured, secret: &str, json: bool, out: &mut String) -> Result<()> {
    let drop_hyphens = u.ratio(1, 4)?;
    let cut = if u.ratio(1, 8)? {
        u.int_in_range(0..=secret.len())?
    } else {
        secret.len()
    };
    let mut forms: Vec<String> = Vec::new();
    for c in secret[..cut].chars() {
        if c == '-' && drop_hyphens {
            continue;
        }
        let mut how: u8 = u.arbitrary()?;
        if !json && how % 16 == 15 {
            how = 0;
        }
        let mut form = String::new();
        encoded(c, how, &mut form);
        forms.push(form);
    }
    for at in 1..forms.len() {
        let bare = forms[at - 1].starts_with("&#") && !forms[at - 1].ends_with(';');
        if bare && !forms[at].starts_with(['&', '%']) {
            forms[at - 1].push(';');
        }
    }
    out.push_str(&forms.concat());
    if forms
        .last()
        .is_some_and(|last| last.starts_with("&#") && !last.ends_with(';'))
    {
        out.push(';');
    }
    Ok(())
}

/// Filler and secrets, as a server might echo them.
fn text(u: &mut Unstructured, secrets: &[&str], json: bool) -> Result<String> {
    let mut text = String::new();
    for _ in 0..u.int_in_range(1..=6u8)? {
        if u.ratio(1, 2)? {
            let filler: &str = u.arbitrary()?;
            text.push_str(filler.get(..filler.len().min(64)).unwrap_or(""));
        } else {
            let secret = *u.choose(secrets)?;
            write_secret(u, secret, json, &mut text)?;
        }
    }
    Ok(text)
}

fn xml_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

/// Backslashes and quotes escaped; the `\u` escapes that `text` wrote stay escapes.
fn json_escaped(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("\\u")
            && rest
                .get(2..6)
                .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
        {
            out.push_str(&rest[..6]);
            rest = &rest[6..];
            continue;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// A reply body in one of the layouts that carry server text, with its format and status.
fn reply(u: &mut Unstructured, secrets: &[&str]) -> Result<(String, ResponseType, u16)> {
    use ResponseType::{Html, Json, Text, Xml};
    let bad_status = *u.choose(&[400u16, 404, 429, 500, 502, 503, 504])?;
    Ok(match u.int_in_range(0..=10u8)? {
        0 => (format!("ERROR 5: {}", text(u, secrets, false)?), Text, 200),
        1 => (format!("Deleted: {}", text(u, secrets, false)?), Text, 200),
        2 => (format!("<p>{}</p>", text(u, secrets, false)?), Html, 200),
        3 => (
            format!("<p>{}</p>", text(u, secrets, false)?),
            Html,
            bad_status,
        ),
        4 => (
            format!("{{\"error\": \"{}\"", text(u, secrets, true)?),
            Json,
            bad_status,
        ),
        5 => (
            format!("<error>{}", text(u, secrets, false)?),
            Xml,
            bad_status,
        ),
        6 => (
            format!(
                r#"<VerbaApi><Response code="{}" type="DeleteCall"><ErrorMessage>{}</ErrorMessage></Response></VerbaApi>"#,
                u.choose(&[0, 2, 4, 5, -40])?,
                xml_escaped(&text(u, secrets, false)?)
            ),
            Xml,
            *u.choose(&[200, bad_status])?,
        ),
        7 => (
            format!(
                r#"<VerbaApi><Response code="0" type="{}"/></VerbaApi>"#,
                xml_escaped(&text(u, secrets, false)?)
            ),
            Xml,
            200,
        ),
        8 => (
            format!(
                r#"{{"VerbaApi":{{"Response":{{"code":{},"type":"DeleteCall","ErrorMessage":"{}"}}}}}}"#,
                u.choose(&[0, 2, 4, 5, -40])?,
                json_escaped(&text(u, secrets, true)?)
            ),
            Json,
            *u.choose(&[200, bad_status])?,
        ),
        9 => (
            format!(
                r#"{{"Response":{{"code":0,"type":"{}"}}}}"#,
                json_escaped(&text(u, secrets, true)?)
            ),
            Json,
            200,
        ),
        _ => {
            let kind = *u.choose(&[Xml, Json, Text, Html])?;
            (
                text(u, secrets, kind == Json)?,
                kind,
                *u.choose(&[200, bad_status])?,
            )
        }
    })
}

/// `text` with its JSON escapes (`\uXXXX`, `\"`, `\\`, `\/`) decoded, one character each.
fn json_decoded(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(hex) = rest.strip_prefix("\\u").and_then(|after| after.get(..4))
            && let Ok(code) = u32::from_str_radix(hex, 16)
            && let Some(decoded) = char::from_u32(code)
        {
            out.push(decoded);
            rest = &rest[6..];
        } else if let Some(escaped @ ('"' | '\\' | '/')) = rest
            .strip_prefix('\\')
            .and_then(|after| after.chars().next())
        {
            out.push(escaped);
            rest = &rest[2..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn secret_from(u: &mut Unstructured, alphabet: &[u8], len: usize) -> Result<String> {
    (0..len)
        .map(|_| Ok(char::from(*u.choose(alphabet)?)))
        .collect()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(key) = secret_from(&mut u, KEY_DIGITS, 32) else {
        return;
    };
    let key = format!(
        "{}-{}-{}-{}-{}",
        &key[..8],
        &key[8..12],
        &key[12..16],
        &key[16..20],
        &key[20..]
    );
    let Ok(len) = u.int_in_range(12..=80usize) else {
        return;
    };
    let Ok(token) = secret_from(&mut u, TOKEN_CHARS, len) else {
        return;
    };
    let Ok((body, response_type, status)) = reply(&mut u, &[key.as_str(), token.as_str()]) else {
        return;
    };
    let options = DeleteCallOptions::new()
        .with("baseUrl", "https://recorder.example.com")
        .with("apiKey", key.as_str())
        .with("token", token.as_str())
        .with("callID", "a8343631-9f35-4a3a-83f0-9e81592339fb")
        .with("responseType", response_type.as_str());
    let params = verba_api::validate_delete_call(&options).expect("valid options");
    let shown = shown(&params.read_reply(&body, status));
    let decoded = json_decoded(&shown);
    for secret in [key.as_str(), token.as_str()] {
        for (how, text) in [("as shown", &shown), ("JSON-decoded", &decoded)] {
            assert!(
                !survives(text, secret),
                "{secret:?} survives ({how}) in {text:?}\nfrom the {response_type:?} body {body:?} (HTTP {status})"
            );
        }
    }
});

mod common;
use common::shown;

#[path = "../../tests/support/secret_reader.rs"]
mod secret_reader;
use secret_reader::survives;
