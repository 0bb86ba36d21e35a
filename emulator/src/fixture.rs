//! The fixture: the JSON document that sets the emulator's whole state (API keys, calls, reply
//! delay). Loaded at start with `--fixture FILE`, or at run time with `POST /__emulator/reset`.
//!
//! The format is fixed by issue 2 so that any test can write one:
//!
//! ```json
//! {
//!   "apiKeys": [{"key": "<guid>", "tokens": ["<token>"], "requiresToken": true}],
//!   "calls": [{
//!     "callID": "<guid>", "platformCallID": "71627389", "nativeID": "TRS26140192",
//!     "meetingID": "WHBFM6DD", "participants": ["8856", "+3612345678"],
//!     "state": "finished", "startOffsetS": -3600, "endOffsetS": -3500, "doNotDelete": false
//!   }],
//!   "responseDelayMs": 0
//! }
//! ```
//!
//! Additions beyond the issue's format, all optional:
//! - `responseDelayMs` (top level, default 0, at most 600000): every `/verba/api` reply is
//!   delayed by that long (the state change itself happens at once), for client timeout tests;
//! - a token may be an object `{"token": "<t>", "expiresOffsetS": 3600}` instead of a string: it
//!   stops working that many seconds after the fixture is loaded (negative = already expired);
//! - `requiresToken` defaults to `true` when `tokens` is non-empty, `false` otherwise;
//! - `markedForDeletion` on an ongoing or scheduled call, so that the listing of
//!   `GET /__emulator/calls` can be fed back as a fixture;
//! - `users` (top level): the accounts `RequestToken` accepts,
//!   `[{"userName": "myapiuser", "password": "pa$$word", "roles": ["System Administrator",
//!   "System Supervisor"]}]`; a user name is 1..=256 characters without control characters,
//!   unique (compared exactly); a password is non-empty; roles are free text (only the two
//!   above matter);
//! - `tokenLifetimeS` (top level, default 3600, 1..=MAX_OFFSET_S): how long a token issued by
//!   `RequestToken` works. Tokens listed under `apiKeys[].tokens` are not affected;
//! - `faults` (top level): fault injection on `/verba/api`, `{"seed": 1, "dropBeforeRate": 0.05,
//!   "dropAfterDeleteRate": 0.03, "unavailableRate": 0.05, "retryAfterS": 1, "delayMs": [0, 30]}`,
//!   every field optional (see [`crate::faults`]); without it, no faults.
//!
//! Offsets are whole seconds relative to the moment the fixture is loaded. Unknown fields are an
//! error (a typo such as `callId` must not silently drop a value), and so is anything that would
//! make the state inconsistent (duplicate callIDs, a finished call without an end, ...). Every
//! error names the JSON path of the offending value, never panics.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::faults::FaultsFixture;
use crate::normalize;
use crate::store::{ApiKey, Call, CallState, Store, Token, User};

/// Default lifetime of a token issued by `RequestToken` (the vendor's "1 hour").
pub const DEFAULT_TOKEN_LIFETIME_S: i64 = 3600;

/// Longest reply delay a fixture may ask for; longer would only hang tests.
pub const MAX_RESPONSE_DELAY_MS: u64 = 600_000;

/// Largest offset accepted (about ten years), so that time arithmetic can never overflow.
pub const MAX_OFFSET_S: i64 = 10 * 366 * 24 * 3600;

/// The whole fixture document.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fixture {
    #[serde(default)]
    pub api_keys: Vec<ApiKeyFixture>,
    #[serde(default)]
    pub calls: Vec<CallFixture>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_delay_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<UserFixture>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_lifetime_s: Option<i64>,
    /// Fault injection on `/verba/api` (see [`crate::faults`]); none when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faults: Option<FaultsFixture>,
}

/// One user account for `RequestToken`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UserFixture {
    pub user_name: String,
    pub password: String,
    #[serde(default)]
    pub roles: Vec<String>,
}

/// One API key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiKeyFixture {
    pub key: String,
    #[serde(default)]
    pub tokens: Option<Vec<TokenFixture>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires_token: Option<bool>,
}

/// A token: a plain string (never expires) or an object with an expiry.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TokenFixture {
    Plain(String),
    WithExpiry(TokenWithExpiry),
}

/// The object form of a token.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenWithExpiry {
    pub token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_offset_s: Option<i64>,
}

