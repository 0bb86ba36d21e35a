//! Reading the recorder's reply to DeleteCall, in each response type.
//!
//! ```
//! use verba_api::{parse_delete_call_response, VerbaErrorCode, ResponseType};
//!
//! let ok = parse_delete_call_response(
//!     r#"<?xml version="1.0" encoding="UTF-8"?><VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>"#,
//!     ResponseType::Xml,
//!     200,
//! );
//! assert_eq!(ok.unwrap().code, 0);
//!
//! let missing = parse_delete_call_response("ERROR 2: no such call", ResponseType::Text, 200);
//! assert_eq!(missing.unwrap_err().code(), VerbaErrorCode::CallNotFound);
//! ```

pub(crate) mod json;
pub(crate) mod text;
pub(crate) mod xml;

use crate::error::{Secrets, VerbaError};
use crate::params::{DeleteCallParams, ResponseType};
use serde::Serialize;

/// Replies larger than this are refused unread: a DeleteCall answer is a few hundred bytes.
pub const MAX_REPLY_BYTES: usize = 1024 * 1024;

/// Why a reply over [`MAX_REPLY_BYTES`] is refused.
pub(crate) const TOO_LARGE: &str =
    "the reply is larger than 1 MiB, far more than any DeleteCall answer.";

/// How much of a recorder's text (an `ErrorMessage`, a JSON string) is kept (then `…`): far
/// more than a message says, and far less than the 1 MiB a hostile one could fill wasm memory
/// with (the error's message shows 1,000 characters of it anyway).
pub(crate) const MAX_MESSAGE_BYTES: usize = 8 * 1024;

/// The start of `text` that is kept: at most [`MAX_MESSAGE_BYTES`], cut at a character boundary
/// and marked with `…` when more follows.
pub(crate) fn kept_text(text: &str) -> String {
    if text.len() <= MAX_MESSAGE_BYTES {
        return text.to_owned();
    }
    let mut end = MAX_MESSAGE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    [&text[..end], "…"].concat()
}

/// Why an answer whose HTTP status is outside 100..=599 is not read.
// Only the browser transport sees statuses; natively a status is the caller's number.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) const INVALID_STATUS: &str = "the answer's HTTP status line is broken.";

/// The action name a DeleteCall reply carries in `type`.
const ACTION: &str = "DeleteCall";

/// A successful DeleteCall: the JavaScript `DeleteCallResult`
/// (`{ ok: true, code: 0, action: "DeleteCall", message, responseType, httpStatus, raw? }`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteCallResult {
    /// Always `true`: a result is only given on success.
    pub ok: bool,
    /// The API code: always 0.
    #[serde(serialize_with = "as_number")]
    pub code: i64,
    /// Always `"DeleteCall"`.
    pub action: &'static str,
    /// The recorder's message, if it sent one with the success.
    pub message: Option<String>,
    /// The format the reply was read as.
    pub response_type: ResponseType,
    /// The HTTP status.
    pub http_status: u16,
    /// The body, for TEXT and HTML replies: as received from [`parse_delete_call_response`],
    /// scrubbed of the request's key and token from [`DeleteCallParams::read_reply`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

/// An API code as the number JavaScript reads: serialized as an `f64` in the browser, where
/// serde-wasm-bindgen's `i64` path would add a range check and its formatted error (a code is
/// always 0 here); as the integer elsewhere.
fn as_number<S: serde::Serializer>(code: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    if cfg!(target_arch = "wasm32") {
        serializer.serialize_f64(*code as f64)
    } else {
        serializer.serialize_i64(*code)
    }
}

impl DeleteCallResult {
    fn new(
        message: Option<String>,
        response_type: ResponseType,
        http_status: u16,
        raw: Option<String>,
    ) -> Self {
        DeleteCallResult {
            ok: true,
            code: 0,
            action: ACTION,
            message,
            response_type,
            http_status,
            raw,
        }
    }
}

/// What every Verba reply says: a code, the action, and maybe a message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Envelope {
    /// `None` only for a TEXT reply that says `ERROR` without a readable code.
    pub code: Option<i64>,
    pub action: Option<String>,
    pub message: Option<String>,
    /// The token of a RequestToken reply, when it carries one.
    pub token: Option<String>,
}

/// `text` without surrounding whitespace and leading BOMs (a BOM among the leading whitespace
/// included).
pub(crate) fn trim_bom(text: &str) -> &str {
    text.trim().trim_start_matches('\u{feff}').trim_start()
}

/// Reads a reply body. The body's API code decides when the body is readable; a non-2xx status
/// with an unreadable body is [`VerbaError::Http`].
pub fn parse_delete_call_response(
    body: &str,
    response_type: ResponseType,
    http_status: u16,
) -> Result<DeleteCallResult, VerbaError> {
    read(body, response_type, http_status, &Secrets::NONE)
}

impl DeleteCallParams {
    /// Reads the reply to this request: [`parse_delete_call_response`] in its response type, with every text
    /// from the recorder that an error or result carries (messages, excerpts, `raw`) scrubbed of
    /// this request's key and token.
    pub fn read_reply(&self, body: &str, http_status: u16) -> Result<DeleteCallResult, VerbaError> {
        let secrets = self.secrets();
        read(
            body,
            self.response_type,
            http_status,
            &Secrets::new(&secrets),
        )
    }
}

