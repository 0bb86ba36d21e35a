//! JSON, TEXT and HTML replies (spec section 4, project decisions).
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

use verba_api::{
    DeleteCallOutcome, ErrorCode, JsonNode, ResponseType, VerbaError, parse_reply, parse_reply_with,
};

fn json(body: &str, status: u16) -> Result<DeleteCallOutcome, VerbaError> {
    parse_reply(body, ResponseType::Json, status)
}

fn text(body: &str, status: u16) -> Result<DeleteCallOutcome, VerbaError> {
    parse_reply(body, ResponseType::Text, status)
}

fn html(body: &str, status: u16) -> Result<DeleteCallOutcome, VerbaError> {
    parse_reply(body, ResponseType::Html, status)
}

fn api_error(result: Result<DeleteCallOutcome, VerbaError>) -> (ErrorCode, i64, Option<String>) {
    match result {
        Err(VerbaError::CallNotFound { server_message, .. }) => {
            (ErrorCode::CallNotFound, 2, server_message)
        }
        Err(VerbaError::Api {
            api_code,
            server_message,
            ..
        }) => (ErrorCode::ApiError, api_code, server_message),
        other => panic!("expected an API error, got {other:?}"),
    }
}

fn code_of(result: Result<DeleteCallOutcome, VerbaError>) -> ErrorCode {
    match result {
        Ok(outcome) => panic!("expected an error, got {outcome:?}"),
        Err(error) => error.code(),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn json_canonical_success() {
    let outcome = json(
        r#"{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}"#,
        200,
    )
    .expect("canonical success");
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.message, None);
    assert_eq!(outcome.response_type, ResponseType::Json);
    assert_eq!(outcome.http_status, 200);
    assert_eq!(outcome.raw, None, "raw is for TEXT and HTML only");
}

#[test]
fn json_canonical_errors() {
    assert_eq!(
        api_error(json(
            r#"{"VerbaApi":{"Response":{"code":2,"type":"DeleteCall","ErrorMessage":"The call cannot be found."}}}"#,
            200
        )),
        (
            ErrorCode::CallNotFound,
            2,
            Some("The call cannot be found.".to_owned())
        )
    );
    assert_eq!(
        api_error(json(
            r#"{"VerbaApi":{"Response":{"code":5,"type":"DeleteCall","ErrorMessage":"  Protected.  "}}}"#,
            200
        )),
        (ErrorCode::ApiError, 5, Some("Protected.".to_owned()))
    );
    assert_eq!(
        api_error(json(
            r#"{"VerbaApi":{"Response":{"code":3,"type":"DeleteCall","ErrorMessage":""}}}"#,
            200
        )),
        (ErrorCode::ApiError, 3, None)
    );
}

#[test]
fn json_code_as_a_numeric_string() {
    for code in [r#""0""#, r#"" 0 ""#, r#""+0""#] {
        let body =
            format!(r#"{{"VerbaApi":{{"Response":{{"code":{code},"type":"DeleteCall"}}}}}}"#);
        assert_eq!(json(&body, 200).expect(code).code, 0, "{code}");
    }
    let body = r#"{"VerbaApi":{"Response":{"code":"2","type":"DeleteCall"}}}"#;
    assert_eq!(api_error(json(body, 200)).0, ErrorCode::CallNotFound);
}

#[test]
fn json_code_that_is_no_integer_is_a_parse_error() {
    for code in [
        r#""abc""#,
        r#""""#,
        r#""1.0""#,
        "0.5",
        "true",
        "null",
        "[0]",
        r#"{"value":0}"#,
        "1e300",
        "9007199254740993",
    ] {
        let body =
            format!(r#"{{"VerbaApi":{{"Response":{{"code":{code},"type":"DeleteCall"}}}}}}"#);
        let error = json(&body, 200).expect_err(code);
        assert_eq!(error.code(), ErrorCode::Parse, "{code}: {error:?}");
    }
}

#[test]
fn json_whole_number_floats_are_integers() {
    let body = r#"{"VerbaApi":{"Response":{"code":2.0,"type":"DeleteCall"}}}"#;
    assert_eq!(api_error(json(body, 200)).0, ErrorCode::CallNotFound);
}

#[test]
fn json_attribute_keys_prefixed_with_at() {
    let ok = r#"{"VerbaApi":{"Response":{"@code":"0","@type":"DeleteCall"}}}"#;
    assert_eq!(json(ok, 200).unwrap().code, 0);
    let other = r#"{"VerbaApi":{"Response":{"@code":0,"@type":"GetCallID"}}}"#;
    assert_eq!(code_of(json(other, 200)), ErrorCode::Parse);
    let error = r#"{"VerbaApi":{"Response":{"@code":"4","@type":"DeleteCall","ErrorMessage":"Token expired."}}}"#;
    assert_eq!(
        api_error(json(error, 200)),
        (ErrorCode::ApiError, 4, Some("Token expired.".to_owned()))
    );
}

#[test]
fn json_without_the_wrapper() {
    let ok = r#"{"Response":{"code":0,"type":"DeleteCall"}}"#;
    assert_eq!(json(ok, 200).unwrap().code, 0);
    let error = r#"{"Response":{"code":2,"ErrorMessage":"Gone."}}"#;
    assert_eq!(
        api_error(json(error, 200)),
        (ErrorCode::CallNotFound, 2, Some("Gone.".to_owned()))
    );
}

#[test]
fn json_error_message_as_an_object_with_text() {
    let body = r##"{"VerbaApi":{"Response":{"code":5,"type":"DeleteCall","ErrorMessage":{"@description":"Error","#text":"Protected."}}}}"##;
    assert_eq!(
        api_error(json(body, 200)),
        (ErrorCode::ApiError, 5, Some("Protected.".to_owned()))
    );
}

#[test]
fn json_success_of_another_action_is_a_parse_error() {
    for kind in ["GetCallID", "deletecall"] {
        let body = format!(r#"{{"VerbaApi":{{"Response":{{"code":0,"type":"{kind}"}}}}}}"#);
        let error = json(&body, 200).unwrap_err();
        assert_eq!(error.code(), ErrorCode::Parse);
        assert!(error.message().contains(kind), "{}", error.message());
    }
}

#[test]
fn json_missing_parts_are_a_parse_error() {
    for body in [
        "{}",
        "[]",
        "0",
        r#""OK""#,
        "null",
        r#"{"VerbaApi":{}}"#,
        r#"{"VerbaApi":null}"#,
        r#"{"VerbaApi":{"Response":null}}"#,
        r#"{"VerbaApi":{"Response":"0"}}"#,
        r#"{"VerbaApi":{"Response":{"type":"DeleteCall"}}}"#,
        r#"{"VerbaApi":{"Response":[{"code":0,"type":"DeleteCall"},{"code":2}]}}"#,
        r#"{"verbaapi":{"response":{"code":0,"type":"DeleteCall"}}}"#,
        r#"{"VerbaApi":{"Result":{"code":0,"type":"DeleteCall"}}}"#,
    ] {
        let error = json(body, 200).expect_err(body);
        assert_eq!(error.code(), ErrorCode::Parse, "{body}: {error:?}");
    }
}

#[test]
fn json_with_a_bom_and_whitespace() {
    let body = "\u{feff}\r\n  {\"VerbaApi\" : {\"Response\" : {\"code\" : 0, \"type\" : \"DeleteCall\"}}}\r\n";
    assert_eq!(json(body, 200).unwrap().code, 0);
}

#[test]
fn json_invalid_is_parse_or_http_error_by_status() {
    for body in [
        "",
        "{",
        r#"{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}"#,
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "OK",
        r#"{"VerbaApi":{"Response":{"code":0,}}}"#,
        "{'VerbaApi':{}}",
    ] {
        let error = json(body, 200).expect_err(body);
        assert_eq!(error.code(), ErrorCode::Parse, "{body:?}");
        assert_eq!(error.http_status(), Some(200));
        assert!(error.message().contains("JSON"), "{}", error.message());

        let error = json(body, 500).expect_err(body);
        assert_eq!(error.code(), ErrorCode::HttpError, "{body:?}");
        assert_eq!(error.http_status(), Some(500));
    }
}

#[test]
fn json_non_2xx_with_a_readable_body_the_body_code_wins() {
    let body = r#"{"VerbaApi":{"Response":{"code":2,"type":"DeleteCall"}}}"#;
    let error = json(body, 404).unwrap_err();
    assert_eq!(error.code(), ErrorCode::CallNotFound);
    assert_eq!(error.http_status(), Some(404));
}

/// A JSON tree of the caller's own, as the browser build provides one from `JSON.parse`.
#[derive(Clone, Debug)]
enum Tree {
    Object(Vec<(&'static str, Tree)>),
    Text(&'static str),
    Number(f64),
}

impl JsonNode for Tree {
    fn member(&self, key: &str) -> Option<Self> {
        match self {
            Tree::Object(members) => members
                .iter()
                .find(|(name, _)| *name == key)
                .map(|(_, value)| value.clone()),
            _ => None,
        }
    }
    fn string(&self) -> Option<String> {
        match self {
            Tree::Text(text) => Some((*text).to_owned()),
            _ => None,
        }
    }
    fn number(&self) -> Option<f64> {
        match self {
            Tree::Number(number) => Some(*number),
            _ => None,
        }
    }
}

#[test]
fn parse_reply_with_uses_the_given_json_parser() {
    let tree = Tree::Object(vec![(
        "VerbaApi",
        Tree::Object(vec![(
            "Response",
            Tree::Object(vec![
                ("code", Tree::Number(5.0)),
                ("type", Tree::Text("DeleteCall")),
                ("ErrorMessage", Tree::Text("Protected.")),
            ]),
        )]),
    )]);
    let mut seen = None;
    let result = parse_reply_with("opaque body", ResponseType::Json, 200, |body| {
        seen = Some(body.to_owned());
        Some(tree)
    });
    assert_eq!(seen.as_deref(), Some("opaque body"));
    assert_eq!(
        api_error(result),
        (ErrorCode::ApiError, 5, Some("Protected.".to_owned()))
    );

    let refused = parse_reply_with("{}", ResponseType::Json, 503, |_| None::<Tree>);
    assert_eq!(code_of(refused), ErrorCode::HttpError);
}

// ---------------------------------------------------------------------------------------------
// TEXT

#[test]
fn text_ok() {
    for body in ["OK", "OK\r\n", "  OK  ", "ok", "Ok\n"] {
        let outcome = text(body, 200).expect(body);
        assert_eq!(outcome.code, 0);
        assert_eq!(outcome.message, None);
        assert_eq!(outcome.response_type, ResponseType::Text);
        assert_eq!(
            outcome.raw.as_deref(),
            Some(body),
            "raw is the body as received"
        );
    }
}

#[test]
fn text_error_2_is_call_not_found() {
    assert_eq!(
        api_error(text("ERROR 2: The call cannot be found.", 200)),
        (
            ErrorCode::CallNotFound,
            2,
            Some("The call cannot be found.".to_owned())
        )
    );
    assert_eq!(
        api_error(text("ERROR 2: The call cannot be found.\r\n", 200)),
        (
            ErrorCode::CallNotFound,
            2,
            Some("The call cannot be found.".to_owned())
        )
    );
}

#[test]
fn text_error_5_is_an_api_error() {
    assert_eq!(
        api_error(text("ERROR 5: The call is protected: do_not_delete.", 200)),
        (
            ErrorCode::ApiError,
            5,
            Some("The call is protected: do_not_delete.".to_owned())
        )
    );
}

#[test]
fn text_error_without_message() {
    assert_eq!(
        api_error(text("ERROR 3", 200)),
        (ErrorCode::ApiError, 3, None)
    );
    assert_eq!(
        api_error(text("ERROR 4:", 200)),
        (ErrorCode::ApiError, 4, None)
    );
    assert_eq!(
        api_error(text("ERROR 4:   ", 200)),
        (ErrorCode::ApiError, 4, None)
    );
}

#[test]
fn text_error_with_a_non_2xx_status_the_body_code_wins() {
    let error = text("ERROR 2: Gone.", 404).unwrap_err();
    assert_eq!(error.code(), ErrorCode::CallNotFound);
    assert_eq!(error.http_status(), Some(404));
}

#[test]
fn other_text_is_raw_with_ok_from_the_status() {
    for body in ["Deleted.", "The call was deleted", "OKAY", "NOT OK"] {
        let outcome = text(body, 200).expect(body);
        assert_eq!(outcome.code, 0);
        assert_eq!(outcome.raw.as_deref(), Some(body));
        assert_eq!(outcome.message, None);

        let error = text(body, 500).expect_err(body);
        assert_eq!(error.code(), ErrorCode::HttpError);
        assert_eq!(error.http_status(), Some(500));
        match error {
            VerbaError::Http { excerpt, .. } => assert_eq!(excerpt, body),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn empty_text_is_a_parse_error_not_a_success() {
    for body in ["", "  ", "\r\n"] {
        let error = text(body, 200).expect_err("an empty reply says nothing");
        assert_eq!(error.code(), ErrorCode::Parse, "{body:?}");
        assert_eq!(text(body, 502).unwrap_err().code(), ErrorCode::HttpError);
    }
}

// ---------------------------------------------------------------------------------------------
// HTML

const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Verba API</title></head><body><p>The call was deleted.</p></body></html>";

#[test]
fn html_is_returned_raw_with_ok_from_the_status() {
    let outcome = html(PAGE, 200).expect("2xx");
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.response_type, ResponseType::Html);
    assert_eq!(outcome.raw.as_deref(), Some(PAGE));
    assert_eq!(outcome.http_status, 200);
    assert_eq!(outcome.message, None);
}

#[test]
fn html_with_a_non_2xx_status_is_an_http_error() {
    for status in [400, 404, 500] {
        let error = html(PAGE, status).unwrap_err();
        assert_eq!(error.code(), ErrorCode::HttpError);
        assert_eq!(error.http_status(), Some(status));
        match error {
            VerbaError::Http { excerpt, .. } => {
                assert!(excerpt.starts_with("<!DOCTYPE html> <html>"), "{excerpt}");
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn html_is_not_read_as_xml() {
    // A VerbaApi document asked for as HTML is still only shown, never interpreted.
    let body = "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"/></VerbaApi>";
    let outcome = html(body, 200).expect("ok from the status");
    assert_eq!(outcome.raw.as_deref(), Some(body));
}

#[test]
fn empty_html_is_a_parse_error_not_a_success() {
    let error = html("", 200).expect_err("an empty page says nothing");
    assert_eq!(error.code(), ErrorCode::Parse);
    assert_eq!(html("", 500).unwrap_err().code(), ErrorCode::HttpError);
}

#[test]
fn text_error_is_read_in_any_letter_case_and_spacing() {
    for body in ["error 2: gone", "Error  2: gone", "ERROR\t2: gone"] {
        let (code, api_code, message) = api_error(text(body, 200));
        assert_eq!((code, api_code), (ErrorCode::CallNotFound, 2), "{body}");
        assert_eq!(message.as_deref(), Some("gone"), "{body}");
    }
    // A word that merely starts like ERROR is other text.
    let other = text("ERRORS: none", 200).expect("other text is raw");
    assert_eq!(other.raw.as_deref(), Some("ERRORS: none"));
}
