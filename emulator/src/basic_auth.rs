//! The `Authorization: Basic base64(userName:password)` header of `RequestToken` (spec
//! section 6), decoded without a dependency.
//!
//! Accepted: the scheme `Basic` in any letter case, one or more spaces, standard base64 (`+`,
//! `/`, padding optional), decoding to UTF-8 with a colon; the user name is what comes before
//! the first colon, the password everything after it (a password may hold colons). Anything else
//! is malformed, which `RequestToken` answers with code 4, like bad credentials.

/// A user name and password from the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub user_name: String,
    pub password: String,
}

/// Decodes a Basic `Authorization` header value; `None` if it is malformed.
pub fn parse(header: &[u8]) -> Option<Credentials> {
    let text = std::str::from_utf8(header).ok()?.trim();
    let (scheme, rest) = text.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("Basic") {
        return None;
    }
    let decoded = decode_base64(rest.trim_start())?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (user_name, password) = decoded.split_once(':')?;
    Some(Credentials {
        user_name: user_name.to_string(),
        password: password.to_string(),
    })
}

/// The header as logs show it: its scheme and `REDACTED` (`Basic REDACTED`), never the
/// credentials.
pub fn redacted(header: &[u8]) -> String {
    let text = String::from_utf8_lossy(header);
    match text.trim().split_once(' ') {
        Some((scheme, _)) => format!("{} REDACTED", crate::redact::sanitize(scheme)),
        None => "REDACTED".to_string(),
    }
}

fn sextet(c: u8) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Standard base64 with optional padding; `None` for any other character or a bad length.
fn decode_base64(input: &str) -> Option<Vec<u8>> {
    let data = input.trim_end_matches('=').as_bytes();
    if input.len() - data.len() > 2 || data.len() % 4 == 1 || data.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    for chunk in data.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= sextet(c)? << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendor_example_decodes() {
        let c = parse(b"Basic bXlhcGl1c2VyOnBhJCR3b3Jk").expect("valid");
        assert_eq!(c.user_name, "myapiuser");
        assert_eq!(c.password, "pa$$word");
        assert_eq!(
            parse(b"basic  YTpiOmM=").map(|c| c.password),
            Some("b:c".into())
        );
    }

    #[test]
    fn malformed_headers_are_refused() {
        for h in [
            &b"Bearer bXlhcGl1c2VyOnBhJCR3b3Jk"[..],
            b"Basic",
            b"Basic !!!",
            b"Basic bm9jb2xvbg==", // "nocolon"
            b"Basic YQ",           // "a", no colon
            b"Basic Y",
            b"\xff",
        ] {
            assert_eq!(parse(h), None, "{h:?}");
        }
        assert_eq!(
            redacted(b"Basic bXlhcGl1c2VyOnBhJCR3b3Jk"),
            "Basic REDACTED"
        );
        assert_eq!(redacted(b"garbage"), "REDACTED");
    }
}
