//! Fault injection on `/verba/api` (fixture `faults`, `--fault-*` flags), over real HTTP: each
//! fault at rate 1, the proof on the wire that a cut connection carries no byte of a reply,
//! determinism from the seed, rates over 2,000 requests, validation, admin routes untouched,
//! the command-line flags.

mod common;

use std::collections::HashMap;
use std::io::ErrorKind;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use clap::Parser;
use common::{KEY, OPEN_KEY, TOKEN, c, encode, spawn, start_with};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use verba_emulator::Options;
use verba_emulator::cli::Cli;
use verba_emulator::faults::{Fault, FaultsFixture};
use verba_emulator::fixture::{self, Fixture};

/// The standard test fixture with this `faults` object.
fn fixture_with(faults: Value) -> Fixture {
    let mut value: Value = serde_json::from_str(&common::fixture_json()).expect("fixture JSON");
    value["faults"] = faults;
    fixture::parse(value.to_string().as_bytes()).expect("fixture with faults")
}

async fn start_faulty(faults: Value) -> common::Emu {
    start_with(Options::default(), &fixture_with(faults)).await
}

/// What a client saw for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    /// An HTTP answer: status and body.
    Answer(u16, String),
    /// No HTTP answer at all (the connection failed).
    NetworkError,
}

/// DeleteCall by POST (the client's transport) with the token key, on a fresh connection each
/// time (a cut connection must not be mistaken for a reused one).
async fn delete(emu: &common::Emu, selector: (&str, &str)) -> Seen {
    let client = common::client_builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(0)
        .build()
        .expect("client");
    let body = encode(&[("apiKey", KEY), ("token", TOKEN), selector]);
    let sent = client
        .post(emu.url("/verba/api?action=DeleteCall"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await;
    match sent {
        Ok(response) => {
            let status = response.status().as_u16();
            match response.text().await {
                Ok(body) => Seen::Answer(status, body),
                Err(_) => Seen::NetworkError,
            }
        }
        Err(e) => {
            assert!(e.status().is_none(), "an HTTP status came with {e}");
            assert!(!e.is_timeout(), "{e}");
            Seen::NetworkError
        }
    }
}

/// Sends raw bytes on a new TCP connection and reads until the server ends it: every byte that
/// arrived, and how the connection ended (`None` = a clean EOF).
async fn raw_exchange(addr: SocketAddr, request: &str) -> (Vec<u8>, Option<ErrorKind>) {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream.write_all(request.as_bytes()).await.expect("write");
    read_to_end_or_error(&mut stream).await
}

async fn read_to_end_or_error(stream: &mut TcpStream) -> (Vec<u8>, Option<ErrorKind>) {
    let mut got = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let read = tokio::time::timeout(Duration::from_secs(20), stream.read(&mut buf))
            .await
            .expect("the server ends the connection within 20 s");
        match read {
            Ok(0) => return (got, None),
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) => return (got, Some(e.kind())),
        }
    }
}

/// A raw HTTP/1.1 DeleteCall by GET with the token key.
fn raw_delete(selector: &str) -> String {
    format!(
        "GET /verba/api?action=DeleteCall&apiKey={KEY}&token={TOKEN}&{selector} HTTP/1.1\r\n\
         Host: 127.0.0.1\r\n\r\n"
    )
}

