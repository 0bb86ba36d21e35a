//! # verba-emulator
//!
//! A native emulator of the Verba HTTP Business API's `DeleteCall` and `RequestToken` requests,
//! written from the project spec (`delete-call.md`), not from the `verba-api` client library, so that the two can
//! disagree and a test catches the side that is wrong. It is the demo's one process (it also
//! serves the page and the wasm package) and the real HTTP peer of the browser tests.
//!
//! ## Routes
//! - `GET|POST /verba/api`: the API ([`api`]); replies in [`reply`]'s formats, HTTP 200.
//! - `/__emulator/calls`, `/__emulator/requests`, `/__emulator/reset`: development and test
//!   routes ([`admin`]), off with `--no-admin`.
//! - With `--upstream URL` ([`proxy`]), `/verba/api` is forwarded to a real recorder instead
//!   and the admin routes are off.
//! - `GET /__dev-proxy`: with `--upstream` only, `{"upstream": "<the recorder's origin>",
//!   "timeoutS": N}` ([`proxy::describe`]), read by the demo page to say it talks to a real
//!   recorder; without it, 404 for every method.
//! - `/pkg/...`: the wasm package directory; `/...`: the static directory (`www`). Missing
//!   files and directories are 404, never a crash.
//!
//! CORS ([`cors`]) wraps every route, 404s included; a request log line ([`log`]) is written for
//! every request, with secrets redacted ([`redact`]).
//!
//! ## State
//! A [`store::Store`] built from a [`fixture::Fixture`] (a JSON document; see [`fixture`] for
//! the format) or from the built-in [`demo_data`], with optional fault injection on
//! `/verba/api` ([`faults`]; fixture key `faults` or the `--fault-*` flags).
//!
//! ## Use from tests
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let running = verba_emulator::start(
//!     "127.0.0.1:0".parse().unwrap(),
//!     verba_emulator::Options::default(),
//!     &verba_emulator::demo_data::fixture(),
//! )
//! .await?;
//! println!("{}", running.url());
//! running.stop().await;
//! # Ok(())
//! # }
//! ```
//! or run the binary with `--port 0` and read the line
//! `verba-emulator listening on http://127.0.0.1:PORT` from its standard output.

pub mod admin;
pub mod api;
pub mod basic_auth;
pub mod body;
pub mod cli;
pub mod cors;
pub mod demo_data;
pub mod faults;
pub mod fixture;
pub mod log;
pub mod normalize;
pub mod params;
pub mod proxy;
pub mod redact;
pub mod reply;
pub mod store;

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use axum::extract::State;
use axum::handler::HandlerWithoutStateExt;
use axum::http::StatusCode;
use axum::routing::{any, get};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use tower_http::services::ServeDir;

use crate::cors::OriginRule;
use crate::faults::{Faults, FaultsFixture};
use crate::fixture::{Fixture, FixtureError};
use crate::log::LogSink;
use crate::store::Store;

/// Default body limit of `/verba/api` (64 KiB: far above any real DeleteCall request).
pub const API_BODY_LIMIT: usize = 64 * 1024;

/// Default body limit of `POST /__emulator/reset` (16 MiB: 100,000 calls of the bench's shape
/// are about 10.3 MB; the soak and the bench reset to that many).
pub const ADMIN_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// How the server is set up (everything but the state).
#[derive(Debug, Clone)]
pub struct Options {
    /// Served at `/`.
    pub www_dir: PathBuf,
    /// Served at `/pkg/`.
    pub pkg_dir: PathBuf,
    /// Whether the `/__emulator/` routes exist.
    pub admin: bool,
    /// Allowed CORS origins; empty = loopback.
    pub cors: Vec<OriginRule>,
    /// Where request log lines go.
    pub log: LogSink,
    pub api_body_limit: usize,
    pub admin_body_limit: usize,
    /// Fault injection (`--fault-*` flags) for the initial state and for a reset to the demo
    /// data, unless the fixture has its own `faults`.
    pub faults: Option<FaultsFixture>,
    /// `--upstream`: forward `/verba/api` to a real recorder ([`proxy`]) instead of emulating
    /// it; the admin routes are then off whatever [`Options::admin`] says.
    pub upstream: Option<proxy::Upstream>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            www_dir: PathBuf::from("www"),
            pkg_dir: PathBuf::from("pkg"),
            admin: true,
            cors: Vec::new(),
            log: LogSink::default(),
            api_body_limit: API_BODY_LIMIT,
            admin_body_limit: ADMIN_BODY_LIMIT,
            faults: None,
            upstream: None,
        }
    }
}

