//! Option validation and request building, DeleteCall and RequestToken: from options made of
//! known names and plausible or random values (or, when the first byte is 0, from JSON text as
//! serde reads it). Validation never panics; a valid request's form encoding (the POST body or
//! the GET query) decodes, with the `form_urlencoded` decoder axum's `Form` uses, to exactly
//! the normalized parameters in the vendor's order; the preview never holds a credential.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use std::borrow::Cow;
use verba_api::{
    AuthMode, DeleteCallOptions, HttpMethod, NormalizedDeleteCallOptions, OptionValue,
    build_delete_call_request, build_request_token_request, validate_delete_call,
    validate_parameter, validate_request_token,
};

const KEY: &str = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
const TOKEN: &str = "09835e02-6c10-11e0-bb22-ba324924019b";
const CALL: &str = "a8343631-9f35-4a3a-83f0-9e81592339fb";

/// Each option name with values that pass or nearly pass its rule.
const SAMPLES: &[(&str, &[&str])] = &[
    (
        "baseUrl",
        &[
            "https://recorder.example.com",
            "http://127.0.0.1:8080",
            "https://recorder.example.com/verba/api",
            "http://[::1]:9/x/",
            "https://u:p@recorder.example.com:8443/a?b=c#d",
            "http://recorder.example.com",
            "HTTPS://RECORDER.EXAMPLE.COM/",
        ],
    ),
    (
        "apiKey",
        &[
            KEY,
            "{74c8eea0-50c6-40b2-9f3e-252ed501c3c8}",
            " 74C8EEA0-50C6-40B2-9F3E-252ED501C3C8 ",
        ],
    ),
    (
        "token",
        &[
            TOKEN,
            "a&b<c>d\"e'f%g+h",
            "Zq9+ab/cd=ef&gh%ij~kl",
            "%41&amp;+%2B\"<x>;",
            "x",
        ],
    ),
    ("callID", &[CALL, "{a8343631-9f35-4a3a-83f0-9e81592339fb}"]),
    ("platformCallID", &["71627389", "a b&c=d+e%f"]),
    ("nativeID", &["TRS26140192", "=&%+#?"]),
    ("meetingID", &["WHBFM6DD"]),
    (
        "extension",
        &[
            "8856",
            "+1 (555) 010-0000",
            "sip:alice@example.com",
            "tel:+15550100",
            "88-56",
        ],
    ),
    (
        "status",
        &["last", "ongoing,next", "next", "ongoing, last", "LAST"],
    ),
    ("responseType", &["XML", "JSON", "TEXT", "HTML", "json"]),
    ("method", &["POST", "GET", "get"]),
    ("timeoutMs", &["1000"]),
    ("allowInsecureHttp", &["true"]),
    ("corsPreflight", &["true"]),
    ("userName", &["myapiuser", "ü s=e&r+"]),
    ("password", &["pa$$word", "p&=+% w\u{e9}x-0123456789abcdef"]),
    ("auth", &["basic", "params", "PARAMS"]),
    ("signal", &[]),
    ("credentials", &[]),
    ("bogus", &["1"]),
];

fn text<'a>(u: &mut Unstructured<'a>, samples: &[&'static str]) -> Result<Cow<'a, str>> {
    let random: &'a str = u.arbitrary()?;
    Ok(match (samples.is_empty(), u.int_in_range(0..=3u8)?) {
        (false, 0 | 1) => Cow::Borrowed(*u.choose(samples)?),
        (false, 2) => Cow::Owned([*u.choose(samples)?, random].concat()),
        _ => Cow::Borrowed(random),
    })
}

fn value<'a>(u: &mut Unstructured<'a>, samples: &[&'static str]) -> Result<OptionValue<'a>> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => OptionValue::Number(u.arbitrary::<f64>()?),
        1 => OptionValue::Number(f64::from(u.arbitrary::<u32>()?)),
        2 => OptionValue::Bool(u.arbitrary()?),
        3 => OptionValue::Null,
        4 => {
            let mut list = Vec::new();
            for _ in 0..u.int_in_range(0..=3u8)? {
                list.push(match u.int_in_range(0..=3u8)? {
                    0 => OptionValue::Number(f64::from(u.arbitrary::<i8>()?)),
                    _ => OptionValue::Text(text(u, &["ongoing", "last", "next", " Last "])?),
                });
            }
            OptionValue::List(list)
        }
        _ => OptionValue::Text(text(u, samples)?),
    })
}

fn options<'a>(u: &mut Unstructured<'a>) -> Result<DeleteCallOptions<'a>> {
    let mut options = DeleteCallOptions::new();
    for &(name, samples) in SAMPLES {
        let value = match (name, u.int_in_range(0..=5u8)?) {
            (_, 0) => continue,
            ("timeoutMs", 1) => OptionValue::Number(f64::from(u.int_in_range(0..=600_000u32)?)),
            ("allowInsecureHttp" | "corsPreflight", 1) => OptionValue::Bool(u.arbitrary()?),
            // A connection and one selector often, so that many inputs are valid.
            ("baseUrl" | "apiKey" | "callID", _) => match u.int_in_range(0..=5u8)? {
                0 => value(u, samples)?,
                _ => OptionValue::Text(Cow::Borrowed(samples[0])),
            },
            ("token" | "platformCallID" | "nativeID" | "meetingID" | "extension", 1..=3) => {
                continue;
            }
            _ => value(u, samples)?,
        };
        validate_parameter(name, &value);
        options.set(name, value);
    }
    Ok(options)
}

/// The pairs of a form-encoded text, decoded as axum's `Form` decodes them.
fn decoded(encoded: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded.as_bytes())
        .into_owned()
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|&(name, value)| (name.to_owned(), value.to_owned()))
        .collect()
}

