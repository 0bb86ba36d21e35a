//! The emulator's state (API keys, calls, reply delay, request log) and the rules that act on it:
//! authentication, call lookup by selector, and deletion.
//!
//! Times are milliseconds since the Unix epoch, taken from the system clock. A call's `state` is
//! what the fixture says and never changes with time: a scheduled call whose start has passed is
//! still `scheduled`. Time only decides which calls `next` and `last` pick.
//!
//! Status rules for `extension` (spec section 2, with the project's reading where it is silent):
//! - `ongoing`: every call in state `ongoing` where the number is a participant;
//! - `next`: among calls in state `scheduled` or `ongoing` with the number, whose start lies in
//!   `[now, now + 60 s]`, the one starting first ("the next call"); calls tied on that start all
//!   match (and so make the request ambiguous);
//! - `last`: among calls in state `finished` with the number, the one that ended most recently;
//!   calls tied on that end all match;
//! - a combination is the union of each status's matches, without duplicates.

use std::collections::VecDeque;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::faults::{Draw, Fault, FaultCounts, Faults};

/// How far ahead `next` looks (spec: "starts within one minute after the request").
pub const NEXT_WINDOW_MS: i64 = 60_000;

/// How many request records `GET /__emulator/requests` keeps in `recent`.
pub const RECENT_REQUESTS: usize = 100;

/// The current time in milliseconds since the Unix epoch (0 if the clock is before 1970).
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX / 2))
        .unwrap_or(0)
}

/// A call's state as the fixture gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CallState {
    Finished,
    Ongoing,
    Scheduled,
}

/// One API key and its tokens.
#[derive(Debug, Clone)]
pub struct ApiKey {
    /// Normalized with [`crate::normalize::api_key`].
    pub key: String,
    pub requires_token: bool,
    pub tokens: Vec<Token>,
}

/// A token; compared exactly (tokens are opaque).
#[derive(Debug, Clone)]
pub struct Token {
    pub value: String,
    pub expires_ms: Option<i64>,
    /// Issued by `RequestToken` (dropped from the store once expired), not from the fixture.
    pub issued: bool,
}

/// A user account for `RequestToken`.
#[derive(Debug, Clone)]
pub struct User {
    /// Compared exactly.
    pub user_name: String,
    /// Compared exactly; never shown anywhere.
    pub password: String,
    pub roles: Vec<String>,
}

/// Most tokens issued by `RequestToken` that a key keeps at once; beyond, the oldest is dropped,
/// so that a flood of token requests cannot grow the store without bound.
pub const MAX_ISSUED_TOKENS_PER_KEY: usize = 1000;

/// The roles a user needs for `RequestToken` (spec section 6).
pub const REQUIRED_ROLES: [&str; 2] = ["System Administrator", "System Supervisor"];

/// Why `RequestToken` refused (code 4). The messages never contain the key, the user name or the
/// password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRefusal {
    /// The API key is missing or unknown.
    Key(AuthFailure),
    /// Neither an `Authorization` header nor `userName` and `password` were given.
    MissingCredentials,
    /// The `Authorization` header is not `Basic base64(user:password)`.
    MalformedAuthorization,
    /// Unknown user or wrong password (one message for both, so that user names cannot be
    /// probed).
    BadCredentials,
    /// The user lacks System Administrator or System Supervisor.
    MissingRole,
    /// The system's random generator failed (no token can be made).
    NoRandomness,
}

impl TokenRefusal {
    pub fn message(self) -> &'static str {
        match self {
            TokenRefusal::Key(failure) => failure.message(),
            TokenRefusal::MissingCredentials => {
                "Authentication failed: give an Authorization: Basic header, or the userName and \
                 password parameters."
            }
            TokenRefusal::MalformedAuthorization => {
                "Authentication failed: the Authorization header is not Basic \
                 base64(userName:password)."
            }
            TokenRefusal::BadCredentials => {
                "Authentication failed: unknown user name or wrong password."
            }
            TokenRefusal::MissingRole => {
                "Authentication failed: the user needs the System Administrator and System \
                 Supervisor roles."
            }
            TokenRefusal::NoRandomness => {
                "Authentication failed: the emulator could not generate a token."
            }
        }
    }
}