/// The `fault` of each record in `recent`, in order.
fn recorded_faults(requests: &Value) -> Vec<Option<String>> {
    requests["recent"]
        .as_array()
        .expect("recent")
        .iter()
        .map(|r| r["fault"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn control_the_raw_reader_sees_bytes_written_just_before_a_reset() {
    // The wire proof below relies on this: bytes a server writes before it resets the
    // connection still reach the reader. Without it, "no byte arrived" would prove nothing.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let server = tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.expect("accept");
        let mut buf = [0u8; 1024];
        let _ = socket.read(&mut buf).await;
        socket
            .write_all(b"HTTP/1.1 200 OK\r\n")
            .await
            .expect("write");
        socket.set_zero_linger().expect("linger");
        drop(socket);
    });
    let (got, end) = raw_exchange(addr, &raw_delete("callID=x")).await;
    server.await.expect("server");
    assert_eq!(got, b"HTTP/1.1 200 OK\r\n", "ended with {end:?}");
    assert_eq!(end, Some(ErrorKind::ConnectionReset));
}

#[tokio::test]
async fn drop_before_cuts_the_connection_and_changes_nothing() {
    let emu = start_faulty(json!({"dropBeforeRate": 1})).await;
    let before = emu.call_ids().await;
    assert_eq!(delete(&emu, ("callID", &c(1))).await, Seen::NetworkError);
    assert_eq!(delete(&emu, ("callID", &c(3))).await, Seen::NetworkError);
    assert_eq!(emu.call_ids().await, before);
    assert_eq!(
        emu.call(&c(3)).await.expect("c3")["markedForDeletion"],
        false
    );

    // On the wire: not one byte, a reset.
    let (got, end) = raw_exchange(emu.running.addr, &raw_delete(&format!("callID={}", c(1)))).await;
    assert!(got.is_empty(), "got {:?}", String::from_utf8_lossy(&got));
    assert_eq!(end, Some(ErrorKind::ConnectionReset));
    assert_eq!(emu.call_ids().await, before);

    let requests = emu.requests().await;
    assert_eq!(requests["count"], 3);
    assert_eq!(
        recorded_faults(&requests),
        vec![Some("dropBefore".to_string()); 3]
    );
    assert_eq!(
        requests["faults"],
        json!({"dropBefore": 3, "dropAfterDelete": 0, "unavailable": 0, "delayed": 0})
    );
    let lines = emu.log_lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("/verba/api") && l.contains("-> connection cut fault=dropBefore")),
        "{lines:#?}"
    );
}

#[tokio::test]
async fn a_cut_on_a_kept_alive_connection_sends_nothing_after_the_previous_reply() {
    // closeConnections off, so that the connection stays open after the admin reply.
    let emu = start_faulty(json!({"dropBeforeRate": 1, "closeConnections": false})).await;
    let mut stream = TcpStream::connect(emu.running.addr).await.expect("connect");
    // An admin request (never faulted) first, read to its end, on the same connection.
    stream
        .write_all(b"GET /__emulator/requests HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .expect("write");
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).await.expect("head");
        head.push(byte[0]);
    }
    let head = String::from_utf8(head).expect("ASCII head");
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    let length: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(str::to_string)
        })
        .expect("content-length")
        .trim()
        .parse()
        .expect("a number");
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).await.expect("body");

    stream
        .write_all(raw_delete(&format!("callID={}", c(1))).as_bytes())
        .await
        .expect("write");
    let (got, end) = read_to_end_or_error(&mut stream).await;
    assert!(got.is_empty(), "got {:?}", String::from_utf8_lossy(&got));
    assert_eq!(end, Some(ErrorKind::ConnectionReset));
    assert!(emu.call_ids().await.contains(&c(1)));
}

#[tokio::test]
async fn drop_after_delete_deletes_then_cuts() {
    let emu = start_faulty(json!({"dropAfterDeleteRate": 1})).await;
    assert_eq!(delete(&emu, ("callID", &c(1))).await, Seen::NetworkError);
    assert!(!emu.call_ids().await.contains(&c(1)));
    // An ongoing call is marked, then the connection is cut.
    assert_eq!(delete(&emu, ("callID", &c(3))).await, Seen::NetworkError);
    assert_eq!(
        emu.call(&c(3)).await.expect("c3")["markedForDeletion"],
        true
    );

    // On the wire: the call goes, not one byte comes back.
    let (got, end) = raw_exchange(emu.running.addr, &raw_delete(&format!("callID={}", c(2)))).await;
    assert!(got.is_empty(), "got {:?}", String::from_utf8_lossy(&got));
    assert_eq!(end, Some(ErrorKind::ConnectionReset));
    assert!(!emu.call_ids().await.contains(&c(2)));

    // A request that deletes nothing is answered as usual, without a fault: not found (2),
    // ambiguous (3), protected (5), a bad key (4).
    for (selector, code) in [
        (("callID", c(1)), 2),
        (("platformCallID", "P-dup".to_string()), 3),
        (("callID", c(6)), 5),
    ] {
        match delete(&emu, (selector.0, &selector.1)).await {
            Seen::Answer(200, body) => assert_eq!(common::xml_code(&body), code, "{body}"),
            other => panic!("{selector:?}: {other:?}"),
        }
    }
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", "wrong"),
            ("callID", &c(4)),
        ])
        .await;
    assert_eq!(reply.code(), 4, "{}", reply.body);

    let requests = emu.requests().await;
    assert_eq!(requests["count"], 7);
    let expected: Vec<Option<String>> = [true, true, true, false, false, false, false]
        .iter()
        .map(|&cut| cut.then(|| "dropAfterDelete".to_string()))
        .collect();
    assert_eq!(recorded_faults(&requests), expected);
    assert_eq!(requests["faults"]["dropAfterDelete"], 3);
    let lines = emu.log_lines();
    assert!(
        lines
            .iter()
            .any(|l| l.contains("-> connection cut after code=0 fault=dropAfterDelete")),
        "{lines:#?}"
    );
}

