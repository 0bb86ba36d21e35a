//! TEXT replies that say `ERROR` (spec section 4, "Strictness that protects the caller"): a body
//! whose first word is `ERROR`, in any letter case, is never a success, whatever follows; and a
//! TEXT or HTML body that holds nothing but a BOM and whitespace is empty.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{api_error, api_errors, failure, parse_reason, success};
use verba_api::ResponseType::{Html, Text};
use verba_api::VerbaErrorCode;

// ---------------------------------------------------------------------------------------------
// The known form, `ERROR <code>: <message>`: the code decides

api_errors! {
    the_known_form_with_code_2_or_minus_50_is_call_not_found:
        Text("ERROR 2: The call cannot be found.") => (CallNotFound, 2, Some("The call cannot be found.")),
        Text("ERROR -50: No such call.") => (CallNotFound, -50, Some("No such call.")),
        Text("error 2: gone") => (CallNotFound, 2, Some("gone")),
        Text("ERROR\t2 : gone") => (CallNotFound, 2, Some("gone")),
        Text("\u{feff}ERROR 2: gone\r\n") => (CallNotFound, 2, Some("gone"));
    the_known_form_with_another_code_is_an_api_error_with_that_code:
        Text("ERROR 5: Protected.") => (ApiError, 5, Some("Protected.")),
        Text("ERROR -1: Unexpected error.") => (ApiError, -1, Some("Unexpected error.")),
        Text("ERROR +4: Token expired.") => (AuthFailed, 4, Some("Token expired.")),
        Text("ERROR 3") => (ApiError, 3, None),
        Text("ERROR 3:") => (ApiError, 3, None),
        Text("ERROR 1: a: b: c") => (ApiError, 1, Some("a: b: c")),
        Text("ERROR 1: line one\nline two") => (ApiError, 1, Some("line one\nline two"));
}

#[test]
fn error_with_code_0_is_no_success_but_a_parse_error() {
    // ERROR and the code of success contradict each other: the reply is unreadable.
    for body in [
        "error 0: x",
        "ERROR 0",
        "ERROR 0: fine",
        "Error -0: x",
        "ERROR +0:",
    ] {
        let reason = parse_reason(body, Text, 200);
        assert!(reason.contains("ERROR"), "{body}: {reason}");
    }
    // Unreadable with an error status: HTTP_ERROR, as for any unreadable body.
    assert_eq!(
        failure("ERROR 0: x", Text, 500).code(),
        VerbaErrorCode::HttpError
    );
}

// ---------------------------------------------------------------------------------------------
// ERROR without a readable code: an API error without apiCode, never a success

api_errors! {
    error_without_a_readable_code_is_an_api_error_without_a_code:
        Text("ERROR") => (ApiError, None, None),
        Text("error") => (ApiError, None, None),
        Text("ERROR:") => (ApiError, None, None),
        Text("ERROR: msg") => (ApiError, None, Some("msg")),
        Text("ERROR:msg") => (ApiError, None, Some("msg")),
        Text("ERROR x: msg") => (ApiError, None, Some("x: msg")),
        Text("ERROR\n2: msg") => (ApiError, None, Some("2: msg")),
        Text("ERROR \n2: msg") => (ApiError, None, Some("2: msg")),
        Text("ERROR 2\n: msg") => (ApiError, None, Some("2\n: msg")),
        Text("ERROR 2 3: msg") => (ApiError, None, Some("2 3: msg")),
        Text("ERROR 1.0: msg") => (ApiError, None, Some("1.0: msg")),
        Text("ERROR 99999999999999999999: msg") => (ApiError, None, Some("99999999999999999999: msg")),
        Text("ERROR : msg") => (ApiError, None, Some("msg")),
        Text("ERROR the call is protected") => (ApiError, None, Some("the call is protected")),
        Text("ERROR-1: msg") => (ApiError, None, Some("-1: msg")),
        Text("Error!") => (ApiError, None, Some("!")),
        Text("ERROR_42") => (ApiError, None, Some("_42")),
        Text("ERRORé") => (ApiError, None, Some("é")),
        Text("  \u{feff}\r\nERROR\r\n") => (ApiError, None, None);
}

#[test]
fn an_api_error_without_a_code_says_the_server_message_and_no_code() {
    let error = failure("ERROR: The call is protected.", Text, 200);
    assert_eq!(error.api_code(), None);
    assert_eq!(
        error.to_string(),
        "The recorder refused the request: The call is protected."
    );
    let bare = failure("ERROR", Text, 200);
    assert_eq!(bare.to_string(), "The recorder refused the request.");
}

#[test]
fn error_with_an_error_status_keeps_the_status() {
    for status in [200, 404, 500] {
        let (code, api_code, _) = api_error("ERROR x: refused", Text, status);
        assert_eq!(
            (code, api_code),
            (VerbaErrorCode::ApiError, None),
            "{status}"
        );
        assert_eq!(
            failure("ERROR x: refused", Text, status).http_status(),
            Some(status)
        );
    }
}

#[test]
fn a_word_that_merely_starts_like_error_is_other_text() {
    for body in [
        "ERRORS: none",
        "Errors",
        "ERROR2: x",
        "errorless",
        "ERR 2: x",
        "OK ERROR",
    ] {
        let outcome = success(body, Text, 200); // other text: raw, ok from the status
        assert_eq!(outcome.raw.as_deref(), Some(body));
    }
    // ERROR as a later word is other text too.
    assert!(success("No ERROR", Text, 200).raw.is_some());
}

#[test]
fn ok_stays_a_success_in_any_letter_case_after_a_bom() {
    for body in ["OK", "ok", "oK", "\u{feff}OK", " \u{feff}Ok\r\n"] {
        assert_eq!(success(body, Text, 200).code, 0, "{body:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Empty: a BOM and whitespace say nothing, for TEXT and HTML alike

#[test]
fn a_body_of_only_bom_and_whitespace_is_empty_for_text_and_html() {
    for kind in [Text, Html] {
        for body in [
            "",
            " ",
            "\r\n",
            "\u{feff}",
            "\u{feff}\u{feff}",
            " \u{feff}\n\t",
        ] {
            let reason = parse_reason(body, kind, 200);
            assert_eq!(reason, "the reply is empty.", "{kind:?} {body:?}");
            assert_eq!(
                failure(body, kind, 503).code(),
                VerbaErrorCode::HttpError,
                "{kind:?} {body:?}"
            );
        }
    }
}
