//! The one error type: codes, accessors, messages, and keeping secrets out of them.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{KEY, TOKEN, excerpt_of, failure, issues_of, options};
use verba_api::ResponseType::{Html, Xml};
use verba_api::{ErrorCode, IssueCode, REDACTED, ValidationIssue, VerbaError, redact, scrub};

/// A token as real deployments issue them, with characters that form-encoding changes.
const ODD_TOKEN: &str = "Zq9+ab/cd=ef&gh%ij~kl";

fn all_errors() -> Vec<VerbaError> {
    vec![
        VerbaError::Validation {
            issues: issues_of(&options()),
        },
        VerbaError::CallNotFound {
            server_message: Some("Gone.".to_owned()),
            http_status: 200,
        },
        VerbaError::Api {
            api_code: 5,
            server_message: Some("Protected.".to_owned()),
            http_status: 200,
        },
        VerbaError::Http {
            http_status: 502,
            excerpt: "Bad Gateway".to_owned(),
        },
        VerbaError::Network {
            detail: "TypeError: Failed to fetch".to_owned(),
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
        (ErrorCode::Validation, "VALIDATION"),
        (ErrorCode::CallNotFound, "CALL_NOT_FOUND"),
        (ErrorCode::ApiError, "API_ERROR"),
        (ErrorCode::HttpError, "HTTP_ERROR"),
        (ErrorCode::Network, "NETWORK"),
        (ErrorCode::Timeout, "TIMEOUT"),
        (ErrorCode::Parse, "PARSE"),
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
    };
    let message = error.message();
    assert!(message.contains("CORS"), "{message}");
    assert!(message.contains("reverse proxy"), "{message}");
    assert!(message.contains("same-origin"), "{message}");
    assert!(
        message.contains("Failed to fetch"),
        "the browser's words are kept: {message}"
    );

    let bare = VerbaError::Network {
        detail: String::new(),
    }
    .message();
    assert!(bare.contains("CORS"), "{bare}");
    assert!(!bare.contains("()"), "{bare}");
}

#[test]
fn timeout_message_names_the_delay_and_the_uncertainty() {
    let message = VerbaError::Timeout { timeout_ms: 5000 }.message();
    assert!(message.contains("5000"), "{message}");
    assert!(message.contains("timeoutMs"), "{message}");
    assert!(message.contains("may or may not"), "{message}");
}

#[test]
fn api_messages_carry_the_code_and_the_server_text() {
    let not_found = VerbaError::CallNotFound {
        server_message: Some("The call cannot be found.".to_owned()),
        http_status: 200,
    }
    .message();
    assert!(not_found.contains("API code 2"), "{not_found}");
    assert!(
        not_found.contains("The call cannot be found."),
        "{not_found}"
    );

    let api = VerbaError::Api {
        api_code: 5,
        server_message: None,
        http_status: 200,
    }
    .message();
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
            api_code: code,
            server_message: None,
            http_status: 200,
        }
        .message();
        assert!(message.contains(&format!("API code {text})")), "{message}");
    }
}

#[test]
fn http_and_parse_messages() {
    let http = VerbaError::Http {
        http_status: 502,
        excerpt: "Bad Gateway".to_owned(),
    }
    .message();
    assert!(http.contains("HTTP 502"), "{http}");
    assert!(http.contains("Bad Gateway"), "{http}");

    let parse = VerbaError::Parse {
        reason: "the XML is not well formed.".to_owned(),
        http_status: Some(200),
    }
    .message();
    assert!(parse.contains("the XML is not well formed."), "{parse}");
}

#[test]
fn validation_message_shows_the_first_issue_and_counts_the_rest() {
    let issues = issues_of(&options().with("callID", "x").with("method", "PUT"));
    assert!(issues.len() >= 3, "{issues:?}");
    let error = VerbaError::Validation {
        issues: issues.clone(),
    };
    let message = error.message();
    assert!(message.contains(&issues[0].message), "{message}");
    assert!(
        message.contains(&format!("({} more, see issues)", issues.len() - 1)),
        "{message}"
    );
    let one = VerbaError::Validation {
        issues: vec![issues[0].clone()],
    }
    .message();
    assert!(!one.contains("more in"), "{one}");
    let none = VerbaError::Validation { issues: Vec::new() }.message();
    assert!(none.contains("no details"), "{none}");
}