/// The settings handlers need at run time.
#[derive(Debug, Clone)]
pub struct Settings {
    pub api_body_limit: usize,
    pub admin_body_limit: usize,
    /// The validated [`Options::faults`].
    pub default_faults: Option<Faults>,
}

/// Shared state of the running server.
#[derive(Debug)]
pub struct AppState {
    store: Mutex<Store>,
    pub settings: Settings,
}

impl AppState {
    /// Locks the store. A poisoned lock (a panic elsewhere while holding it) is recovered: the
    /// store has no invariant that a half-finished operation could break, and the server must
    /// keep answering.
    pub fn lock_store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Builds the application (router and shared state) from options and an initial fixture.
pub fn app(options: &Options, fixture: &Fixture) -> Result<(Router, Arc<AppState>), FixtureError> {
    let default_faults = match &options.faults {
        None => None,
        Some(f) => Some(f.validate("faults")?),
    };
    let mut store = fixture::into_store(fixture, store::now_ms())?;
    if fixture.faults.is_none() {
        store = store.with_faults(default_faults);
    }
    let state = Arc::new(AppState {
        store: Mutex::new(store),
        settings: Settings {
            api_body_limit: options.api_body_limit,
            admin_body_limit: options.admin_body_limit,
            default_faults,
        },
    });

    let mut router = match &options.upstream {
        None => Router::new()
            .route("/verba/api", any(api::handle))
            .route(proxy::DESCRIPTION_PATH, any(not_found)),
        Some(upstream) => {
            let upstream = Arc::new(upstream.clone());
            Router::new()
                .route(
                    "/verba/api",
                    any(proxy::handle).with_state(upstream.clone()),
                )
                .route(
                    proxy::DESCRIPTION_PATH,
                    get(proxy::describe).with_state(upstream),
                )
        }
    };
    if options.admin && options.upstream.is_none() {
        router = router.nest("/__emulator", admin::router());
    } else {
        // Off means absent: 404 for every method, not the static fallback's 405 for POST.
        router = router
            .route("/__emulator", any(not_found))
            .route("/__emulator/{*rest}", any(not_found));
    }
    let router = router
        .nest_service(
            "/pkg",
            ServeDir::new(&options.pkg_dir).not_found_service(not_found.into_service()),
        )
        .fallback_service(
            ServeDir::new(&options.www_dir).not_found_service(not_found.into_service()),
        )
        .with_state(state.clone())
        // Order: the log layer is outermost, so it sees the final status, CORS preflights too.
        .layer(cors::layer(&options.cors))
        // Outside CORS, so that preflights carry it too (see faults: closeConnections).
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            close_connections,
        ))
        .layer(axum::middleware::from_fn_with_state(
            options.log.clone(),
            log::log_requests,
        ));
    Ok((router, state))
}

/// `Connection: close` on every answer while the faults ask for it (`closeConnections`).
async fn close_connections(
    State(app): State<Arc<AppState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut response = next.run(request).await;
    if app
        .lock_store()
        .faults()
        .is_some_and(|f| f.close_connections)
    {
        response.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    response
}

async fn not_found() -> (StatusCode, &'static str) {
    (StatusCode::NOT_FOUND, "404 Not Found\n")
}

/// Serves `router` on `listener` until `shutdown` completes. Each connection is wrapped so that
/// fault injection can cut it ([`faults::CuttableListener`]; `TCP_NODELAY` is set there).
pub async fn serve(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    axum::serve(
        faults::CuttableListener(listener),
        router.into_make_service_with_connect_info::<faults::ConnectionCutter>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// A server started by [`start`].
#[derive(Debug)]
pub struct Running {
    /// The bound address (the real port when 0 was asked for).
    pub addr: SocketAddr,
    /// The shared state, for tests that look inside.
    pub state: Arc<AppState>,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<io::Result<()>>>,
}

impl Running {
    /// `http://ADDR`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops the server and waits for it.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// Binds `addr`, builds the app and serves it on a background task.
pub async fn start(addr: SocketAddr, options: Options, fixture: &Fixture) -> io::Result<Running> {
    let (router, state) =
        app(&options, fixture).map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel::<()>();
    let task = tokio::spawn(serve(listener, router, async move {
        let _ = rx.await;
    }));
    Ok(Running {
        addr,
        state,
        shutdown: Some(tx),
        task: Some(task),
    })
}