/// One recorded (or scheduled) call.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallFixture {
    #[serde(rename = "callID")]
    pub call_id: String,
    #[serde(rename = "platformCallID", default)]
    pub platform_call_id: Option<String>,
    #[serde(rename = "nativeID", default)]
    pub native_id: Option<String>,
    #[serde(rename = "meetingID", default)]
    pub meeting_id: Option<String>,
    #[serde(default)]
    pub participants: Option<Vec<String>>,
    pub state: CallState,
    #[serde(rename = "startOffsetS")]
    pub start_offset_s: i64,
    #[serde(rename = "endOffsetS", default)]
    pub end_offset_s: Option<i64>,
    #[serde(rename = "doNotDelete", default)]
    pub do_not_delete: Option<bool>,
    #[serde(
        rename = "markedForDeletion",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub marked_for_deletion: Option<bool>,
}

/// Why a fixture was refused; the text is meant for the HTTP 400 body and the terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FixtureError(pub String);

impl std::fmt::Display for FixtureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid fixture: {}", self.0)
    }
}

impl std::error::Error for FixtureError {}

fn err<T>(path: String, what: impl std::fmt::Display) -> Result<T, FixtureError> {
    Err(FixtureError(format!("{path}: {what}")))
}

/// Parses a fixture document (JSON). serde_json's message names line and column.
/// A UTF-8 byte-order mark is skipped; the document must be a JSON object (serde would also
/// take an array for a struct, which no one writing a fixture means).
pub fn parse(bytes: &[u8]) -> Result<Fixture, FixtureError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if first != Some(&b'{') {
        return Err(FixtureError(
            "the fixture must be a JSON object ({\"apiKeys\": [...], \"calls\": [...]})"
                .to_string(),
        ));
    }
    serde_json::from_slice(bytes).map_err(|e| FixtureError(e.to_string()))
}

/// Validates a fixture and turns it into the emulator's state, with offsets resolved against
/// `now_ms` (milliseconds since the Unix epoch, the load time).
pub fn into_store(fixture: &Fixture, now_ms: i64) -> Result<Store, FixtureError> {
    let delay_ms = fixture.response_delay_ms.unwrap_or(0);
    if delay_ms > MAX_RESPONSE_DELAY_MS {
        return err(
            "responseDelayMs".to_string(),
            format!("at most {MAX_RESPONSE_DELAY_MS} ms"),
        );
    }

    let mut keys: Vec<ApiKey> = Vec::with_capacity(fixture.api_keys.len());
    for (i, k) in fixture.api_keys.iter().enumerate() {
        keys.push(load_key(i, k, now_ms, &keys)?);
    }

    // The IDs seen so far in a set: a fixture of 100,000 calls (11 MB) loads in about 0.2 s,
    // where checking each against all earlier calls took about 50 s.
    let mut calls: Vec<Call> = Vec::with_capacity(fixture.calls.len());
    let mut call_ids = HashSet::with_capacity(fixture.calls.len());
    for (i, c) in fixture.calls.iter().enumerate() {
        calls.push(load_call(i, c, now_ms, &mut call_ids)?);
    }

    let mut users: Vec<User> = Vec::with_capacity(fixture.users.len());
    for (i, u) in fixture.users.iter().enumerate() {
        users.push(load_user(i, u, &users)?);
    }

    let lifetime_s = fixture.token_lifetime_s.unwrap_or(DEFAULT_TOKEN_LIFETIME_S);
    if !(1..=MAX_OFFSET_S).contains(&lifetime_s) {
        return err(
            "tokenLifetimeS".to_string(),
            format!("a whole number of seconds, 1..={MAX_OFFSET_S}"),
        );
    }

    let faults = match &fixture.faults {
        None => None,
        Some(f) => Some(f.validate("faults")?),
    };

    Ok(Store::new(keys, calls, delay_ms)
        .with_users(users, lifetime_s * 1000)
        .with_faults(faults))
}

fn load_user(i: usize, u: &UserFixture, seen: &[User]) -> Result<User, FixtureError> {
    let path = format!("users[{i}]");
    if u.user_name.is_empty()
        || u.user_name.chars().count() > normalize::MAX_OPAQUE_LEN
        || u.user_name.chars().any(char::is_control)
    {
        return err(
            format!("{path}.userName"),
            "must be 1..=256 characters, without control characters",
        );
    }
    if seen.iter().any(|s| s.user_name == u.user_name) {
        return err(format!("{path}.userName"), "duplicate user name");
    }
    if u.password.is_empty() || u.password.chars().any(char::is_control) {
        // The message never shows the password.
        return err(
            format!("{path}.password"),
            "must be non-empty, without control characters",
        );
    }
    Ok(User {
        user_name: u.user_name.clone(),
        password: u.password.clone(),
        roles: u.roles.clone(),
    })
}

