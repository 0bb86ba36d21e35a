//! The rules for each option on its own. Each rule returns `Ok(None)` for an absent option
//! (absent, `undefined`, `null` or `""`), `Ok(Some(normalized))` for a valid one.

use crate::base_url::BaseUrlProblem;
use crate::field::Field;
use crate::issue::{IssueCode, ValidationIssue};
use crate::options::{OptionValue, is_whole};
use crate::params::{HttpMethod, ResponseType, StatusValue};

/// What a rule gives: the normalized value if present and valid.
pub(crate) type Checked<T> = Result<Option<T>, ValidationIssue>;

const MAX_OPAQUE_CHARS: usize = 256;
const MAX_EXTENSION_DIGITS: usize = 32;
/// Larger integers lose precision as JavaScript numbers.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
/// The largest delay `setTimeout` honours.
const MAX_TIMEOUT_MS: f64 = 2_147_483_647.0;

fn wrong_type(field: Field, expected: &str, raw: &OptionValue) -> ValidationIssue {
    ValidationIssue::new(
        field,
        IssueCode::InvalidType,
        &[
            field.name(),
            " must be ",
            expected,
            ", not ",
            raw.type_name(),
            ".",
        ],
    )
}

/// The text of a string option, `None` when absent or empty.
fn text<'r>(field: Field, raw: &'r OptionValue<'_>) -> Checked<&'r str> {
    match raw {
        OptionValue::Absent | OptionValue::Null => Ok(None),
        OptionValue::Text(text) if text.is_empty() => Ok(None),
        OptionValue::Text(text) => Ok(Some(text.as_ref())),
        other => Err(wrong_type(field, "a string", other)),
    }
}

/// The text of an option that also accepts a non-negative integer number (documented for
/// `platformCallID` and `extension`, which are often numeric in portals' data).
fn text_or_integer(field: Field, raw: &OptionValue) -> Checked<String> {
    match raw {
        OptionValue::Number(number) => {
            if is_whole(*number) && *number >= 0.0 && *number <= MAX_SAFE_INTEGER {
                let mut digits = String::new();
                crate::error::push_number(&mut digits, *number as i64);
                Ok(Some(digits))
            } else {
                Err(wrong_type(
                    field,
                    "a string (or a non-negative whole number)",
                    raw,
                ))
            }
        }
        OptionValue::Absent | OptionValue::Null | OptionValue::Text(_) => {
            text(field, raw).map(|text| text.map(str::to_owned))
        }
        other => Err(wrong_type(field, "a string", other)),
    }
}

/// `{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}` or without braces; returns it without braces.
fn guid(text: &str) -> Option<&str> {
    let bare = match text.strip_prefix('{') {
        Some(inner) => inner.strip_suffix('}')?,
        None => text,
    };
    let well_formed = bare.len() == 36
        && bare.bytes().enumerate().all(|(at, byte)| match at {
            8 | 13 | 18 | 23 => byte == b'-',
            _ => byte.is_ascii_hexdigit(),
        });
    well_formed.then_some(bare)
}

fn guid_rule(field: Field, raw: &OptionValue) -> Checked<String> {
    let Some(text) = text(field, raw)? else {
        return Ok(None);
    };
    match guid(text) {
        Some(bare) => Ok(Some(bare.to_owned())),
        None => Err(ValidationIssue::new(
            field,
            IssueCode::InvalidGuid,
            &[
                field.name(),
                " must be a GUID: 32 hexadecimal digits grouped 8-4-4-4-12, such as \
                 a8343631-9f35-4a3a-83f0-9e81592339fb (braces allowed).",
            ],
        )),
    }
}

/// `apiKey`: a GUID.
pub(crate) fn api_key(raw: &OptionValue) -> Checked<String> {
    guid_rule(Field::ApiKey, raw)
}

/// `callID`: a GUID.
pub(crate) fn call_id(raw: &OptionValue) -> Checked<String> {
    guid_rule(Field::CallId, raw)
}

