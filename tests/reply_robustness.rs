//! Malformed, empty, truncated, random, oversized and deeply nested replies: always an `Ok` or an
//! `Err`, never a panic, and never a success that the body does not state.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{error_code, failure, reply};
use proptest::prelude::*;
use verba_api::{ErrorCode, MAX_REPLY_BYTES, ResponseType};

const TYPES: [ResponseType; 4] = [
    ResponseType::Xml,
    ResponseType::Json,
    ResponseType::Text,
    ResponseType::Html,
];

const XML_OK: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"DeleteCall\"/>\n</VerbaApi>\n";
const XML_PROTECTED: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"5\" type=\"DeleteCall\">\n    <ErrorMessage>The call is protected.</ErrorMessage>\n  </Response>\n</VerbaApi>\n";
const JSON_OK: &str = r#"{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}"#;

#[test]
fn the_size_limit_is_one_mebibyte() {
    assert_eq!(MAX_REPLY_BYTES, 1_048_576);
}

// ---------------------------------------------------------------------------------------------
// Empty and malformed

#[test]
fn empty_replies_are_parse_errors_for_every_type() {
    for kind in TYPES {
        for body in ["", " ", "\r\n\t", "\u{feff}"] {
            let result = reply(body, kind, 200);
            if kind == ResponseType::Html || kind == ResponseType::Text {
                // A BOM alone is text, not nothing; only blank bodies must fail here.
                if body == "\u{feff}" {
                    continue;
                }
            }
            assert_eq!(
                error_code(&result),
                Some(ErrorCode::Parse),
                "{kind:?} {body:?}: {result:?}"
            );
        }
    }
}

#[test]
fn empty_replies_with_an_error_status_are_http_errors() {
    for kind in TYPES {
        let error = failure("", kind, 503);
        assert_eq!(error.code(), ErrorCode::HttpError, "{kind:?}");
        assert_eq!(error.http_status(), Some(503));
    }
}

