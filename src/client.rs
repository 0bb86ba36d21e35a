//! `createClient` (issue 10): its config checked once, each call's options built from it, and
//! the session token it keeps.
//!
//! The config is kept as the caller gave it (once checked) and every call is validated by the
//! same rules as `deleteCall` and `requestToken`, so a client can never send what those would
//! refuse. What is asynchronous (the single shared renewal, the one repeat after
//! `AUTH_FAILED`) lives in the browser layer; the rules it follows are here, testable natively.
//!
//! ```
//! use verba_api::{ClientConfig, CredentialsInput, DeleteCallOptions, Session};
//!
//! let config = DeleteCallOptions::new()
//!     .with("baseUrl", "https://recorder.example.com")
//!     .with("apiKey", "74c8eea0-50c6-40b2-9f3e-252ed501c3c8");
//! let credentials = CredentialsInput::Fixed {
//!     user_name: "myapiuser".into(),
//!     password: "pa$$word".into(),
//! };
//! let client = ClientConfig::validate(&config, credentials).unwrap();
//! let token = client.request_token(client.credentials().unwrap()).unwrap();
//! assert_eq!(token.user_name, "myapiuser");
//!
//! let call = DeleteCallOptions::new().with("callID", "a8343631-9f35-4a3a-83f0-9e81592339fb");
//! let params = client.delete_call(&call, Some("W7XI2")).unwrap();
//! assert_eq!(params.token.as_deref(), Some("W7XI2"));
//!
//! // A token is reused until a minute before it expires.
//! let mut session = Session::new(None);
//! session.renewed("W7XI2", 3_600_000.0);
//! assert_eq!(session.fresh_token(3_539_999.0), Some("W7XI2"));
//! assert_eq!(session.fresh_token(3_540_000.0), None);
//! ```

use crate::field::Field;
use crate::issue::{IssueCode, ValidationIssue};
use crate::options::{DeleteCallOptions, OptionValue, RequestTokenOptions};
use crate::params::DeleteCallParams;
use crate::token::{RequestTokenParams, validate_request_token};
use crate::validation::{is_absent, rules, unknown_option, validate_delete_call};

/// A client renews its token this long before the token expires, so that no call is sent with
/// a token about to lapse on its way.
pub const RENEW_BEFORE_EXPIRY_MS: f64 = 60_000.0;

/// `credentials` as the browser layer read it.
#[derive(Clone, Debug, PartialEq)]
pub enum CredentialsInput<'a> {
    /// Not given (or `undefined`/`null`).
    Absent,
    /// An object: its `userName` and `password` as received.
    Fixed {
        /// `credentials.userName`.
        user_name: OptionValue<'a>,
        /// `credentials.password`. Secret.
        password: OptionValue<'a>,
    },
    /// A function, to be called each time a token is needed.
    Callback,
    /// Any other value: its type's name, for the message.
    Other(&'static str),
}

/// A user's name and password, checked to be strings.
#[derive(Clone, PartialEq, Eq)]
pub struct UserCredentials {
    /// The recorder user.
    pub user_name: String,
    /// Its password. Secret.
    pub password: String,
}

/// Shows the user name only.
impl std::fmt::Debug for UserCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserCredentials")
            .field("user_name", &self.user_name)
            .finish_non_exhaustive()
    }
}

/// Where a client gets the credentials for a token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CredentialSource {
    /// None: the client uses the given token, if any, as is.
    None,
    /// Given in the config.
    Fixed(UserCredentials),
    /// From the caller's function, called each time a token is needed (never kept).
    Callback,
}

/// A checked `createClient` config.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientConfig {
    /// The connection options, as given (checked): what every call adds its selector to.
    connection: DeleteCallOptions<'static>,
    /// `auth`, as given (checked).
    auth: OptionValue<'static>,
    /// The token the portal already had, if any.
    token: Option<String>,
    credentials: CredentialSource,
    cors_preflight: bool,
    /// The API key, for redaction.
    api_key: String,
}

/// The config options a call may not set, with the hint for each.
fn per_call_issue(name: &str) -> ValidationIssue {
    match Field::from_name_in(&Field::KNOWN, name) {
        Some(field) if !Field::CALL.contains(&field) => ValidationIssue::named(
            name,
            IssueCode::UnknownOption,
            &[
                name,
                " is set once in createClient's config, not per call; a call takes its selector \
                 (callID, platformCallID, nativeID, meetingID, or extension with status), \
                 signal and timeoutMs.",
            ],
        ),
        _ => unknown_option(&Field::CALL, name),
    }
}

