//! Talking to the emulator's admin routes, fixtures, and reading JavaScript values.

use js_sys::{Function, JSON, Reflect};
use wasm_bindgen::prelude::*;

// The client tests' helpers are in this snippet rather than one of their own: with a fourth
// inline snippet (five modules besides the wasm) wasm-bindgen-test-runner's server at times never
// finished serving the page's modules, and the headless run hung at "Loading scripts...".
#[wasm_bindgen(inline_js = r#"
export async function http(method, url, body) {
  const init = { method, cache: "no-store" };
  if (body !== undefined) {
    init.body = body;
    init.headers = { "content-type": "application/json" };
  }
  const response = await fetch(url, init);
  return { status: response.status, text: await response.text() };
}
export function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }
export function countingCredentials(userName, password) {
  const ask = async () => { ask.calls += 1; return { userName, password }; };
  ask.calls = 0;
  return ask;
}
export function failingCredentials(reason) {
  return () => Promise.reject(reason);
}
export function credentialsAnswering(value) {
  return () => value;
}
export function progressRecorder(throwing) {
  const record = (progress) => {
    record.seen.push([progress.done, progress.total, progress.counts]);
    if (throwing) throw new Error("the progress bar broke");
  };
  record.seen = [];
  return record;
}
export function countAbortListeners(signal) {
  const counts = { added: 0, removed: 0 };
  const add = signal.addEventListener, remove = signal.removeEventListener;
  signal.addEventListener = function (type, ...rest) {
    if (type === "abort") counts.added++;
    return add.call(this, type, ...rest);
  };
  signal.removeEventListener = function (type, ...rest) {
    if (type === "abort") counts.removed++;
    return remove.call(this, type, ...rest);
  };
  return counts;
}
const realNow = Date.now;
export function shiftClock(ms) { Date.now = () => realNow.call(Date) + ms; }
export function restoreClock() { Date.now = realNow; }
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    async fn http(method: &str, url: &str, body: JsValue) -> Result<JsValue, JsValue>;
    /// Resolves after `ms` milliseconds.
    pub async fn sleep(ms: u32);
    /// A credentials function resolving to `{ userName, password }`; `.calls` counts its calls.
    #[wasm_bindgen(js_name = countingCredentials)]
    pub fn counting_credentials(user_name: &str, password: &str) -> Function;
    /// A credentials function that rejects with `reason`.
    #[wasm_bindgen(js_name = failingCredentials)]
    pub fn failing_credentials(reason: &JsValue) -> Function;
    /// A credentials function that returns `value` as is.
    #[wasm_bindgen(js_name = credentialsAnswering)]
    pub fn credentials_answering(value: &JsValue) -> Function;
    /// An `onProgress` that keeps `[done, total, counts]` of each call in `.seen`, and throws
    /// after each when `throwing`.
    #[wasm_bindgen(js_name = progressRecorder)]
    pub fn progress_recorder(throwing: bool) -> Function;
    /// Moves `Date.now()` forward by `ms`.
    #[wasm_bindgen(js_name = shiftClock)]
    pub fn shift_clock(ms: f64);
    /// Puts the real `Date.now` back.
    #[wasm_bindgen(js_name = restoreClock)]
    pub fn restore_clock();
    /// Counts the `abort` listeners added to and removed from `signal` from now on:
    /// `{ added, removed }`, kept up to date.
    #[wasm_bindgen(js_name = countAbortListeners)]
    pub fn count_abort_listeners(signal: &web_sys::AbortSignal) -> JsValue;
}

/// The emulator under test.
// Read at compile time so the wasm test binary needs no environment; lint runs build it without.
#[allow(clippy::option_env_unwrap)]
pub fn emulator() -> &'static str {
    option_env!("VERBA_EMULATOR_URL")
        .expect("VERBA_EMULATOR_URL must be set at build time; run `make test-browser`")
}

/// The misbehaving server (`tests/support/hostile-server.mjs`).
#[allow(clippy::option_env_unwrap)]
pub fn hostile() -> &'static str {
    option_env!("VERBA_HOSTILE_URL")
        .expect("VERBA_HOSTILE_URL must be set at build time; run `make test-browser`")
}

/// How many API requests the misbehaving server has received.
pub async fn hostile_requests() -> f64 {
    hostile_counts().await.0
}

/// How many API requests the misbehaving server has received, and how many requests reached the
/// third origin its redirects point at.
pub async fn hostile_counts() -> (f64, f64) {
    let url = format!("{}/__requests", hostile());
    let reply = http("GET", &url, JsValue::UNDEFINED)
        .await
        .expect("hostile server request failed");
    let counts = JSON::parse(&text(&reply, "text")).expect("JSON");
    (
        get(&counts, "count").as_f64().expect("count"),
        get(&counts, "third").as_f64().expect("third"),
    )
}

