//! Checking the recorder's base URL and turning it into the API endpoint.
//!
//! The input is an absolute URL; in a browser the binding layer first resolves relative input
//! against the page with the browser's own URL parser.

/// Why a base URL is refused; validation turns it into an issue on `baseUrl`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BaseUrlProblem {
    /// Not a usable URL: the rest of the sentence after "baseUrl ".
    Invalid(&'static str),
    /// Plain `http:` to a host that is not loopback, without `allowInsecureHttp`.
    Insecure,
}

/// The endpoint's path, appended unless the base URL's path already ends with it.
pub(crate) const API_PATH: &str = "/verba/api";

/// Checks `base_url` and returns the endpoint (`<scheme>://<authority><path>/verba/api`).
///
/// Plain `http:` is refused unless the host is loopback (`localhost`, `127.0.0.0/8`, `[::1]`) or
/// `allow_insecure_http` is set, so that keys never cross a network unencrypted by accident.
pub(crate) fn endpoint(
    base_url: &str,
    allow_insecure_http: bool,
) -> Result<String, BaseUrlProblem> {
    let invalid = BaseUrlProblem::Invalid;
    let has_space_or_control = if base_url.is_ascii() {
        base_url.bytes().any(|b| b <= b' ' || b == 0x7f)
    } else {
        base_url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    };
    if has_space_or_control {
        return Err(invalid(
            "must not contain spaces or control characters; give the recorder's address such as https://recorder.example.com.",
        ));
    }
    let Some((scheme, rest)) = base_url
        .split_once(':')
        .and_then(|(scheme, rest)| Some((scheme, rest.strip_prefix("//")?)))
    else {
        return Err(invalid(
            "must be an absolute URL such as https://recorder.example.com.",
        ));
    };
    let secure = if scheme.eq_ignore_ascii_case("https") {
        true
    } else if scheme.eq_ignore_ascii_case("http") {
        false
    } else {
        return Err(invalid(
            "must start with https:// (or http:// for loopback).",
        ));
    };
    let authority_end = rest
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(rest.len());
    let (authority, path_and_more) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err(invalid(
            "must not contain a user name or password; pass credentials as apiKey and token.",
        ));
    }
    if path_and_more.bytes().any(|b| b == b'?' || b == b'#') {
        return Err(invalid(
            "must not contain a query (?…) or fragment (#…); give only the recorder's address and path.",
        ));
    }
    let Some(host) = host_of(authority) else {
        return Err(invalid("has no valid host name."));
    };
    if !secure && !allow_insecure_http && !is_loopback(host) {
        return Err(BaseUrlProblem::Insecure);
    }
    let path = path_and_more.trim_end_matches('/');
    let mut endpoint = String::with_capacity(base_url.len() + API_PATH.len());
    endpoint.push_str(if secure { "https://" } else { "http://" });
    endpoint.push_str(authority);
    endpoint.push_str(path);
    if !path.ends_with(API_PATH) {
        endpoint.push_str(API_PATH);
    }
    Ok(endpoint)
}

/// The host of an authority (`host`, `host:port`, `[v6]:port`), if well formed.
fn host_of(authority: &str) -> Option<&str> {
    let (host, port) = if let Some(bracketed) = authority.strip_prefix('[') {
        let (inside, after) = bracketed.split_once(']')?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        (&authority[..inside.len() + 2], port)
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port_ok = port.is_none_or(|port| decimal_at_most(port, u16::MAX.into()));
    (!host.is_empty() && port_ok).then_some(host)
}

/// Whether `host` names this machine: `localhost`, an IPv4 address in `127.0.0.0/8`, or `[::1]`.
pub(crate) fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    // `127.` and then exactly three octets.
    let mut octets = 0;
    host.strip_prefix("127.").is_some_and(|rest| {
        rest.split('.').all(|octet| {
            octets += 1;
            octet.len() <= 3 && decimal_at_most(octet, u8::MAX.into())
        }) && octets == 3
    })
}

/// Whether `digits` is a non-empty run of ASCII digits whose value is at most `max` (leading
/// zeros allowed), as `str::parse` of the unsigned type `max` belongs to would accept it. One
/// loop instead of a `FromStr` instance per integer type in the wasm build.
fn decimal_at_most(digits: &str, max: u32) -> bool {
    let mut value: u32 = 0;
    !digits.is_empty()
        && digits.bytes().all(|b| {
            value = value
                .saturating_mul(10)
                .saturating_add(u32::from(b.wrapping_sub(b'0')));
            b.is_ascii_digit() && value <= max
        })
}

#[cfg(test)]
mod tests {
    use super::{API_PATH, is_loopback};

    #[test]
    fn the_api_path_is_verba_api() {
        assert_eq!(API_PATH, "/verba/api");
    }

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "LOCALHOST",
            "LocalHost",
            "127.0.0.1",
            "127.0.0.0",
            "127.1.2.3",
            "127.255.255.255",
            "[::1]",
        ] {
            assert!(is_loopback(host), "{host} is loopback");
        }
        for host in [
            "",
            "example.com",
            "localhost.example.com",
            "mylocalhost",
            "128.0.0.1",
            "126.255.255.255",
            "10.0.0.1",
            "0.0.0.0",
            "127.0.0",
            "127.0.0.1.2",
            "127.0.0.",
            "127..0.1",
            "127.0.0.256",
            "127.0.0.1000",
            "127.+0.0.1",
            "127.0.0.+1",
            "127.0.0.-1",
            "0x7f.0.0.1",
            "127.0.0.1.nip.io",
            "[::2]",
            "[::]",
            "[::1]:80",
        ] {
            assert!(!is_loopback(host), "{host:?} is not loopback");
        }
    }
}
