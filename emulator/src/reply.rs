//! The four reply formats of `/verba/api`, byte for byte as the project spec fixes them
//! (section 4), with their `Content-Type`s.
//!
//! - XML (default):
//!   ```text
//!   <?xml version="1.0" encoding="UTF-8"?>
//!   <VerbaApi>
//!     <Response code="0" type="DeleteCall"/>
//!   </VerbaApi>
//!   ```
//!   and on error the `Response` element holds `<ErrorMessage>...</ErrorMessage>` (indented four
//!   spaces, like the vendor's GetCallID sample). No trailing newline after `</VerbaApi>`.
//! - JSON: `{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}`, plus `"ErrorMessage"`
//!   after `type` on error; written by serde_json, so every string is escaped correctly.
//! - TEXT: `OK`, or `ERROR <code>: <message>`.
//! - HTML: a small standalone document with the code and the message, everything escaped.
//!
//! A successful `RequestToken` reply carries its token (spec section 6): XML
//! `<Response code="0" type="RequestToken" token="…"/>` followed by a `<SessionId>` element
//! beside it (as in the third-party sample), JSON `"token":"…"` after `type`, TEXT `OK <token>`,
//! HTML a `<p>` with `<span class="token">`.
//!
//! Every text that goes into a reply is escaped for its format here, so callers may pass any
//! message. Messages are the emulator's own; values echoed from a request are shortened and
//! sanitized by the caller ([`crate::api`]) and secrets are never echoed.
//!
//! A [`FormattedReply`] (a reply and its format) is an axum response: the body, its
//! `Content-Type`, and the headers every API reply carries.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The `responseType` parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResponseType {
    #[default]
    Xml,
    Json,
    Text,
    Html,
}

impl ResponseType {
    /// Parses `XML`, `JSON`, `TEXT`, `HTML`, case-insensitively (spec section 3).
    pub fn parse(value: &str) -> Option<Self> {
        match value.to_ascii_uppercase().as_str() {
            "XML" => Some(ResponseType::Xml),
            "JSON" => Some(ResponseType::Json),
            "TEXT" => Some(ResponseType::Text),
            "HTML" => Some(ResponseType::Html),
            _ => None,
        }
    }

    /// The `Content-Type` header value of this format.
    pub fn content_type(self) -> &'static str {
        match self {
            ResponseType::Xml => "application/xml; charset=utf-8",
            ResponseType::Json => "application/json; charset=utf-8",
            ResponseType::Text => "text/plain; charset=utf-8",
            ResponseType::Html => "text/html; charset=utf-8",
        }
    }
}

/// One API answer, before it is written in a format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiReply {
    /// The `type` attribute: the action name.
    pub action: String,
    /// 0 = success; see the spec's table of emulator codes.
    pub code: u32,
    /// The `ErrorMessage`; `None` on success.
    pub message: Option<String>,
    /// The token of a successful `RequestToken`.
    pub token: Option<String>,
    /// The session id shown beside the token in XML.
    pub session_id: Option<String>,
}

impl ApiReply {
    pub fn ok(action: &str) -> Self {
        ApiReply {
            action: action.to_string(),
            code: 0,
            message: None,
            token: None,
            session_id: None,
        }
    }

    /// A successful `RequestToken` reply.
    pub fn token(action: &str, token: &str, session_id: &str) -> Self {
        ApiReply {
            token: Some(token.to_string()),
            session_id: Some(session_id.to_string()),
            ..ApiReply::ok(action)
        }
    }

    pub fn error(action: &str, code: u32, message: impl Into<String>) -> Self {
        ApiReply {
            action: action.to_string(),
            code,
            message: Some(message.into()),
            token: None,
            session_id: None,
        }
    }

    /// The reply, to be written in `format`.
    pub fn in_format(self, format: ResponseType) -> FormattedReply {
        FormattedReply {
            reply: self,
            format,
        }
    }

    /// Writes the reply in `format`.
    pub fn render(&self, format: ResponseType) -> String {
        match format {
            ResponseType::Xml => self.xml(),
            ResponseType::Json => self.json(),
            ResponseType::Text => self.text(),
            ResponseType::Html => self.html(),
        }
    }

