//! The TEXT reply: `OK`, or `ERROR <code>: <message>` (the emulator's form; the vendor shows no
//! sample). A reply whose first word is `ERROR` is never a success, whatever follows it.

use super::{Envelope, parse_code, trim_bom};

/// The envelope of a TEXT reply that says `OK` or `ERROR`, or `None` for other text.
pub(crate) fn envelope(body: &str) -> Option<Result<Envelope, &'static str>> {
    let text = trim_bom(body);
    if text.eq_ignore_ascii_case("OK") {
        return Some(Ok(Envelope {
            code: Some(0),
            action: None,
            message: None,
            token: None,
        }));
    }
    // "ERROR" in any letter case as the first word: followed by the end, or by anything but an
    // ASCII letter or digit ("ERRORS" is another word; "ERROR:", "ERROR\n" are not).
    let (word, rest) = text.split_at_checked(5)?;
    if !word.eq_ignore_ascii_case("ERROR")
        || rest
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
    {
        return None;
    }
    // The known form: spaces or tabs, an integer, then `:` and the message, or the end (only
    // spaces and tabs around the code: `parse_code` would also take line ends).
    let (head, tail) = rest.split_once(':').unwrap_or((rest, ""));
    let known = matches!(head.bytes().next(), Some(b' ' | b'\t'))
        && head
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'+' | b'-' | b'0'..=b'9'));
    let code = known.then(|| parse_code(head)).flatten();
    let message = match code {
        // ERROR with the code of success contradicts itself: whether the recorder deleted the
        // call cannot be told, so the reply is unreadable (PARSE) rather than a refusal
        // (API_ERROR), which would say nothing was deleted; and apiCode 0 stays "success"
        // wherever a caller meets it.
        Some(0) => return Some(Err("the TEXT reply says ERROR with code 0 (success).")),
        Some(_) => tail,
        // Without a readable code the reply still says ERROR: an API error without a code, the
        // server's message being all that follows the word, less a leading `:`.
        None => {
            let rest = rest.trim_start();
            rest.strip_prefix(':').unwrap_or(rest)
        }
    };
    let message = message.trim();
    Some(Ok(Envelope {
        code,
        action: None,
        message: (!message.is_empty()).then(|| message.to_owned()),
        token: None,
    }))
}
