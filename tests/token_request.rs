//! RequestToken's options and request (spec §6): validation with DeleteCall's rules, the Basic
//! header or the POST parameters, and the password never in a URL, a preview or `Debug`.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{BASIC, HOST, KEY, PASSWORD, USER, build_token, decode, token_issues, token_options};
use verba_api::{AuthMode, HttpMethod, IssueCode, ResponseType, validate_request_token};

/// `(field, code)` of each issue.
fn codes(issues: &[verba_api::ValidationIssue]) -> Vec<(String, IssueCode)> {
    issues
        .iter()
        .map(|issue| (issue.field.clone(), issue.code))
        .collect()
}

#[test]
fn defaults_are_basic_post_xml() {
    let params = validate_request_token(&token_options()).unwrap();
    assert_eq!(params.auth, AuthMode::Basic);
    assert_eq!(params.method, HttpMethod::Post);
    assert_eq!(params.response_type, ResponseType::Xml);
    assert_eq!(params.endpoint, "https://recorder.example.com/verba/api");
    assert_eq!(params.timeout_ms, Some(30_000));
}

#[test]
fn basic_post_sends_the_vendors_header_and_only_the_key_in_the_body() {
    let request = build_token(&token_options());
    assert_eq!(request.method, HttpMethod::Post);
    assert_eq!(
        request.url,
        "https://recorder.example.com/verba/api?action=RequestToken"
    );
    assert_eq!(
        request.headers,
        vec![
            (
                "Content-Type",
                "application/x-www-form-urlencoded".to_owned()
            ),
            ("Authorization", ["Basic ", BASIC].concat()),
        ]
    );
    assert_eq!(
        request.body.as_deref(),
        Some("apiKey=74c8eea0-50c6-40b2-9f3e-252ed501c3c8&responseType=XML")
    );
}

#[test]
fn basic_get_puts_the_key_in_the_query_and_the_credentials_in_the_header() {
    let request = build_token(&token_options().with("method", "get"));
    assert_eq!(request.method, HttpMethod::Get);
    assert_eq!(
        request.url,
        [
            HOST,
            "/verba/api?action=RequestToken&apiKey=",
            KEY,
            "&responseType=XML"
        ]
        .concat()
    );
    assert_eq!(request.body, None);
    assert_eq!(
        request.headers,
        vec![("Authorization", ["Basic ", BASIC].concat())]
    );
}

#[test]
fn params_post_sends_the_credentials_form_encoded_in_the_body() {
    let request = build_token(&token_options().with("auth", "PARAMS"));
    assert_eq!(
        request.headers,
        vec![(
            "Content-Type",
            "application/x-www-form-urlencoded".to_owned()
        )]
    );
    let body = request.body.unwrap();
    assert_eq!(
        body,
        "apiKey=74c8eea0-50c6-40b2-9f3e-252ed501c3c8&userName=myapiuser&password=pa%24%24word&responseType=XML"
    );
    assert_eq!(
        decode(&body),
        vec![
            ("apiKey".to_owned(), KEY.to_owned()),
            ("userName".to_owned(), USER.to_owned()),
            ("password".to_owned(), PASSWORD.to_owned()),
            ("responseType".to_owned(), "XML".to_owned()),
        ]
    );
    assert!(!request.url.contains("pa"), "{}", request.url);
}

#[test]
fn the_basic_credentials_are_the_utf8_bytes_of_user_colon_password() {
    // "jürgen:pässwörd" in UTF-8, base64 (as `btoa` of the UTF-8 bytes, or Python's b64encode).
    let request = build_token(
        &token_options()
            .with("userName", "jürgen")
            .with("password", "pässwörd"),
    );
    assert_eq!(request.headers[1].1, "Basic asO8cmdlbjpww6Rzc3fDtnJk");
    // Padding: 1 and 2 bytes over a multiple of three.
    let one = build_token(&token_options().with("userName", "a").with("password", "bc"));
    assert_eq!(one.headers[1].1, "Basic YTpiYw==");
    let two = build_token(
        &token_options()
            .with("userName", "a")
            .with("password", "bcd"),
    );
    assert_eq!(two.headers[1].1, "Basic YTpiY2Q=");
}

#[test]
fn get_with_params_is_refused_naming_auth_and_method_and_the_fix() {
    let issues = token_issues(&token_options().with("auth", "params").with("method", "GET"));
    assert_eq!(
        codes(&issues),
        [
            ("auth".to_owned(), IssueCode::InvalidValue),
            ("method".to_owned(), IssueCode::InvalidValue)
        ]
    );
    for issue in &issues {
        assert!(
            issue.message.contains("password in the URL"),
            "{}",
            issue.message
        );
        assert!(
            issue.message.contains("use method POST"),
            "{}",
            issue.message
        );
        assert!(
            issue.message.contains("auth \"basic\""),
            "{}",
            issue.message
        );
    }
}

#[test]
fn user_name_and_password_are_required_and_non_empty() {
    let bare = verba_api::RequestTokenOptions::new()
        .with("baseUrl", HOST)
        .with("apiKey", KEY);
    assert_eq!(
        codes(&token_issues(&bare)),
        [
            ("userName".to_owned(), IssueCode::Required),
            ("password".to_owned(), IssueCode::Required)
        ]
    );
    let empty = token_options().with("userName", "").with("password", "");
    assert_eq!(codes(&token_issues(&empty)).len(), 2);
    let none = verba_api::RequestTokenOptions::new();
    let fields: Vec<String> = codes(&token_issues(&none))
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, ["apiKey", "userName", "password", "baseUrl"]);
}

