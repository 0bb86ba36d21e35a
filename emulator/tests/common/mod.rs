//! Shared helpers of the integration tests: start the emulator in-process on a free loopback
//! port (or spawn the binary), talk real HTTP to it with reqwest, and a standard test fixture.
//!
//! Each test file uses only some helpers; the others would be dead code in that test crate.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use verba_emulator::fixture::{self, Fixture};
use verba_emulator::log::LogSink;
use verba_emulator::{Options, Running};

/// API key of the test fixture that requires a token.
pub const KEY: &str = "11111111-2222-4333-8444-555555555555";
/// The valid token of [`KEY`].
pub const TOKEN: &str = "tok-aaaaaaaaaaaaaaaaaaaa";
/// A token of [`KEY`] that expired at load time.
pub const EXPIRED_TOKEN: &str = "tok-expired-bbbbbbbbbbbb";
/// An API key that needs no token.
pub const OPEN_KEY: &str = "66666666-7777-4888-9999-aaaaaaaaaaaa";

/// callIDs of the test fixture's calls, `c(n)`.
pub fn c(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

/// The standard test fixture. Numbers and their calls:
/// - 1001: c1 finished (end -3500), c2 finished (end -1700), c3 ongoing, c4 scheduled +20 s,
///   c5 scheduled +120 s, c15 scheduled +45 s;
/// - +3612345678: c1 (written "+36 1 234 5678"); sip:alice@example.com: c2 (mixed case);
///   tel:+3699999999: c16; 2002: c3;
/// - 3003: c6 finished protected, c7 ongoing protected;
/// - 4004: c8 and c9 ongoing (ambiguous);
/// - platformCallID P-dup: c10 and c11 (ambiguous);
/// - 5005: c12 and c13 scheduled at the same moment, +20 s (ambiguous `next`);
/// - 6006: c16 finished (end -7100), c17 finished (end -2900);
/// - 7007: c18 scheduled +20 s, c19 ongoing.
pub fn fixture_json() -> String {
    let call = |n: u32, extra: &str| format!("{{\"callID\": \"{}\", {extra}}}", c(n));
    let calls = [
        call(
            1,
            r#""platformCallID": "P-1", "nativeID": "N-1", "meetingID": "M-1", "participants": ["1001", "+36 1 234 5678"], "state": "finished", "startOffsetS": -3600, "endOffsetS": -3500, "doNotDelete": false"#,
        ),
        call(
            2,
            r#""platformCallID": "P-2", "nativeID": "N-2", "meetingID": null, "participants": ["1001", "sip:Alice@Example.com"], "state": "finished", "startOffsetS": -1800, "endOffsetS": -1700"#,
        ),
        call(
            3,
            r#""participants": ["1001", "2002"], "state": "ongoing", "startOffsetS": -300"#,
        ),
        call(
            4,
            r#""participants": ["1001"], "state": "scheduled", "startOffsetS": 20"#,
        ),
        call(
            5,
            r#""participants": ["1001"], "state": "scheduled", "startOffsetS": 120"#,
        ),
        call(
            6,
            r#""participants": ["3003"], "state": "finished", "startOffsetS": -600, "endOffsetS": -500, "doNotDelete": true"#,
        ),
        call(
            7,
            r#""participants": ["3003"], "state": "ongoing", "startOffsetS": -60, "doNotDelete": true"#,
        ),
        call(
            8,
            r#""participants": ["4004"], "state": "ongoing", "startOffsetS": -60"#,
        ),
        call(
            9,
            r#""participants": ["4004"], "state": "ongoing", "startOffsetS": -30"#,
        ),
        call(
            10,
            r#""platformCallID": "P-dup", "participants": [], "state": "finished", "startOffsetS": -900, "endOffsetS": -800"#,
        ),
        call(
            11,
            r#""platformCallID": "P-dup", "state": "finished", "startOffsetS": -700, "endOffsetS": -650"#,
        ),
        call(
            12,
            r#""participants": ["5005"], "state": "scheduled", "startOffsetS": 20"#,
        ),
        call(
            13,
            r#""participants": ["5005"], "state": "scheduled", "startOffsetS": 20"#,
        ),
        call(
            15,
            r#""participants": ["1001"], "state": "scheduled", "startOffsetS": 45"#,
        ),
        call(
            16,
            r#""participants": ["6006", "tel:+3699999999"], "state": "finished", "startOffsetS": -7200, "endOffsetS": -7100"#,
        ),
        call(
            17,
            r#""participants": ["6006"], "state": "finished", "startOffsetS": -3000, "endOffsetS": -2900"#,
        ),
        call(
            18,
            r#""participants": ["7007"], "state": "scheduled", "startOffsetS": 20"#,
        ),
        call(
            19,
            r#""participants": ["7007"], "state": "ongoing", "startOffsetS": -100"#,
        ),
    ];
    format!(
        r#"{{
  "apiKeys": [
    {{"key": "{KEY}", "tokens": ["{TOKEN}", {{"token": "{EXPIRED_TOKEN}", "expiresOffsetS": -1}}], "requiresToken": true}},
    {{"key": "{OPEN_KEY}", "requiresToken": false}}
  ],
  "calls": [{}]
}}"#,
        calls.join(",\n    ")
    )
}

