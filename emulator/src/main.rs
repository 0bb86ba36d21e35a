//! `verba-emulator`: runs the Verba API emulator (see the library docs and `--help`).
//!
//! ```text
//! verba-emulator [--host 127.0.0.1] [--port 8080] [--fixture FILE] [--www www] [--pkg pkg]
//!                [--cors-origin ORIGIN]... [--no-admin] [--quiet] [--dump-demo-fixture]
//!                [--fault-seed N] [--fault-drop-before-rate R] [--fault-drop-after-delete-rate R]
//!                [--fault-unavailable-rate R] [--fault-retry-after-s S] [--fault-delay-ms MIN,MAX]
//!                [--upstream URL [--upstream-ca FILE] [--upstream-timeout-s S]]
//! ```
//!
//! Once listening it prints exactly one line on standard output,
//! `verba-emulator listening on http://127.0.0.1:PORT`, and flushes it, so that a script or a
//! test can start it with `--port 0` and read the port. Everything else (request log, notes)
//! goes to standard error. Exit codes: 0 after Ctrl-C/SIGTERM, 1 if it cannot bind, 2 for a bad
//! fixture or option.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use verba_emulator::cli::Cli;
use verba_emulator::{demo_data, fixture};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();

    if cli.dump_demo_fixture {
        return match serde_json::to_string_pretty(&demo_data::fixture()) {
            Ok(json) => {
                println!("{json}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("verba-emulator: cannot write the demo fixture: {e}");
                ExitCode::FAILURE
            }
        };
    }

    let fixture = match &cli.fixture {
        None => demo_data::fixture(),
        Some(path) => match std::fs::read(path) {
            Err(e) => {
                eprintln!("verba-emulator: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
            Ok(bytes) => match fixture::parse(&bytes) {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("verba-emulator: {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            },
        },
    };

    let mut options = cli.options();
    if cli.upstream.is_some() && (cli.fixture.is_some() || options.faults.is_some()) {
        eprintln!(
            "verba-emulator: --fixture and --fault-* emulate a recorder; with --upstream the real one answers"
        );
        return ExitCode::from(2);
    }
    match cli.upstream() {
        Ok(upstream) => options.upstream = upstream,
        Err(e) => {
            eprintln!("verba-emulator: {e}");
            return ExitCode::from(2);
        }
    }
    if let Some(Err(e)) = options
        .faults
        .as_ref()
        .map(|f| f.validate("--fault-* flags"))
    {
        eprintln!("verba-emulator: {}", e.0);
        return ExitCode::from(2);
    }
    let (router, _state) = match verba_emulator::app(&options, &fixture) {
        Ok(app) => app,
        Err(e) => {
            let source = cli
                .fixture
                .as_ref()
                .map_or("demo data".to_string(), |p| p.display().to_string());
            eprintln!("verba-emulator: {source}: {e}");
            return ExitCode::from(2);
        }
    };

    let listener = match tokio::net::TcpListener::bind((cli.host.as_str(), cli.port)).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "verba-emulator: cannot listen on {}:{}: {e}",
                cli.host, cli.port
            );
            return ExitCode::FAILURE;
        }
    };
    let addr = match listener.local_addr() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("verba-emulator: cannot read the bound address: {e}");
            return ExitCode::FAILURE;
        }
    };

    // The one line on stdout that scripts parse; flushed at once, since stdout may be a pipe.
    let shutdown = shutdown_signal();
    println!("verba-emulator listening on http://{addr}");
    let _ = std::io::stdout().flush();
    note_directories(&options);

    match verba_emulator::serve(listener, router, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("verba-emulator: server error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Tells on stderr what is served, so that a missing `pkg/` (not built yet) is no mystery.
fn note_directories(options: &verba_emulator::Options) {
    for (route, dir) in [("/", &options.www_dir), ("/pkg/", &options.pkg_dir)] {
        let state = if dir.is_dir() {
            ""
        } else {
            " (missing: 404 until it exists)"
        };
        eprintln!(
            "verba-emulator: serving {} at {route}{state}",
            dir.display()
        );
    }
    if let Some(upstream) = &options.upstream {
        eprintln!(
            "verba-emulator: development proxy: /verba/api is forwarded to {} (timeout {} s); admin routes /__emulator/* are off",
            upstream.endpoint(),
            upstream.timeout.as_secs()
        );
    } else if !options.admin {
        eprintln!("verba-emulator: admin routes /__emulator/* are off");
    }
}

/// Completes on Ctrl-C or, on Unix, SIGTERM. On Unix the handlers are installed at once, when
/// this is called (before the start line is printed), not when the future is first polled: a
/// SIGTERM right after the start line would otherwise kill the process instead of stopping it.
fn shutdown_signal() -> impl std::future::Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let terminate = signal(SignalKind::terminate()).ok();
        let interrupt = signal(SignalKind::interrupt()).ok();
        async move {
            let wait = |s: Option<tokio::signal::unix::Signal>| async move {
                match s {
                    Some(mut s) => {
                        s.recv().await;
                    }
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                _ = wait(terminate) => {},
                _ = wait(interrupt) => {},
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
