//! # verba-api
//!
//! Delete recorded calls on a Verba recording server from a web page: a Rust core compiled to
//! WebAssembly, with a small JavaScript API (`deleteCall`, `validateDeleteCall`,
//! `validateParameter`, `buildDeleteCallRequest`, `parseDeleteCallResponse`, `VerbaError`).
//!
//! This crate is also a plain Rust library: everything but sending the request compiles and runs
//! natively.
//!
//! ```
//! use verba_api::{build_request, parse_reply, validate, RawOptions, ResponseType};
//!
//! let options = RawOptions::new()
//!     .with("baseUrl", "https://recorder.example.com")
//!     .with("apiKey", "74c8eea0-50c6-40b2-9f3e-252ed501c3c8")
//!     .with("token", "09835e02-6c10-11e0-bb22-ba324924019b")
//!     .with("extension", "8856")
//!     .with("status", "last");
//! let request = build_request(&validate(&options).expect("valid options"));
//! assert_eq!(request.method.as_str(), "POST");
//! assert!(!request.preview.contains("252ed501c3c8"));
//!
//! let reply = r#"<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>"#;
//! assert!(parse_reply(reply, ResponseType::Xml, 200).is_ok());
//! ```
//!
//! Layout: [`validation`] (rules and issues), `params` (the normalized request), `request`
//! (method, URL, body, preview), `reply` (XML, JSON, TEXT, HTML), `error` (the one error type),
//! `redact`, `encode`, `base_url`; the browser layer (`wasm`) exists only on `wasm32`.

#![deny(missing_docs)]

// talc: smaller and faster than the default dlmalloc in wasm.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

mod base_url;
mod encode;
mod error;
mod field;
mod input;
mod params;
mod redact;
mod reply;
mod request;
pub mod validation;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The JavaScript API, callable from Rust too (values are `JsValue`s as JavaScript passes them).
#[cfg(target_arch = "wasm32")]
pub use wasm::{
    build_delete_call_request, delete_call, is_verba_error, parse_delete_call_response,
    validate_delete_call, validate_parameter_js,
};

pub use base_url::{API_PATH, is_loopback};
pub use encode::{form_encode, push_form_encoded};
pub use error::{ErrorCode, VerbaError};
pub use field::Field;
pub use input::{RawOptions, RawValue};
pub use params::{DeleteCallParams, Method, ResponseType, Selector, Status};
pub use redact::{REDACTED, redact, scrub};
pub use reply::{
    ACTION, DeleteCallOutcome, JsonNode, MAX_REPLY_BYTES, parse_reply, parse_reply_with,
};
pub use request::{ACTION_QUERY, BuiltRequest, FORM_CONTENT_TYPE, build_request};
pub use validation::{
    DEFAULT_TIMEOUT_MS, IssueCode, MAX_GET_URL_CHARS, ValidationIssue, validate, validate_parameter,
};
