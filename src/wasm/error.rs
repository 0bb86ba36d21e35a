//! Turning the core's [`VerbaError`] into the JavaScript `VerbaError` class.

use super::convert::{issues_array, set};
use crate::error::VerbaError;
use js_sys::Object;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen(module = "/src/wasm/verba_error.js")]
extern "C" {
    /// The JavaScript class (it extends `Error`, which a Rust-defined class cannot).
    #[wasm_bindgen(js_name = VerbaError)]
    type JsVerbaError;

    #[wasm_bindgen(constructor, js_class = "VerbaError")]
    fn new(message: &str, code: &str, details: &JsValue) -> JsVerbaError;
}

/// Whether `value` is an instance of the package's JavaScript `VerbaError` class.
pub fn is_verba_error(value: &JsValue) -> bool {
    value.is_instance_of::<JsVerbaError>()
}

/// The JavaScript error for `error`, with `cause` when there is one.
pub(crate) fn to_js(error: &VerbaError, cause: Option<JsValue>) -> JsValue {
    let details = Object::new();
    if let Some(api_code) = error.api_code() {
        set(&details, "apiCode", api_code as f64);
    }
    if let Some(http_status) = error.http_status() {
        set(&details, "httpStatus", http_status);
    }
    if let VerbaError::Validation { issues } = error {
        set(&details, "issues", issues_array(issues));
    }
    if let Some(cause) = cause {
        set(&details, "cause", cause);
    }
    JsVerbaError::new(&error.message(), error.code().as_str(), &details).into()
}
