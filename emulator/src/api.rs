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
//! 3. `action`: missing or not exactly `DeleteCall` or `RequestToken` (case-sensitive,
//!    "literal" in the spec): code 1; `RequestToken` continues in [`request_token`];
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
//! server), so a client timing out still leaves a deterministic state. The fixture's `faults`
//! ([`crate::faults`]) may, per request, cut the connection before acting or after deleting,
//! answer HTTP 503 without acting, or hold the answer longer.
//!
//! `RequestToken` (spec section 6), after steps 1 to 3: parameter names (code 1 for a case
//! typo), then the API key (code 4), then the credentials: the `Authorization: Basic` header if
//! one is sent (then `userName`/`password` are ignored), else the `userName` and `password`
//! parameters (query or body, GET or POST); a malformed header, missing credentials, an unknown
//! user, a wrong password or a missing role are all code 4, with messages that never hold the
//! password. Success is code 0 with a new random token bound to the key (see
//! [`store::Store::issue_token`]).
//!
//! Steps 1 and 2 only look at the request: the [`ApiRequest`] extractor does them ([`request`]).
//! Steps 3 to 8 follow in the handler, each failure a `Refusal` with its reply code; the answer
//! goes out as an [`ApiResponse`] ([`response`]).

use std::sync::Arc;
use std::time::Duration;

use axum::Extension;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::basic_auth;
use crate::faults::{self, ConnectionCutter, Draw, Fault};
use crate::log::ApiLogInfo;
use crate::params::{self, Params};
use crate::reply::{ApiReply, FormattedReply, ResponseType};
use crate::store::{self, AuthFailure, DeleteOutcome, IssuedToken, TokenRefusal};

pub mod request;
pub mod response;

pub use request::{ApiRequest, FormatProblem, ShapeProblem};
pub use response::ApiResponse;

/// The deletion action.
pub const DELETE_CALL: &str = "DeleteCall";

/// The token action (spec section 6).
pub const REQUEST_TOKEN: &str = "RequestToken";

/// Longest request target (path and query) accepted, after the spec's advice that a GET request
/// line should stay under 4,000 characters.
pub const MAX_TARGET_LEN: usize = 4000;

/// The `type` attribute when the action is missing or not a plain name.
const UNKNOWN_ACTION: &str = "Unknown";

/// The handler for every method on `/verba/api`.
///
/// With the fixture's `faults` (see [`crate::faults`]): the request's draw is taken when it is
/// counted; `dropBefore` and `unavailable` answer without acting; `dropAfterDelete` acts and, if
/// the request deleted (or marked) a call, cuts the connection instead of answering. Every
/// answer, cuts included, is held for `responseDelayMs` plus the drawn fault delay.
pub async fn handle(
    State(app): State<Arc<AppState>>,
    cutter: Option<Extension<ConnectInfo<ConnectionCutter>>>,
    request: ApiRequest,
) -> Response {
    let cutter = cutter.map(|Extension(ConnectInfo(c))| c);
    let plan = count_request(&app, &request);
    match plan.draw.fault {
        Some(Fault::DropBefore) => {
            tokio::time::sleep(plan.hold).await;
            return cut(cutter.as_ref(), &request, None, Fault::DropBefore);
        }
        Some(Fault::Unavailable) => {
            tokio::time::sleep(plan.hold).await;
            return unavailable(&request, plan.retry_after_s);
        }
        Some(Fault::DropAfterDelete) | None => {}
    }
    let (reply, deleted) = answer(&app, &request);
    let cut_after = deleted && plan.draw.fault == Some(Fault::DropAfterDelete);
    if cut_after {
        app.lock_store().apply_fault(plan.n, Fault::DropAfterDelete);
    }
    if !plan.hold.is_zero() {
        // After the decision: a slow answer, not a slow server (see above).
        tokio::time::sleep(plan.hold).await;
    }
    if cut_after {
        return cut(
            cutter.as_ref(),
            &request,
            Some(reply.reply.code),
            Fault::DropAfterDelete,
        );
    }
    ApiResponse::new(&request, reply).into_response()
}