/// The URL split at its query.
fn query(url: &str) -> (&str, &str) {
    url.split_once('?').expect("a query with the action")
}

/// What a preview says besides the values: methods, the action, headers, names, the redactions.
const WORDING: &[&str] = &[
    "POST ",
    "GET ",
    "?action=DeleteCall",
    "?action=RequestToken",
    "Content-Type: ",
    "application/x-www-form-urlencoded",
    "Authorization: Basic ",
    "…REDACTED",
    "REDACTED",
    "apiKey=",
    "token=",
    "responseType=",
    "callID=",
    "platformCallID=",
    "nativeID=",
    "meetingID=",
    "extension=",
    "status=",
    "userName=",
    "password=",
    "&",
];

/// A credential is not in the preview as it is, nor form-encoded, once the values the preview
/// may show (the endpoint, the selector, the user name, ...), as given and form-encoded, and its
/// own [`WORDING`] are taken out: one of them may hold the credential's text, or make it with the escape before it
/// (`%27` + `4c8…` reads as `74c8…`). Too short a credential tells nothing.
fn assert_hidden(preview: &str, secret: &str, shown_values: &[&str]) {
    if secret.len() < 12 {
        return;
    }
    let encode =
        |text: &str| -> String { form_urlencoded::byte_serialize(text.as_bytes()).collect() };
    let mut rest = preview.to_owned();
    for shown in shown_values.iter().filter(|shown| !shown.is_empty()) {
        rest = rest.replace(&encode(shown), "\n").replace(shown, "\n");
    }
    // The library's own words: a credential may be made of them (`x-www-form-ur`).
    for word in WORDING {
        rest = rest.replace(word, "\n");
    }
    assert!(
        !rest.contains(secret) && !rest.contains(&encode(secret)),
        "a credential in the preview {preview:?}"
    );
}

fn check_delete_call(options: &DeleteCallOptions) {
    let Ok(params) = validate_delete_call(options) else {
        return;
    };
    let request = build_delete_call_request(&params);
    let normalized = NormalizedDeleteCallOptions::from(&params);
    let selector = [
        ("callID", normalized.call_id),
        ("platformCallID", normalized.platform_call_id),
        ("nativeID", normalized.native_id),
        ("meetingID", normalized.meeting_id),
        ("extension", normalized.extension),
    ];
    let mut given = selector
        .iter()
        .filter_map(|&(name, value)| Some((name, value?)));
    let selector = given.next().expect("one selector");
    assert!(given.next().is_none(), "one selector only");
    let mut expected = vec![("apiKey", normalized.api_key)];
    expected.extend(normalized.token.map(|token| ("token", token)));
    expected.push(("responseType", normalized.response_type.as_str()));
    expected.push(selector);
    expected.extend(
        normalized
            .status
            .as_deref()
            .map(|status| ("status", status)),
    );
    let expected = pairs(&expected);

    let (endpoint, query) = query(&request.url);
    assert_eq!(endpoint, normalized.base_url);
    assert!(endpoint.ends_with("/verba/api"));
    let action = pairs(&[("action", "DeleteCall")]);
    match request.method {
        HttpMethod::Post => {
            assert_eq!(decoded(query), action);
            let body = request.body.as_deref().expect("a POST body");
            assert_eq!(decoded(body), expected, "body {body:?}");
        }
        HttpMethod::Get => {
            assert!(request.body.is_none());
            let mut all = action;
            all.extend(expected);
            assert_eq!(decoded(query), all, "query {query:?}");
        }
    }
    let status = normalized.status.as_deref().unwrap_or("");
    let shown = [
        normalized.base_url,
        selector.1,
        status,
        normalized.response_type.as_str(),
    ];
    assert_hidden(&request.preview, normalized.api_key, &shown);
    if let Some(token) = normalized.token {
        assert_hidden(&request.preview, token, &shown);
    }
}

fn check_request_token(options: &DeleteCallOptions) {
    let Ok(params) = validate_request_token(options) else {
        return;
    };
    let request = build_request_token_request(&params);
    let mut expected = vec![("apiKey", params.api_key.as_str())];
    if params.auth == AuthMode::Params {
        expected.push(("userName", params.user_name.as_str()));
        expected.push(("password", params.password.as_str()));
    }
    expected.push(("responseType", params.response_type.as_str()));
    let expected = pairs(&expected);
    let (endpoint, query) = query(&request.url);
    assert_eq!(endpoint, params.endpoint);
    let action = pairs(&[("action", "RequestToken")]);
    match request.method {
        HttpMethod::Post => {
            assert_eq!(decoded(query), action);
            assert_eq!(decoded(request.body.as_deref().expect("a body")), expected);
        }
        HttpMethod::Get => {
            assert_ne!(params.auth, AuthMode::Params, "never the password in a URL");
            let mut all = action;
            all.extend(expected);
            assert_eq!(decoded(query), all);
        }
    }
    let shown = [
        params.endpoint.as_str(),
        params.user_name.as_str(),
        params.response_type.as_str(),
    ];
    for secret in params.secrets() {
        assert_hidden(&request.preview, secret, &shown);
    }
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let options = match data.split_first() {
        Some((0, json)) => {
            let Ok(json) = std::str::from_utf8(json) else {
                return;
            };
            match serde_json::from_str::<DeleteCallOptions>(json) {
                Ok(options) => options,
                Err(_) => return,
            }
        }
        _ => match options(&mut Unstructured::new(data)) {
            Ok(options) => options,
            Err(_) => return,
        },
    };
    check_delete_call(&options);
    check_request_token(&options);
});