/// A loopback URL where nothing listens.
#[allow(clippy::option_env_unwrap)]
pub fn closed_url() -> &'static str {
    option_env!("VERBA_CLOSED_URL")
        .expect("VERBA_CLOSED_URL must be set at build time; run `make test-browser`")
}

/// An API key that requires [`TOKEN`].
pub const KEY: &str = "6f1c3a52-8d4e-4b7a-9c21-0e5f7d8a9b10";
/// The token [`KEY`] requires.
pub const TOKEN: &str = "c0ffee00-1234-4abc-8def-0123456789ab";
/// An API key that requires no token.
pub const OPEN_KEY: &str = "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9";

/// The callID of generated call `n`.
pub fn call_id(n: usize) -> String {
    let mut id = String::from("00000000-0000-4000-8000-");
    let digits = n.to_string();
    id.push_str(&"0".repeat(12 - digits.len()));
    id.push_str(&digits);
    id
}

/// A fixture with `finished` finished calls numbered 0.., each with unique ids and a unique
/// participant `30NN`, plus the given extra calls (JSON objects), and the given reply delay.
pub fn fixture(finished: usize, extra_calls: &[String], delay_ms: u32) -> String {
    let mut calls: Vec<String> = (0..finished)
        .map(|n| {
            format!(
                r#"{{"callID":"{}","platformCallID":"P-{n}","nativeID":"N-{n}","meetingID":"M-{n}","participants":["{}"],"state":"finished","startOffsetS":{},"endOffsetS":{},"doNotDelete":false}}"#,
                call_id(n),
                3000 + n,
                -7200 + n as i64 * 10,
                -7195 + n as i64 * 10,
            )
        })
        .collect();
    calls.extend(extra_calls.iter().cloned());
    format!(
        r#"{{"apiKeys":[{{"key":"{KEY}","tokens":["{TOKEN}"],"requiresToken":true}},{{"key":"{OPEN_KEY}","tokens":[],"requiresToken":false}}],"calls":[{}],"responseDelayMs":{delay_ms}}}"#,
        calls.join(",")
    )
}

/// The emulator's demo user, with the System Administrator and System Supervisor roles.
pub const USER: &str = "myapiuser";
/// Its password.
pub const PASSWORD: &str = "pa$$word";
/// A user who exists but lacks the roles RequestToken needs.
pub const PLAIN_USER: &str = "plainuser";
/// Its password.
pub const PLAIN_PASSWORD: &str = "plain-pass-1";

/// [`fixture`] with [`USER`] (both roles), [`PLAIN_USER`] (neither) and the token lifetime.
pub fn token_fixture(finished: usize, token_lifetime_s: u32, delay_ms: u32) -> String {
    let base = fixture(finished, &[], delay_ms);
    let users = format!(
        r#","users":[{{"userName":"{USER}","password":"{PASSWORD}","roles":["System Administrator","System Supervisor"]}},{{"userName":"{PLAIN_USER}","password":"{PLAIN_PASSWORD}","roles":[]}}],"tokenLifetimeS":{token_lifetime_s}}}"#
    );
    // `fixture` ends with the closing brace of its object.
    [&base[..base.len() - 1], &users].concat()
}

/// The actions of the API requests the emulator received since the last reset (at most the
/// last 100), oldest first.
pub async fn actions() -> Vec<String> {
    let log = admin_json("requests").await;
    js_sys::Array::from(&get(&log, "recent"))
        .iter()
        .map(|record| get(&record, "action").as_string().unwrap_or_default())
        .collect()
}

/// Loads a fixture into the emulator.
pub async fn reset(fixture: &str) {
    let url = format!("{}/__emulator/reset", emulator());
    let reply = http("POST", &url, JsValue::from_str(fixture))
        .await
        .expect("reset request failed");
    assert_eq!(
        get(&reply, "status").as_f64(),
        Some(200.0),
        "reset refused: {:?}",
        get(&reply, "text")
    );
}

async fn admin_json(route: &str) -> JsValue {
    let url = format!("{}/__emulator/{route}", emulator());
    let reply = http("GET", &url, JsValue::UNDEFINED)
        .await
        .expect("admin request failed");
    JSON::parse(&get(&reply, "text").as_string().expect("text")).expect("admin JSON")
}

/// The emulator's calls: `(callID, markedForDeletion)`.
pub async fn calls() -> Vec<(String, bool)> {
    let listing = admin_json("calls").await;
    js_sys::Array::from(&get(&listing, "calls"))
        .iter()
        .map(|call| {
            (
                get(&call, "callID").as_string().expect("callID"),
                get(&call, "markedForDeletion")
                    .as_bool()
                    .expect("markedForDeletion"),
            )
        })
        .collect()
}

