//! The one error type: codes, accessors, messages, and keeping secrets out of them.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{KEY, TOKEN, by_call_id, excerpt_of, issues_of, options, valid};
use verba_api::ResponseType::{Html, Json, Text, Xml};
use verba_api::{IssueCode, ResponseType, VerbaError, VerbaErrorCode, redact};

/// A token as real deployments issue them, with characters that form-encoding changes.
const ODD_TOKEN: &str = "Zq9+ab/cd=ef&gh%ij~kl";

fn all_errors() -> Vec<VerbaError> {
    vec![
        VerbaError::Validation {
            issues: issues_of(&options()),
        },
        VerbaError::CallNotFound {
            api_code: 2,
            server_message: Some("Gone.".to_owned()),
            http_status: 200,
        },
        VerbaError::Api {
            api_code: Some(5),
            server_message: Some("Protected.".to_owned()),
            http_status: 200,
        },
        VerbaError::Http {
            http_status: 502,
            excerpt: "Bad Gateway".to_owned(),
        },
        VerbaError::Network {
            detail: "TypeError: Failed to fetch".to_owned(),
            sent: true,
        },
        VerbaError::Timeout { timeout_ms: 5000 },
        VerbaError::Parse {
            reason: "the XML is not well formed.".to_owned(),
            http_status: Some(200),
        },
    ]
}

// ---------------------------------------------------------------------------------------------
// Codes and accessors

#[test]
fn codes_have_the_contract_spelling() {
    for (code, text) in [
        (VerbaErrorCode::Validation, "VALIDATION"),
        (VerbaErrorCode::CallNotFound, "CALL_NOT_FOUND"),
        (VerbaErrorCode::ApiError, "API_ERROR"),
        (VerbaErrorCode::HttpError, "HTTP_ERROR"),
        (VerbaErrorCode::Network, "NETWORK"),
        (VerbaErrorCode::Timeout, "TIMEOUT"),
        (VerbaErrorCode::Parse, "PARSE"),
    ] {
        assert_eq!(code.as_str(), text);
    }
}

#[test]
fn each_variant_has_its_code() {
    let codes: Vec<&str> = all_errors()
        .iter()
        .map(|error| error.code().as_str())
        .collect();
    assert_eq!(
        codes,
        [
            "VALIDATION",
            "CALL_NOT_FOUND",
            "API_ERROR",
            "HTTP_ERROR",
            "NETWORK",
            "TIMEOUT",
            "PARSE"
        ]
    );
}

#[test]
fn api_code_only_for_api_answers() {
    let api_codes: Vec<Option<i64>> = all_errors().iter().map(VerbaError::api_code).collect();
    assert_eq!(api_codes, [None, Some(2), Some(5), None, None, None, None]);
}

#[test]
fn http_status_only_once_an_answer_arrived() {
    let statuses: Vec<Option<u16>> = all_errors().iter().map(VerbaError::http_status).collect();
    assert_eq!(
        statuses,
        [None, Some(200), Some(200), Some(502), None, None, Some(200)]
    );
    let no_status = VerbaError::Parse {
        reason: "x".to_owned(),
        http_status: None,
    };
    assert_eq!(no_status.http_status(), None);
}

