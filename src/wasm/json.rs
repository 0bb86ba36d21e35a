//! JSON replies parsed by the engine's `JSON.parse`, so the wasm build carries no JSON parser.

use crate::prelude::*;

use crate::reply::JsonNode;
use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A value produced by `JSON.parse`.
pub(crate) struct JsJson(JsValue);

/// Parses `body` with `JSON.parse`; `None` if it is not JSON.
pub(crate) fn parse(body: &str) -> Option<JsJson> {
    JSON::parse(body.trim_start_matches('\u{feff}'))
        .ok()
        .map(JsJson)
}

impl JsonNode for JsJson {
    fn member(&self, key: &str) -> Option<Self> {
        if !self.0.is_object() || self.0.is_instance_of::<Array>() {
            return None;
        }
        let object: &js_sys::Object = self.0.unchecked_ref();
        if !js_sys::Object::has_own(object, &JsValue::from_str(key)) {
            return None;
        }
        Reflect::get(&self.0, &JsValue::from_str(key))
            .ok()
            .map(JsJson)
    }

    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
}