/// `token`: 1 to 256 visible ASCII characters.
pub(crate) fn token(raw: &OptionValue) -> Checked<String> {
    let Some(text) = text(Field::Token, raw)? else {
        return Ok(None);
    };
    if text.len() <= MAX_OPAQUE_CHARS && text.bytes().all(|byte| byte.is_ascii_graphic()) {
        Ok(Some(text.to_owned()))
    } else {
        Err(ValidationIssue::new(
            Field::Token,
            IssueCode::InvalidToken,
            &[
                "token must be 1 to 256 visible ASCII characters without spaces, \
                 as returned by RequestToken.",
            ],
        ))
    }
}

/// `platformCallID`, `nativeID`, `meetingID`: opaque text (`platformCallID` also as a number).
pub(crate) fn opaque_id(field: Field, raw: &OptionValue) -> Checked<String> {
    let text = if field == Field::PlatformCallId {
        text_or_integer(field, raw)?
    } else {
        text(field, raw)?.map(str::to_owned)
    };
    let Some(text) = text else {
        return Ok(None);
    };
    let invalid = |why: &str| {
        Err(ValidationIssue::new(
            field,
            IssueCode::InvalidValue,
            &[field.name(), " ", why],
        ))
    };
    if text.chars().count() > MAX_OPAQUE_CHARS {
        return invalid("must be at most 256 characters long.");
    }
    if text.chars().any(char::is_control) {
        return invalid("must not contain control characters such as line breaks or tabs.");
    }
    if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
        return invalid("must not start or end with spaces; remove them.");
    }
    Ok(Some(text))
}

/// `extension`: a number (separators removed) or a `sip:`/`tel:` URI as given.
pub(crate) fn extension(raw: &OptionValue) -> Checked<String> {
    let Some(text) = text_or_integer(Field::Extension, raw)? else {
        return Ok(None);
    };
    let invalid = |why: &str| {
        Err(ValidationIssue::new(
            Field::Extension,
            IssueCode::InvalidExtension,
            &["extension ", why],
        ))
    };
    let scheme = text.get(..4).unwrap_or("");
    if scheme.eq_ignore_ascii_case("sip:") || scheme.eq_ignore_ascii_case("tel:") {
        let rest = &text[4..];
        if rest.is_empty()
            || text.chars().count() > MAX_OPAQUE_CHARS
            || text.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return invalid(
                "as a URI must be sip: or tel: followed by an address without spaces, at most 256 characters.",
            );
        }
        return Ok(Some(text));
    }
    let mut number = String::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        match c {
            '0'..='9' | '*' | '#' => number.push(c),
            '+' if at == 0 => number.push(c),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => {
                return invalid(
                    "must be a phone number or extension: digits, * and #, an optional leading +, \
                     and optionally spaces, -, ., ( ) as separators; or a sip:/tel: URI.",
                );
            }
        }
    }
    let digits = number.trim_start_matches('+').len();
    if digits == 0 || digits > MAX_EXTENSION_DIGITS {
        return invalid("must have 1 to 32 digits.");
    }
    Ok(Some(number))
}

/// `status`: a comma-separated list (or an array) of `ongoing`, `next`, `last`.
pub(crate) fn status(raw: &OptionValue) -> Checked<Vec<StatusValue>> {
    let items: Vec<&str> = match raw {
        OptionValue::List(values) if values.is_empty() => return Ok(None),
        OptionValue::List(values) => {
            let mut items = Vec::with_capacity(values.len());
            for value in values {
                match value {
                    OptionValue::Text(item) => items.push(item.as_ref()),
                    other => {
                        return Err(wrong_type(Field::Status, "an array of strings", other));
                    }
                }
            }
            items
        }
        OptionValue::Number(_) | OptionValue::Bool(_) | OptionValue::Other(_) => {
            return Err(wrong_type(
                Field::Status,
                "a string such as \"last\" or \"ongoing,next\"",
                raw,
            ));
        }
        _ => match text(Field::Status, raw)? {
            Some(text) => text.split(',').collect(),
            None => return Ok(None),
        },
    };
    let mut statuses = Vec::with_capacity(items.len());
    for item in items {
        let invalid = |why: &str| {
            Err(ValidationIssue::new(
                Field::Status,
                IssueCode::InvalidStatus,
                &["status ", why],
            ))
        };
        match StatusValue::parse(item.trim()) {
            Some(status) if statuses.contains(&status) => {
                return invalid("must not name the same value twice.");
            }
            Some(status) => statuses.push(status),
            None if item.trim().is_empty() => {
                return invalid("must not have empty items; write e.g. \"ongoing,next\".");
            }
            None => {
                return invalid(
                    "must be ongoing, next or last, or several of them separated by commas.",
                );
            }
        }
    }
    Ok(Some(statuses))
}

