//! Keeping secrets and hostile input out of logs and messages.
//!
//! Secrets (spec section 5): the values of `apiKey`, `token` and `password` (parameter names
//! compared case-insensitively, so `Password` or `apikey` are caught too) are shown as their
//! first four characters plus `…REDACTED`, or as `REDACTED` alone when the value is shorter than
//! [`MIN_LEN_FOR_PREFIX`] characters (showing four characters of a short secret gives too much of
//! it away). Every other value is sanitized: control characters escaped, length capped, so that
//! a request cannot forge or flood log lines. A password is always shown as `REDACTED` alone,
//! and an `Authorization` header as its scheme and `REDACTED` (`Basic REDACTED`, see
//! [`crate::basic_auth::redacted`]).

/// Below this many characters a secret is shown as `REDACTED` without any prefix.
pub const MIN_LEN_FOR_PREFIX: usize = 12;

/// Longest value shown in a log line or echoed in a message.
pub const MAX_SHOWN_CHARS: usize = 64;

/// True for the parameter names whose values are secrets.
pub fn is_secret(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(lower.as_str(), "apikey" | "token" | "password")
}

/// The redacted form of a secret value.
pub fn redact(value: &str) -> String {
    if value.chars().count() < MIN_LEN_FOR_PREFIX {
        "REDACTED".to_string()
    } else {
        let prefix: String = value.chars().take(4).collect();
        // The prefix itself may hold control characters; sanitize it like any value.
        format!("{}…REDACTED", sanitize(&prefix))
    }
}

/// Escapes control characters (as `\u{..}`) and caps the length (with `…`), for logs and for
/// values echoed in API messages.
pub fn sanitize(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i >= MAX_SHOWN_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

/// A parameter value as it may be shown: redacted when secret, sanitized otherwise. A password
/// is always `REDACTED` alone, whatever its length: a key's or token's prefix helps tell them
/// apart when debugging, a password's helps only a guesser.
pub fn shown_value(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("password") {
        "REDACTED".to_string()
    } else if is_secret(name) {
        redact(value)
    } else {
        sanitize(value)
    }
}

/// Formats parameters for a log line: `name=value` pairs separated by spaces, secrets redacted.
pub fn format_params<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .into_iter()
        .map(|(k, v)| format!("{}={}", sanitize(k), shown_value(k, v)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted() {
        let key = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
        let line = format_params([("apiKey", key), ("Token", "short"), ("callID", "abc")]);
        assert_eq!(line, "apiKey=74c8…REDACTED Token=REDACTED callID=abc");
        assert!(!line.contains(key));
        assert_eq!(redact("12345678901"), "REDACTED");
        assert_eq!(redact("123456789012"), "1234…REDACTED");
        let line = format_params([("PassWord", "a-long-password-here")]);
        assert_eq!(line, "PassWord=REDACTED");
    }

    #[test]
    fn values_are_sanitized() {
        assert_eq!(sanitize("a\nb"), "a\\u{a}b");
        assert_eq!(
            sanitize(&"x".repeat(100)).chars().count(),
            MAX_SHOWN_CHARS + 1
        );
    }
}
