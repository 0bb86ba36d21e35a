//! `--upstream URL`: the development proxy in front of a second emulator (the upstream, started
//! in-process on its own free port) or of tiny TCP servers that misbehave: every format and
//! method, RequestToken with its Basic header, a timeout (504), a reset and a refusal (502), an
//! oversized reply (502, unread), a redirect passed back, the headers forwarded, an https
//! upstream verified (a test CA refused, then trusted with `--upstream-ca`), a log without
//! secrets, and `GET /__dev-proxy` (the recorder's origin for the demo page).

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Emu, KEY, TOKEN, c, encode, start, start_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use verba_emulator::Options;
use verba_emulator::demo_data;
use verba_emulator::proxy::{Upstream, UpstreamConfig};

const FORMATS: [&str; 4] = ["XML", "JSON", "TEXT", "HTML"];
/// `myapiuser:pa$$word`, the demo data's user.
const DEMO_BASIC: &str = "bXlhcGl1c2VyOnBhJCR3b3Jk";

/// Starts the proxy in front of `upstream_url`, with this timeout.
async fn proxy_to(upstream_url: &str, timeout: Duration) -> Emu {
    let mut config = UpstreamConfig::new(upstream_url);
    config.timeout = timeout;
    let upstream = Upstream::new(&config).expect("upstream");
    let options = Options {
        upstream: Some(upstream),
        ..Options::default()
    };
    // The proxy's own fixture is never used; any will do.
    start_with(options, &common::fixture()).await
}

async fn proxy(upstream: &Emu) -> Emu {
    proxy_to(&upstream.running.url(), Duration::from_secs(30)).await
}

fn assert_proxy_page(reply: &common::Reply, status: u16) {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert!(
        reply.content_type.starts_with("text/html"),
        "{}",
        reply.content_type
    );
    assert!(reply.body.contains("development proxy"), "{}", reply.body);
}

#[tokio::test]
async fn every_format_by_get_and_post_is_the_upstreams_answer() {
    let upstream = start().await;
    let proxy = proxy(&upstream).await;
    for format in FORMATS {
        // Not found: the same answer through the proxy as directly.
        let pairs = [
            ("action", "DeleteCall"),
            ("apiKey", KEY),
            ("token", TOKEN),
            ("responseType", format),
            ("callID", &c(99)),
        ];
        let direct = upstream.api_get(&pairs).await;
        let through = proxy.api_get(&pairs).await;
        assert_eq!(through.status, direct.status, "{format}");
        assert_eq!(through.content_type, direct.content_type, "{format}");
        assert_eq!(through.body, direct.body, "{format}");
        for name in ["cache-control", "content-length"] {
            assert_eq!(
                through.headers.get(name),
                direct.headers.get(name),
                "{format} {name}"
            );
        }
        assert!(through.headers.get("cache-control").is_some(), "{format}");
        let form = encode(&pairs[1..]);
        let direct = upstream
            .post(
                "/verba/api?action=DeleteCall",
                Some("application/x-www-form-urlencoded"),
                form.clone(),
            )
            .await;
        let through = proxy
            .post(
                "/verba/api?action=DeleteCall",
                Some("application/x-www-form-urlencoded"),
                form,
            )
            .await;
        assert_eq!(through.status, direct.status, "POST {format}");
        assert_eq!(through.content_type, direct.content_type, "POST {format}");
        assert_eq!(through.body, direct.body, "POST {format}");
    }
    // A deletion through the proxy happens on the upstream.
    let get = proxy.delete(&[("callID", &c(1))]).await;
    assert_eq!(get.code(), 0, "{}", get.body);
    let post = proxy
        .api_post(&[("apiKey", KEY), ("token", TOKEN), ("callID", &c(2))])
        .await;
    assert_eq!(post.code(), 0, "{}", post.body);
    let ids = upstream.call_ids().await;
    assert!(!ids.contains(&c(1)) && !ids.contains(&c(2)), "{ids:?}");
    // GET and POST, 8 + 8 + 2 requests, all reached the upstream.
    assert_eq!(upstream.requests().await["count"], 18);
}

