//! Each option alone, as `validateParameter` judges it while the user types: the values it
//! accepts, the code of each refusal, and what the refusal's message says.
//!
//! The rules that involve the whole request are in `validation_whole_request.rs`; the codes and
//! the form of the messages in `validation_messages.rs`.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{CALL, KEY, TOKEN, Value, assert_accepted, assert_refused, one_issue};

/// `accepts! { test: [option, ...] => [value, ...]; }`: one test in which `validateParameter`
/// finds nothing wrong with any of the values, for each of the options.
macro_rules! accepts {
    ($($(#[$doc:meta])* $test:ident: [$($name:literal),+] => [$($value:expr),+ $(,)?];)+) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            let names = [$($name),+];
            for name in names {
                let values = [$(Value::from($value)),+];
                for value in values {
                    assert_accepted(name, value);
                }
            }
        }
    )+};
}

/// `refuses! { test: [option, ...] => code mentioning [word, ...]: [value, ...]; }`: one test in
/// which each value gets exactly one issue, of the code, on the option, with a message that
/// names the option and contains every word given (`mentioning` is optional).
macro_rules! refuses {
    ($(
        $(#[$doc:meta])*
        $test:ident: [$($name:literal),+] => $code:literal $(mentioning [$($word:literal),+])?:
            [$($value:expr),+ $(,)?];
    )+) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            let names = [$($name),+];
            let words: &[&str] = &[$($($word),+)?];
            for name in names {
                let values = [$(Value::from($value)),+];
                for value in values {
                    let issue = assert_refused(name, value.clone(), $code);
                    for word in words {
                        assert!(
                            issue.message.contains(word),
                            "{name} = {value:?}: the message lacks {word:?}: {:?}",
                            issue.message
                        );
                    }
                }
            }
        }
    )+};
}

// ---------------------------------------------------------------------------------------------
// Any option

accepts! {
    /// `required` is a whole-request rule; validateParameter judges only the value typed so far.
    an_empty_field_alone_is_not_an_issue_for_live_validation:
        ["apiKey", "token", "callID", "nativeID", "extension", "status", "baseUrl"]
            => ["", Value::Null, Value::Absent];
}

#[test]
fn validate_parameter_checks_one_field_without_cross_rules() {
    // Live validation of a single field does not complain about the other fields.
    assert_accepted("status", "last");
    assert_accepted("extension", "8856");
    assert_accepted("callID", CALL);
}

// ---------------------------------------------------------------------------------------------
// apiKey and callID: GUIDs

accepts! {
    guid_fields_accept_guids_in_any_case_with_or_without_braces: ["apiKey", "callID"] => [
        KEY,
        "74C8EEA0-50C6-40B2-9F3E-252ED501C3C8",
        "74c8EEA0-50c6-40B2-9f3e-252ED501c3c8",
        "{74c8eea0-50c6-40b2-9f3e-252ed501c3c8}",
        "{74C8EEA0-50C6-40B2-9F3E-252ED501C3C8}",
        "00000000-0000-0000-0000-000000000000",
    ];
}

