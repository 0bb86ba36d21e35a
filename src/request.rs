//! Building the HTTP request for a validated DeleteCall, and its redacted preview.
//!
//! ```
//! use verba_api::{build_delete_call_request, validate_delete_call, DeleteCallOptions};
//!
//! let options = DeleteCallOptions::new()
//!     .with("baseUrl", "https://recorder.example.com")
//!     .with("apiKey", "74c8eea0-50c6-40b2-9f3e-252ed501c3c8")
//!     .with("callID", "a8343631-9f35-4a3a-83f0-9e81592339fb");
//! let request = build_delete_call_request(&validate_delete_call(&options).unwrap());
//! assert_eq!(request.url, "https://recorder.example.com/verba/api?action=DeleteCall");
//! assert!(request.body.unwrap().starts_with("apiKey=74c8eea0-"));
//! assert!(request.preview.contains("apiKey=74c8…REDACTED"));
//! ```

use crate::encode::push_form_encoded;
use crate::field::Field;
use crate::params::{DeleteCallParams, HttpMethod};
use crate::redact::redact;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// The query that names the action; the only parameter in a POST's URL.
pub(crate) const ACTION_QUERY: &str = "?action=DeleteCall";

/// The content type of a POST body.
pub(crate) const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// An HTTP request ready to send: the JavaScript `BuiltRequest`.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct BuiltRequest {
    /// The method.
    pub method: HttpMethod,
    /// The full URL. For GET it holds the credentials: send it, never show or log it.
    pub url: String,
    /// The form body (POST only).
    pub body: Option<String>,
    /// The request headers (`Content-Type` for POST; nothing that would trigger a CORS preflight);
    /// an object of names and values for JavaScript.
    #[serde(serialize_with = "as_object")]
    pub headers: Vec<(&'static str, &'static str)>,
    /// A human-readable rendering with credentials redacted, for "what will be sent" panels and
    /// logs.
    pub preview: String,
}

/// Shows the preview, never the URL or body (for GET the URL, for POST the body, holds the
/// credentials): `{:?}` of it may end up in a log.
impl std::fmt::Debug for BuiltRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BuiltRequest")
            .field("method", &self.method)
            .field("headers", &self.headers)
            .field("preview", &self.preview)
            .finish_non_exhaustive()
    }
}

/// The headers as an object of names and values. Written as a struct (the names are static),
/// which serializers handle as the objects they build anyway: serde-wasm-bindgen's map
/// serializer, with its JavaScript `Map` output and key checks, is not needed.
fn as_object<S: Serializer>(
    headers: &[(&'static str, &'static str)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut object = serializer.serialize_struct("Headers", headers.len())?;
    for (name, value) in headers {
        object.serialize_field(name, value)?;
    }
    object.end()
}

/// The parameters form-encoded, and as the preview shows them: the same, with every secret
/// redacted. For DeleteCall and RequestToken alike.
pub(crate) fn form_encoded(wire: &[(Field, &str)]) -> (String, String) {
    let mut encoded = String::new();
    let mut shown = String::new();
    for &(field, value) in wire {
        for out in [&mut encoded, &mut shown] {
            if !out.is_empty() {
                out.push('&');
            }
            out.push_str(field.name());
            out.push('=');
        }
        push_form_encoded(&mut encoded, value);
        if field.is_secret() {
            shown.push_str(&redact(value));
        } else {
            push_form_encoded(&mut shown, value);
        }
    }
    (encoded, shown)
}

/// Builds the request: POST puts every parameter but `action` in a form body, keeping the
/// credentials out of URLs, histories and proxy logs; GET puts them all in the query, in the
/// vendor's order.
pub fn build_delete_call_request(params: &DeleteCallParams) -> BuiltRequest {
    let wire = params.wire_params();
    let wire: Vec<(Field, &str)> = wire
        .iter()
        .map(|(field, value)| (*field, value.as_str()))
        .collect();
    let (encoded, shown) = form_encoded(&wire);

    let mut url = String::with_capacity(params.endpoint.len() + ACTION_QUERY.len() + 1);
    url.push_str(&params.endpoint);
    url.push_str(ACTION_QUERY);
    let mut preview = String::new();
    preview.push_str(params.method.as_str());
    preview.push(' ');
    preview.push_str(&url);
    match params.method {
        HttpMethod::Post => {
            preview.push_str("\nContent-Type: ");
            preview.push_str(FORM_CONTENT_TYPE);
            preview.push_str("\n\n");
            preview.push_str(&shown);
            BuiltRequest {
                method: HttpMethod::Post,
                url,
                body: Some(encoded),
                headers: vec![("Content-Type", FORM_CONTENT_TYPE)],
                preview,
            }
        }
        HttpMethod::Get => {
            url.push('&');
            url.push_str(&encoded);
            preview.push('&');
            preview.push_str(&shown);
            BuiltRequest {
                method: HttpMethod::Get,
                url,
                body: None,
                headers: Vec::new(),
                preview,
            }
        }
    }
}
