//! The JSON reply. No vendor sample exists; the canonical form mirrors the XML:
//! `{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall","ErrorMessage":"..."}}}`.
//! Also read: `code` as a numeric string, attribute keys prefixed with `@`, and a body without the
//! `VerbaApi` wrapper.
//!
//! Parsing itself is the platform's: serde_json natively, the engine's `JSON.parse` in the browser
//! (no JSON crate in the wasm build). Both are read through [`JsonNode`].

use super::{Envelope, parse_code};
use crate::input::is_whole;

/// Read access to a parsed JSON value, as much as reading a reply needs.
pub trait JsonNode: Sized {
    /// The member `key` of an object; `None` for a missing key or a value that is no object.
    fn member(&self, key: &str) -> Option<Self>;
    /// The value as a string, if it is one.
    fn string(&self) -> Option<String>;
    /// The value as a number, if it is one.
    fn number(&self) -> Option<f64>;
}

/// Larger integers are not exact in JSON numbers as JavaScript reads them.
const MAX_EXACT_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The envelope of a parsed JSON reply.
pub(crate) fn envelope<N: JsonNode>(root: &N) -> Result<Envelope, &'static str> {
    let response = match root.member("VerbaApi") {
        Some(wrapper) => wrapper.member("Response"),
        None => root.member("Response"),
    }
    .ok_or("the JSON reply has no Response object.")?;
    let attribute = |name: &str| {
        response
            .member(name)
            .or_else(|| response.member(&["@", name].concat()))
    };
    let code = attribute("code").ok_or("the JSON reply's Response has no code.")?;
    let code = match code.number() {
        Some(number)
            if is_whole(number) && (-MAX_EXACT_INTEGER..=MAX_EXACT_INTEGER).contains(&number) =>
        {
            Some(number as i64)
        }
        Some(_) => None,
        None => code.string().as_deref().and_then(parse_code),
    }
    .ok_or("the JSON reply's code is not an integer.")?;
    let message = response.member("ErrorMessage").and_then(|message| {
        message
            .string()
            .or_else(|| message.member("#text").and_then(|text| text.string()))
    });
    Ok(Envelope {
        code,
        action: attribute("type").and_then(|action| action.string()),
        message: message
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty()),
    })
}

#[cfg(not(target_arch = "wasm32"))]
pub(crate) use native::parse as parse_platform;

#[cfg(target_arch = "wasm32")]
pub(crate) use crate::wasm::json::parse_text as parse_platform;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::JsonNode;
    use serde_json::Value;

    /// Parses with serde_json.
    pub(crate) fn parse(body: &str) -> Option<Value> {
        serde_json::from_str(body.trim_start_matches('\u{feff}')).ok()
    }

    impl JsonNode for Value {
        fn member(&self, key: &str) -> Option<Self> {
            self.get(key).filter(|_| self.is_object()).cloned()
        }
        fn string(&self) -> Option<String> {
            self.as_str().map(str::to_owned)
        }
        fn number(&self) -> Option<f64> {
            self.as_f64()
        }
    }
}
