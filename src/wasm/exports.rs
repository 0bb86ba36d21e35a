//! The JavaScript API: `deleteCall`, `requestToken`, `validateDeleteCall`, `validateParameter`,
//! `buildDeleteCallRequest`, `parseDeleteCallResponse` (`createClient` is in `client`). Each takes the caller's values once and
//! gives one value back.

pub use super::batch::delete_calls;
pub use super::client::{VerbaClient, create_client};
use super::input;
use super::output::{JsVerbaError, error_value, to_js};
use super::transport::{self, Failure};
use crate::error::{Action, Secrets, VerbaError};
use crate::issue::{IssueCode, ValidationIssue};
use crate::options::is_whole;
use crate::params::{DeleteCallParams, ResponseType};
use crate::report::ValidationReport;
use crate::token::{self, RequestTokenParams, TokenInfo};
use crate::{reply, request, validation};
use js_sys::Promise;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::future_to_promise;
use web_sys::AbortSignal;

/// A promise of `future`'s outcome. Every promise the module makes goes through this one
/// `future_to_promise`, on a boxed future: each instantiation of `future_to_promise` is a copy
/// of its promise glue with the future's state machine inlined: five of them (the two exports,
/// the client's two methods and its renewal) weighed about 3 KB of wasm more than this one.
pub(crate) fn spawn(future: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    spawn_boxed(Box::pin(future))
}

/// [`spawn`]'s one instantiation of `future_to_promise`.
fn spawn_boxed(future: Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>) -> Promise {
    future_to_promise(future)
}

/// Whether `value` is an instance of the package's JavaScript `VerbaError` class.
pub fn is_verba_error(value: &JsValue) -> bool {
    value.is_instance_of::<JsVerbaError>()
}

/// Validates the options, or gives every issue.
fn checked(options: &JsValue) -> Result<DeleteCallParams, Vec<ValidationIssue>> {
    let read = input::options(options).map_err(|issue| vec![issue])?;
    let checked = validation::validate_delete_call(&read.options);
    if read.base_url_parses {
        return checked;
    }
    let mut issues = checked.err().unwrap_or_default();
    input::report_unparseable_base_url(&mut issues);
    Err(issues)
}

/// A `VerbaError` VALIDATION for `issues`, found checking the options of `action`.
pub(crate) fn validation_error(issues: Vec<ValidationIssue>, action: Action) -> JsValue {
    error_value(&VerbaError::from(issues), JsValue::UNDEFINED, action)
}

/// Why a request did not succeed, before it becomes the JavaScript rejection.
pub(crate) enum Rejection {
    /// A `VerbaError`, with its `cause` (`undefined` for none) and the reply's `Retry-After`
    /// header, if it had one.
    Error(VerbaError, JsValue, Option<String>),
    /// The caller's signal fired: its reason, passed on unchanged, and whether the request had
    /// been sent.
    Aborted(JsValue, bool),
    /// The token request a call waited for failed: its rejection as the caller gets it (a
    /// `VerbaError`, or what a credentials function rejected with).
    Renewal(JsValue),
}

impl Rejection {
    /// Whether the recorder refused the key, the credentials or the token.
    pub(crate) fn is_auth_failed(&self) -> bool {
        matches!(self, Rejection::Error(VerbaError::AuthFailed { .. }, ..))
    }

    /// The JavaScript rejection, for an error that ended `action`.
    pub(crate) fn into_js(self, action: Action) -> JsValue {
        match self {
            Rejection::Error(error, cause, _) => error_value(&error, cause, action),
            Rejection::Aborted(reason, _) | Rejection::Renewal(reason) => reason,
        }
    }
}

impl From<VerbaError> for Rejection {
    fn from(error: VerbaError) -> Self {
        Rejection::Error(error, JsValue::UNDEFINED, None)
    }
}

/// `deleteCall` as a Rust future (the browser tests await it).
// Exported by `delete_call_promise`: an exported `async fn` would be an instantiation of
// `future_to_promise` of its own (see `spawn`).
pub async fn delete_call(options: JsValue) -> Result<JsValue, JsValue> {
    let params =
        checked(&options).map_err(|issues| validation_error(issues, Action::DeleteCall))?;
    send_delete_call(&params, input::signal(&options))
        .await
        .map_err(|rejection| rejection.into_js(Action::DeleteCall))
}

