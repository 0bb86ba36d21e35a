//! RequestToken (spec §6): its options validated, its request built, its reply read.
//!
//! ```
//! use verba_api::{
//!     build_request_token_request, parse_request_token_response, validate_request_token,
//!     RequestTokenOptions, ResponseType,
//! };
//!
//! let options = RequestTokenOptions::new()
//!     .with("baseUrl", "https://recorder.example.com")
//!     .with("apiKey", "74c8eea0-50c6-40b2-9f3e-252ed501c3c8")
//!     .with("userName", "myapiuser")
//!     .with("password", "pa$$word");
//! let params = validate_request_token(&options).unwrap();
//! let request = build_request_token_request(&params);
//! assert_eq!(request.url, "https://recorder.example.com/verba/api?action=RequestToken");
//! assert_eq!(request.headers[1], ("Authorization", "Basic bXlhcGl1c2VyOnBhJCR3b3Jk".to_owned()));
//! assert!(!request.preview.contains("pa$$word"));
//!
//! let reply = r#"<VerbaApi><Response code="0" type="RequestToken" token="W7XI2"/></VerbaApi>"#;
//! let info = parse_request_token_response(reply, ResponseType::Xml, 200, 1_000.0).unwrap();
//! assert_eq!((info.token.as_str(), info.expires_at), ("W7XI2", 3_601_000.0));
//! ```

use crate::error::{Secrets, VerbaError};
use crate::field::Field;
use crate::issue::{IssueCode, ValidationIssue};
use crate::options::{OptionValue, RequestTokenOptions};
use crate::params::{HttpMethod, ResponseType};
use crate::redact::redact;
use crate::reply::{
    Envelope, MAX_REPLY_BYTES, TOO_LARGE, http_error, json, refusal, text, trim_bom, xml,
};
use crate::request::{FORM_CONTENT_TYPE, form_encoded};
use crate::validation::{DEFAULT_TIMEOUT_MS, is_absent, keep, rules, unknown_option};
use serde::Serialize;

/// The query that names the action; the only parameter in a POST's URL.
pub(crate) const TOKEN_ACTION_QUERY: &str = "?action=RequestToken";

/// The action name a RequestToken reply carries in `type`.
const ACTION: &str = "RequestToken";

/// "The security tokens' lifetime is 1 hour" (spec §6); the recorder does not say it in the
/// reply, so the client counts it from the moment the request was sent.
pub const TOKEN_LIFETIME_MS: f64 = 3_600_000.0;

/// How the user's credentials travel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AuthMode {
    /// `Authorization: Basic base64(userName:password)` (the default).
    #[default]
    Basic,
    /// `userName` and `password` as parameters of a POST body.
    Params,
}

impl AuthMode {
    /// Every mode.
    pub const ALL: [AuthMode; 2] = [AuthMode::Basic, AuthMode::Params];

    /// The mode's name as JavaScript writes it.
    pub const fn as_str(self) -> &'static str {
        match self {
            AuthMode::Basic => "basic",
            AuthMode::Params => "params",
        }
    }

    /// Parses a mode, ignoring letter case.
    pub fn parse(text: &str) -> Option<AuthMode> {
        AuthMode::ALL
            .into_iter()
            .find(|mode| mode.as_str().eq_ignore_ascii_case(text))
    }
}

serialize_as_str!(AuthMode);

/// A complete, valid RequestToken request.
#[derive(Clone, PartialEq, Eq)]
pub struct RequestTokenParams {
    /// The API key (GUID, braces stripped).
    pub api_key: String,
    /// The user's name.
    pub user_name: String,
    /// The user's password. Secret.
    pub password: String,
    /// How the credentials travel.
    pub auth: AuthMode,
    /// The reply format.
    pub response_type: ResponseType,
    /// The API endpoint, ending in `/verba/api`, without query.
    pub endpoint: String,
    /// The HTTP method (never GET with [`AuthMode::Params`]).
    pub method: HttpMethod,
    /// The timeout in milliseconds; `None` waits as long as the browser does.
    pub timeout_ms: Option<u32>,
    /// Whether plain `http:` was allowed for a non-loopback host.
    pub allow_insecure_http: bool,
    /// `base64(userName:password)`, the Basic credentials (a secret, as the password is).
    basic: String,
}

impl RequestTokenParams {
    /// The credentials in this request, for redaction of anything shown: the key, the
    /// password, and the Basic credentials that encode it.
    pub fn secrets(&self) -> Vec<&str> {
        vec![
            self.api_key.as_str(),
            self.password.as_str(),
            self.basic.as_str(),
        ]
    }

