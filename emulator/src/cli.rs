//! Command-line options (clap), turned into [`crate::Options`] by [`Cli::options`].

use std::path::PathBuf;

use clap::Parser;
use serde_json::Value;

use crate::cors::OriginRule;
use crate::faults::FaultsFixture;
use crate::log::LogSink;

const AFTER_HELP: &str = "\
Routes:
  GET|POST /verba/api          the emulated Verba HTTP Business API (DeleteCall, RequestToken)
  GET  /__emulator/calls       the calls in the store, JSON (admin)
  GET  /__emulator/requests    count and names of the /verba/api requests received (admin)
  POST /__emulator/reset       load the fixture in the body; empty body = demo data (admin)
  GET  /pkg/...                files of --pkg (the wasm package)
  GET  /...                    files of --www
With --upstream URL, /verba/api is forwarded to URL/verba/api (the development proxy), the
admin routes are off, and GET /__dev-proxy says so: {\"upstream\": \"<URL's origin>\", \"timeoutS\": N}.

Demo data (no --fixture): API key 74c8eea0-50c6-40b2-9f3e-252ed501c3c8 with token
09835e02-6c10-11e0-bb22-ba324924019b, or key 3b8f1e52-9c4d-4e7a-8f21-6d0c5a9e7b14 without a token;
RequestToken user myapiuser, password pa$$word (both roles). Fixture fields: apiKeys, calls,
responseDelayMs, users, tokenLifetimeS, faults (see the README).

Fault injection (fixture \"faults\": {\"seed\": 1, \"dropBeforeRate\": 0.05, \"dropAfterDeleteRate\": 0.03,
\"unavailableRate\": 0.05, \"retryAfterS\": 1, \"delayMs\": [0, 30]}, or the --fault-* flags): the n-th
/verba/api request since the last reset gets its fault from (seed, n) alone. dropBefore cuts the
TCP connection (a reset, no reply byte) without acting; dropAfterDelete deletes (or marks), then
cuts; unavailable answers 503 with Retry-After and an HTML page, doing nothing. GET
/__emulator/requests shows each request's fault and the counts.
Try: curl 'http://127.0.0.1:8080/verba/api?action=DeleteCall&apiKey=74c8eea0-50c6-40b2-9f3e-252ed501c3c8&token=09835e02-6c10-11e0-bb22-ba324924019b&responseType=XML&extension=8856&status=last'
(code 0 the first time, code 2 the second).";

/// Emulator of the Verba HTTP Business API (DeleteCall, RequestToken) for the verba-api demo and
/// tests.
#[derive(Debug, Parser)]
#[command(
    name = "verba-emulator",
    version,
    about,
    long_about = "Emulator of the Verba HTTP Business API (DeleteCall, RequestToken) for the verba-api demo and \
                  tests. Serves /verba/api from an in-memory store (built-in demo data or a JSON \
                  fixture), the demo page and the wasm package, with CORS for loopback origins. \
                  Prints 'verba-emulator listening on http://HOST:PORT' on stdout once ready; \
                  logs one line per request on stderr, secrets redacted.",
    after_help = AFTER_HELP
)]
pub struct Cli {
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,

    /// Port to bind; 0 picks a free port (the start line tells which).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,

    /// Load the state from this fixture (JSON) instead of the built-in demo data.
    #[arg(long, value_name = "FILE")]
    pub fixture: Option<PathBuf>,

    /// Directory served at / (a missing directory serves 404s).
    #[arg(long, value_name = "DIR", default_value = "www")]
    pub www: PathBuf,

    /// Directory served at /pkg/ (the wasm package; a missing directory serves 404s).
    #[arg(long, value_name = "DIR", default_value = "pkg")]
    pub pkg: PathBuf,

