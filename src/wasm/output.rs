//! JavaScript values built from the core's `Serialize` types by serde-wasm-bindgen, and the
//! JavaScript `VerbaError`.

use crate::error::{Action, VerbaError};
use crate::issue::ValidationIssue;
use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

// The npm package (`make pkg`, feature `npm`) ships the class as its own file next to the glue,
// so that the package's face (npm/face.js) exports the very class the wasm constructs; the tests
// (no feature) take it as a wasm-bindgen snippet.
#[cfg_attr(feature = "npm", wasm_bindgen(raw_module = "./verba-error.js"))]
#[cfg_attr(
    not(feature = "npm"),
    wasm_bindgen(module = "/src/wasm/verba-error.js")
)]
extern "C" {
    /// The JavaScript class (it extends `Error`, which a Rust-defined class cannot).
    #[wasm_bindgen(js_name = VerbaError)]
    pub(crate) type JsVerbaError;
    #[wasm_bindgen(constructor, js_class = "VerbaError")]
    fn new(message: &str, code: &str, details: &JsValue) -> JsVerbaError;
}

/// Plain objects for structs and maps, `null` for `None`: the shapes the `.d.ts` declares.
const SERIALIZER: Serializer = Serializer::json_compatible();

/// `value` as a plain JavaScript value.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    // The core's types hold strings, booleans and small numbers only: nothing the serializer
    // can refuse.
    value.serialize(&SERIALIZER).unwrap_or(JsValue::UNDEFINED)
}

/// What a `VerbaError` carries besides its message and code.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ErrorDetails<'a> {
    /// A number, as JavaScript reads any integer a recorder sends; left out (so `apiCode` is
    /// absent) for errors without one, a TEXT `ERROR` without a readable code among them.
    #[serde(skip_serializing_if = "Option::is_none")]
    api_code: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    http_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issues: Option<&'a [ValidationIssue]>,
    may_have_deleted: bool,
    #[serde(
        with = "serde_wasm_bindgen::preserve",
        skip_serializing_if = "JsValue::is_undefined"
    )]
    cause: JsValue,
}

/// A JavaScript `VerbaError` for `error`, which ended `action`, with `cause` unless it is
/// `undefined`.
pub(crate) fn error_value(error: &VerbaError, cause: JsValue, action: Action) -> JsValue {
    error_value_with(error, cause, action, error.may_have_deleted_in(action))
}

/// [`error_value`] with `mayHaveDeleted` given: a batch item's earlier attempt may have deleted
/// the call although its last error says nothing was done.
pub(crate) fn error_value_with(
    error: &VerbaError,
    cause: JsValue,
    action: Action,
    may_have_deleted: bool,
) -> JsValue {
    let details = ErrorDetails {
        api_code: error.api_code().map(|code| code as f64),
        http_status: error.http_status(),
        issues: matches!(error, VerbaError::Validation { .. }).then(|| error.issues()),
        may_have_deleted,
        cause,
    };
    JsVerbaError::new(
        &error.message_in(action),
        error.code().as_str(),
        &to_js(&details),
    )
    .into()
}