/// The parsed standard fixture.
pub fn fixture() -> Fixture {
    match fixture::parse(fixture_json().as_bytes()) {
        Ok(f) => f,
        Err(e) => panic!("test fixture: {e}"),
    }
}

/// A reply: HTTP status, Content-Type, body.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: String,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    /// The `code` attribute of an XML reply (panics with the body if there is none).
    pub fn code(&self) -> u32 {
        xml_code(&self.body)
    }

    /// The first value of header `name`, if it is there and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// The `code="N"` of an XML body.
pub fn xml_code(body: &str) -> u32 {
    let start = body
        .find("code=\"")
        .unwrap_or_else(|| panic!("no code attribute in {body:?}"))
        + 6;
    let end = body[start..]
        .find('"')
        .unwrap_or_else(|| panic!("unterminated code in {body:?}"))
        + start;
    body[start..end]
        .parse()
        .unwrap_or_else(|_| panic!("code is not a number in {body:?}"))
}

/// A running in-process emulator and a client for it.
pub struct Emu {
    pub running: Running,
    pub client: reqwest::Client,
    pub logs: Arc<Mutex<Vec<String>>>,
}

/// Starts the emulator with the standard test fixture.
pub async fn start() -> Emu {
    start_with(Options::default(), &fixture()).await
}

/// Starts the emulator with options (the log always goes to memory) and a fixture.
pub async fn start_with(mut options: Options, fixture: &Fixture) -> Emu {
    let (sink, logs) = LogSink::memory();
    options.log = sink;
    let addr = "127.0.0.1:0".parse().expect("address");
    let running = verba_emulator::start(addr, options, fixture)
        .await
        .expect("the emulator starts");
    let client = client();
    Emu {
        running,
        client,
        logs,
    }
}

