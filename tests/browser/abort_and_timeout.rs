//! Timeouts and the caller's AbortSignal.

use crate::support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

#[wasm_bindgen_test]
async fn a_slow_recorder_gives_timeout() {
    reset(&fixture(1, &[], 3000)).await;
    let error = rejection(delete_call_0(&[("timeoutMs", 300.into())])).await;
    assert_verba_error(&error, "TIMEOUT");
    assert!(text(&error, "message").contains("300 ms"));
}

#[wasm_bindgen_test]
async fn timeout_zero_waits_for_a_slow_answer() {
    reset(&fixture(1, &[], 1200)).await;
    verba_api::js::delete_call(delete_call_0(&[("timeoutMs", 0.into())]))
        .await
        .expect("no timeout means the slow answer arrives");
    assert!(calls().await.is_empty());
}

#[wasm_bindgen_test]
async fn a_caller_abort_rejects_with_the_signals_reason_unchanged() {
    reset(&fixture(1, &[], 3000)).await;
    let controller = AbortController::new().expect("AbortController");
    let reason = js_sys::Object::new();
    let pending =
        verba_api::js::delete_call(delete_call_0(&[("signal", controller.signal().into())]));
    let abort_later = async {
        sleep(150).await;
        controller.abort_with_reason(&reason);
    };
    let (outcome, ()) = futures_join(pending, abort_later).await;
    let error = outcome.expect_err("aborted");
    assert!(
        js_sys::Object::is(&error, &reason),
        "the reason itself, not a copy: {error:?}"
    );
}

#[wasm_bindgen_test]
async fn a_default_abort_rejects_with_an_abort_error_domexception() {
    reset(&fixture(1, &[], 3000)).await;
    let controller = AbortController::new().expect("AbortController");
    let pending = verba_api::js::delete_call(delete_call_0(&[
        ("signal", controller.signal().into()),
        ("timeoutMs", 10_000.into()),
    ]));
    let abort_later = async {
        sleep(150).await;
        controller.abort();
    };
    let (outcome, ()) = futures_join(pending, abort_later).await;
    let error = outcome.expect_err("aborted");
    assert!(error.is_instance_of::<web_sys::DomException>(), "{error:?}");
    assert_eq!(text(&error, "name"), "AbortError");
    assert!(!verba_api::js::is_verba_error(&error));
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing() {
    reset(&fixture(1, &[], 0)).await;
    let controller = AbortController::new().expect("AbortController");
    controller.abort_with_reason(&"stop".into());
    let error = rejection(delete_call_0(&[("signal", controller.signal().into())])).await;
    assert_eq!(
        error.as_string().as_deref(),
        Some("stop"),
        "a non-Error reason passes through"
    );
    let (count, _) = requests().await;
    assert_eq!(count, 0.0);
    assert_eq!(calls().await.len(), 1);
}

/// How the caller's controller is aborted.
enum Abort {
    With(JsValue),
    WithoutReason,
}

impl Abort {
    fn on(&self, controller: &AbortController) {
        match self {
            Abort::With(reason) => controller.abort_with_reason(reason),
            Abort::WithoutReason => controller.abort(),
        }
    }
}

/// Waits until the emulator has counted one more API request than `before` (bounded: the
/// pending deleteCall must get there), so that an abort lands while the request is out.
async fn until_the_request_arrives(before: f64) {
    for _ in 0..500 {
        if requests().await.0 > before {
            return;
        }
        sleep(10).await;
    }
    panic!("the deleteCall request never reached the emulator");
}

/// Starts deleting call 0 from a slow emulator (fixture of two calls), aborts the caller's
/// signal once the emulator has the request, and returns the rejection and `signal.reason` as
/// read from the signal afterwards.
async fn abort_mid_request(abort: Abort) -> (JsValue, JsValue) {
    reset(&fixture(2, &[], 3000)).await;
    let controller = AbortController::new().expect("AbortController");
    let signal = controller.signal();
    let pending = verba_api::js::delete_call(delete_call_0(&[
        ("signal", signal.clone().into()),
        ("timeoutMs", 20_000.into()),
    ]));
    let abort_when_sent = async {
        until_the_request_arrives(0.0).await;
        abort.on(&controller);
    };
    let (outcome, ()) = futures_join(pending, abort_when_sent).await;
    let error = match outcome {
        Ok(result) => panic!(
            "an aborted deleteCall resolved: {:?}",
            js_sys::JSON::stringify(&result)
        ),
        Err(error) => error,
    };
    assert!(signal.aborted());
    (error, signal.reason())
}

/// After an abort, the module still deletes: call 1 of the two-call fixture, from a prompt
/// emulator.
async fn a_following_delete_call_succeeds() {
    reset(&fixture(2, &[], 0)).await;
    let result = verba_api::js::delete_call(options(&[
        ("apiKey", OPEN_KEY.into()),
        ("callID", call_id(1).into()),
    ]))
    .await
    .expect("a deleteCall after the abort succeeds");
    assert_eq!(get(&result, "ok").as_bool(), Some(true));
    let left: Vec<String> = calls().await.into_iter().map(|(id, _)| id).collect();
    assert_eq!(left, [call_id(0)], "call 1 deleted, call 0 kept");
    assert_eq!(requests().await.0, 1.0);
}

#[wasm_bindgen_test]
async fn an_abort_with_a_string_reason_mid_request_rejects_with_that_string() {
    let (error, reason) = abort_mid_request(Abort::With("user pressed stop".into())).await;
    assert_eq!(reason.as_string().as_deref(), Some("user pressed stop"));
    assert!(
        js_sys::Object::is(&error, &reason),
        "rejects with signal.reason: {error:?}"
    );
    assert!(!verba_api::js::is_verba_error(&error));
    a_following_delete_call_succeeds().await;
}

#[wasm_bindgen_test]
async fn an_abort_with_a_number_reason_mid_request_rejects_with_that_number() {
    let (error, reason) = abort_mid_request(Abort::With(42.into())).await;
    assert_eq!(reason.as_f64(), Some(42.0));
    assert!(
        js_sys::Object::is(&error, &reason),
        "rejects with signal.reason, still a number: {error:?}"
    );
    assert!(!verba_api::js::is_verba_error(&error));
    a_following_delete_call_succeeds().await;
}

#[wasm_bindgen_test]
async fn an_abort_without_reason_mid_request_rejects_with_the_signals_abort_error() {
    let (error, reason) = abort_mid_request(Abort::WithoutReason).await;
    assert!(
        reason.is_instance_of::<web_sys::DomException>(),
        "{reason:?}"
    );
    assert_eq!(text(&reason, "name"), "AbortError");
    assert!(
        js_sys::Object::is(&error, &reason),
        "the signal's own DOMException, not another AbortError: {error:?}"
    );
    assert!(!verba_api::js::is_verba_error(&error));
    a_following_delete_call_succeeds().await;
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_with_a_number_reason_rejects_with_it_and_sends_nothing() {
    reset(&fixture(2, &[], 0)).await;
    let controller = AbortController::new().expect("AbortController");
    controller.abort_with_reason(&42.into());
    let signal = controller.signal();
    let error = rejection(delete_call_0(&[("signal", signal.clone().into())])).await;
    let reason = signal.reason();
    assert_eq!(reason.as_f64(), Some(42.0));
    assert!(
        js_sys::Object::is(&error, &reason),
        "rejects with signal.reason, still a number: {error:?}"
    );
    assert_eq!(requests().await.0, 0.0, "nothing is sent");
    assert_eq!(calls().await.len(), 2, "nothing is deleted");
    a_following_delete_call_succeeds().await;
}
