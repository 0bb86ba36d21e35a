//! Reading the caller's JavaScript values into the core's types: the options object through
//! serde-wasm-bindgen, each value's JavaScript type with js-sys, and the base URL resolved
//! against the page by the platform's URL parser.

use crate::field::Field;
use crate::issue::{IssueCode, ValidationIssue};
use crate::options::{DeleteCallOptions, OptionValue};
use js_sys::{Array, Reflect};
use serde::Deserialize;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, Url};

/// One value, its JavaScript type kept. serde-wasm-bindgen hands values over as they are
/// (`serde_wasm_bindgen::preserve`); its `deserialize_any` could not tell a BigInt from a
/// number (it visits both as integers), fails on functions and symbols, and sees an
/// `AbortSignal` as an empty object.
pub(crate) fn option_value(value: &JsValue) -> OptionValue<'static> {
    if let Some(text) = value.as_string() {
        OptionValue::Text(text.into())
    } else if let Some(number) = value.as_f64() {
        OptionValue::Number(number)
    } else if let Some(flag) = value.as_bool() {
        OptionValue::Bool(flag)
    } else if value.is_undefined() {
        OptionValue::Absent
    } else if value.is_null() {
        OptionValue::Null
    } else if Array::is_array(value) {
        let items: &Array = value.unchecked_ref();
        OptionValue::List(items.iter().map(|item| option_value(&item)).collect())
    } else if value.is_instance_of::<AbortSignal>() {
        OptionValue::Other("AbortSignal")
    } else {
        OptionValue::Other(type_name(value))
    }
}

/// The name of a value's type in messages, for the types [`option_value`] keeps no value of.
fn type_name(value: &JsValue) -> &'static str {
    if value.is_function() {
        "a function"
    } else if value.is_bigint() {
        "a bigint"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_object() {
        "an object"
    } else {
        "another type"
    }
}

/// The caller's options object, its base URL resolved against the page (the page's origin when
/// none is given); one issue when it is no object at all.
pub(crate) fn options(value: &JsValue) -> Result<DeleteCallOptions<'static>, ValidationIssue> {
    let not_an_object = |type_name: &str| ValidationIssue {
        field: "options".to_owned(),
        code: IssueCode::InvalidType,
        message: [
            "options must be an object such as { apiKey, callID }, not ",
            type_name,
            ".",
        ]
        .concat(),
    };
    if !value.is_object() || Array::is_array(value) {
        return Err(not_an_object(option_value(value).type_name()));
    }
    let mut options =
        DeleteCallOptions::deserialize(serde_wasm_bindgen::Deserializer::from(value.clone()))
            // Only an object whose properties cannot be read (a throwing getter or proxy).
            .map_err(|_| not_an_object("an object whose properties cannot be read"))?;
    match options.get(Field::BaseUrl) {
        OptionValue::Text(url) if !url.is_empty() => {
            let resolved = resolve_base_url(url);
            options.set_field(Field::BaseUrl, resolved.into());
        }
        OptionValue::Absent | OptionValue::Null | OptionValue::Text(_) => {
            if let Some(origin) = page_origin() {
                options.set_field(Field::BaseUrl, origin.into());
            }
        }
        _ => {}
    }
    Ok(options)
}

/// One option for `validateParameter`: its name (`None` when it is no string) and value.
pub(crate) fn parameter(name: &JsValue, value: &JsValue) -> Option<(String, OptionValue<'static>)> {
    let name = name.as_string()?;
    let mut value = option_value(value);
    if name == Field::BaseUrl.name()
        && let OptionValue::Text(url) = &value
        && !url.is_empty()
    {
        value = resolve_base_url(url).into();
    }
    Some((name, value))
}

/// The caller's `signal`, when it is an `AbortSignal`.
pub(crate) fn signal(options: &JsValue) -> Option<AbortSignal> {
    Reflect::get(options, &JsValue::from_str(Field::Signal.name()))
        .ok()?
        .dyn_into::<AbortSignal>()
        .ok()
}

/// `globalThis.location[name]`, where there is a location (a window or a worker; not Node).
fn location(name: &str) -> Option<String> {
    let location = Reflect::get(&js_sys::global(), &JsValue::from_str("location")).ok()?;
    if location.is_undefined() {
        return None;
    }
    Reflect::get(&location, &JsValue::from_str(name))
        .ok()?
        .as_string()
}

/// The page's origin, the default base URL; none in Node or for an opaque origin.
fn page_origin() -> Option<String> {
    location("origin").filter(|origin| origin != "null")
}

/// How many resolved base URLs are kept: portals check the same few URLs over and over.
const RESOLVED_KEPT: usize = 32;

thread_local! {
    /// The page the answers below are for, and (base URL, resolved URL) pairs.
    static RESOLVED: RefCell<(String, Vec<(String, String)>)> = const {
        RefCell::new((String::new(), Vec::new()))
    };
}

/// `url` resolved against the page by the platform's URL parser; text it cannot parse is left
/// for the core to report.
fn resolve_base_url(url: &str) -> String {
    let page = location("href").unwrap_or_default();
    RESOLVED.with_borrow_mut(|(resolved_for, answers)| {
        if *resolved_for != page || answers.len() >= RESOLVED_KEPT {
            answers.clear();
            resolved_for.clone_from(&page);
        }
        if let Some((_, href)) = answers.iter().find(|(base, _)| base == url) {
            return href.clone();
        }
        let parsed = if page.is_empty() {
            Url::new(url)
        } else {
            Url::new_with_base(url, &page)
        };
        let href = parsed.map_or_else(|_| url.to_owned(), |parsed| parsed.href());
        answers.push((url.to_owned(), href.clone()));
        href
    })
}
