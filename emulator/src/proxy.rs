//! `--upstream URL`: a development proxy to a real recorder.
//!
//! The server keeps serving the demo page (`/`) and the package (`/pkg/`), but `/verba/api` is
//! forwarded to `URL/verba/api` instead of being emulated, so that the page and the recorder
//! share an origin and no CORS set-up is needed on the recorder. The admin routes are off (the
//! page then hides the call list and says it talks to a recorder).
//!
//! - Methods: `GET` and `POST` are forwarded; any other method gets 405 (`Allow: GET, POST`)
//!   without reaching the recorder.
//! - Request: the query string as received; the headers `Content-Type`, `Authorization`
//!   (`RequestToken`'s Basic header), `Accept` and `Content-Length`, nothing else (no `Cookie`,
//!   `Host`, `Origin`; `Content-Length` for a POST only); a POST's body streamed, at most [`REQUEST_BODY_LIMIT`] bytes (a declared
//!   `Content-Length` over it is answered 413 before anything is sent; a longer chunked body
//!   breaks the forwarded request, which is answered 502).
//! - Reply: the status, `Content-Type`, `Location` (redirects are passed back, never followed),
//!   `Retry-After`, `Cache-Control`, `Content-Length` when declared, and the body (no
//!   `Set-Cookie`). A reply that declares its length is streamed through; one over
//!   [`Upstream::reply_limit`] (2 MiB by default; the client reads at most 1 MiB) is answered 502
//!   unread. A reply of unknown length (chunked) is read up to the limit before it is answered,
//!   so that an oversized one still gets a clear 502 instead of a cut; memory stays bounded.
//! - Failures: refused, reset or unreadable: 502; no answer within the timeout (30 s by default,
//!   for the headers and the whole body): 504; both with a short HTML page saying it is the
//!   development proxy, naming the recorder's origin only (never a query, which holds secrets).
//! - HTTPS: certificates are verified against the system roots (rustls-platform-verifier),
//!   plus the CA certificates of `--upstream-ca FILE` (PEM) for a company CA. No proxy from the
//!   environment is used: the recorder is reached directly.
//! - Log: the request line of [`crate::log`] (query redacted), with the `Authorization` header as
//!   `Basic REDACTED` and the outcome (`upstream 200`, `502 upstream reset`...). Bodies are never
//!   logged, only their size.
//! - `GET /__dev-proxy` ([`DESCRIPTION_PATH`], [`describe`]): what the demo page reads to say that
//!   it talks to a real recorder, `{"upstream": "https://recorder.example.com", "timeoutS": 30}`:
//!   the recorder's origin only (`scheme://host[:port]`; never a path prefix, query or user
//!   info) and the timeout in seconds; `Cache-Control: no-store`. Without `--upstream` the path
//!   is 404 for every method, so the page can tell the two apart.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use reqwest::Url;

/// Default time for the recorder's whole answer (headers and body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Default bound of a reply from the recorder (twice what the client reads).
pub const DEFAULT_REPLY_LIMIT: usize = 2 * 1024 * 1024;

/// Bound of a forwarded request body (the emulator's own `/verba/api` limit).
pub const REQUEST_BODY_LIMIT: usize = crate::API_BODY_LIMIT;

/// Where the proxy describes itself ([`describe`]); 404 when the server emulates a recorder.
pub const DESCRIPTION_PATH: &str = "/__dev-proxy";

/// The request headers forwarded to the recorder.
const FORWARDED_REQUEST_HEADERS: [HeaderName; 4] = [
    header::CONTENT_TYPE,
    header::AUTHORIZATION,
    header::ACCEPT,
    header::CONTENT_LENGTH,
];

/// The reply headers passed back to the browser.
/// (`Cache-Control`: a recorder's `no-store` keeps the browser from caching a GET deletion.)
const PASSED_BACK_HEADERS: [HeaderName; 4] = [
    header::CONTENT_TYPE,
    header::LOCATION,
    header::RETRY_AFTER,
    header::CACHE_CONTROL,
];

