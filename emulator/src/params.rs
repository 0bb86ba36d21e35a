//! Request parameters of `/verba/api`: collecting them from the query string and the form body,
//! and validating a DeleteCall request into a [`Selector`].
//!
//! Rules, from the spec (sections 2 and 3) and the project's decisions where it is silent:
//! - names are case-sensitive, as documented; a name that differs from a known one only in case
//!   (`callId`, `apikey`) is a code-1 error naming the right spelling, because silently ignoring
//!   it could drop the selector; other unknown names are ignored, like most web servers do;
//! - a name given twice (in the query and the body, or twice in one of them) is fine with the
//!   same value and a code-1 error with different values (the server would have to guess);
//! - exactly one selector of `callID`, `platformCallID`, `nativeID`, `meetingID`, `extension`:
//!   none or several is code 1, the message naming the ones given;
//! - `status` is mandatory with `extension` and not allowed without it;
//! - `status` items: comma-separated, trimmed, case-insensitive, each `ongoing`, `next` or
//!   `last`; an empty item or an unknown value is code 1; a repeated item is accepted (the
//!   union is the same);
//! - `callID`: a GUID, braces tolerated; `extension`: see [`crate::normalize::participant`];
//!   `platformCallID`, `nativeID`, `meetingID`: 1..=256 characters, no control characters,
//!   no surrounding whitespace, compared exactly.
//!
//! `apiKey` and `token` are not validated here: they are checked against the store afterwards
//! (code 4), and their values never appear in a message.

use crate::normalize;
use crate::redact;
use crate::store::{Selector, Statuses};

/// Every parameter name the emulator knows (DeleteCall's plus RequestToken's).
pub const KNOWN_NAMES: [&str; 12] = [
    "action",
    "apiKey",
    "token",
    "responseType",
    "callID",
    "platformCallID",
    "nativeID",
    "meetingID",
    "extension",
    "status",
    "userName",
    "password",
];

/// The selector parameters, in the order messages list them.
pub const SELECTOR_NAMES: [&str; 5] = [
    "callID",
    "platformCallID",
    "nativeID",
    "meetingID",
    "extension",
];

/// Parses `application/x-www-form-urlencoded` data (a query string or a body) into pairs, in
/// order. `+` is a space and percent-escapes are decoded; invalid UTF-8 becomes U+FFFD.
pub fn parse_pairs(data: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(data).unwrap_or_default()
}

/// The parameters of one request, query and body merged.
#[derive(Debug, Clone, Default)]
pub struct Params {
    values: Vec<(String, String)>,
    conflicts: Vec<String>,
}

impl Params {
    /// Merges query and body pairs (query first). A name seen again with another value is
    /// recorded as a conflict; the first value is kept.
    pub fn merge(query: &[(String, String)], body: &[(String, String)]) -> Params {
        let mut params = Params::default();
        for (name, value) in query.iter().chain(body) {
            match params.values.iter().find(|(n, _)| n == name) {
                Some((_, v)) if v == value => {}
                Some(_) => {
                    if !params.conflicts.contains(name) {
                        params.conflicts.push(name.clone());
                    }
                }
                None => params.values.push((name.clone(), value.clone())),
            }
        }
        params
    }

    /// The value of a parameter, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// True if the parameter was given more than once with different values.
    pub fn conflicts_on(&self, name: &str) -> bool {
        self.conflicts.iter().any(|n| n == name)
    }

    /// Names given more than once with different values.
    pub fn conflicts(&self) -> &[String] {
        &self.conflicts
    }

    /// All names, in first-seen order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.values.iter().map(|(n, _)| n.as_str())
    }
}

/// Shows a request value inside a message: quoted, sanitized, shortened.
pub fn quote(value: &str) -> String {
    format!("'{}'", redact::sanitize(value))
}

/// Checks the parameter names of a DeleteCall request and builds its selector. The error is the
/// code-1 message.
pub fn delete_call_selector(params: &Params) -> Result<Selector, String> {
    check_names(params)?;
    selector(params)
}

/// Refuses a parameter name that differs from a known one only in letter case (code 1); other
/// unknown names are ignored.
pub fn check_names(params: &Params) -> Result<(), String> {
    for name in params.names() {
        if KNOWN_NAMES.contains(&name) {
            continue;
        }
        if let Some(known) = KNOWN_NAMES.iter().find(|k| k.eq_ignore_ascii_case(name)) {
            return Err(format!(
                "Unknown parameter {}: parameter names are case-sensitive; did you mean '{known}'?",
                quote(name)
            ));
        }
    }
    Ok(())
}