#[tokio::test]
async fn unavailable_is_a_503_page_with_retry_after_and_does_nothing() {
    let emu = start_faulty(json!({"unavailableRate": 1.0, "retryAfterS": 7})).await;
    let before = emu.call_ids().await;
    let reply = emu
        .api_post(&[("apiKey", KEY), ("token", TOKEN), ("callID", &c(1))])
        .await;
    assert_eq!(reply.status, 503);
    assert_eq!(reply.headers["retry-after"], "7");
    assert!(
        reply.content_type.starts_with("text/html"),
        "{}",
        reply.content_type
    );
    assert!(reply.body.starts_with("<!DOCTYPE html>"), "{}", reply.body);
    assert!(
        reply.body.contains("503 Service Unavailable"),
        "{}",
        reply.body
    );
    assert_eq!(reply.headers["cache-control"], "no-store");
    // RequestToken too: no token is issued.
    let reply = emu
        .api_get(&[
            ("action", "RequestToken"),
            ("apiKey", KEY),
            ("userName", "u"),
            ("password", "p"),
        ])
        .await;
    assert_eq!(reply.status, 503);
    assert_eq!(emu.call_ids().await, before);
    let requests = emu.requests().await;
    assert_eq!(requests["faults"]["unavailable"], 2);
    assert_eq!(
        recorded_faults(&requests),
        vec![Some("unavailable".to_string()); 2]
    );
    assert!(
        emu.log_lines()
            .iter()
            .any(|l| l.contains("-> 503 fault=unavailable")),
        "{:#?}",
        emu.log_lines()
    );

    // retryAfterS defaults to 1.
    let (status, summary) = emu
        .reset(&json!({"faults": {"unavailableRate": 1}}).to_string())
        .await;
    assert_eq!(status, 200, "{summary}");
    assert_eq!(summary["faults"]["retryAfterS"], 1);
    let reply = emu.api_get(&[("action", "DeleteCall")]).await;
    assert_eq!(reply.status, 503);
    assert_eq!(reply.headers["retry-after"], "1");
}

#[tokio::test]
async fn delay_holds_each_answer_within_the_range() {
    let emu = start_faulty(json!({"delayMs": [60, 90]})).await;
    for n in 0..6 {
        let started = Instant::now();
        let reply = emu.delete(&[("callID", &c(100 + n))]).await;
        let elapsed = started.elapsed();
        assert_eq!(reply.code(), 2, "{}", reply.body);
        assert!(elapsed >= Duration::from_millis(60), "{elapsed:?}");
        assert!(elapsed < Duration::from_millis(90 + 2000), "{elapsed:?}");
    }
    let requests = emu.requests().await;
    for record in requests["recent"].as_array().expect("recent") {
        let ms = record["delayMs"].as_u64().expect("delayMs recorded");
        assert!((60..=90).contains(&ms), "{record}");
        assert!(record.get("fault").is_none(), "{record}");
    }
    assert_eq!(requests["faults"]["delayed"], 6);

    // With responseDelayMs the two add up; a cut is held too.
    let mut value: Value = serde_json::from_str(&common::fixture_json()).expect("fixture");
    value["responseDelayMs"] = json!(100);
    value["faults"] = json!({"delayMs": [50, 50], "dropBeforeRate": 1});
    let (status, summary) = emu.reset(&value.to_string()).await;
    assert_eq!(status, 200, "{summary}");
    let started = Instant::now();
    assert_eq!(delete(&emu, ("callID", &c(1))).await, Seen::NetworkError);
    assert!(
        started.elapsed() >= Duration::from_millis(150),
        "{:?}",
        started.elapsed()
    );
    // No delayMs: nothing recorded, nothing delayed.
    let (status, _) = emu.reset(&json!({"faults": {"seed": 3}}).to_string()).await;
    assert_eq!(status, 200);
    emu.api_get(&[("action", "DeleteCall")]).await;
    let requests = emu.requests().await;
    assert!(requests["recent"][0].get("delayMs").is_none(), "{requests}");
    assert_eq!(requests["faults"]["delayed"], 0);
}

