//! The answer of `/verba/api` as an axum response.

use axum::Extension;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::api::ApiRequest;
use crate::log::ApiLogInfo;
use crate::reply::FormattedReply;

/// The reply to one request, with what the HTTP layer and the request log need from the request.
#[derive(Debug)]
pub struct ApiResponse {
    reply: FormattedReply,
    method_allowed: bool,
    log_params: String,
}

impl ApiResponse {
    /// The response that carries `reply` as the answer to `request`.
    pub fn new(request: &ApiRequest, reply: FormattedReply) -> Self {
        ApiResponse {
            reply,
            method_allowed: request.method_allowed(),
            log_params: request.log_params(),
        }
    }
}

impl IntoResponse for ApiResponse {
    fn into_response(self) -> Response {
        // The reply code, not the HTTP status, tells the outcome (spec section 4); only a method
        // other than GET and POST is an HTTP-level error, and then says which methods would do.
        let (status, allow) = if self.method_allowed {
            (StatusCode::OK, None)
        } else {
            (
                StatusCode::METHOD_NOT_ALLOWED,
                Some([(header::ALLOW, HeaderValue::from_static("GET, POST"))]),
            )
        };
        // For the log line, which is written outside the handler (crate::log).
        let log = ApiLogInfo {
            params: self.log_params,
            code: Some(self.reply.reply.code),
            fault: None,
            cut: false,
        };
        (status, allow, Extension(log), self.reply).into_response()
    }
}