    fn xml(&self) -> String {
        let mut head = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"{}\" type=\"{}\"",
            self.code,
            xml_escape(&self.action)
        );
        if let Some(token) = &self.token {
            head.push_str(&format!(" token=\"{}\"", xml_escape(token)));
        }
        let session = match &self.session_id {
            Some(id) => format!("\n  <SessionId>{}</SessionId>", xml_escape(id)),
            None => String::new(),
        };
        match &self.message {
            None => format!("{head}/>{session}\n</VerbaApi>"),
            Some(m) => format!(
                "{head}>\n    <ErrorMessage>{}</ErrorMessage>\n  </Response>\n</VerbaApi>",
                xml_escape(m)
            ),
        }
    }

    fn json(&self) -> String {
        // Field order matters for the "canonical" form: code, type, ErrorMessage.
        #[derive(Serialize)]
        struct Response<'a> {
            code: u32,
            #[serde(rename = "type")]
            kind: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            token: Option<&'a str>,
            #[serde(rename = "ErrorMessage", skip_serializing_if = "Option::is_none")]
            error_message: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct Inner<'a> {
            #[serde(rename = "Response")]
            response: Response<'a>,
        }
        #[derive(Serialize)]
        struct Outer<'a> {
            #[serde(rename = "VerbaApi")]
            verba_api: Inner<'a>,
        }
        let doc = Outer {
            verba_api: Inner {
                response: Response {
                    code: self.code,
                    kind: &self.action,
                    token: self.token.as_deref(),
                    error_message: self.message.as_deref(),
                },
            },
        };
        // Serializing plain structs of strings and integers cannot fail; keep a valid fallback
        // anyway rather than a panic path.
        serde_json::to_string(&doc).unwrap_or_else(|_| {
            format!(
                "{{\"VerbaApi\":{{\"Response\":{{\"code\":{},\"type\":\"DeleteCall\"}}}}}}",
                self.code
            )
        })
    }

    fn text(&self) -> String {
        match &self.message {
            None if self.code == 0 => match &self.token {
                Some(token) => format!("OK {}", one_line(token)),
                None => "OK".to_string(),
            },
            None => format!("ERROR {}", self.code),
            // One line: a message never contains line breaks, but make sure.
            Some(m) => format!("ERROR {}: {}", self.code, one_line(m)),
        }
    }

    fn html(&self) -> String {
        let status = if self.code == 0 { "OK" } else { "Error" };
        let message = self.message.as_deref().unwrap_or("OK");
        let token = match &self.token {
            Some(t) => format!(
                "<p>Token: <span class=\"token\">{}</span></p>\n",
                html_escape(t)
            ),
            None => String::new(),
        };
        format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Verba API: {action} {status}</title></head>\n<body>\n<h1>{action}: {status}</h1>\n<p>Code: <span class=\"code\">{code}</span></p>\n<p class=\"message\">{message}</p>\n{token}</body>\n</html>\n",
            action = html_escape(&self.action),
            code = self.code,
            message = html_escape(message),
        )
    }
}

/// A reply and the format it is written in: the body of an API response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormattedReply {
    /// What the reply says.
    pub reply: ApiReply,
    /// How it is written.
    pub format: ResponseType,
}

impl IntoResponse for FormattedReply {
    fn into_response(self) -> Response {
        (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(self.format.content_type()),
                ),
                // A reply reports a deletion that happened once: a cache must not replay it.
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
                // The declared format is the only one: an HTML-sniffing browser would otherwise
                // render a TEXT or JSON reply that echoes request values.
                (
                    header::X_CONTENT_TYPE_OPTIONS,
                    HeaderValue::from_static("nosniff"),
                ),
            ],
            self.reply.render(self.format),
        )
            .into_response()
    }
}

/// Replaces line breaks and other control characters by spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Escapes text for XML content and attribute values. Characters XML 1.0 does not allow at all
/// (most C0 controls) become U+FFFD, so the document always stays well-formed.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_forms_match_the_spec() {
        assert_eq!(
            ApiReply::ok("DeleteCall").render(ResponseType::Xml),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"DeleteCall\"/>\n</VerbaApi>"
        );
        assert_eq!(
            ApiReply::error("DeleteCall", 2, "a < b & \"c\"").render(ResponseType::Xml),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"2\" type=\"DeleteCall\">\n    <ErrorMessage>a &lt; b &amp; &quot;c&quot;</ErrorMessage>\n  </Response>\n</VerbaApi>"
        );
    }

    #[test]
    fn json_forms_match_the_spec() {
        assert_eq!(
            ApiReply::ok("DeleteCall").render(ResponseType::Json),
            r#"{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}"#
        );
        assert_eq!(
            ApiReply::error("DeleteCall", 3, "x \"y\"\n").render(ResponseType::Json),
            r#"{"VerbaApi":{"Response":{"code":3,"type":"DeleteCall","ErrorMessage":"x \"y\"\n"}}}"#
        );
    }

    #[test]
    fn text_and_html() {
        assert_eq!(ApiReply::ok("DeleteCall").render(ResponseType::Text), "OK");
        assert_eq!(
            ApiReply::error("DeleteCall", 5, "no\nway").render(ResponseType::Text),
            "ERROR 5: no way"
        );
        let html = ApiReply::error("DeleteCall", 1, "<script>").render(ResponseType::Html);
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn token_forms_match_the_spec() {
        let reply = ApiReply::token("RequestToken", "T0K", "S1D");
        assert_eq!(
            reply.render(ResponseType::Xml),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"RequestToken\" token=\"T0K\"/>\n  <SessionId>S1D</SessionId>\n</VerbaApi>"
        );
        assert_eq!(
            reply.render(ResponseType::Json),
            r#"{"VerbaApi":{"Response":{"code":0,"type":"RequestToken","token":"T0K"}}}"#
        );
        assert_eq!(reply.render(ResponseType::Text), "OK T0K");
        assert!(
            reply
                .render(ResponseType::Html)
                .contains("<span class=\"token\">T0K</span>")
        );
    }

    #[test]
    fn response_type_is_case_insensitive() {
        assert_eq!(ResponseType::parse("json"), Some(ResponseType::Json));
        assert_eq!(ResponseType::parse("Xml"), Some(ResponseType::Xml));
        assert_eq!(ResponseType::parse("csv"), None);
        assert_eq!(ResponseType::parse(""), None);
    }

    #[test]
    fn xml_escape_drops_forbidden_characters() {
        assert_eq!(xml_escape("a\u{0}b\u{1b}"), "a\u{FFFD}b\u{FFFD}");
    }
}
