//! Timeouts and the caller's AbortSignal.

use crate::support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::AbortController;

fn slow_delete(extra: &[(&str, JsValue)]) -> JsValue {
    let mut pairs = vec![
        ("apiKey", JsValue::from_str(OPEN_KEY)),
        ("callID", JsValue::from_str(&call_id(0))),
    ];
    pairs.extend(extra.iter().cloned());
    options(&pairs)
}

#[wasm_bindgen_test]
async fn a_slow_recorder_gives_timeout() {
    reset(&fixture(1, &[], 3000)).await;
    let error = rejection(slow_delete(&[("timeoutMs", 300.into())])).await;
    assert_verba_error(&error, "TIMEOUT");
    assert!(text(&error, "message").contains("300 ms"));
}

#[wasm_bindgen_test]
async fn timeout_zero_waits_for_a_slow_answer() {
    reset(&fixture(1, &[], 1200)).await;
    verba_api::js::delete_call(slow_delete(&[("timeoutMs", 0.into())]))
        .await
        .expect("no timeout means the slow answer arrives");
    assert!(calls().await.is_empty());
}

#[wasm_bindgen_test]
async fn a_caller_abort_rejects_with_the_signals_reason_unchanged() {
    reset(&fixture(1, &[], 3000)).await;
    let controller = AbortController::new().expect("AbortController");
    let reason = js_sys::Object::new();
    let pending = verba_api::js::delete_call(slow_delete(&[("signal", controller.signal().into())]));
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
    let pending = verba_api::js::delete_call(slow_delete(&[
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
    let error = rejection(slow_delete(&[("signal", controller.signal().into())])).await;
    assert_eq!(
        error.as_string().as_deref(),
        Some("stop"),
        "a non-Error reason passes through"
    );
    let (count, _) = requests().await;
    assert_eq!(count, 0.0);
    assert_eq!(calls().await.len(), 1);
}

/// Polls both futures on the one browser thread until both are done.
async fn futures_join<A: std::future::Future, B: std::future::Future>(
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
