//! The extractor of `/verba/api`: reads a request's parameters (query string and form body) and
//! checks its shape, steps 1 and 2 of the order in [`crate::api`].
//!
//! It never rejects. A refusal is still an answer in the requested format (HTTP 200, code 1, or
//! 405 for the method), the request is still counted, and the format itself comes from the
//! parameters, so a problem found here is kept in the [`ApiRequest`] and reported by the handler
//! in its turn.

use std::convert::Infallible;
use std::fmt;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{FromRequest, Request};
use axum::http::{Method, header};

use crate::AppState;
use crate::api::MAX_TARGET_LEN;
use crate::basic_auth;
use crate::body::{self, BodyError};
use crate::params::{self, Params};
use crate::redact;
use crate::reply::ResponseType;
use crate::store::RequestRecord;

/// One `/verba/api` request, read and checked up to (not including) its action.
#[derive(Debug)]
pub struct ApiRequest {
    method: Method,
    content_type: Option<String>,
    authorization: Option<Vec<u8>>,
    query_pairs: Vec<(String, String)>,
    body_pairs: Vec<(String, String)>,
    params: Params,
    format: Result<ResponseType, FormatProblem>,
    shape: Result<(), ShapeProblem>,
}

/// Why the reply format is unknown (step 1); the refusal is written in XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatProblem {
    /// `responseType` given more than once with different values.
    Repeated,
    /// A value other than XML, JSON, TEXT or HTML (in any case), as given.
    Unknown(String),
}

/// Why the request as a whole is refused (step 2, code 1), in the order the checks run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShapeProblem {
    /// Neither GET nor POST; also answered with HTTP 405.
    MethodNotAllowed(Method),
    /// A POST body over the limit, in bytes.
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The connection broke while the body was read, or the body was malformed.
    BodyUnreadable,
    /// A non-empty POST body that is not form-encoded, with its `Content-Type`, if any.
    BodyNotForm {
        /// The `Content-Type` header as sent.
        content_type: Option<String>,
    },
    /// A path and query longer than [`MAX_TARGET_LEN`].
    UrlTooLong,
    /// Parameters given more than once with different values, by name.
    ConflictingValues(Vec<String>),
}

impl FromRequest<Arc<AppState>> for ApiRequest {
    type Rejection = Infallible;

    async fn from_request(request: Request, app: &Arc<AppState>) -> Result<Self, Infallible> {
        let (parts, body) = request.into_parts();
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let authorization = parts
            .headers
            .get(header::AUTHORIZATION)
            .map(|v| v.as_bytes().to_vec());
        let query_pairs = params::parse_pairs(parts.uri.query().unwrap_or("").as_bytes());
        let body = read_form_body(
            &parts.method,
            body,
            content_type.as_deref(),
            app.settings.api_body_limit,
        )
        .await;
        let (body_pairs, body_problem) = match body {
            Ok(pairs) => (pairs, None),
            Err(problem) => (Vec::new(), Some(problem)),
        };
        let params = Params::merge(&query_pairs, &body_pairs);
        let target_len = parts.uri.path_and_query().map_or(0, |pq| pq.as_str().len());
        Ok(ApiRequest {
            format: requested_format(&params),
            shape: check_shape(body_problem, target_len, &params),
            method: parts.method,
            content_type,
            authorization,
            query_pairs,
            body_pairs,
            params,
        })
    }
}

impl ApiRequest {
    /// The parameters, query and body merged.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The format of the reply (step 1).
    pub fn format(&self) -> Result<ResponseType, &FormatProblem> {
        self.format.as_ref().copied()
    }

    /// The first problem of the request as a whole (step 2).
    pub fn shape(&self) -> Result<(), &ShapeProblem> {
        self.shape.as_ref().copied()
    }

    /// The `Authorization` header as sent, if any.
    pub fn authorization(&self) -> Option<&[u8]> {
        self.authorization.as_deref()
    }

    /// False for a method other than GET and POST, which is answered with HTTP 405.
    pub fn method_allowed(&self) -> bool {
        self.method == Method::GET || self.method == Method::POST
    }

