//! Each API error code the emulator answers maps to the right `VerbaError`.

use crate::support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn by_platform_id(key: &str, token: Option<&str>, id: &str) -> JsValue {
    let mut pairs = vec![
        ("apiKey", JsValue::from_str(key)),
        ("platformCallID", JsValue::from_str(id)),
    ];
    if let Some(token) = token {
        pairs.push(("token", JsValue::from_str(token)));
    }
    options(&pairs)
}

async fn expect_api_error(options: JsValue, code: &str, api_code: f64) -> JsValue {
    let error = rejection(options).await;
    assert_verba_error(&error, code);
    assert_eq!(get(&error, "apiCode").as_f64(), Some(api_code));
    assert_eq!(get(&error, "httpStatus").as_f64(), Some(200.0));
    error
}

#[wasm_bindgen_test]
async fn each_api_code_maps_to_its_error_and_nothing_else_changes() {
    let shared = r#"{"callID":"0c0c0c0c-0000-4000-8000-000000000001","platformCallID":"SHARED","state":"finished","startOffsetS":-500,"endOffsetS":-400}"#;
    let shared_too = r#"{"callID":"0c0c0c0c-0000-4000-8000-000000000002","platformCallID":"SHARED","state":"finished","startOffsetS":-300,"endOffsetS":-200}"#;
    let protected = r#"{"callID":"0c0c0c0c-0000-4000-8000-000000000003","platformCallID":"KEEP","state":"finished","startOffsetS":-300,"endOffsetS":-200,"doNotDelete":true}"#;
    reset(&fixture(
        1,
        &[shared.into(), shared_too.into(), protected.into()],
        0,
    ))
    .await;
    let before = calls().await;

    for response_type in ["XML", "JSON", "TEXT"] {
        let with_type = |options: JsValue| {
            js_sys::Reflect::set(&options, &"responseType".into(), &response_type.into())
                .expect("set");
            options
        };
        expect_api_error(
            with_type(by_platform_id(OPEN_KEY, None, "NOPE")),
            "CALL_NOT_FOUND",
            2.0,
        )
        .await;
        expect_api_error(
            with_type(by_platform_id(OPEN_KEY, None, "SHARED")),
            "API_ERROR",
            3.0,
        )
        .await;
        let error = expect_api_error(
            with_type(by_platform_id(KEY, Some("wrong-token"), "P-0")),
            "AUTH_FAILED",
            4.0,
        )
        .await;
        assert!(
            !text(&error, "message").contains("wrong-token"),
            "token echoed"
        );
        expect_api_error(
            with_type(by_platform_id(KEY, None, "P-0")),
            "AUTH_FAILED",
            4.0,
        )
        .await;
        expect_api_error(
            with_type(by_platform_id(OPEN_KEY, None, "KEEP")),
            "API_ERROR",
            5.0,
        )
        .await;
    }
    assert_eq!(
        calls().await,
        before,
        "no failed request may change the recorder's state"
    );
}

#[wasm_bindgen_test]
async fn a_code_1_reply_fetched_by_the_caller_parses_to_api_error() {
    reset(&fixture(1, &[], 0)).await;
    // The client never sends a malformed request, so provoke code 1 with a raw one.
    let (status, body) =
        raw_api_get("action=NoSuchAction&apiKey=1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9").await;
    let error = verba_api::js::parse_delete_call_response(
        body.into(),
        Some("XML".into()),
        Some(f64::from(status).into()),
    )
    .expect_err("code 1 is an error");
    assert_verba_error(&error, "API_ERROR");
    assert_eq!(get(&error, "apiCode").as_f64(), Some(1.0));
}

#[wasm_bindgen_test]
async fn a_non_verba_404_is_an_http_error() {
    reset(&fixture(1, &[], 0)).await;
    // The emulator's static file server answers 404 to GET and 405 to POST, in plain text.
    for (method, status) in [("GET", 404.0), ("POST", 405.0)] {
        let options = options(&[
            ("baseUrl", format!("{}/no-recorder-here", emulator()).into()),
            ("apiKey", OPEN_KEY.into()),
            ("callID", call_id(0).into()),
            ("method", method.into()),
        ]);
        let error = rejection(options).await;
        assert_verba_error(&error, "HTTP_ERROR");
        assert_eq!(get(&error, "httpStatus").as_f64(), Some(status), "{method}");
    }
    assert_eq!(calls().await.len(), 1);
}

#[wasm_bindgen_test]
fn a_text_error_without_a_readable_code_has_no_api_code() {
    let error = verba_api::js::parse_delete_call_response(
        "ERROR: The call is protected.".into(),
        Some("TEXT".into()),
        Some(200.0.into()),
    )
    .expect_err("ERROR is never a success");
    assert_verba_error(&error, "API_ERROR");
    assert!(
        !js_sys::Reflect::has(&error, &"apiCode".into()).unwrap_or(true),
        "apiCode is absent, not undefined or null"
    );
    assert_eq!(
        text(&error, "message"),
        "The recorder refused the request: The call is protected."
    );
    assert_eq!(get(&error, "httpStatus").as_f64(), Some(200.0));
}
