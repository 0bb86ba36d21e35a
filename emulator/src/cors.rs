//! CORS, so that a page served from another origin (a dev server on another loopback port, the
//! browser tests) can call the emulator and read every reply.
//!
//! The layer wraps the whole router, so API replies, admin routes, static files and 404s all
//! carry `Access-Control-Allow-Origin` for an allowed origin. Preflight (`OPTIONS`) is answered
//! by the layer itself with `GET, POST` and the request headers `content-type`, `accept`,
//! `authorization` (for the vendor's `RequestToken`) and `x-requested-with` (the header
//! verba-api adds to cross-origin requests so that the browser asks before it sends a deletion);
//! replies expose `Retry-After`, which `deleteCalls` honours. A foreign origin gets no
//! `Access-Control-Allow-*` headers, which is how a browser learns it is refused.
//!
//! Allowed origins are a list of [`OriginRule`]s (`--cors-origin`, repeatable):
//! - `loopback` (the default when none is given): `http` or `https` on `localhost`,
//!   `127.0.0.0/8` or `[::1]`, any port or none;
//! - `*`: any origin;
//! - anything else: one exact origin such as `https://portal.example.com:8443`
//!   (scheme and host compared case-insensitively, a trailing `/` ignored).

use axum::http::{HeaderName, HeaderValue, Method, header};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// One `--cors-origin` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OriginRule {
    Loopback,
    Any,
    Exact(String),
}

impl OriginRule {
    /// Parses a `--cors-origin` value.
    pub fn parse(value: &str) -> Result<OriginRule, String> {
        let value = value.trim();
        match value {
            "loopback" => Ok(OriginRule::Loopback),
            "*" => Ok(OriginRule::Any),
            _ => {
                let normalized = value.trim_end_matches('/').to_ascii_lowercase();
                let Some((scheme, rest)) = normalized.split_once("://") else {
                    return Err(format!(
                        "{value:?} is not an origin (scheme://host[:port]), 'loopback' or '*'"
                    ));
                };
                if scheme.is_empty() || rest.is_empty() || rest.contains('/') {
                    return Err(format!(
                        "{value:?} is not an origin (scheme://host[:port], no path)"
                    ));
                }
                Ok(OriginRule::Exact(normalized))
            }
        }
    }

    fn allows(&self, origin: &str) -> bool {
        match self {
            OriginRule::Loopback => is_loopback_origin(origin),
            OriginRule::Any => true,
            OriginRule::Exact(o) => origin.trim_end_matches('/').eq_ignore_ascii_case(o),
        }
    }
}

/// True for `http(s)://` + `localhost` / `127.x.y.z` / `[::1]` + optional `:port`, nothing else.
pub fn is_loopback_origin(origin: &str) -> bool {
    let lower = origin.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"))
    else {
        return false;
    };
    let (host, port) = if let Some(after) = rest.strip_prefix("[::1]") {
        ("[::1]", after)
    } else {
        match rest.find(':') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        }
    };
    let port_ok = match port.strip_prefix(':') {
        None => port.is_empty(),
        Some(p) => {
            !p.is_empty()
                && p.len() <= 5
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| n <= 65_535)
        }
    };
    port_ok && (host == "localhost" || host == "[::1]" || is_ipv4_loopback(host))
}

fn is_ipv4_loopback(host: &str) -> bool {
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets[0] == "127"
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// The CORS layer for a list of rules (an empty list means `loopback`).
pub fn layer(rules: &[OriginRule]) -> CorsLayer {
    let rules: Vec<OriginRule> = if rules.is_empty() {
        vec![OriginRule::Loopback]
    } else {
        rules.to_vec()
    };
    let allow = AllowOrigin::predicate(move |origin: &HeaderValue, _| {
        origin
            .to_str()
            .is_ok_and(|o| rules.iter().any(|rule| rule.allows(o)))
    });
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::AUTHORIZATION,
            HeaderName::from_static("x-requested-with"),
        ])
        // A page reads only CORS-safelisted response headers unless they are exposed: the
        // batch client waits as long as a 503's or 429's `Retry-After` asks.
        .expose_headers([header::RETRY_AFTER])
        .max_age(std::time::Duration::from_secs(600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_origins() {
        for ok in [
            "http://localhost",
            "http://localhost:8080",
            "https://LOCALHOST:1",
            "http://127.0.0.1:65535",
            "http://127.1.2.3",
            "http://[::1]:3000",
            "https://[::1]",
        ] {
            assert!(is_loopback_origin(ok), "{ok}");
        }
        for bad in [
            "null",
            "http://localhost.example.com",
            "http://example.com",
            "http://128.0.0.1",
            "http://127.0.0.1:65536",
            "http://127.0.0.1:",
            "http://127.0.0.256",
            "ftp://localhost",
            "http://localhost:80/path",
            "http://[::2]:80",
            "http://localhost@evil.com",
        ] {
            assert!(!is_loopback_origin(bad), "{bad}");
        }
    }

    #[test]
    fn rules() {
        assert_eq!(OriginRule::parse("loopback"), Ok(OriginRule::Loopback));
        assert_eq!(OriginRule::parse("*"), Ok(OriginRule::Any));
        let exact = OriginRule::parse("https://Portal.example.com/").unwrap_or(OriginRule::Any);
        assert!(exact.allows("https://portal.example.com"));
        assert!(!exact.allows("https://portal.example.com:444"));
        assert!(OriginRule::parse("portal.example.com").is_err());
        assert!(OriginRule::parse("https://x/y").is_err());
    }
}
