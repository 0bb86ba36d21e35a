//! What the reply targets share: how a fuzz input becomes an HTTP status and a body, and the
//! properties every outcome must have. Each target includes this file with `mod common;`.
#![allow(dead_code)]

use verba_api::{DeleteCallResult, ResponseType, VerbaError, parse_delete_call_response};

/// Statuses worth reaching often: successes, redirects, the proxy pages and the edges.
const STATUSES: [u16; 16] = [
    200, 201, 204, 299, 300, 301, 400, 401, 403, 404, 429, 500, 502, 503, 504, 599,
];

/// The HTTP status (from the first byte: one of [`STATUSES`] for most values, else any `u16`
/// from the next two) and the body (the rest, as UTF-8 with invalid bytes replaced: JavaScript
/// hands the library a decoded string).
pub fn status_and_body(data: &[u8]) -> (u16, String) {
    let Some((&first, rest)) = data.split_first() else {
        return (200, String::new());
    };
    let (status, rest) = match (usize::from(first), rest) {
        (pick, rest) if pick < 240 => (STATUSES[pick % STATUSES.len()], rest),
        (_, [high, low, rest @ ..]) => (u16::from_be_bytes([*high, *low]), rest),
        (_, rest) => (200, rest),
    };
    (status, String::from_utf8_lossy(rest).into_owned())
}

/// Everything an outcome shows: an error's message, or a success's message and `raw`.
pub fn shown(outcome: &Result<DeleteCallResult, VerbaError>) -> String {
    match outcome {
        Ok(result) => [
            result.message.as_deref().unwrap_or(""),
            "\n",
            result.raw.as_deref().unwrap_or(""),
        ]
        .concat(),
        Err(error) => error.to_string(),
    }
}

/// What the library may add to a reply's text in a message: its own wording.
const WORDING: usize = 1024;

/// A DeleteCall reply: never a panic (libFuzzer reports one), a success only with the fields a
/// success has (and, for HTML, a 2xx status), and what is shown bounded by the body's length.
pub fn check_delete_call_reply(data: &[u8], response_type: ResponseType) {
    let (status, body) = status_and_body(data);
    let outcome = parse_delete_call_response(&body, response_type, status);
    if let Ok(result) = &outcome {
        assert!(result.ok && result.code == 0 && result.action == "DeleteCall");
        assert_eq!(result.http_status, status);
        assert_eq!(result.response_type, response_type);
        // A reply with an API code speaks for itself (code 0 with HTTP 500 is a success); an
        // HTML page has none, so only its status can make it one.
        assert!(
            response_type != ResponseType::Html || (200..300).contains(&status),
            "an HTML success with HTTP {status}: {body:?}"
        );
        let has_raw = matches!(response_type, ResponseType::Text | ResponseType::Html);
        assert_eq!(result.raw.is_some(), has_raw);
        if let Some(raw) = &result.raw {
            assert_eq!(
                raw, &body,
                "raw is the body as received (no secrets to scrub)"
            );
        }
    }
    let shown = shown(&outcome);
    assert!(
        shown.len() <= 2 * body.len() + WORDING,
        "{} bytes shown for a body of {}",
        shown.len(),
        body.len()
    );
    if let Err(error) = &outcome {
        // The error's Display and its code agree, and both are computed without a panic.
        let _ = error.code().as_str();
        assert!(!error.to_string().is_empty());
    }
}
