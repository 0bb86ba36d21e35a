//! Normalization of the identifiers the emulator compares: GUIDs (`callID`, API keys) and phone
//! numbers / extensions / SIP and tel URIs (`extension`, call participants).
//!
//! Both the request parameters and the fixture go through the same functions, so that a fixture
//! written as `"+36 1 234 5678"` matches a request for `+3612345678`. These rules are written from
//! the project spec (`delete-call.md`, section 3), independently of the client library, so that the
//! two can disagree and a test catches the side that is wrong.

/// Longest opaque value (token, platformCallID, nativeID, meetingID, URI) the emulator accepts.
pub const MAX_OPAQUE_LEN: usize = 256;

/// Most digits (plus `*` and `#`) an extension may have after normalization (spec, section 3).
pub const MAX_NUMBER_DIGITS: usize = 32;

/// Normalizes a GUID: 8-4-4-4-12 hex digits, case-insensitive, optionally wrapped in one pair of
/// braces. Returns the lower-case form without braces, or `None` if the value is not a GUID.
pub fn guid(input: &str) -> Option<String> {
    let inner = match (input.strip_prefix('{'), input.ends_with('}')) {
        (Some(rest), true) => rest.strip_suffix('}')?,
        (None, false) => input,
        // One brace without its partner is malformed, not "tolerated".
        _ => return None,
    };
    let groups: Vec<&str> = inner.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    if groups.len() != lengths.len() {
        return None;
    }
    for (group, len) in groups.iter().zip(lengths) {
        if group.len() != len || !group.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
    }
    Some(inner.to_ascii_lowercase())
}

/// Normalizes an API key for comparison. Keys in the vendor's product are GUIDs, so they compare
/// like GUIDs (case-insensitive, braces ignored); keys in a fixture may be any string, which is
/// then compared the same lenient way (braces stripped, ASCII case folded).
pub fn api_key(input: &str) -> String {
    guid(input).unwrap_or_else(|| {
        let trimmed = input
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
            .unwrap_or(input);
        trimmed.to_ascii_lowercase()
    })
}

/// Normalizes a participant address: a phone number / extension, or a `sip:` / `tel:` URI.
///
/// - Numbers: an optional leading `+`, then digits, `*` or `#`; spaces, `-`, `.`, `(`, `)` are
///   accepted anywhere and removed; 1..=32 characters remain after the `+`.
/// - URIs (`sip:` or `tel:`, scheme case-insensitive): kept as given, but lower-cased, because the
///   emulator compares them case-insensitively; no whitespace or control characters, at most 256
///   characters. A `tel:` URI is *not* converted to a bare number: the spec says URIs are taken
///   as given, so `tel:+3612345678` and `+3612345678` are different participants.
///
/// Returns a human-readable reason when the value is malformed (it never contains the value).
pub fn participant(input: &str) -> Result<String, String> {
    let lower = input.to_ascii_lowercase();
    if lower.starts_with("sip:") || lower.starts_with("tel:") {
        if input.len() > MAX_OPAQUE_LEN {
            return Err(format!(
                "a URI may have at most {MAX_OPAQUE_LEN} characters"
            ));
        }
        if input.len() <= 4 {
            return Err("the URI has nothing after its scheme".to_string());
        }
        if input.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("a URI may not contain whitespace or control characters".to_string());
        }
        return Ok(lower);
    }

    let mut out = String::new();
    for c in input.chars() {
        match c {
            ' ' | '-' | '.' | '(' | ')' => {}
            // Separators may precede the '+' ("  +36 ..."), digits may not.
            '+' if out.is_empty() => out.push('+'),
            '0'..='9' | '*' | '#' => out.push(c),
            '+' => return Err("'+' is allowed only at the start of a number".to_string()),
            _ => {
                return Err(
                    "a number may contain only digits, '*', '#', a leading '+', and the \
                     separators space - . ( ); or use a sip:/tel: URI"
                        .to_string(),
                );
            }
        }
    }
    let digits = out.trim_start_matches('+').len();
    if digits == 0 {
        return Err("the number has no digits".to_string());
    }
    if digits > MAX_NUMBER_DIGITS {
        return Err(format!(
            "a number may have at most {MAX_NUMBER_DIGITS} digits"
        ));
    }
    Ok(out)
}

