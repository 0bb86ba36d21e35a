//! Fault injection on `/verba/api` (issue 11): connections cut before or after a deletion, proxy
//! error pages, slow answers; deterministic from a seed so that a run can be replayed.
//!
//! Fixture key (all fields optional; no `faults` key = no faults):
//!
//! ```json
//! "faults": {"seed": 1, "dropBeforeRate": 0.05, "dropAfterDeleteRate": 0.03,
//!            "unavailableRate": 0.05, "retryAfterS": 1, "delayMs": [0, 30]}
//! ```
//!
//! - `seed`: a whole number 0..=2^64-1 (default 0);
//! - the three rates: probabilities in [0, 1] (default 0), their sum at most 1;
//! - `retryAfterS`: the `Retry-After` of the 503 answers, a whole number of seconds 0..=86400
//!   (default 1);
//! - `delayMs`: `[min, max]`, whole milliseconds, 0 <= min <= max <= 60000: every `/verba/api`
//!   answer (cut connections and 503s included) is held for a time drawn uniformly from
//!   min..=max, on top of the fixture's `responseDelayMs`;
//! - `closeConnections`: `true` or `false`; default `true` when a drop rate is above 0. Every
//!   answer of every route (admin, static files, CORS preflights included) then carries
//!   `Connection: close`, so that each request travels on a connection of its own. Why: when a
//!   kept-alive connection that was already used fails before any reply byte, Chromium resends
//!   the request by itself (POST included, up to twice; it cannot tell a cut from a server that
//!   closed an idle connection), so the page would see the resend's outcome instead of a
//!   network error, and the emulator would count two or three requests for one `fetch`. On a new
//!   connection the cut reaches the page as `TypeError: Failed to fetch`.
//!
//! What each fault does to the request it hits:
//! - `dropBefore`: nothing is done (the store does not change), then the TCP connection is cut
//!   (reset) before any byte of a reply is written;
//! - `dropAfterDelete`: applies only to a `DeleteCall` that succeeds (code 0: deleted, marked,
//!   or already marked): the store changes as usual, then the connection is cut before any reply
//!   byte. Drawn for any other request, it does nothing (the request is answered normally and
//!   recorded without a fault);
//! - `unavailable`: nothing is done; HTTP 503 with `Retry-After: <retryAfterS>`, an HTML page
//!   (as a proxy's error page) and `Cache-Control: no-store`.
//!
//! Determinism: the n-th `/verba/api` request since the state was loaded (n = 1, 2, ..., the
//! number `GET /__emulator/requests` counts) gets its fault and its delay from (seed, n) alone,
//! whatever the timing or concurrency of the requests. The draw is splitmix64 used as a counter
//! generator: `u(k) = mix(seed + k * 0x9E3779B97F4A7C15)` (wrapping), where `mix` is splitmix64's
//! output function; the fault is decided by `u(2n) >> 11` as a fraction of 2^53, compared with
//! the cumulative rates in the order dropBefore, dropAfterDelete, unavailable; the delay is
//! `min + u(2n + 1) % (max - min + 1)`.
//!
//! Cutting a connection: the listener of [`crate::serve`] hands hyper each accepted socket
//! wrapped in a [`CuttableStream`], and every request carries that connection's
//! [`ConnectionCutter`] (as axum `ConnectInfo`). The handler pulls the cutter; from then on
//! every read, write, flush or shutdown of the socket fails, so hyper cannot write a single byte
//! of the answer, gives up the connection and drops the socket, which was switched to
//! `SO_LINGER` 0: the peer gets a TCP reset. The answer the handler returns only carries the
//! log line.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use crate::fixture::FixtureError;

/// Longest fault delay (`delayMs` max).
pub const MAX_FAULT_DELAY_MS: u64 = 60_000;

/// Default `retryAfterS`.
pub const DEFAULT_RETRY_AFTER_S: u64 = 1;

/// Largest `retryAfterS` (a day).
pub const MAX_RETRY_AFTER_S: u64 = 86_400;

/// The fixture's `faults` object as written. Values are kept as JSON so that a wrong type is
/// reported with the key's path, like every other fixture error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FaultsFixture {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop_before_rate: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drop_after_delete_rate: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unavailable_rate: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_s: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub close_connections: Option<Value>,
}

/// A validated fault configuration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Faults {
    pub seed: u64,
    pub drop_before_rate: f64,
    pub drop_after_delete_rate: f64,
    pub unavailable_rate: f64,
    pub retry_after_s: u64,
    /// `[min, max]`, or `None` when the fixture gives no `delayMs`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delay_ms: Option<[u64; 2]>,
    /// Whether every answer (every route) carries `Connection: close`.
    pub close_connections: bool,
}