/// What counting a request decided.
struct Plan {
    /// Its number since the state was loaded.
    n: u64,
    draw: Draw,
    /// `responseDelayMs` plus the fault delay.
    hold: Duration,
    retry_after_s: u64,
}

/// Counts the request for `GET /__emulator/requests`, draws its fault and reads the fixture's
/// reply delay, under one lock.
fn count_request(app: &AppState, request: &ApiRequest) -> Plan {
    let mut store = app.lock_store();
    let (n, draw) = store.record_request(request.record());
    let hold = store
        .response_delay()
        .saturating_add(Duration::from_millis(draw.delay_ms));
    let retry_after_s = store
        .faults()
        .map_or(faults::DEFAULT_RETRY_AFTER_S, |f| f.retry_after_s);
    Plan {
        n,
        draw,
        hold,
        retry_after_s,
    }
}

/// Cuts the connection the request came on (no byte of an answer is written; see
/// [`crate::faults`]). The returned response only carries the log line to the logger; hyper
/// cannot write it. Without a cutter (a router driven without [`crate::serve`], as by `oneshot`)
/// the connection cannot be cut: the answer is then HTTP 502 saying so.
fn cut(
    cutter: Option<&ConnectionCutter>,
    request: &ApiRequest,
    code: Option<u32>,
    fault: Fault,
) -> Response {
    let log = ApiLogInfo {
        params: request.log_params(),
        code,
        fault: Some(fault),
        cut: true,
    };
    let mut response = match cutter {
        Some(cutter) => {
            cutter.cut();
            StatusCode::OK.into_response()
        }
        None => (
            StatusCode::BAD_GATEWAY,
            "fault injection: this connection should have been cut, but the router is not \
             served by verba_emulator::serve\n",
        )
            .into_response(),
    };
    response.extensions_mut().insert(log);
    response
}

/// The `unavailable` fault: HTTP 503, `Retry-After`, a proxy's HTML error page.
fn unavailable(request: &ApiRequest, retry_after_s: u64) -> Response {
    let log = ApiLogInfo {
        params: request.log_params(),
        code: None,
        fault: Some(Fault::Unavailable),
        cut: false,
    };
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::RETRY_AFTER, HeaderValue::from(retry_after_s)),
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        Extension(log),
        faults::UNAVAILABLE_PAGE,
    )
        .into_response()
}

/// Decides the reply, and whether a call was deleted (or marked). Changes the store only on
/// success.
fn answer(app: &AppState, request: &ApiRequest) -> (FormattedReply, bool) {
    let action = type_attribute(request.params());
    // 1. The format, needed to write any other answer; without one, the answer is XML.
    let format = match request.format() {
        Ok(format) => format,
        Err(problem) => {
            let reply = ApiReply::error(action, 1, problem.to_string());
            return (reply.in_format(ResponseType::Xml), false);
        }
    };
    let result = dispatch(app, request);
    let deleted = matches!(result, Ok(Success::Deleted));
    let reply = match result {
        Ok(Success::Deleted) => ApiReply::ok(DELETE_CALL),
        Ok(Success::Token(issued)) => {
            ApiReply::token(REQUEST_TOKEN, &issued.token, &issued.session_id)
        }
        Err(refusal) => ApiReply::error(action, refusal.code(), refusal.message()),
    };
    (reply.in_format(format), deleted)
}

/// What a successful request did.
enum Success {
    Deleted,
    Token(IssuedToken),
}

/// Steps 2 and 3, then the action.
fn dispatch(app: &AppState, request: &ApiRequest) -> Result<Success, Refusal> {
    request.shape().map_err(Refusal::invalid)?; // 2.
    match check_action(request.params()).map_err(Refusal::invalid)? {
        // 3.
        REQUEST_TOKEN => request_token(app, request).map(Success::Token),
        _ => delete_call(app, request).map(|()| Success::Deleted),
    }
}