/// The issue for a name that is no config option, with a hint where the name belongs
/// elsewhere.
fn config_issue(name: &str) -> ValidationIssue {
    match Field::from_name_in(&Field::KNOWN, name) {
        Some(Field::UserName | Field::Password) => ValidationIssue::named(
            name,
            IssueCode::UnknownOption,
            &[
                name,
                " goes inside credentials: createClient({ apiKey, credentials: { userName, \
                 password } }).",
            ],
        ),
        Some(field) if Field::CALL.contains(&field) => ValidationIssue::named(
            name,
            IssueCode::UnknownOption,
            &[
                name,
                " belongs to each call, not to the config: client.deleteCall({ ",
                name,
                " }).",
            ],
        ),
        _ => unknown_option(&Field::CLIENT, name),
    }
}

/// Names the fields of the issues about a credential as the config writes them
/// (`credentials.userName`). In place: a `map` collected into a new list is larger in the wasm
/// build.
fn in_credentials(issues: &mut [ValidationIssue]) {
    for issue in issues {
        if issue.field == Field::UserName.name() || issue.field == Field::Password.name() {
            issue.field = ["credentials.", issue.field.as_str()].concat();
        }
    }
}

impl ClientConfig {
    /// Checks a `createClient` config: every option by the rules `deleteCall` applies, and the
    /// credentials (and `auth`) by those of `requestToken`. Returns every issue found.
    pub fn validate(
        options: &DeleteCallOptions,
        credentials: CredentialsInput,
    ) -> Result<ClientConfig, Vec<ValidationIssue>> {
        // Loops rather than `map(..).collect()`, here and in `delete_call`, as the requests'
        // own checks do: smaller in the wasm build.
        let mut issues = Vec::new();
        for name in options.names_outside(&Field::CLIENT) {
            issues.push(config_issue(name));
        }
        let connection = connection_of(options);
        // DeleteCall's rules, the selector aside (each call brings its own).
        let mut as_delete_call = connection_of(options);
        as_delete_call.set_field(Field::Token, owned(options.get(Field::Token)));
        if let Err(found) = validate_delete_call(&as_delete_call) {
            // A loop rather than `extend` of a filter, which is larger in the wasm build.
            for issue in found {
                if issue.code != IssueCode::MissingSelector {
                    issues.push(issue);
                }
            }
        }
        let auth = owned(options.get(Field::Auth));
        let source = match credentials {
            CredentialsInput::Absent => {
                if !is_absent(&auth) {
                    issues.push(ValidationIssue::new(
                        Field::Auth,
                        IssueCode::InvalidValue,
                        &["auth only applies with credentials; remove it or give credentials."],
                    ));
                }
                CredentialSource::None
            }
            CredentialsInput::Other(type_name) => {
                issues.push(ValidationIssue::new(
                    Field::Credentials,
                    IssueCode::InvalidType,
                    &[
                        "credentials must be { userName, password } or a function that resolves \
                         to them, not ",
                        type_name,
                        ".",
                    ],
                ));
                CredentialSource::None
            }
            CredentialsInput::Fixed {
                user_name,
                password,
            } => {
                let found = token_issues(&connection, &auth, &user_name, &password);
                let fixed = match (&user_name, &password) {
                    (OptionValue::Text(user_name), OptionValue::Text(password))
                        if found.is_empty() =>
                    {
                        Some(UserCredentials {
                            user_name: user_name.to_string(),
                            password: password.to_string(),
                        })
                    }
                    _ => None,
                };
                add_new(&mut issues, found);
                fixed.map_or(CredentialSource::None, CredentialSource::Fixed)
            }
            CredentialsInput::Callback => {
                // The function's answer is checked when it comes; here only what the config
                // decides (auth with method), with stand-in credentials.
                let found = token_issues(&connection, &auth, &"user".into(), &"secret".into());
                add_new(&mut issues, found);
                CredentialSource::Callback
            }
        };
        if !issues.is_empty() {
            return Err(issues);
        }
        // Checked above: these rules accept the values.
        let text_of = |checked: rules::Checked<String>| checked.ok().flatten();
        Ok(ClientConfig {
            api_key: text_of(rules::api_key(connection.get(Field::ApiKey))).unwrap_or_default(),
            token: text_of(rules::token(options.get(Field::Token))),
            cors_preflight: rules::flag(Field::CorsPreflight, connection.get(Field::CorsPreflight))
                .ok()
                .flatten()
                .unwrap_or(true),
            connection,
            auth,
            credentials: source,
        })
    }