/// A token issued by [`Store::issue_token`], with the session id the reply shows beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedToken {
    pub token: String,
    pub session_id: String,
}

/// `n` random bytes from the system's generator, as upper-case hex.
fn random_hex(n: usize) -> Option<String> {
    let mut bytes = vec![0u8; n];
    getrandom::fill(&mut bytes).ok()?;
    Some(bytes.iter().map(|b| format!("{b:02X}")).collect())
}

/// One call in the store.
#[derive(Debug, Clone)]
pub struct Call {
    /// Lower-case GUID without braces.
    pub call_id: String,
    pub platform_call_id: Option<String>,
    pub native_id: Option<String>,
    pub meeting_id: Option<String>,
    /// As the fixture gave them (the listing shows these).
    pub participants: Vec<String>,
    /// Normalized with [`crate::normalize::participant`] (matching uses these).
    pub participant_keys: Vec<String>,
    pub state: CallState,
    pub start_ms: i64,
    pub end_ms: Option<i64>,
    pub do_not_delete: bool,
    pub marked_for_deletion: bool,
}

/// The set of `status` values of an extension lookup.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Statuses {
    pub ongoing: bool,
    pub next: bool,
    pub last: bool,
}

/// What a DeleteCall request selects by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// Normalized GUID.
    CallId(String),
    PlatformCallId(String),
    NativeId(String),
    MeetingId(String),
    /// Normalized participant plus statuses.
    Extension {
        participant: String,
        statuses: Statuses,
    },
}

/// Why authentication failed. The messages never contain the key or the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthFailure {
    MissingKey,
    UnknownKey,
    MissingToken,
    UnknownToken,
    ExpiredToken,
}

impl AuthFailure {
    pub fn message(self) -> &'static str {
        match self {
            AuthFailure::MissingKey => "Authentication failed: the apiKey parameter is missing.",
            AuthFailure::UnknownKey => "Authentication failed: unknown API key.",
            AuthFailure::MissingToken => {
                "Authentication failed: this API key requires a token, and none was given."
            }
            AuthFailure::UnknownToken => "Authentication failed: the token is not valid.",
            AuthFailure::ExpiredToken => "Authentication failed: the token has expired.",
        }
    }
}

/// What a deletion attempt did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeleteOutcome {
    NotFound,
    Ambiguous(usize),
    Protected,
    /// A finished call was removed.
    Deleted,
    /// An ongoing or scheduled call was marked for deletion.
    Marked,
    /// The call was already marked; nothing changed (re-deleting is idempotent).
    AlreadyMarked,
}

/// One `/verba/api` request as `GET /__emulator/requests` shows it: parameter names only, never
/// values (except the action name, which is not a secret).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RequestRecord {
    pub method: String,
    pub action: Option<String>,
    pub query_keys: Vec<String>,
    pub body_keys: Vec<String>,
    pub content_type: Option<String>,
    /// The `Authorization` header's scheme followed by `REDACTED` (`Basic REDACTED`), if one
    /// was sent; never its credentials.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization: Option<String>,
    /// The fault this request got (`dropBefore`, `dropAfterDelete`, `unavailable`), when the
    /// fixture has `faults` and one was applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<Fault>,
    /// The fault delay this request was held for, when the fixture's `faults` has `delayMs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<u64>,
    /// Its number since the state was loaded (1 = first), to find it again.
    #[serde(skip)]
    pub n: u64,
}

/// The body of `GET /__emulator/requests`.
#[derive(Debug, Clone, Serialize)]
pub struct RequestsView {
    pub count: u64,
    pub recent: Vec<RequestRecord>,
    /// How many requests got each fault, when the fixture has `faults`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub faults: Option<FaultCounts>,
}

