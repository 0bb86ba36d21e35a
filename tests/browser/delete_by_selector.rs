//! `deleteCall` deletes exactly the call meant, by each selector, with GET and POST, in each
//! response type; an ongoing call is marked for deletion.

use crate::support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const SELECTORS: [&str; 5] = [
    "callID",
    "platformCallID",
    "nativeID",
    "meetingID",
    "extension",
];
const METHODS: [&str; 2] = ["POST", "GET"];
const RESPONSE_TYPES: [&str; 4] = ["XML", "JSON", "TEXT", "HTML"];

fn selector_value(selector: &str, n: usize) -> String {
    match selector {
        "callID" => call_id(n),
        "platformCallID" => format!("P-{n}"),
        "nativeID" => format!("N-{n}"),
        "meetingID" => format!("M-{n}"),
        _ => (3000 + n).to_string(),
    }
}

#[wasm_bindgen_test]
async fn each_selector_method_and_response_type_deletes_exactly_that_call() {
    let combinations = SELECTORS.len() * METHODS.len() * RESPONSE_TYPES.len();
    reset(&fixture(combinations + 3, &[], 0)).await;
    let mut expected: Vec<String> = (0..combinations + 3).map(call_id).collect();
    let mut n = 0;
    for selector in SELECTORS {
        for method in METHODS {
            for response_type in RESPONSE_TYPES {
                let mut pairs = vec![
                    ("apiKey", JsValue::from_str(KEY)),
                    ("token", JsValue::from_str(TOKEN)),
                    ("method", JsValue::from_str(method)),
                    ("responseType", JsValue::from_str(response_type)),
                    (selector, JsValue::from_str(&selector_value(selector, n))),
                ];
                if selector == "extension" {
                    pairs.push(("status", JsValue::from_str("last")));
                }
                let what = format!("{selector} {method} {response_type}");
                let result = verba_api::js::delete_call(options(&pairs))
                    .await
                    .unwrap_or_else(|error| {
                        panic!("{what}: rejected with {:?}", get(&error, "message"))
                    });
                assert_eq!(get(&result, "ok").as_bool(), Some(true), "{what}");
                assert_eq!(get(&result, "code").as_f64(), Some(0.0), "{what}");
                assert_eq!(text(&result, "action"), "DeleteCall", "{what}");
                assert_eq!(text(&result, "responseType"), response_type, "{what}");
                assert_eq!(get(&result, "httpStatus").as_f64(), Some(200.0), "{what}");
                let has_raw = get(&result, "raw").is_string();
                assert_eq!(
                    has_raw,
                    matches!(response_type, "TEXT" | "HTML"),
                    "{what}: raw"
                );

                let (_, last_request) = requests().await;
                assert_eq!(text(&last_request, "method"), method, "{what}");

                expected.retain(|id| *id != call_id(n));
                let remaining: Vec<String> = calls().await.into_iter().map(|(id, _)| id).collect();
                assert_eq!(remaining, expected, "{what}: only call {n} may be gone");
                n += 1;
            }
        }
    }
}

#[wasm_bindgen_test]
async fn an_ongoing_call_is_marked_for_deletion_and_stays_listed() {
    let ongoing = r#"{"callID":"0a0a0a0a-0000-4000-8000-000000000001","participants":["4400"],"state":"ongoing","startOffsetS":-60}"#;
    reset(&fixture(2, &[ongoing.to_owned()], 0)).await;
    let result = verba_api::js::delete_call(options(&[
        ("apiKey", OPEN_KEY.into()),
        ("extension", "44-00".into()),
        ("status", "ongoing".into()),
    ]))
    .await
    .expect("marking an ongoing call succeeds");
    assert_eq!(get(&result, "code").as_f64(), Some(0.0));
    let listing = calls().await;
    assert_eq!(listing.len(), 3, "nothing is removed");
    for (id, marked) in listing {
        assert_eq!(marked, id == "0a0a0a0a-0000-4000-8000-000000000001", "{id}");
    }
}

#[wasm_bindgen_test]
async fn status_combinations_reach_the_recorder_as_one_list() {
    let next = r#"{"callID":"0b0b0b0b-0000-4000-8000-000000000002","participants":["+3612345678"],"state":"scheduled","startOffsetS":20}"#;
    reset(&fixture(1, &[next.to_owned()], 0)).await;
    let status = js_sys::Array::of2(&"Ongoing".into(), &" next".into());
    verba_api::js::delete_call(options(&[
        ("apiKey", OPEN_KEY.into()),
        ("extension", "+36 1 234 5678".into()),
        ("status", status.into()),
    ]))
    .await
    .expect("ongoing,next finds the call starting in 20 s");
    // A call that has not ended is marked for deletion, as an ongoing one is.
    assert_eq!(
        calls().await,
        vec![
            (call_id(0), false),
            ("0b0b0b0b-0000-4000-8000-000000000002".to_owned(), true)
        ]
    );
}
