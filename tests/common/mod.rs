//! Fixtures shared by the native test files, each of which includes them with `mod common;`:
//! the credentials and ids of the vendor's samples, option builders, and helpers that check
//! validation issues, built requests and replies.
//!
//! The tests reach the library mostly through this module, so that a renamed type or function
//! changes here rather than in every file. Not every file uses every helper.
#![allow(dead_code)]

use verba_api::{
    BuiltRequest, DeleteCallOptions, DeleteCallParams, DeleteCallResult, OptionValue, ResponseType,
    ValidationIssue, VerbaError, VerbaErrorCode, build_delete_call_request,
    parse_delete_call_response, validate_delete_call, validate_parameter,
};

/// A whole options object, as JavaScript passes it to `deleteCall`.
pub type Options<'a> = DeleteCallOptions<'a>;
/// One option's value, as JavaScript passes it.
pub type Value<'a> = OptionValue<'a>;

// ---------------------------------------------------------------------------------------------
// The vendor's sample credentials and ids

pub const KEY: &str = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
pub const TOKEN: &str = "09835e02-6c10-11e0-bb22-ba324924019b";
pub const CALL: &str = "a8343631-9f35-4a3a-83f0-9e81592339fb";
pub const HOST: &str = "https://recorder.example.com";

/// One valid value for each selector that needs no companion option (extension needs status).
pub const SELECTOR_SAMPLES: [(&str, &str); 4] = [
    ("callID", CALL),
    ("platformCallID", "71627389"),
    ("nativeID", "TRS26140192"),
    ("meetingID", "WHBFM6DD"),
];

// ---------------------------------------------------------------------------------------------
// Options

/// No options at all.
pub fn options<'a>() -> Options<'a> {
    DeleteCallOptions::new()
}

/// `baseUrl` and `apiKey`, valid; no token, no selector.
pub fn connection_without_token<'a>() -> Options<'a> {
    options().with("baseUrl", HOST).with("apiKey", KEY)
}

/// Valid connection settings (`baseUrl`, `apiKey`, `token`), no selector.
pub fn connection<'a>() -> Options<'a> {
    connection_without_token().with("token", TOKEN)
}

/// Valid connection settings and a `callID`: a valid request.
pub fn by_call_id<'a>() -> Options<'a> {
    connection().with("callID", CALL)
}

// ---------------------------------------------------------------------------------------------
// Validation

/// The normalized request of options that must be valid.
#[track_caller]
pub fn valid(options: &Options) -> DeleteCallParams {
    match validate_delete_call(options) {
        Ok(params) => params,
        Err(issues) => panic!("expected valid options, got {issues:?} for {options:?}"),
    }
}

/// The issues of options that must be invalid.
#[track_caller]
pub fn issues_of(options: &Options) -> Vec<ValidationIssue> {
    match validate_delete_call(options) {
        Ok(params) => panic!("expected validation issues, got {params:?}"),
        Err(issues) => issues,
    }
}

/// `(field, code)` pairs, the code as JavaScript sees it.
pub fn pairs(issues: &[ValidationIssue]) -> Vec<(String, &'static str)> {
    issues
        .iter()
        .map(|issue| (issue.field.clone(), issue.code.as_str()))
        .collect()
}

pub fn pair(field: &str, code: &'static str) -> (String, &'static str) {
    (field.to_owned(), code)
}

/// The `(field, code)` pairs of options that must be invalid.
#[track_caller]
pub fn issue_pairs(options: &Options) -> Vec<(String, &'static str)> {
    pairs(&issues_of(options))
}

/// Checks that `validate` reports (at least) each `(field, code)` pair expected for options that
/// must be invalid; returns all the pairs it reports.
#[track_caller]
pub fn assert_reports(options: &Options, expected: &[(&str, &str)]) -> Vec<(String, &'static str)> {
    let found = issue_pairs(options);
    for &(field, code) in expected {
        assert!(
            found.iter().any(|(f, c)| f == field && *c == code),
            "{:?} missing in {found:?}",
            (field, code)
        );
    }
    found
}

/// Whatever `validateParameter` finds for `name = value`, perhaps nothing.
pub fn parameter_issues<'a>(name: &str, value: impl Into<Value<'a>>) -> Vec<ValidationIssue> {
    validate_parameter(name, &value.into())
}