/// One call in `GET /__emulator/calls`: the fixture format plus `markedForDeletion`, offsets
/// relative to the moment of the listing (rounded to whole seconds).
#[derive(Debug, Clone, Serialize)]
pub struct CallView {
    #[serde(rename = "callID")]
    pub call_id: String,
    #[serde(rename = "platformCallID")]
    pub platform_call_id: Option<String>,
    #[serde(rename = "nativeID")]
    pub native_id: Option<String>,
    #[serde(rename = "meetingID")]
    pub meeting_id: Option<String>,
    pub participants: Vec<String>,
    pub state: CallState,
    #[serde(rename = "startOffsetS")]
    pub start_offset_s: i64,
    #[serde(rename = "endOffsetS")]
    pub end_offset_s: Option<i64>,
    #[serde(rename = "doNotDelete")]
    pub do_not_delete: bool,
    #[serde(rename = "markedForDeletion")]
    pub marked_for_deletion: bool,
}

/// The whole mutable state; lives behind one mutex so that lookup and deletion are atomic.
#[derive(Debug, Clone)]
pub struct Store {
    keys: Vec<ApiKey>,
    calls: Vec<Call>,
    response_delay: Duration,
    request_count: u64,
    recent: VecDeque<RequestRecord>,
    users: Vec<User>,
    token_lifetime_ms: i64,
    faults: Option<Faults>,
    fault_counts: FaultCounts,
}

/// Milliseconds to whole seconds, rounded to nearest (ties away from zero do not matter here).
fn ms_to_s(ms: i64) -> i64 {
    (ms + 500).div_euclid(1000)
}

impl Store {
    /// Builds a store from validated parts (see [`crate::fixture::into_store`]).
    pub fn new(keys: Vec<ApiKey>, calls: Vec<Call>, response_delay_ms: u64) -> Self {
        Store {
            keys,
            calls,
            response_delay: Duration::from_millis(response_delay_ms),
            request_count: 0,
            recent: VecDeque::new(),
            users: Vec::new(),
            token_lifetime_ms: crate::fixture::DEFAULT_TOKEN_LIFETIME_S * 1000,
            faults: None,
            fault_counts: FaultCounts::default(),
        }
    }

    /// The same store with this fault configuration (or none).
    pub fn with_faults(mut self, faults: Option<Faults>) -> Self {
        self.faults = faults;
        self
    }

    /// The fault configuration, if any.
    pub fn faults(&self) -> Option<&Faults> {
        self.faults.as_ref()
    }

    /// The same store with `RequestToken`'s users and token lifetime.
    pub fn with_users(mut self, users: Vec<User>, token_lifetime_ms: i64) -> Self {
        self.users = users;
        self.token_lifetime_ms = token_lifetime_ms;
        self
    }

    /// `RequestToken`: checks the API key, then the credentials (already read from the header or
    /// the parameters, or why they could not be), the user, password and roles, and issues a new
    /// random token bound to that key, valid for the fixture's `tokenLifetimeS`. Expired issued
    /// tokens of the key are dropped at the same time (fixture tokens are kept), and the oldest
    /// issued one once the key holds [`MAX_ISSUED_TOKENS_PER_KEY`].
    pub fn issue_token(
        &mut self,
        api_key: Option<&str>,
        credentials: Result<(&str, &str), TokenRefusal>,
        now_ms: i64,
    ) -> Result<IssuedToken, TokenRefusal> {
        let Some(given) = api_key.filter(|k| !k.is_empty()) else {
            return Err(TokenRefusal::Key(AuthFailure::MissingKey));
        };
        let given = crate::normalize::api_key(given);
        let Some(index) = self.keys.iter().position(|k| k.key == given) else {
            return Err(TokenRefusal::Key(AuthFailure::UnknownKey));
        };
        let (user_name, password) = credentials?;
        let Some(user) = self
            .users
            .iter()
            .find(|u| u.user_name == user_name && u.password == password)
        else {
            return Err(TokenRefusal::BadCredentials);
        };
        if !REQUIRED_ROLES
            .iter()
            .all(|role| user.roles.iter().any(|r| r == role))
        {
            return Err(TokenRefusal::MissingRole);
        }
        let (Some(token), Some(session_id)) = (random_hex(24), random_hex(16)) else {
            return Err(TokenRefusal::NoRandomness);
        };
        let expires_ms = now_ms.saturating_add(self.token_lifetime_ms);
        if let Some(key) = self.keys.get_mut(index) {
            key.tokens
                .retain(|t| !(t.issued && t.expires_ms.is_some_and(|e| now_ms >= e)));
            if key.tokens.iter().filter(|t| t.issued).count() >= MAX_ISSUED_TOKENS_PER_KEY
                && let Some(oldest) = key.tokens.iter().position(|t| t.issued)
            {
                key.tokens.remove(oldest);
            }
            key.tokens.push(Token {
                value: token.clone(),
                expires_ms: Some(expires_ms),
                issued: true,
            });
        }
        Ok(IssuedToken { token, session_id })
    }

