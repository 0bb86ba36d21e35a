//! `deleteCalls` and `client.deleteCalls` against the emulator (issue 11): one report item per
//! input in input order, outcomes that agree with the emulator's state, invalid items never
//! sent, progress after every item (a throwing callback changes nothing), an abort midway that
//! resolves with the report, and AUTH_FAILED that stops the sending or, for a client with
//! credentials, renews once and goes on. The fault-injection cases (retries, Retry-After) are
//! in `batch_faults`.

use crate::support::*;
use js_sys::{Array, Reflect};
use verba_api::js::{create_client, delete_calls};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

/// `{ callID: call_id(n) }`.
fn by_call_id(n: usize) -> JsValue {
    let object = js_sys::Object::new();
    Reflect::set(&object, &"callID".into(), &call_id(n).into()).expect("set");
    object.into()
}

/// An array of the given values.
fn array(values: &[JsValue]) -> JsValue {
    values.iter().collect::<Array>().into()
}

/// The report's items.
fn items(report: &JsValue) -> Vec<JsValue> {
    Array::from(&get(report, "items")).iter().collect()
}

fn outcomes(report: &JsValue) -> Vec<String> {
    items(report)
        .iter()
        .map(|item| text(item, "outcome"))
        .collect()
}

/// `report.counts[name]`.
fn counted(report: &JsValue, name: &str) -> f64 {
    get(&get(report, "counts"), name)
        .as_f64()
        .unwrap_or_else(|| panic!("counts.{name}"))
}

/// Whether generated call `n` is still there (and not marked for deletion).
async fn present(n: usize) -> bool {
    let id = call_id(n);
    calls()
        .await
        .iter()
        .any(|(call, marked)| *call == id && !*marked)
}

/// Asserts what the issue asks of every report: one item per input in input order, each with
/// its index and input, counts that sum to the total and match the items, and the fields each
/// outcome carries.
fn assert_well_formed(report: &JsValue, inputs: &[JsValue]) {
    let items = items(report);
    assert_eq!(items.len(), inputs.len());
    assert_eq!(get(report, "total").as_f64(), Some(inputs.len() as f64));
    let mut sum = 0.0;
    for name in [
        "deleted",
        "notFound",
        "refused",
        "invalid",
        "failed",
        "notAttempted",
    ] {
        let listed = items
            .iter()
            .filter(|item| text(item, "outcome") == name)
            .count() as f64;
        assert_eq!(counted(report, name), listed, "counts.{name}");
        sum += listed;
    }
    assert_eq!(sum, inputs.len() as f64);
    for (n, (item, input)) in items.iter().zip(inputs).enumerate() {
        assert_eq!(get(item, "index").as_f64(), Some(n as f64));
        assert!(
            js_sys::Object::is(&get(item, "input"), input),
            "item {n}: the input as given"
        );
        let outcome = text(item, "outcome");
        let attempts = get(item, "attempts").as_f64().expect("attempts");
        let (has_result, has_error) = (
            !get(item, "result").is_undefined(),
            !get(item, "error").is_undefined(),
        );
        match outcome.as_str() {
            "deleted" => assert!(has_result && !has_error && attempts >= 1.0, "item {n}"),
            "notAttempted" => assert!(!has_result && !has_error && attempts == 0.0, "item {n}"),
            "invalid" => assert!(!has_result && has_error && attempts == 0.0, "item {n}"),
            _ => assert!(!has_result && has_error, "item {n}: {outcome}"),
        }
        if has_error {
            let error = get(item, "error");
            assert!(verba_api::js::is_verba_error(&error), "item {n}");
        }
    }
}

