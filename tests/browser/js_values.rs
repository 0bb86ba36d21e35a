//! The values that cross the boundary: the shapes serde-wasm-bindgen builds (`null` where the
//! `.d.ts` says null, absent optional members, plain objects), what is read from an options
//! object and what is not, and inputs that must neither throw nor break the module.

use crate::support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
export function nested(depth) { let a = []; for (let i = 0; i < depth; i++) a = [a]; return a; }
export function asMap(object) { return new Map(Object.entries(object)); }
export function asSearchParams(object) { return new URLSearchParams(object); }
export function keys(value) { return Object.keys(value).join(","); }
export function isPlainObject(value) { return Object.getPrototypeOf(value) === Object.prototype; }
export function has(value, key) { return Object.hasOwn(value, key); }
export function make(ctor, message, code) { return new ctor(message, code); }
"#)]
extern "C" {
    fn nested(depth: u32) -> JsValue;
    #[wasm_bindgen(js_name = asMap)]
    fn as_map(object: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = asSearchParams)]
    fn as_search_params(object: &JsValue) -> JsValue;
    fn keys(value: &JsValue) -> String;
    #[wasm_bindgen(js_name = isPlainObject)]
    fn is_plain_object(value: &JsValue) -> bool;
    fn has(value: &JsValue, key: &str) -> bool;
    #[wasm_bindgen(catch)]
    fn make(ctor: &JsValue, message: &str, code: &str) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen_test]
fn reports_have_the_declared_members_and_null_where_invalid() {
    let report = verba_api::js::validate_delete_call(delete_call_0(&[("token", JsValue::NULL)]));
    assert_eq!(keys(&report), "valid,issues,normalized");
    let normalized = get(&report, "normalized");
    assert!(is_plain_object(&normalized));
    assert_eq!(
        keys(&normalized),
        "apiKey,callID,responseType,baseUrl,method,timeoutMs,allowInsecureHttp,corsPreflight",
        "no token member for a null token, no other selector"
    );
    assert_eq!(get(&normalized, "timeoutMs").as_f64(), Some(30_000.0));
    assert_eq!(get(&normalized, "allowInsecureHttp").as_bool(), Some(false));

    let invalid = verba_api::js::validate_delete_call(options(&[("callId", "x".into())]));
    assert!(get(&invalid, "normalized").is_null());
    let issues = js_sys::Array::from(&get(&invalid, "issues"));
    assert!(issues.length() >= 2);
    for issue in issues.iter() {
        assert!(is_plain_object(&issue));
        assert_eq!(keys(&issue), "field,code,message");
    }
}

#[wasm_bindgen_test]
fn built_requests_have_a_plain_headers_object_and_a_null_get_body() {
    let post = verba_api::js::build_delete_call_request(delete_call_0(&[])).expect("valid");
    assert_eq!(keys(&post), "method,url,body,headers,preview");
    let headers = get(&post, "headers");
    assert!(is_plain_object(&headers), "an object, not a Map");
    assert_eq!(
        text(&headers, "Content-Type"),
        "application/x-www-form-urlencoded"
    );
    let get_request =
        verba_api::js::build_delete_call_request(delete_call_0(&[("method", "GET".into())]))
            .expect("valid");
    assert!(get(&get_request, "body").is_null());
    assert_eq!(keys(&get(&get_request, "headers")), "");
}

#[wasm_bindgen_test]
fn results_have_null_message_and_raw_only_for_text_and_html() {
    let xml = verba_api::js::parse_delete_call_response(
        r#"<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>"#.into(),
        None,
        None,
    )
    .expect("a success");
    assert_eq!(keys(&xml), "ok,code,action,message,responseType,httpStatus");
    assert!(get(&xml, "message").is_null());
    let text_reply =
        verba_api::js::parse_delete_call_response("OK".into(), Some("TEXT".into()), None)
            .expect("a success");
    assert_eq!(text(&text_reply, "raw"), "OK");
}