#[test]
fn credentials_refuse_control_characters_and_wrong_types_without_showing_them() {
    for (name, value) in [
        ("userName", "my\napiuser"),
        ("password", "pa$$\u{0}word"),
        ("password", "pa$$\tword"),
    ] {
        let issues = token_issues(&token_options().with(name, value));
        assert_eq!(codes(&issues), [(name.to_owned(), IssueCode::InvalidValue)]);
        assert!(!issues[0].message.contains("pa$$"), "{}", issues[0].message);
    }
    let issues = token_issues(&token_options().with("password", 1234.0));
    assert_eq!(
        codes(&issues),
        [("password".to_owned(), IssueCode::InvalidType)]
    );
}

#[test]
fn a_colon_in_the_user_name_is_refused_for_basic_only() {
    let issues = token_issues(&token_options().with("userName", "dom:user"));
    assert_eq!(
        codes(&issues),
        [("userName".to_owned(), IssueCode::InvalidValue)]
    );
    assert!(
        validate_request_token(
            &token_options()
                .with("userName", "dom:user")
                .with("auth", "params")
        )
        .is_ok()
    );
}

#[test]
fn auth_and_method_are_case_insensitive_and_checked() {
    assert!(
        validate_request_token(&token_options().with("auth", "Basic").with("method", "Get"))
            .is_ok()
    );
    let issues = token_issues(&token_options().with("auth", "digest"));
    assert_eq!(
        codes(&issues),
        [("auth".to_owned(), IssueCode::InvalidValue)]
    );
    let issues = token_issues(&token_options().with("auth", true));
    assert_eq!(
        codes(&issues),
        [("auth".to_owned(), IssueCode::InvalidType)]
    );
    let issues = token_issues(&token_options().with("method", "PUT"));
    assert_eq!(
        codes(&issues),
        [("method".to_owned(), IssueCode::InvalidMethod)]
    );
}

#[test]
fn unknown_options_and_delete_call_options_are_refused() {
    let issues = token_issues(
        &token_options()
            .with("token", "x")
            .with("callID", "a8343631-9f35-4a3a-83f0-9e81592339fb")
            .with("username", USER)
            .with("colour", "blue"),
    );
    assert_eq!(
        codes(&issues),
        [
            ("token".to_owned(), IssueCode::UnknownOption),
            ("callID".to_owned(), IssueCode::UnknownOption),
            ("username".to_owned(), IssueCode::UnknownOption),
            ("colour".to_owned(), IssueCode::UnknownOption),
        ]
    );
    assert!(
        issues[2].message.contains("did you mean \"userName\""),
        "{}",
        issues[2].message
    );
}

#[test]
fn delete_call_refuses_request_token_options() {
    let options = common::by_call_id()
        .with("userName", USER)
        .with("password", PASSWORD)
        .with("auth", "basic");
    let issues = common::issues_of(&options);
    let fields: Vec<&str> = issues.iter().map(|issue| issue.field.as_str()).collect();
    assert_eq!(fields, ["userName", "password", "auth"]);
    assert!(
        issues
            .iter()
            .all(|issue| issue.code == IssueCode::UnknownOption)
    );
    assert!(issues.iter().all(|issue| !issue.message.contains(PASSWORD)));
    assert_eq!(
        verba_api::validate_parameter("password", &PASSWORD.into())[0].code,
        IssueCode::UnknownOption
    );
}

#[test]
fn the_password_is_never_in_a_url_a_preview_or_debug() {
    for (auth, method) in [("basic", "POST"), ("basic", "GET"), ("params", "POST")] {
        let options = token_options().with("auth", auth).with("method", method);
        let params = validate_request_token(&options).unwrap();
        let request = verba_api::build_request_token_request(&params);
        let shown = [
            request.url.clone(),
            request.preview.clone(),
            format!("{request:?}"),
            format!("{params:?}"),
            format!("{options:?}"),
        ];
        for text in shown.iter().skip(1) {
            assert!(!text.contains(KEY), "{auth} {method}: {text}");
        }
        for text in &shown {
            assert!(!text.contains(PASSWORD), "{auth} {method}: {text}");
            assert!(!text.contains("pa%24%24word"), "{auth} {method}: {text}");
            assert!(!text.contains(BASIC), "{auth} {method}: {text}");
        }
    }
}

#[test]
fn the_preview_shows_the_request_with_its_secrets_redacted() {
    let basic = build_token(&token_options());
    assert_eq!(
        basic.preview,
        "POST https://recorder.example.com/verba/api?action=RequestToken\n\
         Content-Type: application/x-www-form-urlencoded\n\
         Authorization: Basic bXlh…REDACTED\n\n\
         apiKey=74c8…REDACTED&responseType=XML"
    );
    let params = build_token(
        &token_options()
            .with("auth", "params")
            .with("responseType", "json"),
    );
    assert_eq!(
        params.preview,
        "POST https://recorder.example.com/verba/api?action=RequestToken\n\
         Content-Type: application/x-www-form-urlencoded\n\n\
         apiKey=74c8…REDACTED&userName=myapiuser&password=REDACTED&responseType=JSON"
    );
    let get = build_token(&token_options().with("method", "GET"));
    assert_eq!(
        get.preview,
        "GET https://recorder.example.com/verba/api?action=RequestToken&apiKey=74c8…REDACTED&responseType=XML\n\
         Authorization: Basic bXlh…REDACTED"
    );
}

#[test]
fn the_secrets_include_the_password_and_the_basic_credentials() {
    let params = validate_request_token(&token_options()).unwrap();
    assert_eq!(params.secrets(), [KEY, PASSWORD, BASIC]);
}
