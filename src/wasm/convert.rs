//! Conversions between JavaScript values and the core's types: one pass over the caller's
//! options object in, plain objects out.

use super::page;
use crate::field::Field;
use crate::input::{RawOptions, RawValue};
use crate::params::{DeleteCallParams, Selector, status_list};
use crate::reply::DeleteCallOutcome;
use crate::request::BuiltRequest;
use crate::validation::ValidationIssue;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::AbortSignal;

/// Sets `object[key] = value`. Defining a property on a fresh plain object cannot fail.
pub(crate) fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    let _ = Reflect::set(object, &JsValue::from_str(key), &value.into());
}

/// A JavaScript value as the core sees it.
pub(crate) fn raw_value(value: &JsValue) -> RawValue {
    if value.is_undefined() {
        RawValue::Absent
    } else if value.is_null() {
        RawValue::Null
    } else if let Some(text) = value.as_string() {
        RawValue::Text(text)
    } else if let Some(number) = value.as_f64() {
        RawValue::Number(number)
    } else if let Some(flag) = value.as_bool() {
        RawValue::Bool(flag)
    } else if let Some(items) = value.dyn_ref::<Array>() {
        RawValue::List(
            items
                .iter()
                .map(|item| match item.as_string() {
                    Some(text) => RawValue::Text(text),
                    None => RawValue::Other(type_name(&item)),
                })
                .collect(),
        )
    } else if value.is_instance_of::<AbortSignal>() {
        RawValue::Other("AbortSignal")
    } else {
        RawValue::Other(type_name(value))
    }
}

fn type_name(value: &JsValue) -> &'static str {
    if value.is_function() {
        "a function"
    } else if value.is_bigint() {
        "a bigint"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_instance_of::<Array>() {
        "an array"
    } else if value.is_object() {
        "an object"
    } else if value.as_string().is_some() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else {
        "another type"
    }
}

/// The value of one option as the core should check it: a base URL is first resolved against
/// the page.
pub(crate) fn option_value(field: Field, value: &JsValue) -> RawValue {
    match (field, raw_value(value)) {
        (Field::BaseUrl, RawValue::Text(url)) if !url.is_empty() => {
            RawValue::Text(page::resolve(&url))
        }
        (_, raw) => raw,
    }
}

/// The options object read once: every own key, known or not, and the caller's signal.
pub(crate) struct ReadOptions {
    pub raw: RawOptions,
    pub signal: Option<AbortSignal>,
}

/// Reads the caller's options; `Err` with an issue when `options` is no object.
pub(crate) fn read_options(options: &JsValue) -> Result<ReadOptions, ValidationIssue> {
    if !options.is_object() || options.is_function() || options.is_instance_of::<Array>() {
        return Err(ValidationIssue {
            field: "options".to_owned(),
            code: crate::validation::IssueCode::InvalidType,
            message: [
                "options must be an object such as { apiKey, callID }, not ",
                type_name(options),
                ".",
            ]
            .concat(),
        });
    }
    let mut raw = RawOptions::new();
    let mut signal = None;
    let object: &Object = options.unchecked_ref();
    for key in Object::keys(object).iter() {
        let Some(name) = key.as_string() else {
            continue;
        };
        let value = Reflect::get(options, &key).unwrap_or(JsValue::UNDEFINED);
        match Field::from_name(&name) {
            Some(Field::Signal) => {
                signal = value.dyn_ref::<AbortSignal>().cloned();
                raw.set_field(Field::Signal, raw_value(&value));
            }
            Some(field) => raw.set_field(field, option_value(field, &value)),
            None => {
                raw.set(&name, RawValue::Absent);
            }
        }
    }
    let base_url_missing = match raw.get(Field::BaseUrl) {
        RawValue::Absent | RawValue::Null => true,
        RawValue::Text(url) => url.is_empty(),
        _ => false,
    };
    if base_url_missing && let Some(origin) = page::origin() {
        raw.set_field(Field::BaseUrl, RawValue::Text(origin));
    }
    Ok(ReadOptions { raw, signal })
}

/// `{ field, code, message }`.
pub(crate) fn issue_object(issue: &ValidationIssue) -> JsValue {
    let object = Object::new();
    set(&object, "field", issue.field.as_str());
    set(&object, "code", issue.code.as_str());
    set(&object, "message", issue.message.as_str());
    object.into()
}

/// An array of issue objects.
pub(crate) fn issues_array(issues: &[ValidationIssue]) -> Array {
    issues.iter().map(issue_object).collect()
}

/// The normalized options, as a `DeleteCallOptions`-shaped object the caller can reuse.
pub(crate) fn normalized_object(params: &DeleteCallParams) -> JsValue {
    let object = Object::new();
    set(&object, "apiKey", params.api_key.as_str());
    if let Some(token) = &params.token {
        set(&object, "token", token.as_str());
    }
    set(
        &object,
        params.selector.field().name(),
        params.selector.value(),
    );
    if let Selector::Extension { status, .. } = &params.selector {
        set(&object, "status", status_list(status));
    }
    set(&object, "responseType", params.response_type.as_str());
    set(&object, "baseUrl", params.endpoint.as_str());
    set(&object, "method", params.method.as_str());
    set(&object, "timeoutMs", params.timeout_ms.unwrap_or(0));
    set(&object, "allowInsecureHttp", params.allow_insecure_http);
    object.into()
}

/// `{ method, url, body, headers, preview }`.
pub(crate) fn request_object(request: &BuiltRequest) -> JsValue {
    let object = Object::new();
    set(&object, "method", request.method.as_str());
    set(&object, "url", request.url.as_str());
    set(
        &object,
        "body",
        request
            .body
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    let headers = Object::new();
    for (name, value) in &request.headers {
        set(&headers, name, *value);
    }
    set(&object, "headers", headers);
    set(&object, "preview", request.preview.as_str());
    object.into()
}

/// `{ ok: true, code: 0, action, message, responseType, httpStatus, raw? }`.
pub(crate) fn result_object(outcome: &DeleteCallOutcome) -> JsValue {
    let object = Object::new();
    set(&object, "ok", true);
    set(&object, "code", outcome.code as f64);
    set(&object, "action", crate::reply::ACTION);
    set(
        &object,
        "message",
        outcome
            .message
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    set(&object, "responseType", outcome.response_type.as_str());
    set(&object, "httpStatus", outcome.http_status);
    if let Some(raw) = &outcome.raw {
        set(&object, "raw", raw.as_str());
    }
    object.into()
}
