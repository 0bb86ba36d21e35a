//! `GET|POST /verba/api`: the emulated vendor endpoint.
//!
//! Parameters come from the query string (GET and POST) and, for POST, from an
//! `application/x-www-form-urlencoded` body; `action` may be in either. The answer is always
//! HTTP 200 with the reply code in the body (spec section 4), except for a method other than
//! GET or POST, which gets HTTP 405 (with `Allow: GET, POST`) and a code-1 body.
//!
//! Order of checks (each failure ends the request; nothing changes in the store before the last
//! step):
//! 1. `responseType` (case-insensitive; unknown or empty: code 1, written in XML, since the
//!    requested format is unknown);
//! 2. the request itself: method, body over the limit (64 KiB by default), a POST body that is
//!    not form-encoded, a URL over 4000 characters (the vendor's advice for GET), a parameter
//!    given twice with different values: code 1;
//! 3. `action`: missing or not exactly `DeleteCall` (case-sensitive, "literal" in the spec):
//!    code 1;
//! 4. parameter names and the selector (see [`crate::params`]): code 1;
//! 5. authentication (API key, then the token if the key requires one): code 4. It comes after
//!    the syntactic checks, which only look at the request, and before any lookup, so that an
//!    unauthenticated caller learns nothing about the calls;
//! 6. lookup: no match code 2, several code 3;
//! 7. the one match is protected (`doNotDelete`): code 5;
//! 8. success, code 0: a finished call is deleted; an ongoing or scheduled call is marked for
//!    deletion and stays listed; deleting a marked call again answers code 0 and changes nothing.
//!
//! Every request is counted for `GET /__emulator/requests` before it is processed. The fixture's
//! `responseDelayMs` delays the reply after the state has changed (a slow answer, not a slow
//! server), so a client timing out still leaves a deterministic state.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::body::{self, BodyError};
use crate::log::ApiLogInfo;
use crate::params::{self, Params};
use crate::redact;
use crate::reply::{ApiReply, ResponseType};
use crate::store::{self, DeleteOutcome, RequestRecord};

/// The one action the emulator implements.
pub const DELETE_CALL: &str = "DeleteCall";

/// Longest request target (path and query) accepted, after the spec's advice that a GET request
/// line should stay under 4,000 characters.
pub const MAX_TARGET_LEN: usize = 4000;

/// The `type` attribute when the action is missing or not a plain name.
const UNKNOWN_ACTION: &str = "Unknown";

/// The handler for every method on `/verba/api`.
pub async fn handle(State(app): State<Arc<AppState>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let method = parts.method.clone();
    let query_pairs = params::parse_pairs(parts.uri.query().unwrap_or("").as_bytes());
    let content_type = parts
        .headers
        .get(header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());

    // Problems of the request as a whole; reported as code 1 after responseType is known.
    let mut problem: Option<String> = None;
    let mut http_status = StatusCode::OK;
    let mut body_pairs = Vec::new();
    if method == Method::POST {
        match body::read_limited(body, app.settings.api_body_limit).await {
            Err(BodyError::TooLarge) => {
                problem = Some(format!(
                    "The request body is larger than {} bytes.",
                    app.settings.api_body_limit
                ));
            }
            Err(BodyError::Broken) => problem = Some("The request body could not be read.".into()),
            Ok(bytes) if bytes.is_empty() => {}
            Ok(bytes) => {
                if is_form(content_type.as_deref()) {
                    body_pairs = params::parse_pairs(&bytes);
                } else {
                    problem = Some(format!(
                        "A POST body must be application/x-www-form-urlencoded, not {}.",
                        content_type
                            .as_deref()
                            .map(params::quote)
                            .unwrap_or_else(|| "without a Content-Type".to_string())
                    ));
                }
            }
        }
    } else if method != Method::GET {
        http_status = StatusCode::METHOD_NOT_ALLOWED;
        problem = Some(format!(
            "The method {} is not supported; use GET or POST.",
            params::quote(method.as_str())
        ));
    }
    let target_len = parts.uri.path_and_query().map_or(0, |pq| pq.as_str().len());
    if problem.is_none() && target_len > MAX_TARGET_LEN {
        problem = Some(format!(
            "The request URL is longer than {MAX_TARGET_LEN} characters; send the parameters in \
             a POST body."
        ));
    }

    let params = Params::merge(&query_pairs, &body_pairs);
    let log_params = redact::format_params(
        query_pairs
            .iter()
            .chain(body_pairs.iter())
            .map(|(k, v)| (k.as_str(), v.as_str())),
    );

    let record = RequestRecord {
        method: redact::sanitize(method.as_str()),
        action: params.get("action").map(redact::sanitize),
        query_keys: query_pairs
            .iter()
            .map(|(k, _)| redact::sanitize(k))
            .collect(),
        body_keys: body_pairs
            .iter()
            .map(|(k, _)| redact::sanitize(k))
            .collect(),
        content_type: content_type.as_deref().map(redact::sanitize),
    };
    let delay = {
        let mut store = app.lock_store();
        store.record_request(record);
        store.response_delay()
    };

    let (format, reply) = answer(&app, &params, problem);

    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }

    let mut response = (
        http_status,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.content_type()),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        reply.render(format),
    )
        .into_response();
    if http_status == StatusCode::METHOD_NOT_ALLOWED {
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
    }
    response.extensions_mut().insert(ApiLogInfo {
        params: log_params,
        code: reply.code,
    });
    response
}

