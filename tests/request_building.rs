//! The HTTP request built from valid options: POST keeps everything but the action out of the
//! URL, GET reproduces the vendor's sample, the preview never shows a secret, and the GET length
//! limit.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{
    HOST, KEY, Options, SELECTOR_SAMPLES, TOKEN, build, by_call_id, connection,
    connection_without_token, decode, issues_of, owned, valid,
};
use verba_api::{HttpMethod, MAX_GET_URL_CHARS};

/// The vendor's documented GET sample, host aside.
const VENDOR_SAMPLE: &str = "/verba/api?action=DeleteCall&apiKey=74c8eea0-50c6-40b2-9f3e-252ed501c3c8&token=09835e02-6c10-11e0-bb22-ba324924019b&responseType=XML&extension=8856&status=last";

/// The options of the vendor's sample.
fn vendor_options<'a>() -> Options<'a> {
    connection()
        .with("extension", "8856")
        .with("status", "last")
}

#[test]
fn constants_have_the_contract_values() {
    assert_eq!(MAX_GET_URL_CHARS, 4000);
    let request = build(&vendor_options());
    assert!(request.url.ends_with("/verba/api?action=DeleteCall"));
    assert_eq!(
        request.headers,
        [("Content-Type", "application/x-www-form-urlencoded")]
    );
}

// ---------------------------------------------------------------------------------------------
// POST

#[test]
fn post_puts_only_the_action_in_the_url() {
    let request = build(&vendor_options());
    assert_eq!(request.method, HttpMethod::Post);
    assert_eq!(
        request.url,
        "https://recorder.example.com/verba/api?action=DeleteCall"
    );
    assert!(!request.url.contains(KEY));
    assert!(!request.url.contains(TOKEN));
    assert!(!request.url.contains("8856"));
}

#[test]
fn post_body_is_form_encoded_in_the_vendor_order() {
    let request = build(&vendor_options());
    assert_eq!(
        request.body.as_deref(),
        Some(
            "apiKey=74c8eea0-50c6-40b2-9f3e-252ed501c3c8&token=09835e02-6c10-11e0-bb22-ba324924019b&responseType=XML&extension=8856&status=last"
        )
    );
    assert_eq!(
        request.headers,
        vec![("Content-Type", "application/x-www-form-urlencoded")]
    );
}

#[test]
fn post_body_never_repeats_the_action() {
    let body = build(&vendor_options()).body.unwrap();
    assert!(
        decode(&body).iter().all(|(key, _)| key != "action"),
        "{body}"
    );
}

#[test]
fn post_body_encodes_reserved_characters() {
    let request = build(
        &connection()
            .with("token", "a+b/c=d&e%f#g")
            .with("nativeID", "TRS 26&14=01#92%+é"),
    );
    assert_eq!(
        request.body.as_deref(),
        Some(
            "apiKey=74c8eea0-50c6-40b2-9f3e-252ed501c3c8&token=a%2Bb%2Fc%3Dd%26e%25f%23g&responseType=XML&nativeID=TRS+26%2614%3D01%2392%25%2B%C3%A9"
        )
    );
    assert_eq!(
        decode(request.body.as_deref().unwrap()),
        owned(&[
            ("apiKey", KEY),
            ("token", "a+b/c=d&e%f#g"),
            ("responseType", "XML"),
            ("nativeID", "TRS 26&14=01#92%+é"),
        ])
    );
}