    /// The request's parameters in the vendor's order, `action` excluded.
    fn wire_params(&self) -> Vec<(Field, &str)> {
        let mut params = vec![(Field::ApiKey, self.api_key.as_str())];
        if self.auth == AuthMode::Params {
            params.push((Field::UserName, self.user_name.as_str()));
            params.push((Field::Password, self.password.as_str()));
        }
        params.push((Field::ResponseType, self.response_type.as_str()));
        params
    }

    /// Reads the reply to this request, sent at `sent_at_ms` (milliseconds since the epoch):
    /// [`parse_request_token_response`] with every text from the recorder scrubbed of this
    /// request's key, password and Basic credentials.
    pub fn read_reply(
        &self,
        body: &str,
        http_status: u16,
        sent_at_ms: f64,
    ) -> Result<TokenInfo, VerbaError> {
        let secrets = self.secrets();
        read(
            body,
            self.response_type,
            http_status,
            sent_at_ms,
            &Secrets::new(&secrets),
        )
    }
}

/// Shows the request with its credentials redacted: `{:?}` of it may end up in a log.
impl std::fmt::Debug for RequestTokenParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RequestTokenParams")
            .field("api_key", &redact(&self.api_key))
            .field("user_name", &self.user_name)
            .field("password", &redact(&self.password))
            .field("auth", &self.auth)
            .field("response_type", &self.response_type)
            .field("endpoint", &self.endpoint)
            .field("method", &self.method)
            .field("timeout_ms", &self.timeout_ms)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish_non_exhaustive()
    }
}

/// A token and when it expires: the JavaScript `TokenInfo` (`{ token, expiresAt }`).
#[derive(Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenInfo {
    /// The token, 1–256 visible ASCII characters. Secret.
    pub token: String,
    /// When it expires, in milliseconds since the epoch: the moment the request was sent plus
    /// one hour.
    pub expires_at: f64,
}

/// Shows the token redacted: `{:?}` of it may end up in a log.
impl std::fmt::Debug for TokenInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenInfo")
            .field("token", &redact(&self.token))
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// A RequestToken request ready to send.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenRequest {
    /// The method.
    pub method: HttpMethod,
    /// The full URL (for GET it holds the API key; never the password).
    pub url: String,
    /// The form body (POST only): the key, and for [`AuthMode::Params`] the credentials.
    pub body: Option<String>,
    /// The request headers: `Content-Type` for POST, `Authorization` for [`AuthMode::Basic`].
    pub headers: Vec<(&'static str, String)>,
    /// A human-readable rendering with the key, the password and the `Authorization` value
    /// redacted.
    pub preview: String,
}

/// Shows the method and the preview only: the URL, body and headers hold credentials.
impl std::fmt::Debug for TokenRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenRequest")
            .field("method", &self.method)
            .field("preview", &self.preview)
            .finish_non_exhaustive()
    }
}