/// A reqwest client with a 30 s timeout. reqwest is built without a TLS crypto provider of its
/// own (see `verba_emulator::proxy::install_crypto_provider`), so every client of the tests is
/// made here or in [`client_builder`] / [`http_get`].
pub fn client() -> reqwest::Client {
    client_builder()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

/// A reqwest client builder, the crypto provider installed.
pub fn client_builder() -> reqwest::ClientBuilder {
    verba_emulator::proxy::install_crypto_provider();
    reqwest::Client::builder()
}

/// `reqwest::get`, the crypto provider installed.
pub async fn http_get(url: impl reqwest::IntoUrl) -> reqwest::Result<reqwest::Response> {
    client().get(url).send().await
}

/// URL-encodes pairs as a query string or form body.
pub fn encode(pairs: &[(&str, &str)]) -> String {
    serde_urlencoded::to_string(pairs).expect("encodable")
}

impl Emu {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.url())
    }

    async fn reply(response: reqwest::Response) -> Reply {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let content_type = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = response.text().await.expect("body");
        Reply {
            status,
            content_type,
            body,
            headers,
        }
    }

    /// GET `path` (with its query, if any).
    pub async fn get(&self, path: &str) -> Reply {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        Self::reply(response).await
    }

    /// GET /verba/api with these parameters.
    pub async fn api_get(&self, pairs: &[(&str, &str)]) -> Reply {
        self.get(&format!("/verba/api?{}", encode(pairs))).await
    }

    /// POST /verba/api?action=DeleteCall with the other parameters in a form body (the
    /// client's default transport).
    pub async fn api_post(&self, pairs: &[(&str, &str)]) -> Reply {
        self.post(
            "/verba/api?action=DeleteCall",
            Some("application/x-www-form-urlencoded"),
            encode(pairs),
        )
        .await
    }

    /// POST with an explicit content type (or none) and body.
    pub async fn post(&self, path: &str, content_type: Option<&str>, body: String) -> Reply {
        let mut request = self.client.post(self.url(path)).body(body);
        if let Some(ct) = content_type {
            request = request.header(reqwest::header::CONTENT_TYPE, ct);
        }
        Self::reply(request.send().await.expect("POST")).await
    }

    /// DeleteCall by GET with the fixture's token key plus these parameters.
    pub async fn delete(&self, pairs: &[(&str, &str)]) -> Reply {
        let mut all = vec![("action", "DeleteCall"), ("apiKey", KEY), ("token", TOKEN)];
        all.extend_from_slice(pairs);
        self.api_get(&all).await
    }

    /// The `calls` array of GET /__emulator/calls.
    pub async fn calls(&self) -> Vec<Value> {
        let reply = self.get("/__emulator/calls").await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        let value: Value = serde_json::from_str(&reply.body).expect("JSON listing");
        value["calls"].as_array().expect("calls array").clone()
    }

    /// The callIDs of the listing, in order.
    pub async fn call_ids(&self) -> Vec<String> {
        self.calls()
            .await
            .iter()
            .map(|c| c["callID"].as_str().expect("callID").to_string())
            .collect()
    }

    /// One call of the listing by callID.
    pub async fn call(&self, id: &str) -> Option<Value> {
        self.calls()
            .await
            .into_iter()
            .find(|c| c["callID"].as_str() == Some(id))
    }

    /// GET /__emulator/requests.
    pub async fn requests(&self) -> Value {
        let reply = self.get("/__emulator/requests").await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        serde_json::from_str(&reply.body).expect("JSON requests")
    }

    /// POST /__emulator/reset with a body; returns the status and the JSON answer.
    pub async fn reset(&self, body: &str) -> (u16, Value) {
        let reply = self
            .post(
                "/__emulator/reset",
                Some("application/json"),
                body.to_string(),
            )
            .await;
        let value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
        (reply.status, value)
    }

    /// The log lines written so far.
    pub fn log_lines(&self) -> Vec<String> {
        self.logs.lock().expect("log lock").clone()
    }
}

/// The emulator binary running as a child process.
pub struct Spawned {
    pub child: Child,
    pub url: String,
    stderr: Option<std::thread::JoinHandle<String>>,
}

/// Spawns the binary with these arguments plus `--port 0`, and waits for its start line.
pub fn spawn(args: &[&str]) -> Spawned {
    let mut child = Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .args(args)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the emulator");
    let stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the start line within 60 s");
    let url = line
        .strip_prefix("verba-emulator listening on ")
        .unwrap_or_else(|| panic!("unexpected start line {line:?}"))
        .trim_end()
        .to_string();
    Spawned {
        child,
        url,
        stderr: Some(stderr),
    }
}

impl Spawned {
    /// Stops the child and returns everything it wrote on stderr.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.stderr
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default()
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