    /// The reply delay of `/verba/api` (fixture `responseDelayMs`).
    pub fn response_delay(&self) -> Duration {
        self.response_delay
    }

    /// Number of calls still listed (deleted ones are gone; marked ones count).
    pub fn call_count(&self) -> usize {
        self.calls.len()
    }

    /// Number of API keys.
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Checks the API key and, if the key requires one, the token.
    ///
    /// A token sent with a key that does not require one is ignored, like an unused parameter.
    pub fn authenticate(
        &self,
        api_key: Option<&str>,
        token: Option<&str>,
        now_ms: i64,
    ) -> Result<(), AuthFailure> {
        let Some(given) = api_key.filter(|k| !k.is_empty()) else {
            return Err(AuthFailure::MissingKey);
        };
        let given = crate::normalize::api_key(given);
        let Some(key) = self.keys.iter().find(|k| k.key == given) else {
            return Err(AuthFailure::UnknownKey);
        };
        if !key.requires_token {
            return Ok(());
        }
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Err(AuthFailure::MissingToken);
        };
        let Some(found) = key.tokens.iter().find(|t| t.value == token) else {
            return Err(AuthFailure::UnknownToken);
        };
        match found.expires_ms {
            Some(expires) if now_ms >= expires => Err(AuthFailure::ExpiredToken),
            _ => Ok(()),
        }
    }

    /// Indices of the calls a selector matches at `now_ms`, ascending, without duplicates.
    pub fn find(&self, selector: &Selector, now_ms: i64) -> Vec<usize> {
        let by = |pred: &dyn Fn(&Call) -> bool| -> Vec<usize> {
            self.calls
                .iter()
                .enumerate()
                .filter(|(_, c)| pred(c))
                .map(|(i, _)| i)
                .collect()
        };
        match selector {
            Selector::CallId(id) => by(&|c| &c.call_id == id),
            Selector::PlatformCallId(v) => by(&|c| c.platform_call_id.as_ref() == Some(v)),
            Selector::NativeId(v) => by(&|c| c.native_id.as_ref() == Some(v)),
            Selector::MeetingId(v) => by(&|c| c.meeting_id.as_ref() == Some(v)),
            Selector::Extension {
                participant,
                statuses,
            } => {
                let takes_part = |c: &Call| c.participant_keys.iter().any(|p| p == participant);
                let mut found = Vec::new();
                if statuses.ongoing {
                    found.extend(by(&|c| c.state == CallState::Ongoing && takes_part(c)));
                }
                if statuses.next {
                    let candidates = by(&|c| {
                        c.state != CallState::Finished
                            && takes_part(c)
                            && c.start_ms >= now_ms
                            && c.start_ms <= now_ms.saturating_add(NEXT_WINDOW_MS)
                    });
                    if let Some(first) = candidates.iter().map(|&i| self.calls[i].start_ms).min() {
                        found.extend(
                            candidates
                                .into_iter()
                                .filter(|&i| self.calls[i].start_ms == first),
                        );
                    }
                }
                if statuses.last {
                    let candidates = by(&|c| {
                        c.state == CallState::Finished && takes_part(c) && c.end_ms.is_some()
                    });
                    if let Some(latest) = candidates
                        .iter()
                        .filter_map(|&i| self.calls[i].end_ms)
                        .max()
                    {
                        found.extend(
                            candidates
                                .into_iter()
                                .filter(|&i| self.calls[i].end_ms == Some(latest)),
                        );
                    }
                }
                found.sort_unstable();
                found.dedup();
                found
            }
        }
    }

    /// Looks up the selector and, if exactly one unprotected call matches, deletes it (finished)
    /// or marks it for deletion (ongoing, scheduled). Nothing else changes, whatever the outcome.
    pub fn delete(&mut self, selector: &Selector, now_ms: i64) -> DeleteOutcome {
        let found = self.find(selector, now_ms);
        let index = match found.as_slice() {
            [] => return DeleteOutcome::NotFound,
            [one] => *one,
            many => return DeleteOutcome::Ambiguous(many.len()),
        };
        let Some(call) = self.calls.get_mut(index) else {
            return DeleteOutcome::NotFound;
        };
        if call.do_not_delete {
            return DeleteOutcome::Protected;
        }
        match call.state {
            CallState::Finished => {
                self.calls.remove(index);
                DeleteOutcome::Deleted
            }
            CallState::Ongoing | CallState::Scheduled => {
                if call.marked_for_deletion {
                    DeleteOutcome::AlreadyMarked
                } else {
                    call.marked_for_deletion = true;
                    DeleteOutcome::Marked
                }
            }
        }
    }

    /// The listing of `GET /__emulator/calls`, offsets relative to `now_ms`.
    pub fn list(&self, now_ms: i64) -> Vec<CallView> {
        self.calls
            .iter()
            .map(|c| CallView {
                call_id: c.call_id.clone(),
                platform_call_id: c.platform_call_id.clone(),
                native_id: c.native_id.clone(),
                meeting_id: c.meeting_id.clone(),
                participants: c.participants.clone(),
                state: c.state,
                start_offset_s: ms_to_s(c.start_ms - now_ms),
                end_offset_s: c.end_ms.map(|e| ms_to_s(e - now_ms)),
                do_not_delete: c.do_not_delete,
                marked_for_deletion: c.marked_for_deletion,
            })
            .collect()
    }

    /// Counts one `/verba/api` request, keeps its record among the most recent ones and
    /// returns its number n (1 = the first since the state was loaded) with the fault draw for
    /// n (no fault and no delay without `faults`). A `dropBefore` or `unavailable` draw is
    /// applied at once (recorded and counted); a `dropAfterDelete` draw only once the request
    /// is known to have deleted, with [`Self::apply_fault`].
    pub fn record_request(&mut self, mut record: RequestRecord) -> (u64, Draw) {
        self.request_count = self.request_count.saturating_add(1);
        let n = self.request_count;
        let draw = self.faults.map(|f| f.draw(n)).unwrap_or_default();
        record.n = n;
        if self.faults.is_some_and(|f| f.delay_ms.is_some()) {
            record.delay_ms = Some(draw.delay_ms);
        }
        let at_once = draw.fault.filter(|f| *f != Fault::DropAfterDelete);
        record.fault = at_once;
        self.fault_counts.count(at_once, draw.delay_ms);
        if self.recent.len() >= RECENT_REQUESTS {
            self.recent.pop_front();
        }
        self.recent.push_back(record);
        (n, draw)
    }

    /// Records that request n got `fault` after all (`dropAfterDelete`, once it deleted).
    pub fn apply_fault(&mut self, n: u64, fault: Fault) {
        self.fault_counts.count(Some(fault), 0);
        if let Some(record) = self.recent.iter_mut().rev().find(|r| r.n == n) {
            record.fault = Some(fault);
        }
    }

    /// The body of `GET /__emulator/requests` (oldest first, newest last).
    pub fn requests(&self) -> RequestsView {
        RequestsView {
            count: self.request_count,
            recent: self.recent.iter().cloned().collect(),
            faults: self.faults.map(|_| self.fault_counts),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000_000;

    fn call(id: u8, state: CallState, start_s: i64, end_s: Option<i64>, who: &[&str]) -> Call {
        Call {
            call_id: format!("00000000-0000-4000-8000-0000000000{id:02x}"),
            platform_call_id: None,
            native_id: None,
            meeting_id: None,
            participants: who.iter().map(|s| s.to_string()).collect(),
            participant_keys: who.iter().map(|s| s.to_string()).collect(),
            state,
            start_ms: NOW + start_s * 1000,
            end_ms: end_s.map(|e| NOW + e * 1000),
            do_not_delete: false,
            marked_for_deletion: false,
        }
    }

    fn ext(n: &str, ongoing: bool, next: bool, last: bool) -> Selector {
        Selector::Extension {
            participant: n.to_string(),
            statuses: Statuses {
                ongoing,
                next,
                last,
            },
        }
    }

    #[test]
    fn last_picks_only_the_latest_end_and_next_the_earliest_start() {
        let store = Store::new(
            vec![],
            vec![
                call(1, CallState::Finished, -600, Some(-500), &["1"]),
                call(2, CallState::Finished, -400, Some(-300), &["1"]),
                call(3, CallState::Scheduled, 20, None, &["1"]),
                call(4, CallState::Scheduled, 40, None, &["1"]),
                call(5, CallState::Scheduled, 120, None, &["1"]),
                call(6, CallState::Ongoing, -60, None, &["1"]),
            ],
            0,
        );
        assert_eq!(store.find(&ext("1", false, false, true), NOW), vec![1]);
        assert_eq!(store.find(&ext("1", false, true, false), NOW), vec![2]);
        assert_eq!(store.find(&ext("1", true, false, false), NOW), vec![5]);
        assert_eq!(store.find(&ext("1", true, true, true), NOW), vec![1, 2, 5]);
        assert!(store.find(&ext("2", true, true, true), NOW).is_empty());
    }

    #[test]
    fn deleting_touches_only_the_match() {
        let mut store = Store::new(
            vec![],
            vec![
                call(1, CallState::Finished, -600, Some(-500), &["1"]),
                call(2, CallState::Ongoing, -60, None, &["1"]),
            ],
            0,
        );
        let sel = ext("1", true, false, false);
        assert_eq!(store.delete(&sel, NOW), DeleteOutcome::Marked);
        assert_eq!(store.delete(&sel, NOW), DeleteOutcome::AlreadyMarked);
        assert_eq!(store.call_count(), 2);
        let sel = ext("1", false, false, true);
        assert_eq!(store.delete(&sel, NOW), DeleteOutcome::Deleted);
        assert_eq!(store.delete(&sel, NOW), DeleteOutcome::NotFound);
        assert_eq!(store.call_count(), 1);
    }

    #[test]
    fn issued_tokens_are_bounded_per_key_and_expire() {
        let key = ApiKey {
            key: "k".to_string(),
            requires_token: true,
            tokens: vec![Token {
                value: "fixture".to_string(),
                expires_ms: None,
                issued: false,
            }],
        };
        let user = User {
            user_name: "u".to_string(),
            password: "p".to_string(),
            roles: REQUIRED_ROLES.iter().map(|r| r.to_string()).collect(),
        };
        let mut store = Store::new(vec![key], vec![], 0).with_users(vec![user], 1000);
        let issue = |store: &mut Store, now| store.issue_token(Some("k"), Ok(("u", "p")), now);
        let first = issue(&mut store, NOW).map(|t| t.token);
        assert!(first.is_ok());
        for _ in 0..MAX_ISSUED_TOKENS_PER_KEY {
            assert!(issue(&mut store, NOW).is_ok());
        }
        assert_eq!(store.keys[0].tokens.len(), MAX_ISSUED_TOKENS_PER_KEY + 1);
        let first = first.unwrap_or_default();
        assert_eq!(
            store.authenticate(Some("k"), Some(&first), NOW),
            Err(AuthFailure::UnknownToken)
        );
        assert!(store.authenticate(Some("k"), Some("fixture"), NOW).is_ok());
        // Once they have expired, the next request drops them all.
        assert!(issue(&mut store, NOW + 1000).is_ok());
        assert_eq!(store.keys[0].tokens.len(), 2);
        assert_eq!(
            issue(&mut store, NOW).map(|_| ()),
            Ok(()),
            "the same user again"
        );
        assert_eq!(
            store.issue_token(Some("k"), Ok(("u", "P")), NOW),
            Err(TokenRefusal::BadCredentials)
        );
    }

    #[test]
    fn listing_offsets_are_relative_to_the_listing_time() {
        let store = Store::new(
            vec![],
            vec![call(1, CallState::Finished, -600, Some(-500), &["1"])],
            0,
        );
        let view = store.list(NOW + 10_000);
        assert_eq!(view[0].start_offset_s, -610);
        assert_eq!(view[0].end_offset_s, Some(-510));
    }
}
