//! The request log: one line per request, with method, path, redacted parameters, HTTP status
//! and, for `/verba/api`, the reply code.
//!
//! The line goes to a [`LogSink`]: standard error for the binary, an in-memory buffer for tests
//! that must prove a secret never reached the log, or nowhere. Example:
//!
//! ```text
//! verba-emulator: POST /verba/api [action=DeleteCall apiKey=74c8…REDACTED callID=a8343631-...] -> 200 code=0 (1 ms)
//! ```
//!
//! With fault injection the part after `->` says what happened instead:
//! `503 fault=unavailable`, `connection cut fault=dropBefore`,
//! `connection cut after code=0 fault=dropAfterDelete`.
//!
//! Through the dev proxy (`--upstream`), the line shows the redacted query, the
//! `Authorization` header as `authorization=Basic REDACTED`, and the outcome:
//! `upstream 200`, `502 upstream refused or unreachable`, `504 upstream timeout`...
//!
//! The raw request URI is never written: the query string is parsed and written back through
//! [`crate::redact`], so secrets sent in a URL are redacted too.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::faults::Fault;
use crate::proxy::ProxyLogInfo;
use crate::redact;

/// Where request log lines go.
#[derive(Debug, Clone, Default)]
pub enum LogSink {
    /// Standard error (the binary's default).
    #[default]
    Stderr,
    /// An in-memory list of lines, for tests.
    Memory(Arc<Mutex<Vec<String>>>),
    /// Nowhere (`--quiet`).
    Off,
}

impl LogSink {
    /// A new in-memory sink and the buffer it writes to.
    pub fn memory() -> (Self, Arc<Mutex<Vec<String>>>) {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        (LogSink::Memory(buffer.clone()), buffer)
    }

    /// Writes one line.
    pub fn write(&self, line: &str) {
        match self {
            LogSink::Stderr => eprintln!("verba-emulator: {line}"),
            LogSink::Memory(buffer) => {
                // A poisoned lock only means another writer panicked; the list is still usable.
                let mut lines = buffer.lock().unwrap_or_else(|e| e.into_inner());
                lines.push(line.to_string());
            }
            LogSink::Off => {}
        }
    }
}

/// What the `/verba/api` handler tells the logger, attached to its response as an extension:
/// the already redacted parameters (query and body), the reply code (none when the request was
/// not processed), the injected fault, and whether the connection was cut instead of answered.
#[derive(Debug, Clone)]
pub struct ApiLogInfo {
    pub params: String,
    pub code: Option<u32>,
    pub fault: Option<Fault>,
    pub cut: bool,
}

impl ApiLogInfo {
    /// What the line says after `->`: `200 code=0`, `503 fault=unavailable`,
    /// `connection cut fault=dropBefore`, `connection cut after code=0 fault=dropAfterDelete`.
    fn outcome(&self, status: u16) -> String {
        let head = if self.cut {
            "connection cut".to_string()
        } else {
            status.to_string()
        };
        let code = match (self.code, self.cut) {
            (Some(code), true) => format!(" after code={code}"),
            (Some(code), false) => format!(" code={code}"),
            (None, _) => String::new(),
        };
        let fault = self
            .fault
            .map(|f| format!(" fault={}", f.name()))
            .unwrap_or_default();
        format!("{head}{code}{fault}")
    }
}

/// Middleware writing one log line per request once the response head is ready.
pub async fn log_requests(State(sink): State<LogSink>, request: Request, next: Next) -> Response {
    if matches!(sink, LogSink::Off) {
        return next.run(request).await;
    }
    let started = Instant::now();
    let method = request.method().clone();
    let path = redact::sanitize(request.uri().path());
    let query = request.uri().query().map(|q| {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(q).unwrap_or_default();
        redact::format_params(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    });

    let response = next.run(request).await;

    let status = response.status().as_u16();
    let ms = started.elapsed().as_millis();
    let line = match response.extensions().get::<ApiLogInfo>() {
        Some(info) => format!(
            "{method} {path} [{}] -> {} ({ms} ms)",
            info.params,
            info.outcome(status)
        ),
        None => match (response.extensions().get::<ProxyLogInfo>(), query) {
            // Forwarded by the dev proxy: the query (redacted), the Authorization header's
            // scheme only, and what the recorder (or the proxy) answered.
            (Some(info), query) => {
                let params = [query, info.authorization.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("{method} {path} [{params}] -> {} ({ms} ms)", info.outcome)
            }
            (None, Some(q)) => format!("{method} {path} [{q}] -> {status} ({ms} ms)"),
            (None, None) => format!("{method} {path} -> {status} ({ms} ms)"),
        },
    };
    sink.write(&line);
    response
}
