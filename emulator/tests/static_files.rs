//! The static directory at `/` and the wasm package at `/pkg/`: content types, index page,
//! and missing files or directories as 404s.

mod common;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use common::start_with;
use verba_emulator::Options;

/// A fresh directory under Cargo's temporary directory for integration tests.
fn fresh_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("static-{}-{n}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create dir");
    dir
}

fn write(dir: &std::path::Path, file: &str, content: &[u8]) {
    std::fs::write(dir.join(file), content).expect("write");
}

#[tokio::test]
async fn serves_www_and_pkg_with_fitting_types() {
    let www = fresh_dir("www");
    let pkg = fresh_dir("pkg");
    write(&www, "index.html", b"<!DOCTYPE html><title>demo</title>");
    write(&www, "app.js", b"console.log(1);");
    write(&pkg, "verba_api_bg.wasm", b"\0asm\x01\0\0\0");
    write(&pkg, "verba_api.js", b"export default 1;");
    let options = Options {
        www_dir: www,
        pkg_dir: pkg,
        ..Options::default()
    };
    let emu = start_with(options, &common::fixture()).await;

    let index = emu.get("/").await;
    assert_eq!(index.status, 200);
    assert!(
        index.content_type.starts_with("text/html"),
        "{}",
        index.content_type
    );
    assert_eq!(index.body, "<!DOCTYPE html><title>demo</title>");
    assert_eq!(emu.get("/index.html").await.body, index.body);

    let js = emu.get("/app.js").await;
    assert_eq!(js.status, 200);
    assert!(
        js.content_type.contains("javascript"),
        "{}",
        js.content_type
    );

    let wasm = emu
        .client
        .get(emu.url("/pkg/verba_api_bg.wasm"))
        .send()
        .await
        .expect("GET wasm");
    assert_eq!(wasm.status().as_u16(), 200);
    assert_eq!(
        wasm.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/wasm")
    );
    assert_eq!(
        wasm.bytes().await.expect("bytes").as_ref(),
        b"\0asm\x01\0\0\0"
    );

    let glue = emu.get("/pkg/verba_api.js").await;
    assert!(
        glue.content_type.contains("javascript"),
        "{}",
        glue.content_type
    );
    assert_eq!(glue.body, "export default 1;");

    // pkg files are not under /, www files are not under /pkg/.
    assert_eq!(emu.get("/verba_api.js").await.status, 404);
    assert_eq!(emu.get("/pkg/app.js").await.status, 404);
    assert_eq!(emu.get("/missing.html").await.status, 404);
}

/// Sends a raw request line (no URL normalization by a client) and returns the whole answer.
async fn raw_get(addr: std::net::SocketAddr, target: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.expect("write");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.expect("read");
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn no_escaping_the_directories() {
    let base = fresh_dir("traversal");
    let www = base.join("www");
    let pkg = base.join("pkg");
    std::fs::create_dir_all(&www).expect("www");
    std::fs::create_dir_all(&pkg).expect("pkg");
    write(&base, "secret.txt", b"top-secret-content");
    let options = Options {
        www_dir: www,
        pkg_dir: pkg,
        ..Options::default()
    };
    let emu = start_with(options, &common::fixture()).await;
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/pkg/../secret.txt",
        "/pkg/%2e%2e/secret.txt",
        "/pkg/..%2fsecret.txt",
        "/..%5csecret.txt",
    ] {
        let answer = raw_get(emu.running.addr, target).await;
        assert!(answer.starts_with("HTTP/1.1 4"), "{target}: {answer}");
        assert!(!answer.contains("top-secret-content"), "{target}: {answer}");
    }
}

#[tokio::test]
async fn missing_directories_are_404_not_a_crash() {
    let base = fresh_dir("missing");
    let options = Options {
        www_dir: base.join("no-www"),
        pkg_dir: base.join("no-pkg"),
        ..Options::default()
    };
    let emu = start_with(options, &common::fixture()).await;
    for path in ["/", "/index.html", "/pkg/", "/pkg/x.wasm", "/pkg"] {
        let reply = emu.get(path).await;
        assert_eq!(reply.status, 404, "{path}");
    }
    // The API is unaffected.
    assert_eq!(emu.delete(&[("callID", &common::c(1))]).await.code(), 0);
}
