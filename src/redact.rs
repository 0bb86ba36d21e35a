//! Keeping credentials out of everything shown: previews, errors, logs.

/// Shown instead of a secret.
pub const REDACTED: &str = "REDACTED";

/// The shown form of a secret: its first four characters and `…REDACTED` when it is long enough
/// that four characters give nothing away (16 or more), else `REDACTED` alone.
pub fn redact(secret: &str) -> String {
    let mut shown = String::new();
    if secret.chars().count() >= 16 {
        shown.extend(secret.chars().take(4));
        shown.push('…');
    }
    shown.push_str(REDACTED);
    shown
}

/// `text` with every occurrence of each secret, as given or form-encoded, replaced by its
/// redacted form.
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut clean = text.to_owned();
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        let encoded = crate::encode::form_encode(secret);
        for form in [*secret, encoded.as_str()] {
            if clean.contains(form) {
                clean = clean.replace(form, &redact(secret));
            }
        }
    }
    clean
}