/// How the upstream is configured (the `--upstream*` flags).
#[derive(Debug, Clone)]
pub struct UpstreamConfig {
    /// The recorder's base URL (`https://recorder.example.com`, optionally with a path prefix).
    pub url: String,
    pub timeout: Duration,
    /// PEM certificates trusted on top of the system roots.
    pub extra_ca_pem: Option<Vec<u8>>,
    pub reply_limit: usize,
}

impl UpstreamConfig {
    pub fn new(url: &str) -> Self {
        UpstreamConfig {
            url: url.to_string(),
            timeout: DEFAULT_TIMEOUT,
            extra_ca_pem: None,
            reply_limit: DEFAULT_REPLY_LIMIT,
        }
    }
}

/// A ready upstream: the endpoint and the HTTP client.
#[derive(Debug, Clone)]
pub struct Upstream {
    /// `BASE/verba/api`.
    endpoint: Url,
    /// `scheme://host[:port]` of the recorder, for messages.
    origin: String,
    client: reqwest::Client,
    pub timeout: Duration,
    pub reply_limit: usize,
}

/// What the proxy tells the request log (attached to the response as an extension).
#[derive(Debug, Clone)]
pub struct ProxyLogInfo {
    /// `authorization=Basic REDACTED` when the header was sent.
    pub authorization: Option<String>,
    /// After `->`: `upstream 200`, `502 upstream reset`, `504 upstream timeout`...
    pub outcome: String,
}

impl Upstream {
    /// Checks the URL and builds the client.
    pub fn new(config: &UpstreamConfig) -> Result<Upstream, String> {
        let base = Url::parse(config.url.trim())
            .map_err(|e| format!("--upstream {:?}: not a URL ({e})", config.url))?;
        if !matches!(base.scheme(), "http" | "https") || base.host_str().is_none() {
            return Err(format!(
                "--upstream {:?}: not an http:// or https:// URL",
                config.url
            ));
        }
        // Named by its origin only: a user name, a password or a query (apiKey=...) given here
        // must not reach the terminal either.
        if base.query().is_some()
            || base.fragment().is_some()
            || !base.username().is_empty()
            || base.password().is_some()
        {
            return Err(format!(
                "--upstream {}: give the base URL only (no query, fragment, user name or password; \
                 the recorder's credentials are typed in the page)",
                base.origin().ascii_serialization()
            ));
        }
        let path = base.path().trim_end_matches('/');
        let path = path.strip_suffix("/verba/api").unwrap_or(path);
        let mut endpoint = base.clone();
        endpoint.set_path(&format!("{path}/verba/api"));
        let origin = base.origin().ascii_serialization();

        install_crypto_provider();
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .no_proxy()
            .tls_backend_rustls();
        if let Some(pem) = &config.extra_ca_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| format!("--upstream-ca: not PEM certificates ({e})"))?;
            if certs.is_empty() {
                return Err("--upstream-ca: no certificate in the file".to_string());
            }
            builder = builder.tls_certs_merge(certs);
        }
        let client = builder
            .build()
            .map_err(|e| format!("--upstream: cannot set up the HTTP client ({e})"))?;
        Ok(Upstream {
            endpoint,
            origin,
            client,
            timeout: config.timeout,
            reply_limit: config.reply_limit,
        })
    }

    /// `BASE/verba/api`, where requests go.
    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    /// `scheme://host[:port]` of the recorder (no path, query or user info).
    pub fn origin(&self) -> &str {
        &self.origin
    }
}

/// Makes ring the process's rustls crypto provider, unless one is installed already.
///
/// reqwest is built without a provider of its own (`rustls-no-provider`: no C build of aws-lc),
/// so every `reqwest::Client` of the process, the tests' included, needs one installed first;
/// [`Upstream::new`] calls this, and so do the tests' helpers.
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// `GET /__dev-proxy`: the recorder's origin and the timeout, for the demo page's header and
/// call list (`{"upstream": "http://127.0.0.1:9000", "timeoutS": 30}`; a timeout that is not whole
/// seconds, possible only from code, is a fraction).
pub async fn describe(State(upstream): State<Arc<Upstream>>) -> Response {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Description<'a> {
        upstream: &'a str,
        timeout_s: serde_json::Value,
    }
    let timeout = upstream.timeout;
    let timeout_s = if timeout.subsec_nanos() == 0 {
        serde_json::Value::from(timeout.as_secs())
    } else {
        serde_json::Value::from(timeout.as_secs_f64())
    };
    crate::admin::json_reply(
        StatusCode::OK,
        Description {
            upstream: &upstream.origin,
            timeout_s,
        },
    )
}