#[test]
fn malformed_xml_is_a_parse_error() {
    for body in [
        "<",
        ">",
        "<<>>",
        "</VerbaApi>",
        "<VerbaApi",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"</VerbaApi>",
        "<VerbaApi><![CDATA[<Response code=\"0\" type=\"DeleteCall\"/>]]></VerbaApi>",
        "<VerbaApi><!-- <Response code=\"0\" type=\"DeleteCall\"/> --></VerbaApi>",
        "<VerbaApi><!-- unterminated <Response code=\"0\" type=\"DeleteCall\"/>",
        "<VerbaApi><?pi <Response code=\"0\" type=\"DeleteCall\"/> ?></VerbaApi>",
        "<!DOCTYPE VerbaApi [ <Response code=\"0\" type=\"DeleteCall\"/>",
        "OK",
        "null",
        JSON_OK,
    ] {
        let result = reply(body, ResponseType::Xml, 200);
        assert_eq!(
            error_code(&result),
            Some(ErrorCode::Parse),
            "{body:?}: {result:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Truncation: a reply cut short never reads as a success it does not state

#[test]
fn every_prefix_of_an_xml_error_reply_is_an_error() {
    for end in 0..XML_PROTECTED.len() {
        let prefix = &XML_PROTECTED[..end];
        let result = reply(prefix, ResponseType::Xml, 200);
        match error_code(&result) {
            Some(ErrorCode::Parse) => {}
            // Complete once the Response element has closed.
            Some(ErrorCode::ApiError) => assert!(prefix.contains("</Response>"), "{prefix:?}"),
            _ => panic!("{prefix:?}: {result:?}"),
        }
    }
}

#[test]
fn every_prefix_of_an_xml_success_succeeds_only_once_the_response_is_complete() {
    let complete_at = XML_OK.find("/>").unwrap() + 2;
    for end in 0..=XML_OK.len() {
        let prefix = &XML_OK[..end];
        let result = reply(prefix, ResponseType::Xml, 200);
        if end >= complete_at {
            assert!(result.is_ok(), "{prefix:?}: {result:?}");
        } else {
            assert_eq!(
                error_code(&result),
                Some(ErrorCode::Parse),
                "{prefix:?}: {result:?}"
            );
        }
    }
}

#[test]
fn every_strict_prefix_of_a_json_reply_is_a_parse_error() {
    for end in 0..JSON_OK.len() {
        let prefix = &JSON_OK[..end];
        let result = reply(prefix, ResponseType::Json, 200);
        assert_eq!(
            error_code(&result),
            Some(ErrorCode::Parse),
            "{prefix:?}: {result:?}"
        );
    }
    assert!(reply(JSON_OK, ResponseType::Json, 200).is_ok());
}

// ---------------------------------------------------------------------------------------------
// Size

fn padded(reply: &str, total: usize) -> String {
    let mut body = String::with_capacity(total);
    body.push_str(reply);
    body.push_str(&" ".repeat(total - reply.len()));
    body
}

#[test]
fn a_reply_of_exactly_one_mebibyte_is_read() {
    let body = padded(XML_OK, 1024 * 1024);
    assert!(reply(&body, ResponseType::Xml, 200).is_ok());
    let body = padded(JSON_OK, 1024 * 1024);
    assert!(reply(&body, ResponseType::Json, 200).is_ok());
}

#[test]
fn a_reply_over_one_mebibyte_is_a_parse_error_whatever_the_type_and_status() {
    for kind in TYPES {
        for status in [200, 500] {
            let body = match kind {
                ResponseType::Xml | ResponseType::Html => padded(XML_OK, 1024 * 1024 + 1),
                ResponseType::Json => padded(JSON_OK, 1024 * 1024 + 1),
                ResponseType::Text => padded("OK", 1024 * 1024 + 1),
            };
            let error = failure(&body, kind, status);
            assert_eq!(error.code(), ErrorCode::Parse, "{kind:?} {status}");
            assert_eq!(error.http_status(), Some(status));
            assert!(error.message().contains("1 MiB"), "{}", error.message());
        }
    }
}

#[test]
fn the_limit_counts_bytes_not_characters() {
    // 350,000 three-byte characters: fewer than a million characters, more than 1 MiB.
    let message = "€".repeat(350_000);
    let body = format!(
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"><ErrorMessage>{message}</ErrorMessage></Response></VerbaApi>"
    );
    assert!(body.chars().count() < 1024 * 1024);
    let error = failure(&body, ResponseType::Xml, 200);
    assert_eq!(error.code(), ErrorCode::Parse);
}

// ---------------------------------------------------------------------------------------------
// Nesting

#[test]
fn deep_xml_nesting_does_not_overflow() {
    let depth = 100_000;
    let inside = format!(
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\">{}{}</Response></VerbaApi>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    assert!(inside.len() < MAX_REPLY_BYTES);
    assert!(reply(&inside, ResponseType::Xml, 200).is_ok());

    let unclosed = format!("<VerbaApi>{}", "<a>".repeat(depth));
    assert!(unclosed.len() < MAX_REPLY_BYTES);
    assert_eq!(
        error_code(&reply(&unclosed, ResponseType::Xml, 200)),
        Some(ErrorCode::Parse)
    );

    let beside = format!(
        "<VerbaApi><Response code=\"2\"/>{}",
        "<ErrorMessage>".repeat(depth / 2)
    );
    assert!(beside.len() < MAX_REPLY_BYTES);
    assert_eq!(
        error_code(&reply(&beside, ResponseType::Xml, 200)),
        Some(ErrorCode::CallNotFound)
    );
}

#[test]
fn deep_json_nesting_does_not_overflow() {
    let depth = 100_000;
    let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = format!("{}0{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    let wrapped = format!(
        "{{\"VerbaApi\":{{\"Response\":{{\"code\":0,\"type\":\"DeleteCall\",\"x\":{arrays}}}}}}}"
    );
    for body in [arrays, objects, wrapped] {
        assert!(body.len() < MAX_REPLY_BYTES);
        let result = reply(&body, ResponseType::Json, 200);
        assert_eq!(error_code(&result), Some(ErrorCode::Parse), "{result:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Random input

fn xmlish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("<VerbaApi>".to_owned()),
        Just("</VerbaApi>".to_owned()),
        Just("<VerbaApi/>".to_owned()),
        Just("<Response code=\"0\" type=\"DeleteCall\"/>".to_owned()),
        Just("<Response code=\"2\">".to_owned()),
        Just("</Response>".to_owned()),
        Just("<ErrorMessage>".to_owned()),
        Just("</ErrorMessage>".to_owned()),
        Just("<![CDATA[".to_owned()),
        Just("]]>".to_owned()),
        Just("<!DOCTYPE x [<!ENTITY e \"y\">]>".to_owned()),
        Just("<?xml version=\"1.0\"?>".to_owned()),
        Just("&e;".to_owned()),
        Just("&#0;".to_owned()),
        Just("&#xFFFFFFFF;".to_owned()),
        Just("&#55296;".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("\u{feff}".to_owned()),
        "[<>/=\"'&;#!?a-zA-Z0-9 \r\n-]{0,8}",
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
}

fn jsonish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("{".to_owned()),
        Just("}".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("\"VerbaApi\":".to_owned()),
        Just("\"Response\":".to_owned()),
        Just("\"code\":".to_owned()),
        Just("\"@code\":".to_owned()),
        Just("\"type\":\"DeleteCall\"".to_owned()),
        Just("\"ErrorMessage\":".to_owned()),
        Just("\"#text\":".to_owned()),
        Just(",".to_owned()),
        Just("0".to_owned()),
        Just("\"2\"".to_owned()),
        Just("1e999".to_owned()),
        Just("-0.0".to_owned()),
        Just("\"\\ud800\"".to_owned()),
        Just("null".to_owned()),
        "[{}\\[\\]\":,0-9a-z \\\\]{0,6}",
    ];
    prop::collection::vec(pieces, 0..24).prop_map(|pieces| pieces.concat())
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![Just(200u16), Just(204), Just(404), Just(500), any::<u16>()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048), status in status()) {
        let body = String::from_utf8_lossy(&bytes);
        for kind in TYPES {
            let result = reply(&body, kind, status);
            if let Err(error) = &result {
                prop_assert!(error.http_status() == Some(status));
                prop_assert!(!error.message().is_empty());
            }
        }
    }

    #[test]
    fn random_strings_never_panic(body in any::<String>(), status in status()) {
        for kind in TYPES {
            let _ = reply(&body, kind, status);
        }
    }

    #[test]
    fn xml_like_input_never_panics_and_success_needs_a_zero_code(body in xmlish(), status in status()) {
        let result = reply(&body, ResponseType::Xml, status);
        if let Ok(outcome) = &result {
            prop_assert!(body.contains("code=\"0\""), "success without code 0: {:?}", body);
            prop_assert_eq!(outcome.code, 0);
        }
    }

    #[test]
    fn json_like_input_never_panics_and_success_needs_a_zero_code(body in jsonish(), status in status()) {
        let result = reply(&body, ResponseType::Json, status);
        if let Ok(outcome) = &result {
            prop_assert!(body.contains("code\":0"), "success without code 0: {:?}", body);
            prop_assert_eq!(outcome.code, 0);
        }
    }

    #[test]
    fn unreadable_bodies_follow_the_status(body in "[a-zA-Z ]{1,50}", status in 100u16..600) {
        // Plain words are never a Verba reply in XML or JSON.
        for kind in [ResponseType::Xml, ResponseType::Json] {
            let error = failure(&body, kind, status);
            let expected = if (200..300).contains(&status) { ErrorCode::Parse } else { ErrorCode::HttpError };
            prop_assert_eq!(error.code(), expected);
            prop_assert_eq!(error.http_status(), Some(status));
        }
    }
}