#[tokio::test]
async fn admin_routes_are_off_and_other_methods_are_not_forwarded() {
    let upstream = start().await;
    let proxy = proxy(&upstream).await;
    for path in ["/__emulator/calls", "/__emulator/requests"] {
        assert_eq!(proxy.get(path).await.status, 404, "{path}");
    }
    let reset = proxy.post("/__emulator/reset", None, String::new()).await;
    assert_eq!(reset.status, 404);
    let put = proxy
        .client
        .put(proxy.url("/verba/api?action=DeleteCall"))
        .send()
        .await
        .expect("PUT");
    assert_eq!(put.status().as_u16(), 405);
    assert_eq!(
        put.headers().get("allow").and_then(|v| v.to_str().ok()),
        Some("GET, POST")
    );
    assert_eq!(upstream.requests().await["count"], 0);
    // Static paths are the proxy's own (no www/ in the crate directory: 404), never forwarded.
    assert_eq!(proxy.get("/pkg/verba_api.js").await.status, 404);
    assert_eq!(proxy.get("/verba/other").await.status, 404);
    assert_eq!(upstream.requests().await["count"], 0);
}

#[tokio::test]
async fn dev_proxy_describes_the_recorders_origin_only() {
    let upstream = start().await;
    // A path prefix (and the trailing /verba/api) is the proxy's business, not the page's.
    let base = format!("{}/prefix/verba/api", upstream.running.url());
    let proxy = proxy_to(&base, Duration::from_secs(7)).await;
    let reply = proxy.get("/__dev-proxy").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(
        reply.content_type.starts_with("application/json"),
        "{}",
        reply.content_type
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let value: serde_json::Value = serde_json::from_str(&reply.body).expect("JSON");
    assert_eq!(
        value,
        serde_json::json!({ "upstream": upstream.running.url(), "timeoutS": 7 })
    );
    // Field order as documented.
    assert!(reply.body.starts_with("{\"upstream\":"), "{}", reply.body);
    assert_eq!(
        proxy.post("/__dev-proxy", None, String::new()).await.status,
        405
    );
    // Nothing of it reached the recorder.
    assert_eq!(upstream.requests().await["count"], 0);
    // An emulating server has no such route, whatever the method.
    assert_eq!(upstream.get("/__dev-proxy").await.status, 404);
    assert_eq!(
        upstream
            .post("/__dev-proxy", None, String::new())
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_request_body_over_64_kib_is_not_forwarded() {
    let upstream = start().await;
    let proxy = proxy(&upstream).await;
    let reply = proxy
        .post(
            "/verba/api?action=DeleteCall",
            Some("application/x-www-form-urlencoded"),
            format!("callID={}", "x".repeat(64 * 1024)),
        )
        .await;
    assert_proxy_page(&reply, 413);
    assert_eq!(upstream.requests().await["count"], 0);
    assert!(
        proxy.log_lines()[0].contains("-> 413 not forwarded"),
        "{:?}",
        proxy.log_lines()
    );
}

#[tokio::test]
async fn request_token_with_a_basic_header_by_get_and_post() {
    let upstream = start_with(Options::default(), &demo_data::fixture()).await;
    let proxy = proxy(&upstream).await;
    let query = encode(&[
        ("action", "RequestToken"),
        ("apiKey", demo_data::SAMPLE_API_KEY),
        ("responseType", "TEXT"),
    ]);
    let get = proxy
        .client
        .get(proxy.url(&format!("/verba/api?{query}")))
        .header("authorization", format!("Basic {DEMO_BASIC}"))
        .send()
        .await
        .expect("GET");
    assert_eq!(get.status().as_u16(), 200);
    let body = get.text().await.expect("body");
    assert!(body.starts_with("OK"), "{body}");
    let post = proxy
        .client
        .post(proxy.url("/verba/api?action=RequestToken"))
        .header("authorization", format!("Basic {DEMO_BASIC}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode(&[
            ("apiKey", demo_data::SAMPLE_API_KEY),
            ("responseType", "XML"),
        ]))
        .send()
        .await
        .expect("POST");
    let body = post.text().await.expect("body");
    assert_eq!(common::xml_code(&body), 0, "{body}");
    // Without the header the upstream refuses: it was the header that signed in.
    let refused = proxy.get(&format!("/verba/api?{query}")).await;
    assert!(refused.body.contains('4'), "{}", refused.body);
    let records = upstream.requests().await;
    assert_eq!(records["recent"][0]["authorization"], "Basic REDACTED");
    assert_eq!(records["recent"][1]["authorization"], "Basic REDACTED");

    // The proxy's log: the header's scheme only, the key redacted, the outcome.
    let lines = proxy.log_lines();
    assert_eq!(lines.len(), 3, "{lines:#?}");
    let text = lines.join("\n");
    for secret in [
        DEMO_BASIC,
        demo_data::SAMPLE_API_KEY,
        demo_data::SAMPLE_PASSWORD,
    ] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
    assert!(
        lines[0].starts_with("GET /verba/api [action=RequestToken apiKey=74c8…REDACTED responseType=TEXT authorization=Basic REDACTED] -> upstream 200"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(
            "POST /verba/api [action=RequestToken authorization=Basic REDACTED] -> upstream 200"
        ),
        "{}",
        lines[1]
    );
}

#[tokio::test]
async fn the_log_has_no_key_token_or_password() {
    const PASSWORD: &str = "correct-horse-battery-staple";
    let upstream = start().await;
    let proxy = proxy(&upstream).await;
    proxy.delete(&[("callID", &c(1))]).await;
    proxy
        .api_post(&[
            ("apiKey", KEY),
            ("token", TOKEN),
            ("password", PASSWORD),
            ("callID", &c(2)),
        ])
        .await;
    proxy
        .get(&format!(
            "/verba/api?action=RequestToken&apiKey={KEY}&userName=u&password={PASSWORD}"
        ))
        .await;
    let text = proxy.log_lines().join("\n");
    for secret in [KEY, TOKEN, PASSWORD, &KEY[..12], &TOKEN[..12]] {
        assert!(!text.contains(secret), "{secret} in\n{text}");
    }
    assert!(text.contains("apiKey=1111…REDACTED"), "{text}");
    assert!(text.contains("token=tok-…REDACTED"), "{text}");
    assert!(text.contains("password=REDACTED"), "{text}");
    assert!(text.contains("-> upstream 200"), "{text}");
}

#[tokio::test]
async fn a_slow_upstream_is_a_504() {
    let mut slow = common::fixture();
    slow.response_delay_ms = Some(3000);
    let upstream = start_with(Options::default(), &slow).await;
    let proxy = proxy_to(&upstream.running.url(), Duration::from_millis(300)).await;
    let started = Instant::now();
    let reply = proxy.delete(&[("callID", &c(99))]).await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_proxy_page(&reply, 504);
    assert!(
        proxy.log_lines()[0].contains("-> 504 upstream timeout"),
        "{:?}",
        proxy.log_lines()
    );
}

#[tokio::test]
async fn a_503_keeps_its_retry_after() {
    let mut busy = common::fixture();
    busy.faults =
        Some(serde_json::from_str(r#"{"unavailableRate": 1, "retryAfterS": 7}"#).expect("faults"));
    let upstream = start_with(Options::default(), &busy).await;
    let proxy = proxy(&upstream).await;
    let reply = proxy.delete(&[("callID", &c(1))]).await;
    assert_eq!(reply.status, 503, "{}", reply.body);
    assert_eq!(
        reply
            .headers
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("7")
    );
}

/// A tiny server: for each connection, reads the request head, records it, then does `answer`.
async fn tiny_server<F, Fut>(answer: F) -> (String, Arc<Mutex<Vec<String>>>)
where
    F: Fn(tokio::net::TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let heads = Arc::new(Mutex::new(Vec::new()));
    let seen = heads.clone();
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let seen = seen.clone();
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                seen.lock()
                    .expect("lock")
                    .push(String::from_utf8_lossy(&head).into_owned());
                answer(stream).await;
            });
        }
    });
    (url, heads)
}

