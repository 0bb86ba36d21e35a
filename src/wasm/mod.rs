//! The browser layer: JavaScript exports, fetch, abort and timeout, and conversions between
//! JavaScript values and the core's types. Compiled only for `wasm32`.

mod abort;
mod convert;
mod error;
mod exports;
mod fetch;
pub(crate) mod json;
mod page;
mod typescript;

pub use error::is_verba_error;
pub use exports::{
    build_delete_call_request, delete_call, parse_delete_call_response, validate_delete_call,
    validate_parameter_js,
};
