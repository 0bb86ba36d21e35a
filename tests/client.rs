//! `createClient`'s core (issue 10): the config checked at once by the rules of `deleteCall`
//! and `requestToken`, each call built from it, and the session's token rules (reuse until 60 s
//! before expiry, a refused token forgotten only if it is still the one held).
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{CALL, HOST, KEY, PASSWORD, TOKEN, USER};
use verba_api::{
    Action, ClientConfig, CredentialsInput, DeleteCallOptions, IssueCode, OptionValue,
    RENEW_BEFORE_EXPIRY_MS, Selector, Session, VerbaError,
};

fn config<'a>() -> DeleteCallOptions<'a> {
    DeleteCallOptions::new()
        .with("baseUrl", HOST)
        .with("apiKey", KEY)
}

fn fixed<'a>(user: &'a str, password: &'a str) -> CredentialsInput<'a> {
    CredentialsInput::Fixed {
        user_name: user.into(),
        password: password.into(),
    }
}

/// `(field, code)` of each issue of an invalid config.
fn config_issues(
    options: &DeleteCallOptions,
    credentials: CredentialsInput,
) -> Vec<(String, IssueCode)> {
    ClientConfig::validate(options, credentials)
        .expect_err("the config is invalid")
        .into_iter()
        .map(|issue| (issue.field, issue.code))
        .collect()
}

/// A config, its credentials, and the `(field, code)` of each issue expected.
type ConfigCase<'a> = (
    DeleteCallOptions<'a>,
    CredentialsInput<'a>,
    Vec<(String, IssueCode)>,
);

fn issue(field: &str, code: IssueCode) -> (String, IssueCode) {
    (field.to_owned(), code)
}

#[test]
fn a_config_with_credentials_a_token_or_neither_is_valid() {
    for credentials in [
        CredentialsInput::Absent,
        fixed(USER, PASSWORD),
        CredentialsInput::Callback,
    ] {
        let client = ClientConfig::validate(&config(), credentials.clone())
            .unwrap_or_else(|issues| panic!("{credentials:?}: {issues:?}"));
        assert_eq!(client.can_renew(), credentials != CredentialsInput::Absent);
        assert_eq!(client.token(), None);
    }
    let client =
        ClientConfig::validate(&config().with("token", TOKEN), CredentialsInput::Absent).unwrap();
    assert_eq!(client.token(), Some(TOKEN));
    assert_eq!(client.api_key(), KEY);
    assert!(client.cors_preflight());
}

#[test]
fn every_config_problem_is_reported_at_once() {
    let options = config()
        .with("apiKey", "not-a-guid")
        .with("method", "PUT")
        .with("timeoutMs", -1.0)
        .with("callID", CALL)
        .with("password", PASSWORD)
        .with("apikey", KEY);
    assert_eq!(
        config_issues(&options, fixed("", PASSWORD)),
        [
            issue("callID", IssueCode::UnknownOption),
            issue("password", IssueCode::UnknownOption),
            issue("apikey", IssueCode::UnknownOption),
            issue("apiKey", IssueCode::InvalidGuid),
            issue("method", IssueCode::InvalidMethod),
            issue("timeoutMs", IssueCode::InvalidValue),
            issue("credentials.userName", IssueCode::Required),
        ]
    );
}

#[test]
fn misplaced_options_say_where_they_belong() {
    let issues = ClientConfig::validate(
        &config().with("callID", CALL).with("userName", USER),
        CredentialsInput::Absent,
    )
    .unwrap_err();
    assert!(
        issues[0].message.contains("client.deleteCall({ callID })"),
        "{}",
        issues[0].message
    );
    assert!(
        issues[1]
            .message
            .contains("credentials: { userName, password }"),
        "{}",
        issues[1].message
    );
}