refuses! {
    /// The message shows the expected shape.
    guid_fields_refuse_everything_else_with_invalid_guid:
        ["apiKey", "callID"] => "invalid_guid" mentioning ["8-4-4-4-12"]: [
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
    guid_fields_refuse_numbers_naming_the_type:
        ["apiKey", "callID"] => "invalid_type" mentioning ["a number", "string"]: [12.0];
    guid_fields_refuse_other_types: ["apiKey", "callID"] => "invalid_type": [
        true,
        Value::Other("object"),
        Value::List(vec![Value::from(KEY)]),
    ];
}

// ---------------------------------------------------------------------------------------------
// token

accepts! {
    token_accepts_guids_and_opaque_visible_ascii: ["token"] => [
        TOKEN,
        "0123456789abcdef0123456789ABCDEF",
        "x",
        "a+b/c=d&e%f#g~!",
        "t".repeat(256),
    ];
}

refuses! {
    token_refuses_spaces_control_characters_non_ascii_and_excess_length:
        ["token"] => "invalid_token" mentioning ["256", "RequestToken"]: [
            "has space",
            "tab\there",
            "line\nbreak",
            "crlf\r\n",
            " leading",
            "tökén",
            "nul\0",
            "del\u{7f}",
            "t".repeat(257),
        ];
    token_refuses_other_types: ["token"] => "invalid_type": [42.0, false];
}

// ---------------------------------------------------------------------------------------------
// platformCallID, nativeID, meetingID: opaque

accepts! {
    opaque_ids_accept_printable_text_up_to_256_characters:
        ["platformCallID", "nativeID", "meetingID"] => [
            "71627389",
            "TRS26140192",
            "WHBFM6DD",
            "inner spaces are fine",
            "a&b=c#d%e+f",
            "Ünïcödé 会议 😀",
            "x".repeat(256),
            // 256 characters, 512 bytes: the limit counts characters.
            "é".repeat(256),
        ];
    platform_call_id_accepts_non_negative_whole_numbers:
        ["platformCallID"] => [0.0, 7.0, 71627389.0, 9_007_199_254_740_991.0];
}

refuses! {
    opaque_ids_refuse_control_characters:
        ["platformCallID", "nativeID", "meetingID"] => "invalid_value": [
            "line\nbreak",
            "tab\tinside",
            "cr\rinside",
            "nul\0",
            "del\u{7f}",
            "c1\u{85}",
        ];
    opaque_ids_refuse_padding:
        ["platformCallID", "nativeID", "meetingID"] => "invalid_value" mentioning ["spaces"]: [
            " leading",
            "trailing ",
            "nbsp\u{a0}",
            "\u{3000}ideographic space",
            " x",
        ];
    opaque_ids_refuse_more_than_256_characters:
        ["platformCallID", "nativeID", "meetingID"] => "invalid_value" mentioning ["256"]: [
            "x".repeat(257),
            "é".repeat(257),
        ];
    platform_call_id_refuses_numbers_that_are_no_whole_non_negative_integers:
        ["platformCallID"] => "invalid_type" mentioning ["whole number"]: [
            -1.0,
            1.5,
            9_007_199_254_740_992.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
    platform_call_id_refuses_other_types: ["platformCallID"] => "invalid_type": [true];
    /// The issue allows numeric input only for platformCallID and extension; a number elsewhere
    /// is reported, not silently turned into text.
    native_and_meeting_ids_refuse_numbers_instead_of_coercing_them:
        ["nativeID", "meetingID"] => "invalid_type" mentioning ["a number"]: [26140192.0];
}

// ---------------------------------------------------------------------------------------------
// extension

accepts! {
    extension_accepts_numbers_with_separators_and_sip_tel_uris: ["extension"] => [
        "8856",
        "+3612345678",
        "+36 (1) 234-5678",
        "1.234.567",
        "*86#",
        "0",
        "1".repeat(32),
        format!("+{}", "1".repeat(32)),
        format!("{}-{}", "1".repeat(16), "2".repeat(16)),
        "sip:alice@example.com",
        "SIP:Alice.Smith@Example.com",
        "tel:+1-555-0100",
        "sip:a&b=c@example.com;transport=tls",
        8856.0,
        0.0,
    ];
    sip_uri_of_exactly_256_characters_is_accepted:
        ["extension"] => [format!("sip:{}", "a".repeat(252))];
}

refuses! {
    extension_refuses_anything_that_is_no_number_or_uri: ["extension"] => "invalid_extension": [
        "abc",
        "1+2",
        "++1",
        "+",
        "---",
        "()",
        "12/34",
        "12_34",
        "12,34",
        "line\n1",
        "\u{0661}\u{0662}\u{0663}", // Arabic-Indic digits
        "１２３",                   // full-width digits
        "sip:",
        "tel:",
        "sip:alice @example.com",
        "sip:alice\t@example.com",
        format!("sip:{}", "a".repeat(253)),
        "mailto:alice@example.com",
        "sips:alice@example.com",
    ];
    extension_refuses_letters_naming_the_uri_forms:
        ["extension"] => "invalid_extension" mentioning ["sip:"]: ["88x56"];
    extension_refuses_more_than_32_digits:
        ["extension"] => "invalid_extension" mentioning ["32"]: [
            "1".repeat(33),
            format!("+{}", "1".repeat(33)),
        ];
    extension_refuses_numbers_that_are_no_whole_non_negative_integers:
        ["extension"] => "invalid_type": [-8856.0, 88.56, f64::NAN, f64::INFINITY, 1e300, false];
}

// ---------------------------------------------------------------------------------------------
// status

accepts! {
    status_accepts_each_value_and_combinations: ["status"] => [
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
        Value::List(vec![Value::from("ongoing"), Value::from("next")]),
    ];
}

refuses! {
    status_refuses_unknown_empty_and_repeated_items: ["status"] => "invalid_status": [
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
        Value::List(vec![Value::from("last"), Value::from("last")]),
        Value::List(vec![Value::from("sometime")]),
    ];
    status_refuses_an_unknown_value_naming_the_known_ones:
        ["status"] => "invalid_status" mentioning ["ongoing", "next", "last"]: ["first"];
    status_refuses_other_types: ["status"] => "invalid_type": [
        1.0,
        true,
        Value::Other("object"),
        Value::List(vec![Value::from("last"), Value::from(1.0)]),
    ];
}

// ---------------------------------------------------------------------------------------------
// responseType, method

accepts! {
    response_type_accepts_the_four_types_in_any_case:
        ["responseType"] => ["XML", "JSON", "TEXT", "HTML", "xml", "json", "Text", "hTmL"];
    method_accepts_post_and_get_in_any_case: ["method"] => ["POST", "GET", "post", "get", "Post"];
}

refuses! {
    response_type_refuses_anything_else:
        ["responseType"] => "invalid_response_type" mentioning ["XML", "JSON", "TEXT", "HTML"]: [
            "YAML",
            "X ML",
            "XMLL",
            "CSV",
            "application/json",
        ];
    response_type_refuses_other_types: ["responseType"] => "invalid_type": [1.0];
    method_refuses_other_methods:
        ["method"] => "invalid_method" mentioning ["POST"]: [
            "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "GETT",
        ];
    method_refuses_other_types: ["method"] => "invalid_type": [true];
}

// ---------------------------------------------------------------------------------------------
// baseUrl, allowInsecureHttp

accepts! {
    base_url_accepts_https_and_loopback_http: ["baseUrl"] => [
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
    ];
    allow_insecure_http_accepts_a_boolean: ["allowInsecureHttp"] => [true, false];
    cors_preflight_accepts_a_boolean: ["corsPreflight"] => [true, false];
}

refuses! {
    base_url_refuses_relative_odd_and_malformed_urls: ["baseUrl"] => "invalid_base_url": [
        "/verba/api",
        "//recorder.example.com",
        "https:/recorder.example.com",
        "ftp://recorder.example.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ws://recorder.example.com",
        "https://",
        "https:///verba/api",
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
    ];
    base_url_refuses_a_host_alone_naming_the_scheme:
        ["baseUrl"] => "invalid_base_url" mentioning ["https://"]: ["recorder.example.com"];
    /// The message names the opt-in.
    base_url_refuses_plain_http_to_other_hosts:
        ["baseUrl"] => "insecure_url" mentioning ["https://", "allowInsecureHttp"]: [
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
        ];
    base_url_refuses_other_types: ["baseUrl"] => "invalid_type": [1.0];
    allow_insecure_http_must_be_a_boolean:
        ["allowInsecureHttp"] => "invalid_type" mentioning ["true or false"]: ["true", 1.0];
    cors_preflight_refuses_other_types:
        ["corsPreflight"] => "invalid_type" mentioning ["true or false"]: ["false", 0.0];
}

#[test]
fn base_url_with_credentials_is_refused_without_echoing_them() {
    let issue = assert_refused(
        "baseUrl",
        "https://user:secret@recorder.example.com",
        "invalid_base_url",
    );
    assert!(!issue.message.contains("secret"), "{:?}", issue.message);
    assert!(issue.message.contains("apiKey"), "{:?}", issue.message);
}

// ---------------------------------------------------------------------------------------------
// timeoutMs, signal

accepts! {
    timeout_accepts_whole_milliseconds_up_to_the_timer_limit:
        ["timeoutMs"] => [0.0, 1.0, 30_000.0, 2_147_483_647.0];
    signal_accepts_an_abort_signal_or_null: ["signal"] => [Value::Other("AbortSignal"), Value::Null];
}

refuses! {
    timeout_refuses_other_numbers:
        ["timeoutMs"] => "invalid_value" mentioning ["2147483647", "no timeout"]: [
            -1.0,
            0.5,
            2_147_483_648.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
    timeout_refuses_text_naming_its_type:
        ["timeoutMs"] => "invalid_type" mentioning ["a string"]: ["30000"];
    timeout_refuses_other_types: ["timeoutMs"] => "invalid_type": [true];
    signal_must_be_an_abort_signal:
        ["signal"] => "invalid_type" mentioning ["AbortSignal"]: [
            Value::Other("object"),
            Value::Other("function"),
            "abort",
            true,
        ];
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