#[wasm_bindgen_test]
async fn every_item_gets_one_outcome_in_input_order_and_invalid_ones_are_never_sent() {
    reset(&fixture(4, &[], 0)).await;
    let inputs = [
        JsValue::from_str(&call_id(0)),
        by_call_id(1),
        JsValue::from_str("not-a-guid"),
        JsValue::from_str("99999999-0000-4000-8000-000000000000"),
        JsValue::from_f64(7.0),
        {
            let object = js_sys::Object::new();
            Reflect::set(&object, &"extension".into(), &"3002".into()).expect("set");
            Reflect::set(&object, &"status".into(), &"last".into()).expect("set");
            object.into()
        },
        {
            let object = js_sys::Object::new();
            Reflect::set(&object, &"callID".into(), &call_id(3).into()).expect("set");
            Reflect::set(&object, &"apiKey".into(), &OPEN_KEY.into()).expect("set");
            object.into()
        },
    ];
    let report = delete_calls(
        array(&inputs),
        options(&[("apiKey", OPEN_KEY.into()), ("concurrency", 3.into())]),
    )
    .await
    .expect("a report");
    assert_well_formed(&report, &inputs);
    assert_eq!(
        outcomes(&report),
        [
            "deleted", "deleted", "invalid", "notFound", "invalid", "deleted", "invalid"
        ]
    );
    assert_eq!(get(&report, "aborted").as_bool(), Some(false));
    let (count, _) = requests().await;
    assert_eq!(count, 4.0, "the three invalid items were never sent");
    for n in 0..3 {
        assert!(!present(n).await, "call {n} is gone");
    }
    assert!(present(3).await, "the invalid item's call is still there");
    let invalid = get(&items(&report)[2], "error");
    assert_verba_error(&invalid, "VALIDATION");
    let issues = Array::from(&get(&invalid, "issues"));
    assert_eq!(text(&issues.get(0), "field"), "callID");
}

#[wasm_bindgen_test]
async fn progress_rises_to_the_total_and_a_throwing_callback_changes_nothing() {
    for throwing in [false, true] {
        reset(&fixture(6, &[], 0)).await;
        let record = progress_recorder(throwing);
        let inputs: Vec<JsValue> = (0..6).map(|n| JsValue::from_str(&call_id(n))).collect();
        let report = delete_calls(
            array(&inputs),
            options(&[
                ("apiKey", OPEN_KEY.into()),
                ("concurrency", 2.into()),
                ("onProgress", record.clone().into()),
            ]),
        )
        .await
        .expect("a report");
        assert_well_formed(&report, &inputs);
        assert_eq!(counted(&report, "deleted"), 6.0, "throwing: {throwing}");
        let seen = Array::from(&get(&record, "seen"));
        let done: Vec<f64> = seen
            .iter()
            .map(|entry| Array::from(&entry).get(0).as_f64().expect("done"))
            .collect();
        assert_eq!(done, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "throwing: {throwing}");
        let last = Array::from(&seen.get(5));
        assert_eq!(last.get(1).as_f64(), Some(6.0), "total");
        assert_eq!(get(&last.get(2), "deleted").as_f64(), Some(6.0));
    }
}