/// Checks an opaque identifier (`platformCallID`, `nativeID`, `meetingID`): 1..=256 characters,
/// no control characters, no leading or trailing whitespace. Such values compare exactly.
pub fn opaque(input: &str) -> Result<(), String> {
    if input.is_empty() {
        return Err("is empty".to_string());
    }
    if input.chars().count() > MAX_OPAQUE_LEN {
        return Err(format!("is longer than {MAX_OPAQUE_LEN} characters"));
    }
    if input.chars().any(char::is_control) {
        return Err("contains control characters".to_string());
    }
    if input.trim() != input {
        return Err("has leading or trailing whitespace".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_accepts_braces_and_case() {
        let want = Some("a8343631-9f35-4a3a-83f0-9e81592339fb".to_string());
        assert_eq!(guid("a8343631-9f35-4a3a-83f0-9e81592339fb"), want);
        assert_eq!(guid("{A8343631-9F35-4A3A-83F0-9E81592339FB}"), want);
    }

    #[test]
    fn guid_rejects_malformed() {
        for bad in [
            "",
            "{a8343631-9f35-4a3a-83f0-9e81592339fb",
            "a8343631-9f35-4a3a-83f0-9e81592339fb}",
            "a8343631-9f35-4a3a-83f0-9e81592339f",
            "a8343631-9f35-4a3a-83f0-9e81592339fbb",
            "a8343631_9f35-4a3a-83f0-9e81592339fb",
            "g8343631-9f35-4a3a-83f0-9e81592339fb",
            "a83436319f354a3a83f09e81592339fb",
            "{{a8343631-9f35-4a3a-83f0-9e81592339fb}}",
        ] {
            assert_eq!(guid(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn participant_numbers_are_normalized() {
        assert_eq!(
            participant("+36 (1) 234-56.78").as_deref(),
            Ok("+3612345678")
        );
        assert_eq!(participant("8856").as_deref(), Ok("8856"));
        assert_eq!(participant("*88#").as_deref(), Ok("*88#"));
        assert_eq!(participant(" + 36 1").as_deref(), Ok("+361"));
    }

    #[test]
    fn participant_rejects_malformed_numbers() {
        for bad in [
            "",
            "   ",
            "+",
            "12+3",
            "++1",
            "88a6",
            "1".repeat(33).as_str(),
            "8856\n",
        ] {
            assert!(participant(bad).is_err(), "{bad:?}");
        }
        assert!(participant(&"1".repeat(32)).is_ok());
    }

    #[test]
    fn participant_uris_are_kept_but_case_folded() {
        assert_eq!(
            participant("SIP:Anna.Kovacs@Example.com").as_deref(),
            Ok("sip:anna.kovacs@example.com")
        );
        assert_eq!(
            participant("tel:+3612345678").as_deref(),
            Ok("tel:+3612345678")
        );
        assert!(participant("sip:").is_err());
        assert!(participant("sip:a b@example.com").is_err());
    }

    #[test]
    fn opaque_rules() {
        assert!(opaque("TRS26140192").is_ok());
        assert!(opaque("").is_err());
        assert!(opaque(" x").is_err());
        assert!(opaque("x\u{7}").is_err());
        assert!(opaque(&"x".repeat(257)).is_err());
    }

    #[test]
    fn api_keys_compare_like_guids() {
        assert_eq!(
            api_key("{74C8EEA0-50C6-40B2-9F3E-252ED501C3C8}"),
            "74c8eea0-50c6-40b2-9f3e-252ed501c3c8"
        );
        assert_eq!(api_key("Test-Key"), "test-key");
    }
}