/// The fault sequence of `total` requests that would all succeed (marking an ongoing call with
/// the open key: deleting a marked call answers 0 again), sent `parallel` at a time, read from
/// the request log by request number.
async fn fault_sequence(emu: &common::Emu, total: usize, parallel: usize) -> Vec<Option<String>> {
    let mut sequence = Vec::with_capacity(total);
    let client = common::client();
    let url = emu.url(&format!(
        "/verba/api?action=DeleteCall&apiKey={OPEN_KEY}&callID={}",
        c(3)
    ));
    // The log keeps the last 100 records: read it every 50 requests.
    for chunk in (0..total).collect::<Vec<_>>().chunks(50) {
        for group in chunk.chunks(parallel) {
            let sends = group.iter().map(|_| client.get(&url).send());
            for response in futures_join(sends).await.into_iter().flatten() {
                let _ = response.bytes().await;
            }
        }
        let requests = emu.requests().await;
        let faults = recorded_faults(&requests);
        sequence.extend_from_slice(&faults[faults.len() - chunk.len()..]);
    }
    sequence
}

/// Runs futures concurrently and collects their outputs in order (no futures crate here).
async fn futures_join<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}

#[tokio::test]
async fn the_same_seed_gives_the_same_faults_whatever_the_timing() {
    let faults = json!({"seed": 1, "dropBeforeRate": 0.2, "dropAfterDeleteRate": 0.2,
                        "unavailableRate": 0.2});
    let emu = start_faulty(faults.clone()).await;
    let first = fault_sequence(&emu, 200, 1).await;

    // The same seed after a reset, 8 requests at a time: the same sequence by request number.
    let fixture = serde_json::to_string(&fixture_with(faults.clone())).expect("JSON");
    let (status, _) = emu.reset(&fixture).await;
    assert_eq!(status, 200);
    let second = fault_sequence(&emu, 200, 8).await;
    assert_eq!(first, second);

    // And it is the library's draw for (seed, n), n = 1..=200.
    let config = serde_json::from_value::<FaultsFixture>(faults.clone())
        .expect("faults")
        .validate("faults")
        .expect("valid");
    let predicted: Vec<Option<String>> = (1..=200)
        .map(|n| config.draw(n).fault.map(|f| f.name().to_string()))
        .collect();
    assert_eq!(first, predicted);
    for kind in [
        Fault::DropBefore,
        Fault::DropAfterDelete,
        Fault::Unavailable,
    ] {
        assert!(
            first.contains(&Some(kind.name().to_string())),
            "{kind:?} in {first:?}"
        );
    }
    assert!(first.contains(&None));

    // Another seed, another sequence.
    let mut other = faults;
    other["seed"] = json!(2);
    let (status, _) = emu
        .reset(&serde_json::to_string(&fixture_with(other)).expect("JSON"))
        .await;
    assert_eq!(status, 200);
    let third = fault_sequence(&emu, 200, 1).await;
    assert_ne!(first, third);
}

#[tokio::test]
async fn rates_are_roughly_right_over_2000_requests() {
    let emu = start_faulty(
        json!({"seed": 42, "dropBeforeRate": 0.1, "dropAfterDeleteRate": 0.05,
                                  "unavailableRate": 0.15}),
    )
    .await;
    let client = common::client();
    let url = emu.url(&format!(
        "/verba/api?action=DeleteCall&apiKey={OPEN_KEY}&callID={}",
        c(3)
    ));
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for _ in 0..(2000 / 20) {
        let sends = (0..20).map(|_| {
            let request = client.get(&url).send();
            async move {
                match request.await {
                    Ok(r) if r.status() == 503 => "unavailable",
                    Ok(r) if r.status() == 200 => match r.text().await {
                        Ok(body) if common::xml_code(&body) == 0 => "ok",
                        _ => "broken",
                    },
                    Ok(_) => "other status",
                    Err(_) => "network error",
                }
            }
        });
        for kind in futures_join(sends).await {
            *seen.entry(kind).or_default() += 1;
        }
    }
    let requests = emu.requests().await;
    assert_eq!(requests["count"], 2000);
    let counts = &requests["faults"];
    let count = |k: &str| counts[k].as_u64().expect("count");
    // Expected 200, 100, 300 (standard deviations about 13, 10, 16): loose bounds.
    assert!((140..=260).contains(&count("dropBefore")), "{counts}");
    assert!((50..=150).contains(&count("dropAfterDelete")), "{counts}");
    assert!((220..=380).contains(&count("unavailable")), "{counts}");
    // What the client saw agrees with the emulator's counts, request for request.
    assert_eq!(
        seen.get("network error").copied().unwrap_or(0),
        count("dropBefore") + count("dropAfterDelete"),
        "{seen:?}"
    );
    assert_eq!(
        seen.get("unavailable").copied().unwrap_or(0),
        count("unavailable"),
        "{seen:?}"
    );
    assert_eq!(
        seen.get("ok").copied().unwrap_or(0),
        2000 - count("dropBefore") - count("dropAfterDelete") - count("unavailable"),
        "{seen:?}"
    );
}