/// One kind of fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Fault {
    DropBefore,
    DropAfterDelete,
    Unavailable,
}

impl Fault {
    /// The name used in the fixture, the request log and the log line.
    pub fn name(self) -> &'static str {
        match self {
            Fault::DropBefore => "dropBefore",
            Fault::DropAfterDelete => "dropAfterDelete",
            Fault::Unavailable => "unavailable",
        }
    }
}

/// What the draw gives one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Draw {
    pub fault: Option<Fault>,
    /// The fault delay (0 without `delayMs`).
    pub delay_ms: u64,
}

/// Reads a rate: a number in [0, 1].
fn rate(path: &str, value: Option<&Value>) -> Result<f64, FixtureError> {
    let Some(value) = value else { return Ok(0.0) };
    match value.as_f64() {
        Some(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(FixtureError(format!(
            "{path}: a probability, a number from 0 to 1"
        ))),
    }
}

/// Reads a whole number in `0..=max`.
fn whole(path: &str, value: &Value, max: u64) -> Result<u64, FixtureError> {
    match value.as_u64() {
        Some(n) if n <= max => Ok(n),
        _ => Err(FixtureError(format!("{path}: a whole number, 0..={max}"))),
    }
}

impl FaultsFixture {
    /// Validates the object found at `path` (`faults` in a fixture). Every error names the key.
    pub fn validate(&self, path: &str) -> Result<Faults, FixtureError> {
        let seed = match &self.seed {
            None => 0,
            Some(v) => whole(&format!("{path}.seed"), v, u64::MAX)?,
        };
        let drop_before_rate = rate(
            &format!("{path}.dropBeforeRate"),
            self.drop_before_rate.as_ref(),
        )?;
        let drop_after_delete_rate = rate(
            &format!("{path}.dropAfterDeleteRate"),
            self.drop_after_delete_rate.as_ref(),
        )?;
        let unavailable_rate = rate(
            &format!("{path}.unavailableRate"),
            self.unavailable_rate.as_ref(),
        )?;
        // A little slack for sums such as 0.1 + 0.2 + 0.7 that are 1 only on paper.
        if drop_before_rate + drop_after_delete_rate + unavailable_rate > 1.0 + 1e-9 {
            return Err(FixtureError(format!(
                "{path}: dropBeforeRate + dropAfterDeleteRate + unavailableRate must be at most 1"
            )));
        }
        let retry_after_s = match &self.retry_after_s {
            None => DEFAULT_RETRY_AFTER_S,
            Some(v) => whole(&format!("{path}.retryAfterS"), v, MAX_RETRY_AFTER_S)?,
        };
        let delay_ms = match &self.delay_ms {
            None => None,
            Some(v) => {
                let bad = || {
                    FixtureError(format!(
                        "{path}.delayMs: [min, max], whole milliseconds, \
                         0 <= min <= max <= {MAX_FAULT_DELAY_MS}"
                    ))
                };
                let pair = v.as_array().filter(|a| a.len() == 2).ok_or_else(bad)?;
                let min = pair[0].as_u64().ok_or_else(bad)?;
                let max = pair[1].as_u64().ok_or_else(bad)?;
                if min > max || max > MAX_FAULT_DELAY_MS {
                    return Err(bad());
                }
                Some([min, max])
            }
        };
        let close_connections = match &self.close_connections {
            None => drop_before_rate + drop_after_delete_rate > 0.0,
            Some(v) => v
                .as_bool()
                .ok_or_else(|| FixtureError(format!("{path}.closeConnections: true or false")))?,
        };
        Ok(Faults {
            close_connections,
            seed,
            drop_before_rate,
            drop_after_delete_rate,
            unavailable_rate,
            retry_after_s,
            delay_ms,
        })
    }
}

/// splitmix64's increment.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// splitmix64's output function.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The k-th output of splitmix64 seeded with `seed`.
fn nth(seed: u64, k: u64) -> u64 {
    mix(seed.wrapping_add(k.wrapping_mul(GAMMA)))
}

impl Faults {
    /// The fault and delay of the n-th `/verba/api` request (see the module documentation).
    pub fn draw(&self, n: u64) -> Draw {
        let u = (nth(self.seed, n.wrapping_mul(2)) >> 11) as f64 / (1u64 << 53) as f64;
        let mut bound = self.drop_before_rate;
        let fault = if u < bound {
            Some(Fault::DropBefore)
        } else {
            bound += self.drop_after_delete_rate;
            if u < bound {
                Some(Fault::DropAfterDelete)
            } else if u < bound + self.unavailable_rate {
                Some(Fault::Unavailable)
            } else {
                None
            }
        };
        let delay_ms = match self.delay_ms {
            None => 0,
            Some([min, max]) => {
                let r = nth(self.seed, n.wrapping_mul(2).wrapping_add(1));
                min + r % (max - min + 1)
            }
        };
        Draw { fault, delay_ms }
    }
}

/// How many requests got each fault since the state was loaded (`GET /__emulator/requests`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultCounts {
    pub drop_before: u64,
    pub drop_after_delete: u64,
    pub unavailable: u64,
    /// Requests held by a non-zero fault delay.
    pub delayed: u64,
}

