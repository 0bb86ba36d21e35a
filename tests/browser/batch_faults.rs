//! `deleteCalls` against the emulator's fault injection (issue 11): a 503 with `Retry-After` is
//! waited for and sent again at most `retries` times; a connection cut before the recorder acts
//! is retried and ends `failed`; a connection cut after the deletion is retried and ends
//! `notFound`; under mixed faults every item's outcome agrees with the emulator's final state; a
//! session that cannot renew its token before a retry leaves the item `failed` with
//! `mayHaveDeleted` (found by the soak, `make soak`).

use crate::support::*;
use js_sys::Array;
use verba_api::js::{create_client, delete_calls};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

/// [`fixture`] with `calls` calls and the emulator's `faults` (a JSON object's members).
fn faulty(calls: usize, faults: &str) -> String {
    let base = fixture(calls, &[], 0);
    [&base[..base.len() - 1], r#","faults":{"#, faults, "}}"].concat()
}

/// `deleteCalls` of generated calls `0..count` with [`OPEN_KEY`] and `extra` options.
async fn batch(count: usize, extra: &[(&str, JsValue)]) -> JsValue {
    let items: Array = (0..count).map(|n| JsValue::from_str(&call_id(n))).collect();
    let mut pairs = vec![("apiKey", JsValue::from_str(OPEN_KEY))];
    pairs.extend(extra.iter().cloned());
    delete_calls(items.into(), options(&pairs))
        .await
        .expect("a report")
}

fn report_items(report: &JsValue) -> Vec<JsValue> {
    Array::from(&get(report, "items")).iter().collect()
}

fn attempts(item: &JsValue) -> f64 {
    get(item, "attempts").as_f64().expect("attempts")
}

/// The emulator's count of each fault applied since the reset.
async fn faults_applied(kind: &str) -> f64 {
    let log = emulator_requests().await;
    get(&get(&log, "faults"), kind).as_f64().unwrap_or(0.0)
}

#[wasm_bindgen_test]
async fn a_503_with_retry_after_is_waited_for_and_retried_at_most_retries_times() {
    reset(&faulty(
        2,
        r#""seed":1,"unavailableRate":1,"retryAfterS":1"#,
    ))
    .await;
    let started = js_sys::Date::now();
    let report = batch(2, &[("retries", 2.into()), ("concurrency", 2.into())]).await;
    let elapsed = js_sys::Date::now() - started;
    assert!(
        elapsed >= 2_000.0,
        "two waits of Retry-After: 1 s each ({elapsed} ms)"
    );
    for item in report_items(&report) {
        assert_eq!(text(&item, "outcome"), "failed");
        assert_eq!(attempts(&item), 3.0, "one attempt and two retries");
        let error = get(&item, "error");
        assert_verba_error(&error, "HTTP_ERROR");
        assert_eq!(get(&error, "httpStatus").as_f64(), Some(503.0));
    }
    assert_eq!(requests().await.0, 6.0);
    assert_eq!(faults_applied("unavailable").await, 6.0);
    assert_eq!(calls().await.len(), 2, "nothing was deleted");
    // retries: 0 sends once.
    reset(&faulty(
        1,
        r#""seed":1,"unavailableRate":1,"retryAfterS":1"#,
    ))
    .await;
    let report = batch(1, &[("retries", 0.into())]).await;
    assert_eq!(attempts(&report_items(&report)[0]), 1.0);
    assert_eq!(requests().await.0, 1.0);
}

#[wasm_bindgen_test]
async fn a_connection_cut_before_acting_is_retried_and_ends_failed() {
    reset(&faulty(2, r#""seed":3,"dropBeforeRate":1"#)).await;
    let report = batch(2, &[("retries", 1.into())]).await;
    for item in report_items(&report) {
        assert_eq!(text(&item, "outcome"), "failed");
        assert_eq!(attempts(&item), 2.0);
        let error = get(&item, "error");
        assert_verba_error(&error, "NETWORK");
        assert_eq!(get(&error, "mayHaveDeleted").as_bool(), Some(true));
    }
    assert_eq!(
        faults_applied("dropBefore").await,
        4.0,
        "each attempt reached it once"
    );
    assert_eq!(calls().await.len(), 2, "the emulator did nothing");
}

#[wasm_bindgen_test]
async fn a_connection_cut_after_the_deletion_is_retried_and_ends_not_found() {
    reset(&faulty(3, r#""seed":5,"dropAfterDeleteRate":1"#)).await;
    let report = batch(3, &[("concurrency", 3.into())]).await;
    for item in report_items(&report) {
        assert_eq!(text(&item, "outcome"), "notFound");
        assert_eq!(attempts(&item), 2.0);
        let error = get(&item, "error");
        assert_eq!(text(&error, "code"), "CALL_NOT_FOUND");
        assert_eq!(
            get(&error, "mayHaveDeleted").as_bool(),
            Some(true),
            "its first attempt may have deleted it (it did)"
        );
    }
    assert!(calls().await.is_empty(), "every call is gone");
}

#[wasm_bindgen_test]
async fn under_mixed_faults_every_outcome_agrees_with_the_emulator() {
    let count = 40;
    reset(&faulty(
        count,
        r#""seed":11,"dropBeforeRate":0.1,"dropAfterDeleteRate":0.1,"unavailableRate":0.1,"retryAfterS":0,"delayMs":[0,20]"#,
    ))
    .await;
    let retries = 2;
    let report = batch(
        count,
        &[("retries", retries.into()), ("concurrency", 6.into())],
    )
    .await;
    let left = calls().await;
    let gone = |n: usize| {
        !left
            .iter()
            .any(|(id, marked)| *id == call_id(n) && !*marked)
    };
    let mut seen_failed_or_retried = false;
    for (n, item) in report_items(&report).into_iter().enumerate() {
        let outcome = text(&item, "outcome");
        assert!(
            attempts(&item) <= f64::from(retries) + 1.0,
            "item {n}: {} attempts",
            attempts(&item)
        );
        seen_failed_or_retried |= attempts(&item) > 1.0;
        match outcome.as_str() {
            "deleted" | "notFound" => assert!(gone(n), "item {n}: {outcome} but present"),
            "refused" | "invalid" | "notAttempted" => {
                assert!(!gone(n), "item {n}: {outcome} but gone")
            }
            "failed" => {
                let may = get(&get(&item, "error"), "mayHaveDeleted").as_bool();
                assert!(
                    !gone(n) || may == Some(true),
                    "item {n}: failed, gone, and mayHaveDeleted is not true"
                );
            }
            other => panic!("item {n}: outcome {other}"),
        }
    }
    assert!(seen_failed_or_retried, "the faults were felt");
    let total = get(&report, "total").as_f64();
    assert_eq!(total, Some(count as f64));
}

#[wasm_bindgen_test]
async fn only_overload_statuses_are_retried() {
    // The misbehaving server answers each status with a proxy's HTML page (no Verba reply).
    for (status, retried) in [
        (429, true),
        (502, true),
        (504, true),
        (500, false),
        (404, false),
    ] {
        let before = hostile_requests().await;
        let items: Array = [JsValue::from_str(&call_id(0))].into_iter().collect();
        let report = delete_calls(
            items.into(),
            options(&[
                ("apiKey", OPEN_KEY.into()),
                ("baseUrl", format!("{}/status-{status}", hostile()).into()),
                ("retries", 1.into()),
            ]),
        )
        .await
        .expect("a report");
        let item = &report_items(&report)[0];
        assert_eq!(text(item, "outcome"), "failed", "{status}");
        let expected = if retried { 2.0 } else { 1.0 };
        assert_eq!(attempts(item), expected, "{status}");
        assert_eq!(hostile_requests().await - before, expected, "{status}");
        assert_eq!(
            get(&get(item, "error"), "httpStatus").as_f64(),
            Some(f64::from(status))
        );
    }
}

#[wasm_bindgen_test]
async fn a_429_with_retry_after_is_waited_for() {
    let started = js_sys::Date::now();
    let items: Array = [JsValue::from_str(&call_id(0))].into_iter().collect();
    let report = delete_calls(
        items.into(),
        options(&[
            ("apiKey", OPEN_KEY.into()),
            (
                "baseUrl",
                format!("{}/status-429-retry-after-1", hostile()).into(),
            ),
            ("retries", 1.into()),
        ]),
    )
    .await
    .expect("a report");
    let elapsed = js_sys::Date::now() - started;
    assert_eq!(attempts(&report_items(&report)[0]), 2.0);
    // Without Retry-After the first retry waits at most 250 ms.
    assert!(
        elapsed >= 1_000.0,
        "Retry-After: 1 was waited for ({elapsed} ms)"
    );
}

/// A token of [`KEY`] in the fixture below that stops working a second after the reset.
const SHORT_TOKEN: &str = "c0ffee00-1234-4abc-8def-0123456789ac";

#[wasm_bindgen_test]
async fn a_renewal_that_fails_before_a_retry_keeps_the_earlier_attempt_s_may_have_deleted() {
    // Found by the soak: the first attempt deletes the call and its connection is cut (NETWORK,
    // mayHaveDeleted); by the retry the token has expired (AUTH_FAILED), and the session's
    // renewal fails (a wrong password). The item must not say that nothing was deleted.
    // Every answer is held 1.2 s: the retry comes after the token's one second.
    let fixture = format!(
        r#"{{"apiKeys":[{{"key":"{KEY}","tokens":[{{"token":"{SHORT_TOKEN}","expiresOffsetS":1}}],"requiresToken":true}}],"users":[{{"userName":"{USER}","password":"{PASSWORD}","roles":["System Administrator","System Supervisor"]}}],"calls":[{},{}],"responseDelayMs":1200,"faults":{{"dropAfterDeleteRate":1}}}}"#,
        r#"{"callID":"00000000-0000-4000-8000-000000000000","state":"finished","startOffsetS":-20,"endOffsetS":-10}"#,
        r#"{"callID":"00000000-0000-4000-8000-000000000001","state":"finished","startOffsetS":-40,"endOffsetS":-30}"#,
    );
    reset(&fixture).await;
    let credentials = js_sys::Object::new();
    js_sys::Reflect::set(&credentials, &"userName".into(), &USER.into()).expect("set");
    js_sys::Reflect::set(&credentials, &"password".into(), &"not-the-password".into())
        .expect("set");
    let client = create_client(options(&[
        ("apiKey", KEY.into()),
        ("token", SHORT_TOKEN.into()),
        ("credentials", credentials.into()),
    ]))
    .expect("client");
    let items: Array = (0..2).map(|n| JsValue::from_str(&call_id(n))).collect();
    let batch_options = js_sys::Object::new();
    js_sys::Reflect::set(&batch_options, &"concurrency".into(), &1.into()).expect("set");
    js_sys::Reflect::set(&batch_options, &"retries".into(), &1.into()).expect("set");
    let report = JsFuture::from(client.delete_calls(items.into(), batch_options.into()))
        .await
        .expect("a report");
    let listed = calls().await;
    assert!(
        !listed.iter().any(|(id, _)| *id == call_id(0)),
        "the first attempt deleted call 0"
    );
    let items = report_items(&report);
    let first = &items[0];
    let error = get(first, "error");
    assert_eq!(
        (
            text(first, "outcome"),
            get(&error, "mayHaveDeleted").as_bool()
        ),
        ("failed".to_owned(), Some(true)),
        "call 0 is gone: the item may not say nothing was deleted ({})",
        text(&error, "code")
    );
    assert_verba_error(&error, "NETWORK");
    assert_eq!(
        attempts(first),
        2.0,
        "the cut attempt and the refused retry"
    );
    // The failed renewal stopped the sending: call 1 was never sent.
    assert_eq!(text(&items[1], "outcome"), "notAttempted");
    assert!(
        listed
            .iter()
            .any(|(id, marked)| *id == call_id(1) && !*marked)
    );
}