#[tokio::test]
async fn bad_fault_values_are_fixture_errors_naming_the_key() {
    let emu = start_faulty(json!({"unavailableRate": 1})).await;
    for (faults, key) in [
        (json!({"dropBeforeRate": 1.5}), "faults.dropBeforeRate"),
        (
            json!({"dropAfterDeleteRate": -0.1}),
            "faults.dropAfterDeleteRate",
        ),
        (
            json!({"unavailableRate": "often"}),
            "faults.unavailableRate",
        ),
        (
            json!({"dropBeforeRate": 0.5, "dropAfterDeleteRate": 0.3, "unavailableRate": 0.3}),
            "faults:",
        ),
        (json!({"seed": -1}), "faults.seed"),
        (json!({"seed": 0.5}), "faults.seed"),
        (json!({"retryAfterS": 1.5}), "faults.retryAfterS"),
        (json!({"retryAfterS": -2}), "faults.retryAfterS"),
        (json!({"delayMs": [10, 5]}), "faults.delayMs"),
        (json!({"delayMs": [0, 60001]}), "faults.delayMs"),
        (json!({"delayMs": [1, 2, 3]}), "faults.delayMs"),
        (json!({"delayMs": "0,30"}), "faults.delayMs"),
        (
            json!({"closeConnections": "yes"}),
            "faults.closeConnections",
        ),
        (json!({"dropRate": 0.1}), "unknown field `dropRate`"),
        (json!([0.1]), "faults"),
    ] {
        let body = json!({"faults": faults}).to_string();
        let (status, answer) = emu.reset(&body).await;
        assert_eq!(status, 400, "{body}: {answer}");
        let error = answer["error"].as_str().expect("error");
        assert!(error.contains(key), "{body}: {error}");
    }
    // The state (and its faults) stayed as they were.
    let reply = emu.api_get(&[("action", "DeleteCall")]).await;
    assert_eq!(reply.status, 503);
    // The edges are fine.
    for faults in [
        json!({}),
        json!({"dropBeforeRate": 0.1, "dropAfterDeleteRate": 0.2, "unavailableRate": 0.7}),
        json!({"retryAfterS": 0, "delayMs": [0, 0], "seed": u64::MAX}),
        json!({"delayMs": [60000, 60000]}),
    ] {
        let body = json!({"faults": faults}).to_string();
        let (status, answer) = emu.reset(&body).await;
        assert_eq!(status, 200, "{body}: {answer}");
    }
}

#[tokio::test]
async fn admin_and_static_routes_are_never_faulted() {
    let emu = start_faulty(json!({"dropBeforeRate": 1})).await;
    for _ in 0..5 {
        assert_eq!(emu.calls().await.len(), 18);
        assert_eq!(emu.requests().await["count"], 0);
        assert_eq!(emu.get("/__emulator/nope").await.status, 404);
        emu.get("/index.html").await;
    }
    let (status, summary) = emu
        .reset(&json!({"faults": {"unavailableRate": 1, "seed": 9}}).to_string())
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        summary["faults"],
        json!({"seed": 9, "dropBeforeRate": 0.0, "dropAfterDeleteRate": 0.0,
               "unavailableRate": 1.0, "retryAfterS": 1, "closeConnections": false})
    );
    // CORS preflights are answered by the CORS layer: not counted, not faulted.
    let preflight = emu
        .client
        .request(reqwest::Method::OPTIONS, emu.url("/verba/api"))
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("preflight");
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(emu.requests().await["count"], 0);
    // A fixture without faults turns them off; no "faults" in the views then.
    let (status, summary) = emu.reset(&common::fixture_json()).await;
    assert_eq!(status, 200);
    assert!(summary.get("faults").is_none(), "{summary}");
    assert_eq!(emu.delete(&[("callID", &c(1))]).await.code(), 0);
    let requests = emu.requests().await;
    assert!(requests.get("faults").is_none(), "{requests}");
    assert!(requests["recent"][0].get("fault").is_none(), "{requests}");
}