fn check_offset(path: String, offset_s: i64) -> Result<i64, FixtureError> {
    if offset_s.abs() > MAX_OFFSET_S {
        return err(path, format!("offsets may be at most {MAX_OFFSET_S} s"));
    }
    Ok(offset_s * 1000)
}

fn load_key(
    i: usize,
    k: &ApiKeyFixture,
    now_ms: i64,
    seen: &[ApiKey],
) -> Result<ApiKey, FixtureError> {
    let path = format!("apiKeys[{i}]");
    if k.key.is_empty() || k.key.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return err(
            format!("{path}.key"),
            "must be non-empty, without whitespace or control characters",
        );
    }
    let key = normalize::api_key(&k.key);
    if seen.iter().any(|s| s.key == key) {
        return err(format!("{path}.key"), "duplicate API key");
    }
    let mut tokens = Vec::new();
    for (j, t) in k.tokens.iter().flatten().enumerate() {
        let tpath = format!("{path}.tokens[{j}]");
        let (value, expires) = match t {
            TokenFixture::Plain(v) => (v, None),
            TokenFixture::WithExpiry(w) => (&w.token, w.expires_offset_s),
        };
        // The spec's rule for tokens: 1..=256 visible ASCII characters.
        if value.is_empty()
            || value.len() > normalize::MAX_OPAQUE_LEN
            || !value.bytes().all(|b| b.is_ascii_graphic())
        {
            return err(tpath, "a token is 1..=256 visible ASCII characters");
        }
        let expires_ms = match expires {
            Some(offset) => Some(now_ms + check_offset(format!("{tpath}.expiresOffsetS"), offset)?),
            None => None,
        };
        tokens.push(Token {
            value: value.to_string(),
            expires_ms,
            issued: false,
        });
    }
    let requires_token = k.requires_token.unwrap_or(!tokens.is_empty());
    Ok(ApiKey {
        key,
        requires_token,
        tokens,
    })
}

