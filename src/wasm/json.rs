//! JSON replies parsed by the engine's `JSON.parse`, so the wasm build carries no JSON parser.
//! Members are read through `browser.js` by the index of a fixed key: no key string crosses the
//! boundary.

use crate::reply::JsonNode;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen(module = "/src/wasm/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = jsonParse)]
    fn json_parse(text: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = jsonMember)]
    fn json_member(value: &JsValue, key: u32) -> JsValue;
}

/// The keys a reply is read by, in the order of `JSON_KEYS` in `browser.js`.
const KEYS: [&str; 8] = [
    "VerbaApi",
    "Response",
    "code",
    "@code",
    "type",
    "@type",
    "ErrorMessage",
    "#text",
];

/// A value produced by `JSON.parse`.
pub(crate) struct JsJson(JsValue);

/// Parses the reply as JavaScript holds it (no copy); `None` if it is not JSON.
pub(crate) fn parse(body: &JsValue) -> Option<JsJson> {
    let value = json_parse(body);
    (!value.is_undefined()).then_some(JsJson(value))
}

/// Parses text held in Rust (the core's `parse_reply` on wasm).
pub(crate) fn parse_text(body: &str) -> Option<JsJson> {
    parse(&JsValue::from_str(body))
}

impl JsonNode for JsJson {
    fn member(&self, key: &str) -> Option<Self> {
        let index = KEYS.iter().position(|known| *known == key)?;
        let value = json_member(&self.0, index as u32);
        (!value.is_undefined()).then_some(JsJson(value))
    }

    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
}
