//! Sending the request with gloo-net, under a guard that joins the caller's `AbortSignal` and
//! the timeout (in the style of reqwest's wasm client).
//!
//! gloo-net gets an internal `AbortController` that is aborted *without* a reason, for the
//! caller's signal and the timeout alike, so fetch can only reject with an `Error` (gloo-net
//! panics on anything else: gloo-net 0.7 src/error.rs:36-41). The caller's own reason is read
//! from the caller's signal and passed on unchanged.
//!
//! The request is built with gloo-net's `RequestBuilder` but handed to the global `fetch` here,
//! and the body is read with web-sys: gloo-net's `send` and `Response::text` keep only the name
//! and message of a rejection (gloo-utils 0.3 src/errors.rs:8-23), and a NETWORK error's `cause`
//! must be fetch's own error object.

use crate::params::HttpMethod;
use crate::reply::{MAX_REPLY_BYTES, parse_code};
use crate::request::{BuiltRequest, FORM_CONTENT_TYPE};
use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Function, Promise, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::{Closure, wasm_bindgen};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, ReadableStream, ReadableStreamDefaultReader, RequestCache,
    RequestRedirect,
};

#[wasm_bindgen]
extern "C" {
    // Globals, so the same code runs in a window, a worker and Node.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn fetch_with_request(request: &web_sys::Request) -> Result<Promise, JsValue>;
    #[wasm_bindgen(js_name = setTimeout)]
    pub(crate) fn set_timeout(handler: &Function, ms: u32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);

    /// What a stream reader's `read()` resolves with: `{ done, value }`.
    type ReadResult;
    #[wasm_bindgen(method, getter)]
    fn done(this: &ReadResult) -> bool;
    #[wasm_bindgen(method, getter)]
    fn value(this: &ReadResult) -> JsValue;
}

/// The header that makes a cross-origin request wait for the recorder's CORS approval: not on
/// the CORS safelist, and one many CORS configurations already allow.
pub(crate) const PREFLIGHT_HEADER: (&str, &str) = ("X-Requested-With", "verba-api");

/// What is sent: the parts of a [`BuiltRequest`] or a `TokenRequest`.
pub(crate) struct Outgoing<'a> {
    pub method: HttpMethod,
    pub url: &'a str,
    /// The form body (POST).
    pub body: Option<&'a str>,
    /// The `Authorization` header's value (RequestToken with Basic credentials).
    pub authorization: Option<&'a str>,
}

impl<'a> From<&'a BuiltRequest> for Outgoing<'a> {
    fn from(request: &'a BuiltRequest) -> Self {
        Outgoing {
            method: request.method,
            url: &request.url,
            body: request.body.as_deref(),
            authorization: None,
        }
    }
}

impl<'a> From<&'a crate::token::TokenRequest> for Outgoing<'a> {
    fn from(request: &'a crate::token::TokenRequest) -> Self {
        Outgoing {
            method: request.method,
            url: &request.url,
            body: request.body.as_deref(),
            authorization: request
                .headers
                .iter()
                .find(|(name, _)| *name == "Authorization")
                .map(|(_, value)| value.as_str()),
        }
    }
}

/// An answer: its HTTP status, body, and `Retry-After` header (kept for the batch's waits).
pub(crate) struct Reply {
    pub status: u16,
    pub body: String,
    pub retry_after: Option<String>,
}

/// Why no answer was read.
pub(crate) enum Failure {
    /// The caller's signal fired: its reason, unchanged, and whether fetch had started (so that
    /// the request may have reached the recorder).
    Aborted { reason: JsValue, sent: bool },
    /// The timeout elapsed.
    TimedOut,
    /// The recorder answered with a redirect, which is never followed: the HTTP status where
    /// the platform shows it (Node), `None` for a browser's opaque redirect.
    Redirected(Option<u16>),
    /// The answer's HTTP status is none (outside 100..=599): the status.
    InvalidStatus(u16),
    /// The reply is larger than [`MAX_REPLY_BYTES`], by its `Content-Length` or by what was
    /// read before the read was stopped; the HTTP status.
    TooLarge(u16),
    /// fetch failed, or reading the body did: what it rejected with (an `Error`), the
    /// browser's words, and whether fetch had started (the request may have reached the
    /// recorder).
    Network {
        cause: JsValue,
        detail: String,
        sent: bool,
    },
}

/// A listener on a signal's `abort` event, removed when dropped: a request, a caller waiting
/// for a token and a batch follow the caller's signal only while they run, so a long-lived
/// signal gathers no listeners.
pub(crate) struct OnAbort {
    signal: AbortSignal,
    listener: Closure<dyn FnMut()>,
}

impl OnAbort {
    /// Runs `listener` when `signal` is aborted (not if it already is: callers check first).
    pub(crate) fn listen(signal: &AbortSignal, listener: Closure<dyn FnMut()>) -> Self {
        // Adding a listener to an AbortSignal cannot fail.
        let _ = signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        OnAbort {
            signal: signal.clone(),
            listener,
        }
    }
}

