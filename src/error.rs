//! The one error type of the crate.
//!
//! Text that comes from outside (the recorder's messages and bodies, the browser's details) is
//! scrubbed of the request's secrets when an error is built ([`Secrets`]), so no caller has to
//! remember to.

use crate::issue::ValidationIssue;
use crate::redact::{scrub, scrub_owned, scrub_start};
use std::fmt;

/// The `code` of a [`VerbaError`], as JavaScript sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerbaErrorCode {
    /// The options are invalid; nothing was sent.
    Validation,
    /// The recorder found no matching call (API code 2).
    CallNotFound,
    /// The recorder refused the API key, the credentials or the token (API code 4 of the
    /// emulator, -40…-43 from the field).
    AuthFailed,
    /// The recorder answered with another non-zero API code, or said `ERROR` (TEXT) without a
    /// readable one.
    ApiError,
    /// A non-2xx HTTP status with a body that is no Verba reply.
    HttpError,
    /// No answer could be read (offline, DNS, CORS, a connection reset, ...).
    Network,
    /// No answer within `timeoutMs`.
    Timeout,
    /// The reply could not be read.
    Parse,
    /// A batch was cancelled while this item's request was under way.
    Aborted,
}

impl VerbaErrorCode {
    /// Every code.
    pub const ALL: [VerbaErrorCode; 9] = [
        VerbaErrorCode::Validation,
        VerbaErrorCode::CallNotFound,
        VerbaErrorCode::AuthFailed,
        VerbaErrorCode::ApiError,
        VerbaErrorCode::HttpError,
        VerbaErrorCode::Network,
        VerbaErrorCode::Timeout,
        VerbaErrorCode::Parse,
        VerbaErrorCode::Aborted,
    ];

    /// The code as JavaScript sees it.
    pub const fn as_str(self) -> &'static str {
        match self {
            VerbaErrorCode::Validation => "VALIDATION",
            VerbaErrorCode::CallNotFound => "CALL_NOT_FOUND",
            VerbaErrorCode::AuthFailed => "AUTH_FAILED",
            VerbaErrorCode::ApiError => "API_ERROR",
            VerbaErrorCode::HttpError => "HTTP_ERROR",
            VerbaErrorCode::Network => "NETWORK",
            VerbaErrorCode::Timeout => "TIMEOUT",
            VerbaErrorCode::Parse => "PARSE",
            VerbaErrorCode::Aborted => "ABORTED",
        }
    }
}

serialize_as_str!(VerbaErrorCode);

/// What was being done when an error happened: it decides the message's first words and
/// whether the error may hide a deletion (only a DeleteCall deletes anything).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Action {
    /// `deleteCall` (also `client.deleteCall`, and reading a reply with
    /// `parseDeleteCallResponse`).
    #[default]
    DeleteCall,
    /// `requestToken`, or the token a client requested for a call: it deletes nothing.
    RequestToken,
    /// `createClient`: its config was checked; nothing was sent.
    CreateClient,
    /// `deleteCalls`: its shared options were checked; nothing was sent.
    DeleteCalls,
}

