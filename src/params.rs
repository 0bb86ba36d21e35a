//! The validated, normalized form of a DeleteCall request.

use crate::field::Field;

/// One value of the `status` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusValue {
    /// A call in progress where the number is caller or callee.
    Ongoing,
    /// The next call that starts within one minute after the request.
    Next,
    /// The last finished call.
    Last,
}

impl StatusValue {
    /// Every value.
    pub const ALL: [StatusValue; 3] = [StatusValue::Ongoing, StatusValue::Next, StatusValue::Last];

    /// The value as sent on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            StatusValue::Ongoing => "ongoing",
            StatusValue::Next => "next",
            StatusValue::Last => "last",
        }
    }

    /// Parses one item, ignoring letter case.
    pub fn parse(item: &str) -> Option<StatusValue> {
        StatusValue::ALL
            .into_iter()
            .find(|status| status.as_str().eq_ignore_ascii_case(item))
    }
}

/// The reply format asked of the recorder.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ResponseType {
    /// XML, the vendor's default and the only documented layout.
    #[default]
    Xml,
    /// JSON, mirroring the XML layout.
    Json,
    /// Plain text: `OK` or `ERROR <code>: <message>`.
    Text,
    /// An HTML page, meant for display.
    Html,
}

impl ResponseType {
    /// Every format.
    pub const ALL: [ResponseType; 4] = [
        ResponseType::Xml,
        ResponseType::Json,
        ResponseType::Text,
        ResponseType::Html,
    ];

    /// The value as sent on the wire (upper case).
    pub const fn as_str(self) -> &'static str {
        match self {
            ResponseType::Xml => "XML",
            ResponseType::Json => "JSON",
            ResponseType::Text => "TEXT",
            ResponseType::Html => "HTML",
        }
    }

    /// Parses a response type, ignoring letter case.
    pub fn parse(text: &str) -> Option<ResponseType> {
        ResponseType::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(text))
    }
}

/// The HTTP method of the request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HttpMethod {
    /// Parameters in a form body; keeps secrets out of URLs (the default).
    #[default]
    Post,
    /// Parameters in the query string, as in the vendor's samples.
    Get,
}

impl HttpMethod {
    /// Every method.
    pub const ALL: [HttpMethod; 2] = [HttpMethod::Post, HttpMethod::Get];

    /// The method's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Post => "POST",
            HttpMethod::Get => "GET",
        }
    }

    /// Parses a method name, ignoring letter case.
    pub fn parse(text: &str) -> Option<HttpMethod> {
        HttpMethod::ALL
            .into_iter()
            .find(|method| method.as_str().eq_ignore_ascii_case(text))
    }
}

serialize_as_str!(StatusValue, ResponseType, HttpMethod);

/// Which call to delete: exactly one selector.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selector {
    /// By the recorder's call id (a GUID, braces stripped).
    CallId(String),
    /// By the platform call id.
    PlatformCallId(String),
    /// By the technical call identifier.
    NativeId(String),
    /// By the meeting id.
    MeetingId(String),
    /// By a participating number and which of its calls.
    Extension {
        /// The normalized number (separators removed) or a `sip:`/`tel:` URI as given.
        number: String,
        /// The requested statuses, in the order given, without repeats.
        status: Vec<StatusValue>,
    },
}

impl Selector {
    /// The option this selector comes from.
    pub fn field(&self) -> Field {
        match self {
            Selector::CallId(_) => Field::CallId,
            Selector::PlatformCallId(_) => Field::PlatformCallId,
            Selector::NativeId(_) => Field::NativeId,
            Selector::MeetingId(_) => Field::MeetingId,
            Selector::Extension { .. } => Field::Extension,
        }
    }

    /// The selector's value as sent.
    pub fn value(&self) -> &str {
        match self {
            Selector::CallId(value)
            | Selector::PlatformCallId(value)
            | Selector::NativeId(value)
            | Selector::MeetingId(value)
            | Selector::Extension { number: value, .. } => value,
        }
    }
}

/// Joins statuses as the wire wants them: `ongoing,next`.
pub fn status_list(statuses: &[StatusValue]) -> String {
    let mut joined = String::new();
    for status in statuses {
        if !joined.is_empty() {
            joined.push(',');
        }
        joined.push_str(status.as_str());
    }
    joined
}

/// A complete, valid DeleteCall request.
#[derive(Clone, PartialEq, Eq)]
pub struct DeleteCallParams {
    /// The API key (GUID, braces stripped).
    pub api_key: String,
    /// The token, when given.
    pub token: Option<String>,
    /// Which call to delete.
    pub selector: Selector,
    /// The reply format.
    pub response_type: ResponseType,
    /// The API endpoint, ending in `/verba/api`, without query.
    pub endpoint: String,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The timeout in milliseconds; `None` waits as long as the browser does.
    pub timeout_ms: Option<u32>,
    /// Whether plain `http:` was allowed for a non-loopback host.
    pub allow_insecure_http: bool,
    /// Whether a cross-origin request carries the header that makes the browser ask the
    /// recorder first (a CORS preflight), so nothing is sent that its CORS policy refuses.
    pub cors_preflight: bool,
}

impl DeleteCallParams {
    /// The credentials in this request, for redaction of anything shown.
    pub fn secrets(&self) -> Vec<&str> {
        let mut secrets = vec![self.api_key.as_str()];
        secrets.extend(self.token.as_deref());
        secrets
    }

    /// The request's parameters in the vendor's order, `action` excluded.
    pub fn wire_params(&self) -> Vec<(Field, String)> {
        let mut params = vec![(Field::ApiKey, self.api_key.clone())];
        if let Some(token) = &self.token {
            params.push((Field::Token, token.clone()));
        }
        params.push((Field::ResponseType, self.response_type.as_str().to_owned()));
        params.push((self.selector.field(), self.selector.value().to_owned()));
        if let Selector::Extension { status, .. } = &self.selector {
            params.push((Field::Status, status_list(status)));
        }
        params
    }
}

/// Shows the request with its credentials redacted: `{:?}` of it may end up in a log.
impl std::fmt::Debug for DeleteCallParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeleteCallParams")
            .field("api_key", &crate::redact::redact(&self.api_key))
            .field("token", &self.token.as_deref().map(crate::redact::redact))
            .field("selector", &self.selector)
            .field("response_type", &self.response_type)
            .field("endpoint", &self.endpoint)
            .field("method", &self.method)
            .field("timeout_ms", &self.timeout_ms)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .field("cors_preflight", &self.cors_preflight)
            .finish()
    }
}