/// Standard base64 (RFC 4648, with padding) of `bytes`.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b0 = chunk[0];
        let b1 = chunk.get(1).copied().unwrap_or(0);
        let b2 = chunk.get(2).copied().unwrap_or(0);
        let group = (u32::from(b0) << 16) | (u32::from(b1) << 8) | u32::from(b2);
        for at in 0..4 {
            if at <= chunk.len() {
                let index = (group >> (18 - 6 * at)) & 0x3f;
                out.push(char::from(ALPHABET[index as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A required credential's text: a string without control characters.
fn credential(field: Field, raw: &OptionValue) -> rules::Checked<String> {
    let text = match raw {
        OptionValue::Absent | OptionValue::Null => return Ok(None),
        OptionValue::Text(text) if text.is_empty() => return Ok(None),
        OptionValue::Text(text) => text,
        other => {
            return Err(ValidationIssue::new(
                field,
                IssueCode::InvalidType,
                &[
                    field.name(),
                    " must be a string, not ",
                    other.type_name(),
                    ".",
                ],
            ));
        }
    };
    if text.chars().any(char::is_control) {
        return Err(ValidationIssue::new(
            field,
            IssueCode::InvalidValue,
            &[
                field.name(),
                " must not contain control characters (line breaks, tabs, ...).",
            ],
        ));
    }
    Ok(Some(text.as_ref().to_owned()))
}

/// `auth`: `basic` or `params`, any letter case.
fn auth(raw: &OptionValue) -> rules::Checked<AuthMode> {
    let text = match raw {
        OptionValue::Absent | OptionValue::Null => return Ok(None),
        OptionValue::Text(text) if text.is_empty() => return Ok(None),
        OptionValue::Text(text) => text,
        other => {
            return Err(ValidationIssue::new(
                Field::Auth,
                IssueCode::InvalidType,
                &["auth must be a string, not ", other.type_name(), "."],
            ));
        }
    };
    match AuthMode::parse(text) {
        Some(mode) => Ok(Some(mode)),
        None => Err(ValidationIssue::new(
            Field::Auth,
            IssueCode::InvalidValue,
            &["auth must be basic (an Authorization header, the default) or params."],
        )),
    }
}

/// Checks RequestToken options and returns the request they describe, or every issue found.
pub fn validate_request_token(
    options: &RequestTokenOptions,
) -> Result<RequestTokenParams, Vec<ValidationIssue>> {
    let mut issues = Vec::new();
    for name in options.names_outside(&Field::REQUEST_TOKEN) {
        issues.push(unknown_option(&Field::REQUEST_TOKEN, name));
    }
    let allow_insecure_http = keep(
        &mut issues,
        rules::flag(
            Field::AllowInsecureHttp,
            options.get(Field::AllowInsecureHttp),
        ),
    );
    let api_key = keep(&mut issues, rules::api_key(options.get(Field::ApiKey)));
    let user_name = keep(
        &mut issues,
        credential(Field::UserName, options.get(Field::UserName)),
    );
    let password = keep(
        &mut issues,
        credential(Field::Password, options.get(Field::Password)),
    );
    let auth_mode = keep(&mut issues, auth(options.get(Field::Auth)));
    let method = keep(&mut issues, rules::method(options.get(Field::Method)));
    let response_type = keep(
        &mut issues,
        rules::response_type(options.get(Field::ResponseType)),
    );
    let timeout_ms = keep(
        &mut issues,
        rules::timeout_ms(options.get(Field::TimeoutMs)),
    );
    keep(&mut issues, rules::signal(options.get(Field::Signal)));
    let endpoint = keep(
        &mut issues,
        rules::base_url(
            options.get(Field::BaseUrl),
            allow_insecure_http.unwrap_or(false),
        ),
    );
    let required: [(Field, &str); 4] = [
        (
            Field::ApiKey,
            "apiKey is required: the API key issued by the recorder's administration pages.",
        ),
        (
            Field::UserName,
            "userName is required: the recorder user (with the System Administrator and System \
             Supervisor roles) that requests the token.",
        ),
        (
            Field::Password,
            "password is required: the user's password.",
        ),
        (
            Field::BaseUrl,
            "baseUrl is required here: there is no web page whose origin it could default to.",
        ),
    ];
    for (field, message) in required {
        if is_absent(options.get(field)) {
            issues.push(ValidationIssue::new(field, IssueCode::Required, &[message]));
        }
    }
    let auth_mode = auth_mode.unwrap_or_default();
    let method = method.unwrap_or_default();
    if auth_mode == AuthMode::Params && method == HttpMethod::Get {
        for field in [Field::Auth, Field::Method] {
            issues.push(ValidationIssue::new(
                field,
                IssueCode::InvalidValue,
                &[
                    "auth \"params\" with method GET would put the password in the URL; use \
                     method POST, or auth \"basic\" (the default).",
                ],
            ));
        }
    }
    if auth_mode == AuthMode::Basic && user_name.as_deref().is_some_and(|name| name.contains(':')) {
        issues.push(ValidationIssue::new(
            Field::UserName,
            IssueCode::InvalidValue,
            &[
                "userName must not contain \":\" with auth \"basic\" (the header could not tell \
                 it from the password); use auth \"params\".",
            ],
        ));
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let (Some(api_key), Some(user_name), Some(password), Some(endpoint)) =
        (api_key, user_name, password, endpoint)
    else {
        // Every way to get here pushed an issue above; this arm keeps the function total.
        return Err(vec![ValidationIssue::new(
            Field::ApiKey,
            IssueCode::Required,
            &["The options are incomplete."],
        )]);
    };
    let basic = base64(
        [user_name.as_str(), ":", password.as_str()]
            .concat()
            .as_bytes(),
    );
    Ok(RequestTokenParams {
        api_key,
        user_name,
        password,
        auth: auth_mode,
        response_type: response_type.unwrap_or_default(),
        endpoint,
        method,
        timeout_ms: match timeout_ms {
            None => Some(DEFAULT_TIMEOUT_MS),
            Some(0) => None,
            Some(ms) => Some(ms),
        },
        allow_insecure_http: allow_insecure_http.unwrap_or(false),
        basic,
    })
}

/// Builds the request: `action` in the query; for POST the rest in a form body, for GET the
/// key and the response type in the query (never the password: GET with `params` is refused
/// by validation); `Authorization: Basic …` for [`AuthMode::Basic`].
pub fn build_request_token_request(params: &RequestTokenParams) -> TokenRequest {
    let (encoded, shown) = form_encoded(&params.wire_params());
    let mut url = [params.endpoint.as_str(), TOKEN_ACTION_QUERY].concat();
    let mut preview = [params.method.as_str(), " ", url.as_str()].concat();
    let mut headers = Vec::new();
    let body = match params.method {
        HttpMethod::Post => {
            headers.push(("Content-Type", FORM_CONTENT_TYPE.to_owned()));
            Some(encoded)
        }
        HttpMethod::Get => {
            url.push('&');
            url.push_str(&encoded);
            preview.push('&');
            preview.push_str(&shown);
            None
        }
    };
    if params.method == HttpMethod::Post {
        preview.push_str("\nContent-Type: ");
        preview.push_str(FORM_CONTENT_TYPE);
    }
    if params.auth == AuthMode::Basic {
        headers.push(("Authorization", ["Basic ", params.basic.as_str()].concat()));
        preview.push_str("\nAuthorization: Basic ");
        preview.push_str(&redact(&params.basic));
    }
    if params.method == HttpMethod::Post {
        preview.push_str("\n\n");
        preview.push_str(&shown);
    }
    TokenRequest {
        method: params.method,
        url,
        body,
        headers,
        preview,
    }
}

/// Reads a RequestToken reply to a request sent at `sent_at_ms` (milliseconds since the
/// epoch). The token is the Response's `token` attribute or a `Token` element inside or beside
/// it (XML), `token`/`@token` of Response (JSON), or `OK <token>` (TEXT); HTML is not read
/// (`PARSE`: ask for XML, JSON or TEXT). A success without a token is `PARSE`.
pub fn parse_request_token_response(
    body: &str,
    response_type: ResponseType,
    http_status: u16,
    sent_at_ms: f64,
) -> Result<TokenInfo, VerbaError> {
    read(body, response_type, http_status, sent_at_ms, &Secrets::NONE)
}

fn parse_error(reason: &str, http_status: u16) -> VerbaError {
    VerbaError::Parse {
        reason: reason.to_owned(),
        http_status: Some(http_status),
    }
}

fn read(
    body: &str,
    response_type: ResponseType,
    http_status: u16,
    sent_at_ms: f64,
    secrets: &Secrets,
) -> Result<TokenInfo, VerbaError> {
    if body.len() > MAX_REPLY_BYTES {
        return Err(parse_error(TOO_LARGE, http_status));
    }
    let success_status = (200..300).contains(&http_status);
    let unreadable = |reason: &str| {
        if success_status {
            parse_error(reason, http_status)
        } else {
            http_error(body, http_status, secrets)
        }
    };
    let envelope = match response_type {
        ResponseType::Xml => xml::envelope(body),
        ResponseType::Json => json::envelope(body),
        ResponseType::Text => match text_token(body) {
            Some(token) => Ok(Envelope {
                code: Some(0),
                token: Some(token.to_owned()),
                ..Envelope::default()
            }),
            None => match text::envelope(body) {
                Some(envelope) => envelope,
                None if trim_bom(body).is_empty() => Err("the reply is empty."),
                None => Err("the TEXT reply is neither \"OK <token>\" nor \"ERROR <code>: …\"."),
            },
        },
        ResponseType::Html => {
            return Err(unreadable(
                "an HTML reply is meant for display and its token cannot be read reliably; ask \
                 for responseType XML, JSON or TEXT.",
            ));
        }
    };
    let envelope = envelope.map_err(unreadable)?;
    let server_message = envelope.message.map(|message| secrets.scrub_owned(message));
    if envelope.code != Some(0) {
        return Err(refusal(envelope.code, server_message, http_status));
    }
    if let Some(action) = envelope.action.as_deref()
        && !action.is_empty()
        && action != ACTION
    {
        return Err(VerbaError::Parse {
            reason: secrets.scrub(
                &[
                    "the reply reports success for action \"",
                    action,
                    "\", not RequestToken.",
                ]
                .concat(),
            ),
            http_status: Some(http_status),
        });
    }
    match envelope.token {
        None => Err(parse_error(
            "the reply reports success but carries no token.",
            http_status,
        )),
        Some(token)
            if token.is_empty()
                || token.len() > 256
                || !token.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            Err(parse_error(
                "the token in the reply is not 1 to 256 visible ASCII characters.",
                http_status,
            ))
        }
        Some(token) => Ok(TokenInfo {
            token,
            expires_at: sent_at_ms + TOKEN_LIFETIME_MS,
        }),
    }
}

/// The token of a TEXT `OK <token>` reply (`OK` in any letter case, spaces or tabs, one word).
fn text_token(body: &str) -> Option<&str> {
    let text = trim_bom(body);
    let (word, rest) = text.split_at_checked(2)?;
    if !word.eq_ignore_ascii_case("OK") || !rest.starts_with([' ', '\t']) {
        return None;
    }
    let token = rest.trim_matches([' ', '\t']);
    (!token.is_empty() && !token.contains(char::is_whitespace)).then_some(token)
}