/// Why a DeleteCall did not succeed: the JavaScript `VerbaError`. Its `Display` is the message
/// JavaScript shows; messages never contain an API key or token of the request.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerbaError {
    /// The options are invalid; nothing was sent.
    Validation {
        /// Every problem found, one per option.
        issues: Vec<ValidationIssue>,
    },
    /// The recorder answered that there is no such call: API code 2 (documented), or -50 (the
    /// code a third-party client reports for "call not found").
    CallNotFound {
        /// The API code: 2 or -50.
        api_code: i64,
        /// The recorder's `ErrorMessage`, when it gave one.
        server_message: Option<String>,
        /// The HTTP status of the reply.
        http_status: u16,
    },
    /// The recorder refused the API key, the user's credentials or the token: API code 4 (the
    /// emulator) or -40…-43 (the codes a third-party client reports for invalid credentials,
    /// invalid API key, login required and token expired). Nothing was done.
    AuthFailed {
        /// The API code: 4 or -40…-43.
        api_code: i64,
        /// The recorder's `ErrorMessage`, when it gave one.
        server_message: Option<String>,
        /// The HTTP status of the reply.
        http_status: u16,
    },
    /// The recorder answered a non-zero API code other than 2, -50, 4 and -40…-43, or a TEXT `ERROR` reply
    /// without a readable code.
    Api {
        /// The API code; `None` for a TEXT reply that says `ERROR` without a readable code.
        api_code: Option<i64>,
        /// The recorder's `ErrorMessage`, when it gave one.
        server_message: Option<String>,
        /// The HTTP status of the reply.
        http_status: u16,
    },
    /// A non-2xx HTTP status whose body is no Verba reply.
    Http {
        /// The HTTP status.
        http_status: u16,
        /// The start of the body, control characters replaced, for diagnosis.
        excerpt: String,
    },
    /// No answer could be read: fetch failed (offline, DNS, CORS, a reset), or the request could
    /// not be sent at all.
    Network {
        /// What the browser said (for fetch, usually only `Failed to fetch`).
        detail: String,
        /// Whether fetch had started, so that the request may have reached the recorder.
        sent: bool,
    },
    /// The recorder answered with a redirect, which is never followed (code `HTTP_ERROR`).
    Redirected {
        /// The redirect's status where the platform shows it (Node); a browser hides it.
        http_status: Option<u16>,
    },
    /// No answer within the timeout.
    Timeout {
        /// The timeout that elapsed, in milliseconds.
        timeout_ms: u32,
    },
    /// The reply could not be read as the requested format.
    Parse {
        /// What was wrong with it.
        reason: String,
        /// The HTTP status of the reply, when there was one.
        http_status: Option<u16>,
    },
    /// A batch (`deleteCalls`) was cancelled by its signal while this item's request was under
    /// way: it was aborted, so no answer says what the recorder did.
    Cancelled,
}

impl VerbaError {
    /// The error's code.
    pub fn code(&self) -> VerbaErrorCode {
        match self {
            VerbaError::Validation { .. } => VerbaErrorCode::Validation,
            VerbaError::CallNotFound { .. } => VerbaErrorCode::CallNotFound,
            VerbaError::AuthFailed { .. } => VerbaErrorCode::AuthFailed,
            VerbaError::Api { .. } => VerbaErrorCode::ApiError,
            VerbaError::Http { .. } | VerbaError::Redirected { .. } => VerbaErrorCode::HttpError,
            VerbaError::Network { .. } => VerbaErrorCode::Network,
            VerbaError::Timeout { .. } => VerbaErrorCode::Timeout,
            VerbaError::Parse { .. } => VerbaErrorCode::Parse,
            VerbaError::Cancelled => VerbaErrorCode::Aborted,
        }
    }

    /// The recorder's API code, for errors that carry one.
    pub fn api_code(&self) -> Option<i64> {
        match self {
            VerbaError::CallNotFound { api_code, .. } | VerbaError::AuthFailed { api_code, .. } => {
                Some(*api_code)
            }
            VerbaError::Api { api_code, .. } => *api_code,
            _ => None,
        }
    }