#[test]
fn each_selector_is_sent_under_its_vendor_name() {
    for (name, value) in SELECTOR_SAMPLES {
        let request = build(&connection_without_token().with(name, value));
        assert_eq!(
            decode(request.body.as_deref().unwrap()),
            owned(&[("apiKey", KEY), ("responseType", "XML"), (name, value)]),
            "{name}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// GET

#[test]
fn get_reproduces_the_vendor_sample_exactly() {
    let request = build(&vendor_options().with("method", "GET"));
    assert_eq!(request.method, HttpMethod::Get);
    assert_eq!(request.url, format!("{HOST}{VENDOR_SAMPLE}"));
    assert_eq!(request.body, None);
    assert!(
        request
            .headers
            .iter()
            .all(|(name, _)| !name.eq_ignore_ascii_case("content-type")),
        "{:?}",
        request.headers
    );
}

#[test]
fn get_keeps_the_vendor_sample_on_a_loopback_host_and_behind_a_prefix() {
    let request = build(
        &vendor_options()
            .with("method", "get")
            .with("baseUrl", "http://127.0.0.1:8080"),
    );
    assert_eq!(request.url, format!("http://127.0.0.1:8080{VENDOR_SAMPLE}"));

    let request = build(
        &vendor_options()
            .with("method", "GET")
            .with("baseUrl", "https://proxy.example.com/recorder/"),
    );
    assert_eq!(
        request.url,
        format!("https://proxy.example.com/recorder{VENDOR_SAMPLE}")
    );
}

#[test]
fn get_query_decodes_to_the_parameters_with_the_action_first() {
    let request = build(
        &vendor_options()
            .with("method", "GET")
            .with("token", "a+b=c&d")
            .with("status", "ongoing,next"),
    );
    let (path, query) = request.url.split_once('?').unwrap();
    assert_eq!(path, "https://recorder.example.com/verba/api");
    assert_eq!(
        decode(query),
        owned(&[
            ("action", "DeleteCall"),
            ("apiKey", KEY),
            ("token", "a+b=c&d"),
            ("responseType", "XML"),
            ("extension", "8856"),
            ("status", "ongoing,next"),
        ])
    );
    assert!(query.contains("status=ongoing%2Cnext"), "{query}");
}

// ---------------------------------------------------------------------------------------------
// Preview

fn assert_no_secret(preview: &str) {
    assert!(!preview.contains(KEY), "{preview}");
    assert!(!preview.contains(TOKEN), "{preview}");
    // Not even the part after the four characters shown.
    assert!(!preview.contains("eea0"), "{preview}");
    assert!(!preview.contains("252ed501c3c8"), "{preview}");
    assert!(!preview.contains("5e02"), "{preview}");
    assert!(!preview.contains("ba324924019b"), "{preview}");
}

#[test]
fn post_preview_is_redacted_and_readable() {
    let request = build(&vendor_options());
    let preview = &request.preview;
    assert_no_secret(preview);
    assert!(
        preview.starts_with("POST https://recorder.example.com/verba/api?action=DeleteCall"),
        "{preview}"
    );
    assert!(
        preview.contains("Content-Type: application/x-www-form-urlencoded"),
        "{preview}"
    );
    assert!(preview.contains("apiKey=74c8…REDACTED"), "{preview}");
    assert!(preview.contains("token=0983…REDACTED"), "{preview}");
    assert!(preview.contains("responseType=XML"), "{preview}");
    assert!(preview.contains("extension=8856"), "{preview}");
    assert!(preview.contains("status=last"), "{preview}");
}

#[test]
fn get_preview_is_redacted_and_readable() {
    let request = build(&vendor_options().with("method", "GET"));
    let preview = &request.preview;
    assert_no_secret(preview);
    assert!(
        preview.starts_with("GET https://recorder.example.com/verba/api?action=DeleteCall&"),
        "{preview}"
    );
    assert!(preview.contains("apiKey=74c8…REDACTED"), "{preview}");
    assert!(preview.contains("token=0983…REDACTED"), "{preview}");
    assert!(preview.contains("extension=8856&status=last"), "{preview}");
    assert!(!preview.contains("Content-Type"), "{preview}");
    // The URL itself holds the secrets (that is what GET means); the preview must not be it.
    assert!(request.url.contains(KEY));
    assert_ne!(request.preview, format!("GET {}", request.url));
}

#[test]
fn short_tokens_are_redacted_entirely() {
    for method in ["POST", "GET"] {
        let request = build(
            &vendor_options()
                .with("method", method)
                .with("token", "Tk7q%Zx"),
        );
        let preview = &request.preview;
        assert!(!preview.contains("Tk7q"), "{preview}");
        assert!(!preview.contains("Tk7q%25Zx"), "{preview}");
        assert!(preview.contains("token=REDACTED"), "{preview}");
    }
}

#[test]
fn preview_shows_each_non_secret_parameter() {
    let request = build(
        &connection_without_token()
            .with("meetingID", "WHBFM6DD")
            .with("responseType", "json"),
    );
    assert!(
        request.preview.contains("meetingID=WHBFM6DD"),
        "{}",
        request.preview
    );
    assert!(
        request.preview.contains("responseType=JSON"),
        "{}",
        request.preview
    );
    assert!(
        !request.preview.contains("token="),
        "no token given: {}",
        request.preview
    );
}

// ---------------------------------------------------------------------------------------------
// GET length limit

fn long_base(path_chars: usize) -> String {
    format!("{HOST}/{}", "p".repeat(path_chars))
}

/// A valid request by callID to `base` with `method`.
fn by_call_id_at<'a>(base: &'a str, method: &'a str) -> Options<'a> {
    by_call_id().with("baseUrl", base).with("method", method)
}

#[test]
fn get_over_4000_characters_is_url_too_long() {
    let base = long_base(4000);
    let issues = issues_of(&by_call_id_at(&base, "GET"));
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].code.as_str(), "url_too_long");
    assert_eq!(issues[0].field, "method");
    assert!(issues[0].message.contains("4000"), "{}", issues[0].message);
    assert!(
        issues[0].message.contains("POST"),
        "the fix: {}",
        issues[0].message
    );
    assert!(!issues[0].message.contains(KEY));
}

#[test]
fn the_same_request_is_fine_with_post() {
    let request = build(&by_call_id_at(&long_base(4000), "POST"));
    assert!(request.url.len() > 4000);
    assert_eq!(request.method, HttpMethod::Post);
}

#[test]
fn the_limit_is_exactly_4000_characters_of_built_url() {
    // Find the path length for which the GET URL is exactly 4000 characters: the validator's
    // estimate must agree with the URL actually built, on both sides of the limit.
    let short = build(&by_call_id_at(&long_base(1), "GET"));
    let path_for_4000 = 1 + 4000 - short.url.len();
    let at_limit = build(&by_call_id_at(&long_base(path_for_4000), "GET"));
    assert_eq!(at_limit.url.len(), 4000);
    let over = issues_of(&by_call_id_at(&long_base(path_for_4000 + 1), "GET"));
    assert_eq!(over[0].code.as_str(), "url_too_long");
}

#[test]
fn the_limit_counts_encoded_characters() {
    // 250 three-byte characters are 250 characters as given, 2250 once percent-encoded.
    let wide = "€".repeat(250);
    let base = long_base(1800);
    let post = connection_without_token()
        .with("baseUrl", base.as_str())
        .with("nativeID", wide.as_str());
    let get = post.clone().with("method", "GET");
    let issues = issues_of(&get); // 2250 encoded + 1800 path > 4000
    assert_eq!(issues[0].code.as_str(), "url_too_long");
    valid(&post); // the same request by POST is fine
}

#[test]
fn other_issues_are_reported_when_the_get_url_is_also_long() {
    let base = long_base(4000);
    let issues = issues_of(&by_call_id_at(&base, "GET").with("responseType", "YAML"));
    let codes: Vec<&str> = issues.iter().map(|issue| issue.code.as_str()).collect();
    assert!(codes.contains(&"invalid_response_type"), "{codes:?}");
}
