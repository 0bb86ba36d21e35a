//! Malformed, empty, truncated, random, oversized and deeply nested replies: always an `Ok` or an
//! `Err`, never a panic, and never a success that the body does not state.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{error_code, failure, reply};
use proptest::prelude::*;
use verba_api::{MAX_REPLY_BYTES, ResponseType, VerbaError, VerbaErrorCode};

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
        for body in ["", " ", "\r\n\t", "\u{feff}", "\u{feff} \r\n"] {
            // A BOM alone says nothing either.
            let result = reply(body, kind, 200);
            assert_eq!(
                error_code(&result),
                Some(VerbaErrorCode::Parse),
                "{kind:?} {body:?}: {result:?}"
            );
        }
    }
}

#[test]
fn empty_replies_with_an_error_status_are_http_errors() {
    for kind in TYPES {
        let error = failure("", kind, 503);
        assert_eq!(error.code(), VerbaErrorCode::HttpError, "{kind:?}");
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
            Some(VerbaErrorCode::Parse),
            "{body:?}: {result:?}"
        );
    }
}

#[test]
fn what_the_former_tokenizer_refused_is_still_refused() {
    // quick-xml checks none of these; the XML reader does, as xmlparser did.
    for body in [
        "<VerbaApi><?xml version=\"1.0\"?><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<!-- c --><?xml version=\"1.0\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<?xml encoding=\"UTF-8\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><!DOCTYPE x><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<!DOCTYPE x><!DOCTYPE y><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<!doctype x><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "text<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "&amp;<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<![CDATA[x]]><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><1a/><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><a:b:c/><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><<Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\" a<b=\"\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"Delete<Call\"/></VerbaApi>",
        "<VerbaApi>]]><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi>&x]]>y;<Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi>\u{1}<Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\u{0}\"/></VerbaApi>",
        "<VerbaApi>\u{fffe}<Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><!-- a -- b --><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><!-- a ---><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ] {
        let result = reply(body, ResponseType::Xml, 200);
        assert_eq!(
            error_code(&result),
            Some(VerbaErrorCode::Parse),
            "{body:?}: {result:?}"
        );
    }
}