/// The handler of `/verba/api` in proxy mode.
pub async fn handle(State(upstream): State<Arc<Upstream>>, request: Request) -> Response {
    let authorization = request.headers().get(header::AUTHORIZATION).map(|v| {
        format!(
            "authorization={}",
            crate::basic_auth::redacted(v.as_bytes())
        )
    });
    let (status_outcome, mut response) = forward(&upstream, request).await;
    response.extensions_mut().insert(ProxyLogInfo {
        authorization,
        outcome: status_outcome,
    });
    response
}

async fn forward(upstream: &Upstream, request: Request) -> (String, Response) {
    let method = request.method().clone();
    if method != Method::GET && method != Method::POST {
        let mut response = (
            StatusCode::METHOD_NOT_ALLOWED,
            "405 Method Not Allowed (the dev proxy forwards GET and POST)\n",
        )
            .into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, POST"));
        return ("405 not forwarded".to_string(), response);
    }
    let (parts, body) = request.into_parts();
    if body.size_hint().lower() > REQUEST_BODY_LIMIT as u64 {
        return (
            "413 not forwarded".to_string(),
            page(
                StatusCode::PAYLOAD_TOO_LARGE,
                &upstream.origin,
                &format!(
                    "the request body is over {} KiB and was not forwarded",
                    REQUEST_BODY_LIMIT / 1024
                ),
            ),
        );
    }

    let mut url = upstream.endpoint.clone();
    url.set_query(parts.uri.query());
    let mut headers = HeaderMap::new();
    for name in FORWARDED_REQUEST_HEADERS {
        // A GET is sent without a body, so a Content-Length it came with would be a lie.
        if name == header::CONTENT_LENGTH && method != Method::POST {
            continue;
        }
        for value in parts.headers.get_all(&name) {
            headers.append(name.clone(), value.clone());
        }
    }
    let mut outgoing = upstream
        .client
        .request(method.clone(), url)
        .headers(headers);
    if method == Method::POST {
        outgoing = outgoing.body(reqwest::Body::wrap_stream(limited(
            body,
            REQUEST_BODY_LIMIT,
        )));
    }

    let reply = match outgoing.send().await {
        Ok(reply) => reply,
        Err(e) => return failure(upstream, &e),
    };

    let status = reply.status();
    let mut response_headers = HeaderMap::new();
    for name in PASSED_BACK_HEADERS {
        for value in reply.headers().get_all(&name) {
            response_headers.append(name.clone(), value.clone());
        }
    }
    let limit = upstream.reply_limit;
    let body = match reply.content_length() {
        Some(len) if len > limit as u64 => {
            return (
                format!("502 upstream reply too large ({len} bytes)"),
                page(
                    StatusCode::BAD_GATEWAY,
                    &upstream.origin,
                    &format!(
                        "the recorder's reply is {len} bytes, over the proxy's limit of {} MiB; it was not read",
                        limit / (1024 * 1024)
                    ),
                ),
            );
        }
        // Declared and small enough: streamed through with its length (hyper holds the
        // upstream to it), so that the client can size the reply before reading it.
        Some(len) => {
            response_headers.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
            Body::from_stream(reply.bytes_stream())
        }
        // Unknown length: read up to the limit first, so that an oversized reply gets a 502.
        None => match read_bounded(reply, limit).await {
            Ok(bytes) => Body::from(bytes),
            Err(ReadError::TooLarge) => {
                return (
                    "502 upstream reply too large (chunked)".to_string(),
                    page(
                        StatusCode::BAD_GATEWAY,
                        &upstream.origin,
                        &format!(
                            "the recorder's reply is over the proxy's limit of {} MiB; the rest was not read",
                            limit / (1024 * 1024)
                        ),
                    ),
                );
            }
            Err(ReadError::Upstream(e)) => return failure(upstream, &e),
        },
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = response_headers;
    (format!("upstream {}", status.as_u16()), response)
}

enum ReadError {
    TooLarge,
    Upstream(reqwest::Error),
}

/// Reads a reply body of unknown length, at most `limit` bytes.
async fn read_bounded(reply: reqwest::Response, limit: usize) -> Result<Bytes, ReadError> {
    let mut data = Vec::new();
    let mut stream = reply.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(ReadError::Upstream)?;
        if data.len() + chunk.len() > limit {
            return Err(ReadError::TooLarge);
        }
        data.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(data))
}