    /// The HTTP status, for errors that happened after an answer arrived.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            VerbaError::CallNotFound { http_status, .. }
            | VerbaError::AuthFailed { http_status, .. }
            | VerbaError::Api { http_status, .. }
            | VerbaError::Http { http_status, .. } => Some(*http_status),
            VerbaError::Parse { http_status, .. } | VerbaError::Redirected { http_status } => {
                *http_status
            }
            _ => None,
        }
    }

    /// The validation issues, empty for other errors.
    pub fn issues(&self) -> &[ValidationIssue] {
        match self {
            VerbaError::Validation { issues } => issues,
            _ => &[],
        }
    }

    /// Whether the recorder may have deleted the call although this error says it did not
    /// succeed: true when the request may have reached the recorder and no readable answer says
    /// what it did (a network failure after fetch started, a timeout, a redirect, an HTTP error
    /// or a reply that cannot be read); false when nothing was sent (validation) or the recorder
    /// answered that it did not delete (call not found, API error).
    pub fn may_have_deleted(&self) -> bool {
        match self {
            VerbaError::Validation { .. }
            | VerbaError::CallNotFound { .. }
            | VerbaError::AuthFailed { .. }
            | VerbaError::Api { .. } => false,
            VerbaError::Network { sent, .. } => *sent,
            VerbaError::Http { .. }
            | VerbaError::Redirected { .. }
            | VerbaError::Timeout { .. }
            | VerbaError::Parse { .. }
            | VerbaError::Cancelled => true,
        }
    }

    /// An error for a network failure, `detail` (the browser's words) scrubbed of `secrets`;
    /// `sent` says whether fetch had started.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn network(detail: &str, sent: bool, secrets: &Secrets) -> Self {
        VerbaError::Network {
            detail: secrets.scrub(detail),
            sent,
        }
    }

    /// [`VerbaError::may_have_deleted`] for an error that ended `action`: never for a
    /// RequestToken or a config check, which delete nothing.
    pub fn may_have_deleted_in(&self, action: Action) -> bool {
        action == Action::DeleteCall && self.may_have_deleted()
    }

    /// Writes the message: sentences describing the error, suitable for a portal to show, the
    /// last one saying when the call may have been deleted anyway.
    fn write_message(&self, text: &mut String, action: Action, may_have_deleted: bool) {
        self.write_cause(text, action);
        if may_have_deleted {
            text.push_str(MAY_HAVE_DELETED);
        }
    }

    /// Writes what went wrong.
    fn write_cause(&self, text: &mut String, action: Action) {
        match self {
            VerbaError::Validation { issues } => {
                text.push_str(match action {
                    Action::DeleteCall => "Invalid DeleteCall options: ",
                    Action::RequestToken => "Invalid RequestToken options: ",
                    Action::CreateClient => "Invalid createClient config: ",
                    Action::DeleteCalls => "Invalid deleteCalls options: ",
                });
                match issues.first() {
                    Some(first) => text.push_str(&first.message),
                    None => text.push_str("(no details)"),
                }
                if issues.len() > 1 {
                    text.push_str(" (");
                    push_number(text, (issues.len() - 1) as i64);
                    text.push_str(" more, see issues)");
                }
            }
            VerbaError::CallNotFound {
                api_code,
                server_message,
                ..
            } => push_api_answer(
                text,
                "The recorder found no call to delete",
                Some(*api_code),
                server_message.as_deref(),
            ),
            VerbaError::AuthFailed {
                api_code,
                server_message,
                ..
            } => {
                push_api_answer(
                    text,
                    "The recorder refused the credentials",
                    Some(*api_code),
                    server_message.as_deref(),
                );
                if !text.ends_with(['.', '!', '?', '…']) {
                    text.push('.');
                }
                text.push_str(
                    " Check apiKey, and the token (it lasts one hour) or userName and password; \
                     nothing was done.",
                );
            }
            VerbaError::Api {
                api_code,
                server_message,
                ..
            } => push_api_answer(
                text,
                "The recorder refused the request",
                *api_code,
                server_message.as_deref(),
            ),
            VerbaError::Http {
                http_status,
                excerpt,
            } => {
                text.push_str("The server answered HTTP ");
                push_number(text, i64::from(*http_status));
                text.push_str(" with a body that is not a Verba API reply");
                if !excerpt.is_empty() {
                    text.push_str(" (");
                    text.push_str(excerpt);
                    text.push(')');
                }
                text.push('.');
            }
            VerbaError::Network { detail, sent } => {
                text.push_str(if *sent {
                    "The request to the recorder failed without a readable answer. In a browser \
                     the usual cause is CORS: the recorder must allow this page's origin, or be \
                     reached through a same-origin reverse proxy; otherwise check the base URL \
                     and that the recorder is reachable."
                } else {
                    "The request could not be sent; nothing reached the recorder."
                });
                if !detail.is_empty() {
                    text.push_str(" (");
                    text.push_str(detail);
                    text.push(')');
                }
            }
            VerbaError::Redirected { http_status } => {
                text.push_str("The recorder redirected the request");
                if let Some(status) = http_status {
                    text.push_str(" (HTTP ");
                    push_number(text, i64::from(*status));
                    text.push(')');
                }
                text.push_str(
                    ". Redirects are never followed, so nothing was sent to the new address; set \
                     baseUrl to the recorder's final address.",
                );
            }
            VerbaError::Timeout { timeout_ms } => {
                text.push_str("No answer from the recorder within ");
                push_number(text, i64::from(*timeout_ms));
                text.push_str(" ms (timeoutMs).");
            }
            VerbaError::Parse { reason, .. } => {
                text.push_str("The reply is not a readable Verba API reply: ");
                text.push_str(reason);
            }
            VerbaError::Cancelled => {
                text.push_str(
                    "The batch was cancelled while this request was under way, so no answer \
                     says what the recorder did.",
                );
            }
        }
    }
}