impl FaultCounts {
    /// Counts one request's applied fault and delay.
    pub fn count(&mut self, fault: Option<Fault>, delay_ms: u64) {
        let slot = match fault {
            None => None,
            Some(Fault::DropBefore) => Some(&mut self.drop_before),
            Some(Fault::DropAfterDelete) => Some(&mut self.drop_after_delete),
            Some(Fault::Unavailable) => Some(&mut self.unavailable),
        };
        if let Some(slot) = slot {
            *slot = slot.saturating_add(1);
        }
        if delay_ms > 0 {
            self.delayed = self.delayed.saturating_add(1);
        }
    }
}

/// The body of a 503 answer: a proxy's error page.
pub const UNAVAILABLE_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>503 Service \
    Unavailable</title></head>\n<body><h1>503 Service Unavailable</h1>\n<p>The server is \
    temporarily unable to service your request. Please try again later.</p>\n<hr>\
    <address>verba-emulator (fault injection)</address></body></html>\n";

/// The switch that cuts one connection; shared by the socket and the requests it carries.
#[derive(Debug, Clone, Default)]
pub struct ConnectionCutter(Arc<AtomicBool>);

impl ConnectionCutter {
    /// Cuts the connection: every later read, write, flush or shutdown of its socket fails, and
    /// the socket is reset when hyper drops it.
    pub fn cut(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether [`Self::cut`] was called.
    pub fn is_cut(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// An accepted TCP connection that a request can cut (see the module documentation).
#[derive(Debug)]
pub struct CuttableStream {
    inner: TcpStream,
    cutter: ConnectionCutter,
    reset_armed: bool,
}

impl CuttableStream {
    /// Wraps an accepted socket.
    pub fn new(inner: TcpStream) -> Self {
        CuttableStream {
            inner,
            cutter: ConnectionCutter::default(),
            reset_armed: false,
        }
    }

    /// The switch of this connection.
    pub fn cutter(&self) -> &ConnectionCutter {
        &self.cutter
    }

    /// `Some(error)` once cut; the first time, also makes the close a reset (`SO_LINGER` 0:
    /// closing does not block, it drops unsent data and sends RST).
    fn cut_error(&mut self) -> Option<io::Error> {
        if !self.cutter.is_cut() {
            return None;
        }
        if !self.reset_armed {
            self.reset_armed = true;
            let _ = self.inner.set_zero_linger();
        }
        Some(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "connection cut by fault injection",
        ))
    }
}

impl AsyncRead for CuttableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Some(e) = self.cut_error() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for CuttableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Some(e) = self.cut_error() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if let Some(e) = self.cut_error() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(e) = self.cut_error() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(e) = self.cut_error() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// The listener of [`crate::serve`]: TCP, `TCP_NODELAY` on every connection (small replies on
/// kept-alive connections would otherwise wait for Nagle's algorithm), each socket wrapped in a
/// [`CuttableStream`].
#[derive(Debug)]
pub struct CuttableListener(pub TcpListener);

impl Listener for CuttableListener {
    type Io = CuttableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = Listener::accept(&mut self.0).await;
        let _ = stream.set_nodelay(true);
        (CuttableStream::new(stream), addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Listener::local_addr(&self.0)
    }
}

impl Connected<IncomingStream<'_, CuttableListener>> for ConnectionCutter {
    fn connect_info(stream: IncomingStream<'_, CuttableListener>) -> Self {
        stream.io().cutter().clone()
    }
}

/// Waits `ms` milliseconds (nothing for 0).
pub async fn hold(ms: u64) {
    if ms > 0 {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faults(json: &str) -> Result<Faults, FixtureError> {
        let f: FaultsFixture =
            serde_json::from_str(json).map_err(|e| FixtureError(e.to_string()))?;
        f.validate("faults")
    }

    #[test]
    fn splitmix64_matches_the_reference_sequence() {
        // The first outputs of splitmix64 seeded with 0 (Vigna's reference implementation).
        assert_eq!(nth(0, 1), 0xE220_A839_7B1D_CDAF);
        assert_eq!(nth(0, 2), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(nth(0, 3), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn defaults_and_the_issue_example() {
        assert_eq!(
            faults("{}"),
            Ok(Faults {
                seed: 0,
                drop_before_rate: 0.0,
                drop_after_delete_rate: 0.0,
                unavailable_rate: 0.0,
                retry_after_s: 1,
                delay_ms: None,
                close_connections: false,
            })
        );
        let close = |json| faults(json).map(|f| f.close_connections);
        assert_eq!(close(r#"{"dropBeforeRate": 0.1}"#), Ok(true));
        assert_eq!(close(r#"{"dropAfterDeleteRate": 0.1}"#), Ok(true));
        assert_eq!(
            close(r#"{"unavailableRate": 0.1, "delayMs": [1, 2]}"#),
            Ok(false)
        );
        assert_eq!(
            close(r#"{"dropBeforeRate": 0.1, "closeConnections": false}"#),
            Ok(false)
        );
        assert_eq!(close(r#"{"closeConnections": true}"#), Ok(true));
        let f = faults(
            r#"{"seed": 1, "dropBeforeRate": 0.05, "dropAfterDeleteRate": 0.03,
                "unavailableRate": 0.05, "retryAfterS": 1, "delayMs": [0, 30]}"#,
        );
        assert!(f.is_ok(), "{f:?}");
        assert!(
            faults(
                r#"{"dropBeforeRate": 0.1, "dropAfterDeleteRate": 0.2, "unavailableRate": 0.7}"#
            )
            .is_ok()
        );
        assert!(faults(r#"{"dropBeforeRate": 1, "delayMs": [5, 5]}"#).is_ok());
    }

    #[test]
    fn bad_values_name_their_key() {
        for (json, key) in [
            (r#"{"seed": -1}"#, "faults.seed"),
            (r#"{"seed": 1.5}"#, "faults.seed"),
            (r#"{"seed": "1"}"#, "faults.seed"),
            (r#"{"dropBeforeRate": 1.01}"#, "faults.dropBeforeRate"),
            (
                r#"{"dropAfterDeleteRate": -0.1}"#,
                "faults.dropAfterDeleteRate",
            ),
            (r#"{"unavailableRate": "0.1"}"#, "faults.unavailableRate"),
            (
                r#"{"dropBeforeRate": 0.5, "unavailableRate": 0.6}"#,
                "faults:",
            ),
            (r#"{"retryAfterS": 1.5}"#, "faults.retryAfterS"),
            (r#"{"retryAfterS": -1}"#, "faults.retryAfterS"),
            (r#"{"delayMs": [30, 0]}"#, "faults.delayMs"),
            (r#"{"delayMs": [0, 60001]}"#, "faults.delayMs"),
            (r#"{"delayMs": [0]}"#, "faults.delayMs"),
            (r#"{"delayMs": 30}"#, "faults.delayMs"),
            (r#"{"delayMs": [-1, 3]}"#, "faults.delayMs"),
            (r#"{"closeConnections": 1}"#, "faults.closeConnections"),
        ] {
            match faults(json) {
                Ok(f) => panic!("accepted {json}: {f:?}"),
                Err(e) => assert!(e.0.starts_with(key), "{e} for {json}"),
            }
        }
        assert!(faults(r#"{"dropRate": 0.1}"#).is_err());
    }

    #[test]
    fn the_draw_depends_on_seed_and_n_only() {
        let f = Faults {
            seed: 7,
            drop_before_rate: 0.2,
            drop_after_delete_rate: 0.2,
            unavailable_rate: 0.2,
            retry_after_s: 1,
            delay_ms: Some([3, 9]),
            close_connections: false,
        };
        let a: Vec<Draw> = (1..=500).map(|n| f.draw(n)).collect();
        let b: Vec<Draw> = (1..=500).rev().map(|n| f.draw(n)).rev().collect();
        assert_eq!(a, b);
        assert!(a.iter().all(|d| (3..=9).contains(&d.delay_ms)));
        let other = Faults { seed: 8, ..f };
        assert_ne!(a, (1..=500).map(|n| other.draw(n)).collect::<Vec<_>>());
        // Rate 1 always, rate 0 never.
        let all = Faults {
            unavailable_rate: 1.0,
            drop_before_rate: 0.0,
            drop_after_delete_rate: 0.0,
            ..f
        };
        assert!((1..=1000).all(|n| all.draw(n).fault == Some(Fault::Unavailable)));
        let none = Faults {
            unavailable_rate: 0.0,
            ..all
        };
        assert!((1..=1000).all(|n| none.draw(n).fault.is_none()));
    }
}
