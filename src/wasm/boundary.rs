//! Crossing between JavaScript and the core: one string in, one string out per call.
//!
//! `browser.js` reads the caller's objects into NUL-separated fields and builds the result
//! objects from the fields written here; crossing with a few strings costs far less than one
//! crossing per property.

use crate::error::{VerbaError, push_number};
use crate::input::{RawOptions, RawValue};
use crate::params::{DeleteCallParams, ResponseType, Selector, status_list};
use crate::reply::DeleteCallOutcome;
use crate::request::BuiltRequest;
use crate::validation::{IssueCode, ValidationIssue};
use js_sys::Promise;
use std::borrow::Cow;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/wasm/browser.js")]
extern "C" {
    /// The JavaScript class (it extends `Error`, which a Rust-defined class cannot).
    #[wasm_bindgen(js_name = VerbaError)]
    type JsVerbaError;
    /// The caller's options in one string (one crossing); [`unpack_options`] reads it.
    #[wasm_bindgen(js_name = packOptions)]
    pub(crate) fn pack_options(options: &JsValue) -> String;
    /// One option for `validateParameter` in one string; [`unpack_parameter`] reads it.
    #[wasm_bindgen(js_name = packParameter)]
    pub(crate) fn pack_parameter(name: &JsValue, value: &JsValue) -> String;
    #[wasm_bindgen(js_name = toIssues)]
    fn to_issues(packed: &str) -> JsValue;
    #[wasm_bindgen(js_name = toReport)]
    fn to_report(packed: &str) -> JsValue;
    #[wasm_bindgen(js_name = toRequest)]
    fn to_request(packed: &str) -> JsValue;
    #[wasm_bindgen(js_name = toResult)]
    fn to_result(
        message: Option<&str>,
        response_type_index: u32,
        http_status: u16,
        with_raw: bool,
        raw: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = toError)]
    fn to_error(packed: &str, cause: &JsValue) -> JsValue;
    /// fetch with the caller's signal and the timeout; see `browser.js`.
    pub(crate) fn send(
        method: &str,
        url: &str,
        body: &str,
        content_type: &str,
        options: &JsValue,
        timeout_ms: u32,
    ) -> Promise;
}

/// Whether `value` is an instance of the package's JavaScript `VerbaError` class.
pub fn is_verba_error(value: &JsValue) -> bool {
    use wasm_bindgen::JsCast;
    value.is_instance_of::<JsVerbaError>()
}

const SEP: char = '\0';

/// Appends one field; a NUL in it (only possible in text from the recorder) becomes U+FFFD so
/// it cannot split the record.
fn push_field(out: &mut String, text: &str) {
    if text.contains(SEP) {
        out.push_str(&text.replace(SEP, "\u{fffd}"));
    } else {
        out.push_str(text);
    }
    out.push(SEP);
}

fn push_issues(out: &mut String, issues: &[ValidationIssue]) {
    for issue in issues {
        push_field(out, &issue.field);
        push_field(out, issue.code.as_str());
        push_field(out, &issue.message);
    }
}

/// The options in `packed`, borrowing its text.
pub(crate) fn unpack_options(packed: &str) -> Result<RawOptions<'_>, ValidationIssue> {
    if let Some(type_name) = packed.strip_prefix('!') {
        return Err(ValidationIssue {
            field: "options".to_owned(),
            code: IssueCode::InvalidType,
            message: [
                "options must be an object such as { apiKey, callID }, not ",
                type_name,
                ".",
            ]
            .concat(),
        });
    }
    let mut raw = RawOptions::new();
    let mut fields = packed.split(SEP);
    while let (Some(name), Some(value)) = (fields.next(), fields.next()) {
        raw.set(name, raw_value(value));
    }
    Ok(raw)
}

/// The name and value in `packed`; `None` when the name was no string.
pub(crate) fn unpack_parameter(packed: &str) -> Option<(&str, RawValue<'_>)> {
    let mut fields = packed.split(SEP);
    match (fields.next(), fields.next()) {
        (Some(name), Some(value)) => Some((name, raw_value(value))),
        _ => None,
    }
}