    /// The DeleteCall that a call with `call` (its selector, signal and timeout) describes,
    /// with `token` if the client has one.
    pub fn delete_call<'a>(
        &self,
        call: &DeleteCallOptions<'a>,
        token: Option<&'a str>,
    ) -> Result<DeleteCallParams, Vec<ValidationIssue>> {
        let mut issues = Vec::new();
        for name in call.names_outside(&Field::CALL) {
            issues.push(per_call_issue(name));
        }
        let mut options: DeleteCallOptions<'a> = connection_of(&self.connection);
        for field in Field::CALL {
            let value = call.get(field);
            if *value != OptionValue::Absent {
                options.set_field(field, owned(value));
            }
        }
        if let Some(token) = token {
            options.set_field(Field::Token, token.into());
        }
        match validate_delete_call(&options) {
            Ok(params) if issues.is_empty() => Ok(params),
            Ok(_) => Err(issues),
            Err(found) => {
                issues.extend(found);
                Err(issues)
            }
        }
    }

    /// The RequestToken this client sends for `credentials`.
    pub fn request_token(
        &self,
        credentials: &UserCredentials,
    ) -> Result<RequestTokenParams, Vec<ValidationIssue>> {
        self.token_params(
            &credentials.user_name.as_str().into(),
            &credentials.password.as_str().into(),
        )
    }

    /// Checks what a credentials function resolved with: `userName` and `password` read from
    /// its answer.
    pub fn check_credentials(
        &self,
        user_name: &OptionValue,
        password: &OptionValue,
    ) -> Result<UserCredentials, Vec<ValidationIssue>> {
        self.token_params(user_name, password)
            .map(|params| UserCredentials {
                user_name: params.user_name,
                password: params.password,
            })
    }

    /// The RequestToken for `user_name` and `password` as received, the issues' fields named as
    /// the config writes them. (One body for [`Self::request_token`] and
    /// [`Self::check_credentials`]: the browser's renewal uses both, and each had its own copy
    /// in the wasm build.)
    fn token_params(
        &self,
        user_name: &OptionValue,
        password: &OptionValue,
    ) -> Result<RequestTokenParams, Vec<ValidationIssue>> {
        checked_token(&self.connection, &self.auth, user_name, password)
    }

    /// The credentials given in the config, if any.
    pub fn credentials(&self) -> Option<&UserCredentials> {
        match &self.credentials {
            CredentialSource::Fixed(credentials) => Some(credentials),
            _ => None,
        }
    }

    /// Whether the client can get a token itself (credentials, given or by a function).
    pub fn can_renew(&self) -> bool {
        self.credentials != CredentialSource::None
    }

    /// Whether the credentials come from the caller's function.
    pub fn asks_for_credentials(&self) -> bool {
        self.credentials == CredentialSource::Callback
    }

    /// The token given in the config, if any.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// `corsPreflight` (default `true`), for the client's RequestToken too.
    pub fn cors_preflight(&self) -> bool {
        self.cors_preflight
    }

    /// The API key, for redaction of what the client shows.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// Whether the config asks for HTML replies, which a batch refuses
    /// ([`crate::batch::html_in_batch`]).
    pub fn asks_for_html(&self) -> bool {
        matches!(
            crate::validation::rules::response_type(self.connection.get(Field::ResponseType)),
            Ok(Some(crate::params::ResponseType::Html))
        )
    }
}

/// The connection options of `options` (those of a config that every DeleteCall of the client
/// shares), each as given, `Absent` included.
fn connection_of(options: &DeleteCallOptions) -> DeleteCallOptions<'static> {
    let mut connection = DeleteCallOptions::new();
    for field in [
        Field::ApiKey,
        Field::BaseUrl,
        Field::Method,
        Field::ResponseType,
        Field::TimeoutMs,
        Field::AllowInsecureHttp,
        Field::CorsPreflight,
    ] {
        connection.set_field(field, owned(options.get(field)));
    }
    connection
}

/// A value kept beyond the caller's object; also the one copy of values the client makes (a
/// derived `Clone` of the options and values would be more code in the wasm build).
fn owned(value: &OptionValue) -> OptionValue<'static> {
    match value {
        OptionValue::Absent => OptionValue::Absent,
        OptionValue::Null => OptionValue::Null,
        OptionValue::Text(text) => OptionValue::Text(text.to_string().into()),
        OptionValue::Number(number) => OptionValue::Number(*number),
        OptionValue::Bool(flag) => OptionValue::Bool(*flag),
        OptionValue::List(items) => OptionValue::List(items.iter().map(owned).collect()),
        OptionValue::Other(name) => OptionValue::Other(name),
    }
}