/// True for `application/x-www-form-urlencoded`, parameters (such as a charset) ignored.
fn is_form(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|ct| {
        ct.split(';').next().is_some_and(|media| {
            media
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
    })
}

/// The `type` attribute: the action as given if it is a plain name, else `Unknown`.
fn type_attribute(params: &Params) -> &str {
    match params.get("action") {
        Some(a)
            if !a.is_empty() && a.len() <= 64 && a.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            a
        }
        _ => UNKNOWN_ACTION,
    }
}

/// Decides the answer: the reply format and the reply. Changes the store only on success.
fn answer(app: &AppState, params: &Params, problem: Option<String>) -> (ResponseType, ApiReply) {
    let action = type_attribute(params);

    // 1. The format, needed to write any other answer.
    let format = if params.conflicts_on("responseType") {
        return (
            ResponseType::Xml,
            ApiReply::error(
                action,
                1,
                "The responseType parameter was given more than once with different values.",
            ),
        );
    } else {
        match params.get("responseType") {
            None => ResponseType::Xml,
            Some(value) => match ResponseType::parse(value) {
                Some(format) => format,
                None => {
                    return (
                        ResponseType::Xml,
                        ApiReply::error(
                            action,
                            1,
                            format!(
                                "Unknown responseType {} (expected XML, JSON, TEXT or HTML).",
                                params::quote(value)
                            ),
                        ),
                    );
                }
            },
        }
    };
    let fail = |code: u32, message: String| (format, ApiReply::error(action, code, message));

    // 2. The request as a whole.
    if let Some(message) = problem {
        return fail(1, message);
    }
    if !params.conflicts().is_empty() {
        return fail(
            1,
            format!(
                "Parameter(s) given more than once with different values: {}.",
                params
                    .conflicts()
                    .iter()
                    .map(|n| redact::sanitize(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        );
    }

    // 3. The action.
    match params.get("action") {
        None => return fail(1, "The action parameter is missing.".to_string()),
        Some(DELETE_CALL) => {}
        Some(other) => {
            return fail(
                1,
                format!(
                    "Unknown action {}; this emulator implements DeleteCall (the name is \
                     case-sensitive).",
                    params::quote(other)
                ),
            );
        }
    }

    // 4. Names and selector.
    let selector = match params::delete_call_selector(params) {
        Ok(selector) => selector,
        Err(message) => return fail(1, message),
    };

    // 5.-8. Authentication, lookup, protection, deletion: under one lock, so that two requests
    // for the same call cannot both succeed.
    let now = store::now_ms();
    let mut store = app.lock_store();
    if let Err(failure) = store.authenticate(params.get("apiKey"), params.get("token"), now) {
        return fail(4, failure.message().to_string());
    }
    match store.delete(&selector, now) {
        DeleteOutcome::NotFound => fail(
            2,
            "Unable to delete the call, because the call cannot be found.".to_string(),
        ),
        DeleteOutcome::Ambiguous(n) => fail(
            3,
            format!(
                "Unable to delete the call, because {n} calls match the request; use a more \
                 specific selector."
            ),
        ),
        DeleteOutcome::Protected => fail(
            5,
            "Unable to delete the call, because it is protected from deletion (do not delete)."
                .to_string(),
        ),
        DeleteOutcome::Deleted | DeleteOutcome::Marked | DeleteOutcome::AlreadyMarked => {
            (format, ApiReply::ok(DELETE_CALL))
        }
    }
}