impl Drop for OnAbort {
    fn drop(&mut self) {
        let _ = self
            .signal
            .remove_event_listener_with_callback("abort", self.listener.as_ref().unchecked_ref());
    }
}

/// Aborts the request when the caller's signal fires or the timeout elapses; removes its
/// listener and timer when dropped, on every path.
struct AbortGuard {
    controller: AbortController,
    caller: Option<OnAbort>,
    timer: Option<(JsValue, Closure<dyn FnMut()>)>,
    timed_out: Rc<Cell<bool>>,
}

impl AbortGuard {
    fn new(caller: Option<AbortSignal>, timeout_ms: Option<u32>) -> Result<Self, JsValue> {
        let controller = AbortController::new()?;
        let caller = caller.map(|signal| {
            let internal = controller.clone();
            OnAbort::listen(&signal, Closure::new(move || internal.abort()))
        });
        let timed_out = Rc::new(Cell::new(false));
        let timer = timeout_ms.map(|ms| {
            let (internal, flag) = (controller.clone(), timed_out.clone());
            let on_timeout = Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                internal.abort();
            });
            let handle = set_timeout(on_timeout.as_ref().unchecked_ref(), ms);
            (handle, on_timeout)
        });
        Ok(AbortGuard {
            controller,
            caller,
            timer,
            timed_out,
        })
    }

    /// What ended the request early, if anything did.
    fn cut_short(&self) -> Option<Failure> {
        if let Some(OnAbort { signal, .. }) = &self.caller
            && signal.aborted()
        {
            return Some(Failure::Aborted {
                reason: signal.reason(),
                sent: true,
            });
        }
        self.timed_out.get().then_some(Failure::TimedOut)
    }

    /// A rejection of fetch or of reading the body, as the right failure.
    fn failure(&self, cause: JsValue) -> Failure {
        self.cut_short().unwrap_or_else(|| {
            let detail = js_sys::Reflect::get(&cause, &JsValue::from_str("message"))
                .ok()
                .and_then(|message| message.as_string())
                .or_else(|| cause.as_string())
                .unwrap_or_default();
            Failure::Network {
                cause,
                detail,
                sent: true,
            }
        })
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        // The caller's listener goes with `caller`.
        if let Some((handle, _)) = self.timer.take() {
            clear_timeout(&handle);
        }
    }
}

/// Sends `request` and reads the answer, at most [`MAX_REPLY_BYTES`] of it; the timeout covers
/// headers and body.
pub(crate) async fn send(
    request: Outgoing<'_>,
    cors_preflight: bool,
    caller: Option<AbortSignal>,
    timeout_ms: Option<u32>,
) -> Result<Reply, Failure> {
    if let Some(signal) = &caller
        && signal.aborted()
    {
        return Err(Failure::Aborted {
            reason: signal.reason(),
            sent: false,
        });
    }
    let guard = AbortGuard::new(caller, timeout_ms).map_err(guard_failure)?;
    let internal = guard.controller.signal();
    let builder = RequestBuilder::new(request.url)
        .method(match request.method {
            HttpMethod::Post => Method::POST,
            HttpMethod::Get => Method::GET,
        })
        // A GET DeleteCall must reach the recorder every time, never be answered from a cache.
        .cache(RequestCache::NoStore)
        // Never followed: a 307/308 would re-send the form body, key and token included, to
        // whatever origin the Location names, and another origin's reply is no deletion.
        .redirect(RequestRedirect::Manual)
        .abort_signal(Some(&internal));
    // The preflight gate: a form POST (or a GET) is a CORS "simple" request, which a browser
    // sends even when the recorder's CORS policy will hide the answer, so the call would be
    // deleted while the page sees a network error. A header outside the CORS safelist makes
    // the browser ask the recorder first and send nothing it does not allow.
    let builder = if cors_preflight && super::input::crosses_origin(request.url) {
        builder.header(PREFLIGHT_HEADER.0, PREFLIGHT_HEADER.1)
    } else {
        builder
    };
    // Basic credentials (RequestToken): a header outside the CORS safelist too, so a
    // cross-origin request is preflighted anyway.
    let builder = match request.authorization {
        Some(value) => builder.header("Authorization", value),
        None => builder,
    };
    let built = match request.body {
        Some(body) => builder.header("Content-Type", FORM_CONTENT_TYPE).body(body),
        None => builder.build(),
    };
    // Building fails only for a URL the platform's parser refuses, which validation refuses
    // first (`input::report_unparseable_base_url`); gloo-net keeps no error object to pass on.
    let built = built.map_err(|error| Failure::Network {
        cause: JsValue::UNDEFINED,
        detail: error.to_string(),
        sent: false,
    })?;
    let raw: web_sys::Request = built.into();
    let sent = fetch_with_request(&raw).map_err(|cause| guard.failure(cause))?;
    let answer = JsFuture::from(sent)
        .await
        .map_err(|cause| guard.failure(cause))?;
    let response: web_sys::Response = answer.dyn_into().map_err(|other| Failure::Network {
        cause: other,
        detail: String::from("fetch answered with something that is not a Response"),
        sent: true,
    })?;
    let status = response.status();
    // Status 0 on a cors-mode fetch that resolved is an opaque redirect (the only other status-0
    // response, "opaque", needs mode no-cors); it is cheaper to tell by than the type string.
    if status == 0 {
        return Err(Failure::Redirected(None));
    }
    // A browser passes some broken status lines on (`HTTP/1.1 2x0` arrives as status 2): no
    // answer to read.
    if !(100..=599).contains(&status) {
        discard_response(&response, &guard).await;
        return Err(Failure::InvalidStatus(status));
    }
    // Node shows the redirect itself; the statuses a browser turns into an opaque redirect.
    if matches!(status, 301 | 302 | 303 | 307 | 308) {
        return Err(Failure::Redirected(Some(status)));
    }
    let retry_after = response.headers().get("retry-after").ok().flatten();
    let body = read_bounded(&response, &guard)
        .await
        .map_err(|failure| match failure {
            Bounded::TooLarge => Failure::TooLarge(status),
            Bounded::Failed(cause) => guard.failure(cause),
        })?;
    Ok(Reply {
        status,
        body,
        retry_after,
    })
}