#[tokio::test]
async fn an_upstream_that_resets_is_a_502() {
    let (url, heads) = tiny_server(|stream| async move {
        // SO_LINGER 0: closing sends a TCP reset, not a clean end.
        let _ = stream.set_zero_linger();
        drop(stream);
    })
    .await;
    let proxy = proxy_to(&url, Duration::from_secs(10)).await;
    let reply = proxy.delete(&[("callID", &c(1))]).await;
    assert_proxy_page(&reply, 502);
    assert!(!heads.lock().expect("lock").is_empty());
    assert!(!reply.body.contains(KEY), "{}", reply.body);
    assert!(
        proxy.log_lines()[0].contains("-> 502 upstream"),
        "{:?}",
        proxy.log_lines()
    );
}

#[tokio::test]
async fn an_upstream_that_refuses_is_a_502() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let proxy = proxy_to(&url, Duration::from_secs(10)).await;
    let reply = proxy.delete(&[("callID", &c(1))]).await;
    assert_proxy_page(&reply, 502);
    assert!(reply.body.contains("refused"), "{}", reply.body);
}

#[tokio::test]
async fn an_https_upstream_that_is_not_tls_is_a_502() {
    // Plain HTTP at once, whatever the client says (its ClientHello has no end of head).
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK")
                .await;
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf).await;
        }
    });
    let url = url.replace("http://", "https://");
    let proxy = proxy_to(&url, Duration::from_secs(10)).await;
    let reply = proxy.delete(&[("callID", &c(1))]).await;
    assert_proxy_page(&reply, 502);
    assert!(reply.body.contains("TLS"), "{}", reply.body);
}