#[tokio::test]
async fn close_connections_puts_every_request_on_a_connection_of_its_own() {
    // Default with a drop rate: every route answers `Connection: close` (preflights included),
    // so no browser resends a cut request on a reused connection.
    let emu = start_faulty(json!({"dropBeforeRate": 0.5, "seed": 1})).await;
    let connection = |r: &common::Reply| {
        r.headers
            .get("connection")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let admin = emu.get("/__emulator/calls").await;
    assert_eq!(connection(&admin).as_deref(), Some("close"));
    let missing = emu.get("/no-such-file").await;
    assert_eq!(connection(&missing).as_deref(), Some("close"));
    let preflight = emu
        .client
        .request(reqwest::Method::OPTIONS, emu.url("/verba/api"))
        .header("origin", "http://localhost:3000")
        .header("access-control-request-method", "POST")
        .send()
        .await
        .expect("preflight");
    assert_eq!(preflight.headers()["connection"], "close");
    let mut answered = 0;
    for n in 0..20 {
        if let Seen::Answer(200, _) = delete(&emu, ("callID", &c(100 + n))).await {
            answered += 1;
        }
    }
    assert!(answered > 0);
    let reply = emu.api_get(&[("action", "Probe")]).await;
    assert_eq!(
        connection(&reply).as_deref(),
        Some("close"),
        "{}",
        reply.status
    );

    // Off when asked, and by default without a drop rate; never without faults.
    for faults in [
        json!({"dropBeforeRate": 1, "closeConnections": false}),
        json!({"unavailableRate": 1}),
    ] {
        let (status, summary) = emu.reset(&json!({"faults": faults}).to_string()).await;
        assert_eq!(status, 200);
        assert_eq!(summary["faults"]["closeConnections"], false, "{summary}");
        assert_eq!(connection(&emu.get("/__emulator/calls").await), None);
    }
    let (status, summary) = emu
        .reset(&json!({"faults": {"closeConnections": true}}).to_string())
        .await;
    assert_eq!(
        (status, &summary["faults"]["closeConnections"]),
        (200, &json!(true))
    );
    assert_eq!(
        connection(&emu.get("/__emulator/calls").await).as_deref(),
        Some("close")
    );
    emu.reset("{}").await;
    assert_eq!(connection(&emu.get("/__emulator/calls").await), None);
}

#[tokio::test]
async fn a_router_without_serve_cannot_cut_and_says_so() {
    use tower::ServiceExt;
    let (router, _) = verba_emulator::app(
        &Options {
            log: verba_emulator::log::LogSink::Off,
            ..Options::default()
        },
        &fixture_with(json!({"dropBeforeRate": 1})),
    )
    .expect("app");
    let request = axum::http::Request::get("/verba/api?action=DeleteCall")
        .body(axum::body::Body::empty())
        .expect("request");
    let response = router.oneshot(request).await.expect("response");
    assert_eq!(response.status(), 502);
}

#[test]
fn cli_flags_describe_the_faults() {
    let cli = Cli::try_parse_from([
        "verba-emulator",
        "--fault-seed",
        "5",
        "--fault-drop-before-rate",
        "0.05",
        "--fault-drop-after-delete-rate",
        "0.03",
        "--fault-unavailable-rate",
        "0.05",
        "--fault-retry-after-s",
        "2",
        "--fault-delay-ms",
        "0,30",
        "--fault-close-connections",
        "false",
    ])
    .expect("parsed");
    let faults = cli
        .faults()
        .expect("faults")
        .validate("faults")
        .expect("valid");
    assert_eq!(faults.seed, 5);
    assert_eq!(faults.drop_before_rate, 0.05);
    assert_eq!(faults.drop_after_delete_rate, 0.03);
    assert_eq!(faults.unavailable_rate, 0.05);
    assert_eq!(faults.retry_after_s, 2);
    assert_eq!(faults.delay_ms, Some([0, 30]));
    assert!(!faults.close_connections);
    assert_eq!(cli.options().faults, cli.faults());

    // One number is both ends; no flag, no faults.
    let cli = Cli::try_parse_from(["verba-emulator", "--fault-delay-ms", "25"]).expect("parsed");
    let faults = cli
        .faults()
        .expect("faults")
        .validate("faults")
        .expect("valid");
    assert_eq!(faults.delay_ms, Some([25, 25]));
    assert_eq!(faults.drop_before_rate, 0.0);
    let cli = Cli::try_parse_from(["verba-emulator"]).expect("parsed");
    assert_eq!(cli.faults(), None);

    for bad in [
        ["--fault-drop-before-rate", "1.5"],
        ["--fault-unavailable-rate", "-0.1"],
        ["--fault-drop-after-delete-rate", "often"],
        ["--fault-seed", "-1"],
        ["--fault-retry-after-s", "1.5"],
        ["--fault-delay-ms", "30,0"],
        ["--fault-delay-ms", "0,60001"],
        ["--fault-delay-ms", "a,b"],
        ["--fault-close-connections", "maybe"],
    ] {
        let parsed = Cli::try_parse_from(["verba-emulator", bad[0], bad[1]]);
        assert!(parsed.is_err(), "{bad:?} accepted");
    }
}

#[tokio::test]
async fn the_binary_applies_the_flags_unless_a_fixture_has_its_own_faults() {
    let emu = spawn(&[
        "--quiet",
        "--fault-unavailable-rate",
        "1",
        "--fault-retry-after-s",
        "3",
    ]);
    let client = common::client();
    let api = format!("{}/verba/api?action=DeleteCall", emu.url);
    let response = client.get(&api).send().await.expect("GET");
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "3");

    let reset = |body: String| {
        let request = client
            .post(format!("{}/__emulator/reset", emu.url))
            .body(body)
            .send();
        async move { request.await.expect("reset").status().as_u16() }
    };
    // A fixture with its own faults: those.
    assert_eq!(
        reset(json!({"faults": {"dropBeforeRate": 1}}).to_string()).await,
        200
    );
    assert!(client.get(&api).send().await.is_err());
    // A fixture without: none.
    assert_eq!(reset("{}".to_string()).await, 200);
    assert_eq!(client.get(&api).send().await.expect("GET").status(), 200);
    // Empty body: the demo data with the flags' faults, as at start.
    assert_eq!(reset(String::new()).await, 200);
    assert_eq!(client.get(&api).send().await.expect("GET").status(), 503);
    drop(emu);

    // The flags on a --fixture without faults, and a fixture's own faults winning.
    let dir = std::env::temp_dir().join(format!("verba-faults-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let plain = dir.join("plain.json");
    std::fs::write(&plain, common::fixture_json()).expect("write");
    let own = dir.join("own.json");
    std::fs::write(
        &own,
        serde_json::to_string(&fixture_with(json!({"dropBeforeRate": 1}))).expect("JSON"),
    )
    .expect("write");
    for (file, expect_503) in [(&plain, true), (&own, false)] {
        let path = file.to_str().expect("path");
        let emu = spawn(&[
            "--quiet",
            "--fixture",
            path,
            "--fault-unavailable-rate",
            "1",
        ]);
        let sent = client
            .get(format!("{}/verba/api?action=DeleteCall", emu.url))
            .send()
            .await;
        match sent {
            Ok(r) => assert!(expect_503 && r.status() == 503, "{path}: {}", r.status()),
            Err(e) => assert!(!expect_503, "{path}: {e}"),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_binary_refuses_rates_that_add_up_to_more_than_1() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .args([
            "--port",
            "0",
            "--fault-drop-before-rate",
            "0.6",
            "--fault-unavailable-rate",
            "0.6",
        ])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--fault-* flags: dropBeforeRate + dropAfterDeleteRate + unavailableRate must be at most 1"), "{stderr}");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .args(["--fault-delay-ms", "9,1"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--fault-delay-ms"));
}

#[tokio::test]
async fn help_documents_the_flags() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .arg("--help")
        .output()
        .expect("run");
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--fault-seed",
        "--fault-drop-before-rate",
        "--fault-drop-after-delete-rate",
        "--fault-unavailable-rate",
        "--fault-retry-after-s",
        "--fault-delay-ms",
        "--fault-close-connections",
        "\"faults\"",
    ] {
        assert!(help.contains(flag), "{flag} in {help}");
    }
}
