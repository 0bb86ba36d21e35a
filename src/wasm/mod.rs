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