    // Help given as an attribute: "[::1]" in a doc comment would be read as a rustdoc link.
    #[arg(
        long = "cors-origin",
        value_name = "ORIGIN",
        value_parser = OriginRule::parse,
        help = "Allowed CORS origin, repeatable: an exact origin (https://host:port), 'loopback' \
                (http or https on localhost, 127.0.0.0/8 or [::1], any port) or '*'. \
                Default: loopback"
    )]
    pub cors_origin: Vec<OriginRule>,

    /// Turn off the /__emulator/ admin routes (they answer 404).
    #[arg(long)]
    pub no_admin: bool,

    /// Development proxy: forward /verba/api (GET and POST) to the real recorder at this base
    /// URL (https://recorder.example.com) instead of emulating it, so that the page and the
    /// recorder share an origin. Implies --no-admin; not with --fixture or --fault-*
    #[arg(long, value_name = "URL", help_heading = "Development proxy")]
    pub upstream: Option<String>,

    /// PEM file of CA certificates trusted for an https:// upstream on top of the system roots
    /// (a company CA)
    #[arg(
        long,
        value_name = "FILE",
        requires = "upstream",
        help_heading = "Development proxy"
    )]
    pub upstream_ca: Option<PathBuf>,

    /// Seconds the recorder has for its whole answer (headers and body) before the proxy
    /// answers 504
    #[arg(long, value_name = "S", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=600), help_heading = "Development proxy")]
    pub upstream_timeout_s: u64,

    /// Do not log requests.
    #[arg(long, short)]
    pub quiet: bool,

    /// Print the built-in demo data as a fixture (JSON) and exit.
    #[arg(long)]
    pub dump_demo_fixture: bool,

    /// Seed of the per-request fault draws (default 0). Any --fault-* flag turns
    /// fault injection on, for the demo data or the --fixture, unless the fixture has its own
    /// "faults"
    #[arg(
        long,
        value_name = "N",
        help_heading = "Fault injection (on /verba/api only)"
    )]
    pub fault_seed: Option<u64>,

    /// Probability that a request's connection is cut before it is acted on (nothing changes)
    #[arg(long, value_name = "RATE", value_parser = parse_rate, help_heading = "Fault injection (on /verba/api only)")]
    pub fault_drop_before_rate: Option<f64>,

    /// Probability that a request which deletes (or marks) a call has its connection cut after
    /// the deletion, before any reply byte
    #[arg(long, value_name = "RATE", value_parser = parse_rate, help_heading = "Fault injection (on /verba/api only)")]
    pub fault_drop_after_delete_rate: Option<f64>,

    /// Probability of HTTP 503 with Retry-After and an HTML page, nothing done. The three rates
    /// add up to at most 1
    #[arg(long, value_name = "RATE", value_parser = parse_rate, help_heading = "Fault injection (on /verba/api only)")]
    pub fault_unavailable_rate: Option<f64>,

    /// Retry-After of the 503 answers, in whole seconds (default 1)
    #[arg(
        long,
        value_name = "S",
        value_parser = clap::value_parser!(u64).range(0..=crate::faults::MAX_RETRY_AFTER_S),
        help_heading = "Fault injection (on /verba/api only)"
    )]
    pub fault_retry_after_s: Option<u64>,

    /// Hold every answer (cuts and 503s included) for a random time in MIN..=MAX ms (at most
    /// 60000), on top of the fixture's responseDelayMs
    #[arg(long, value_name = "MIN,MAX", value_parser = parse_delay, help_heading = "Fault injection (on /verba/api only)")]
    pub fault_delay_ms: Option<[u64; 2]>,

    /// Send "Connection: close" on every answer, so that each request has a connection of its
    /// own and a browser reports a cut as a network error instead of resending the request
    /// (default: true when a drop rate is above 0)
    #[arg(long, value_name = "BOOL", action = clap::ArgAction::Set, help_heading = "Fault injection (on /verba/api only)")]
    pub fault_close_connections: Option<bool>,
}

/// A `--fault-*-rate` value: a probability.
fn parse_rate(value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(r) if (0.0..=1.0).contains(&r) => Ok(r),
        _ => Err(format!(
            "{value:?} is not a probability (a number from 0 to 1)"
        )),
    }
}

/// A `--fault-delay-ms` value: `MIN,MAX` (or one number for both).
fn parse_delay(value: &str) -> Result<[u64; 2], String> {
    let bad = || {
        format!(
            "{value:?} is not MIN,MAX in whole milliseconds with MIN <= MAX <= {}",
            crate::faults::MAX_FAULT_DELAY_MS
        )
    };
    let (min, max) = value.split_once(',').unwrap_or((value, value));
    let min: u64 = min.trim().parse().map_err(|_| bad())?;
    let max: u64 = max.trim().parse().map_err(|_| bad())?;
    if min > max || max > crate::faults::MAX_FAULT_DELAY_MS {
        return Err(bad());
    }
    Ok([min, max])
}

impl Cli {
    /// The fault injection the `--fault-*` flags describe; `None` when no such flag is given.
    pub fn faults(&self) -> Option<FaultsFixture> {
        let number = |v: f64| serde_json::Number::from_f64(v).map(Value::Number);
        let faults = FaultsFixture {
            seed: self.fault_seed.map(Value::from),
            drop_before_rate: self.fault_drop_before_rate.and_then(number),
            drop_after_delete_rate: self.fault_drop_after_delete_rate.and_then(number),
            unavailable_rate: self.fault_unavailable_rate.and_then(number),
            retry_after_s: self.fault_retry_after_s.map(Value::from),
            delay_ms: self
                .fault_delay_ms
                .map(|[min, max]| Value::from(vec![min, max])),
            close_connections: self.fault_close_connections.map(Value::from),
        };
        (faults != FaultsFixture::default()).then_some(faults)
    }

    /// The upstream of `--upstream` (with `--upstream-ca` read), or `None` without it.
    pub fn upstream(&self) -> Result<Option<crate::proxy::Upstream>, String> {
        let Some(url) = &self.upstream else {
            return Ok(None);
        };
        let mut config = crate::proxy::UpstreamConfig::new(url);
        config.timeout = std::time::Duration::from_secs(self.upstream_timeout_s);
        if let Some(path) = &self.upstream_ca {
            let pem = std::fs::read(path)
                .map_err(|e| format!("--upstream-ca: cannot read {}: {e}", path.display()))?;
            config.extra_ca_pem = Some(pem);
        }
        crate::proxy::Upstream::new(&config).map(Some)
    }

    /// The server options these flags describe (the fixture and `--upstream` are loaded
    /// separately).
    pub fn options(&self) -> crate::Options {
        crate::Options {
            www_dir: self.www.clone(),
            pkg_dir: self.pkg.clone(),
            admin: !self.no_admin,
            cors: self.cors_origin.clone(),
            log: if self.quiet {
                LogSink::Off
            } else {
                LogSink::Stderr
            },
            faults: self.faults(),
            ..crate::Options::default()
        }
    }
}
