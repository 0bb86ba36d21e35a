//! `parse_request_token_response` on any body, format and HTTP status: never a panic, and a
//! token only when it is 1 to 256 visible ASCII characters, expiring after the send time.
#![no_main]

mod common;

use verba_api::{ResponseType, parse_request_token_response};

const SENT_AT_MS: f64 = 1_800_000_000_000.0;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else {
        return;
    };
    let response_type = match kind % 4 {
        0 => ResponseType::Xml,
        1 => ResponseType::Json,
        2 => ResponseType::Text,
        _ => ResponseType::Html,
    };
    let (status, body) = common::status_and_body(rest);
    match parse_request_token_response(&body, response_type, status, SENT_AT_MS) {
        Ok(info) => {
            assert_ne!(response_type, ResponseType::Html, "HTML is never read");
            assert!(
                (1..=256).contains(&info.token.len())
                    && info.token.bytes().all(|byte| byte.is_ascii_graphic()),
                "token {:?}",
                info.token
            );
            assert!(info.expires_at > SENT_AT_MS);
        }
        Err(error) => {
            let shown = error.to_string();
            assert!(
                shown.len() <= 2 * body.len() + 1024,
                "{} bytes shown for a body of {}",
                shown.len(),
                body.len()
            );
        }
    }
});
