//! The names of `DeleteCallOptions` and `RequestTokenOptions`, as JavaScript spells them.

/// One option of `DeleteCallOptions` or `RequestTokenOptions` ([`Field::ALL`] and
/// [`Field::REQUEST_TOKEN`] say which belong to which).
///
/// The first nine are the vendor's DeleteCall parameters; the rest configure the client, and the
/// last three are RequestToken's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// `apiKey`: the recorder-issued API key (a GUID). Secret.
    ApiKey,
    /// `token`: the session token from `RequestToken`. Secret.
    Token,
    /// `callID`: the recorder's internal call id (a GUID).
    CallId,
    /// `platformCallID`: the "Platform Call ID" field.
    PlatformCallId,
    /// `nativeID`: the "Technical Call Identifier" field.
    NativeId,
    /// `meetingID`: the Lync/Skype meeting id.
    MeetingId,
    /// `extension`: a number that took part in the call.
    Extension,
    /// `status`: which of the extension's calls (`ongoing`, `next`, `last`).
    Status,
    /// `responseType`: the reply format the recorder is asked for.
    ResponseType,
    /// `baseUrl`: where the recorder's API lives.
    BaseUrl,
    /// `method`: `POST` or `GET`.
    Method,
    /// `timeoutMs`: how long to wait for the answer.
    TimeoutMs,
    /// `signal`: the caller's `AbortSignal`.
    Signal,
    /// `allowInsecureHttp`: opt-in to plain `http:` for non-loopback hosts.
    AllowInsecureHttp,
    /// `corsPreflight`: whether cross-origin requests make the browser ask the recorder first.
    CorsPreflight,
    /// `userName`: the recorder user that requests a token (RequestToken only).
    UserName,
    /// `password`: that user's password (RequestToken only). Secret.
    Password,
    /// `auth`: how the credentials travel, `basic` (an `Authorization` header) or `params`
    /// (RequestToken only).
    Auth,
    /// `credentials`: `{ userName, password }`, or a function that resolves to them
    /// (`createClient` only).
    Credentials,
    /// `concurrency`: how many deletions of a batch are under way at once (`deleteCalls`).
    Concurrency,
    /// `retries`: how many times a batch item is sent again after a failure that allows it.
    Retries,
    /// `onProgress`: the function a batch calls after each settled item.
    OnProgress,
}

impl Field {
    /// Every option of either request: DeleteCall's, then RequestToken's own.
    pub const KNOWN: [Field; 22] = [
        Field::ApiKey,
        Field::Token,
        Field::CallId,
        Field::PlatformCallId,
        Field::NativeId,
        Field::MeetingId,
        Field::Extension,
        Field::Status,
        Field::ResponseType,
        Field::BaseUrl,
        Field::Method,
        Field::TimeoutMs,
        Field::Signal,
        Field::AllowInsecureHttp,
        Field::CorsPreflight,
        Field::UserName,
        Field::Password,
        Field::Auth,
        Field::Credentials,
        Field::Concurrency,
        Field::Retries,
        Field::OnProgress,
    ];

    /// What a batch item that is an object may name: a selector (and `status` with
    /// `extension`).
    pub const ITEM: [Field; 6] = [
        Field::CallId,
        Field::PlatformCallId,
        Field::NativeId,
        Field::MeetingId,
        Field::Extension,
        Field::Status,
    ];

    /// What a batch takes besides its items (`client.deleteCalls`; `deleteCalls` adds
    /// [`Field::CONNECTION`]).
    pub const BATCH: [Field; 4] = [
        Field::Concurrency,
        Field::Retries,
        Field::Signal,
        Field::OnProgress,
    ];

    /// `deleteCall`'s options without the selector: what `deleteCalls` shares among its items.
    pub const CONNECTION: [Field; 8] = [
        Field::ApiKey,
        Field::Token,
        Field::BaseUrl,
        Field::ResponseType,
        Field::Method,
        Field::TimeoutMs,
        Field::AllowInsecureHttp,
        Field::CorsPreflight,
    ];

    /// The options of `createClient`'s config, in the order the documentation lists them.
    pub const CLIENT: [Field; 10] = [
        Field::ApiKey,
        Field::BaseUrl,
        Field::Token,
        Field::Credentials,
        Field::Auth,
        Field::Method,
        Field::ResponseType,
        Field::TimeoutMs,
        Field::AllowInsecureHttp,
        Field::CorsPreflight,
    ];

