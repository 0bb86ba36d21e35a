//! XML replies are one document with one Response (spec section 4, "Strictness that protects the
//! caller"): a second `Response` anywhere, or anything after the root but whitespace, comments
//! and processing instructions, is a parse error; so is damage after the Response, and a reply
//! cut before its root closes. The vendor's broken closing tag stays tolerated, alone at the end.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{api_error, parse_reason, success};
use verba_api::MAX_REPLY_BYTES;
use verba_api::ResponseType::Xml;
use verba_api::VerbaErrorCode;

const OK: &str = "<Response code=\"0\" type=\"DeleteCall\"/>";
const NOT_FOUND: &str = "<Response code=\"2\" type=\"DeleteCall\"/>";

/// `parse_errors! { test mentioning [word, ...]: [body, ...]; }`: one test whose bodies are each
/// a PARSE error (XML, HTTP 200) whose reason contains every word given.
macro_rules! parse_errors {
    ($(
        $(#[$doc:meta])*
        $test:ident $(mentioning [$($word:literal),+])?: [$($body:expr),+ $(,)?];
    )+) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            let words: &[&str] = &[$($($word),+)?];
            for body in [$($body),+] {
                let body: &str = &body;
                let reason = parse_reason(body, Xml, 200);
                for word in words {
                    assert!(reason.contains(word), "{body}: {reason}");
                }
            }
        }
    )+};
}

fn wrapped(inside: &str) -> String {
    format!("<VerbaApi>{inside}</VerbaApi>")
}

// ---------------------------------------------------------------------------------------------
// A second Response, anywhere

parse_errors! {
    a_second_response_inside_a_payload_element_is_a_parse_error mentioning ["more than one"]: [
        wrapped(&format!("{OK}<Info>{NOT_FOUND}</Info>")),
        wrapped(&format!("<Info>{NOT_FOUND}</Info>{OK}")),
        wrapped(&format!("<a><b><c>{NOT_FOUND}</c></b></a>{OK}")),
        wrapped(&format!("{OK}<a><b><c><Response/></c></b></a>")),
    ];
    a_second_response_inside_the_response_is_a_parse_error mentioning ["more than one"]: [
        wrapped(&format!("<Response code=\"0\" type=\"DeleteCall\">{NOT_FOUND}</Response>")),
        wrapped(&format!("<Response code=\"0\" type=\"DeleteCall\"><Detail>{NOT_FOUND}</Detail></Response>")),
        wrapped("<Response code=\"2\"><ErrorMessage>x<Response code=\"0\"/></ErrorMessage></Response>"),
    ];
    a_second_response_beside_with_a_prefix_or_in_the_message_is_a_parse_error mentioning ["more than one"]: [
        format!("<v:VerbaApi xmlns:v=\"urn:v\">{OK}<v:Response code=\"2\"/></v:VerbaApi>"),
        wrapped(&format!("{NOT_FOUND}<ErrorMessage><Response code=\"0\"/></ErrorMessage>")),
    ];
}

#[test]
fn one_response_with_payload_of_other_names_is_still_read() {
    let body = wrapped(&format!(
        "<Responses/><ResponseCode>0</ResponseCode>{OK}<Info><Result code=\"2\"/></Info>"
    ));
    assert_eq!(success(&body, Xml, 200).code, 0);
}

// ---------------------------------------------------------------------------------------------
// After the root: only whitespace, comments and processing instructions

#[test]
fn whitespace_comments_and_processing_instructions_may_follow_the_root() {
    for tail in [
        "",
        "\r\n\t ",
        "<!-- served by IIS -->",
        "\n<!-- a -->\n<?pi x?>\n<!---->\n",
    ] {
        let body = format!("{}{tail}", wrapped(OK));
        assert_eq!(success(&body, Xml, 200).code, 0, "{tail:?}");
    }
}

parse_errors! {
    a_second_root_element_is_a_second_document mentioning ["second document"]: [
        format!("{}{}", wrapped(OK), wrapped(NOT_FOUND)),
        format!("{}\n{}", wrapped(NOT_FOUND), wrapped(OK)),
        format!("{}<VerbaApi/>", wrapped(OK)),
        format!("{}<html><body>Error</body></html>", wrapped(OK)),
        format!("{}<!-- c --><x>", wrapped(OK)),
    ];
    text_cdata_a_doctype_or_a_declaration_after_the_root_is_a_second_document mentioning ["second document"]: [
        format!("{}trailing text", wrapped(OK)),
        format!("{}\n<!-- IIS -->\ntrailing text", wrapped(OK)),
        format!("{}&amp;", wrapped(OK)),
        format!("{}<![CDATA[x]]>", wrapped(OK)),
        format!("{}<!DOCTYPE x>", wrapped(OK)),
        format!("{}<?xml version=\"1.0\"?>", wrapped(OK)),
        format!("{}\u{feff}", wrapped(OK)),
    ];
    damage_after_the_root_is_a_parse_error: [
        format!("{}</VerbaApi>", wrapped(OK)),
        format!("{}<", wrapped(OK)),
        format!("{}<!-- unterminated", wrapped(OK)),
        format!("{}<!-- a -- b -->", wrapped(OK)),
        format!("{}\u{0}", wrapped(OK)),
    ];
}

// ---------------------------------------------------------------------------------------------
// After the Response, inside the root: damage is a parse error, not the end of the reading

