//! RequestToken replies (spec §6): the token from XML (attribute, or a `Token` element inside
//! or beside Response, the third-party sample included), JSON (`token`, `@token`, with or
//! without the wrapper) and TEXT (`OK <token>`); HTML, a success without a token, another
//! action and a malformed token are `PARSE`; refusals are `AUTH_FAILED` for 4 and -40…-43.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{BASIC, KEY, PASSWORD, token_options};
use verba_api::{
    ResponseType::{self, *},
    TOKEN_LIFETIME_MS, TokenInfo, VerbaError, VerbaErrorCode, parse_request_token_response,
    validate_request_token,
};

/// The clock the tests send at: 2026-01-01T00:00:00Z.
const SENT_AT: f64 = 1_767_225_600_000.0;

#[track_caller]
fn token(body: &str, kind: ResponseType) -> String {
    match parse_request_token_response(body, kind, 200, SENT_AT) {
        Ok(info) => {
            assert_eq!(info.expires_at, SENT_AT + 3_600_000.0);
            info.token
        }
        Err(error) => panic!("expected a token, got {error:?} for {kind:?}:\n{body}"),
    }
}

#[track_caller]
fn error(body: &str, kind: ResponseType, status: u16) -> VerbaError {
    match parse_request_token_response(body, kind, status, SENT_AT) {
        Ok(info) => panic!("expected an error, got {info:?} for {kind:?}:\n{body}"),
        Err(error) => error,
    }
}

#[test]
fn the_lifetime_is_one_hour_from_the_moment_sent() {
    assert_eq!(TOKEN_LIFETIME_MS, 3_600_000.0);
    let info = parse_request_token_response("OK abc", Text, 200, 5.0).unwrap();
    assert_eq!(
        info,
        TokenInfo {
            token: "abc".to_owned(),
            expires_at: 3_600_005.0
        }
    );
}

#[test]
fn the_third_party_sample_of_spec_section_6() {
    let body = r#"<?xml version="1.0" encoding="UTF-8"?>
<VerbaApi><Response code="0" type="RequestToken" token="W7XIAB2ZQ5Y1QG3H"/><SessionId>8F1C0D2E</SessionId>
<SessionParameterName>jsessionid</SessionParameterName><SessionCookieName>JSESSIONID</SessionCookieName>
<Remote>false</Remote></VerbaApi>"#;
    assert_eq!(token(body, Xml), "W7XIAB2ZQ5Y1QG3H");
}

#[test]
fn xml_token_as_attribute_or_element_inside_or_beside_response() {
    for body in [
        r#"<VerbaApi><Response code="0" type="RequestToken" token="tok-1"/></VerbaApi>"#,
        r#"<VerbaApi><Response code="0" type="RequestToken"><Token>tok-1</Token></Response></VerbaApi>"#,
        r#"<VerbaApi><Response code="0" type="RequestToken"/><Token> tok-1 </Token></VerbaApi>"#,
        r#"<VerbaData><Response code="0" token="tok-1"/></VerbaData>"#,
        r#"<VerbaApi><Response code="0" type="RequestToken" token="tok-1"/><Token>tok-1</Token></VerbaApi>"#,
        "\u{feff}<VerbaApi>\r\n  <Response code=\"0\" type=\"RequestToken\" token=\"tok&#45;1\"/>\r\n</VerbaApi>",
    ] {
        assert_eq!(token(body, Xml), "tok-1", "{body}");
    }
}

#[test]
fn xml_ambiguous_tokens_are_parse_errors() {
    for body in [
        r#"<VerbaApi><Response code="0" token="a"/><Token>b</Token></VerbaApi>"#,
        r#"<VerbaApi><Response code="0"><Token>a</Token></Response><Token>b</Token></VerbaApi>"#,
        r#"<VerbaApi><Response code="0" token="a" token="b"/></VerbaApi>"#,
    ] {
        assert_eq!(
            error(body, Xml, 200).code(),
            VerbaErrorCode::Parse,
            "{body}"
        );
    }
}

#[test]
fn json_token_with_or_without_wrapper_and_at_prefix() {
    for body in [
        r#"{"VerbaApi":{"Response":{"code":0,"type":"RequestToken","token":"tok-1"}}}"#,
        r#"{"VerbaApi":{"Response":{"@code":"0","@type":"RequestToken","@token":"tok-1"}}}"#,
        r#"{"Response":{"code":0,"token":"tok-1"}}"#,
        r#"{"VerbaData":{"Response":{"code":0,"type":"RequestToken","token":"tok-1"}}}"#,
    ] {
        assert_eq!(token(body, Json), "tok-1", "{body}");
    }
    let twice = r#"{"Response":{"code":0,"token":"a","@token":"b"}}"#;
    assert_eq!(error(twice, Json, 200).code(), VerbaErrorCode::Parse);
}

#[test]
fn text_ok_with_a_token() {
    assert_eq!(token("OK tok-1", Text), "tok-1");
    assert_eq!(token("\u{feff} ok\ttok-1 \r\n", Text), "tok-1");
    for body in ["OK", "OK a b", "OKtok", "tok-1", ""] {
        assert_eq!(
            error(body, Text, 200).code(),
            VerbaErrorCode::Parse,
            "{body:?}"
        );
    }
    assert_eq!(error("OK a b", Text, 502).code(), VerbaErrorCode::HttpError);
}