#[test]
fn credentials_are_checked_by_request_tokens_rules() {
    let cases: Vec<ConfigCase> = vec![
        (
            config(),
            fixed(USER, ""),
            vec![issue("credentials.password", IssueCode::Required)],
        ),
        (
            config(),
            CredentialsInput::Fixed {
                user_name: OptionValue::Number(7.0),
                password: PASSWORD.into(),
            },
            vec![issue("credentials.userName", IssueCode::InvalidType)],
        ),
        (
            config(),
            fixed(USER, "line\nbreak"),
            vec![issue("credentials.password", IssueCode::InvalidValue)],
        ),
        (
            config(),
            fixed("a:b", PASSWORD),
            vec![issue("credentials.userName", IssueCode::InvalidValue)],
        ),
        (
            config(),
            CredentialsInput::Other("a string"),
            vec![issue("credentials", IssueCode::InvalidType)],
        ),
        // auth "params" with GET would put the password in the URL, even from a function.
        (
            config().with("auth", "params").with("method", "GET"),
            CredentialsInput::Callback,
            vec![
                issue("auth", IssueCode::InvalidValue),
                issue("method", IssueCode::InvalidValue),
            ],
        ),
        (
            config().with("auth", "params"),
            CredentialsInput::Absent,
            vec![issue("auth", IssueCode::InvalidValue)],
        ),
        (
            config().with("auth", "digest"),
            fixed(USER, PASSWORD),
            vec![issue("auth", IssueCode::InvalidValue)],
        ),
    ];
    for (options, credentials, expected) in cases {
        assert_eq!(
            config_issues(&options, credentials.clone()),
            expected,
            "{credentials:?}"
        );
    }
}

#[test]
fn no_config_issue_shows_the_password() {
    let secret = "hunter2-very-secret";
    let options = config().with("auth", "params").with("method", "GET");
    let issues = ClientConfig::validate(&options, fixed(USER, secret)).unwrap_err();
    let error = VerbaError::from(issues);
    let message = error.message_in(Action::CreateClient);
    assert!(
        message.starts_with("Invalid createClient config: "),
        "{message}"
    );
    assert!(!message.contains(secret));
    assert!(!format!("{error:?}").contains(secret));
    let client = ClientConfig::validate(&config(), fixed(USER, secret)).unwrap();
    assert!(!format!("{client:?}").contains(secret));
}

#[test]
fn a_call_adds_its_selector_signal_and_timeout_to_the_config() {
    let client = ClientConfig::validate(
        &config()
            .with("responseType", "JSON")
            .with("timeoutMs", 5_000.0),
        CredentialsInput::Absent,
    )
    .unwrap();
    let call = DeleteCallOptions::new()
        .with("extension", "8856")
        .with("status", "last");
    let params = client.delete_call(&call, Some(TOKEN)).unwrap();
    assert_eq!(params.api_key, KEY);
    assert_eq!(params.token.as_deref(), Some(TOKEN));
    assert_eq!(params.response_type.as_str(), "JSON");
    assert_eq!(params.timeout_ms, Some(5_000));
    assert!(matches!(params.selector, Selector::Extension { .. }));
    let own_timeout = DeleteCallOptions::new()
        .with("callID", CALL)
        .with("timeoutMs", 0.0);
    assert_eq!(
        client.delete_call(&own_timeout, None).unwrap().timeout_ms,
        None
    );
}

#[test]
fn a_call_cannot_change_the_config_or_name_two_calls() {
    let client = ClientConfig::validate(&config(), CredentialsInput::Absent).unwrap();
    let cases: Vec<(DeleteCallOptions, Vec<(String, IssueCode)>)> = vec![
        (
            DeleteCallOptions::new()
                .with("callID", CALL)
                .with("apiKey", KEY),
            vec![issue("apiKey", IssueCode::UnknownOption)],
        ),
        (
            DeleteCallOptions::new()
                .with("callID", CALL)
                .with("token", TOKEN),
            vec![issue("token", IssueCode::UnknownOption)],
        ),
        (
            DeleteCallOptions::new().with("callId", CALL),
            vec![
                issue("callId", IssueCode::UnknownOption),
                issue("selector", IssueCode::MissingSelector),
            ],
        ),
        (
            DeleteCallOptions::new()
                .with("callID", CALL)
                .with("nativeID", "X1"),
            vec![
                issue("callID", IssueCode::ConflictingSelectors),
                issue("nativeID", IssueCode::ConflictingSelectors),
            ],
        ),
        (
            DeleteCallOptions::new(),
            vec![issue("selector", IssueCode::MissingSelector)],
        ),
    ];
    for (call, expected) in cases {
        let found: Vec<(String, IssueCode)> = client
            .delete_call(&call, None)
            .unwrap_err()
            .into_iter()
            .map(|issue| (issue.field, issue.code))
            .collect();
        assert_eq!(found, expected);
    }
    let hint = &client
        .delete_call(
            &DeleteCallOptions::new()
                .with("callID", CALL)
                .with("apiKey", KEY),
            None,
        )
        .unwrap_err()[0]
        .message;
    assert!(hint.contains("set once in createClient's config"), "{hint}");
}