fn load_call(
    i: usize,
    c: &CallFixture,
    now_ms: i64,
    seen: &mut HashSet<String>,
) -> Result<Call, FixtureError> {
    let path = format!("calls[{i}]");
    let Some(call_id) = normalize::guid(&c.call_id) else {
        return err(
            format!("{path}.callID"),
            "not a GUID (8-4-4-4-12 hex digits, braces allowed)",
        );
    };
    if !seen.insert(call_id.clone()) {
        return err(format!("{path}.callID"), "duplicate callID");
    }
    for (name, value) in [
        ("platformCallID", &c.platform_call_id),
        ("nativeID", &c.native_id),
        ("meetingID", &c.meeting_id),
    ] {
        if let Some(Err(why)) = value.as_deref().map(normalize::opaque) {
            return err(format!("{path}.{name}"), why);
        }
    }
    let participants = c.participants.clone().unwrap_or_default();
    let mut participant_keys = Vec::with_capacity(participants.len());
    for (j, p) in participants.iter().enumerate() {
        match normalize::participant(p) {
            Ok(k) => participant_keys.push(k),
            Err(why) => return err(format!("{path}.participants[{j}]"), why),
        }
    }
    let start_ms = now_ms + check_offset(format!("{path}.startOffsetS"), c.start_offset_s)?;
    let end_ms = match c.end_offset_s {
        Some(e) => Some(now_ms + check_offset(format!("{path}.endOffsetS"), e)?),
        None => None,
    };
    match (c.state, end_ms) {
        (CallState::Finished, None) => {
            return err(
                format!("{path}.endOffsetS"),
                "a finished call needs an end (it decides which call is `last`)",
            );
        }
        (_, Some(end)) if end < start_ms => {
            return err(format!("{path}.endOffsetS"), "the end is before the start");
        }
        _ => {}
    }
    let do_not_delete = c.do_not_delete.unwrap_or(false);
    let marked = c.marked_for_deletion.unwrap_or(false);
    if marked && c.state == CallState::Finished {
        return err(
            format!("{path}.markedForDeletion"),
            "only an ongoing or scheduled call can be marked (a finished one is deleted)",
        );
    }
    if marked && do_not_delete {
        return err(
            format!("{path}.markedForDeletion"),
            "a doNotDelete call cannot be marked for deletion",
        );
    }
    Ok(Call {
        call_id,
        platform_call_id: c.platform_call_id.clone(),
        native_id: c.native_id.clone(),
        meeting_id: c.meeting_id.clone(),
        participants,
        participant_keys,
        state: c.state,
        start_ms,
        end_ms,
        do_not_delete,
        marked_for_deletion: marked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(json: &str) -> Result<Store, FixtureError> {
        into_store(&parse(json.as_bytes())?, 1_000_000_000)
    }

    /// A finished call of the demo shape whose callID ends in `n` (12 hex digits).
    fn call_json(n: usize) -> String {
        format!(
            r#"{{"callID": "00000000-0000-4000-8000-{n:012x}", "state": "finished", "startOffsetS": -600, "endOffsetS": -60}}"#
        )
    }

    #[test]
    fn a_hundred_thousand_calls_load_and_a_late_duplicate_is_named() {
        let calls: Vec<String> = (0..100_000).map(call_json).collect();
        let store = load(&format!(r#"{{"calls": [{}]}}"#, calls.join(","))).unwrap();
        assert_eq!(store.call_count(), 100_000);
        let duplicated = format!(r#"{{"calls": [{}, {}]}}"#, calls.join(","), call_json(7));
        let error = load(&duplicated).unwrap_err().to_string();
        assert!(
            error.contains("calls[100000].callID") && error.contains("duplicate"),
            "{error}"
        );
    }

    #[test]
    fn empty_document_is_an_empty_state() {
        assert!(load("{}").is_ok());
    }

    #[test]
    fn the_issue_example_loads() {
        let json = r#"{
          "apiKeys": [{"key": "74c8eea0-50c6-40b2-9f3e-252ed501c3c8", "tokens": ["t0"], "requiresToken": true}],
          "calls": [{
            "callID": "a8343631-9f35-4a3a-83f0-9e81592339fb", "platformCallID": "71627389",
            "nativeID": "TRS26140192", "meetingID": "WHBFM6DD", "participants": ["8856", "+3612345678"],
            "state": "finished", "startOffsetS": -3600, "endOffsetS": -3500, "doNotDelete": false
          }]
        }"#;
        assert!(load(json).is_ok());
    }

    #[test]
    fn errors_name_the_path() {
        let cases = [
            (
                r#"{"calls":[{"callID":"x","state":"finished","startOffsetS":0,"endOffsetS":1}]}"#,
                "calls[0].callID",
            ),
            (
                r#"{"calls":[{"callID":"a8343631-9f35-4a3a-83f0-9e81592339fb","state":"finished","startOffsetS":0}]}"#,
                "calls[0].endOffsetS",
            ),
            (
                r#"{"calls":[{"callID":"a8343631-9f35-4a3a-83f0-9e81592339fb","state":"ongoing","startOffsetS":0,"participants":["88x"]}]}"#,
                "calls[0].participants[0]",
            ),
            (r#"{"apiKeys":[{"key":"k"},{"key":"K"}]}"#, "apiKeys[1].key"),
            (
                r#"{"apiKeys":[{"key":"k","tokens":["a b"]}]}"#,
                "apiKeys[0].tokens[0]",
            ),
            (r#"{"responseDelayMs": 600001}"#, "responseDelayMs"),
            (r#"{"tokenLifetimeS": 0}"#, "tokenLifetimeS"),
            (r#"{"tokenLifetimeS": -5}"#, "tokenLifetimeS"),
            (
                r#"{"faults": {"dropBeforeRate": 2}}"#,
                "faults.dropBeforeRate",
            ),
            (r#"{"faults": {"delayMs": [9, 1]}}"#, "faults.delayMs"),
            (
                r#"{"users":[{"userName":"","password":"p"}]}"#,
                "users[0].userName",
            ),
            (
                r#"{"users":[{"userName":"u","password":"p"},{"userName":"u","password":"q"}]}"#,
                "users[1].userName",
            ),
            (
                r#"{"users":[{"userName":"u","password":""}]}"#,
                "users[0].password",
            ),
        ];
        for (json, path) in cases {
            let e = load(json)
                .err()
                .unwrap_or_else(|| panic!("accepted {json}"));
            assert!(e.0.starts_with(path), "{e} for {json}");
        }
    }

    #[test]
    fn unknown_fields_and_bad_types_are_refused() {
        assert!(load(r#"{"calls":[{"callId":"a8343631-9f35-4a3a-83f0-9e81592339fb"}]}"#).is_err());
        assert!(load(r#"{"apikeys":[]}"#).is_err());
        assert!(load(r#"{"calls":[{"callID":"a8343631-9f35-4a3a-83f0-9e81592339fb","state":"done","startOffsetS":0}]}"#).is_err());
        assert!(load("[]").is_err());
        assert!(load(r#"{"tokenLifetimeS": "1h"}"#).is_err());
        assert!(load(r#"{"users":[{"name":"u","password":"p"}]}"#).is_err());
        assert!(load("").is_err());
    }
}