/// How much of the recorder's `ErrorMessage` the message shows (then `…`): more than any real
/// message needs.
const MAX_SERVER_MESSAGE_CHARS: usize = 1000;

/// Ends the message of every error after which the call may be gone.
const MAY_HAVE_DELETED: &str = " The recorder may have deleted the call; check before retrying.";

/// An API answer's message: what it says, the API code when there is one, the server's words.
fn push_api_answer(
    text: &mut String,
    what: &str,
    api_code: Option<i64>,
    server_message: Option<&str>,
) {
    text.push_str(what);
    if let Some(api_code) = api_code {
        text.push_str(" (API code ");
        push_number(text, api_code);
        text.push(')');
    }
    match server_message {
        Some(message) => {
            text.push_str(": ");
            // The message shows the start of a long ErrorMessage, so that a hostile 1 MiB one
            // does not become a 1 MiB `VerbaError.message`; the error keeps it whole.
            match message.char_indices().nth(MAX_SERVER_MESSAGE_CHARS) {
                Some((cut, _)) => {
                    text.push_str(&message[..cut]);
                    text.push('…');
                }
                None => text.push_str(message),
            }
        }
        None => text.push('.'),
    }
}

/// Appends a decimal integer without the formatting machinery (it weighs in the wasm build).
pub(crate) fn push_number(text: &mut String, number: i64) {
    if number < 0 {
        text.push('-');
    }
    let mut digits = [0u8; 20];
    let mut rest = number.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        text.push(char::from(digit));
    }
}

impl VerbaError {
    /// The message (the `Display` text, for an error that ended a DeleteCall), built without
    /// the formatting machinery, which weighs in the wasm build.
    pub(crate) fn message(&self) -> String {
        self.message_in(Action::DeleteCall)
    }

    /// The message of this error when it ended `action`: a RequestToken's error never says the
    /// call may have been deleted, and a validation error names what was invalid.
    pub fn message_in(&self, action: Action) -> String {
        self.message_with(action, self.may_have_deleted_in(action))
    }

    /// The message with the closing "may have deleted" sentence when `may_have_deleted`: for a
    /// batch item whose earlier attempt may have deleted the call although its last one says
    /// nothing was done.
    pub fn message_with(&self, action: Action, may_have_deleted: bool) -> String {
        let mut text = String::new();
        self.write_message(&mut text, action, may_have_deleted);
        text
    }
}

impl fmt::Display for VerbaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for VerbaError {}

impl From<Vec<ValidationIssue>> for VerbaError {
    fn from(issues: Vec<ValidationIssue>) -> Self {
        VerbaError::Validation { issues }
    }
}

/// The credentials of one request, which no text from outside may carry into an error.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Secrets<'a>(&'a [&'a str]);

impl<'a> Secrets<'a> {
    /// No secrets: a reply read without its request (`parseDeleteCallResponse`).
    pub(crate) const NONE: Secrets<'static> = Secrets(&[]);

    /// The given secrets.
    pub(crate) fn new(secrets: &'a [&'a str]) -> Self {
        Secrets(secrets)
    }

    /// `text` with every secret redacted, in whatever encoding it appears (see
    /// `crate::redact`).
    pub(crate) fn scrub(&self, text: &str) -> String {
        scrub(text, self.0)
    }

    /// [`Secrets::scrub`] of a text given away: no copy when it holds no secret.
    pub(crate) fn scrub_owned(&self, text: String) -> String {
        scrub_owned(text, self.0)
    }

    /// The first `chars` characters of `text` once scrubbed, and `…` when more follows: the
    /// whole text is scrubbed before the cut, so a secret straddling it is redacted whole.
    pub(crate) fn scrub_start(&self, text: &str, chars: usize) -> String {
        scrub_start(text, self.0, chars)
    }
}

#[cfg(test)]
mod tests {
    use super::{Secrets, VerbaError};

    #[test]
    fn a_network_detail_is_scrubbed_when_the_error_is_built() {
        let key = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
        let detail = format!("NetworkError when fetching ?apiKey={key}");
        let error = VerbaError::network(&detail, true, &Secrets::new(&[key]));
        let message = error.to_string();
        assert!(!message.contains(key), "{message}");
        assert!(message.contains("apiKey=74c8…REDACTED"), "{message}");
    }
}