/// The emulator's request log: `{ count, recent, faults? }`.
pub async fn emulator_requests() -> JsValue {
    admin_json("requests").await
}

/// How many API requests the emulator has received since the last reset, and the newest.
pub async fn requests() -> (f64, JsValue) {
    let log = admin_json("requests").await;
    let recent = js_sys::Array::from(&get(&log, "recent"));
    (get(&log, "count").as_f64().expect("count"), recent.at(-1))
}

/// Sends a raw GET to the emulator's API (bypassing the client), for replies the client would
/// never provoke.
pub async fn raw_api_get(query: &str) -> (u16, String) {
    let url = format!("{}/verba/api?{query}", emulator());
    let reply = http("GET", &url, JsValue::UNDEFINED)
        .await
        .expect("raw request failed");
    (
        get(&reply, "status").as_f64().expect("status") as u16,
        get(&reply, "text").as_string().expect("text"),
    )
}

/// `value[key]`.
pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// `value[key]` as a string (panics in the test if it is not one).
pub fn text(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string: {:?}", get(value, key)))
}

/// An options object from `(name, value)` pairs; `baseUrl` is the emulator unless given.
pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    Reflect::set(&object, &"baseUrl".into(), &emulator().into()).expect("set");
    for (name, value) in pairs {
        Reflect::set(&object, &JsValue::from_str(name), value).expect("set");
    }
    object.into()
}

/// Awaits `deleteCall` and expects a rejection.
pub async fn rejection(options: JsValue) -> JsValue {
    match verba_api::js::delete_call(options).await {
        Ok(result) => panic!("expected a rejection, got {:?}", JSON::stringify(&result)),
        Err(error) => error,
    }
}

/// Asserts a `VerbaError` with `code` that ended a DeleteCall, and that its message holds no
/// secret.
pub fn assert_verba_error(error: &JsValue, code: &str) {
    assert_error_of(error, code, true);
}

/// [`assert_verba_error`] for an error that ended a RequestToken: it deletes nothing, so
/// `mayHaveDeleted` is false whatever the code.
pub fn assert_token_request_error(error: &JsValue, code: &str) {
    assert_error_of(error, code, false);
}

fn assert_error_of(error: &JsValue, code: &str, deletes: bool) {
    assert!(
        verba_api::js::is_verba_error(error),
        "not a VerbaError: {error:?}"
    );
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "VerbaError must extend Error"
    );
    assert_eq!(text(error, "name"), "VerbaError");
    assert_eq!(
        text(error, "code"),
        code,
        "message: {:?}",
        get(error, "message")
    );
    let message = text(error, "message");
    for secret in [KEY, TOKEN, OPEN_KEY] {
        assert!(!message.contains(secret), "secret in message: {message}");
    }
    // Spec §5, "Honest outcomes": every request the tests make was sent, so only a readable
    // refusal (or validation, which sends nothing) says the call was not deleted.
    let may_have_deleted = deletes
        && !matches!(
            code,
            "VALIDATION" | "CALL_NOT_FOUND" | "AUTH_FAILED" | "API_ERROR"
        );
    assert_eq!(
        get(error, "mayHaveDeleted").as_bool(),
        Some(may_have_deleted),
        "mayHaveDeleted of {code}: {message}"
    );
    assert_eq!(
        message.ends_with("The recorder may have deleted the call; check before retrying."),
        may_have_deleted,
        "{message}"
    );
}

/// Options that delete generated call 0 with [`OPEN_KEY`] from the emulator, plus `extra`.
pub fn delete_call_0(extra: &[(&str, JsValue)]) -> JsValue {
    let mut pairs = vec![
        ("apiKey", JsValue::from_str(OPEN_KEY)),
        ("callID", JsValue::from_str(&call_id(0))),
    ];
    pairs.extend(extra.iter().cloned());
    options(&pairs)
}

/// Polls both futures on the one browser thread until both are done.
pub async fn futures_join<A: std::future::Future, B: std::future::Future>(
    a: A,
    b: B,
) -> (A::Output, B::Output) {
    use std::pin::pin;
    use std::task::Poll;
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut out_a, mut out_b) = (None, None);
    std::future::poll_fn(|cx| {
        if out_a.is_none()
            && let Poll::Ready(value) = a.as_mut().poll(cx)
        {
            out_a = Some(value);
        }
        if out_b.is_none()
            && let Poll::Ready(value) = b.as_mut().poll(cx)
        {
            out_b = Some(value);
        }
        if out_a.is_some() && out_b.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (
        out_a.expect("polled to completion"),
        out_b.expect("polled to completion"),
    )
}
