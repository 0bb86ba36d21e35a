//! Reading the recorder's reply to DeleteCall, in each response type.
//!
//! ```
//! use verba_api::{parse_reply, ErrorCode, ResponseType};
//!
//! let ok = parse_reply(
//!     r#"<?xml version="1.0" encoding="UTF-8"?><VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>"#,
//!     ResponseType::Xml,
//!     200,
//! );
//! assert_eq!(ok.unwrap().code, 0);
//!
//! let missing = parse_reply("ERROR 2: no such call", ResponseType::Text, 200);
//! assert_eq!(missing.unwrap_err().code(), ErrorCode::CallNotFound);
//! ```

mod json;
mod text;
mod xml;

pub use json::JsonNode;

use crate::error::VerbaError;
use crate::params::ResponseType;

/// Replies larger than this are refused unread: a DeleteCall answer is a few hundred bytes.
pub const MAX_REPLY_BYTES: usize = 1024 * 1024;

/// The action name a DeleteCall reply carries in `type`.
pub const ACTION: &str = "DeleteCall";

/// A successful DeleteCall.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeleteCallOutcome {
    /// The API code: always 0.
    pub code: i64,
    /// The recorder's message, if it sent one with the success.
    pub message: Option<String>,
    /// The format the reply was read as.
    pub response_type: ResponseType,
    /// The HTTP status.
    pub http_status: u16,
    /// The body as received, for TEXT and HTML replies.
    pub raw: Option<String>,
}

/// What every Verba reply says: a code, the action, and maybe a message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Envelope {
    pub code: i64,
    pub action: Option<String>,
    pub message: Option<String>,
}

/// Reads a reply body. The body's API code decides when the body is readable; a non-2xx status
/// with an unreadable body is [`VerbaError::Http`].
pub fn parse_reply(
    body: &str,
    response_type: ResponseType,
    http_status: u16,
) -> Result<DeleteCallOutcome, VerbaError> {
    parse_reply_with(body, response_type, http_status, json::parse_platform)
}

/// [`parse_reply`] with the JSON parser given: the browser build passes one that uses the
/// engine's `JSON.parse`.
pub fn parse_reply_with<N: JsonNode>(
    body: &str,
    response_type: ResponseType,
    http_status: u16,
    parse_json: impl FnOnce(&str) -> Option<N>,
) -> Result<DeleteCallOutcome, VerbaError> {
    if body.len() > MAX_REPLY_BYTES {
        return Err(VerbaError::Parse {
            reason: "the reply is larger than 1 MiB, far more than any DeleteCall answer."
                .to_owned(),
            http_status: Some(http_status),
        });
    }
    let success_status = (200..300).contains(&http_status);
    let envelope = match response_type {
        ResponseType::Xml => xml::envelope(body),
        ResponseType::Json => match parse_json(body) {
            Some(root) => json::envelope(&root),
            None => Err("the body is not valid JSON."),
        },
        ResponseType::Text => match text::envelope(body) {
            Some(envelope) => Ok(envelope),
            None => return raw_outcome(body, response_type, http_status),
        },
        ResponseType::Html => return raw_outcome(body, response_type, http_status),
    };
    match envelope {
        Ok(envelope) => interpret(
            envelope,
            response_type,
            http_status,
            raw_for(response_type, body),
        ),
        Err(_) if !success_status => Err(http_error(body, http_status)),
        Err(reason) => Err(VerbaError::Parse {
            reason: reason.to_owned(),
            http_status: Some(http_status),
        }),
    }
}

fn raw_for(response_type: ResponseType, body: &str) -> Option<String> {
    matches!(response_type, ResponseType::Text | ResponseType::Html).then(|| body.to_owned())
}

/// A reply that carries no API code: `ok` comes from the HTTP status; an empty body says
/// nothing, so it is no success.
fn raw_outcome(
    body: &str,
    response_type: ResponseType,
    http_status: u16,
) -> Result<DeleteCallOutcome, VerbaError> {
    if (200..300).contains(&http_status) && body.trim().is_empty() {
        Err(VerbaError::Parse {
            reason: "the reply is empty.".to_owned(),
            http_status: Some(http_status),
        })
    } else if (200..300).contains(&http_status) {
        Ok(DeleteCallOutcome {
            code: 0,
            message: None,
            response_type,
            http_status,
            raw: Some(body.to_owned()),
        })
    } else {
        Err(http_error(body, http_status))
    }
}

fn interpret(
    envelope: Envelope,
    response_type: ResponseType,
    http_status: u16,
    raw: Option<String>,
) -> Result<DeleteCallOutcome, VerbaError> {
    match envelope.code {
        0 => match envelope.action.as_deref() {
            Some(action) if !action.is_empty() && action != ACTION => Err(VerbaError::Parse {
                reason: [
                    "the reply reports success for action \"",
                    action,
                    "\", not DeleteCall.",
                ]
                .concat(),
                http_status: Some(http_status),
            }),
            _ => Ok(DeleteCallOutcome {
                code: 0,
                message: envelope.message,
                response_type,
                http_status,
                raw,
            }),
        },
        2 => Err(VerbaError::CallNotFound {
            server_message: envelope.message,
            http_status,
        }),
        api_code => Err(VerbaError::Api {
            api_code,
            server_message: envelope.message,
            http_status,
        }),
    }
}

const EXCERPT_CHARS: usize = 200;

fn http_error(body: &str, http_status: u16) -> VerbaError {
    let trimmed = body.trim();
    let mut excerpt: String = trimmed
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if trimmed.chars().nth(EXCERPT_CHARS).is_some() {
        excerpt.push('…');
    }
    VerbaError::Http {
        http_status,
        excerpt,
    }
}

/// Parses the leading integer of an API code, tolerating surrounding whitespace.
pub(crate) fn parse_code(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}