fn selector(params: &Params) -> Result<Selector, String> {
    let given: Vec<&str> = SELECTOR_NAMES
        .iter()
        .copied()
        .filter(|n| params.get(n).is_some())
        .collect();
    let status = params.get("status");
    if status.is_some() && !given.contains(&"extension") {
        return Err("The status parameter is only allowed together with extension.".to_string());
    }
    let name = match given.as_slice() {
        [] => {
            return Err(
                "One of callID, platformCallID, nativeID, meetingID or extension is mandatory."
                    .to_string(),
            );
        }
        [one] => *one,
        many => {
            return Err(format!(
                "Exactly one of callID, platformCallID, nativeID, meetingID or extension is \
                 allowed, but {} were given: {}.",
                many.len(),
                many.join(", ")
            ));
        }
    };
    let value = params.get(name).unwrap_or_default();
    if value.is_empty() {
        return Err(format!("The {name} parameter is empty."));
    }

    match name {
        "callID" => normalize::guid(value).map(Selector::CallId).ok_or_else(|| {
            format!(
                "The callID parameter {} is not a GUID (8-4-4-4-12 hex digits).",
                quote(value)
            )
        }),
        "platformCallID" | "nativeID" | "meetingID" => {
            normalize::opaque(value).map_err(|why| format!("The {name} parameter {why}."))?;
            Ok(match name {
                "platformCallID" => Selector::PlatformCallId(value.to_string()),
                "nativeID" => Selector::NativeId(value.to_string()),
                _ => Selector::MeetingId(value.to_string()),
            })
        }
        _ => {
            let participant = normalize::participant(value).map_err(|why| {
                format!(
                    "The extension parameter {} is invalid: {why}.",
                    quote(value)
                )
            })?;
            let Some(status) = status else {
                return Err("The status parameter is mandatory with extension.".to_string());
            };
            let statuses = parse_statuses(status)?;
            Ok(Selector::Extension {
                participant,
                statuses,
            })
        }
    }
}

/// Parses the `status` list.
pub fn parse_statuses(value: &str) -> Result<Statuses, String> {
    let mut statuses = Statuses::default();
    for item in value.split(',') {
        let item = item.trim().to_ascii_lowercase();
        match item.as_str() {
            "ongoing" => statuses.ongoing = true,
            "next" => statuses.next = true,
            "last" => statuses.last = true,
            "" => {
                return Err(format!(
                    "The status parameter {} has an empty item.",
                    quote(value)
                ));
            }
            _ => {
                return Err(format!(
                    "Unknown status {} (expected ongoing, next, last, or a comma-separated \
                     combination).",
                    quote(&item)
                ));
            }
        }
    }
    Ok(statuses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Params::merge(&pairs, &[])
    }

    #[test]
    fn one_selector_is_required() {
        assert!(delete_call_selector(&params(&[])).is_err());
        let e = delete_call_selector(&params(&[
            ("callID", "a8343631-9f35-4a3a-83f0-9e81592339fb"),
            ("nativeID", "x"),
        ]))
        .err()
        .unwrap_or_default();
        assert!(e.contains("callID, nativeID"), "{e}");
    }

    #[test]
    fn status_rules() {
        assert!(delete_call_selector(&params(&[("extension", "8856")])).is_err());
        assert!(delete_call_selector(&params(&[("nativeID", "x"), ("status", "last")])).is_err());
        assert!(parse_statuses("last,").is_err());
        assert!(parse_statuses("first").is_err());
        assert_eq!(
            parse_statuses(" Ongoing , NEXT,next"),
            Ok(Statuses {
                ongoing: true,
                next: true,
                last: false
            })
        );
    }

    #[test]
    fn near_miss_names_are_reported() {
        let e = delete_call_selector(&params(&[("callId", "x")]))
            .err()
            .unwrap_or_default();
        assert!(e.contains("'callID'"), "{e}");
        assert!(delete_call_selector(&params(&[("nativeID", "x"), ("_", "1")])).is_ok());
    }

    #[test]
    fn conflicting_duplicates_are_recorded() {
        let q = vec![("action".to_string(), "DeleteCall".to_string())];
        let b = vec![
            ("action".to_string(), "DeleteCall".to_string()),
            ("callID".to_string(), "1".to_string()),
            ("callID".to_string(), "2".to_string()),
        ];
        let p = Params::merge(&q, &b);
        assert!(!p.conflicts_on("action"));
        assert!(p.conflicts_on("callID"));
    }
}
