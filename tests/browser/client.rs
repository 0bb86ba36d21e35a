//! `createClient` against the emulator (issue 10): a client with credentials requests one token
//! for any number of concurrent calls, reuses it until a minute before it expires, renews it
//! once when the recorder refuses it and repeats the refused call once (never more, never
//! another failure); an abort while a token is being requested rejects with the reason; a
//! credentials function is called only when a token is needed; without credentials the given
//! token is used as is. The emulator's request log says what reached it.

use crate::support::*;
use js_sys::{Array, Promise, Reflect};
use verba_api::js::{VerbaClient, create_client};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

/// An object with `userName` and `password`.
fn credentials(user: &str, password: &str) -> JsValue {
    let object = js_sys::Object::new();
    Reflect::set(&object, &"userName".into(), &user.into()).expect("set");
    Reflect::set(&object, &"password".into(), &password.into()).expect("set");
    object.into()
}

/// A client for the key that requires a token, with `credentials` and `extra` config.
fn client_with(credentials: JsValue, extra: &[(&str, JsValue)]) -> VerbaClient {
    let mut pairs = vec![("apiKey", JsValue::from_str(KEY))];
    if !credentials.is_undefined() {
        pairs.push(("credentials", credentials));
    }
    pairs.extend(extra.iter().cloned());
    create_client(options(&pairs)).unwrap_or_else(|error| panic!("createClient: {error:?}"))
}

/// A client for the demo user.
fn demo_client() -> VerbaClient {
    client_with(credentials(USER, PASSWORD), &[])
}

/// `{ callID: call_id(n) }`, plus `extra`.
fn selector(n: usize, extra: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    Reflect::set(&object, &"callID".into(), &call_id(n).into()).expect("set");
    for (name, value) in extra {
        Reflect::set(&object, &JsValue::from_str(name), value).expect("set");
    }
    object.into()
}

