//! Every validation rule and issue code: each option's accepted and refused values, the
//! cross-option rules, the messages (they name the option and the fix) and the promise that no
//! message ever contains a secret.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

use proptest::prelude::*;
use verba_api::{
    IssueCode, RawOptions, RawValue, ValidationIssue, VerbaError, validate, validate_parameter,
};

const KEY: &str = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
const TOKEN: &str = "09835e02-6c10-11e0-bb22-ba324924019b";
const CALL: &str = "a8343631-9f35-4a3a-83f0-9e81592339fb";

/// Valid connection settings, no selector.
fn connection() -> RawOptions<'static> {
    RawOptions::new()
        .with("baseUrl", "https://recorder.example.com")
        .with("apiKey", KEY)
        .with("token", TOKEN)
}

/// Valid connection settings and a callID.
fn by_call_id() -> RawOptions<'static> {
    connection().with("callID", CALL)
}

fn issues_of(options: &RawOptions) -> Vec<ValidationIssue> {
    match validate(options) {
        Ok(params) => panic!("expected validation issues, got {params:?}"),
        Err(issues) => issues,
    }
}

/// `(field, code)` pairs, the code as JavaScript sees it.
fn pairs(issues: &[ValidationIssue]) -> Vec<(String, &'static str)> {
    issues
        .iter()
        .map(|issue| (issue.field.clone(), issue.code.as_str()))
        .collect()
}

fn pair(field: &str, code: &'static str) -> (String, &'static str) {
    (field.to_owned(), code)
}

/// The single issue `validate_parameter` finds for `name = value`.
fn one_issue(name: &str, value: impl Into<RawValue<'static>>) -> ValidationIssue {
    let value = value.into();
    let mut issues = validate_parameter(name, &value);
    assert_eq!(
        issues.len(),
        1,
        "{name} = {value:?}: expected exactly one issue, got {issues:?}"
    );
    issues.remove(0)
}

fn assert_accepted(name: &str, value: impl Into<RawValue<'static>>) {
    let value = value.into();
    let issues = validate_parameter(name, &value);
    assert!(
        issues.is_empty(),
        "{name} = {value:?} should be accepted: {issues:?}"
    );
}

