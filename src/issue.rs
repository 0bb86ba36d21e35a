//! One problem found in the options, in a form a portal can show as is.

use serde::Serialize;

use crate::field::Field;

/// What kind of problem a [`ValidationIssue`] is; the `code` JavaScript sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueCode {
    /// A mandatory option is missing.
    Required,
    /// None of callID, platformCallID, nativeID, meetingID, extension is given.
    MissingSelector,
    /// More than one selector is given.
    ConflictingSelectors,
    /// `extension` without `status`.
    ExtensionRequiresStatus,
    /// `status` without `extension`.
    StatusWithoutExtension,
    /// Not a GUID.
    InvalidGuid,
    /// Not a valid token.
    InvalidToken,
    /// Not a phone number, extension or `sip:`/`tel:` URI.
    InvalidExtension,
    /// Not a valid `status` list.
    InvalidStatus,
    /// A value outside what the option accepts.
    InvalidValue,
    /// Not one of `XML`, `JSON`, `TEXT`, `HTML`.
    InvalidResponseType,
    /// Not `POST` or `GET`.
    InvalidMethod,
    /// Not a usable base URL.
    InvalidBaseUrl,
    /// Plain `http:` to a host that is not loopback, without `allowInsecureHttp`.
    InsecureUrl,
    /// The GET request would exceed 4,000 characters.
    UrlTooLong,
    /// A name that is no option (often a typo such as `callId`).
    UnknownOption,
    /// A value of the wrong JavaScript type.
    InvalidType,
}

impl IssueCode {
    /// Every code.
    pub const ALL: [IssueCode; 17] = [
        IssueCode::Required,
        IssueCode::MissingSelector,
        IssueCode::ConflictingSelectors,
        IssueCode::ExtensionRequiresStatus,
        IssueCode::StatusWithoutExtension,
        IssueCode::InvalidGuid,
        IssueCode::InvalidToken,
        IssueCode::InvalidExtension,
        IssueCode::InvalidStatus,
        IssueCode::InvalidValue,
        IssueCode::InvalidResponseType,
        IssueCode::InvalidMethod,
        IssueCode::InvalidBaseUrl,
        IssueCode::InsecureUrl,
        IssueCode::UrlTooLong,
        IssueCode::UnknownOption,
        IssueCode::InvalidType,
    ];

    /// The code as JavaScript sees it.
    pub const fn as_str(self) -> &'static str {
        match self {
            IssueCode::Required => "required",
            IssueCode::MissingSelector => "missing_selector",
            IssueCode::ConflictingSelectors => "conflicting_selectors",
            IssueCode::ExtensionRequiresStatus => "extension_requires_status",
            IssueCode::StatusWithoutExtension => "status_without_extension",
            IssueCode::InvalidGuid => "invalid_guid",
            IssueCode::InvalidToken => "invalid_token",
            IssueCode::InvalidExtension => "invalid_extension",
            IssueCode::InvalidStatus => "invalid_status",
            IssueCode::InvalidValue => "invalid_value",
            IssueCode::InvalidResponseType => "invalid_response_type",
            IssueCode::InvalidMethod => "invalid_method",
            IssueCode::InvalidBaseUrl => "invalid_base_url",
            IssueCode::InsecureUrl => "insecure_url",
            IssueCode::UrlTooLong => "url_too_long",
            IssueCode::UnknownOption => "unknown_option",
            IssueCode::InvalidType => "invalid_type",
        }
    }
}

serialize_as_str!(IssueCode);

/// One problem with one option: the JavaScript `ValidationIssue`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ValidationIssue {
    /// The option's name (`"callID"`); `"selector"` for [`IssueCode::MissingSelector`]; the
    /// name as given for [`IssueCode::UnknownOption`].
    pub field: String,
    /// What kind of problem.
    pub code: IssueCode,
    /// A sentence that names the option and the fix. Never contains a secret value.
    pub message: String,
}

impl ValidationIssue {
    /// An issue on a known option; `parts` are joined into the message.
    pub(crate) fn new(field: Field, code: IssueCode, parts: &[&str]) -> Self {
        Self::named(field.name(), code, parts)
    }

    /// An issue under any field name.
    pub(crate) fn named(field: &str, code: IssueCode, parts: &[&str]) -> Self {
        ValidationIssue {
            field: field.to_owned(),
            code,
            message: parts.concat(),
        }
    }
}
