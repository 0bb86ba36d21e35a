//! `application/x-www-form-urlencoded` round trips: whatever a value holds, the server decodes
//! exactly it, alone and inside a whole built request.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

use proptest::prelude::*;
use verba_api::{RawOptions, build_request, form_encode, push_form_encoded, validate};

const KEY: &str = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";

/// What a server (here the `form_urlencoded` crate, as used by the url crate and most Rust
/// servers) reads from `name=<encoded>`.
fn server_decode(encoded_value: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(format!("v={encoded_value}").as_bytes())
        .into_owned()
        .collect()
}

fn decode(form: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(form.as_bytes())
        .into_owned()
        .collect()
}

/// Strings made mostly of the characters that break naive encoders.
fn awkward_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[&=#%+ ;?/:@!$'()*,\\[\\]\r\n\t\0a-zA-Z0-9éß€😀\u{feff}\u{2028}-]{0,64}",
        "(%[0-9A-Fa-f]{2}|\\+|%|&|=| )*",
    ]
}

// ---------------------------------------------------------------------------------------------
// Known encodings, written out by hand

#[test]
fn unreserved_characters_stay_as_they_are() {
    assert_eq!(
        form_encode("AZaz09*-._"),
        "AZaz09*-._",
        "the WHATWG form set leaves these alone"
    );
}

#[test]
fn space_becomes_plus_and_plus_is_escaped() {
    assert_eq!(form_encode("a b"), "a+b");
    assert_eq!(form_encode("a+b"), "a%2Bb");
    assert_eq!(form_encode(" "), "+");
}

#[test]
fn reserved_characters_are_percent_encoded_in_upper_case_hex() {
    assert_eq!(form_encode("&=#%+"), "%26%3D%23%25%2B");
    assert_eq!(form_encode("?/:@"), "%3F%2F%3A%40");
    assert_eq!(form_encode("~!'()"), "%7E%21%27%28%29");
    assert_eq!(form_encode(","), "%2C");
    assert_eq!(form_encode("\r\n\t\0"), "%0D%0A%09%00");
}

#[test]
fn non_ascii_is_encoded_as_utf8_bytes() {
    assert_eq!(form_encode("é"), "%C3%A9");
    assert_eq!(form_encode("€"), "%E2%82%AC");
    assert_eq!(form_encode("😀"), "%F0%9F%98%80");
    assert_eq!(form_encode("\u{feff}"), "%EF%BB%BF");
}

#[test]
fn empty_stays_empty() {
    assert_eq!(form_encode(""), "");
}

#[test]
fn push_form_encoded_appends() {
    let mut out = String::from("token=");
    push_form_encoded(&mut out, "a b&c");
    assert_eq!(out, "token=a+b%26c");
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_value_survives_encode_and_server_decode(value in awkward_string()) {
        let encoded = form_encode(&value);
        prop_assert_eq!(server_decode(&encoded), vec![("v".to_owned(), value.clone())]);
    }

    #[test]
    fn encoding_matches_the_reference_serializer(value in awkward_string()) {
        let reference: String = form_urlencoded::byte_serialize(value.as_bytes()).collect();
        prop_assert_eq!(form_encode(&value), reference);
    }

    #[test]
    fn encoded_values_hold_no_delimiter(value in awkward_string()) {
        let encoded = form_encode(&value);
        prop_assert!(
            encoded.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"*-._+%".contains(&byte)),
            "{}", encoded
        );
    }
}

/// A value `nativeID` accepts: no control characters, no surrounding whitespace, 1 to 256
/// characters.
fn opaque_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[&=#%+ ;?/a-zA-Zéß€😀-]{1,64}",
        "\\PC{1,80}",
        "(%[0-9A-Fa-f]{2}|\\+|%|&|=|a| ){1,40}",
    ]
    .prop_filter("nativeID's rules", |value| {
        value.chars().count() <= 256
            && !value.chars().any(char::is_control)
            && !value.starts_with(char::is_whitespace)
            && !value.ends_with(char::is_whitespace)
    })
}

/// A value `token` accepts: 1 to 256 visible ASCII characters.
fn token_value() -> impl Strategy<Value = String> {
    "[!-~]{1,256}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn a_whole_post_body_decodes_to_the_exact_parameters(
        token in token_value(),
        native_id in opaque_value(),
    ) {
        let options = RawOptions::new()
            .with("baseUrl", "https://recorder.example.com")
            .with("apiKey", KEY)
            .with("token", token.as_str())
            .with("nativeID", native_id.as_str());
        let params = validate(&options).map_err(|issues| TestCaseError::fail(format!("{issues:?}")))?;
        let request = build_request(&params);
        prop_assert_eq!(&request.url, "https://recorder.example.com/verba/api?action=DeleteCall");
        let body = request.body.expect("POST has a body");
        prop_assert_eq!(
            decode(&body),
            vec![
                ("apiKey".to_owned(), KEY.to_owned()),
                ("token".to_owned(), token.clone()),
                ("responseType".to_owned(), "XML".to_owned()),
                ("nativeID".to_owned(), native_id.clone()),
            ]
        );
    }

    #[test]
    fn a_whole_get_query_decodes_to_the_exact_parameters(
        token in token_value(),
        address in "[!-~]{1,60}",
    ) {
        let extension = format!("sip:{address}");
        let options = RawOptions::new()
            .with("baseUrl", "https://recorder.example.com")
            .with("apiKey", KEY)
            .with("token", token.as_str())
            .with("extension", extension.as_str())
            .with("status", "ongoing,next")
            .with("method", "GET");
        let params = validate(&options).map_err(|issues| TestCaseError::fail(format!("{issues:?}")))?;
        let request = build_request(&params);
        prop_assert_eq!(request.body, None);
        let (path, query) = request.url.split_once('?').expect("a query");
        prop_assert_eq!(path, "https://recorder.example.com/verba/api");
        prop_assert_eq!(
            decode(query),
            vec![
                ("action".to_owned(), "DeleteCall".to_owned()),
                ("apiKey".to_owned(), KEY.to_owned()),
                ("token".to_owned(), token.clone()),
                ("responseType".to_owned(), "XML".to_owned()),
                ("extension".to_owned(), extension.clone()),
                ("status".to_owned(), "ongoing,next".to_owned()),
            ]
        );
    }
}
