//! The issue codes and messages of validation: the contract's spelling of every code, one
//! request reaching each, messages that name the option and the fix, and the promise that no
//! message ever contains a secret.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{
    CALL, HOST, KEY, Options, TOKEN, by_call_id, connection, issues_of, options, pairs,
    parameter_issues,
};
use proptest::prelude::*;
use verba_api::{IssueCode, VerbaError};

// ---------------------------------------------------------------------------------------------
// The codes themselves

#[test]
fn issue_codes_have_the_contract_spelling() {
    let expected = [
        (IssueCode::Required, "required"),
        (IssueCode::MissingSelector, "missing_selector"),
        (IssueCode::ConflictingSelectors, "conflicting_selectors"),
        (
            IssueCode::ExtensionRequiresStatus,
            "extension_requires_status",
        ),
        (
            IssueCode::StatusWithoutExtension,
            "status_without_extension",
        ),
        (IssueCode::InvalidGuid, "invalid_guid"),
        (IssueCode::InvalidToken, "invalid_token"),
        (IssueCode::InvalidExtension, "invalid_extension"),
        (IssueCode::InvalidStatus, "invalid_status"),
        (IssueCode::InvalidValue, "invalid_value"),
        (IssueCode::InvalidResponseType, "invalid_response_type"),
        (IssueCode::InvalidMethod, "invalid_method"),
        (IssueCode::InvalidBaseUrl, "invalid_base_url"),
        (IssueCode::InsecureUrl, "insecure_url"),
        (IssueCode::UrlTooLong, "url_too_long"),
        (IssueCode::UnknownOption, "unknown_option"),
        (IssueCode::InvalidType, "invalid_type"),
    ];
    for (code, text) in expected {
        assert_eq!(code.as_str(), text);
    }
}

/// One set of options per issue code; together they must reach every code the contract lists.
fn one_scenario_per_code() -> Vec<(&'static str, Options<'static>)> {
    vec![
        (
            "required",
            options().with("baseUrl", HOST).with("callID", CALL),
        ),
        ("missing_selector", connection()),
        (
            "conflicting_selectors",
            by_call_id().with("meetingID", "WHBFM6DD"),
        ),
        (
            "extension_requires_status",
            connection().with("extension", "8856"),
        ),
        (
            "status_without_extension",
            by_call_id().with("status", "last"),
        ),
        ("invalid_guid", connection().with("callID", "not-a-guid")),
        ("invalid_token", by_call_id().with("token", "has space")),
        (
            "invalid_extension",
            connection()
                .with("extension", "88x56")
                .with("status", "last"),
        ),
        (
            "invalid_status",
            connection()
                .with("extension", "8856")
                .with("status", "first"),
        ),
        ("invalid_value", connection().with("nativeID", " padded")),
        (
            "invalid_response_type",
            by_call_id().with("responseType", "YAML"),
        ),
        ("invalid_method", by_call_id().with("method", "DELETE")),
        (
            "invalid_base_url",
            by_call_id().with("baseUrl", "recorder.example.com"),
        ),
        (
            "insecure_url",
            by_call_id().with("baseUrl", "http://recorder.example.com"),
        ),
        (
            "url_too_long",
            by_call_id().with("method", "GET").with(
                "baseUrl",
                format!("https://recorder.example.com/{}", "p".repeat(4000)),
            ),
        ),
        ("unknown_option", by_call_id().with("callId", CALL)),
        ("invalid_type", by_call_id().with("timeoutMs", "30000")),
    ]
}

#[test]
fn every_issue_code_is_reachable_through_validate() {
    let mut reached = Vec::new();
    for (code, options) in one_scenario_per_code() {
        let issues = issues_of(&options);
        assert!(
            issues.iter().any(|issue| issue.code.as_str() == code),
            "scenario for {code} gave {:?}",
            pairs(&issues)
        );
        reached.push(code);
    }
    // Every code of the contract, each exactly once.
    reached.sort_unstable();
    let mut all: Vec<&str> = IssueCode::ALL.map(IssueCode::as_str).to_vec();
    all.sort_unstable();
    assert_eq!(reached, all, "one scenario per contract code");
}

#[test]
fn every_message_names_its_field_and_reads_as_a_sentence() {
    for (code, options) in one_scenario_per_code() {
        for issue in issues_of(&options) {
            let message = &issue.message;
            assert!(
                message.len() > 20,
                "{code}: message too short to help: {message:?}"
            );
            assert!(
                message.ends_with('.') || message.ends_with('?'),
                "{code}: message is not a sentence: {message:?}"
            );
            if issue.field == "selector" {
                for name in [
                    "callID",
                    "platformCallID",
                    "nativeID",
                    "meetingID",
                    "extension",
                ] {
                    assert!(message.contains(name), "{code}: {message:?} lacks {name}");
                }
            } else {
                assert!(
                    message.contains(&issue.field),
                    "{code}: {message:?} does not name {}",
                    issue.field
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Secrets never appear in messages

const SECRET_KEY: &str = "Zq9SECRETKEY-not-a-guid-77";
const SECRET_TOKEN: &str = "Zq9 secret token with spaces";

#[test]
fn invalid_secrets_are_never_echoed() {
    let options = options()
        .with("baseUrl", "http://recorder.example.com")
        .with("apiKey", SECRET_KEY)
        .with("token", SECRET_TOKEN)
        .with("extension", "8856");
    let issues = issues_of(&options);
    assert!(issues.len() >= 4, "{:?}", pairs(&issues));
    for issue in &issues {
        assert!(!issue.message.contains("Zq9"), "{:?}", issue.message);
        assert!(!issue.message.contains("SECRET"), "{:?}", issue.message);
    }
    let error = VerbaError::Validation { issues };
    assert!(!error.to_string().contains("Zq9"));
    assert!(!error.to_string().contains("Zq9"));

    for issue in parameter_issues("apiKey", SECRET_KEY)
        .into_iter()
        .chain(parameter_issues("token", SECRET_TOKEN))
    {
        assert!(!issue.message.contains("Zq9"), "{:?}", issue.message);
    }
}

#[test]
fn valid_secrets_are_never_echoed_by_issues_of_other_fields() {
    let options = connection()
        .with("callID", "bad")
        .with("extension", "x")
        .with("responseType", "no")
        .with("baseUrl", "http://recorder.example.com");
    for issue in issues_of(&options) {
        assert!(!issue.message.contains(KEY), "{:?}", issue.message);
        assert!(!issue.message.contains(TOKEN), "{:?}", issue.message);
        assert!(!issue.message.contains("74c8eea0"), "{:?}", issue.message);
    }
}

proptest! {
    #[test]
    fn no_secret_value_ever_reaches_a_message(
        key in "[ -~]{0,40}",
        token in "[ -~\u{80}-\u{10ffff}]{0,300}",
    ) {
        // A marker no message contains, so that a hit is an echo and not a coincidence.
        let key = format!("Zq9{key}");
        let token = format!("Zq9{token}");
        let options = options()
            .with("baseUrl", HOST)
            .with("apiKey", key.as_str())
            .with("token", token.as_str())
            .with("nativeID", "x\n");
        let issues = issues_of(&options); // nativeID is invalid
        for issue in &issues {
            prop_assert!(!issue.message.contains("Zq9"), "{:?}", issue.message);
        }
        for issue in parameter_issues("apiKey", key.as_str())
            .into_iter()
            .chain(parameter_issues("token", token.as_str()))
        {
            prop_assert!(!issue.message.contains("Zq9"), "{:?}", issue.message);
        }
    }
}
