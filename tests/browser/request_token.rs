//! `requestToken` against the emulator's RequestToken (spec §6): the demo user `myapiuser` /
//! `pa$$word` with the System Administrator and System Supervisor roles gets a token that
//! `deleteCall` accepts, by the Basic header and by POST parameters, in XML, JSON and TEXT;
//! wrong credentials, a user without the roles and an unknown key are `AUTH_FAILED`; GET with
//! parameters is refused before anything is sent; HTML is `PARSE`.
//!
//! Written against the contract of docs/spec.md §6 and issue 10 (fixture `users` with `roles`,
//! `tokenLifetimeS`) before the emulator's RequestToken was merged.

use crate::support::*;
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

/// RequestToken options for `user` with the emulator's key that requires a token, plus `extra`.
fn token_options(user: &str, password: &str, extra: &[(&str, JsValue)]) -> JsValue {
    let mut pairs = vec![
        ("apiKey", JsValue::from_str(KEY)),
        ("userName", JsValue::from_str(user)),
        ("password", JsValue::from_str(password)),
    ];
    pairs.extend(extra.iter().cloned());
    options(&pairs)
}

async fn token_rejection(options: JsValue) -> JsValue {
    match verba_api::js::request_token(options).await {
        Ok(info) => panic!(
            "expected a rejection, got {:?}",
            js_sys::JSON::stringify(&info)
        ),
        Err(error) => error,
    }
}

/// Asserts [`assert_token_request_error`] and that the password is nowhere in the message.
fn assert_token_error(error: &JsValue, code: &str) {
    assert_token_request_error(error, code);
    let message = text(error, "message");
    for secret in [
        PASSWORD,
        "pa%24%24word",
        "bXlhcGl1c2VyOnBhJCR3b3Jk",
        PLAIN_PASSWORD,
    ] {
        assert!(!message.contains(secret), "password in message: {message}");
    }
}

#[wasm_bindgen_test]
async fn the_demo_user_gets_a_token_that_delete_call_accepts() {
    let cases: [(&str, &str, &str); 7] = [
        ("basic", "POST", "XML"),
        ("basic", "POST", "JSON"),
        ("basic", "POST", "TEXT"),
        ("basic", "GET", "XML"),
        ("params", "POST", "XML"),
        ("params", "POST", "JSON"),
        ("PARAMS", "post", "text"),
    ];
    for (n, (auth, method, response_type)) in cases.into_iter().enumerate() {
        reset(&token_fixture(2, 3600, 0)).await;
        let before = js_sys::Date::now();
        let info = verba_api::js::request_token(token_options(
            USER,
            PASSWORD,
            &[
                ("auth", auth.into()),
                ("method", method.into()),
                ("responseType", response_type.into()),
            ],
        ))
        .await
        .unwrap_or_else(|error| panic!("{auth} {method} {response_type}: {error:?}"));
        let after = js_sys::Date::now();
        let token = text(&info, "token");
        assert!(
            !token.is_empty() && token.len() <= 256 && token.bytes().all(|b| b.is_ascii_graphic()),
            "{token:?}"
        );
        let expires_at = get(&info, "expiresAt").as_f64().expect("expiresAt");
        assert!(
            (before + 3_600_000.0..=after + 3_600_000.0).contains(&expires_at),
            "{expires_at} not one hour after sending ({before}..{after})"
        );
        let keys = js_sys::Object::keys(info.unchecked_ref::<js_sys::Object>());
        assert_eq!(keys.length(), 2, "TokenInfo has token and expiresAt only");

        // The token is the recorder's: deleteCall with the key that requires one accepts it.
        let deleted = verba_api::js::delete_call(options(&[
            ("apiKey", KEY.into()),
            ("token", token.as_str().into()),
            ("callID", call_id(0).into()),
        ]))
        .await;
        assert!(deleted.is_ok(), "case {n}: {deleted:?}");
        assert!(
            calls()
                .await
                .iter()
                .any(|(id, marked)| *id == call_id(0) && *marked)
                || !calls().await.iter().any(|(id, _)| *id == call_id(0)),
            "case {n}: the call is gone"
        );
    }
}

#[wasm_bindgen_test]
async fn wrong_credentials_are_auth_failed_and_nothing_else_changes() {
    reset(&token_fixture(2, 3600, 0)).await;
    let before = calls().await;
    for response_type in ["XML", "JSON", "TEXT"] {
        for auth in ["basic", "params"] {
            for (user, password) in [
                (USER, "pa$$word-wrong"),
                ("nobody", PASSWORD),
                (PLAIN_USER, PLAIN_PASSWORD),
            ] {
                let error = token_rejection(token_options(
                    user,
                    password,
                    &[
                        ("auth", auth.into()),
                        ("responseType", response_type.into()),
                    ],
                ))
                .await;
                assert_token_error(&error, "AUTH_FAILED");
                assert_eq!(get(&error, "apiCode").as_f64(), Some(4.0));
                assert_eq!(get(&error, "mayHaveDeleted").as_bool(), Some(false));
                assert!(
                    !text(&error, "message").contains(password),
                    "{user}: password echoed"
                );
            }
        }
        // An unknown API key, with the right credentials.
        let error = token_rejection(options(&[
            ("apiKey", "99999999-9999-4999-8999-999999999999".into()),
            ("userName", USER.into()),
            ("password", PASSWORD.into()),
            ("responseType", response_type.into()),
        ]))
        .await;
        assert_token_error(&error, "AUTH_FAILED");
    }
    assert_eq!(calls().await, before);
}