/// A value from its type tag (see `packValue` in `browser.js`).
fn raw_value(tagged: &str) -> RawValue<'_> {
    let mut chars = tagged.chars();
    let tag = chars.next();
    let rest = chars.as_str();
    match tag {
        Some('s') => RawValue::Text(Cow::Borrowed(rest)),
        // The exact value of a number only matters when it is a non-negative safe integer; any
        // other number fails every rule the same way, which NaN reproduces.
        Some('i') => RawValue::Number(rest.parse::<u64>().map_or(f64::NAN, |n| n as f64)),
        Some('f') => RawValue::Number(f64::NAN),
        Some('t') => RawValue::Bool(true),
        Some('b') => RawValue::Bool(false),
        Some('n') => RawValue::Null,
        Some('e') => RawValue::List(Vec::new()),
        Some('l') => RawValue::List(
            rest.split('\u{2}')
                .map(|item| RawValue::Text(Cow::Borrowed(item)))
                .collect(),
        ),
        Some('L') => RawValue::List(vec![RawValue::Other(type_name(rest))]),
        Some('a') => RawValue::Other("AbortSignal"),
        Some('o') => RawValue::Other(type_name(rest)),
        _ => RawValue::Absent,
    }
}

fn type_name(name: &str) -> &'static str {
    [
        "an object",
        "a function",
        "a bigint",
        "a symbol",
        "an array",
        "null",
        "undefined",
        "a number",
        "a string",
        "a boolean",
    ]
    .into_iter()
    .find(|known| *known == name)
    .unwrap_or("another type")
}

/// `ValidationIssue[]`.
pub(crate) fn issues_value(issues: &[ValidationIssue]) -> JsValue {
    if issues.is_empty() {
        // The usual answer while a user types: no string to build or decode.
        return js_sys::Array::new().into();
    }
    let mut out = String::new();
    push_issues(&mut out, issues);
    to_issues(&out)
}

/// `ValidationReport`.
pub(crate) fn report_value(checked: &Result<DeleteCallParams, Vec<ValidationIssue>>) -> JsValue {
    let mut out = String::with_capacity(256);
    match checked {
        Err(issues) => {
            out.push('0');
            push_issues(&mut out, issues);
        }
        Ok(params) => {
            out.push('1');
            let mut timeout = String::new();
            push_number(&mut timeout, i64::from(params.timeout_ms.unwrap_or(0)));
            let status = match &params.selector {
                Selector::Extension { status, .. } => status_list(status),
                _ => String::new(),
            };
            for field in [
                params.api_key.as_str(),
                params.token.as_deref().unwrap_or(""),
                params.selector.field().name(),
                params.selector.value(),
                &status,
                params.response_type.as_str(),
                &params.endpoint,
                params.method.as_str(),
                &timeout,
                if params.allow_insecure_http {
                    "true"
                } else {
                    "false"
                },
            ] {
                push_field(&mut out, field);
            }
        }
    }
    to_report(&out)
}

/// `BuiltRequest`.
pub(crate) fn request_value(request: &BuiltRequest) -> JsValue {
    let mut out = String::new();
    push_field(&mut out, request.method.as_str());
    push_field(&mut out, &request.url);
    push_field(&mut out, request.body.as_deref().unwrap_or(""));
    push_field(&mut out, &request.preview);
    for (name, value) in &request.headers {
        push_field(&mut out, name);
        push_field(&mut out, value);
    }
    to_request(&out)
}

/// `DeleteCallResult`; `body` is the reply as JavaScript holds it, attached as `raw` when due.
pub(crate) fn result_value(outcome: &DeleteCallOutcome, body: &JsValue) -> JsValue {
    let response_type_index = match outcome.response_type {
        ResponseType::Xml => 0,
        ResponseType::Json => 1,
        ResponseType::Text => 2,
        ResponseType::Html => 3,
    };
    to_result(
        outcome.message.as_deref(),
        response_type_index,
        outcome.http_status,
        outcome.raw.is_some(),
        body,
    )
}

/// A JavaScript `VerbaError`, with `cause` when there is one.
pub(crate) fn error_value(error: &VerbaError, cause: &JsValue) -> JsValue {
    let mut out = String::new();
    push_field(&mut out, error.code().as_str());
    push_field(&mut out, &error.message());
    let mut number = String::new();
    if let Some(api_code) = error.api_code() {
        push_number(&mut number, api_code);
    }
    push_field(&mut out, &number);
    number.clear();
    if let Some(http_status) = error.http_status() {
        push_number(&mut number, i64::from(http_status));
    }
    push_field(&mut out, &number);
    push_issues(&mut out, error.issues());
    to_error(&out, cause)
}