#[wasm_bindgen_test]
async fn an_abort_midway_resolves_with_every_item_accounted_for() {
    reset(&fixture(12, &[], 300)).await;
    let controller = web_sys::AbortController::new().expect("AbortController");
    let inputs: Vec<JsValue> = (0..12).map(|n| JsValue::from_str(&call_id(n))).collect();
    let record = progress_recorder(false);
    let pending = delete_calls(
        array(&inputs),
        options(&[
            ("apiKey", OPEN_KEY.into()),
            ("concurrency", 2.into()),
            ("signal", controller.signal().into()),
            ("onProgress", record.clone().into()),
        ]),
    );
    let abort = async {
        // The first two answer after 300 ms; abort while the next two are under way.
        sleep(450).await;
        controller.abort_with_reason(&"the admin cancelled".into());
    };
    let (report, ()) = futures_join(pending, abort).await;
    let report = report.expect("the promise resolves");
    assert_well_formed(&report, &inputs);
    assert_eq!(get(&report, "aborted").as_bool(), Some(true));
    let outcomes = outcomes(&report);
    assert_eq!(&outcomes[..4], ["deleted", "deleted", "failed", "failed"]);
    assert!(
        outcomes[4..]
            .iter()
            .all(|outcome| outcome == "notAttempted")
    );
    // Told after each of the four settled items, then once for the eight left unsent: done
    // ends at total.
    let seen = Array::from(&get(&record, "seen"));
    let done: Vec<f64> = seen
        .iter()
        .map(|entry| Array::from(&entry).get(0).as_f64().unwrap_or(-1.0))
        .collect();
    assert_eq!(done, [1.0, 2.0, 3.0, 4.0, 12.0]);
    let last = Array::from(&seen.get(4));
    assert_eq!(last.get(1).as_f64(), Some(12.0), "total");
    assert_eq!(get(&last.get(2), "notAttempted").as_f64(), Some(8.0));
    for item in &items(&report)[2..4] {
        let error = get(item, "error");
        assert_verba_error(&error, "ABORTED");
        assert_eq!(
            get(&error, "cause").as_string().as_deref(),
            Some("the admin cancelled")
        );
    }
    // The emulator acted on what it received: the aborted two may be gone (their requests
    // arrived), the others are there.
    let (count, _) = requests().await;
    assert_eq!(count, 4.0, "nothing was sent after the abort");
    for n in 4..12 {
        assert!(present(n).await, "call {n} was never sent");
    }
    // An already aborted signal: nothing at all is sent.
    let report = delete_calls(
        array(&inputs[4..]),
        options(&[
            ("apiKey", OPEN_KEY.into()),
            ("signal", controller.signal().into()),
        ]),
    )
    .await
    .expect("a report");
    assert_eq!(counted(&report, "notAttempted"), 8.0);
    assert_eq!(requests().await.0, 4.0);
}

#[wasm_bindgen_test]
async fn auth_failed_stops_the_sending_without_credentials() {
    reset(&fixture(6, &[], 0)).await;
    let inputs: Vec<JsValue> = (0..6).map(|n| JsValue::from_str(&call_id(n))).collect();
    let report = delete_calls(
        array(&inputs),
        options(&[
            ("apiKey", KEY.into()),
            ("token", "not-the-token".into()),
            ("concurrency", 1.into()),
        ]),
    )
    .await
    .expect("a report");
    assert_well_formed(&report, &inputs);
    let outcomes = outcomes(&report);
    assert_eq!(outcomes[0], "refused");
    assert!(
        outcomes[1..]
            .iter()
            .all(|outcome| outcome == "notAttempted")
    );
    assert_verba_error(&get(&items(&report)[0], "error"), "AUTH_FAILED");
    assert_eq!(requests().await.0, 1.0, "one request, then nothing");
    for n in 0..6 {
        assert!(present(n).await);
    }
}

#[wasm_bindgen_test]
async fn a_client_with_credentials_renews_once_and_goes_on() {
    // The emulator's tokens last one second; the client's first one expires between items.
    reset(&token_fixture(6, 1, 0)).await;
    let config = options(&[
        ("apiKey", KEY.into()),
        ("credentials", {
            let object = js_sys::Object::new();
            Reflect::set(&object, &"userName".into(), &USER.into()).expect("set");
            Reflect::set(&object, &"password".into(), &PASSWORD.into()).expect("set");
            object.into()
        }),
    ]);
    let client = create_client(config).expect("client");
    let first: Vec<JsValue> = (0..3).map(|n| JsValue::from_str(&call_id(n))).collect();
    let report = JsFuture::from(client.delete_calls(array(&first), JsValue::UNDEFINED))
        .await
        .expect("a report");
    assert_eq!(counted(&report, "deleted"), 3.0);
    sleep(1_500).await;
    let rest: Vec<JsValue> = (3..6).map(|n| JsValue::from_str(&call_id(n))).collect();
    let options = js_sys::Object::new();
    Reflect::set(&options, &"concurrency".into(), &3.into()).expect("set");
    let report = JsFuture::from(client.delete_calls(array(&rest), options.into()))
        .await
        .expect("a report");
    assert_well_formed(&report, &rest);
    assert_eq!(counted(&report, "deleted"), 3.0, "{:?}", outcomes(&report));
    let seen = actions().await;
    let tokens = seen
        .iter()
        .filter(|action| *action == "RequestToken")
        .count();
    assert_eq!(
        tokens, 2,
        "the first token, and one renewal shared by three items: {seen:?}"
    );
    for n in 0..6 {
        assert!(!present(n).await);
    }
}

