//! What goes over the wire: nothing for invalid options, secrets only in POST bodies, network
//! failures reported as such.

use crate::support::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn keys(entry: &JsValue, which: &str) -> Vec<String> {
    js_sys::Array::from(&get(entry, which))
        .iter()
        .filter_map(|key| key.as_string())
        .collect()
}

#[wasm_bindgen_test]
async fn invalid_options_send_nothing() {
    reset(&fixture(1, &[], 0)).await;
    let cases = [
        options(&[("apiKey", OPEN_KEY.into()), ("callID", "not-a-guid".into())]),
        options(&[("apiKey", OPEN_KEY.into()), ("callId", call_id(0).into())]),
        options(&[
            ("apiKey", OPEN_KEY.into()),
            ("callID", call_id(0).into()),
            ("nativeID", "N-0".into()),
        ]),
        options(&[("apiKey", OPEN_KEY.into()), ("extension", "3000".into())]),
        options(&[("callID", call_id(0).into())]),
        options(&[
            ("apiKey", OPEN_KEY.into()),
            ("callID", call_id(0).into()),
            ("baseUrl", "http://recorder.example.com".into()),
        ]),
        JsValue::from_str("callID=1"),
    ];
    for options in cases {
        let error = rejection(options).await;
        assert_verba_error(&error, "VALIDATION");
        let issues = js_sys::Array::from(&get(&error, "issues"));
        assert!(issues.length() > 0, "VALIDATION carries its issues");
    }
    let (count, _) = requests().await;
    assert_eq!(count, 0.0, "no request may reach the recorder");
    assert_eq!(calls().await.len(), 1);
}

#[wasm_bindgen_test]
async fn post_keeps_credentials_out_of_the_url_and_get_follows_the_vendor_sample() {
    reset(&fixture(2, &[], 0)).await;
    let delete = |method: &str, n: usize| {
        options(&[
            ("apiKey", KEY.into()),
            ("token", TOKEN.into()),
            ("method", method.into()),
            ("extension", (3000 + n).to_string().into()),
            ("status", "last".into()),
        ])
    };
    verba_api::js::delete_call(delete("POST", 0))
        .await
        .expect("POST delete");
    let (_, post) = requests().await;
    assert_eq!(keys(&post, "queryKeys"), ["action"]);
    assert_eq!(
        keys(&post, "bodyKeys"),
        ["apiKey", "token", "responseType", "extension", "status"]
    );
    assert_eq!(
        text(&post, "contentType"),
        "application/x-www-form-urlencoded"
    );

    verba_api::js::delete_call(delete("GET", 1))
        .await
        .expect("GET delete");
    let (count, get_request) = requests().await;
    assert_eq!(count, 2.0);
    assert_eq!(
        keys(&get_request, "queryKeys"),
        [
            "action",
            "apiKey",
            "token",
            "responseType",
            "extension",
            "status"
        ]
    );
    assert!(keys(&get_request, "bodyKeys").is_empty());
}

#[wasm_bindgen_test]
async fn a_closed_port_is_a_network_error_that_points_at_cors() {
    let options = options(&[
        ("baseUrl", closed_url().into()),
        ("apiKey", OPEN_KEY.into()),
        ("callID", call_id(0).into()),
    ]);
    let error = rejection(options).await;
    assert_verba_error(&error, "NETWORK");
    let message = text(&error, "message");
    assert!(
        message.contains("CORS") && message.contains("reverse proxy"),
        "{message}"
    );
    assert!(
        get(&error, "cause").is_instance_of::<js_sys::TypeError>(),
        "cause is fetch's TypeError"
    );
}

#[wasm_bindgen_test]
fn validate_delete_call_never_throws_and_normalizes() {
    for odd in [
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from(5),
        js_sys::Array::new().into(),
    ] {
        let report = verba_api::js::validate_delete_call(odd);
        assert_eq!(get(&report, "valid").as_bool(), Some(false));
        assert!(get(&report, "normalized").is_null());
    }
    let report = verba_api::js::validate_delete_call(options(&[
        ("apiKey", "{6F1C3A52-8D4E-4B7A-9C21-0E5F7D8A9B10}".into()),
        ("extension", "+36 (1) 234-5678".into()),
        ("status", "Last, ONGOING".into()),
        ("responseType", "json".into()),
        ("method", "get".into()),
    ]));
    assert_eq!(get(&report, "valid").as_bool(), Some(true));
    let normalized = get(&report, "normalized");
    assert_eq!(
        text(&normalized, "apiKey"),
        "6F1C3A52-8D4E-4B7A-9C21-0E5F7D8A9B10"
    );
    assert_eq!(text(&normalized, "extension"), "+3612345678");
    assert_eq!(text(&normalized, "status"), "last,ongoing");
    assert_eq!(text(&normalized, "responseType"), "JSON");
    assert_eq!(text(&normalized, "method"), "GET");
    assert_eq!(
        text(&normalized, "baseUrl"),
        format!("{}/verba/api", emulator())
    );
}
