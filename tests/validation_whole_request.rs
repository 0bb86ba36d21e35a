//! The rules `validate` applies to a whole request: which options are required, exactly one
//! selector, extension and status together, the plain-HTTP opt-in, unknown options, and every
//! problem reported at once.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{
    CALL, KEY, SELECTOR_SAMPLES, Value, assert_reports, by_call_id, connection,
    connection_without_token, issue_pairs, issues_of, options, pair, pairs, valid,
};
use verba_api::IssueCode;

// ---------------------------------------------------------------------------------------------
// Required and optional

#[test]
fn api_key_is_required() {
    for missing in [Value::Absent, Value::Null, Value::from("")] {
        let mut options = by_call_id();
        options.set("apiKey", missing.clone());
        let issues = issues_of(&options);
        assert_eq!(
            pairs(&issues),
            vec![pair("apiKey", "required")],
            "{missing:?}"
        );
        assert!(issues[0].message.contains("apiKey"));
    }
}

#[test]
fn base_url_is_required_natively() {
    assert_eq!(
        issue_pairs(&options().with("apiKey", KEY).with("callID", CALL)),
        vec![pair("baseUrl", "required")]
    );
}

#[test]
fn token_is_optional() {
    let params = valid(&connection_without_token().with("callID", CALL));
    assert_eq!(params.token, None);
}

// ---------------------------------------------------------------------------------------------
// Selectors

#[test]
fn no_selector_is_missing_selector() {
    assert_eq!(
        issue_pairs(&connection()),
        vec![pair("selector", "missing_selector")]
    );
}

#[test]
fn each_selector_alone_is_valid() {
    for (name, value) in SELECTOR_SAMPLES {
        let params = valid(&connection().with(name, value));
        assert_eq!(params.selector.field().name(), name);
        assert_eq!(params.selector.value(), value);
    }
    let params = valid(
        &connection()
            .with("extension", "8856")
            .with("status", "last"),
    );
    assert_eq!(params.selector.field().name(), "extension");
}

#[test]
fn two_selectors_conflict_and_both_are_named() {
    let options = by_call_id()
        .with("extension", "8856")
        .with("status", "last");
    let issues = issues_of(&options);
    assert_eq!(
        pairs(&issues),
        vec![
            pair("callID", "conflicting_selectors"),
            pair("extension", "conflicting_selectors"),
        ]
    );
    for issue in &issues {
        assert!(issue.message.contains("callID"), "{:?}", issue.message);
        assert!(issue.message.contains("extension"), "{:?}", issue.message);
        assert!(!issue.message.contains("nativeID"), "{:?}", issue.message);
    }
}

#[test]
fn all_five_selectors_conflict_each_naming_all() {
    let options = by_call_id()
        .with("platformCallID", "71627389")
        .with("nativeID", "TRS26140192")
        .with("meetingID", "WHBFM6DD")
        .with("extension", "8856")
        .with("status", "last");
    let issues = issues_of(&options);
    let names = [
        "callID",
        "platformCallID",
        "nativeID",
        "meetingID",
        "extension",
    ];
    assert_eq!(issues.len(), 5, "{:?}", pairs(&issues));
    for (issue, name) in issues.iter().zip(names) {
        assert_eq!(issue.field, name);
        assert_eq!(issue.code, IssueCode::ConflictingSelectors);
        for other in names {
            assert!(issue.message.contains(other), "{:?}", issue.message);
        }
    }
}

#[test]
fn an_empty_or_null_selector_does_not_count() {
    let options = by_call_id()
        .with("nativeID", "")
        .with("meetingID", Value::Null)
        .with("platformCallID", Value::Absent);
    let params = valid(&options); // only callID is given
    assert_eq!(params.selector.field().name(), "callID");
}

#[test]
fn an_invalid_selector_still_counts_as_given() {
    // A selector of the wrong type or shape must not let another one through unnoticed.
    assert_reports(
        &by_call_id().with("meetingID", 5.0),
        &[
            ("meetingID", "invalid_type"),
            ("callID", "conflicting_selectors"),
            ("meetingID", "conflicting_selectors"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// extension and status

#[test]
fn extension_without_status_is_reported_on_status() {
    let issues = issues_of(&connection().with("extension", "8856"));
    assert_eq!(
        pairs(&issues),
        vec![pair("status", "extension_requires_status")]
    );
    for word in ["extension", "ongoing", "next", "last"] {
        assert!(issues[0].message.contains(word), "{:?}", issues[0].message);
    }
    let empty_list = connection()
        .with("extension", "8856")
        .with("status", Value::List(Vec::new()));
    assert_eq!(
        issue_pairs(&empty_list),
        vec![pair("status", "extension_requires_status")]
    );
}

#[test]
fn status_without_extension_is_reported() {
    let issues = issues_of(&by_call_id().with("status", "last"));
    assert_eq!(
        pairs(&issues),
        vec![pair("status", "status_without_extension")]
    );
    assert!(
        issues[0].message.contains("extension"),
        "{:?}",
        issues[0].message
    );

    assert_reports(
        &connection().with("status", "last"),
        &[
            ("selector", "missing_selector"),
            ("status", "status_without_extension"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// The plain-HTTP opt-in

#[test]
fn allow_insecure_http_opts_in_to_plain_http() {
    let options = by_call_id().with("baseUrl", "http://recorder.lan:8080");
    assert_eq!(issue_pairs(&options), vec![pair("baseUrl", "insecure_url")]);
    let refused = options.clone().with("allowInsecureHttp", false);
    assert_eq!(issue_pairs(&refused), vec![pair("baseUrl", "insecure_url")]);
    let params = valid(&options.with("allowInsecureHttp", true));
    assert!(params.allow_insecure_http);
    assert_eq!(params.endpoint, "http://recorder.lan:8080/verba/api");
}

#[test]
fn a_malformed_opt_in_does_not_count_as_an_opt_in() {
    let options = by_call_id()
        .with("baseUrl", "http://recorder.lan")
        .with("allowInsecureHttp", "yes");
    assert_reports(
        &options,
        &[
            ("allowInsecureHttp", "invalid_type"),
            ("baseUrl", "insecure_url"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Unknown options

#[test]
fn a_typo_in_the_selector_name_never_loses_the_selector_silently() {
    assert_reports(
        &connection().with("callId", CALL),
        &[
            ("callId", "unknown_option"),
            ("selector", "missing_selector"),
        ],
    );
}

#[test]
fn an_unknown_option_alone_blocks_an_otherwise_valid_request() {
    let options = by_call_id().with("dryRun", true);
    assert_eq!(
        issue_pairs(&options),
        vec![pair("dryRun", "unknown_option")]
    );
}

// ---------------------------------------------------------------------------------------------
// Everything at once

#[test]
fn every_problem_is_reported_at_once() {
    let everything_wrong = options()
        .with("baseUrl", "ftp://recorder")
        .with("apiKey", "nope")
        .with("token", "a b")
        .with("callID", "123")
        .with("responseType", "YAML")
        .with("method", "PUT")
        .with("timeoutMs", -5.0)
        .with("callId", CALL);
    let found = assert_reports(
        &everything_wrong,
        &[
            ("callId", "unknown_option"),
            ("apiKey", "invalid_guid"),
            ("token", "invalid_token"),
            ("callID", "invalid_guid"),
            ("responseType", "invalid_response_type"),
            ("method", "invalid_method"),
            ("timeoutMs", "invalid_value"),
            ("baseUrl", "invalid_base_url"),
        ],
    );
    assert_eq!(found.len(), 8, "{found:?}");
}