/// The single issue `validateParameter` finds for `name = value`.
#[track_caller]
pub fn one_issue<'a>(name: &str, value: impl Into<Value<'a>>) -> ValidationIssue {
    let value = value.into();
    let mut issues = validate_parameter(name, &value);
    assert_eq!(
        issues.len(),
        1,
        "{name} = {value:?}: expected exactly one issue, got {issues:?}"
    );
    issues.remove(0)
}

#[track_caller]
pub fn assert_accepted<'a>(name: &str, value: impl Into<Value<'a>>) {
    let value = value.into();
    let issues = validate_parameter(name, &value);
    assert!(
        issues.is_empty(),
        "{name} = {value:?} should be accepted: {issues:?}"
    );
}

/// Checks that `name = value` gets exactly one issue, of `code`, on `name`, with a message that
/// names the option; returns the issue for further checks.
#[track_caller]
pub fn assert_refused<'a>(name: &str, value: impl Into<Value<'a>>, code: &str) -> ValidationIssue {
    let value = value.into();
    let issue = one_issue(name, value.clone());
    assert_eq!(issue.code.as_str(), code, "{name} = {value:?}: {issue:?}");
    assert_eq!(issue.field, name, "{name} = {value:?}: {issue:?}");
    assert!(
        issue.message.contains(name),
        "the message for {name} = {value:?} must name the option: {:?}",
        issue.message
    );
    issue
}

// ---------------------------------------------------------------------------------------------
// Requests

/// The request built from options that must be valid.
#[track_caller]
pub fn build(options: &Options) -> BuiltRequest {
    build_delete_call_request(&valid(options))
}

/// `name=value` pairs of a form-encoded body or query, as a server reads them (the
/// `form_urlencoded` crate, as used by the url crate and most Rust servers).
pub fn decode(form: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(form.as_bytes())
        .into_owned()
        .collect()
}

pub fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

/// The body's `name=value` pairs, as a server reads them.
#[track_caller]
pub fn body_pairs(params: &DeleteCallParams) -> Vec<(String, String)> {
    decode(
        &build_delete_call_request(params)
            .body
            .expect("POST has a body"),
    )
}

#[track_caller]
pub fn body_value(params: &DeleteCallParams, name: &str) -> Option<String> {
    body_pairs(params)
        .into_iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

// ---------------------------------------------------------------------------------------------
// Replies

pub fn reply(body: &str, kind: ResponseType, status: u16) -> Result<DeleteCallResult, VerbaError> {
    parse_delete_call_response(body, kind, status)
}

/// The outcome of a reply that must be a success.
#[track_caller]
pub fn success(body: &str, kind: ResponseType, status: u16) -> DeleteCallResult {
    match reply(body, kind, status) {
        Ok(outcome) => outcome,
        Err(error) => panic!("expected success, got {error:?} for {kind:?} {status}:\n{body}"),
    }
}

/// The error of a reply that must fail.
#[track_caller]
pub fn failure(body: &str, kind: ResponseType, status: u16) -> VerbaError {
    match reply(body, kind, status) {
        Ok(outcome) => panic!("expected an error, got {outcome:?} for {kind:?} {status}:\n{body}"),
        Err(error) => error,
    }
}

/// The reason of a reply that must be a PARSE error; checks that the error keeps the status.
#[track_caller]
pub fn parse_reason(body: &str, kind: ResponseType, status: u16) -> String {
    match failure(body, kind, status) {
        VerbaError::Parse {
            reason,
            http_status,
        } => {
            assert_eq!(http_status, Some(status), "{kind:?}:\n{body}");
            reason
        }
        other => panic!("expected PARSE, got {other:?} for {kind:?} {status}:\n{body}"),
    }
}

/// `(error code, API code, server message)` of a CALL_NOT_FOUND, AUTH_FAILED or API_ERROR, `None` for any
/// other error. The API code is `None` for an API_ERROR without one (a TEXT `ERROR` without a
/// readable code).
pub fn api_parts(error: &VerbaError) -> Option<(VerbaErrorCode, Option<i64>, Option<String>)> {
    match error {
        VerbaError::CallNotFound { server_message, .. }
        | VerbaError::AuthFailed { server_message, .. }
        | VerbaError::Api { server_message, .. } => {
            Some((error.code(), error.api_code(), server_message.clone()))
        }
        _ => None,
    }
}

/// [`api_parts`] of a reply that must be a CALL_NOT_FOUND or API_ERROR.
#[track_caller]
pub fn api_error(
    body: &str,
    kind: ResponseType,
    status: u16,
) -> (VerbaErrorCode, Option<i64>, Option<String>) {
    let error = failure(body, kind, status);
    match api_parts(&error) {
        Some(parts) => parts,
        None => panic!("expected an API error, got {error:?} for {kind:?} {status}:\n{body}"),
    }
}

/// `api_errors! { test: Kind(body) => (VerbaErrorCode variant, API code, server message), ...; }`:
/// one test whose replies (of `ResponseType::Kind`, HTTP 200) are each a CALL_NOT_FOUND or
/// API_ERROR with the parts given; the API code is a number, or `None` for an API_ERROR without
/// one.
#[allow(unused_macros)]
macro_rules! api_errors {
    ($(
        $(#[$doc:meta])*
        $test:ident: $($kind:ident($body:expr) => ($code:ident, $api_code:expr, $message:expr)),+;
    )+) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            $({
                let kind = ::verba_api::ResponseType::$kind;
                let (code, api_code, message) = $crate::common::api_error($body, kind, 200);
                let expected: Option<i64> = ($api_code).into();
                assert_eq!(
                    (code, api_code, message.as_deref()),
                    (::verba_api::VerbaErrorCode::$code, expected, $message),
                    "{kind:?}: {}",
                    $body
                );
            })+
        }
    )+};
}
#[allow(unused_imports)]
pub(crate) use api_errors;

