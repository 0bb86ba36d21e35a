//! The names of `DeleteCallOptions`, as JavaScript spells them.

/// One option of `DeleteCallOptions`.
///
/// The first nine are the vendor's request parameters; the rest configure the client.
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
}

impl Field {
    /// Every option, in the order the documentation lists them.
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
        }
    }

    /// The option with exactly this name (case matters, as in JavaScript).
    pub fn from_name(name: &str) -> Option<Field> {
        // A scan of the table: string equality checks the length first, so only a name of the
        // same length is compared; a `match` would compile to more code in the wasm build.
        Field::ALL.into_iter().find(|field| field.name() == name)
    }

    /// The option whose name differs from `name` only in letter case: the likely meaning of a
    /// typo such as `callId`.
    pub fn close_to(name: &str) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|field| field.name().eq_ignore_ascii_case(name))
    }

    /// Whether the value is a credential that must never be shown.
    pub const fn is_secret(self) -> bool {
        matches!(self, Field::ApiKey | Field::Token)
    }
}
