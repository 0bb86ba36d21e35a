//! Sending a built request with the platform's `fetch`.
//!
//! Called directly through web-sys rather than gloo-net: gloo-net turns a rejection into its own
//! error type (so a caller's abort reason could not be passed on unchanged) and hits
//! `unreachable!` when fetch rejects with a non-`Error` reason such as `controller.abort("stop")`,
//! which would abort the whole wasm instance.

use super::abort::AbortGuard;
use super::convert::set;
use crate::params::Method;
use crate::request::BuiltRequest;
use js_sys::{Object, Promise};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCache, RequestInit, Response};

#[wasm_bindgen]
extern "C" {
    // The global fetch, in windows, workers and Node alike.
    #[wasm_bindgen(js_name = fetch)]
    fn fetch_with_init(input: &str, init: &RequestInit) -> Promise;
}

/// Why no reply was received.
pub(crate) enum SendFailure {
    /// The caller aborted; carries the signal's reason, to be rethrown unchanged.
    Aborted(JsValue),
    /// The timeout elapsed.
    TimedOut,
    /// fetch failed; carries what it rejected with.
    Network(JsValue),
}

/// A received reply: HTTP status and body text.
pub(crate) struct Reply {
    pub status: u16,
    pub body: String,
}

/// Sends `request`, cancelled by `signal` or after `timeout_ms`.
pub(crate) async fn send(
    request: &BuiltRequest,
    signal: Option<&AbortSignal>,
    timeout_ms: Option<u32>,
) -> Result<Reply, SendFailure> {
    if let Some(signal) = signal.filter(|signal| signal.aborted()) {
        return Err(SendFailure::Aborted(signal.reason()));
    }
    let guard = AbortGuard::new(signal, timeout_ms).map_err(SendFailure::Network)?;
    let failure = |error: JsValue| {
        if let Some(reason) = guard.caller_reason() {
            SendFailure::Aborted(reason)
        } else if guard.timed_out() {
            SendFailure::TimedOut
        } else {
            SendFailure::Network(error)
        }
    };

    let init = RequestInit::new();
    init.set_method(request.method.as_str());
    // A GET DeleteCall must reach the recorder every time, never be answered from a cache.
    init.set_cache(RequestCache::NoStore);
    init.set_signal(Some(&guard.signal()));
    let headers = Object::new();
    for (name, value) in &request.headers {
        set(&headers, name, *value);
    }
    init.set_headers(&headers);
    if let (Method::Post, Some(body)) = (request.method, &request.body) {
        init.set_body(&JsValue::from_str(body));
    }

    let response = JsFuture::from(fetch_with_init(&request.url, &init))
        .await
        .map_err(&failure)?;
    let response: Response = response.unchecked_into();
    let text = response.text().map_err(&failure)?;
    let body = JsFuture::from(text).await.map_err(&failure)?;
    Ok(Reply {
        status: response.status(),
        body: body.as_string().unwrap_or_default(),
    })
}