    /// The request as `GET /__emulator/requests` lists it: names, never values.
    pub fn record(&self) -> RequestRecord {
        let names = |pairs: &[(String, String)]| {
            pairs
                .iter()
                .map(|(name, _)| redact::sanitize(name))
                .collect()
        };
        RequestRecord {
            method: redact::sanitize(self.method.as_str()),
            action: self.params.get("action").map(redact::sanitize),
            query_keys: names(&self.query_pairs),
            body_keys: names(&self.body_pairs),
            content_type: self.content_type.as_deref().map(redact::sanitize),
            authorization: self.authorization.as_deref().map(basic_auth::redacted),
            fault: None,
            delay_ms: None,
            n: 0,
        }
    }

    /// The parameters as the request log shows them: every pair as sent, secrets redacted.
    /// The `Authorization` header, if any, is shown last as `Authorization=Basic REDACTED`.
    pub fn log_params(&self) -> String {
        let params = redact::format_params(
            self.query_pairs
                .iter()
                .chain(&self.body_pairs)
                .map(|(name, value)| (name.as_str(), value.as_str())),
        );
        match self.authorization.as_deref() {
            None => params,
            Some(header) if params.is_empty() => {
                format!("Authorization={}", basic_auth::redacted(header))
            }
            Some(header) => format!("{params} Authorization={}", basic_auth::redacted(header)),
        }
    }
}

/// The parameters of a POST body, or why the method or the body is refused. A GET body is
/// ignored, not read: only a POST carries parameters in its body.
async fn read_form_body(
    method: &Method,
    body: Body,
    content_type: Option<&str>,
    limit: usize,
) -> Result<Vec<(String, String)>, ShapeProblem> {
    if method == Method::GET {
        return Ok(Vec::new());
    }
    if method != Method::POST {
        return Err(ShapeProblem::MethodNotAllowed(method.clone()));
    }
    let bytes = body::read_limited(body, limit)
        .await
        .map_err(|error| match error {
            BodyError::TooLarge => ShapeProblem::BodyTooLarge { limit },
            BodyError::Broken => ShapeProblem::BodyUnreadable,
        })?;
    if bytes.is_empty() {
        // `POST ?action=...&...` without a body is a plain query-string request.
        return Ok(Vec::new());
    }
    if !is_form(content_type) {
        return Err(ShapeProblem::BodyNotForm {
            content_type: content_type.map(str::to_owned),
        });
    }
    Ok(params::parse_pairs(&bytes))
}

/// Step 2 after the body: the first problem wins, so the message names the most basic one.
fn check_shape(
    body_problem: Option<ShapeProblem>,
    target_len: usize,
    params: &Params,
) -> Result<(), ShapeProblem> {
    if let Some(problem) = body_problem {
        return Err(problem);
    }
    if target_len > MAX_TARGET_LEN {
        return Err(ShapeProblem::UrlTooLong);
    }
    if !params.conflicts().is_empty() {
        return Err(ShapeProblem::ConflictingValues(params.conflicts().to_vec()));
    }
    Ok(())
}

/// Step 1: `responseType`, XML when absent.
fn requested_format(params: &Params) -> Result<ResponseType, FormatProblem> {
    // Checked before the value: with two values there is no way to choose the format.
    if params.conflicts_on("responseType") {
        return Err(FormatProblem::Repeated);
    }
    match params.get("responseType") {
        None => Ok(ResponseType::Xml),
        Some(value) => {
            ResponseType::parse(value).ok_or_else(|| FormatProblem::Unknown(value.to_string()))
        }
    }
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

impl fmt::Display for FormatProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatProblem::Repeated => f.write_str(
                "The responseType parameter was given more than once with different values.",
            ),
            FormatProblem::Unknown(value) => write!(
                f,
                "Unknown responseType {} (expected XML, JSON, TEXT or HTML).",
                params::quote(value)
            ),
        }
    }
}