#[test]
fn the_clients_token_request_uses_its_connection_and_auth() {
    let client = ClientConfig::validate(
        &config().with("auth", "params").with("responseType", "TEXT"),
        fixed(USER, PASSWORD),
    )
    .unwrap();
    let params = client.request_token(client.credentials().unwrap()).unwrap();
    assert_eq!(params.auth.as_str(), "params");
    assert_eq!(params.response_type.as_str(), "TEXT");
    assert_eq!(
        (params.user_name.as_str(), params.password.as_str()),
        (USER, PASSWORD)
    );
    // A function's answer is checked by the same rules.
    let issues = client
        .check_credentials(&OptionValue::Absent, &PASSWORD.into())
        .unwrap_err();
    assert_eq!(issues[0].field, "credentials.userName");
    assert!(
        client
            .check_credentials(&USER.into(), &PASSWORD.into())
            .is_ok()
    );
}

#[test]
fn a_token_is_reused_until_a_minute_before_it_expires() {
    let expires_at = 10_000_000.0;
    let mut session = Session::new(None);
    assert_eq!(session.fresh_token(0.0), None);
    session.renewed("T1", expires_at);
    for (now, fresh) in [
        (0.0, true),
        (expires_at - RENEW_BEFORE_EXPIRY_MS - 1.0, true),
        (expires_at - RENEW_BEFORE_EXPIRY_MS, false),
        (expires_at + 1.0, false),
    ] {
        assert_eq!(session.fresh_token(now).is_some(), fresh, "at {now}");
    }
    assert_eq!(session.info(), Some(("T1", expires_at)));
    assert_eq!(session.token(), Some("T1"));
}

#[test]
fn a_given_token_has_no_known_expiry_and_is_used_until_refused() {
    let mut session = Session::new(Some(TOKEN.to_owned()));
    assert_eq!(session.fresh_token(f64::MAX), Some(TOKEN));
    assert_eq!(session.info(), None);
    assert!(session.refused(TOKEN));
    assert_eq!(session.token(), None);
}

#[test]
fn a_refusal_of_an_older_token_keeps_the_newer_one() {
    let mut session = Session::new(None);
    session.renewed("T1", 1e12);
    session.renewed("T2", 1e12);
    assert!(!session.refused("T1"), "T1 is no longer held");
    assert_eq!(session.token(), Some("T2"));
    assert!(session.refused("T2"));
    assert_eq!(session.token(), None);
    session.renewed("T3", 1e12);
    session.forget();
    assert_eq!(session.token(), None);
    assert!(!format!("{session:?}").contains("T3"));
}

#[test]
fn token_request_errors_never_say_a_call_may_be_deleted() {
    let timeout = VerbaError::Timeout { timeout_ms: 100 };
    assert!(timeout.may_have_deleted_in(Action::DeleteCall));
    assert!(!timeout.may_have_deleted_in(Action::RequestToken));
    assert!(
        timeout
            .message_in(Action::DeleteCall)
            .contains("may have deleted")
    );
    assert!(!timeout.message_in(Action::RequestToken).contains("deleted"));
    let invalid = VerbaError::from(Vec::new());
    assert!(
        invalid
            .message_in(Action::RequestToken)
            .starts_with("Invalid RequestToken options")
    );
}

#[test]
fn a_config_asking_for_html_is_told_apart_for_batches() {
    for (response_type, html) in [
        (None, false),
        (Some("XML"), false),
        (Some("json"), false),
        (Some("TEXT"), false),
        (Some("HTML"), true),
        (Some("html"), true),
        (Some("Html"), true),
    ] {
        let options = match response_type {
            Some(kind) => config().with("responseType", kind),
            None => config(),
        };
        let client = ClientConfig::validate(&options, CredentialsInput::Absent).unwrap();
        assert_eq!(client.asks_for_html(), html, "{response_type:?}");
    }
    let issue = verba_api::html_in_batch();
    assert_eq!(issue.field, "responseType");
    assert_eq!(issue.code, IssueCode::InvalidResponseType);
    assert!(
        issue.message.contains("use XML, JSON or TEXT"),
        "{}",
        issue.message
    );
}
