//! The TEXT reply: `OK`, or `ERROR <code>: <message>` (the emulator's form; the vendor shows no
//! sample).

use super::{Envelope, parse_code};

/// The envelope of a TEXT reply in one of the two known forms, or `None` for other text.
pub(crate) fn envelope(body: &str) -> Option<Envelope> {
    let text = body.trim();
    if text.eq_ignore_ascii_case("OK") {
        return Some(Envelope::default());
    }
    // "ERROR" in any letter case, then at least one space: a reply that says error is never
    // read as a success.
    let (word, rest) = text.split_at_checked(5)?;
    if !word.eq_ignore_ascii_case("ERROR") || !rest.starts_with([' ', '\t']) {
        return None;
    }
    let (code, message) = match rest.split_once(':') {
        Some((code, message)) => (code, message.trim()),
        None => (rest, ""),
    };
    Some(Envelope {
        code: parse_code(code)?,
        action: None,
        message: (!message.is_empty()).then(|| message.to_owned()),
    })
}