/// Why [`read_bounded`] read no body.
enum Bounded {
    TooLarge,
    Failed(JsValue),
}

/// Reads the body as a stream, never more than [`MAX_REPLY_BYTES`] of it into wasm memory: a
/// declared `Content-Length` over the limit is refused before reading, and a stream that
/// passes the limit is cancelled before its next chunk is copied. Decoded as UTF-8 as
/// `Response.text()` does (a BOM dropped, invalid sequences replaced).
async fn read_bounded(response: &web_sys::Response, guard: &AbortGuard) -> Result<String, Bounded> {
    let declared = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| parse_code(&length))
        .and_then(|length| u64::try_from(length).ok());
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    if declared.is_some_and(|length| length > MAX_REPLY_BYTES as u64) {
        discard(&stream, guard).await;
        return Err(Bounded::TooLarge);
    }
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    // The chunks stay JavaScript arrays until the end and are copied once into a buffer of the
    // exact size: a buffer grown chunk by chunk would, with its abandoned smaller blocks, take
    // up to twice the bound in wasm memory, which never shrinks.
    let chunks = js_sys::Array::new();
    let mut total = 0;
    loop {
        let step: ReadResult = JsFuture::from(reader.read())
            .await
            .map_err(Bounded::Failed)?
            .unchecked_into();
        if step.done() {
            break;
        }
        let chunk = step
            .value()
            .dyn_into::<Uint8Array>()
            .map_err(Bounded::Failed)?;
        total += chunk.length() as usize;
        if total > MAX_REPLY_BYTES {
            let _ = JsFuture::from(reader.cancel()).await;
            guard.controller.abort();
            return Err(Bounded::TooLarge);
        }
        chunks.push(&chunk);
    }
    let mut bytes = vec![0; total];
    let mut start = 0;
    for chunk in chunks.iter() {
        let chunk: Uint8Array = chunk.unchecked_into();
        let end = start + chunk.length() as usize;
        if let Some(place) = bytes.get_mut(start..end) {
            chunk.copy_to(place);
        }
        start = end;
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Valid UTF-8 (the usual case) becomes the String without a copy.
    let invalid = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(invalid) => invalid.into_bytes(),
    };
    // Each invalid sequence becomes U+FFFD (three bytes), as in `Response.text()`; the decoded
    // text is held to the same bound, so that memory stays bounded for any reply.
    let mut text = String::with_capacity(invalid.len());
    for chunk in invalid.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
        }
        if text.len() > MAX_REPLY_BYTES {
            return Err(Bounded::TooLarge);
        }
    }
    Ok(text)
}

/// Stops the body of a response that will not be read.
async fn discard_response(response: &web_sys::Response, guard: &AbortGuard) {
    if let Some(stream) = response.body() {
        discard(&stream, guard).await;
    }
}

/// Stops a body that will not be read: cancels its stream and aborts the connection.
async fn discard(stream: &ReadableStream, guard: &AbortGuard) {
    let _ = JsFuture::from(stream.cancel()).await;
    guard.controller.abort();
}

/// The guard's `AbortController` could not be made (a platform without one).
fn guard_failure(cause: JsValue) -> Failure {
    Failure::Network {
        detail: String::from("AbortController is not available"),
        cause,
        sent: false,
    }
}