/// The error code of a result, `None` for a success.
pub fn error_code(result: &Result<DeleteCallResult, VerbaError>) -> Option<VerbaErrorCode> {
    result.as_ref().err().map(VerbaError::code)
}

/// The excerpt of an error that must be HTTP_ERROR.
#[track_caller]
pub fn excerpt_of(error: VerbaError) -> String {
    match error {
        VerbaError::Http { excerpt, .. } => excerpt,
        other => panic!("expected HTTP_ERROR, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Replies read with the request's secrets

/// The outcome of the reply `body` to a valid request (by `callID`, with `key`, `token` and
/// `responseType` `kind`), read as `deleteCall` reads it: scrubbed of the key and token.
pub fn reply_with_secrets(
    body: &str,
    kind: ResponseType,
    status: u16,
    key: &str,
    token: &str,
) -> Result<DeleteCallResult, VerbaError> {
    let options = options()
        .with("baseUrl", HOST)
        .with("apiKey", key)
        .with("token", token)
        .with("callID", CALL)
        .with("responseType", kind.as_str());
    valid(&options).read_reply(body, status)
}

/// Everything an outcome shows: an error's message, or a success's message and `raw`.
pub fn shown(outcome: &Result<DeleteCallResult, VerbaError>) -> String {
    match outcome {
        Ok(result) => [
            result.message.as_deref().unwrap_or(""),
            "\n",
            result.raw.as_deref().unwrap_or(""),
        ]
        .concat(),
        Err(error) => error.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// RequestToken

/// The vendor's demo user and password (spec §6: the example header decodes to them).
pub const USER: &str = "myapiuser";
pub const PASSWORD: &str = "pa$$word";
/// `base64("myapiuser:pa$$word")`, the vendor's example header value.
pub const BASIC: &str = "bXlhcGl1c2VyOnBhJCR3b3Jk";

/// Valid RequestToken options: `baseUrl`, `apiKey`, `userName`, `password`.
pub fn token_options<'a>() -> verba_api::RequestTokenOptions<'a> {
    verba_api::RequestTokenOptions::new()
        .with("baseUrl", HOST)
        .with("apiKey", KEY)
        .with("userName", USER)
        .with("password", PASSWORD)
}

/// The RequestToken request built from options that must be valid.
#[track_caller]
pub fn build_token(options: &verba_api::RequestTokenOptions) -> verba_api::TokenRequest {
    match verba_api::validate_request_token(options) {
        Ok(params) => verba_api::build_request_token_request(&params),
        Err(issues) => panic!("expected valid RequestToken options, got {issues:?}"),
    }
}

/// The issues of RequestToken options that must be invalid.
#[track_caller]
pub fn token_issues(options: &verba_api::RequestTokenOptions) -> Vec<ValidationIssue> {
    match verba_api::validate_request_token(options) {
        Ok(params) => panic!("expected invalid RequestToken options, got {params:?}"),
        Err(issues) => issues,
    }
}