async fn settle(promise: Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// Whether generated call `n` is gone or marked for deletion.
async fn deleted(n: usize) -> bool {
    let id = call_id(n);
    calls()
        .await
        .iter()
        .all(|(call, marked)| *call != id || *marked)
}

/// How many of `actions` are `action`.
fn count(actions: &[String], action: &str) -> usize {
    actions.iter().filter(|seen| *seen == action).count()
}

/// Asserts that no text of `error` holds the demo password (or its encodings).
fn assert_no_password(error: &JsValue) {
    let shown = [
        get(error, "message").as_string().unwrap_or_default(),
        js_sys::JSON::stringify(error)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default(),
    ]
    .concat();
    for secret in [
        PASSWORD,
        "pa%24%24word",
        "bXlhcGl1c2VyOnBhJCR3b3Jk",
        PLAIN_PASSWORD,
    ] {
        assert!(!shown.contains(secret), "password in {shown}");
    }
}

#[wasm_bindgen_test]
async fn a_client_gets_a_token_by_either_auth_mode_and_deletes_with_it() {
    for (n, auth) in ["basic", "params"].into_iter().enumerate() {
        reset(&token_fixture(2, 3600, 0)).await;
        let client = client_with(credentials(USER, PASSWORD), &[("auth", auth.into())]);
        assert!(
            client.token_info().is_null(),
            "no token before the first call"
        );
        let before = js_sys::Date::now();
        let result = settle(client.delete_call(selector(n, &[])))
            .await
            .unwrap_or_else(|error| panic!("{auth}: {error:?}"));
        assert_eq!(get(&result, "code").as_f64(), Some(0.0), "{auth}");
        assert!(deleted(n).await, "{auth}: the call is gone");
        assert_eq!(actions().await, ["RequestToken", "DeleteCall"], "{auth}");
        let info = client.token_info();
        let expires_at = get(&info, "expiresAt").as_f64().expect("expiresAt");
        assert!(expires_at >= before + 3_600_000.0, "{expires_at}");
        assert!(!text(&info, "token").is_empty());
    }
}

#[wasm_bindgen_test]
async fn refused_credentials_are_auth_failed_and_no_call_is_sent() {
    for (user, password) in [
        (USER, "pa$$word-wrong"),
        ("nobody", PASSWORD),
        (PLAIN_USER, PLAIN_PASSWORD),
    ] {
        reset(&token_fixture(1, 3600, 0)).await;
        let client = client_with(credentials(user, password), &[]);
        let error = settle(client.delete_call(selector(0, &[])))
            .await
            .expect_err("refused credentials");
        assert_verba_error(&error, "AUTH_FAILED");
        assert_eq!(get(&error, "mayHaveDeleted").as_bool(), Some(false));
        assert_no_password(&error);
        assert!(!text(&error, "message").contains(password), "{user}");
        // The token request was refused, so the call was never sent.
        assert_eq!(actions().await, ["RequestToken"], "{user}");
        assert!(!deleted(0).await);
    }
}

#[wasm_bindgen_test]
async fn ten_concurrent_calls_share_one_token_request() {
    reset(&token_fixture(11, 3600, 50)).await;
    let client = demo_client();
    let pending: Vec<JsFuture> = (0..10)
        .map(|n| JsFuture::from(client.delete_call(selector(n, &[]))))
        .collect();
    for (n, call) in pending.into_iter().enumerate() {
        call.await
            .unwrap_or_else(|error| panic!("call {n}: {error:?}"));
    }
    let seen = actions().await;
    assert_eq!(count(&seen, "RequestToken"), 1, "{seen:?}");
    assert_eq!(count(&seen, "DeleteCall"), 10, "{seen:?}");
    assert_eq!(seen[0], "RequestToken", "the token first: {seen:?}");
    for n in 0..10 {
        assert!(deleted(n).await, "call {n}");
    }
    // A later call reuses the token.
    settle(client.delete_call(selector(10, &[])))
        .await
        .expect("a later call");
    assert_eq!(count(&actions().await, "RequestToken"), 1);
}

/// Deletes generated call 0 with a fresh `client` and gives the token it got.
async fn first_deletion(client: &VerbaClient) -> String {
    settle(client.delete_call(selector(0, &[])))
        .await
        .expect("first call");
    text(&client.token_info(), "token")
}

/// What reaches the emulator for two deletions, then a renewal and a third request: one token
/// for the first two, then a new one.
const TWO_THEN_RENEWED: [&str; 5] = [
    "RequestToken",
    "DeleteCall",
    "DeleteCall",
    "RequestToken",
    "DeleteCall",
];

#[wasm_bindgen_test]
async fn a_token_is_renewed_a_minute_before_it_expires_without_a_refusal() {
    reset(&token_fixture(3, 7200, 0)).await;
    let client = demo_client();
    let first = first_deletion(&client).await;
    // 58 minutes later the token (one hour, by the vendor's lifetime) is still fresh.
    shift_clock(58.0 * 60_000.0);
    let second = settle(client.delete_call(selector(1, &[]))).await;
    // 59 minutes and a second later it is within the minute before its expiry: renewed first.
    shift_clock(59.0 * 60_000.0 + 1_000.0);
    let third = settle(client.delete_call(selector(2, &[]))).await;
    let renewed = client.token_info();
    restore_clock();
    second.expect("second call");
    third.expect("third call");
    assert_eq!(actions().await, TWO_THEN_RENEWED);
    assert_ne!(text(&renewed, "token"), first, "a new token");
    assert!(deleted(2).await);
}

#[wasm_bindgen_test]
async fn a_refused_token_gets_one_new_token_and_one_repeat() {
    // The emulator's tokens last one second; the client believes the vendor's hour.
    reset(&token_fixture(2, 1, 0)).await;
    let client = demo_client();
    let first = first_deletion(&client).await;
    sleep(1_500).await;
    let result = settle(client.delete_call(selector(1, &[])))
        .await
        .expect("the repeat succeeds");
    assert_eq!(get(&result, "code").as_f64(), Some(0.0));
    assert!(deleted(1).await);
    assert_eq!(actions().await, TWO_THEN_RENEWED);
    assert_ne!(text(&client.token_info(), "token"), first);
}

#[wasm_bindgen_test]
async fn a_refused_repeat_reaches_the_caller_and_is_not_repeated_again() {
    // Each answer takes longer than a token lives, so every token has expired when it is used.
    reset(&token_fixture(1, 1, 1_100)).await;
    let client = demo_client();
    let error = settle(client.delete_call(selector(0, &[])))
        .await
        .expect_err("refused twice");
    assert_verba_error(&error, "AUTH_FAILED");
    assert_eq!(get(&error, "apiCode").as_f64(), Some(4.0));
    assert_eq!(
        actions().await,
        ["RequestToken", "DeleteCall", "RequestToken", "DeleteCall"]
    );
    assert!(!deleted(0).await);
}

#[wasm_bindgen_test]
async fn no_other_failure_is_repeated() {
    reset(&token_fixture(1, 3600, 0)).await;
    let client = demo_client();
    // An unknown call: CALL_NOT_FOUND, once.
    let missing = js_sys::Object::new();
    Reflect::set(
        &missing,
        &"callID".into(),
        &"99999999-0000-4000-8000-000000000000".into(),
    )
    .expect("set");
    let error = settle(client.delete_call(missing.into()))
        .await
        .expect_err("not found");
    assert_verba_error(&error, "CALL_NOT_FOUND");
    // A timeout: once, with mayHaveDeleted true.
    reset(&token_fixture(1, 3600, 400)).await;
    let error = settle(client.delete_call(selector(0, &[("timeoutMs", 200.into())])))
        .await
        .expect_err("timeout");
    assert_verba_error(&error, "TIMEOUT");
    let seen = actions().await;
    assert_eq!(count(&seen, "DeleteCall"), 1, "{seen:?}");
}

#[wasm_bindgen_test]
async fn an_abort_while_the_token_is_requested_rejects_with_the_reason() {
    reset(&token_fixture(2, 3600, 600)).await;
    let client = demo_client();
    let controller = web_sys::AbortController::new().expect("AbortController");
    let pending =
        JsFuture::from(client.delete_call(selector(0, &[("signal", controller.signal().into())])));
    sleep(100).await;
    let reason = JsValue::from_str("the admin cancelled");
    controller.abort_with_reason(&reason);
    let started = js_sys::Date::now();
    let error = pending.await.expect_err("aborted");
    assert_eq!(error.as_string().as_deref(), Some("the admin cancelled"));
    assert!(
        js_sys::Date::now() - started < 400.0,
        "rejected at the abort, not when the token came"
    );
    // The renewal went on, and the next call uses its token: no second RequestToken.
    settle(client.delete_call(selector(1, &[])))
        .await
        .expect("next call");
    assert_eq!(actions().await, ["RequestToken", "DeleteCall"]);
    assert!(!deleted(0).await, "the aborted call was never sent");
    assert!(deleted(1).await);
    // An already aborted signal rejects at once, before any request.
    let aborted = web_sys::AbortController::new().expect("AbortController");
    aborted.abort_with_reason(&"already".into());
    client.forget_token();
    let error = settle(client.delete_call(selector(0, &[("signal", aborted.signal().into())])))
        .await
        .expect_err("already aborted");
    assert_eq!(error.as_string().as_deref(), Some("already"));
    assert_eq!(actions().await.len(), 2, "nothing more was sent");
}

#[wasm_bindgen_test]
async fn a_long_lived_signal_keeps_no_listener_once_calls_and_batches_settle() {
    reset(&token_fixture(6, 3600, 100)).await;
    let client = demo_client();
    let controller = web_sys::AbortController::new().expect("AbortController");
    let listeners = count_abort_listeners(&controller.signal());
    let signal: JsValue = controller.signal().into();
    // Three calls wait for the one token request (each under the signal), then are sent.
    let calls: Vec<JsFuture> = (0..3)
        .map(|n| JsFuture::from(client.delete_call(selector(n, &[("signal", signal.clone())]))))
        .collect();
    for call in calls {
        call.await.expect("deleted");
    }
    let batch_options = js_sys::Object::new();
    Reflect::set(&batch_options, &"signal".into(), &signal).expect("set");
    let items: Array = (3..6).map(|n| JsValue::from(call_id(n))).collect();
    let report = settle(client.delete_calls(items.into(), batch_options.into()))
        .await
        .expect("batch");
    assert_eq!(get(&get(&report, "counts"), "deleted").as_f64(), Some(3.0));
    let (added, removed) = (
        get(&listeners, "added").as_f64(),
        get(&listeners, "removed").as_f64(),
    );
    // Each call waited for the token under the signal (3) and sent its request under it (3);
    // the batch followed it once (its requests carry the batch's own signal).
    assert_eq!(added, Some(7.0), "who listened");
    assert_eq!(removed, added, "every listener removed");
    for n in 0..6 {
        assert!(deleted(n).await, "call {n}");
    }
}

#[wasm_bindgen_test]
async fn a_credentials_function_is_called_only_when_a_token_is_needed() {
    reset(&token_fixture(3, 3600, 0)).await;
    let ask = counting_credentials(USER, PASSWORD);
    let client = client_with(ask.clone().into(), &[]);
    let calls = || get(&ask, "calls").as_f64();
    assert_eq!(calls(), Some(0.0), "not at createClient");
    for n in 0..3 {
        settle(client.delete_call(selector(n, &[])))
            .await
            .unwrap_or_else(|error| panic!("call {n}: {error:?}"));
    }
    assert_eq!(calls(), Some(1.0), "once for three calls");
    settle(client.request_token(JsValue::UNDEFINED))
        .await
        .expect("forced renewal");
    assert_eq!(calls(), Some(2.0));

    // What the function rejects with reaches the caller unchanged; nothing is sent.
    reset(&token_fixture(1, 3600, 0)).await;
    let reason = JsValue::from_str("the admin closed the sign-in dialog");
    let client = client_with(failing_credentials(&reason).into(), &[]);
    let error = settle(client.delete_call(selector(0, &[])))
        .await
        .expect_err("no credentials");
    assert_eq!(error, reason);
    // An answer that is no { userName, password } is VALIDATION.
    for answer in [JsValue::from_str("myapiuser"), credentials(USER, "")] {
        let client = client_with(credentials_answering(&answer).into(), &[]);
        let error = settle(client.delete_call(selector(0, &[])))
            .await
            .expect_err("bad answer");
        assert_verba_error(&error, "VALIDATION");
    }
    assert_eq!(actions().await, Vec::<String>::new(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn without_credentials_the_token_is_used_as_is() {
    reset(&token_fixture(2, 3600, 0)).await;
    let client = client_with(JsValue::UNDEFINED, &[("token", TOKEN.into())]);
    settle(client.delete_call(selector(0, &[])))
        .await
        .expect("the fixture's token");
    assert!(client.token_info().is_null(), "its expiry is unknown");
    let client = client_with(JsValue::UNDEFINED, &[("token", "expired-token".into())]);
    let error = settle(client.delete_call(selector(1, &[])))
        .await
        .expect_err("refused");
    assert_verba_error(&error, "AUTH_FAILED");
    let error = settle(client.request_token(JsValue::UNDEFINED))
        .await
        .expect_err("no credentials");
    assert_verba_error(&error, "VALIDATION");
    assert_eq!(
        actions().await,
        ["DeleteCall", "DeleteCall"],
        "not repeated"
    );
}

#[wasm_bindgen_test]
async fn a_bad_config_or_call_is_refused_at_once_and_sends_nothing() {
    reset(&token_fixture(1, 3600, 0)).await;
    let configs = [
        options(&[("apiKey", "nope".into())]),
        options(&[
            ("apiKey", KEY.into()),
            ("credentials", credentials(USER, "")),
        ]),
        options(&[
            ("apiKey", KEY.into()),
            ("credentials", credentials(USER, PASSWORD)),
            ("auth", "params".into()),
            ("method", "GET".into()),
        ]),
        options(&[("apiKey", KEY.into()), ("callID", call_id(0).into())]),
        JsValue::from_str("not an object"),
    ];
    for config in configs {
        let error = match create_client(config.clone()) {
            Ok(_) => panic!("accepted {:?}", js_sys::JSON::stringify(&config)),
            Err(error) => error,
        };
        assert_verba_error(&error, "VALIDATION");
        assert!(
            text(&error, "message").starts_with("Invalid createClient config: "),
            "{}",
            text(&error, "message")
        );
        assert_no_password(&error);
    }
    let client = demo_client();
    let bad_calls = [
        selector(0, &[("apiKey", KEY.into())]),
        selector(0, &[("nativeID", "N-0".into())]),
        JsValue::from_str(&call_id(0)),
    ];
    for call in bad_calls {
        let error = settle(client.delete_call(call))
            .await
            .expect_err("invalid call");
        assert_verba_error(&error, "VALIDATION");
    }
    let fields: Vec<String> = Array::from(&get(
        &settle(client.request_token(selector(0, &[])))
            .await
            .expect_err("requestToken takes only a signal"),
        "issues",
    ))
    .iter()
    .map(|issue| text(&issue, "field"))
    .collect();
    assert_eq!(fields, ["callID"]);
    assert_eq!(actions().await, Vec::<String>::new(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn request_token_forces_a_new_token_and_forget_token_drops_it() {
    reset(&token_fixture(2, 3600, 0)).await;
    let client = demo_client();
    let first = settle(client.request_token(JsValue::UNDEFINED))
        .await
        .expect("token");
    let second = settle(client.request_token(JsValue::UNDEFINED))
        .await
        .expect("token");
    assert_ne!(text(&first, "token"), text(&second, "token"));
    assert_eq!(text(&client.token_info(), "token"), text(&second, "token"));
    // Two forced at once share one request.
    let (a, b) = futures_join(
        settle(client.request_token(JsValue::UNDEFINED)),
        settle(client.request_token(JsValue::UNDEFINED)),
    )
    .await;
    assert_eq!(text(&a.expect("a"), "token"), text(&b.expect("b"), "token"));
    client.forget_token();
    assert!(client.token_info().is_null());
    settle(client.delete_call(selector(0, &[])))
        .await
        .expect("a new token after forgetToken");
    assert_eq!(
        actions().await,
        [
            "RequestToken",
            "RequestToken",
            "RequestToken",
            "RequestToken",
            "DeleteCall"
        ]
    );
    // A request token error never says the call may have been deleted.
    reset(&token_fixture(0, 3600, 400)).await;
    let client = client_with(credentials(USER, PASSWORD), &[("timeoutMs", 150.into())]);
    let error = settle(client.request_token(JsValue::UNDEFINED))
        .await
        .expect_err("timeout");
    assert_eq!(text(&error, "code"), "TIMEOUT");
    assert_eq!(get(&error, "mayHaveDeleted").as_bool(), Some(false));
    assert!(!text(&error, "message").contains("deleted"));
}
