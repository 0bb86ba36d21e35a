//! What happens while a reply's body is read, against a server that misbehaves after its
//! headers: the caller's abort, the timeout, a reset; and the abort guard's listener and timer
//! removed on every path.

use crate::support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

#[wasm_bindgen(inline_js = r#"
export function watchTimers(ms) {
  const set = globalThis.setTimeout, clear = globalThis.clearTimeout, pending = new Set();
  const counts = { set: 0, cleared: 0 };
  globalThis.setTimeout = function (handler, delay, ...rest) {
    const handle = set(handler, delay, ...rest);
    if (delay === ms) { counts.set++; pending.add(handle); }
    return handle;
  };
  globalThis.clearTimeout = function (handle) {
    if (pending.delete(handle)) counts.cleared++;
    return clear(handle);
  };
  counts.restore = () => { globalThis.setTimeout = set; globalThis.clearTimeout = clear; };
  return counts;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = watchTimers)]
    fn watch_timers(ms: u32) -> JsValue;
}

/// A timeout no other code here uses, so its timers can be told apart.
const WATCHED_MS: u32 = 7_777;

fn hostile_options(route: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let mut pairs = vec![
        (
            "baseUrl",
            JsValue::from_str(&format!("{}/{route}", hostile())),
        ),
        ("apiKey", JsValue::from_str(OPEN_KEY)),
        ("callID", JsValue::from_str(&call_id(0))),
    ];
    pairs.extend(extra.iter().cloned());
    options(&pairs)
}

/// Resolves once the misbehaving server has seen more than `before` requests, and a little
/// later, so the headers have reached the client: what follows happens while the body is read.
async fn once_answering(before: f64) {
    for _ in 0..500 {
        if hostile_requests().await > before {
            sleep(200).await;
            return;
        }
        sleep(10).await;
    }
    panic!("the request never reached the misbehaving server");
}

#[wasm_bindgen_test]
async fn a_caller_abort_while_the_body_is_read_rejects_with_its_reason() {
    let before = hostile_requests().await;
    let controller = AbortController::new().expect("AbortController");
    let reason = js_sys::Object::new();
    let pending = verba_api::js::delete_call(hostile_options(
        "stall-body",
        &[("signal", controller.signal().into())],
    ));
    let abort = async {
        once_answering(before).await;
        controller.abort_with_reason(&reason);
    };
    let (outcome, ()) = futures_join(pending, abort).await;
    let error = outcome.expect_err("aborted");
    assert!(js_sys::Object::is(&error, &reason), "{error:?}");
}

#[wasm_bindgen_test]
async fn the_timeout_covers_the_body() {
    let error = rejection(hostile_options("stall-body", &[("timeoutMs", 700.into())])).await;
    assert_verba_error(&error, "TIMEOUT");
    assert!(text(&error, "message").contains("700 ms"));
}

#[wasm_bindgen_test]
async fn a_reset_while_the_body_is_read_is_network_with_the_platforms_error_as_cause() {
    let error = rejection(hostile_options("reset-body", &[])).await;
    assert_verba_error(&error, "NETWORK");
    let cause = get(&error, "cause");
    assert!(cause.is_instance_of::<js_sys::Error>(), "{cause:?}");
    assert_eq!(text(&cause, "name"), "TypeError");
}

#[wasm_bindgen_test]
async fn the_guard_removes_its_listener_and_timer_on_every_path() {
    reset(&fixture(1, &[], 0)).await;
    let timers = watch_timers(WATCHED_MS);
    let restore: js_sys::Function = get(&timers, "restore").into();

    // An answer.
    let controller = AbortController::new().expect("AbortController");
    let listeners = count_abort_listeners(&controller.signal());
    let delete = options(&[
        ("apiKey", OPEN_KEY.into()),
        ("callID", call_id(0).into()),
        ("signal", controller.signal().into()),
        ("timeoutMs", WATCHED_MS.into()),
    ]);
    verba_api::js::delete_call(delete).await.expect("deleted");
    let answered = (get(&listeners, "added"), get(&listeners, "removed"));

    // The caller's abort while the body is read.
    let before = hostile_requests().await;
    let controller = AbortController::new().expect("AbortController");
    let abort_listeners = count_abort_listeners(&controller.signal());
    let pending = verba_api::js::delete_call(hostile_options(
        "stall-body",
        &[
            ("signal", controller.signal().into()),
            ("timeoutMs", WATCHED_MS.into()),
        ],
    ));
    let abort = async {
        once_answering(before).await;
        controller.abort();
    };
    let (outcome, ()) = futures_join(pending, abort).await;
    outcome.expect_err("aborted");
    let aborted = (
        get(&abort_listeners, "added"),
        get(&abort_listeners, "removed"),
    );

    let (set, cleared) = (get(&timers, "set"), get(&timers, "cleared"));
    restore.call0(&JsValue::UNDEFINED).expect("restore");
    assert_eq!(answered.0.as_f64(), Some(1.0), "one listener added");
    assert_eq!(
        answered.1.as_f64(),
        Some(1.0),
        "and removed after an answer"
    );
    assert_eq!(aborted.0.as_f64(), Some(1.0));
    assert_eq!(aborted.1.as_f64(), Some(1.0), "and removed after an abort");
    assert_eq!(set.as_f64(), Some(2.0), "one timer per request");
    assert_eq!(cleared.as_f64(), Some(2.0), "every timer cleared");
}

/// A reply over 1 MiB is PARSE, whether its `Content-Length` says so (refused before reading)
/// or its chunks pass the bound (the stream cancelled), and an endless one is cut at the bound
/// too: each well within the timeout, in a page, a worker and Node alike.
#[wasm_bindgen_test]
async fn replies_over_1_mib_are_refused_whatever_their_framing() {
    for route in [
        "huge-length",
        "huge-chunked",
        "endless",
        "euro",
        "exact-chunked-1048577",
        "exact-length-1048577",
    ] {
        let error = rejection(hostile_options(route, &[("timeoutMs", 20_000.into())])).await;
        assert_verba_error(&error, "PARSE");
        let message = text(&error, "message");
        assert!(message.contains("larger than 1 MiB"), "{route}: {message}");
        assert_eq!(get(&error, "httpStatus").as_f64(), Some(200.0), "{route}");
    }
}

/// Exactly 1 MiB is within the bound, read from many small chunks or at once.
#[wasm_bindgen_test]
async fn a_reply_of_exactly_1_mib_is_read() {
    for route in ["exact-chunked-1048576", "exact-length-1048576"] {
        let result = verba_api::js::delete_call(hostile_options(route, &[]))
            .await
            .unwrap_or_else(|error| panic!("{route}: {:?}", get(&error, "message")));
        assert_eq!(get(&result, "code").as_f64(), Some(0.0), "{route}");
    }
}
