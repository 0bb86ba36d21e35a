//! `application/x-www-form-urlencoded` round trips: whatever a value holds, the server decodes
//! exactly it, alone and inside a whole built request.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{KEY, build, connection, decode, owned};
use proptest::prelude::*;
use verba_api::form_encode;

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

/// `encodes! { test: value => encoding, ...; }`: one test a group of hand-written encodings.
macro_rules! encodes {
    ($($(#[$doc:meta])* $test:ident: $($value:expr => $encoded:expr),+;)+) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            $(assert_eq!(form_encode($value), $encoded, "{:?}", $value);)+
        }
    )+};
}

encodes! {
    /// The WHATWG form set leaves these alone.
    unreserved_characters_stay_as_they_are: "AZaz09*-._" => "AZaz09*-._";
    space_becomes_plus_and_plus_is_escaped: "a b" => "a+b", "a+b" => "a%2Bb", " " => "+";
    reserved_characters_are_percent_encoded_in_upper_case_hex:
        "&=#%+" => "%26%3D%23%25%2B",
        "?/:@" => "%3F%2F%3A%40",
        "~!'()" => "%7E%21%27%28%29",
        "," => "%2C",
        "\r\n\t\0" => "%0D%0A%09%00";
    non_ascii_is_encoded_as_utf8_bytes:
        "é" => "%C3%A9",
        "€" => "%E2%82%AC",
        "😀" => "%F0%9F%98%80",
        "\u{feff}" => "%EF%BB%BF";
    empty_stays_empty: "" => "";
}

// ---------------------------------------------------------------------------------------------
// Properties

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_value_survives_encode_and_server_decode(value in awkward_string()) {
        let encoded = form_encode(&value);
        prop_assert_eq!(decode(&format!("v={encoded}")), vec![("v".to_owned(), value.clone())]);
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
        let request = build(
            &connection()
                .with("token", token.as_str())
                .with("nativeID", native_id.as_str()),
        );
        prop_assert_eq!(&request.url, "https://recorder.example.com/verba/api?action=DeleteCall");
        let body = request.body.expect("POST has a body");
        prop_assert_eq!(
            decode(&body),
            owned(&[
                ("apiKey", KEY),
                ("token", &token),
                ("responseType", "XML"),
                ("nativeID", &native_id),
            ])
        );
    }

    #[test]
    fn a_whole_get_query_decodes_to_the_exact_parameters(
        token in token_value(),
        address in "[!-~]{1,60}",
    ) {
        let extension = format!("sip:{address}");
        let request = build(
            &connection()
                .with("token", token.as_str())
                .with("extension", extension.as_str())
                .with("status", "ongoing,next")
                .with("method", "GET"),
        );
        prop_assert_eq!(request.body, None);
        let (path, query) = request.url.split_once('?').expect("a query");
        prop_assert_eq!(path, "https://recorder.example.com/verba/api");
        prop_assert_eq!(
            decode(query),
            owned(&[
                ("action", "DeleteCall"),
                ("apiKey", KEY),
                ("token", &token),
                ("responseType", "XML"),
                ("extension", &extension),
                ("status", "ongoing,next"),
            ])
        );
    }
}