    /// What each `client.deleteCall` takes: the selector, and the call's own signal and
    /// timeout.
    pub const CALL: [Field; 8] = [
        Field::CallId,
        Field::PlatformCallId,
        Field::NativeId,
        Field::MeetingId,
        Field::Extension,
        Field::Status,
        Field::Signal,
        Field::TimeoutMs,
    ];

    /// The options of `RequestTokenOptions`, in the order the documentation lists them.
    pub const REQUEST_TOKEN: [Field; 10] = [
        Field::ApiKey,
        Field::UserName,
        Field::Password,
        Field::BaseUrl,
        Field::Auth,
        Field::Method,
        Field::ResponseType,
        Field::TimeoutMs,
        Field::Signal,
        Field::AllowInsecureHttp,
    ];

    /// Every option of `DeleteCallOptions`, in the order the documentation lists them.
    pub const ALL: [Field; 15] = [
        Field::ApiKey,
        Field::Token,
        Field::CallId,
        Field::PlatformCallId,
        Field::NativeId,
        Field::MeetingId,
        Field::Extension,
        Field::Status,
        Field::ResponseType,
        Field::BaseUrl,
        Field::Method,
        Field::TimeoutMs,
        Field::Signal,
        Field::AllowInsecureHttp,
        Field::CorsPreflight,
    ];

    /// The five options that say which call to delete; exactly one must be given.
    pub const SELECTORS: [Field; 5] = [
        Field::CallId,
        Field::PlatformCallId,
        Field::NativeId,
        Field::MeetingId,
        Field::Extension,
    ];

    /// The option's name, as JavaScript callers and the vendor spell it.
    pub const fn name(self) -> &'static str {
        match self {
            Field::ApiKey => "apiKey",
            Field::Token => "token",
            Field::CallId => "callID",
            Field::PlatformCallId => "platformCallID",
            Field::NativeId => "nativeID",
            Field::MeetingId => "meetingID",
            Field::Extension => "extension",
            Field::Status => "status",
            Field::ResponseType => "responseType",
            Field::BaseUrl => "baseUrl",
            Field::Method => "method",
            Field::TimeoutMs => "timeoutMs",
            Field::Signal => "signal",
            Field::AllowInsecureHttp => "allowInsecureHttp",
            Field::CorsPreflight => "corsPreflight",
            Field::UserName => "userName",
            Field::Password => "password",
            Field::Auth => "auth",
            Field::Credentials => "credentials",
            Field::Concurrency => "concurrency",
            Field::Retries => "retries",
            Field::OnProgress => "onProgress",
        }
    }

    /// The DeleteCall option with exactly this name (case matters, as in JavaScript).
    pub fn from_name(name: &str) -> Option<Field> {
        Field::from_name_in(&Field::ALL, name)
    }

    /// The option of `table` with exactly this name (case matters, as in JavaScript).
    pub fn from_name_in(table: &[Field], name: &str) -> Option<Field> {
        // A scan of the table: string equality checks the length first, so only a name of the
        // same length is compared; a `match` would compile to more code in the wasm build.
        table.iter().copied().find(|field| field.name() == name)
    }

    /// The DeleteCall option whose name differs from `name` only in letter case: the likely
    /// meaning of a typo such as `callId`.
    pub fn close_to(name: &str) -> Option<Field> {
        Field::close_to_in(&Field::ALL, name)
    }

    /// The option of `table` whose name differs from `name` only in letter case.
    pub fn close_to_in(table: &[Field], name: &str) -> Option<Field> {
        table
            .iter()
            .copied()
            .find(|field| field.name().eq_ignore_ascii_case(name))
    }

    /// Whether the value is a credential that must never be shown.
    pub const fn is_secret(self) -> bool {
        matches!(self, Field::ApiKey | Field::Token | Field::Password)
    }
}

#[cfg(test)]
mod tests {
    use super::Field;

    /// `KNOWN` is written out (a const array cannot be concatenated); it must stay the union of
    /// the tables (DeleteCall's, RequestToken's, createClient's, a call's), each name once.
    #[test]
    fn known_is_every_tables_options_once_each() {
        let mut union: Vec<Field> = Field::ALL.to_vec();
        for table in [
            &Field::REQUEST_TOKEN[..],
            &Field::CLIENT,
            &Field::CALL,
            &Field::BATCH,
        ] {
            for field in table {
                if !union.contains(field) {
                    union.push(*field);
                }
            }
        }
        assert_eq!(Field::KNOWN.to_vec(), union);
    }
}
