//! Development and test routes under `/__emulator/` (off with `--no-admin`):
//!
//! - `GET /__emulator/calls`: `{"calls": [...]}`, every call still in the store, in fixture
//!   order, in the fixture format plus `"markedForDeletion": bool`. The callID is shown
//!   normalized (lower case, no braces); offsets are relative to the moment of the listing (so a
//!   UI can show "ended 5 minutes ago" directly), rounded to whole seconds; optional fields are
//!   `null`. Deleted calls are gone.
//! - `GET /__emulator/requests`: `{"count": N, "recent": [...]}`, how many `/verba/api`
//!   requests arrived since the state was loaded, and the last 100 of them (newest last) with
//!   `method`, `action`, `queryKeys`, `bodyKeys`, `contentType`: names only, never values, so
//!   that a test can prove a request was (not) sent and that POST kept secrets out of the URL.
//!   With fault injection, a record also has `"fault"` (`dropBefore`, `dropAfterDelete`,
//!   `unavailable`) when it got one and `"delayMs"` (the fault delay) when `delayMs` is set, and
//!   the answer has `"faults": {"dropBefore": a, "dropAfterDelete": b, "unavailable": c,
//!   "delayed": d}`, counted over every request since the state was loaded. Admin routes are
//!   never faulted.
//! - `POST /__emulator/reset`: replaces the whole state (calls, keys, delay, request count) with
//!   the fixture in the body, or with the built-in demo data when the body is empty or only
//!   whitespace. Offsets count from this moment. The fixture's `faults` replace the fault
//!   configuration (none without the key); the demo data gets the `--fault-*` flags' faults.
//!   200 `{"ok":true,"apiKeys":N,"calls":M,"responseDelayMs":D}`, plus `"faults": {...}` (the
//!   validated configuration, defaults filled in) when faults are on; an invalid fixture is HTTP 400 `{"error":"invalid fixture: ..."}`
//!   and leaves the state as it was; a body over 16 MiB is HTTP 413.
//!
//! Other paths under `/__emulator/` are HTTP 404 with a JSON error.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use crate::body::{self, BodyError};
use crate::store::{self, Store};
use crate::{AppState, demo_data, fixture};

/// The admin routes, to be nested under `/__emulator`.
pub fn router() -> Router<Arc<AppState>> {
    Router::new()
        .route("/calls", get(calls))
        .route("/requests", get(requests))
        .route("/reset", post(reset))
        .fallback(not_found)
}

/// A JSON answer; structs keep their field order (a `json!` map would sort the keys).
pub(crate) fn json_reply(status: StatusCode, value: impl serde::Serialize) -> Response {
    let mut response = (status, axum::Json(value)).into_response();
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    response
}

async fn calls(State(app): State<Arc<AppState>>) -> Response {
    #[derive(serde::Serialize)]
    struct Listing {
        calls: Vec<store::CallView>,
    }
    let calls = app.lock_store().list(store::now_ms());
    json_reply(StatusCode::OK, Listing { calls })
}

async fn requests(State(app): State<Arc<AppState>>) -> Response {
    let view = app.lock_store().requests();
    json_reply(StatusCode::OK, view)
}

async fn reset(State(app): State<Arc<AppState>>, request: Request) -> Response {
    let bytes = match body::read_limited(request.into_body(), app.settings.admin_body_limit).await {
        Ok(bytes) => bytes,
        Err(BodyError::TooLarge) => {
            return json_reply(
                StatusCode::PAYLOAD_TOO_LARGE,
                json!({ "error": format!("the fixture is larger than {} bytes", app.settings.admin_body_limit) }),
            );
        }
        Err(BodyError::Broken) => {
            return json_reply(
                StatusCode::BAD_REQUEST,
                json!({ "error": "the request body could not be read" }),
            );
        }
    };
    let loaded = if bytes.iter().all(u8::is_ascii_whitespace) {
        // The demo data, with the faults of the command line, as at start without --fixture.
        fixture::into_store(&demo_data::fixture(), store::now_ms())
            .map(|s| s.with_faults(app.settings.default_faults))
    } else {
        fixture::parse(&bytes).and_then(|f| fixture::into_store(&f, store::now_ms()))
    };
    match loaded {
        Ok(new_store) => {
            let summary = summary(&new_store);
            *app.lock_store() = new_store;
            json_reply(StatusCode::OK, summary)
        }
        Err(e) => json_reply(StatusCode::BAD_REQUEST, json!({ "error": e.to_string() })),
    }
}

fn summary(store: &Store) -> serde_json::Value {
    let mut summary = json!({
        "ok": true,
        "apiKeys": store.key_count(),
        "calls": store.call_count(),
        "responseDelayMs": u64::try_from(store.response_delay().as_millis()).unwrap_or(u64::MAX),
    });
    if let (Some(faults), Some(map)) = (store.faults(), summary.as_object_mut()) {
        map.insert("faults".to_string(), json!(faults));
    }
    summary
}

async fn not_found() -> Response {
    json_reply(
        StatusCode::NOT_FOUND,
        json!({ "error": "unknown admin route; see GET /__emulator/calls, GET /__emulator/requests, POST /__emulator/reset" }),
    )
}