#[test]
fn html_is_a_parse_error_that_says_which_formats_to_ask_for() {
    let page = "<html><body><p>Token: <code>tok-1</code></p></body></html>";
    let refused = error(page, Html, 200);
    assert_eq!(refused.code(), VerbaErrorCode::Parse);
    assert!(
        refused.to_string().contains("XML, JSON or TEXT"),
        "{refused}"
    );
    assert_eq!(error(page, Html, 500).code(), VerbaErrorCode::HttpError);
}

#[test]
fn a_success_without_a_token_is_a_parse_error() {
    for (body, kind) in [
        (
            r#"<VerbaApi><Response code="0" type="RequestToken"/></VerbaApi>"#,
            Xml,
        ),
        (
            r#"<VerbaApi><Response code="0" type="RequestToken" token=""/></VerbaApi>"#,
            Xml,
        ),
        (
            r#"<VerbaApi><Response code="0"><Token/></Response></VerbaApi>"#,
            Xml,
        ),
        (r#"{"Response":{"code":0,"type":"RequestToken"}}"#, Json),
        (r#"{"Response":{"code":0,"token":42}}"#, Json),
        ("OK", Text),
    ] {
        let refused = error(body, kind, 200);
        assert_eq!(refused.code(), VerbaErrorCode::Parse, "{body}");
    }
    let message = error(r#"{"Response":{"code":0}}"#, Json, 200).to_string();
    assert!(message.contains("carries no token"), "{message}");
}

#[test]
fn a_success_for_another_action_is_a_parse_error() {
    let body = r#"<VerbaApi><Response code="0" type="DeleteCall" token="tok-1"/></VerbaApi>"#;
    let refused = error(body, Xml, 200);
    assert_eq!(refused.code(), VerbaErrorCode::Parse);
    assert!(
        refused.to_string().contains("not RequestToken"),
        "{refused}"
    );
}

#[test]
fn a_token_is_one_to_256_visible_ascii_characters() {
    let long = "x".repeat(256);
    assert_eq!(token(&format!("OK {long}"), Text), long);
    for bad in ["x".repeat(257), "tök".to_owned()] {
        let body = format!(r#"{{"Response":{{"code":0,"token":"{bad}"}}}}"#);
        assert_eq!(
            error(&body, Json, 200).code(),
            VerbaErrorCode::Parse,
            "{bad}"
        );
    }
    let spaced = r#"<VerbaApi><Response code="0" token="a b"/></VerbaApi>"#;
    assert_eq!(error(spaced, Xml, 200).code(), VerbaErrorCode::Parse);
}

#[test]
fn refusals_are_auth_failed_for_4_and_minus_40_to_43_in_every_format() {
    for code in [4, -40, -41, -42, -43] {
        for (body, kind) in [
            (
                format!(
                    r#"<VerbaApi><Response code="{code}" type="RequestToken"><ErrorMessage>Invalid credentials.</ErrorMessage></Response></VerbaApi>"#
                ),
                Xml,
            ),
            (
                format!(
                    r#"{{"VerbaApi":{{"Response":{{"code":{code},"type":"RequestToken","ErrorMessage":"Invalid credentials."}}}}}}"#
                ),
                Json,
            ),
            (format!("ERROR {code}: Invalid credentials."), Text),
        ] {
            let refused = error(&body, kind, 200);
            assert_eq!(refused.code(), VerbaErrorCode::AuthFailed, "{body}");
            assert_eq!(refused.api_code(), Some(code));
            assert!(!refused.may_have_deleted());
            assert!(
                refused.to_string().contains("Invalid credentials."),
                "{refused}"
            );
        }
    }
    let other = error("ERROR 1: Missing parameter.", Text, 200);
    assert_eq!(other.code(), VerbaErrorCode::ApiError);
}

#[test]
fn server_text_is_scrubbed_of_the_key_the_password_and_the_basic_credentials() {
    let params = validate_request_token(&token_options().with("responseType", "TEXT")).unwrap();
    let body =
        format!("ERROR 4: key {KEY} password {PASSWORD} encoded pa%24%24word header Basic {BASIC}");
    let refused = params.read_reply(&body, 401, SENT_AT).unwrap_err();
    assert_eq!(refused.code(), VerbaErrorCode::AuthFailed);
    let message = refused.to_string();
    for secret in [KEY, PASSWORD, "pa%24%24word", BASIC] {
        assert!(!message.contains(secret), "{message}");
    }
    assert!(message.contains("REDACTED"), "{message}");
    let excerpt = params
        .read_reply(&format!("<p>{PASSWORD}</p>"), 500, SENT_AT)
        .unwrap_err()
        .to_string();
    assert!(
        excerpt.starts_with("The server answered HTTP 500"),
        "{excerpt}"
    );
    assert!(!excerpt.contains(PASSWORD), "{excerpt}");
    let info = params.read_reply("OK tok-1", 200, SENT_AT).unwrap();
    assert_eq!(info.token, "tok-1");
}

#[test]
fn debug_of_a_token_redacts_it() {
    let token = "W7XIAB2ZQ5Y1QG3HW7XI";
    let info = parse_request_token_response(&format!("OK {token}"), Text, 200, 0.0).unwrap();
    let shown = format!("{info:?}");
    assert!(!shown.contains(token), "{shown}");
    assert!(shown.contains("W7XI…REDACTED"), "{shown}");
}

#[test]
fn an_oversized_reply_is_refused_unread() {
    let body = format!("OK {}", "x".repeat(verba_api::MAX_REPLY_BYTES));
    assert_eq!(error(&body, Text, 200).code(), VerbaErrorCode::Parse);
}
