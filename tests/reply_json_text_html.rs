//! JSON, TEXT and HTML replies (spec section 4, project decisions).
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{api_error, api_errors, api_parts, excerpt_of, failure, parse_reason, success};
use verba_api::ResponseType::{Html, Json, Text};
use verba_api::{ResponseType, VerbaErrorCode};

// ---------------------------------------------------------------------------------------------
// JSON

#[test]
fn json_canonical_success() {
    let outcome = success(
        r#"{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}"#,
        Json,
        200,
    );
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.message, None);
    assert_eq!(outcome.response_type, ResponseType::Json);
    assert_eq!(outcome.http_status, 200);
    assert_eq!(outcome.raw, None, "raw is for TEXT and HTML only");
}

api_errors! {
    json_canonical_errors:
        Json(r#"{"VerbaApi":{"Response":{"code":2,"type":"DeleteCall","ErrorMessage":"The call cannot be found."}}}"#)
            => (CallNotFound, 2, Some("The call cannot be found.")),
        Json(r#"{"VerbaApi":{"Response":{"code":5,"type":"DeleteCall","ErrorMessage":"  Protected.  "}}}"#)
            => (ApiError, 5, Some("Protected.")),
        Json(r#"{"VerbaApi":{"Response":{"code":3,"type":"DeleteCall","ErrorMessage":""}}}"#)
            => (ApiError, 3, None);
    json_whole_number_floats_are_integers:
        Json(r#"{"VerbaApi":{"Response":{"code":2.0,"type":"DeleteCall"}}}"#) => (CallNotFound, 2, None);
    json_negative_codes_are_api_errors:
        Json(r#"{"VerbaApi":{"Response":{"code":-1,"type":"DeleteCall","ErrorMessage":"Unexpected error."}}}"#)
            => (ApiError, -1, Some("Unexpected error.")),
        Json(r#"{"VerbaApi":{"Response":{"code":"-43","type":"DeleteCall"}}}"#) => (AuthFailed, -43, None),
        Json(r#"{"VerbaData":{"Response":{"@code":-20}}}"#) => (ApiError, -20, None),
        Json(r#"{"Response":{"code":-40.0}}"#) => (AuthFailed, -40, None),
        Json(r#"{"Response":{"code":-9007199254740991}}"#) => (ApiError, -9_007_199_254_740_991, None);
    json_error_message_as_an_object_with_text:
        Json(r##"{"VerbaApi":{"Response":{"code":5,"type":"DeleteCall","ErrorMessage":{"@description":"Error","#text":"Protected."}}}}"##)
            => (ApiError, 5, Some("Protected."));
}

#[test]
fn json_code_as_a_numeric_string() {
    for code in [r#""0""#, r#"" 0 ""#, r#""+0""#] {
        let body =
            format!(r#"{{"VerbaApi":{{"Response":{{"code":{code},"type":"DeleteCall"}}}}}}"#);
        assert_eq!(success(&body, Json, 200).code, 0, "{code}");
    }
    let body = r#"{"VerbaApi":{"Response":{"code":"2","type":"DeleteCall"}}}"#;
    assert_eq!(api_error(body, Json, 200).0, VerbaErrorCode::CallNotFound);
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
        let error = failure(&body, Json, 200);
        assert_eq!(error.code(), VerbaErrorCode::Parse, "{code}: {error:?}");
    }
}

#[test]
fn json_attribute_keys_prefixed_with_at() {
    let ok = r#"{"VerbaApi":{"Response":{"@code":"0","@type":"DeleteCall"}}}"#;
    assert_eq!(success(ok, Json, 200).code, 0);
    let other = r#"{"VerbaApi":{"Response":{"@code":0,"@type":"GetCallID"}}}"#;
    assert_eq!(failure(other, Json, 200).code(), VerbaErrorCode::Parse);
    let error = r#"{"VerbaApi":{"Response":{"@code":"4","@type":"DeleteCall","ErrorMessage":"Token expired."}}}"#;
    assert_eq!(
        api_error(error, Json, 200),
        (
            VerbaErrorCode::AuthFailed,
            Some(4),
            Some("Token expired.".to_owned())
        )
    );
}

#[test]
fn json_without_the_wrapper() {
    let ok = r#"{"Response":{"code":0,"type":"DeleteCall"}}"#;
    assert_eq!(success(ok, Json, 200).code, 0);
    let error = r#"{"Response":{"code":2,"ErrorMessage":"Gone."}}"#;
    assert_eq!(
        api_error(error, Json, 200),
        (
            VerbaErrorCode::CallNotFound,
            Some(2),
            Some("Gone.".to_owned())
        )
    );
}

#[test]
fn json_success_of_another_action_is_a_parse_error() {
    for kind in ["GetCallID", "deletecall"] {
        let body = format!(r#"{{"VerbaApi":{{"Response":{{"code":0,"type":"{kind}"}}}}}}"#);
        let error = failure(&body, Json, 200);
        assert_eq!(error.code(), VerbaErrorCode::Parse);
        assert!(error.to_string().contains(kind), "{}", error.to_string());
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
        let error = failure(body, Json, 200);
        assert_eq!(error.code(), VerbaErrorCode::Parse, "{body}: {error:?}");
    }
}

#[test]
fn json_with_a_bom_and_whitespace() {
    let body = "\u{feff}\r\n  {\"VerbaApi\" : {\"Response\" : {\"code\" : 0, \"type\" : \"DeleteCall\"}}}\r\n";
    assert_eq!(success(body, Json, 200).code, 0);
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
        let error = failure(body, Json, 200);
        assert_eq!(error.code(), VerbaErrorCode::Parse, "{body:?}");
        assert_eq!(error.http_status(), Some(200));
        assert!(error.to_string().contains("JSON"), "{}", error.to_string());

        let error = failure(body, Json, 500);
        assert_eq!(error.code(), VerbaErrorCode::HttpError, "{body:?}");
        assert_eq!(error.http_status(), Some(500));
    }
}

#[test]
fn json_non_2xx_with_a_readable_body_the_body_code_wins() {
    let body = r#"{"VerbaApi":{"Response":{"code":2,"type":"DeleteCall"}}}"#;
    let error = failure(body, Json, 404);
    assert_eq!(error.code(), VerbaErrorCode::CallNotFound);
    assert_eq!(error.http_status(), Some(404));
}

#[test]
fn json_a_key_given_twice_is_refused_because_json_parse_would_hide_one() {
    for body in [
        r#"{"Response":{"code":0,"code":5}}"#,
        r#"{"Response":{"code":2,"code":0}}"#,
        r#"{"Response":{"code":0,"@code":2}}"#,
        r#"{"VerbaApi":{"Response":{"code":0}},"VerbaData":{"Response":{"code":2}}}"#,
    ] {
        let reason = parse_reason(body, Json, 200);
        assert!(
            reason.contains("twice") || reason.contains("both"),
            "{body}: {reason}"
        );
    }
}

#[test]
fn json_verba_data_is_read_like_verba_api_and_minus_50_is_call_not_found() {
    let outcome = success(
        r#"{"VerbaData":{"Response":{"code":0,"type":"DeleteCall"}}}"#,
        Json,
        200,
    );
    assert_eq!(outcome.code, 0);
    let error = failure(r#"{"VerbaData":{"Response":{"code":-50}}}"#, Json, 200);
    assert_eq!(
        api_parts(&error),
        Some((VerbaErrorCode::CallNotFound, Some(-50), None))
    );
    assert!(error.to_string().contains("API code -50"), "{error}");
}

#[test]
fn json_that_is_not_json_with_a_non_2xx_status_is_an_http_error() {
    let refused = failure("{", Json, 503);
    assert_eq!(refused.code(), VerbaErrorCode::HttpError);
}

// ---------------------------------------------------------------------------------------------
// TEXT

#[test]
fn text_ok() {
    for body in ["OK", "OK\r\n", "  OK  ", "ok", "Ok\n"] {
        let outcome = success(body, Text, 200);
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

api_errors! {
    text_error_2_is_call_not_found:
        Text("ERROR 2: The call cannot be found.") => (CallNotFound, 2, Some("The call cannot be found.")),
        Text("ERROR 2: The call cannot be found.\r\n") => (CallNotFound, 2, Some("The call cannot be found."));
    text_error_5_is_an_api_error:
        Text("ERROR 5: The call is protected: do_not_delete.")
            => (ApiError, 5, Some("The call is protected: do_not_delete."));
    text_error_without_message:
        Text("ERROR 3") => (ApiError, 3, None),
        Text("ERROR 4:") => (AuthFailed, 4, None),
        Text("ERROR 4:   ") => (AuthFailed, 4, None);
}

#[test]
fn text_error_with_a_non_2xx_status_the_body_code_wins() {
    let error = failure("ERROR 2: Gone.", Text, 404);
    assert_eq!(error.code(), VerbaErrorCode::CallNotFound);
    assert_eq!(error.http_status(), Some(404));
}

#[test]
fn other_text_is_raw_with_ok_from_the_status() {
    for body in ["Deleted.", "The call was deleted", "OKAY", "NOT OK"] {
        let outcome = success(body, Text, 200);
        assert_eq!(outcome.code, 0);
        assert_eq!(outcome.raw.as_deref(), Some(body));
        assert_eq!(outcome.message, None);

        let error = failure(body, Text, 500);
        assert_eq!(error.code(), VerbaErrorCode::HttpError);
        assert_eq!(error.http_status(), Some(500));
        assert_eq!(excerpt_of(error), body);
    }
}

#[test]
fn empty_text_is_a_parse_error_not_a_success() {
    for body in ["", "  ", "\r\n"] {
        // An empty reply says nothing.
        assert_eq!(
            failure(body, Text, 200).code(),
            VerbaErrorCode::Parse,
            "{body:?}"
        );
        assert_eq!(failure(body, Text, 502).code(), VerbaErrorCode::HttpError);
    }
}

// ---------------------------------------------------------------------------------------------
// HTML

const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Verba API</title></head><body><p>The call was deleted.</p></body></html>";

#[test]
fn html_is_returned_raw_with_ok_from_the_status() {
    let outcome = success(PAGE, Html, 200);
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.response_type, ResponseType::Html);
    assert_eq!(outcome.raw.as_deref(), Some(PAGE));
    assert_eq!(outcome.http_status, 200);
    assert_eq!(outcome.message, None);
}

#[test]
fn html_with_a_non_2xx_status_is_an_http_error() {
    for status in [400, 404, 500] {
        let error = failure(PAGE, Html, status);
        assert_eq!(error.code(), VerbaErrorCode::HttpError);
        assert_eq!(error.http_status(), Some(status));
        let excerpt = excerpt_of(error);
        assert!(excerpt.starts_with("<!DOCTYPE html> <html>"), "{excerpt}");
    }
}

#[test]
fn html_is_not_read_as_xml() {
    // A VerbaApi document asked for as HTML is still only shown, never interpreted.
    let body = "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"/></VerbaApi>";
    let outcome = success(body, Html, 200); // ok from the status
    assert_eq!(outcome.raw.as_deref(), Some(body));
}

#[test]
fn empty_html_is_a_parse_error_not_a_success() {
    // An empty page says nothing.
    assert_eq!(failure("", Html, 200).code(), VerbaErrorCode::Parse);
    assert_eq!(failure("", Html, 500).code(), VerbaErrorCode::HttpError);
}

#[test]
fn text_error_is_read_in_any_letter_case_and_spacing() {
    for body in ["error 2: gone", "Error  2: gone", "ERROR\t2: gone"] {
        let (code, api_code, message) = api_error(body, Text, 200);
        assert_eq!(
            (code, api_code),
            (VerbaErrorCode::CallNotFound, Some(2)),
            "{body}"
        );
        assert_eq!(message.as_deref(), Some("gone"), "{body}");
    }
    // A word that merely starts like ERROR is other text.
    let other = success("ERRORS: none", Text, 200); // other text is raw
    assert_eq!(other.raw.as_deref(), Some("ERRORS: none"));
}

#[test]
fn json_members_beside_the_envelope_are_accepted_wherever_json_parse_accepts_them() {
    let deep = format!("{}0{}", r#"{"a":"#.repeat(300), "}".repeat(300));
    for extra in [
        deep.as_str(),
        "1e400",
        r#""\ud800""#,
        r#"[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]"#,
    ] {
        let body = format!(
            r#"{{"VerbaApi":{{"Response":{{"code":0,"type":"DeleteCall","x":{extra}}},"y":{extra}}}}}"#
        );
        let outcome = success(&body, Json, 200);
        assert_eq!(outcome.code, 0, "{extra}");
    }
    // What is read is held to JSON: a body that is not JSON stays refused.
    assert_eq!(
        failure(r#"{"Response":{"code":0},"x":[}"#, Json, 200).code(),
        VerbaErrorCode::Parse
    );
}