#[test]
fn issues_only_for_validation() {
    let errors = all_errors();
    let issues = errors[0].issues();
    assert!(!issues.is_empty());
    assert!(issues.iter().any(|issue| issue.code == IssueCode::Required));
    for error in &errors[1..] {
        assert!(error.issues().is_empty(), "{error:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Messages

#[test]
fn network_message_points_at_cors_and_a_proxy() {
    let error = VerbaError::Network {
        detail: "TypeError: Failed to fetch".to_owned(),
        sent: true,
    };
    let message = error.to_string();
    assert!(message.contains("CORS"), "{message}");
    assert!(message.contains("reverse proxy"), "{message}");
    assert!(message.contains("same-origin"), "{message}");
    assert!(
        message.contains("Failed to fetch"),
        "the browser's words are kept: {message}"
    );

    let bare = VerbaError::Network {
        detail: String::new(),
        sent: true,
    }
    .to_string();
    assert!(bare.contains("CORS"), "{bare}");
    assert!(!bare.contains("()"), "{bare}");
    // Issue 8: the message no longer claims that nothing arrived.
    assert!(!bare.contains("before any answer"), "{bare}");
}

#[test]
fn a_request_that_was_never_sent_says_so() {
    let error = VerbaError::Network {
        detail: "invalid URL".to_owned(),
        sent: false,
    };
    assert!(!error.may_have_deleted());
    let message = error.to_string();
    assert!(
        message.contains("nothing reached the recorder"),
        "{message}"
    );
    assert!(!message.contains("may have deleted"), "{message}");
}

/// Whether the recorder may have deleted the call, for one error of each kind (spec §5,
/// "Honest outcomes"), and the message says so in words exactly when it may have.
#[test]
fn every_error_says_whether_the_call_may_be_gone() {
    let table: [(VerbaError, bool); 9] = [
        (VerbaError::Validation { issues: vec![] }, false),
        (
            VerbaError::CallNotFound {
                api_code: 2,
                server_message: None,
                http_status: 200,
            },
            false,
        ),
        (
            VerbaError::Api {
                api_code: Some(5),
                server_message: None,
                http_status: 200,
            },
            false,
        ),
        (
            VerbaError::Http {
                http_status: 502,
                excerpt: "Bad Gateway".to_owned(),
            },
            true,
        ),
        (
            VerbaError::Redirected {
                http_status: Some(303),
            },
            true,
        ),
        (
            VerbaError::Network {
                detail: String::new(),
                sent: true,
            },
            true,
        ),
        (
            VerbaError::Network {
                detail: String::new(),
                sent: false,
            },
            false,
        ),
        (VerbaError::Timeout { timeout_ms: 10 }, true),
        (
            VerbaError::Parse {
                reason: "cut.".to_owned(),
                http_status: Some(200),
            },
            true,
        ),
    ];
    for (error, may_have_deleted) in table {
        assert_eq!(error.may_have_deleted(), may_have_deleted, "{error:?}");
        let message = error.to_string();
        assert_eq!(
            message.ends_with("The recorder may have deleted the call; check before retrying."),
            may_have_deleted,
            "{message}"
        );
    }
}

#[test]
fn timeout_message_names_the_delay_and_the_uncertainty() {
    let message = VerbaError::Timeout { timeout_ms: 5000 }.to_string();
    assert!(message.contains("5000"), "{message}");
    assert!(message.contains("timeoutMs"), "{message}");
    assert!(message.contains("may have deleted the call"), "{message}");
}

#[test]
fn api_messages_carry_the_code_and_the_server_text() {
    let not_found = VerbaError::CallNotFound {
        api_code: 2,
        server_message: Some("The call cannot be found.".to_owned()),
        http_status: 200,
    }
    .to_string();
    assert!(not_found.contains("API code 2"), "{not_found}");
    assert!(
        not_found.contains("The call cannot be found."),
        "{not_found}"
    );

    let api = VerbaError::Api {
        api_code: Some(5),
        server_message: None,
        http_status: 200,
    }
    .to_string();
    assert!(api.contains("API code 5"), "{api}");
    assert!(api.ends_with('.'), "{api}");

    for (code, text) in [
        (0, "0"),
        (-1, "-1"),
        (1234567890, "1234567890"),
        (i64::MAX, "9223372036854775807"),
        (i64::MIN, "-9223372036854775808"),
    ] {
        let message = VerbaError::Api {
            api_code: Some(code),
            server_message: None,
            http_status: 200,
        }
        .to_string();
        assert!(message.contains(&format!("API code {text})")), "{message}");
    }
}

#[test]
fn an_api_error_without_a_code_says_so_and_has_no_api_code() {
    for (server_message, expected) in [
        (
            Some("Unknown selector.".to_owned()),
            "The recorder refused the request: Unknown selector.",
        ),
        (None, "The recorder refused the request."),
    ] {
        let error = VerbaError::Api {
            api_code: None,
            server_message,
            http_status: 200,
        };
        assert_eq!(error.to_string(), expected);
        assert_eq!(error.api_code(), None);
        assert_eq!(error.code(), VerbaErrorCode::ApiError);
        assert_eq!(error.http_status(), Some(200));
    }
}

#[test]
fn http_and_parse_messages() {
    let http = VerbaError::Http {
        http_status: 502,
        excerpt: "Bad Gateway".to_owned(),
    }
    .to_string();
    assert!(http.contains("HTTP 502"), "{http}");
    assert!(http.contains("Bad Gateway"), "{http}");

    let parse = VerbaError::Parse {
        reason: "the XML is not well formed.".to_owned(),
        http_status: Some(200),
    }
    .to_string();
    assert!(parse.contains("the XML is not well formed."), "{parse}");
}

#[test]
fn validation_message_shows_the_first_issue_and_counts_the_rest() {
    let issues = issues_of(&options().with("callID", "x").with("method", "PUT"));
    assert!(issues.len() >= 3, "{issues:?}");
    let error = VerbaError::Validation {
        issues: issues.clone(),
    };
    let message = error.to_string();
    assert!(message.contains(&issues[0].message), "{message}");
    assert!(
        message.contains(&format!("({} more, see issues)", issues.len() - 1)),
        "{message}"
    );
    let one = VerbaError::Validation {
        issues: vec![issues[0].clone()],
    }
    .to_string();
    assert!(!one.contains("more, see issues"), "{one}");
    let none = VerbaError::Validation { issues: Vec::new() }.to_string();
    assert!(none.contains("no details"), "{none}");
}

#[test]
fn display_is_the_message_and_it_is_a_std_error() {
    for error in all_errors() {
        assert_eq!(error.to_string(), error.to_string());
        assert!(!error.to_string().is_empty());
        let boxed: Box<dyn std::error::Error> = Box::new(error);
        assert!(!boxed.to_string().is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// redact, and secrets scrubbed from what the recorder said

#[test]
fn redact_shows_four_characters_of_long_secrets_only() {
    for (secret, redacted, why) in [
        (KEY.to_owned(), "74c8…REDACTED", "a GUID key"),
        (TOKEN.to_owned(), "0983…REDACTED", "a GUID token"),
        (
            "0123456789abcdef".to_owned(),
            "0123…REDACTED",
            "16 characters",
        ),
        ("0123456789abcde".to_owned(), "REDACTED", "15 characters"),
        ("abc".to_owned(), "REDACTED", "3 characters"),
        (String::new(), "REDACTED", "empty"),
        ("é".repeat(16), "éééé…REDACTED", "counts characters"),
        ("é".repeat(10), "REDACTED", "20 bytes, 10 characters"),
    ] {
        assert_eq!(redact(&secret), redacted, "{why}: {secret:?}");
    }
}

/// The error the reply to a request with [`KEY`] and `token` reads as: secrets are scrubbed
/// from what the recorder said when the error is built.
#[track_caller]
fn answered(body: &str, kind: ResponseType, status: u16, token: Option<&str>) -> VerbaError {
    let mut options = by_call_id().with("responseType", kind.as_str());
    options.set("token", token.unwrap_or(""));
    match valid(&options).read_reply(body, status) {
        Ok(result) => panic!("expected an error, got {result:?} for {kind:?} {status}:\n{body}"),
        Err(error) => error,
    }
}

/// The error for a reply to a request with [`KEY`] and [`ODD_TOKEN`].
#[track_caller]
fn answered_odd(body: &str, kind: ResponseType, status: u16) -> VerbaError {
    answered(body, kind, status, Some(ODD_TOKEN))
}

#[test]
fn plain_and_form_encoded_secrets_are_replaced_by_their_redacted_form() {
    let body = format!(
        "ERROR 4: key {KEY}, token {ODD_TOKEN}, encoded token {}",
        "Zq9%2Bab%2Fcd%3Def%26gh%25ij%7Ekl"
    );
    let error = answered_odd(&body, Text, 200);
    assert_eq!(
        error.to_string(),
        "The recorder refused the credentials (API code 4): \
         key 74c8…REDACTED, token Zq9+…REDACTED, encoded token Zq9+…REDACTED. Check apiKey, \
         and the token (it lasts one hour) or userName and password; nothing was done."
    );
}

#[test]
fn every_occurrence_is_replaced_and_a_request_without_token_hides_only_its_key() {
    let body = format!("ERROR 4: {KEY}/{KEY}/{KEY} {ODD_TOKEN}");
    let message = answered(&body, Text, 200, None).to_string();
    assert!(
        message.contains(&format!(
            ": 74c8…REDACTED/74c8…REDACTED/74c8…REDACTED {ODD_TOKEN}."
        )),
        "{message}"
    );
    let message = answered("ERROR 4: nothing to hide", Text, 200, None).to_string();
    assert!(
        message.contains(": nothing to hide. Check apiKey"),
        "{message}"
    );
}

#[test]
fn secrets_are_scrubbed_from_everything_the_recorder_said() {
    let dirty = |text: &str| format!("{text} {KEY} {ODD_TOKEN} Zq9%2Bab%2Fcd%3Def%26gh%25ij%7Ekl");
    let escaped = |text: String| text.replace('&', "&amp;");
    let errors = [
        answered_odd(&format!("ERROR 2: {}", dirty("no call for key")), Text, 200),
        answered_odd(
            &format!(
                r#"{{"Response":{{"code":4,"ErrorMessage":"{}"}}}}"#,
                dirty("bad token")
            ),
            Json,
            200,
        ),
        answered_odd(&dirty("GET /verba/api?apiKey="), Html, 500),
        answered_odd(
            &format!(
                r#"<VerbaApi><Response code="0" type="{}"/></VerbaApi>"#,
                escaped(dirty("Request"))
            ),
            Xml,
            200,
        ),
    ];
    let codes: Vec<VerbaErrorCode> = errors.iter().map(VerbaError::code).collect();
    assert_eq!(
        codes,
        [
            VerbaErrorCode::CallNotFound,
            VerbaErrorCode::AuthFailed,
            VerbaErrorCode::HttpError,
            VerbaErrorCode::Parse
        ]
    );
    for error in errors {
        let message = error.to_string();
        assert!(!message.contains(KEY), "{message}");
        assert!(!message.contains("eea0-50c6"), "{message}");
        assert!(!message.contains(ODD_TOKEN), "{message}");
        assert!(!message.contains("%2Bab"), "{message}");
        assert!(!message.contains("ij~kl"), "{message}");
        assert!(message.contains("74c8…REDACTED"), "{message}");
        assert!(message.contains("Zq9+…REDACTED"), "{message}");
    }
}

#[test]
fn a_success_message_echoing_the_key_is_scrubbed_too() {
    let body = format!(
        r#"<VerbaApi><Response code="0" type="DeleteCall"><ErrorMessage>Deleted for {KEY}</ErrorMessage></Response></VerbaApi>"#
    );
    let result = valid(&by_call_id())
        .read_reply(&body, 200)
        .expect("a success");
    assert_eq!(result.message.as_deref(), Some("Deleted for 74c8…REDACTED"));
}

#[test]
fn a_server_echoing_the_key_is_scrubbed_after_parsing() {
    let body = format!(
        "<VerbaApi><Response code=\"4\" type=\"DeleteCall\"><ErrorMessage>Unknown API key {KEY} or token {}</ErrorMessage></Response></VerbaApi>",
        "Zq9+ab/cd=ef&amp;gh%ij~kl"
    );
    let error = answered_odd(&body, Xml, 200);
    assert_eq!(error.api_code(), Some(4));
    let message = error.to_string();
    assert!(!message.contains(KEY), "{message}");
    assert!(!message.contains(ODD_TOKEN), "{message}");
    assert!(
        message.contains("Unknown API key 74c8…REDACTED"),
        "{message}"
    );
}

#[test]
fn an_http_error_page_echoing_the_request_is_scrubbed() {
    let body = format!(
        "<html><body>Cannot POST apiKey={KEY}&amp;token=Zq9%2Bab%2Fcd%3Def%26gh%25ij%7Ekl</body></html>"
    );
    let error = answered_odd(&body, Html, 405);
    assert_eq!(error.code(), VerbaErrorCode::HttpError);
    let message = error.to_string();
    assert!(!message.contains(KEY), "{message}");
    assert!(!message.contains("%2Bab"), "{message}");
    assert!(message.contains("405"), "{message}");
}

#[test]
fn a_secret_cut_by_the_excerpt_end_is_not_leaked_in_part() {
    // The excerpt keeps the first 200 characters of the scrubbed body: a key starting at
    // character 170 would be cut after 30 of its 36 characters if the body were cut first.
    for start in [160, 170, 190, 195, 196] {
        let body = format!("{}{KEY} and more text after the key", "x".repeat(start));
        let message = answered(&body, Html, 500, None).to_string();
        assert!(!message.contains("eea0-50c6"), "start {start}: {message}");
        assert!(!message.contains("0-50c6-40b2"), "start {start}: {message}");
        assert!(
            message.contains("xxxx"),
            "the rest of the excerpt stays: {message}"
        );
    }
    // The same for a form-encoded token.
    let body = format!("{}token=Zq9%2Bab%2Fcd%3Def%26gh%25ij%7Ekl", "x".repeat(175));
    let message = answered_odd(&body, Html, 500).to_string();
    assert!(!message.contains("%2Fcd"), "{message}");
}

#[test]
fn a_cut_secret_is_shown_in_its_redacted_form() {
    // The body is scrubbed before it is cut: the 36 characters of the key become the 13 of its
    // redacted form, so nothing is cut here.
    let body = format!("{}{KEY}", "x".repeat(170));
    let excerpt = excerpt_of(answered(&body, Html, 500, None));
    assert_eq!(excerpt, format!("{}74c8…REDACTED", "x".repeat(170)));
    // A redacted form that straddles the 200th character is kept whole.
    let body = format!("{}{KEY} and more", "x".repeat(195));
    let excerpt = excerpt_of(answered(&body, Html, 500, None));
    assert_eq!(excerpt, format!("{}74c8…REDACTED…", "x".repeat(195)));
    // A cut text that merely ends like nothing secret is left alone.
    let body = "y".repeat(300);
    let excerpt = excerpt_of(answered(&body, Html, 500, None));
    assert_eq!(excerpt, format!("{}…", "y".repeat(200)));
}

#[test]
fn a_secret_echoed_in_another_letter_case_or_with_lower_case_hex_is_scrubbed() {
    let upper_key = KEY.to_uppercase();
    let body = format!("ERROR 4: key {upper_key}, token Zq9%2bab%2fcd%3def%26gh%25ij%7ekl");
    let message = answered_odd(&body, Text, 200).to_string();
    assert!(!message.to_lowercase().contains(KEY), "{message}");
    assert!(!message.contains("%2bab"), "{message}");
    assert!(message.contains("key 74c8…REDACTED"), "{message}");
    assert!(message.contains("token Zq9+…REDACTED"), "{message}");
    // Cut by the excerpt's end, in upper case.
    let body = format!("{}{upper_key} and more", "x".repeat(190));
    let excerpt = excerpt_of(answered(&body, Html, 500, None));
    assert_eq!(excerpt, format!("{}74c8…REDACTED…", "x".repeat(190)));
}

#[test]
fn debug_output_of_what_holds_credentials_redacts_them() {
    let options = by_call_id().with("method", "GET");
    let params = valid(&options);
    let request = verba_api::build_delete_call_request(&params);
    let checked = Ok(params.clone());
    let report = verba_api::ValidationReport::from(&checked);
    for shown in [
        format!("{options:?}"),
        format!("{params:?}"),
        format!("{request:?}"),
        format!("{report:?}"),
    ] {
        assert!(!shown.contains(KEY), "{shown}");
        assert!(!shown.contains(TOKEN), "{shown}");
        assert!(shown.contains("74c8…REDACTED"), "{shown}");
    }
}

#[test]
fn a_long_server_message_is_cut_in_the_message_and_kept_whole_in_the_error() {
    let long = "é".repeat(5_000);
    let error = VerbaError::Api {
        api_code: Some(5),
        server_message: Some(long.clone()),
        http_status: 200,
    };
    let message = error.to_string();
    assert!(
        message.ends_with(&format!(": {}…", "é".repeat(1000))),
        "cut after 1000 characters"
    );
    assert!(message.chars().count() < 1100);
    match error {
        VerbaError::Api { server_message, .. } => assert_eq!(server_message, Some(long)),
        _ => unreachable!(),
    }
    // A message within the bound is shown whole.
    let short = VerbaError::Api {
        api_code: Some(5),
        server_message: Some("é".repeat(1000)),
        http_status: 200,
    };
    assert!(!short.to_string().contains('…'));
}