/// `responseType`: `XML`, `JSON`, `TEXT` or `HTML`, any letter case.
pub(crate) fn response_type(raw: &OptionValue) -> Checked<ResponseType> {
    let Some(text) = text(Field::ResponseType, raw)? else {
        return Ok(None);
    };
    match ResponseType::parse(text) {
        Some(kind) => Ok(Some(kind)),
        None => Err(ValidationIssue::new(
            Field::ResponseType,
            IssueCode::InvalidResponseType,
            &["responseType must be XML, JSON, TEXT or HTML."],
        )),
    }
}

/// `method`: `POST` or `GET`, any letter case.
pub(crate) fn method(raw: &OptionValue) -> Checked<HttpMethod> {
    let Some(text) = text(Field::Method, raw)? else {
        return Ok(None);
    };
    match HttpMethod::parse(text) {
        Some(method) => Ok(Some(method)),
        None => Err(ValidationIssue::new(
            Field::Method,
            IssueCode::InvalidMethod,
            &["method must be POST or GET."],
        )),
    }
}

/// `timeoutMs`: a whole number of milliseconds, 0 for none.
pub(crate) fn timeout_ms(raw: &OptionValue) -> Checked<u32> {
    match raw {
        OptionValue::Absent | OptionValue::Null => Ok(None),
        OptionValue::Number(ms) if is_whole(*ms) && (0.0..=MAX_TIMEOUT_MS).contains(ms) => {
            Ok(Some(*ms as u32))
        }
        OptionValue::Number(_) => Err(ValidationIssue::new(
            Field::TimeoutMs,
            IssueCode::InvalidValue,
            &[
                "timeoutMs must be a whole number of milliseconds from 0 (no timeout) to 2147483647.",
            ],
        )),
        other => Err(wrong_type(Field::TimeoutMs, "a number", other)),
    }
}

/// `allowInsecureHttp` or `corsPreflight`: a boolean.
pub(crate) fn flag(field: Field, raw: &OptionValue) -> Checked<bool> {
    match raw {
        OptionValue::Absent | OptionValue::Null => Ok(None),
        OptionValue::Bool(flag) => Ok(Some(*flag)),
        other => Err(wrong_type(field, "true or false", other)),
    }
}

/// `baseUrl`: an absolute `https:` URL (or loopback `http:`); gives the endpoint.
pub(crate) fn base_url(raw: &OptionValue, allow_insecure_http: bool) -> Checked<String> {
    match text(Field::BaseUrl, raw)? {
        Some(url) => crate::base_url::endpoint(url, allow_insecure_http)
            .map(Some)
            .map_err(|problem| match problem {
                BaseUrlProblem::Invalid(why) => {
                    ValidationIssue::new(Field::BaseUrl, IssueCode::InvalidBaseUrl, &["baseUrl ", why])
                }
                BaseUrlProblem::Insecure => ValidationIssue::new(
                    Field::BaseUrl,
                    IssueCode::InsecureUrl,
                    &[
                        "baseUrl uses plain http:// to a host that is not loopback, which would send the API key unencrypted; use https://, or set allowInsecureHttp: true if the network is trusted.",
                    ],
                ),
            }),
        None => Ok(None),
    }
}

/// `signal`: checked by the browser layer, which alone can tell an `AbortSignal`; here only
/// its presence matters.
pub(crate) fn signal(raw: &OptionValue) -> Checked<()> {
    match raw {
        OptionValue::Absent | OptionValue::Null => Ok(None),
        OptionValue::Other("AbortSignal") => Ok(Some(())),
        other => Err(wrong_type(Field::Signal, "an AbortSignal", other)),
    }
}