#[wasm_bindgen_test]
async fn get_with_params_is_refused_before_anything_is_sent() {
    reset(&token_fixture(2, 3600, 0)).await;
    let (count, _) = requests().await;
    let error = token_rejection(token_options(
        USER,
        PASSWORD,
        &[("auth", "params".into()), ("method", "GET".into())],
    ))
    .await;
    assert_token_error(&error, "VALIDATION");
    let issues = js_sys::Array::from(&get(&error, "issues"));
    let fields: Vec<String> = issues.iter().map(|issue| text(&issue, "field")).collect();
    assert_eq!(fields, ["auth", "method"]);
    assert_eq!(requests().await.0, count, "nothing was sent");
}

#[wasm_bindgen_test]
async fn missing_credentials_and_unknown_options_are_validation_errors() {
    reset(&token_fixture(2, 3600, 0)).await;
    let (count, _) = requests().await;
    for pairs in [
        vec![
            ("apiKey", JsValue::from_str(KEY)),
            ("userName", USER.into()),
        ],
        vec![
            ("apiKey", JsValue::from_str(KEY)),
            ("password", PASSWORD.into()),
        ],
        vec![
            ("apiKey", JsValue::from_str(KEY)),
            ("userName", USER.into()),
            ("password", PASSWORD.into()),
            ("token", TOKEN.into()),
        ],
    ] {
        let error = token_rejection(options(&pairs)).await;
        assert_token_error(&error, "VALIDATION");
    }
    assert_eq!(requests().await.0, count, "nothing was sent");
}

#[wasm_bindgen_test]
async fn an_html_reply_is_a_parse_error_that_names_the_readable_formats() {
    reset(&token_fixture(2, 3600, 0)).await;
    let error = token_rejection(token_options(
        USER,
        PASSWORD,
        &[("responseType", "HTML".into())],
    ))
    .await;
    assert_token_error(&error, "PARSE");
    assert!(
        text(&error, "message").contains("XML, JSON or TEXT"),
        "{}",
        text(&error, "message")
    );
}

/// The names in `record[key]` (an array of strings).
fn names(record: &JsValue, key: &str) -> Vec<String> {
    js_sys::Array::from(&get(record, key))
        .iter()
        .filter_map(|name| name.as_string())
        .collect()
}

/// `(auth, method, query keys, body keys, Authorization header sent)`.
type Sent = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    bool,
);

#[wasm_bindgen_test]
async fn the_password_never_travels_in_the_url() {
    reset(&token_fixture(2, 3600, 0)).await;
    let cases: [Sent; 3] = [
        (
            "basic",
            "GET",
            &["action", "apiKey", "responseType"],
            &[],
            true,
        ),
        (
            "basic",
            "POST",
            &["action"],
            &["apiKey", "responseType"],
            true,
        ),
        (
            "params",
            "POST",
            &["action"],
            &["apiKey", "userName", "password", "responseType"],
            false,
        ),
    ];
    for (auth, method, query, body, header) in cases {
        verba_api::js::request_token(token_options(
            USER,
            PASSWORD,
            &[("auth", auth.into()), ("method", method.into())],
        ))
        .await
        .unwrap_or_else(|error| panic!("{auth} {method}: {error:?}"));
        let (_, newest) = requests().await;
        assert_eq!(text(&newest, "method"), method);
        assert_eq!(text(&newest, "action"), "RequestToken");
        assert_eq!(names(&newest, "queryKeys"), query, "{auth} {method}");
        assert_eq!(names(&newest, "bodyKeys"), body, "{auth} {method}");
        assert_eq!(
            get(&newest, "authorization").as_string().as_deref(),
            header.then_some("Basic REDACTED"),
            "{auth} {method}"
        );
    }
}

#[wasm_bindgen_test]
async fn an_abort_rejects_with_the_reason_unchanged() {
    reset(&fixture(0, &[], 500)).await;
    let controller = web_sys::AbortController::new().expect("AbortController");
    controller.abort_with_reason(&"stop".into());
    let options = token_options(USER, PASSWORD, &[]);
    Reflect::set(&options, &"signal".into(), &controller.signal()).expect("set");
    let error = token_rejection(options).await;
    assert_eq!(error.as_string().as_deref(), Some("stop"));
}
