//! Inputs the fuzz targets of fuzz/ found (issue 12), each kept as a native test: see README,
//! "Fuzzing". The name says the target and what went wrong.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{KEY, TOKEN, reply_with_secrets, shown};
use verba_api::ResponseType::Json;

/// `redaction`: a key written with JSON `\u` escapes (some characters), percent escapes and
/// character references in the body of a 504 that is no Verba reply was shown in the
/// HTTP_ERROR excerpt with the `\u` escapes as written: decoded, the key was there. The
/// scrubber now reads `\uXXXX` as the character it stands for.
#[test]
fn redaction_json_u_escapes_in_an_http_error_excerpt() {
    let key = "bfBF0123-459b-fBF0-1234-56789bfBF012";
    let body = r#"{"error": "&#X62;&#x0066;&#x42;F0b%66%42&#70;&#000048;&#49&#x32;&#X33;&#x002D;&#x34;59\u0062-fBf%30%2d&#49;&#000050;&#51&#x34;&#X2D;&#x0035;&#x36;78\u0039bfBf%30%31&#50;&#x0062;&#x66;BF\u0030123-%34%35&#57;&#000098;&#45&#x66;&#X42;&#x0046;&#x30;-1\u003234-56789bfBF012""#;
    let shown = shown(&reply_with_secrets(body, Json, 504, key, TOKEN));
    assert!(shown.contains("REDACTED"), "{shown}");
    assert!(!shown.contains("\\u0062"), "{shown}");
    assert!(!shown.contains("56789bfBF012"), "{shown}");
}

/// The same with every character of the key and the token a `\u` escape, in a 502 JSON excerpt.
#[test]
fn redaction_secrets_written_all_in_json_u_escapes() {
    let escaped = |secret: &str| -> String {
        secret
            .chars()
            .map(|c| format!("\\u{:04x}", u32::from(c)))
            .collect()
    };
    let body = format!(
        r#"{{"error": "refused apiKey {} token {}""#,
        escaped(KEY),
        escaped(TOKEN)
    );
    let shown = shown(&reply_with_secrets(&body, Json, 502, KEY, TOKEN));
    assert!(shown.contains("refused apiKey"), "{shown}");
    assert!(
        !shown.contains("\\u0037\\u0034"),
        "the key's start: {shown}"
    );
    assert!(
        !shown.contains("\\u0030\\u0039"),
        "the token's start: {shown}"
    );
}