#[test]
fn a_signed_character_reference_is_no_reference() {
    // `u32::from_str_radix` takes a sign; a character reference has none. Before quick-xml the
    // reader resolved `&#x+30;` to `0`.
    let body = "<VerbaApi><Response code=\"&#x+30;\" type=\"DeleteCall\"/></VerbaApi>";
    assert_eq!(
        error_code(&reply(body, ResponseType::Xml, 200)),
        Some(VerbaErrorCode::Parse)
    );
    let body = "<VerbaApi><Response code=\"2\"><ErrorMessage>&#x+41;&#+65;</ErrorMessage></Response></VerbaApi>";
    match reply(body, ResponseType::Xml, 200) {
        Err(VerbaError::CallNotFound { server_message, .. }) => {
            assert_eq!(server_message.as_deref(), Some("&#x+41;&#+65;"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn damaged_text_after_a_complete_response_is_a_parse_error() {
    // Damage after the Response no longer ends the reading quietly: the reply is refused.
    for body in [
        "<VerbaApi><Response code=\"2\"/><ErrorMessage>a&amp;b]]>c</ErrorMessage></VerbaApi>",
        "<VerbaApi><Response code=\"2\"/><ErrorMessage>kept<!-- -->a&amp;]]></ErrorMessage></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><ErrorMessage>kept<![CDATA[ too]]>a\u{1}</ErrorMessage></VerbaApi>",
    ] {
        let result = reply(body, ResponseType::Xml, 200);
        assert_eq!(
            error_code(&result),
            Some(VerbaErrorCode::Parse),
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
            Some(VerbaErrorCode::Parse) => {}
            // Complete once the root element has closed.
            Some(VerbaErrorCode::ApiError) => assert!(prefix.contains("</VerbaApi>"), "{prefix:?}"),
            _ => panic!("{prefix:?}: {result:?}"),
        }
    }
}

#[test]
fn every_prefix_of_an_xml_success_succeeds_only_once_the_root_is_closed() {
    let complete_at = XML_OK.find("</VerbaApi>").unwrap() + "</VerbaApi>".len();
    for end in 0..=XML_OK.len() {
        let prefix = &XML_OK[..end];
        let result = reply(prefix, ResponseType::Xml, 200);
        if end >= complete_at {
            assert!(result.is_ok(), "{prefix:?}: {result:?}");
        } else {
            assert_eq!(
                error_code(&result),
                Some(VerbaErrorCode::Parse),
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
            Some(VerbaErrorCode::Parse),
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
            assert_eq!(error.code(), VerbaErrorCode::Parse, "{kind:?} {status}");
            assert_eq!(error.http_status(), Some(status));
            assert!(error.to_string().contains("1 MiB"), "{}", error.to_string());
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
    assert_eq!(error.code(), VerbaErrorCode::Parse);
}

// ---------------------------------------------------------------------------------------------
// Nesting

/// A reply nested `extra` elements deep inside its Response (which is two deep itself).
fn nested_success(extra: usize) -> String {
    format!(
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\">{}{}</Response></VerbaApi>",
        "<a>".repeat(extra),
        "</a>".repeat(extra)
    )
}

#[test]
fn elements_nest_at_most_128_deep() {
    // Deeper would only cost memory (the open elements' names), which wasm never gives back.
    assert!(reply(&nested_success(126), ResponseType::Xml, 200).is_ok());
    let too_deep = reply(&nested_success(127), ResponseType::Xml, 200);
    match too_deep {
        Err(VerbaError::Parse { reason, .. }) => assert!(reason.contains("128"), "{reason}"),
        other => panic!("expected PARSE, got {other:?}"),
    }
}

#[test]
fn deep_xml_nesting_does_not_overflow() {
    let depth = 100_000;
    let inside = nested_success(depth);
    assert!(inside.len() < MAX_REPLY_BYTES);
    assert_eq!(
        error_code(&reply(&inside, ResponseType::Xml, 200)),
        Some(VerbaErrorCode::Parse)
    );

    let unclosed = format!("<VerbaApi>{}", "<a>".repeat(depth));
    assert!(unclosed.len() < MAX_REPLY_BYTES);
    assert_eq!(
        error_code(&reply(&unclosed, ResponseType::Xml, 200)),
        Some(VerbaErrorCode::Parse)
    );

    // After a complete Response, never closed: cut short.
    let beside = format!(
        "<VerbaApi><Response code=\"2\"/>{}",
        "<ErrorMessage>".repeat(depth / 2)
    );
    assert!(beside.len() < MAX_REPLY_BYTES);
    assert_eq!(
        error_code(&reply(&beside, ResponseType::Xml, 200)),
        Some(VerbaErrorCode::Parse)
    );
    let closed = format!(
        "<VerbaApi><Response code=\"2\"/>{}{}</VerbaApi>",
        "<ErrorMessage>".repeat(depth / 4),
        "</ErrorMessage>".repeat(depth / 4)
    );
    assert!(closed.len() < MAX_REPLY_BYTES);
    assert_eq!(
        error_code(&reply(&closed, ResponseType::Xml, 200)),
        Some(VerbaErrorCode::Parse)
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
    for body in [arrays, objects] {
        assert!(body.len() < MAX_REPLY_BYTES);
        let result = reply(&body, ResponseType::Json, 200);
        assert_eq!(
            error_code(&result),
            Some(VerbaErrorCode::Parse),
            "{result:?}"
        );
    }
    // Arrays are skipped without recursion, so a deep one beside a readable envelope is read as
    // JSON.parse reads it: the body says code 0.
    assert!(wrapped.len() < MAX_REPLY_BYTES);
    let result = reply(&wrapped, ResponseType::Json, 200);
    assert_eq!(result.map(|outcome| outcome.code), Ok(0));
}

// ---------------------------------------------------------------------------------------------
// Linear time: replies of about 1 MiB built to make a quadratic step show. There is no timing
// assertion; a regression makes these tests hang instead of finishing in a blink.

/// `head`, then `unit` as often as fits, then `tail`: at most [`MAX_REPLY_BYTES`] in all.
fn filled(head: &str, unit: &str, tail: &str) -> (String, usize) {
    let count = (MAX_REPLY_BYTES - head.len() - tail.len()) / unit.len();
    let body = [head, &unit.repeat(count), tail].concat();
    assert!(body.len() <= MAX_REPLY_BYTES && body.len() > MAX_REPLY_BYTES - unit.len() - 1);
    (body, count)
}

/// An `ErrorMessage` as the error keeps it: its first 8 KiB, then `…` (all ASCII here).
fn kept(full: String) -> String {
    match full.get(..8 * 1024) {
        Some(start) if full.len() > 8 * 1024 => [start, "…"].concat(),
        _ => full,
    }
}

fn xml_reply(body: &str) -> Result<verba_api::DeleteCallResult, VerbaError> {
    reply(body, ResponseType::Xml, 200)
}

fn server_message(result: Result<verba_api::DeleteCallResult, VerbaError>) -> Option<String> {
    match result {
        Err(VerbaError::CallNotFound { server_message, .. }) => server_message,
        other => panic!("expected CALL_NOT_FOUND, got {:?}", other.map(|o| o.code)),
    }
}

#[test]
fn a_run_of_ampersands_in_an_attribute_is_read_in_linear_time() {
    // Each `&` opens a reference that never closes: a decoder that looks for `;` in all of the
    // rest is quadratic here.
    // A code or type over 4096 bytes is refused unread; within that, decoded in one pass.
    let (body, _) = filled(
        "<VerbaApi><Response code=\"2\" type=\"",
        "&",
        "\"/></VerbaApi>",
    );
    assert_eq!(error_code(&xml_reply(&body)), Some(VerbaErrorCode::Parse));
    let body = [
        "<VerbaApi><Response code=\"2\" type=\"",
        &"&".repeat(4096),
        "\"/></VerbaApi>",
    ]
    .concat();
    assert_eq!(server_message(xml_reply(&body)), None);

    let (body, _) = filled("<VerbaApi><Response code=\"", "&", "\"/></VerbaApi>");
    assert_eq!(error_code(&xml_reply(&body)), Some(VerbaErrorCode::Parse));
}

#[test]
fn almost_references_in_an_attribute_are_read_in_linear_time() {
    // `&#` and `&#x` followed by digits, never a `;` in reach.
    let type_of = |value: String| {
        [
            "<VerbaApi><Response code=\"2\" type=\"",
            &value,
            "\"/></VerbaApi>",
        ]
        .concat()
    };
    let body = type_of("&#x10FFFF&#1".repeat(4096 / 12));
    assert_eq!(server_message(xml_reply(&body)), None);

    // And one `;` at the very end, after all of them.
    let body = type_of(["&".repeat(4095), ";".to_owned()].concat());
    assert_eq!(server_message(xml_reply(&body)), None);
}

#[test]
fn a_run_of_ampersands_in_the_error_message_is_read_in_linear_time() {
    let (body, count) = filled(
        "<VerbaApi><Response code=\"2\"><ErrorMessage>",
        "&",
        "</ErrorMessage></Response></VerbaApi>",
    );
    assert_eq!(
        server_message(xml_reply(&body)),
        Some(kept("&".repeat(count)))
    );

    // After a complete Response, closed; and never closed (cut short: a parse error).
    let (body, count) = filled(
        "<VerbaApi><Response code=\"2\"/><ErrorMessage>",
        "&",
        "</ErrorMessage></VerbaApi>",
    );
    assert_eq!(
        server_message(xml_reply(&body)),
        Some(kept("&".repeat(count)))
    );
    let (body, _) = filled("<VerbaApi><Response code=\"2\"/><ErrorMessage>", "&", "");
    assert_eq!(error_code(&xml_reply(&body)), Some(VerbaErrorCode::Parse));
}

#[test]
fn a_run_of_ampersands_then_one_semicolon_in_the_error_message_is_read_in_linear_time() {
    let (body, count) = filled(
        "<VerbaApi><Response code=\"2\"><ErrorMessage>",
        "&",
        ";\r\n</ErrorMessage></Response></VerbaApi>",
    );
    let message = server_message(xml_reply(&body)).unwrap();
    assert_eq!(
        message,
        kept(["&".repeat(count - 1), "&;".to_owned()].concat())
    );
    // Within the bound, the last `&` and the `;` are one unknown reference.
    let body = [
        "<VerbaApi><Response code=\"2\"><ErrorMessage>",
        &"&".repeat(8000),
        ";</ErrorMessage></Response></VerbaApi>",
    ]
    .concat();
    let message = server_message(xml_reply(&body)).unwrap();
    assert_eq!(message.len(), 8001);
    assert!(message.ends_with("&;"));
}

#[test]
fn many_references_and_line_ends_in_the_error_message_are_read_in_linear_time() {
    let head = "<VerbaApi><Response code=\"2\"><ErrorMessage>";
    let tail = "</ErrorMessage></Response></VerbaApi>";
    let (body, count) = filled(head, "&amp;", tail);
    assert_eq!(
        server_message(xml_reply(&body)),
        Some(kept("&".repeat(count)))
    );

    let (body, count) = filled(head, "&e;", tail);
    assert_eq!(
        server_message(xml_reply(&body)),
        Some(kept("&e;".repeat(count)))
    );

    let (body, _) = filled(head, "a\r\nb\r", tail);
    let message = server_message(xml_reply(&body)).unwrap();
    assert!(!message.contains('\r'), "CRLF and CR each became one LF");
    assert_eq!(message, kept("a\nb\n".repeat(MAX_REPLY_BYTES / 4)));
}

#[test]
fn a_huge_attribute_or_many_attributes_are_read_in_linear_time() {
    let (body, _) = filled(
        "<VerbaApi><Response code=\"2\" pad=\"",
        "x",
        "\"/></VerbaApi>",
    );
    assert_eq!(server_message(xml_reply(&body)), None);

    let (body, count) = filled("<VerbaApi><Response code=\" ", " ", "2 \"/></VerbaApi>");
    assert!(count > 1_000_000);
    assert_eq!(error_code(&xml_reply(&body)), Some(VerbaErrorCode::Parse));

    // Many attributes, repeated ones among them on an element that is not the Response.
    let (body, _) = filled(
        "<VerbaApi><Response code=\"2\"/><Info",
        " a=\"\"",
        "/></VerbaApi>",
    );
    assert_eq!(server_message(xml_reply(&body)), None);
    let (body, count) = filled("<VerbaApi><Response code=\"2\"", " a=''", "/></VerbaApi>");
    assert!(count > 200_000);
    assert_eq!(server_message(xml_reply(&body)), None);

    // An attribute value that never ends.
    let (body, _) = filled("<VerbaApi><Response code=\"2\" pad=\"", "x", "");
    assert_eq!(error_code(&xml_reply(&body)), Some(VerbaErrorCode::Parse));
}

#[test]
fn deep_nesting_around_the_message_is_read_in_linear_time() {
    let depth = 100_000;
    let body = [
        "<VerbaApi><Response code=\"2\"><ErrorMessage>",
        &"<b>".repeat(depth),
        "deep",
        &"</b>".repeat(depth),
        "</ErrorMessage></Response></VerbaApi>",
    ]
    .concat();
    assert!(body.len() < MAX_REPLY_BYTES);
    assert_eq!(error_code(&xml_reply(&body)), Some(VerbaErrorCode::Parse));
    // Within the bound, the message is read through the markup inside it.
    let body = [
        "<VerbaApi><Response code=\"2\"><ErrorMessage>",
        &"<b>".repeat(120),
        "deep",
        &"</b>".repeat(120),
        "</ErrorMessage></Response></VerbaApi>",
    ]
    .concat();
    assert_eq!(server_message(xml_reply(&body)).as_deref(), Some("deep"));

    // Prefixed names close by their local names, as before.
    let body = [
        "<VerbaApi><Response code=\"2\">",
        &"<v:b>".repeat(depth * 9 / 10),
        &"</w:b>".repeat(depth * 9 / 10),
        "</Response></VerbaApi>",
    ]
    .concat();
    assert!(body.len() < MAX_REPLY_BYTES);
    assert_eq!(error_code(&xml_reply(&body)), Some(VerbaErrorCode::Parse));
    let body = [
        "<VerbaApi><Response code=\"2\">",
        &"<v:b>".repeat(120),
        &"</w:b>".repeat(120),
        "</Response></VerbaApi>",
    ]
    .concat();
    assert_eq!(server_message(xml_reply(&body)), None);

    // Closed one short: the Response never ends.
    let body = [
        "<VerbaApi><Response code=\"2\">",
        &"<b>".repeat(depth),
        &"</b>".repeat(depth - 1),
        "</Response></VerbaApi>",
    ]
    .concat();
    assert_eq!(error_code(&xml_reply(&body)), Some(VerbaErrorCode::Parse));
}

#[test]
fn a_very_long_name_is_read_in_linear_time() {
    let name = "n".repeat(MAX_REPLY_BYTES / 2 - 64);
    let beside = [
        "<VerbaApi><Response code=\"2\"/><",
        &name,
        "></",
        &name,
        "></VerbaApi>",
    ]
    .concat();
    assert!(beside.len() <= MAX_REPLY_BYTES);
    assert_eq!(server_message(xml_reply(&beside)), None);

    let (root, _) = filled("<", "n", "><Response code=\"0\" type=\"DeleteCall\"/>");
    assert_eq!(error_code(&xml_reply(&root)), Some(VerbaErrorCode::Parse));

    let (unclosed, _) = filled("<VerbaApi><", "n", "");
    assert_eq!(
        error_code(&xml_reply(&unclosed)),
        Some(VerbaErrorCode::Parse)
    );

    let (attribute, _) = filled("<VerbaApi><Response code=\"2\" ", "n", "=\"\"/></VerbaApi>");
    assert_eq!(server_message(xml_reply(&attribute)), None);
}

#[test]
fn many_small_pieces_of_markup_are_read_in_linear_time() {
    many_small_pieces_in_the_error_message(&["<!---->", "<?p?>", "<![CDATA[]]>"]);
}

#[test]
fn many_small_elements_and_references_are_read_in_linear_time() {
    many_small_pieces_in_the_error_message(&["<a/>", "<a></a>", "&#65;"]);
}

fn many_small_pieces_in_the_error_message(units: &[&str]) {
    for unit in units {
        let (body, _) = filled(
            "<VerbaApi><Response code=\"2\"><ErrorMessage>",
            unit,
            "</ErrorMessage></Response></VerbaApi>",
        );
        let result = xml_reply(&body);
        assert_eq!(
            error_code(&result),
            Some(VerbaErrorCode::CallNotFound),
            "{unit}"
        );
    }
}

#[test]
fn many_unfinished_pieces_of_markup_are_a_parse_error_in_linear_time() {
    for unit in [
        "<",
        "</",
        "<!",
        "<!--",
        "<?",
        "<![CDATA[",
        "]]>",
        "--",
        "\u{0}",
    ] {
        let (body, _) = filled("<VerbaApi><Response code=\"2\"><ErrorMessage>", unit, "");
        assert_eq!(
            error_code(&xml_reply(&body)),
            Some(VerbaErrorCode::Parse),
            "{unit:?}"
        );
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
                prop_assert!(!error.to_string().is_empty());
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
            let expected = if (200..300).contains(&status) { VerbaErrorCode::Parse } else { VerbaErrorCode::HttpError };
            prop_assert_eq!(error.code(), expected);
            prop_assert_eq!(error.http_status(), Some(status));
        }
    }
}

#[test]
fn a_huge_json_error_message_is_kept_to_its_start() {
    let (body, count) = filled(
        "{\"VerbaApi\":{\"Response\":{\"code\":2,\"ErrorMessage\":\"",
        "&",
        "\"}}}",
    );
    let result = reply(&body, ResponseType::Json, 200);
    assert_eq!(server_message(result), Some(kept("&".repeat(count))));
    // With escapes, serde_json decodes into its own buffer first; the kept start is the same.
    let (body, count) = filled(
        "{\"VerbaApi\":{\"Response\":{\"code\":2,\"ErrorMessage\":\"",
        "\\u0026",
        "\"}}}",
    );
    let result = reply(&body, ResponseType::Json, 200);
    assert_eq!(server_message(result), Some(kept("&".repeat(count))));
}