/// RequestToken options from the connection (RequestToken's own of them), `auth` and the
/// credentials.
fn token_options<'a>(
    connection: &DeleteCallOptions<'a>,
    auth: &OptionValue<'a>,
    user_name: &OptionValue<'a>,
    password: &OptionValue<'a>,
) -> RequestTokenOptions<'a> {
    let mut options = RequestTokenOptions::new();
    for field in Field::REQUEST_TOKEN {
        let value = match field {
            Field::Auth => auth,
            Field::UserName => user_name,
            Field::Password => password,
            other => connection.get(other),
        };
        if *value != OptionValue::Absent {
            options.set_field(field, owned(value));
        }
    }
    options
}

/// The RequestToken for these credentials, the issues' fields named as the config writes them.
fn checked_token(
    connection: &DeleteCallOptions,
    auth: &OptionValue,
    user_name: &OptionValue,
    password: &OptionValue,
) -> Result<RequestTokenParams, Vec<ValidationIssue>> {
    validate_request_token(&token_options(connection, auth, user_name, password)).map_err(
        |mut issues| {
            in_credentials(&mut issues);
            issues
        },
    )
}

/// RequestToken's issues for these credentials, their fields named as the config writes them.
fn token_issues(
    connection: &DeleteCallOptions,
    auth: &OptionValue,
    user_name: &OptionValue,
    password: &OptionValue,
) -> Vec<ValidationIssue> {
    match checked_token(connection, auth, user_name, password) {
        Ok(_) => Vec::new(),
        Err(issues) => issues,
    }
}

/// Adds the issues of `found` about fields `issues` does not report yet (the connection's
/// options are checked by both requests' rules; each problem is told once).
fn add_new(issues: &mut Vec<ValidationIssue>, found: Vec<ValidationIssue>) {
    // The fields reported before are the first `reported` issues: compared in place rather
    // than copied into a list of names first (smaller in the wasm build).
    let reported = issues.len();
    for issue in found {
        if !issues[..reported]
            .iter()
            .any(|known| known.field == issue.field)
        {
            issues.push(issue);
        }
    }
}

/// The token a client holds, and until when it may be used.
#[derive(Clone, Default, PartialEq)]
pub struct Session {
    /// The token and, when the client requested it, its expiry (ms since the epoch).
    held: Option<(String, Option<f64>)>,
}

/// Shows whether a token is held and its expiry, never the token.
impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("holds_token", &self.held.is_some())
            .field("expires_at", &self.held.as_ref().and_then(|(_, at)| *at))
            .finish()
    }
}

impl Session {
    /// A session holding `token` (one the portal already had: its expiry is unknown, so it is
    /// used until the recorder refuses it).
    pub fn new(token: Option<String>) -> Self {
        Session {
            held: token.map(|token| (token, None)),
        }
    }

    /// The token held, whatever its expiry.
    pub fn token(&self) -> Option<&str> {
        self.held.as_ref().map(|(token, _)| token.as_str())
    }

    /// The token held and its expiry, when the client requested it.
    pub fn info(&self) -> Option<(&str, f64)> {
        match &self.held {
            Some((token, Some(expires_at))) => Some((token, *expires_at)),
            _ => None,
        }
    }

    /// The token to send at `now_ms`: the one held unless it expires within
    /// [`RENEW_BEFORE_EXPIRY_MS`]; `None` means a new one is needed.
    pub fn fresh_token(&self, now_ms: f64) -> Option<&str> {
        match &self.held {
            Some((token, None)) => Some(token),
            Some((token, Some(expires_at))) if now_ms < expires_at - RENEW_BEFORE_EXPIRY_MS => {
                Some(token)
            }
            _ => None,
        }
    }

    /// The recorder refused `token`: forgets it if it is still the one held (a call that used
    /// an older token must not throw away the newer one another call already got). Returns
    /// whether it was.
    pub fn refused(&mut self, token: &str) -> bool {
        let held = self.token() == Some(token);
        if held {
            self.held = None;
        }
        held
    }

    /// Keeps a new token, which expires at `expires_at`.
    pub fn renewed(&mut self, token: &str, expires_at: f64) {
        self.held = Some((token.to_owned(), Some(expires_at)));
    }

    /// Forgets the token (signing out).
    pub fn forget(&mut self) {
        self.held = None;
    }
}