/// `RequestToken`: names, key, credentials (see the module documentation).
fn request_token(app: &AppState, request: &ApiRequest) -> Result<IssuedToken, Refusal> {
    let params = request.params();
    params::check_names(params).map_err(Refusal::invalid)?;
    let header = request.authorization().map(basic_auth::parse);
    let credentials = match &header {
        Some(Some(c)) => Ok((c.user_name.as_str(), c.password.as_str())),
        Some(None) => Err(TokenRefusal::MalformedAuthorization),
        None => match (params.get("userName"), params.get("password")) {
            (Some(user), Some(password)) if !user.is_empty() => Ok((user, password)),
            _ => Err(TokenRefusal::MissingCredentials),
        },
    };
    let now = store::now_ms();
    let mut store = app.lock_store();
    store
        .issue_token(params.get("apiKey"), credentials, now)
        .map_err(Refusal::TokenRefused)
}

/// Steps 4 to 8: checks the request and deletes the call it selects.
fn delete_call(app: &AppState, request: &ApiRequest) -> Result<(), Refusal> {
    let params = request.params();
    let selector = params::delete_call_selector(params).map_err(Refusal::invalid)?; // 4.

    // 5.-8. Under one lock, so that two requests for the same call cannot both succeed.
    let now = store::now_ms();
    let mut store = app.lock_store();
    store
        .authenticate(params.get("apiKey"), params.get("token"), now)
        .map_err(Refusal::Unauthenticated)?;
    match store.delete(&selector, now) {
        DeleteOutcome::NotFound => Err(Refusal::NotFound),
        DeleteOutcome::Ambiguous(matches) => Err(Refusal::Ambiguous(matches)),
        DeleteOutcome::Protected => Err(Refusal::Protected),
        DeleteOutcome::Deleted | DeleteOutcome::Marked | DeleteOutcome::AlreadyMarked => Ok(()),
    }
}

/// Step 3: the action must be exactly `DeleteCall` or `RequestToken`. The error is the code-1
/// message.
fn check_action(params: &Params) -> Result<&'static str, String> {
    match params.get("action") {
        None => Err("The action parameter is missing.".to_string()),
        Some(DELETE_CALL) => Ok(DELETE_CALL),
        Some(REQUEST_TOKEN) => Ok(REQUEST_TOKEN),
        Some(other) => Err(format!(
            "Unknown action {}; this emulator implements DeleteCall and RequestToken (the \
             names are case-sensitive).",
            params::quote(other)
        )),
    }
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

/// Why a request with a known format fails: one variant per reply code of the spec's table.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refusal {
    /// Code 1: the request, its action, its parameter names or its selector; the message.
    Invalid(String),
    /// Code 4.
    Unauthenticated(AuthFailure),
    /// Code 4, for `RequestToken`.
    TokenRefused(TokenRefusal),
    /// Code 2: no call matches.
    NotFound,
    /// Code 3: this many calls match.
    Ambiguous(usize),
    /// Code 5: the one match is protected (`doNotDelete`).
    Protected,
}

impl Refusal {
    /// A code-1 refusal with `problem` as its message.
    fn invalid(problem: impl std::fmt::Display) -> Self {
        Refusal::Invalid(problem.to_string())
    }

    /// The reply code.
    fn code(&self) -> u32 {
        match self {
            Refusal::Invalid(_) => 1,
            Refusal::NotFound => 2,
            Refusal::Ambiguous(_) => 3,
            Refusal::Unauthenticated(_) | Refusal::TokenRefused(_) => 4,
            Refusal::Protected => 5,
        }
    }

    /// The `ErrorMessage`.
    fn message(&self) -> String {
        match self {
            Refusal::Invalid(message) => message.clone(),
            Refusal::Unauthenticated(failure) => failure.message().to_string(),
            Refusal::TokenRefused(refusal) => refusal.message().to_string(),
            Refusal::NotFound => {
                "Unable to delete the call, because the call cannot be found.".to_string()
            }
            Refusal::Ambiguous(matches) => format!(
                "Unable to delete the call, because {matches} calls match the request; use a \
                 more specific selector."
            ),
            Refusal::Protected => "Unable to delete the call, because it is protected from \
                                   deletion (do not delete)."
                .to_string(),
        }
    }
}
