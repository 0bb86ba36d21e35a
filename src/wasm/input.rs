//! Reading the caller's JavaScript values into the core's types: the options object through
//! serde-wasm-bindgen, each value's JavaScript type with js-sys, and the base URL resolved
//! against the page by the platform's URL parser.

use crate::field::Field;
use crate::issue::{IssueCode, ValidationIssue};
use crate::options::{DeleteCallOptions, OptionValue, OptionsSeed};
use js_sys::{Array, Object, Reflect};
use serde::de::value::MapDeserializer;
use serde::de::{DeserializeSeed, Deserializer};
use serde_wasm_bindgen::Deserializer as JsDeserializer;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, Url};

/// Reads each option's value as the `JsValue` itself (`serde_wasm_bindgen::preserve`) and
/// classifies it with js-sys: serde-wasm-bindgen's `deserialize_any` cannot keep what the rules
/// need (it visits a BigInt as an integer, fails on functions and symbols, and sees an
/// `AbortSignal` as an empty object). Used only with serde-wasm-bindgen's deserializer.
#[derive(Clone, Copy)]
struct JsValueSeed;

impl<'de> DeserializeSeed<'de> for JsValueSeed {
    type Value = OptionValue<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let value: JsValue = serde_wasm_bindgen::preserve::deserialize(deserializer)?;
        Ok(option_value(&value))
    }
}

/// One value, its JavaScript type kept; the items of an array one level deep.
pub(crate) fn option_value(value: &JsValue) -> OptionValue<'static> {
    if Array::is_array(value) {
        let items: &Array = value.unchecked_ref();
        OptionValue::List(items.iter().map(|item| scalar_value(&item)).collect())
    } else {
        scalar_value(value)
    }
}

/// A value that is no array, or an array named as such (never walked into: a nested array
/// cannot be deep enough to exhaust the stack).
fn scalar_value(value: &JsValue) -> OptionValue<'static> {
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
        OptionValue::Other("an array")
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

/// The caller's options, read by serde from the object's own enumerable properties
/// (`Object.entries`, as a spread or `Object.keys` sees them: a `Map` or `URLSearchParams` is
/// not read by its iterator), and whether the platform's URL parser accepted the base URL.
pub(crate) struct ReadOptions {
    pub options: DeleteCallOptions<'static>,
    /// `false` when a base URL was given that the platform cannot parse: nothing can be sent.
    pub base_url_parses: bool,
}

/// The caller's options object, its base URL resolved against the page (the page's origin when
/// none is given); one issue when it is no object at all.
pub(crate) fn options(value: &JsValue) -> Result<ReadOptions, ValidationIssue> {
    options_of(value, OPTIONS)
}

/// [`options`] for an argument with another name (`createClient`'s config).
pub(crate) fn options_of(
    value: &JsValue,
    argument: ObjectArgument,
) -> Result<ReadOptions, ValidationIssue> {
    let mut options = object(value, argument)?;
    let mut base_url_parses = true;
    match options.get(Field::BaseUrl) {
        OptionValue::Text(url) if !url.is_empty() => {
            let resolved = resolve_base_url(url);
            base_url_parses = resolved.is_some();
            let url = resolved.unwrap_or_else(|| url.to_string());
            options.set_field(Field::BaseUrl, url.into());
        }
        OptionValue::Absent | OptionValue::Null | OptionValue::Text(_) => {
            if let Some(origin) = page_origin() {
                options.set_field(Field::BaseUrl, origin.into());
            }
        }
        _ => {}
    }
    Ok(ReadOptions {
        options,
        base_url_parses,
    })
}

/// What an object argument is called in messages, and an example of it.
pub(crate) struct ObjectArgument {
    /// The argument's name (the issue's `field`).
    pub name: &'static str,
    /// An example, as the message writes it.
    pub example: &'static str,
}

/// The options of `deleteCall` and `requestToken`.
const OPTIONS: ObjectArgument = ObjectArgument {
    name: "options",
    example: "{ apiKey, callID }",
};