/// Deletes a call. Validates first and sends nothing when the options are invalid. Resolves
/// only on API success; rejects with a `VerbaError` otherwise, or with the signal's reason
/// unchanged when the caller aborts.
#[wasm_bindgen(js_name = deleteCall, unchecked_return_type = "Promise<DeleteCallResult>")]
pub fn delete_call_promise(
    #[wasm_bindgen(unchecked_param_type = "DeleteCallOptions")] options: JsValue,
) -> Promise {
    spawn(delete_call(options))
}

/// Sends a valid DeleteCall and reads its reply.
pub(crate) async fn send_delete_call(
    params: &DeleteCallParams,
    signal: Option<AbortSignal>,
) -> Result<JsValue, Rejection> {
    let request = request::build_delete_call_request(params);
    let sent = transport::send(
        (&request).into(),
        params.cors_preflight,
        signal,
        params.timeout_ms,
    );
    match sent.await {
        Ok(reply) => params
            .read_reply(&reply.body, reply.status)
            .map(|result| to_js(&result))
            .map_err(|error| Rejection::Error(error, JsValue::UNDEFINED, reply.retry_after)),
        Err(failure) => Err(failed(failure, params.timeout_ms, &params.secrets())),
    }
}

/// The rejection for a request that got no readable answer: the caller's abort reason as is,
/// else a `VerbaError` whose texts are scrubbed of `secrets`.
fn failed(failure: Failure, timeout_ms: Option<u32>, secrets: &[&str]) -> Rejection {
    let error = match failure {
        Failure::Aborted { reason, sent } => return Rejection::Aborted(reason, sent),
        Failure::Redirected(http_status) => VerbaError::Redirected { http_status },
        Failure::TimedOut => VerbaError::Timeout {
            timeout_ms: timeout_ms.unwrap_or(0),
        },
        Failure::InvalidStatus(http_status) => VerbaError::Parse {
            reason: reply::INVALID_STATUS.to_owned(),
            http_status: Some(http_status),
        },
        Failure::TooLarge(http_status) => VerbaError::Parse {
            reason: reply::TOO_LARGE.to_owned(),
            http_status: Some(http_status),
        },
        Failure::Network {
            cause,
            detail,
            sent,
        } => {
            let error = VerbaError::network(&detail, sent, &Secrets::new(secrets));
            return Rejection::Error(error, cause, None);
        }
    };
    error.into()
}

/// Validates RequestToken options, or gives every issue.
fn checked_token(options: &JsValue) -> Result<RequestTokenParams, Vec<ValidationIssue>> {
    let read = input::options(options).map_err(|issue| vec![issue])?;
    let checked = token::validate_request_token(&read.options);
    if read.base_url_parses {
        return checked;
    }
    let mut issues = checked.err().unwrap_or_default();
    input::report_unparseable_base_url(&mut issues);
    Err(issues)
}

/// `requestToken` as a Rust future (the browser tests await it).
// Exported by `request_token_promise`, as `delete_call`.
pub async fn request_token(options: JsValue) -> Result<JsValue, JsValue> {
    let params =
        checked_token(&options).map_err(|issues| validation_error(issues, Action::RequestToken))?;
    // The preflight gate stays on: an Authorization header makes the request non-simple anyway,
    // and a POST of parameters gets the gate's header when it crosses origins.
    send_request_token(&params, true, input::signal(&options))
        .await
        .map(|info| to_js(&info))
        .map_err(|rejection| rejection.into_js(Action::RequestToken))
}

/// Requests a session token for a recorder user (spec §6). Validates first and sends nothing
/// when the options are invalid. Resolves with `{ token, expiresAt }` (the moment the request
/// was sent plus one hour, in milliseconds since the epoch); rejects with a `VerbaError`
/// (`AUTH_FAILED` when the recorder refuses the key or the credentials), or with the signal's
/// reason unchanged when the caller aborts.
#[wasm_bindgen(js_name = requestToken, unchecked_return_type = "Promise<TokenInfo>")]
pub fn request_token_promise(
    #[wasm_bindgen(unchecked_param_type = "RequestTokenOptions")] options: JsValue,
) -> Promise {
    spawn(request_token(options))
}

/// Sends a valid RequestToken and reads the token from its reply.
pub(crate) async fn send_request_token(
    params: &RequestTokenParams,
    cors_preflight: bool,
    signal: Option<AbortSignal>,
) -> Result<TokenInfo, Rejection> {
    let request = token::build_request_token_request(params);
    let sent_at_ms = js_sys::Date::now();
    let sent = transport::send((&request).into(), cors_preflight, signal, params.timeout_ms);
    match sent.await {
        Ok(reply) => params
            .read_reply(&reply.body, reply.status, sent_at_ms)
            .map_err(Rejection::from),
        Err(failure) => Err(failed(failure, params.timeout_ms, &params.secrets())),
    }
}