fn assert_refused(name: &str, value: impl Into<RawValue<'static>>, code: &str) -> ValidationIssue {
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
fn one_scenario_per_code() -> Vec<(&'static str, RawOptions<'static>)> {
    vec![
        (
            "required",
            RawOptions::new()
                .with("baseUrl", "https://recorder.example.com")
                .with("callID", CALL),
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
    assert_eq!(reached.len(), 17, "one scenario per contract code");
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
// apiKey and callID: GUIDs

const BAD_GUIDS: &[&str] = &[
    "74c8eea0-50c6-40b2-9f3e-252ed501c3c",   // one digit short
    "74c8eea0-50c6-40b2-9f3e-252ed501c3c8a", // one digit long
    "74c8eea050c640b29f3e252ed501c3c8",      // no dashes
    "74c8eea0-50c6-40b2-9f3e252ed501c3c8-",  // dash misplaced
    "74c8eea0_50c6_40b2_9f3e_252ed501c3c8",  // wrong separator
    "g4c8eea0-50c6-40b2-9f3e-252ed501c3c8",  // not hexadecimal
    "{74c8eea0-50c6-40b2-9f3e-252ed501c3c8", // unbalanced brace
    "74c8eea0-50c6-40b2-9f3e-252ed501c3c8}", // unbalanced brace
    "{{74c8eea0-50c6-40b2-9f3e-252ed501c3c8}}",
    "(74c8eea0-50c6-40b2-9f3e-252ed501c3c8)",
    " 74c8eea0-50c6-40b2-9f3e-252ed501c3c8",
    "74c8eea0-50c6-40b2-9f3e-252ed501c3c8 ",
    "74c8eea0-50c6-40b2-9f3e-252ed501c3c\u{0660}", // Arabic-Indic zero
    "74c8eea0-50c6-40b2-9f3e-252ed501c3cé",
    "-",
    "{}",
];

#[test]
fn guid_fields_accept_guids_in_any_case_with_or_without_braces() {
    for field in ["apiKey", "callID"] {
        for value in [
            KEY,
            "74C8EEA0-50C6-40B2-9F3E-252ED501C3C8",
            "74c8EEA0-50c6-40B2-9f3e-252ED501c3c8",
            "{74c8eea0-50c6-40b2-9f3e-252ed501c3c8}",
            "{74C8EEA0-50C6-40B2-9F3E-252ED501C3C8}",
            "00000000-0000-0000-0000-000000000000",
        ] {
            assert_accepted(field, value);
        }
    }
}

#[test]
fn guid_fields_refuse_everything_else_with_invalid_guid() {
    for field in ["apiKey", "callID"] {
        for value in BAD_GUIDS {
            let issue = assert_refused(field, *value, "invalid_guid");
            assert!(
                issue.message.contains("8-4-4-4-12"),
                "the message shows the expected shape: {:?}",
                issue.message
            );
        }
    }
}

#[test]
fn guid_fields_refuse_other_types() {
    for field in ["apiKey", "callID"] {
        let issue = assert_refused(field, 12.0, "invalid_type");
        assert!(issue.message.contains("a number"), "{:?}", issue.message);
        assert!(issue.message.contains("string"), "{:?}", issue.message);
        assert_refused(field, true, "invalid_type");
        assert_refused(field, RawValue::Other("object"), "invalid_type");
        assert_refused(
            field,
            RawValue::List(vec![RawValue::from(KEY)]),
            "invalid_type",
        );
    }
}

#[test]
fn api_key_is_required() {
    for missing in [RawValue::Absent, RawValue::Null, RawValue::from("")] {
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
fn an_empty_field_alone_is_not_an_issue_for_live_validation() {
    // `required` is a whole-request rule; validateParameter judges only the value typed so far.
    for name in [
        "apiKey",
        "token",
        "callID",
        "nativeID",
        "extension",
        "status",
        "baseUrl",
    ] {
        assert_accepted(name, "");
        assert_accepted(name, RawValue::Null);
        assert_accepted(name, RawValue::Absent);
    }
}

// ---------------------------------------------------------------------------------------------
// token

#[test]
fn token_accepts_guids_and_opaque_visible_ascii() {
    for value in [
        TOKEN.to_owned(),
        "0123456789abcdef0123456789ABCDEF".to_owned(),
        "x".to_owned(),
        "a+b/c=d&e%f#g~!".to_owned(),
        "t".repeat(256),
    ] {
        assert_accepted("token", value);
    }
}

#[test]
fn token_is_optional() {
    let options = RawOptions::new()
        .with("baseUrl", "https://recorder.example.com")
        .with("apiKey", KEY)
        .with("callID", CALL);
    let params = validate(&options).expect("a request without token is valid");
    assert_eq!(params.token, None);
}

#[test]
fn token_refuses_spaces_control_characters_non_ascii_and_excess_length() {
    for value in [
        "has space".to_owned(),
        "tab\there".to_owned(),
        "line\nbreak".to_owned(),
        "crlf\r\n".to_owned(),
        " leading".to_owned(),
        "tökén".to_owned(),
        "nul\0".to_owned(),
        "del\u{7f}".to_owned(),
        "t".repeat(257),
    ] {
        let issue = assert_refused("token", value, "invalid_token");
        assert!(issue.message.contains("256"), "{:?}", issue.message);
        assert!(
            issue.message.contains("RequestToken"),
            "{:?}",
            issue.message
        );
    }
    assert_refused("token", 42.0, "invalid_type");
    assert_refused("token", false, "invalid_type");
}

// ---------------------------------------------------------------------------------------------
// platformCallID, nativeID, meetingID: opaque

#[test]
fn opaque_ids_accept_printable_text_up_to_256_characters() {
    for field in ["platformCallID", "nativeID", "meetingID"] {
        for value in [
            "71627389".to_owned(),
            "TRS26140192".to_owned(),
            "WHBFM6DD".to_owned(),
            "inner spaces are fine".to_owned(),
            "a&b=c#d%e+f".to_owned(),
            "Ünïcödé 会议 😀".to_owned(),
            "x".repeat(256),
            // 256 characters, 512 bytes: the limit counts characters.
            "é".repeat(256),
        ] {
            assert_accepted(field, value);
        }
    }
}

#[test]
fn opaque_ids_refuse_control_characters_padding_and_excess_length() {
    for field in ["platformCallID", "nativeID", "meetingID"] {
        for value in [
            "line\nbreak".to_owned(),
            "tab\tinside".to_owned(),
            "cr\rinside".to_owned(),
            "nul\0".to_owned(),
            "del\u{7f}".to_owned(),
            "c1\u{85}".to_owned(),
            " leading".to_owned(),
            "trailing ".to_owned(),
            "nbsp\u{a0}".to_owned(),
            "\u{3000}ideographic space".to_owned(),
            "x".repeat(257),
            "é".repeat(257),
        ] {
            assert_refused(field, value, "invalid_value");
        }
        let long = assert_refused(field, "x".repeat(257), "invalid_value");
        assert!(long.message.contains("256"), "{:?}", long.message);
        let padded = assert_refused(field, " x", "invalid_value");
        assert!(padded.message.contains("spaces"), "{:?}", padded.message);
    }
}

#[test]
fn platform_call_id_accepts_non_negative_whole_numbers() {
    for number in [0.0, 7.0, 71627389.0, 9_007_199_254_740_991.0] {
        assert_accepted("platformCallID", number);
    }
    for number in [
        -1.0,
        1.5,
        9_007_199_254_740_992.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        let issue = assert_refused("platformCallID", number, "invalid_type");
        assert!(
            issue.message.contains("whole number"),
            "{:?}",
            issue.message
        );
    }
    assert_refused("platformCallID", true, "invalid_type");
}

#[test]
fn native_and_meeting_ids_refuse_numbers_instead_of_coercing_them() {
    // The issue allows numeric input only for platformCallID and extension; a number elsewhere
    // is reported, not silently turned into text.
    for field in ["nativeID", "meetingID"] {
        let issue = assert_refused(field, 26140192.0, "invalid_type");
        assert!(issue.message.contains("a number"), "{:?}", issue.message);
    }
}

// ---------------------------------------------------------------------------------------------
// extension

#[test]
fn extension_accepts_numbers_with_separators_and_sip_tel_uris() {
    for value in [
        "8856".to_owned(),
        "+3612345678".to_owned(),
        "+36 (1) 234-5678".to_owned(),
        "1.234.567".to_owned(),
        "*86#".to_owned(),
        "0".to_owned(),
        "1".repeat(32),
        format!("+{}", "1".repeat(32)),
        format!("{}-{}", "1".repeat(16), "2".repeat(16)),
        "sip:alice@example.com".to_owned(),
        "SIP:Alice.Smith@Example.com".to_owned(),
        "tel:+1-555-0100".to_owned(),
        "sip:a&b=c@example.com;transport=tls".to_owned(),
    ] {
        assert_accepted("extension", value);
    }
    assert_accepted("extension", 8856.0);
    assert_accepted("extension", 0.0);
}

#[test]
fn extension_refuses_anything_that_is_no_number_or_uri() {
    for value in [
        "abc".to_owned(),
        "88x56".to_owned(),
        "1+2".to_owned(),
        "++1".to_owned(),
        "+".to_owned(),
        "---".to_owned(),
        "()".to_owned(),
        "12/34".to_owned(),
        "12_34".to_owned(),
        "12,34".to_owned(),
        "line\n1".to_owned(),
        "\u{0661}\u{0662}\u{0663}".to_owned(), // Arabic-Indic digits
        "１２３".to_owned(),                   // full-width digits
        "1".repeat(33),
        format!("+{}", "1".repeat(33)),
        "sip:".to_owned(),
        "tel:".to_owned(),
        "sip:alice @example.com".to_owned(),
        "sip:alice\t@example.com".to_owned(),
        format!("sip:{}", "a".repeat(253)),
        "mailto:alice@example.com".to_owned(),
        "sips:alice@example.com".to_owned(),
    ] {
        assert_refused("extension", value, "invalid_extension");
    }
    let digits = assert_refused("extension", "1".repeat(33), "invalid_extension");
    assert!(digits.message.contains("32"), "{:?}", digits.message);
    let letters = assert_refused("extension", "88x56", "invalid_extension");
    assert!(letters.message.contains("sip:"), "{:?}", letters.message);
}

#[test]
fn extension_refuses_numbers_that_are_no_whole_non_negative_integers() {
    for number in [-8856.0, 88.56, f64::NAN, f64::INFINITY, 1e300] {
        assert_refused("extension", number, "invalid_type");
    }
    assert_refused("extension", false, "invalid_type");
}

#[test]
fn sip_uri_of_exactly_256_characters_is_accepted() {
    assert_accepted("extension", format!("sip:{}", "a".repeat(252)));
}

// ---------------------------------------------------------------------------------------------
// status

#[test]
fn status_accepts_each_value_and_combinations() {
    for value in [
        "last",
        "next",
        "ongoing",
        "ongoing,next",
        "ongoing,next,last",
        "last,ongoing",
        "LAST",
        "Ongoing, Next",
        " last ",
        "ongoing , next",
    ] {
        assert_accepted("status", value);
    }
    assert_accepted(
        "status",
        RawValue::List(vec![RawValue::from("ongoing"), RawValue::from("next")]),
    );
}

#[test]
fn status_refuses_unknown_empty_and_repeated_items() {
    for value in [
        "first",
        "lastt",
        "last,",
        ",last",
        "last,,next",
        "   ",
        "last,last",
        "LAST,last",
        "ongoing,next,ongoing",
        "last;next",
        "last next",
        "*",
    ] {
        assert_refused("status", value, "invalid_status");
    }
    let unknown = assert_refused("status", "first", "invalid_status");
    for word in ["ongoing", "next", "last"] {
        assert!(unknown.message.contains(word), "{:?}", unknown.message);
    }
    assert_refused(
        "status",
        RawValue::List(vec![RawValue::from("last"), RawValue::from("last")]),
        "invalid_status",
    );
    assert_refused(
        "status",
        RawValue::List(vec![RawValue::from("sometime")]),
        "invalid_status",
    );
}

#[test]
fn status_refuses_other_types() {
    assert_refused("status", 1.0, "invalid_type");
    assert_refused("status", true, "invalid_type");
    assert_refused("status", RawValue::Other("object"), "invalid_type");
    assert_refused(
        "status",
        RawValue::List(vec![RawValue::from("last"), RawValue::from(1.0)]),
        "invalid_type",
    );
}

// ---------------------------------------------------------------------------------------------
// responseType, method

#[test]
fn response_type_accepts_the_four_types_in_any_case() {
    for value in ["XML", "JSON", "TEXT", "HTML", "xml", "json", "Text", "hTmL"] {
        assert_accepted("responseType", value);
    }
}

#[test]
fn response_type_refuses_anything_else() {
    for value in ["YAML", "X ML", "XMLL", "CSV", "application/json"] {
        let issue = assert_refused("responseType", value, "invalid_response_type");
        for kind in ["XML", "JSON", "TEXT", "HTML"] {
            assert!(issue.message.contains(kind), "{:?}", issue.message);
        }
    }
    assert_refused("responseType", 1.0, "invalid_type");
}

#[test]
fn method_accepts_post_and_get_in_any_case() {
    for value in ["POST", "GET", "post", "get", "Post"] {
        assert_accepted("method", value);
    }
}

#[test]
fn method_refuses_other_methods() {
    for value in ["PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "GETT"] {
        let issue = assert_refused("method", value, "invalid_method");
        assert!(issue.message.contains("POST"), "{:?}", issue.message);
    }
    assert_refused("method", true, "invalid_type");
}

// ---------------------------------------------------------------------------------------------
// baseUrl, allowInsecureHttp

#[test]
fn base_url_accepts_https_and_loopback_http() {
    for value in [
        "https://recorder.example.com",
        "https://recorder.example.com/",
        "https://recorder.example.com:8443",
        "https://recorder.example.com/verba/api",
        "https://proxy.example.com/recorder/",
        "HTTPS://RECORDER.EXAMPLE.COM",
        "https://10.0.0.5",
        "https://[2001:db8::1]:8443",
        "http://localhost",
        "http://localhost:8080",
        "http://127.0.0.1:8080",
        "http://127.10.20.30",
        "http://[::1]:8080",
        "http://[::1]",
    ] {
        assert_accepted("baseUrl", value);
    }
}

#[test]
fn base_url_refuses_relative_odd_and_malformed_urls() {
    for value in [
        "recorder.example.com",
        "/verba/api",
        "//recorder.example.com",
        "https:/recorder.example.com",
        "ftp://recorder.example.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ws://recorder.example.com",
        "https://",
        "https:///verba/api",
        "https://user:secret@recorder.example.com",
        "https://user@recorder.example.com",
        "https://recorder.example.com/?action=DeleteCall",
        "https://recorder.example.com/#top",
        "https://recorder.example.com?x",
        "https://recorder .example.com",
        "https://recorder.example.com/a b",
        "https://recorder.example.com\n",
        "https://recorder.example.com:",
        "https://recorder.example.com:https",
        "https://recorder.example.com:123456",
        "https://[::1",
        "https://[::1]x",
        "https://[::1]8080",
        "https://:8443",
    ] {
        assert_refused("baseUrl", value, "invalid_base_url");
    }
    let credentials = assert_refused(
        "baseUrl",
        "https://user:secret@recorder.example.com",
        "invalid_base_url",
    );
    assert!(!credentials.message.contains("secret"));
    assert!(
        credentials.message.contains("apiKey"),
        "{:?}",
        credentials.message
    );
    let relative = assert_refused("baseUrl", "recorder.example.com", "invalid_base_url");
    assert!(
        relative.message.contains("https://"),
        "{:?}",
        relative.message
    );
}

#[test]
fn base_url_refuses_plain_http_to_other_hosts() {
    for value in [
        "http://recorder.example.com",
        "http://10.0.0.5",
        "http://128.0.0.1",
        "http://126.0.0.1",
        "http://127.0.0.1.nip.io",
        "http://localhost.example.com",
        "http://127.0.0.256",
        "http://127.0.0",
        "http://[::2]",
        "http://[::]",
        "http://0.0.0.0",
    ] {
        let issue = assert_refused("baseUrl", value, "insecure_url");
        assert!(issue.message.contains("https://"), "{:?}", issue.message);
        assert!(
            issue.message.contains("allowInsecureHttp"),
            "the message names the opt-in: {:?}",
            issue.message
        );
    }
}

#[test]
fn allow_insecure_http_opts_in_to_plain_http() {
    let options = by_call_id().with("baseUrl", "http://recorder.lan:8080");
    assert_eq!(
        pairs(&issues_of(&options)),
        vec![pair("baseUrl", "insecure_url")]
    );
    let refused = options.clone().with("allowInsecureHttp", false);
    assert_eq!(
        pairs(&issues_of(&refused)),
        vec![pair("baseUrl", "insecure_url")]
    );
    let allowed = options.with("allowInsecureHttp", true);
    let params = validate(&allowed).expect("opted in");
    assert!(params.allow_insecure_http);
    assert_eq!(params.endpoint, "http://recorder.lan:8080/verba/api");
}

#[test]
fn allow_insecure_http_must_be_a_boolean() {
    assert_accepted("allowInsecureHttp", true);
    assert_accepted("allowInsecureHttp", false);
    for value in [RawValue::from("true"), RawValue::from(1.0)] {
        let issue = assert_refused("allowInsecureHttp", value, "invalid_type");
        assert!(
            issue.message.contains("true or false"),
            "{:?}",
            issue.message
        );
    }
    // A malformed opt-in does not count as an opt-in.
    let options = by_call_id()
        .with("baseUrl", "http://recorder.lan")
        .with("allowInsecureHttp", "yes");
    let found = pairs(&issues_of(&options));
    assert!(
        found.contains(&pair("allowInsecureHttp", "invalid_type")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("baseUrl", "insecure_url")),
        "{found:?}"
    );
}

#[test]
fn base_url_is_required_natively() {
    let options = RawOptions::new().with("apiKey", KEY).with("callID", CALL);
    assert_eq!(
        pairs(&issues_of(&options)),
        vec![pair("baseUrl", "required")]
    );
    assert_refused("baseUrl", 1.0, "invalid_type");
}

// ---------------------------------------------------------------------------------------------
// timeoutMs, signal

#[test]
fn timeout_accepts_whole_milliseconds_up_to_the_timer_limit() {
    for value in [0.0, 1.0, 30_000.0, 2_147_483_647.0] {
        assert_accepted("timeoutMs", value);
    }
    for value in [
        -1.0,
        0.5,
        2_147_483_648.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        let issue = assert_refused("timeoutMs", value, "invalid_value");
        assert!(issue.message.contains("2147483647"), "{:?}", issue.message);
        assert!(issue.message.contains("no timeout"), "{:?}", issue.message);
    }
    let text = assert_refused("timeoutMs", "30000", "invalid_type");
    assert!(text.message.contains("a string"), "{:?}", text.message);
    assert_refused("timeoutMs", true, "invalid_type");
}

#[test]
fn signal_must_be_an_abort_signal() {
    assert_accepted("signal", RawValue::Other("AbortSignal"));
    assert_accepted("signal", RawValue::Null);
    for value in [
        RawValue::Other("object"),
        RawValue::Other("function"),
        RawValue::from("abort"),
        RawValue::from(true),
    ] {
        let issue = assert_refused("signal", value, "invalid_type");
        assert!(issue.message.contains("AbortSignal"), "{:?}", issue.message);
    }
}

// ---------------------------------------------------------------------------------------------
// Unknown options

#[test]
fn unknown_options_are_reported_with_a_suggestion_for_case_typos() {
    for (typo, meant) in [
        ("callId", "callID"),
        ("apikey", "apiKey"),
        ("APIKEY", "apiKey"),
        ("platformCallId", "platformCallID"),
        ("nativeId", "nativeID"),
        ("meetingId", "meetingID"),
        ("Extension", "extension"),
        ("responsetype", "responseType"),
        ("baseURL", "baseUrl"),
        ("timeoutms", "timeoutMs"),
    ] {
        let issue = one_issue(typo, "x");
        assert_eq!(issue.code.as_str(), "unknown_option");
        assert_eq!(issue.field, typo);
        assert!(issue.message.contains(typo), "{:?}", issue.message);
        assert!(
            issue.message.contains(&format!("\"{meant}\"")),
            "{typo}: the message suggests {meant}: {:?}",
            issue.message
        );
    }
}

#[test]
fn unknown_options_without_a_close_name_are_refused() {
    for name in ["action", "callID2", "url", "foo", ""] {
        let issue = one_issue(name, "x");
        assert_eq!(issue.code.as_str(), "unknown_option", "{name:?}");
        assert_eq!(issue.field, name);
        assert!(
            issue.message.contains("Unknown option"),
            "{:?}",
            issue.message
        );
        assert!(
            !issue.message.contains("did you mean"),
            "{:?}",
            issue.message
        );
    }
}

#[test]
fn a_typo_in_the_selector_name_never_loses_the_selector_silently() {
    let options = connection().with("callId", CALL);
    let found = pairs(&issues_of(&options));
    assert!(
        found.contains(&pair("callId", "unknown_option")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("selector", "missing_selector")),
        "{found:?}"
    );
}

#[test]
fn an_unknown_option_alone_blocks_an_otherwise_valid_request() {
    let options = by_call_id().with("dryRun", true);
    assert_eq!(
        pairs(&issues_of(&options)),
        vec![pair("dryRun", "unknown_option")]
    );
}

// ---------------------------------------------------------------------------------------------
// Cross-option rules

#[test]
fn no_selector_is_missing_selector() {
    let issues = issues_of(&connection());
    assert_eq!(pairs(&issues), vec![pair("selector", "missing_selector")]);
}

#[test]
fn each_selector_alone_is_valid() {
    for (name, value) in [
        ("callID", CALL),
        ("platformCallID", "71627389"),
        ("nativeID", "TRS26140192"),
        ("meetingID", "WHBFM6DD"),
    ] {
        let params = validate(&connection().with(name, value)).expect(name);
        assert_eq!(params.selector.field().name(), name);
        assert_eq!(params.selector.value(), value);
    }
    let params = validate(
        &connection()
            .with("extension", "8856")
            .with("status", "last"),
    )
    .expect("extension with status");
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
        .with("meetingID", RawValue::Null)
        .with("platformCallID", RawValue::Absent);
    let params = validate(&options).expect("only callID is given");
    assert_eq!(params.selector.field().name(), "callID");
}

#[test]
fn an_invalid_selector_still_counts_as_given() {
    // A selector of the wrong type or shape must not let another one through unnoticed.
    let options = by_call_id().with("meetingID", 5.0);
    let found = pairs(&issues_of(&options));
    assert!(
        found.contains(&pair("meetingID", "invalid_type")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("callID", "conflicting_selectors")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("meetingID", "conflicting_selectors")),
        "{found:?}"
    );
}

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
        .with("status", RawValue::List(Vec::new()));
    assert_eq!(
        pairs(&issues_of(&empty_list)),
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

    let alone = issues_of(&connection().with("status", "last"));
    let found = pairs(&alone);
    assert!(
        found.contains(&pair("selector", "missing_selector")),
        "{found:?}"
    );
    assert!(
        found.contains(&pair("status", "status_without_extension")),
        "{found:?}"
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let options = RawOptions::new()
        .with("baseUrl", "ftp://recorder")
        .with("apiKey", "nope")
        .with("token", "a b")
        .with("callID", "123")
        .with("responseType", "YAML")
        .with("method", "PUT")
        .with("timeoutMs", -5.0)
        .with("callId", CALL);
    let found = pairs(&issues_of(&options));
    for expected in [
        pair("callId", "unknown_option"),
        pair("apiKey", "invalid_guid"),
        pair("token", "invalid_token"),
        pair("callID", "invalid_guid"),
        pair("responseType", "invalid_response_type"),
        pair("method", "invalid_method"),
        pair("timeoutMs", "invalid_value"),
        pair("baseUrl", "invalid_base_url"),
    ] {
        assert!(
            found.contains(&expected),
            "{expected:?} missing in {found:?}"
        );
    }
    assert_eq!(found.len(), 8, "{found:?}");
}

#[test]
fn validate_parameter_checks_one_field_without_cross_rules() {
    // Live validation of a single field does not complain about the other fields.
    assert_accepted("status", "last");
    assert_accepted("extension", "8856");
    assert_accepted("callID", CALL);
}

// ---------------------------------------------------------------------------------------------
// Secrets never appear in messages

const SECRET_KEY: &str = "Zq9SECRETKEY-not-a-guid-77";
const SECRET_TOKEN: &str = "Zq9 secret token with spaces";

#[test]
fn invalid_secrets_are_never_echoed() {
    let options = RawOptions::new()
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
    assert!(!error.message().contains("Zq9"));
    assert!(!error.to_string().contains("Zq9"));

    for issue in validate_parameter("apiKey", &RawValue::from(SECRET_KEY))
        .into_iter()
        .chain(validate_parameter("token", &RawValue::from(SECRET_TOKEN)))
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
        let options = RawOptions::new()
            .with("baseUrl", "https://recorder.example.com")
            .with("apiKey", key.as_str())
            .with("token", token.as_str())
            .with("nativeID", "x\n");
        let issues = validate(&options).expect_err("nativeID is invalid");
        for issue in &issues {
            prop_assert!(!issue.message.contains("Zq9"), "{:?}", issue.message);
        }
        for issue in validate_parameter("apiKey", &RawValue::from(key.as_str()))
            .into_iter()
            .chain(validate_parameter("token", &RawValue::from(token.as_str())))
        {
            prop_assert!(!issue.message.contains("Zq9"), "{:?}", issue.message);
        }
    }
}