/// The request body as a stream that fails once it exceeds `limit` bytes.
fn limited(
    body: Body,
    limit: usize,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let mut total = 0usize;
    body.into_data_stream().map(move |chunk| {
        let chunk = chunk.map_err(std::io::Error::other)?;
        total = total.saturating_add(chunk.len());
        if total > limit {
            return Err(std::io::Error::other("request body over the proxy's limit"));
        }
        Ok(chunk)
    })
}

/// 502 or 504 for a failed exchange with the recorder.
fn failure(upstream: &Upstream, e: &reqwest::Error) -> (String, Response) {
    if e.is_timeout() {
        let secs = upstream.timeout.as_secs_f64();
        return (
            "504 upstream timeout".to_string(),
            page(
                StatusCode::GATEWAY_TIMEOUT,
                &upstream.origin,
                &format!("the recorder did not answer within {secs} s"),
            ),
        );
    }
    let what = if is_tls(e) {
        "refused at the TLS handshake (certificate not trusted? see --upstream-ca)"
    } else if e.is_connect() {
        "refused or unreachable"
    } else if e.is_body() || e.is_request() {
        "reset or broken"
    } else {
        "unreadable"
    };
    (
        format!("502 upstream {what}"),
        page(
            StatusCode::BAD_GATEWAY,
            &upstream.origin,
            &format!("the connection to the recorder was {what}"),
        ),
    )
}

/// True when a rustls error is somewhere in the chain (`io::Error` hides its inner error from
/// `source()`, so it is opened with `get_ref`). Never log `e` itself: its text holds the URL,
/// query and secrets included.
fn is_tls(e: &reqwest::Error) -> bool {
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        if err.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        // hyper-rustls nests io::Errors: Other(InvalidData(rustls::Error)).
        next = match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    false
}

/// A short HTML page of the development proxy.
fn page(status: StatusCode, origin: &str, text: &str) -> Response {
    let reason = status.canonical_reason().unwrap_or("");
    let head = format!("{} {reason}", status.as_u16());
    let body = format!(
        "<!DOCTYPE html>\n<html><head><title>{head}</title></head><body><h1>{head}</h1>\
         <p>verba-emulator development proxy (--upstream {}): {}.</p></body></html>\n",
        escape(origin),
        escape(text)
    );
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_from_base_url() {
        let up = |u: &str| Upstream::new(&UpstreamConfig::new(u)).map(|u| u.endpoint.to_string());
        assert_eq!(
            up("https://rec.example.com").as_deref(),
            Ok("https://rec.example.com/verba/api")
        );
        assert_eq!(
            up("https://rec.example.com/prefix/").as_deref(),
            Ok("https://rec.example.com/prefix/verba/api")
        );
        assert_eq!(
            up("http://127.0.0.1:9/verba/api").as_deref(),
            Ok("http://127.0.0.1:9/verba/api")
        );
        assert!(up("ftp://rec.example.com").is_err());
        assert!(up("https://rec.example.com/?apiKey=x").is_err());
        assert!(up("https://user:pw@rec.example.com").is_err());
        assert!(up("rec.example.com").is_err());
    }

    #[test]
    fn bad_ca_file_is_refused() {
        let mut config = UpstreamConfig::new("https://rec.example.com");
        config.extra_ca_pem = Some(b"not a certificate".to_vec());
        assert!(Upstream::new(&config).is_err());
    }
}