/// An object argument's own enumerable properties, read as options (`Object.entries`); one
/// issue when it is no object at all.
pub(crate) fn object(
    value: &JsValue,
    argument: ObjectArgument,
) -> Result<DeleteCallOptions<'static>, ValidationIssue> {
    let not_an_object = |type_name: &str| ValidationIssue {
        field: argument.name.to_owned(),
        code: IssueCode::InvalidType,
        message: [
            argument.name,
            " must be an object such as ",
            argument.example,
            ", not ",
            type_name,
            ".",
        ]
        .concat(),
    };
    if !value.is_object() || Array::is_array(value) {
        return Err(not_an_object(option_value(value).type_name()));
    }
    let entries = Object::entries(value.unchecked_ref());
    let entries = entries.iter().map(|entry| {
        let pair: Array = entry.unchecked_into();
        (
            JsDeserializer::from(pair.get(0)),
            JsDeserializer::from(pair.get(1)),
        )
    });
    OptionsSeed(JsValueSeed)
        .deserialize(MapDeserializer::<_, serde_wasm_bindgen::Error>::new(
            entries,
        ))
        // Keys from Object.entries are strings and values are taken as they are: unreachable.
        .map_err(|_| not_an_object("an object whose properties cannot be read"))
}

/// `object[name]`; `undefined` when it cannot be read.
pub(crate) fn property(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// One option for `validateParameter`: its name (`None` when it is no string), value, and
/// whether the platform's URL parser accepts it when it is a base URL.
pub(crate) fn parameter(
    name: &JsValue,
    value: &JsValue,
) -> Option<(String, OptionValue<'static>, bool)> {
    let name = name.as_string()?;
    let mut value = option_value(value);
    let mut parses = true;
    if name == Field::BaseUrl.name()
        && let OptionValue::Text(url) = &value
        && !url.is_empty()
    {
        match resolve_base_url(url) {
            Some(resolved) => value = resolved.into(),
            None => parses = false,
        }
    }
    Some((name, value, parses))
}

/// Adds the issue for a base URL the platform's URL parser refuses (the core's checks are
/// textual), unless the core already reported the base URL.
pub(crate) fn report_unparseable_base_url(issues: &mut Vec<ValidationIssue>) {
    if issues
        .iter()
        .any(|issue| issue.field == Field::BaseUrl.name())
    {
        return;
    }
    issues.push(ValidationIssue {
        field: Field::BaseUrl.name().to_owned(),
        code: IssueCode::InvalidBaseUrl,
        message: "baseUrl is not a URL this browser can parse; give the recorder's address such \
                  as https://recorder.example.com."
            .to_owned(),
    });
}

/// The caller's `signal`, when it is an `AbortSignal`.
pub(crate) fn signal(options: &JsValue) -> Option<AbortSignal> {
    property(options, Field::Signal.name())
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

/// Whether a request to `url` leaves the page's origin, so that the browser applies CORS to it.
/// An opaque page origin (`"null"`) matches nothing; where there is no page (Node) nothing
/// applies CORS.
pub(crate) fn crosses_origin(url: &str) -> bool {
    let Some(page) = location("origin") else {
        return false;
    };
    Url::new(url).map_or(true, |target| page == "null" || target.origin() != page)
}

/// How many resolved base URLs are kept: portals check the same few URLs over and over.
const RESOLVED_KEPT: usize = 32;

/// The page the answers are for, and (base URL, resolved URL if it parses) pairs.
type Resolved = (String, Vec<(String, Option<String>)>);

thread_local! {
    static RESOLVED: RefCell<Resolved> = const {
        RefCell::new((String::new(), Vec::new()))
    };
}

/// `url` resolved against the page by the platform's URL parser; `None` when it cannot parse it.
fn resolve_base_url(url: &str) -> Option<String> {
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
        let href = parsed.ok().map(|parsed| parsed.href());
        answers.push((url.to_owned(), href.clone()));
        href
    })
}