#[test]
fn display_is_the_message_and_it_is_a_std_error() {
    for error in all_errors() {
        assert_eq!(error.to_string(), error.message());
        assert!(!error.message().is_empty());
        let boxed: Box<dyn std::error::Error> = Box::new(error);
        assert!(!boxed.to_string().is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// redact and scrub

#[test]
fn redact_shows_four_characters_of_long_secrets_only() {
    assert_eq!(REDACTED, "REDACTED");
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

#[test]
fn scrub_replaces_plain_and_form_encoded_secrets() {
    let text = format!(
        "key {KEY}, token {ODD_TOKEN}, encoded token {}",
        "Zq9%2Bab%2Fcd%3Def%26gh%25ij%7Ekl"
    );
    let clean = scrub(&text, &[KEY, ODD_TOKEN]);
    assert_eq!(
        clean,
        "key 74c8…REDACTED, token Zq9+…REDACTED, encoded token Zq9+…REDACTED"
    );
}

#[test]
fn scrub_replaces_every_occurrence_and_ignores_empty_secrets() {
    let text = format!("{KEY}/{KEY}/{KEY}");
    assert_eq!(
        scrub(&text, &[KEY, ""]),
        "74c8…REDACTED/74c8…REDACTED/74c8…REDACTED"
    );
    assert_eq!(scrub("nothing to hide", &[""]), "nothing to hide");
    assert_eq!(scrub("nothing to hide", &[]), "nothing to hide");
}

#[test]
fn scrubbed_removes_secrets_from_everything_the_server_or_browser_said() {
    let dirty = |text: &str| format!("{text} {KEY} {ODD_TOKEN} Zq9%2Bab%2Fcd%3Def%26gh%25ij%7Ekl");
    let errors = vec![
        VerbaError::CallNotFound {
            server_message: Some(dirty("no call for key")),
            http_status: 200,
        },
        VerbaError::Api {
            api_code: 4,
            server_message: Some(dirty("bad token")),
            http_status: 200,
        },
        VerbaError::Http {
            http_status: 500,
            excerpt: dirty("GET /verba/api?apiKey="),
        },
        VerbaError::Network {
            detail: dirty("fetch failed"),
        },
        VerbaError::Parse {
            reason: dirty("the reply reports success for action"),
            http_status: Some(200),
        },
    ];
    for error in errors {
        let code = error.code();
        let clean = error.scrubbed(&[KEY, ODD_TOKEN]);
        assert_eq!(clean.code(), code);
        let message = clean.message();
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
fn scrubbed_keeps_errors_without_outside_text() {
    let timeout = VerbaError::Timeout { timeout_ms: 1000 };
    assert_eq!(timeout.clone().scrubbed(&[KEY]), timeout);
    let issues = vec![ValidationIssue {
        field: "apiKey".to_owned(),
        code: IssueCode::InvalidGuid,
        message: "apiKey must be a GUID.".to_owned(),
    }];
    let validation = VerbaError::Validation { issues };
    assert_eq!(validation.clone().scrubbed(&[KEY]), validation);
    let silent = VerbaError::Api {
        api_code: 3,
        server_message: None,
        http_status: 200,
    };
    assert_eq!(silent.clone().scrubbed(&[KEY]), silent);
}

#[test]
fn a_server_echoing_the_key_is_scrubbed_after_parsing() {
    let body = format!(
        "<VerbaApi><Response code=\"4\" type=\"DeleteCall\"><ErrorMessage>Unknown API key {KEY} or token {}</ErrorMessage></Response></VerbaApi>",
        "Zq9+ab/cd=ef&amp;gh%ij~kl"
    );
    let error = failure(&body, Xml, 200).scrubbed(&[KEY, ODD_TOKEN]);
    assert_eq!(error.api_code(), Some(4));
    let message = error.message();
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
    let error = failure(&body, Html, 405).scrubbed(&[KEY, ODD_TOKEN]);
    assert_eq!(error.code(), ErrorCode::HttpError);
    let message = error.message();
    assert!(!message.contains(KEY), "{message}");
    assert!(!message.contains("%2Bab"), "{message}");
    assert!(message.contains("405"), "{message}");
}

#[test]
fn a_secret_cut_by_the_excerpt_end_is_not_leaked_in_part() {
    // The excerpt keeps the first 200 characters; a key starting at character 170 is cut after
    // 30 of its 36 characters, before `scrubbed` sees it. Those 30 must not survive either.
    for start in [160, 170, 190, 195, 196] {
        let body = format!("{}{KEY} and more text after the key", "x".repeat(start));
        let message = failure(&body, Html, 500).scrubbed(&[KEY]).message();
        assert!(!message.contains("eea0-50c6"), "start {start}: {message}");
        assert!(!message.contains("0-50c6-40b2"), "start {start}: {message}");
        assert!(
            message.contains("xxxx"),
            "the rest of the excerpt stays: {message}"
        );
    }
    // The same for a form-encoded token.
    let body = format!("{}token=Zq9%2Bab%2Fcd%3Def%26gh%25ij%7Ekl", "x".repeat(175));
    let message = failure(&body, Html, 500).scrubbed(&[ODD_TOKEN]).message();
    assert!(!message.contains("%2Fcd"), "{message}");
}

#[test]
fn a_cut_secret_is_shown_in_its_redacted_form() {
    let body = format!("{}{KEY}", "x".repeat(170));
    let excerpt = excerpt_of(failure(&body, Html, 500).scrubbed(&[KEY]));
    assert_eq!(excerpt, format!("{}74c8…REDACTED…", "x".repeat(170)));
    // A cut text that merely ends like nothing secret is left alone.
    let body = "y".repeat(300);
    let excerpt = excerpt_of(failure(&body, Html, 500).scrubbed(&[KEY]));
    assert_eq!(excerpt, format!("{}…", "y".repeat(200)));
}