#[wasm_bindgen_test]
async fn invalid_shared_options_or_items_reject_and_send_nothing() {
    reset(&fixture(1, &[], 0)).await;
    let cases = [
        (
            array(&[JsValue::from_str(&call_id(0))]),
            options(&[("apiKey", OPEN_KEY.into()), ("concurrency", 0.into())]),
            "concurrency",
        ),
        (
            array(&[JsValue::from_str(&call_id(0))]),
            options(&[("apiKey", OPEN_KEY.into()), ("retries", 11.into())]),
            "retries",
        ),
        (
            array(&[JsValue::from_str(&call_id(0))]),
            options(&[("apiKey", OPEN_KEY.into()), ("onProgress", "bar".into())]),
            "onProgress",
        ),
        (
            array(&[JsValue::from_str(&call_id(0))]),
            options(&[("apiKey", OPEN_KEY.into()), ("callID", call_id(0).into())]),
            "callID",
        ),
        (
            array(&[JsValue::from_str(&call_id(0))]),
            options(&[("apiKey", "nope".into())]),
            "apiKey",
        ),
        (
            JsValue::from_str(&call_id(0)),
            options(&[("apiKey", OPEN_KEY.into())]),
            "items",
        ),
        // An HTML reply has no API code: a report could not tell a deletion from a refusal.
        (
            array(&[JsValue::from_str(&call_id(0))]),
            options(&[("apiKey", OPEN_KEY.into()), ("responseType", "html".into())]),
            "responseType",
        ),
    ];
    for (items, options, field) in cases {
        let error = match delete_calls(items, options).await {
            Ok(report) => panic!("{field}: resolved {:?}", js_sys::JSON::stringify(&report)),
            Err(error) => error,
        };
        assert_verba_error(&error, "VALIDATION");
        assert!(
            text(&error, "message").starts_with("Invalid deleteCalls options: "),
            "{}",
            text(&error, "message")
        );
        let issues = Array::from(&get(&error, "issues"));
        assert_eq!(text(&issues.get(0), "field"), field);
    }
    // A client whose config asks for HTML may delete one call (the reply is shown as it came)
    // but not a batch.
    let client = create_client(options(&[
        ("apiKey", OPEN_KEY.into()),
        ("responseType", "HTML".into()),
    ]))
    .expect("client");
    let error = JsFuture::from(
        client.delete_calls(array(&[JsValue::from_str(&call_id(0))]), JsValue::UNDEFINED),
    )
    .await
    .expect_err("HTML refused");
    assert_verba_error(&error, "VALIDATION");
    let issues = Array::from(&get(&error, "issues"));
    assert_eq!(text(&issues.get(0), "field"), "responseType");
    assert!(
        text(&issues.get(0), "message").contains("XML"),
        "the fix is named"
    );
    assert_eq!(requests().await.0, 0.0, "nothing was sent");
    // An empty batch is a report of nothing.
    let report = delete_calls(array(&[]), options(&[("apiKey", OPEN_KEY.into())]))
        .await
        .expect("a report");
    assert_eq!(get(&report, "total").as_f64(), Some(0.0));
}