const THREE_MIB: usize = 3 * 1024 * 1024;

#[tokio::test]
async fn an_oversized_reply_with_a_length_is_a_502_unread() {
    // 3 MiB announced, 64 KiB sent, then nothing for longer than the proxy's timeout: a proxy
    // that read the body would answer 504 after 10 s, not 502 at once.
    let (url, _) = tiny_server(|mut stream| async move {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: {THREE_MIB}\r\n\r\n"
        );
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(&vec![b'x'; 64 * 1024]).await;
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let proxy = proxy_to(&url, Duration::from_secs(10)).await;
    let started = Instant::now();
    let reply = proxy.delete(&[("callID", &c(1))]).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_proxy_page(&reply, 502);
    assert!(
        reply.body.contains("over the proxy's limit"),
        "{}",
        reply.body
    );
    assert!(reply.body.len() < 1024, "{}", reply.body.len());
    assert!(
        proxy.log_lines()[0].contains("502 upstream reply too large (3145728 bytes)"),
        "{:?}",
        proxy.log_lines()
    );
}

#[tokio::test]
async fn an_oversized_chunked_reply_is_a_502() {
    // 3 MiB in 64 KiB chunks, then no last chunk: the proxy stops at its 2 MiB bound and
    // answers at once, without waiting for an end that never comes.
    let (url, _) = tiny_server(|mut stream| async move {
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n";
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = vec![b'x'; 64 * 1024];
        let framed = [
            format!("{:x}\r\n", chunk.len()).into_bytes(),
            chunk,
            b"\r\n".to_vec(),
        ]
        .concat();
        for _ in 0..THREE_MIB / (64 * 1024) {
            if stream.write_all(&framed).await.is_err() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_secs(30)).await;
    })
    .await;
    let proxy = proxy_to(&url, Duration::from_secs(10)).await;
    let started = Instant::now();
    let reply = proxy.delete(&[("callID", &c(1))]).await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_proxy_page(&reply, 502);
    assert!(
        reply.body.contains("over the proxy's limit"),
        "{}",
        reply.body
    );
    assert!(
        proxy.log_lines()[0].contains("502 upstream reply too large (chunked)"),
        "{:?}",
        proxy.log_lines()
    );
}

#[tokio::test]
async fn a_redirect_is_passed_back_not_followed_and_only_some_headers_go_upstream() {
    let (url, heads) = tiny_server(|mut stream| async move {
        let reply = "HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/verba/api\r\nSet-Cookie: s=1\r\nContent-Length: 0\r\n\r\n";
        let _ = stream.write_all(reply.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
    let proxy = proxy_to(&url, Duration::from_secs(10)).await;
    // A client that does not follow redirects either, to see the proxy's answer.
    let client = common::client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let reply = client
        .get(proxy.url("/verba/api?action=DeleteCall&callID=x"))
        .header("authorization", "Basic dXNlcjpwYXNz")
        .header("cookie", "session=secret")
        .header("accept", "text/xml")
        .header("x-requested-with", "verba-api")
        .send()
        .await
        .expect("GET");
    assert_eq!(reply.status().as_u16(), 302);
    assert_eq!(
        reply
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok()),
        Some("https://elsewhere.example/verba/api")
    );
    assert!(reply.headers().get("set-cookie").is_none());
    let heads = heads.lock().expect("lock").clone();
    assert_eq!(heads.len(), 1, "{heads:?}");
    let head = heads[0].to_ascii_lowercase();
    assert!(
        head.starts_with("get /verba/api?action=deletecall&callid=x http/1.1\r\n"),
        "{head}"
    );
    assert!(head.contains("authorization: basic dxnlcjpwyxnz"), "{head}");
    assert!(head.contains("accept: text/xml"), "{head}");
    assert!(!head.contains("cookie"), "{head}");
    assert!(!head.contains("x-requested-with"), "{head}");
    let host = url.trim_start_matches("http://");
    assert!(head.contains(&format!("host: {host}")), "{head}");
    assert!(
        proxy.log_lines()[0].contains("-> upstream 302"),
        "{:?}",
        proxy.log_lines()
    );
}

#[test]
fn the_binary_takes_upstream_flags() {
    let upstream = common::spawn(&["--www", "/nonexistent-www"]);
    let proxy = common::spawn(&[
        "--upstream",
        &upstream.url,
        "--upstream-timeout-s",
        "5",
        "--www",
        "/nonexistent-www",
    ]);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let url = format!(
            "{}/verba/api?action=DeleteCall&apiKey={}&token={}&extension=8856&status=last",
            proxy.url,
            demo_data::SAMPLE_API_KEY,
            demo_data::SAMPLE_TOKEN
        );
        let body = common::http_get(&url)
            .await
            .expect("GET")
            .text()
            .await
            .expect("body");
        assert_eq!(common::xml_code(&body), 0, "{body}");
        let admin = common::http_get(format!("{}/__emulator/calls", proxy.url))
            .await
            .expect("GET");
        assert_eq!(admin.status().as_u16(), 404);
    });
    let stderr = proxy.stop();
    assert!(
        stderr.contains("development proxy: /verba/api is forwarded to"),
        "{stderr}"
    );
    assert!(!stderr.contains(demo_data::SAMPLE_TOKEN), "{stderr}");
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .args(["--upstream", "ftp://x", "--port", "0"])
        .output()
        .expect("run");
    assert_eq!(bad.status.code(), Some(2));
    let both = std::process::Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .args([
            "--upstream",
            "http://127.0.0.1:9",
            "--fault-seed",
            "1",
            "--port",
            "0",
        ])
        .output()
        .expect("run");
    assert_eq!(both.status.code(), Some(2));
    let no_ca = std::process::Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .args([
            "--upstream",
            "https://127.0.0.1:9",
            "--upstream-ca",
            "/nonexistent-ca.pem",
            "--port",
            "0",
        ])
        .output()
        .expect("run");
    assert_eq!(no_ca.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_ca.stderr).contains("--upstream-ca"));
    // Credentials or a query in the URL are refused, and not printed.
    for url in [
        "https://:s3cret-pw@127.0.0.1:9",
        "https://someone:s3cret-pw@127.0.0.1:9",
        "https://someone@127.0.0.1:9",
        "https://127.0.0.1:9/?apiKey=s3cret-pw",
    ] {
        let refused = std::process::Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
            .args(["--upstream", url, "--port", "0"])
            .output()
            .expect("run");
        assert_eq!(refused.status.code(), Some(2), "{url}");
        let said = String::from_utf8_lossy(&refused.stderr);
        assert!(said.contains("give the base URL only"), "{url}: {said}");
        assert!(
            !said.contains("s3cret-pw") && !said.contains("someone"),
            "{url}: {said}"
        );
    }
}

