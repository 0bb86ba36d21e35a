//! Command-line options (clap), turned into [`crate::Options`] by [`Cli::options`].

use std::path::PathBuf;

use clap::Parser;

use crate::cors::OriginRule;
use crate::log::LogSink;

const AFTER_HELP: &str = "\
Routes:
  GET|POST /verba/api          the emulated Verba HTTP Business API (DeleteCall, RequestToken)
  GET  /__emulator/calls       the calls in the store, JSON (admin)
  GET  /__emulator/requests    count and names of the /verba/api requests received (admin)
  POST /__emulator/reset       load the fixture in the body; empty body = demo data (admin)
  GET  /pkg/...                files of --pkg (the wasm package)
  GET  /...                    files of --www

Demo data (no --fixture): API key 74c8eea0-50c6-40b2-9f3e-252ed501c3c8 with token
09835e02-6c10-11e0-bb22-ba324924019b, or key 3b8f1e52-9c4d-4e7a-8f21-6d0c5a9e7b14 without a token;
RequestToken user myapiuser, password pa$$word (both roles). Fixture fields: apiKeys, calls,
responseDelayMs, users, tokenLifetimeS (see the README).
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

    /// Do not log requests.
    #[arg(long, short)]
    pub quiet: bool,

    /// Print the built-in demo data as a fixture (JSON) and exit.
    #[arg(long)]
    pub dump_demo_fixture: bool,
}

impl Cli {
    /// The server options these flags describe (the fixture is loaded separately).
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
            ..crate::Options::default()
        }
    }
}