/// Checks a whole options object. Never throws: returns `{ valid, issues, normalized }`,
/// `normalized` being `null` when invalid.
#[wasm_bindgen(js_name = validateDeleteCall, unchecked_return_type = "ValidationReport")]
pub fn validate_delete_call(
    #[wasm_bindgen(unchecked_param_type = "unknown")] options: JsValue,
) -> JsValue {
    to_js(&ValidationReport::from(&checked(&options)))
}

/// Checks one option on its own, for live form validation; `[]` when valid. Rules that involve
/// several options (exactly one selector, status with extension) need `validateDeleteCall`.
#[wasm_bindgen(js_name = validateParameter, unchecked_return_type = "ValidationIssue[]")]
pub fn validate_parameter(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> JsValue {
    let issues = match input::parameter(&name, &value) {
        Some((name, value, parses)) => {
            let mut issues = validation::validate_parameter(&name, &value);
            if !parses {
                input::report_unparseable_base_url(&mut issues);
            }
            issues
        }
        None => vec![ValidationIssue {
            field: String::new(),
            code: IssueCode::InvalidType,
            message: "validateParameter needs the option's name as a string, such as \"callID\"."
                .to_owned(),
        }],
    };
    to_js(&issues)
}

/// Builds the request `deleteCall` would send, without sending it. Throws a `VerbaError` with
/// code `VALIDATION` when the options are invalid. For GET, `url` holds the credentials: show
/// `preview`, never `url`.
#[wasm_bindgen(js_name = buildDeleteCallRequest, unchecked_return_type = "BuiltRequest")]
pub fn build_delete_call_request(
    #[wasm_bindgen(unchecked_param_type = "DeleteCallOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let params =
        checked(&options).map_err(|issues| validation_error(issues, Action::DeleteCall))?;
    Ok(to_js(&request::build_delete_call_request(&params)))
}

/// Reads a DeleteCall reply the caller fetched itself, with the same rules as `deleteCall`:
/// returns the result on API success, throws a `VerbaError` otherwise.
// Declared in typescript.rs, where its optional parameters can be marked as such.
#[wasm_bindgen(js_name = parseDeleteCallResponse, skip_typescript)]
pub fn parse_delete_call_response(
    body: JsValue,
    #[wasm_bindgen(js_name = responseType)] response_type: Option<JsValue>,
    #[wasm_bindgen(js_name = httpStatus)] http_status: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let response_type = response_type.unwrap_or(JsValue::UNDEFINED);
    let http_status = http_status.unwrap_or(JsValue::UNDEFINED);
    let mut issues = Vec::new();
    let text = body.as_string().unwrap_or_else(|| {
        issues.push(ValidationIssue {
            field: "body".to_owned(),
            code: IssueCode::InvalidType,
            message: "body must be the reply text, a string.".to_owned(),
        });
        String::new()
    });
    let response_type = if response_type.is_undefined() || response_type.is_null() {
        ResponseType::Xml
    } else {
        match response_type
            .as_string()
            .as_deref()
            .and_then(ResponseType::parse)
        {
            Some(kind) => kind,
            None => {
                issues.push(ValidationIssue {
                    field: "responseType".to_owned(),
                    code: IssueCode::InvalidResponseType,
                    message: "responseType must be XML, JSON, TEXT or HTML.".to_owned(),
                });
                ResponseType::Xml
            }
        }
    };
    let http_status = if http_status.is_undefined() || http_status.is_null() {
        200
    } else {
        match http_status.as_f64() {
            Some(status) if is_whole(status) && (100.0..=599.0).contains(&status) => status as u16,
            _ => {
                issues.push(ValidationIssue {
                    field: "httpStatus".to_owned(),
                    code: IssueCode::InvalidValue,
                    message:
                        "httpStatus must be a whole number from 100 to 599, such as response.status."
                            .to_owned(),
                });
                200
            }
        }
    };
    if !issues.is_empty() {
        return Err(validation_error(issues, Action::DeleteCall));
    }
    reply::parse_delete_call_response(&text, response_type, http_status)
        .map(|result| to_js(&result))
        .map_err(|error| error_value(&error, JsValue::UNDEFINED, Action::DeleteCall))
}
