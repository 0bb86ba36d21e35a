//! What `validateDeleteCall` answers: the JavaScript `ValidationReport`, derived from these types.

use crate::issue::ValidationIssue;
use crate::params::{DeleteCallParams, HttpMethod, ResponseType, Selector, status_list};
use serde::Serialize;

/// The verdict on a whole options object: `{ valid, issues, normalized }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValidationReport<'a> {
    /// Whether the options describe a request that can be sent.
    pub valid: bool,
    /// Every problem found; empty when valid.
    pub issues: &'a [ValidationIssue],
    /// The options as they would be sent; `None` (JavaScript `null`) when invalid.
    pub normalized: Option<NormalizedDeleteCallOptions<'a>>,
}

impl<'a> From<&'a Result<DeleteCallParams, Vec<ValidationIssue>>> for ValidationReport<'a> {
    fn from(checked: &'a Result<DeleteCallParams, Vec<ValidationIssue>>) -> Self {
        match checked {
            Ok(params) => ValidationReport {
                valid: true,
                issues: &[],
                normalized: Some(NormalizedDeleteCallOptions::from(params)),
            },
            Err(issues) => ValidationReport {
                valid: false,
                issues,
                normalized: None,
            },
        }
    }
}

/// The options as they will be sent (trimmed, braces stripped, defaults filled in), flat as
/// JavaScript sees them: the JavaScript `NormalizedDeleteCallOptions`. Holds the credentials: it
/// is the caller's own input.
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NormalizedDeleteCallOptions<'a> {
    /// The API key.
    pub api_key: &'a str,
    /// The token, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<&'a str>,
    /// The selector given, one of these five.
    #[serde(rename = "callID", skip_serializing_if = "Option::is_none")]
    pub call_id: Option<&'a str>,
    /// See `call_id`.
    #[serde(rename = "platformCallID", skip_serializing_if = "Option::is_none")]
    pub platform_call_id: Option<&'a str>,
    /// See `call_id`.
    #[serde(rename = "nativeID", skip_serializing_if = "Option::is_none")]
    pub native_id: Option<&'a str>,
    /// See `call_id`.
    #[serde(rename = "meetingID", skip_serializing_if = "Option::is_none")]
    pub meeting_id: Option<&'a str>,
    /// See `call_id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extension: Option<&'a str>,
    /// With `extension`: the statuses joined as sent (`ongoing,next`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The reply format.
    pub response_type: ResponseType,
    /// The endpoint, ending in `/verba/api`.
    pub base_url: &'a str,
    /// The HTTP method.
    pub method: HttpMethod,
    /// Milliseconds; 0 means no timeout.
    pub timeout_ms: u32,
    /// Whether plain `http:` to a host that is not loopback was allowed.
    pub allow_insecure_http: bool,
    /// Whether cross-origin requests are sent only after a CORS preflight.
    pub cors_preflight: bool,
}

impl<'a> From<&'a DeleteCallParams> for NormalizedDeleteCallOptions<'a> {
    fn from(params: &'a DeleteCallParams) -> Self {
        let mut normalized = NormalizedDeleteCallOptions {
            api_key: &params.api_key,
            token: params.token.as_deref(),
            call_id: None,
            platform_call_id: None,
            native_id: None,
            meeting_id: None,
            extension: None,
            status: None,
            response_type: params.response_type,
            base_url: &params.endpoint,
            method: params.method,
            timeout_ms: params.timeout_ms.unwrap_or(0),
            allow_insecure_http: params.allow_insecure_http,
            cors_preflight: params.cors_preflight,
        };
        match &params.selector {
            Selector::CallId(id) => normalized.call_id = Some(id),
            Selector::PlatformCallId(id) => normalized.platform_call_id = Some(id),
            Selector::NativeId(id) => normalized.native_id = Some(id),
            Selector::MeetingId(id) => normalized.meeting_id = Some(id),
            Selector::Extension { number, status } => {
                normalized.extension = Some(number);
                normalized.status = Some(status_list(status));
            }
        }
        normalized
    }
}

/// Shows the options with the credentials redacted: `{:?}` of it may end up in a log.
impl std::fmt::Debug for NormalizedDeleteCallOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NormalizedDeleteCallOptions")
            .field("api_key", &crate::redact::redact(self.api_key))
            .field("token", &self.token.map(crate::redact::redact))
            .field("call_id", &self.call_id)
            .field("platform_call_id", &self.platform_call_id)
            .field("native_id", &self.native_id)
            .field("meeting_id", &self.meeting_id)
            .field("extension", &self.extension)
            .field("status", &self.status)
            .field("response_type", &self.response_type)
            .field("base_url", &self.base_url)
            .field("method", &self.method)
            .field("timeout_ms", &self.timeout_ms)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("cors_preflight", &self.cors_preflight)
            .finish()
    }
}
