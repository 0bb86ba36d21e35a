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
//! use verba_api::{build_delete_call_request, parse_delete_call_response, validate_delete_call, DeleteCallOptions, ResponseType};
//!
//! let options = DeleteCallOptions::new()
//!     .with("baseUrl", "https://recorder.example.com")
//!     .with("apiKey", "74c8eea0-50c6-40b2-9f3e-252ed501c3c8")
//!     .with("token", "09835e02-6c10-11e0-bb22-ba324924019b")
//!     .with("extension", "8856")
//!     .with("status", "last");
//! let request = build_delete_call_request(&validate_delete_call(&options).expect("valid options"));
//! assert_eq!(request.method.as_str(), "POST");
//! assert!(!request.preview.contains("252ed501c3c8"));
//!
//! let reply = r#"<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>"#;
//! assert!(parse_delete_call_response(reply, ResponseType::Xml, 200).is_ok());
//! ```
//!
//! Layout: `options` (the caller's options, read with serde), `validation` (rules; issues in
//! `issue`), `params` (the normalized request), `report` (what `validateDeleteCall` answers),
//! `request` (method, URL, body, preview), `reply` (XML, JSON, TEXT, HTML), `error` (the one
//! error type), `redact`, `encode`, `base_url`; the browser layer (`wasm`, exported as [`js`])
//! exists only on `wasm32`.

#![deny(missing_docs)]

// talc: smaller and faster than the default dlmalloc in wasm.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Implements `Serialize` for an enum of names through its `as_str`, so the name JavaScript sees
/// is written once, in `as_str`. (Defined before the modules, which use it by name.)
macro_rules! serialize_as_str {
    ($($name:ty),+) => {$(
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    )+};
}

mod base_url;
mod batch;
mod client;
mod encode;
mod error;
mod field;
mod issue;
mod options;
mod params;
mod redact;
mod reply;
mod report;
mod request;
mod token;
mod validation;

#[cfg(target_arch = "wasm32")]
mod wasm;

/// The JavaScript API (`deleteCall`, `validateDeleteCall`, ...), callable from Rust too with
/// `JsValue`s as JavaScript passes them. Only on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub use wasm::exports as js;

pub use batch::{
    BACKOFF_BASE_MS, BACKOFF_CAP_MS, BatchCounts, BatchProgress, BatchSettings,
    DEFAULT_CONCURRENCY, DEFAULT_RETRIES, MAX_CONCURRENCY, MAX_RETRIES, Outcome,
    RETRY_AFTER_CAP_MS, backoff_ms, html_in_batch, outcome_of, retry_after_seconds, retryable,
    validate_batch_settings,
};
pub use client::{
    ClientConfig, CredentialSource, CredentialsInput, RENEW_BEFORE_EXPIRY_MS, Session,
    UserCredentials,
};
pub use encode::form_encode;
pub use error::{Action, VerbaError, VerbaErrorCode};
pub use field::Field;
pub use issue::{IssueCode, ValidationIssue};
pub use options::{DeleteCallOptions, OptionValue, RequestTokenOptions};
pub use params::{DeleteCallParams, HttpMethod, ResponseType, Selector, StatusValue};
pub use redact::redact;
pub use reply::{DeleteCallResult, MAX_REPLY_BYTES, parse_delete_call_response};
pub use report::{NormalizedDeleteCallOptions, ValidationReport};
pub use request::{BuiltRequest, build_delete_call_request};
pub use token::{
    AuthMode, RequestTokenParams, TOKEN_LIFETIME_MS, TokenInfo, TokenRequest,
    build_request_token_request, parse_request_token_response, validate_request_token,
};
pub use validation::{
    DEFAULT_TIMEOUT_MS, MAX_GET_URL_CHARS, validate_delete_call, validate_parameter,
};