parse_errors! {
    damage_after_a_complete_response_is_a_parse_error mentioning ["not well formed"]: [
        "<VerbaApi><Response code=\"5\" type=\"DeleteCall\"/><ErrorMessage>Protected.</ErrorMessage></VerbaAPI>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></Response></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><1a/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><x a=\"<\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/>]]></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><!DOCTYPE x></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><?xml version=\"1.0\"?></VerbaApi>",
        "<VerbaApi><Response code=\"2\"/><ErrorMessage>a&amp;b]]>c</ErrorMessage></VerbaApi>",
        "<VerbaApi><Response code=\"2\"/><ErrorMessage>kept<![CDATA[ too]]>a\u{1}</ErrorMessage></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><",
    ];
    a_reply_cut_after_its_response_is_a_parse_error mentioning ["root"]: [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/>\n  ",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"></Response>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><CallID>a8343631",
        "<VerbaApi><Response code=\"2\"/><ErrorMessage>Gone.",
        "<VerbaApi><Response code=\"2\"/><ErrorMessage>Gone.</ErrorMessage>",
        "<VerbaData><Response code=\"0\" type=\"DeleteCall\"/>",
    ];
}

// ---------------------------------------------------------------------------------------------
// The vendor's broken closing tag: tolerated only with nothing but whitespace after it

#[test]
fn the_broken_closing_tag_alone_at_the_end_is_tolerated() {
    for tail in ["", "\n", "\r\n  \t\r\n"] {
        let ok = format!("<VerbaApi>\n  {OK}\n  <CallID>a8343631</CallID>\n<VerbaApi>{tail}");
        assert_eq!(success(&ok, Xml, 200).code, 0, "{tail:?}");
        let gone = format!(
            "<VerbaApi><Response code=\"2\"><ErrorMessage>Not found.</ErrorMessage></Response><VerbaApi >{tail}"
        );
        assert_eq!(
            api_error(&gone, Xml, 200),
            (
                VerbaErrorCode::CallNotFound,
                Some(2),
                Some("Not found.".to_owned())
            )
        );
    }
    let data = format!("<VerbaData>{OK}<VerbaData>");
    assert_eq!(success(&data, Xml, 200).code, 0);
    // By local name, as end tags are matched.
    for prefixed in [
        "<v:VerbaApi xmlns:v=\"urn:v\"><v:Response code=\"0\"/><v:VerbaApi>",
        "<v:VerbaApi xmlns:v=\"urn:v\"><v:Response code=\"0\"/><VerbaApi>",
    ] {
        assert_eq!(success(prefixed, Xml, 200).code, 0, "{prefixed}");
    }
}

parse_errors! {
    the_broken_closing_tag_followed_by_anything_else_is_a_parse_error: [
        format!("<VerbaApi>{OK}<VerbaApi>trailing text"),
        format!("<VerbaApi>{OK}<VerbaApi>\n<!-- c -->"),
        format!("<VerbaApi>{OK}<VerbaApi><?pi?>"),
        format!("<VerbaApi>{OK}<VerbaApi>{NOT_FOUND}"),
        format!("<VerbaApi>{OK}<VerbaApi><VerbaApi>"),
        format!("<VerbaApi>{OK}<VerbaApi> <x/>"),
        format!("<VerbaApi>{OK}<VerbaApi>\u{feff}"),
        format!("<VerbaApi>{OK}<VerbaApi>&#32;"),
        format!("<VerbaApi>{OK}<VerbaApi><"),
    ];
    only_the_roots_own_start_tag_right_inside_the_root_counts_as_broken_closing_tag: [
        // Another name, attributes, self-closing, deeper, or before the Response is complete.
        format!("<VerbaData>{OK}<VerbaApi>"),
        format!("<VerbaApi>{OK}<VerbaData>"),
        format!("<VerbaApi>{OK}<verbaapi>"),
        format!("<VerbaApi>{OK}<VerbaApi a=\"1\">"),
        format!("<VerbaApi>{OK}<Info><VerbaApi>"),
        format!("<VerbaApi>{OK}<ErrorMessage>x<VerbaApi>"),
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"><VerbaApi>".to_owned(),
    ];
}

#[test]
fn a_nested_element_named_like_the_root_is_payload_when_it_closes() {
    let body = wrapped(&format!("{OK}<VerbaApi> </VerbaApi>"));
    assert_eq!(success(&body, Xml, 200).code, 0);
}

// ---------------------------------------------------------------------------------------------
// Linear: the check after the broken closing tag is one pass

#[test]
fn a_mebibyte_of_whitespace_after_the_broken_closing_tag_is_read_in_one_pass() {
    let head = format!("<VerbaApi>{OK}<VerbaApi>");
    let body = format!("{head}{}", " ".repeat(MAX_REPLY_BYTES - head.len()));
    assert_eq!(success(&body, Xml, 200).code, 0);
    let cut = format!("{head}{}x", " ".repeat(MAX_REPLY_BYTES - head.len() - 1));
    assert!(parse_reason(&cut, Xml, 200).contains("root"));
}

#[test]
fn many_closed_elements_named_like_the_root_after_the_response_are_read_in_linear_time() {
    let unit = "<VerbaApi>  </VerbaApi>";
    let head = format!("<VerbaApi>{OK}");
    let count = (MAX_REPLY_BYTES - head.len() - 11) / unit.len();
    let body = format!("{head}{}</VerbaApi>", unit.repeat(count));
    assert_eq!(success(&body, Xml, 200).code, 0);
}
