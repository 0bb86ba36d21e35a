//! Keeping credentials out of everything shown: previews, errors, logs.

/// Shown instead of a secret.
pub(crate) const REDACTED: &str = "REDACTED";

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

/// `text` with every occurrence of each secret, as given or form-encoded, in any ASCII letter
/// case (a recorder may echo a GUID in lower case, or percent-encode with lower-case hex),
/// replaced by its redacted form.
pub(crate) fn scrub(text: &str, secrets: &[&str]) -> String {
    let mut clean = text.to_owned();
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        let encoded = crate::encode::form_encode(secret);
        for form in [*secret, encoded.as_str()] {
            if find(&clean, form).is_some() {
                clean = replace_all(&clean, form, &redact(secret));
            }
        }
    }
    clean
}

/// Where `needle` first occurs in `haystack`, ignoring ASCII letter case. Matching bytes keep
/// UTF-8 boundaries: a non-ASCII byte only matches itself.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    (0..=haystack.len().checked_sub(needle.len())?)
        .find(|&at| haystack[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

/// `text` without its end `suffix` (ignoring ASCII letter case), if it ends so.
fn strip_suffix_ignoring_case<'t>(text: &'t str, suffix: &str) -> Option<&'t str> {
    let start = text.len().checked_sub(suffix.len())?;
    let end = text.get(start..)?;
    end.eq_ignore_ascii_case(suffix).then(|| &text[..start])
}

/// `text` with every occurrence of the non-empty `needle` replaced by `with`.
fn replace_all(text: &str, needle: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, needle) {
        out.push_str(&rest[..at]);
        out.push_str(with);
        rest = &rest[at + needle.len()..];
    }
    out.push_str(rest);
    out
}

/// `excerpt`, a text cut short and marked with a trailing `…`, with the beginning of a secret
/// (four characters or more, as given or form-encoded) just before the cut redacted: [`scrub`]
/// only finds whole secrets, and a cut can fall inside one.
pub(crate) fn scrub_cut(excerpt: &str, secrets: &[&str]) -> String {
    let Some(kept) = excerpt.strip_suffix('…') else {
        return excerpt.to_owned();
    };
    for secret in secrets {
        let encoded = crate::encode::form_encode(secret);
        for form in [*secret, encoded.as_str()] {
            // The text before the longest proper prefix of `form` that `kept` ends with.
            let before_cut_prefix = form
                .char_indices()
                .skip(4)
                .filter_map(|(at, _)| form.get(..at))
                .filter_map(|prefix| strip_suffix_ignoring_case(kept, prefix))
                .last();
            if let Some(before) = before_cut_prefix {
                return [before, redact(secret).as_str(), "…"].concat();
            }
        }
    }
    excerpt.to_owned()
}
