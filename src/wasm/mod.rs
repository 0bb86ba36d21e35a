//! The browser layer: the JavaScript exports, and the crossing between JavaScript values and the
//! core (`boundary.rs` with its JavaScript half `browser.js`, which also does fetch with abort
//! and timeout). Compiled only for `wasm32`.

mod boundary;
mod exports;
pub(crate) mod json;
mod typescript;

pub use boundary::is_verba_error;
pub use exports::{
    build_delete_call_request, delete_call, parse_delete_call_response, validate_delete_call,
    validate_parameter_js,
};
