//! The TEXT reply: `OK`, or `ERROR <code>: <message>` (the emulator's form; the vendor shows no
//! sample). A reply whose first word is `ERROR` is never a success, whatever follows it.

use super::{Envelope, is_bom_or_whitespace, parse_code};

/// The envelope of a TEXT reply that says `OK` or `ERROR`, or `None` for other text.
pub(crate) fn envelope(body: &str) -> Option<Result<Envelope, &'static str>> {
    let text = body.trim_matches(is_bom_or_whitespace);
    if text.eq_ignore_ascii_case("OK") {
        return Some(Ok(Envelope::success()));
    }
    // "ERROR" in any letter case as the first word: followed by the end, or by anything but an
    // ASCII letter or digit ("ERRORS" is another word; "ERROR:", "ERROR\n" are not).
    let rest = text.get(5..)?;
    if !text.get(..5)?.eq_ignore_ascii_case("ERROR")
        || rest
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    // The known form: spaces or tabs, an integer, then `:` and the message, or the end.
    let known = rest.strip_prefix(is_blank).and_then(|after| {
        let (code, message) = after.split_once(':').unwrap_or((after, ""));
        let code = code.trim_matches(is_blank);
        // Only spaces and tabs around the code (`parse_code` would also take line ends).
        (code.trim().len() == code.len()).then_some(())?;
        Some((parse_code(code)?, message))
    });
    let (code, message) = match known {
        // ERROR with the code of success contradicts itself: whether the recorder deleted the
        // call cannot be told, so the reply is unreadable (PARSE) rather than a refusal
        // (API_ERROR), which would say nothing was deleted; and apiCode 0 stays "success"
        // wherever a caller meets it.
        Some((0, _)) => return Some(Err("the TEXT reply says ERROR with code 0 (success).")),
        Some((code, message)) => (Some(code), message),
        // Without a readable code the reply still says ERROR: an API error without a code, the
        // server's message being all that follows the word.
        None => (
            None,
            rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace()),
        ),
    };
    let message = message.trim();
    Some(Ok(Envelope {
        code,
        action: None,
        message: (!message.is_empty()).then(|| message.to_owned()),
    }))
}

/// A space or a tab, the separators of the known form.
fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t')
}