fn read(
    body: &str,
    response_type: ResponseType,
    http_status: u16,
    secrets: &Secrets,
) -> Result<DeleteCallResult, VerbaError> {
    if body.len() > MAX_REPLY_BYTES {
        return Err(VerbaError::Parse {
            reason: TOO_LARGE.to_owned(),
            http_status: Some(http_status),
        });
    }
    let success_status = (200..300).contains(&http_status);
    let envelope = match response_type {
        ResponseType::Xml => xml::envelope(body),
        ResponseType::Json => json::envelope(body),
        ResponseType::Text => match text::envelope(body) {
            Some(envelope) => envelope,
            None => return raw_outcome(body, response_type, http_status, secrets),
        },
        ResponseType::Html => return raw_outcome(body, response_type, http_status, secrets),
    };
    match envelope {
        Ok(envelope) => interpret(
            envelope,
            response_type,
            http_status,
            raw_for(response_type, body, secrets),
            secrets,
        ),
        Err(_) if !success_status => Err(http_error(body, http_status, secrets)),
        Err(reason) => Err(VerbaError::Parse {
            reason: reason.to_owned(),
            http_status: Some(http_status),
        }),
    }
}

/// The `raw` of a success: the body, scrubbed, for TEXT and HTML.
fn raw_for(response_type: ResponseType, body: &str, secrets: &Secrets) -> Option<String> {
    matches!(response_type, ResponseType::Text | ResponseType::Html).then(|| secrets.scrub(body))
}

/// A reply that carries no API code: `ok` comes from the HTTP status; an empty body (a BOM and
/// whitespace at most) says nothing, so it is no success.
fn raw_outcome(
    body: &str,
    response_type: ResponseType,
    http_status: u16,
    secrets: &Secrets,
) -> Result<DeleteCallResult, VerbaError> {
    if (200..300).contains(&http_status) && trim_bom(body).is_empty() {
        Err(VerbaError::Parse {
            reason: "the reply is empty.".to_owned(),
            http_status: Some(http_status),
        })
    } else if (200..300).contains(&http_status) {
        Ok(DeleteCallResult::new(
            None,
            response_type,
            http_status,
            raw_for(response_type, body, secrets),
        ))
    } else {
        Err(http_error(body, http_status, secrets))
    }
}

fn interpret(
    envelope: Envelope,
    response_type: ResponseType,
    http_status: u16,
    raw: Option<String>,
    secrets: &Secrets,
) -> Result<DeleteCallResult, VerbaError> {
    let server_message = envelope.message.map(|message| secrets.scrub_owned(message));
    match envelope.code {
        Some(0) => match envelope.action.as_deref() {
            Some(action) if !action.is_empty() && action != ACTION => Err(VerbaError::Parse {
                reason: secrets.scrub(
                    &[
                        "the reply reports success for action \"",
                        action,
                        "\", not DeleteCall.",
                    ]
                    .concat(),
                ),
                http_status: Some(http_status),
            }),
            _ => Ok(DeleteCallResult::new(
                server_message,
                response_type,
                http_status,
                raw,
            )),
        },
        api_code => Err(refusal(api_code, server_message, http_status)),
    }
}

/// The error for a reply with a non-zero API code (or a TEXT `ERROR` without a readable one).
pub(crate) fn refusal(
    api_code: Option<i64>,
    server_message: Option<String>,
    http_status: u16,
) -> VerbaError {
    match api_code {
        Some(api_code @ (2 | -50)) => VerbaError::CallNotFound {
            api_code,
            server_message,
            http_status,
        },
        Some(api_code) if is_auth_code(api_code) => VerbaError::AuthFailed {
            api_code,
            server_message,
            http_status,
        },
        api_code => VerbaError::Api {
            api_code,
            server_message,
            http_status,
        },
    }
}

/// Whether an API code says the recorder refused the key, the credentials or the token: the
/// emulator's 4, and -40…-43 from the field (spec §4).
pub(crate) fn is_auth_code(api_code: i64) -> bool {
    matches!(api_code, 4 | -43..=-40)
}

const EXCERPT_CHARS: usize = 200;

/// The error for a non-2xx reply that is no Verba reply: the body is scrubbed whole, then cut
/// (a redacted form is never cut), then its control characters are replaced.
pub(crate) fn http_error(body: &str, http_status: u16, secrets: &Secrets) -> VerbaError {
    let excerpt = secrets
        .scrub_start(body.trim(), EXCERPT_CHARS)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    VerbaError::Http {
        http_status,
        excerpt,
    }
}

/// Parses an API code: an optional sign and decimal digits that fit an `i64`, surrounding
/// whitespace tolerated; what `str::parse::<i64>` accepts, without the generic integer parser
/// in the wasm build.
pub(crate) fn parse_code(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if digits.is_empty() {
        return None;
    }
    let mut value: i64 = 0;
    for b in digits.bytes() {
        let digit = i64::from(char::from(b).to_digit(10)?);
        value = value.checked_mul(10)?;
        value = if negative {
            value.checked_sub(digit)?
        } else {
            value.checked_add(digit)?
        };
    }
    Some(value)
}