/// A TLS upstream on 127.0.0.1 whose certificate is signed by a CA made for the test; returns
/// its `https://` URL and the CA certificate (PEM).
async fn tls_upstream() -> (String, String) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, KeyUsagePurpose};
    verba_emulator::proxy::install_crypto_provider();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "verba-emulator test CA");
    let ca_key = KeyPair::generate().expect("CA key");
    let ca_cert = ca_params.self_signed(&ca_key).expect("CA certificate");
    let issuer = Issuer::new(ca_params, ca_key);
    let server_params =
        CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .expect("server params");
    let server_key = KeyPair::generate().expect("server key");
    let server_cert = server_params
        .signed_by(&server_key, &issuer)
        .expect("server certificate");
    let config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(
            vec![server_cert.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(server_key.serialize_der().into()),
        )
        .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!("https://{}", listener.local_addr().expect("addr"));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let _ = tls
                    .write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK")
                    .await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (url, ca_cert.pem())
}

#[tokio::test]
async fn an_https_upstream_is_verified_and_upstream_ca_adds_a_company_ca() {
    let (url, ca_pem) = tls_upstream().await;
    // The system roots do not know the test CA: refused at the handshake.
    let untrusted = proxy_to(&url, Duration::from_secs(10)).await;
    let reply = untrusted.delete(&[("callID", &c(1))]).await;
    assert_proxy_page(&reply, 502);
    assert!(reply.body.contains("TLS"), "{}", reply.body);
    // With the CA given (as --upstream-ca does): answered.
    let mut config = UpstreamConfig::new(&url);
    config.extra_ca_pem = Some(ca_pem.into_bytes());
    let options = Options {
        upstream: Some(Upstream::new(&config).expect("upstream")),
        ..Options::default()
    };
    let trusted = start_with(options, &common::fixture()).await;
    let reply = trusted.delete(&[("callID", &c(1))]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body, "OK");
}