#[wasm_bindgen_test]
fn error_members_are_present_only_when_they_apply() {
    let validation =
        verba_api::js::build_delete_call_request(options(&[])).expect_err("invalid options");
    assert_verba_error(&validation, "VALIDATION");
    assert!(has(&validation, "issues"));
    assert!(!has(&validation, "apiCode") && !has(&validation, "httpStatus"));
    assert!(!has(&validation, "cause"));
    let refused = verba_api::js::parse_delete_call_response(
        "ERROR 5: protected".into(),
        Some("TEXT".into()),
        Some(JsValue::from(200)),
    )
    .expect_err("code 5");
    assert_verba_error(&refused, "API_ERROR");
    assert_eq!(get(&refused, "apiCode").as_f64(), Some(5.0));
    assert_eq!(get(&refused, "httpStatus").as_f64(), Some(200.0));
    assert!(!has(&refused, "issues"));
}

#[wasm_bindgen_test]
fn verba_error_can_be_constructed_by_callers_without_details() {
    let error = verba_api::js::build_delete_call_request(options(&[])).expect_err("invalid");
    let class = get(&error, "constructor");
    let own = make(&class, "mine", "PARSE").expect("no details needed");
    assert!(verba_api::js::is_verba_error(&own));
    assert_eq!(text(&own, "message"), "mine");
    assert_eq!(text(&own, "code"), "PARSE");
}

#[wasm_bindgen_test]
async fn maps_and_search_params_are_not_read_as_options_and_send_nothing() {
    reset(&fixture(1, &[], 0)).await;
    let plain = delete_call_0(&[]);
    for value in [as_map(&plain), as_search_params(&plain)] {
        let report = verba_api::js::validate_delete_call(value.clone());
        assert_eq!(get(&report, "valid").as_bool(), Some(false));
        let error = rejection(value).await;
        assert_verba_error(&error, "VALIDATION");
    }
    let (count, _) = requests().await;
    assert_eq!(count, 0.0);
    assert_eq!(calls().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_deeply_nested_array_is_an_invalid_type_and_the_module_keeps_working() {
    reset(&fixture(1, &[], 0)).await;
    let deep = nested(200_000);
    let report = verba_api::js::validate_delete_call(options(&[
        ("apiKey", OPEN_KEY.into()),
        ("nativeID", deep.clone()),
    ]));
    let issues = js_sys::Array::from(&get(&report, "issues"));
    assert_eq!(issues.length(), 1);
    assert_eq!(text(&issues.get(0), "code"), "invalid_type");
    assert!(text(&issues.get(0), "message").contains("not an array"));
    let status = verba_api::js::validate_parameter("status".into(), deep);
    let issues = js_sys::Array::from(&status);
    assert_eq!(text(&issues.get(0), "code"), "invalid_type");
    verba_api::js::delete_call(delete_call_0(&[]))
        .await
        .expect("the module still works");
    assert!(calls().await.is_empty());
}

#[wasm_bindgen_test]
async fn a_base_url_the_url_parser_refuses_is_a_validation_issue_and_sends_nothing() {
    reset(&fixture(1, &[], 0)).await;
    let bad = "https://a^b.example.com";
    let error = rejection(delete_call_0(&[("baseUrl", bad.into())])).await;
    assert_verba_error(&error, "VALIDATION");
    let issues = js_sys::Array::from(&get(&error, "issues"));
    assert_eq!(text(&issues.get(0), "field"), "baseUrl");
    assert_eq!(text(&issues.get(0), "code"), "invalid_base_url");
    let alone = js_sys::Array::from(&verba_api::js::validate_parameter(
        "baseUrl".into(),
        bad.into(),
    ));
    assert_eq!(alone.length(), 1);
    assert_eq!(text(&alone.get(0), "code"), "invalid_base_url");
    let (count, _) = requests().await;
    assert_eq!(count, 0.0);
}