impl fmt::Display for ShapeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeProblem::MethodNotAllowed(method) => write!(
                f,
                "The method {} is not supported; use GET or POST.",
                params::quote(method.as_str())
            ),
            ShapeProblem::BodyTooLarge { limit } => {
                write!(f, "The request body is larger than {limit} bytes.")
            }
            ShapeProblem::BodyUnreadable => f.write_str("The request body could not be read."),
            ShapeProblem::BodyNotForm { content_type } => write!(
                f,
                "A POST body must be application/x-www-form-urlencoded, not {}.",
                content_type
                    .as_deref()
                    .map(params::quote)
                    .unwrap_or_else(|| "without a Content-Type".to_string())
            ),
            ShapeProblem::UrlTooLong => write!(
                f,
                "The request URL is longer than {MAX_TARGET_LEN} characters; send the \
                 parameters in a POST body."
            ),
            ShapeProblem::ConflictingValues(names) => write!(
                f,
                "Parameter(s) given more than once with different values: {}.",
                names
                    .iter()
                    .map(|name| redact::sanitize(name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    //! The extractor's refusals, through the whole router but without a socket. Each request asks
    //! for TEXT where it can, so the whole reply fits in one comparison.

    use axum::Router;
    use axum::body::Body;
    use axum::http::{HeaderMap, Request, StatusCode, header};
    use tower::ServiceExt;

    use super::MAX_TARGET_LEN;
    use crate::fixture::Fixture;
    use crate::log::LogSink;
    use crate::{AppState, Options};

    /// Small enough that a test body goes over it without effort.
    const BODY_LIMIT: usize = 64;

    const FORM: &str = "application/x-www-form-urlencoded";

    fn router() -> (Router, std::sync::Arc<AppState>) {
        let options = Options {
            log: LogSink::Off,
            api_body_limit: BODY_LIMIT,
            ..Options::default()
        };
        crate::app(&options, &Fixture::default()).expect("the empty fixture loads")
    }

    struct Answer {
        status: StatusCode,
        headers: HeaderMap,
        body: String,
    }

    async fn send(router: Router, request: Request<Body>) -> Answer {
        let response = router
            .oneshot(request)
            .await
            .expect("the router is infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("the reply body is in memory");
        Answer {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    fn request(method: &str, uri: &str, content_type: Option<&str>, body: &str) -> Request<Body> {
        let mut builder = Request::builder().method(method).uri(uri);
        if let Some(content_type) = content_type {
            builder = builder.header(header::CONTENT_TYPE, content_type);
        }
        builder
            .body(Body::from(body.to_string()))
            .expect("a valid test request")
    }

    #[tokio::test]
    async fn another_method_is_405_with_allow_in_the_requested_format() {
        let (router, _) = router();
        let answer = send(
            router,
            request("PUT", "/verba/api?responseType=TEXT", None, ""),
        )
        .await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(answer.headers[header::ALLOW], "GET, POST");
        assert_eq!(
            answer.headers[header::CONTENT_TYPE],
            "text/plain; charset=utf-8"
        );
        assert_eq!(
            answer.body,
            "ERROR 1: The method 'PUT' is not supported; use GET or POST."
        );
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_refused_and_its_parameters_ignored() {
        let (router, _) = router();
        // The body's responseType is not read: the reply falls back to the query's, or XML.
        let body = format!("responseType=JSON&nativeID={}", "x".repeat(BODY_LIMIT));
        let answer = send(
            router,
            request("POST", "/verba/api?responseType=TEXT", Some(FORM), &body),
        )
        .await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(
            answer.body,
            format!("ERROR 1: The request body is larger than {BODY_LIMIT} bytes.")
        );
    }

    #[tokio::test]
    async fn a_body_must_be_form_encoded_unless_empty() {
        let (router, _) = router();
        let answer = send(
            router.clone(),
            request(
                "POST",
                "/verba/api?responseType=TEXT",
                Some("application/json"),
                "{}",
            ),
        )
        .await;
        assert_eq!(
            answer.body,
            "ERROR 1: A POST body must be application/x-www-form-urlencoded, not \
             'application/json'."
        );
        let answer = send(
            router.clone(),
            request("POST", "/verba/api?responseType=TEXT", None, "a=1"),
        )
        .await;
        assert_eq!(
            answer.body,
            "ERROR 1: A POST body must be application/x-www-form-urlencoded, not without a \
             Content-Type."
        );
        // A charset is fine, and an empty body needs no type: both get past the shape checks.
        for content_type in [
            Some("Application/X-WWW-Form-Urlencoded; charset=UTF-8"),
            None,
        ] {
            let answer = send(
                router.clone(),
                request("POST", "/verba/api?responseType=TEXT", content_type, ""),
            )
            .await;
            assert_eq!(answer.body, "ERROR 1: The action parameter is missing.");
        }
    }

    #[tokio::test]
    async fn a_url_over_the_limit_is_refused() {
        let (router, _) = router();
        let base = "/verba/api?responseType=TEXT&nativeID=";
        let longest = format!("{base}{}", "x".repeat(MAX_TARGET_LEN - base.len()));
        let answer = send(router.clone(), request("GET", &longest, None, "")).await;
        assert_eq!(
            answer.body, "ERROR 1: The action parameter is missing.",
            "{MAX_TARGET_LEN} characters are still fine"
        );
        let answer = send(router, request("GET", &format!("{longest}x"), None, "")).await;
        assert_eq!(
            answer.body,
            format!(
                "ERROR 1: The request URL is longer than {MAX_TARGET_LEN} characters; send the \
                 parameters in a POST body."
            )
        );
    }

    #[tokio::test]
    async fn a_parameter_repeated_with_another_value_is_refused_even_across_query_and_body() {
        let (router, _) = router();
        let answer = send(
            router,
            request(
                "POST",
                "/verba/api?responseType=TEXT&action=DeleteCall&nativeID=N-1",
                Some(FORM),
                "nativeID=N-2&action=DeleteCall&status=last&status=next",
            ),
        )
        .await;
        assert_eq!(
            answer.body,
            "ERROR 1: Parameter(s) given more than once with different values: nativeID, status."
        );
    }

    #[tokio::test]
    async fn the_format_is_checked_first_and_refused_in_xml() {
        let (router, _) = router();
        // Still HTTP 405: the status belongs to the method, whatever the reply says.
        let answer = send(
            router.clone(),
            request("DELETE", "/verba/api?responseType=CSV", None, ""),
        )
        .await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(
            answer.headers[header::CONTENT_TYPE],
            "application/xml; charset=utf-8"
        );
        assert!(
            answer
                .body
                .contains("<ErrorMessage>Unknown responseType &apos;CSV&apos; (expected XML"),
            "{}",
            answer.body
        );
        let answer = send(
            router,
            request(
                "POST",
                "/verba/api?responseType=TEXT",
                Some(FORM),
                "responseType=JSON",
            ),
        )
        .await;
        assert!(
            answer.body.contains(
                "<ErrorMessage>The responseType parameter was given more than once with \
                 different values.</ErrorMessage>"
            ),
            "{}",
            answer.body
        );
    }

    #[tokio::test]
    async fn the_first_shape_problem_is_the_one_reported() {
        let (router, _) = router();
        // The method before the URL length.
        let long = format!(
            "/verba/api?responseType=TEXT&x={}",
            "x".repeat(MAX_TARGET_LEN)
        );
        let answer = send(router.clone(), request("PATCH", &long, None, "")).await;
        assert_eq!(
            answer.body,
            "ERROR 1: The method 'PATCH' is not supported; use GET or POST."
        );
        // The body before repeated parameters.
        let answer = send(
            router,
            request(
                "POST",
                "/verba/api?responseType=TEXT&callID=1&callID=2",
                Some("text/plain"),
                "x",
            ),
        )
        .await;
        assert_eq!(
            answer.body,
            "ERROR 1: A POST body must be application/x-www-form-urlencoded, not 'text/plain'."
        );
    }

    #[tokio::test]
    async fn refused_requests_are_counted_too() {
        let (router, state) = router();
        send(router.clone(), request("PUT", "/verba/api", None, "")).await;
        send(
            router,
            request(
                "POST",
                "/verba/api?action=DeleteCall",
                Some("text/plain"),
                "x",
            ),
        )
        .await;
        let requests = state.lock_store().requests();
        assert_eq!(requests.count, 2);
        let last = requests.recent.last().expect("two requests recorded");
        assert_eq!(last.method, "POST");
        assert_eq!(last.action.as_deref(), Some("DeleteCall"));
        assert!(
            last.body_keys.is_empty(),
            "a refused body has no parameters"
        );
    }
}
