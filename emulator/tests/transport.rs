//! GET and POST, where parameters may come from, body and URL limits, the request counter of
//! `GET /__emulator/requests`, and the fixture's `responseDelayMs`.

mod common;

use std::time::{Duration, Instant};

use common::{KEY, OPEN_KEY, TOKEN, c, encode, start};
use serde_json::json;

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

#[tokio::test]
async fn get_with_everything_in_the_query() {
    let emu = start().await;
    let reply = emu.delete(&[("callID", &c(1))]).await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
    assert!(!emu.call_ids().await.contains(&c(1)));
}

#[tokio::test]
async fn post_with_action_in_the_query_and_the_rest_in_the_body() {
    let emu = start().await;
    let reply = emu
        .api_post(&[("apiKey", KEY), ("token", TOKEN), ("callID", &c(1))])
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
    assert!(!emu.call_ids().await.contains(&c(1)));
}

#[tokio::test]
async fn post_with_action_in_the_body() {
    let emu = start().await;
    let body = encode(&[
        ("action", "DeleteCall"),
        ("apiKey", KEY),
        ("token", TOKEN),
        ("callID", &c(1)),
        ("responseType", "TEXT"),
    ]);
    let reply = emu.post("/verba/api", FORM, body).await;
    assert_eq!(reply.body, "OK");
}

#[tokio::test]
async fn post_with_action_in_both_places() {
    let emu = start().await;
    let body = encode(&[
        ("action", "DeleteCall"),
        ("apiKey", OPEN_KEY),
        ("callID", &c(1)),
    ]);
    let reply = emu
        .post("/verba/api?action=DeleteCall", FORM, body.clone())
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
    let reply = emu.post("/verba/api?action=GetCallID", FORM, body).await;
    assert_eq!(reply.code(), 1, "{}", reply.body);
    assert!(reply.body.contains("action"), "{}", reply.body);
}

#[tokio::test]
async fn post_accepts_query_parameters_too() {
    let emu = start().await;
    let path = format!("/verba/api?action=DeleteCall&apiKey={OPEN_KEY}&responseType=JSON");
    let reply = emu.post(&path, FORM, encode(&[("callID", &c(1))])).await;
    assert_eq!(
        reply.body,
        r#"{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}"#
    );
    // And with an empty body, everything from the query.
    let path = format!(
        "/verba/api?action=DeleteCall&apiKey={OPEN_KEY}&callID={}",
        c(2)
    );
    let reply = emu.post(&path, None, String::new()).await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
}

#[tokio::test]
async fn form_content_type_with_charset_is_accepted() {
    let emu = start().await;
    let body = encode(&[("apiKey", OPEN_KEY), ("callID", &c(1))]);
    let reply = emu
        .post(
            "/verba/api?action=DeleteCall",
            Some("Application/X-WWW-Form-Urlencoded; charset=UTF-8"),
            body,
        )
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
}

#[tokio::test]
async fn post_body_of_another_type_is_code_1() {
    let emu = start().await;
    let form = encode(&[("apiKey", OPEN_KEY), ("callID", &c(1))]);
    for ct in [
        Some("application/json"),
        Some("multipart/form-data; boundary=x"),
        None,
    ] {
        let body = if ct == Some("application/json") {
            json!({"apiKey": OPEN_KEY, "callID": c(1)}).to_string()
        } else {
            form.clone()
        };
        let reply = emu.post("/verba/api?action=DeleteCall", ct, body).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.code(), 1, "{ct:?}: {}", reply.body);
        assert!(
            reply.body.contains("application/x-www-form-urlencoded"),
            "{}",
            reply.body
        );
    }
    assert!(emu.call_ids().await.contains(&c(1)));
}

#[tokio::test]
async fn body_over_64_kib_is_code_1_in_the_requested_format() {
    let emu = start().await;
    let mut body = encode(&[("apiKey", OPEN_KEY), ("callID", &c(1))]);
    body.push_str("&pad=");
    body.push_str(&"x".repeat(70 * 1024));
    let reply = emu
        .post("/verba/api?action=DeleteCall&responseType=TEXT", FORM, body)
        .await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.starts_with("ERROR 1: "), "{}", reply.body);
    assert!(reply.body.contains("65536 bytes"), "{}", reply.body);
    assert!(emu.call_ids().await.contains(&c(1)));
    // Just under the limit is fine.
    let mut body = encode(&[("apiKey", OPEN_KEY), ("callID", &c(1))]);
    body.push_str("&pad=");
    let room = 64 * 1024 - body.len();
    body.push_str(&"x".repeat(room));
    let reply = emu.post("/verba/api?action=DeleteCall", FORM, body).await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
}

#[tokio::test]
async fn url_over_4000_characters_is_code_1() {
    let emu = start().await;
    let base = format!(
        "/verba/api?action=DeleteCall&apiKey={OPEN_KEY}&callID={}&pad=",
        c(1)
    );
    let long = format!("{base}{}", "x".repeat(4001 - base.len()));
    assert_eq!(long.len(), 4001);
    let reply = emu.get(&long).await;
    assert_eq!(reply.code(), 1, "{}", reply.body);
    assert!(reply.body.contains("4000 characters"), "{}", reply.body);
    let fits = &long[..4000];
    let reply = emu.get(fits).await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
}

#[tokio::test]
async fn requests_are_counted_with_names_only() {
    let emu = start().await;
    let empty = emu.requests().await;
    assert_eq!(empty, json!({"count": 0, "recent": []}));

    emu.delete(&[("callID", &c(1))]).await;
    emu.api_post(&[("apiKey", KEY), ("token", TOKEN), ("callID", &c(2))])
        .await;
    emu.post("/verba/api", Some("application/json"), "{}".to_string())
        .await;
    // Admin and static requests are not counted.
    emu.get("/__emulator/calls").await;
    emu.get("/index.html").await;

    let seen = emu.requests().await;
    assert_eq!(seen["count"], 3);
    assert_eq!(
        seen["recent"],
        json!([
            {"method": "GET", "action": "DeleteCall",
             "queryKeys": ["action", "apiKey", "token", "callID"], "bodyKeys": [], "contentType": null},
            {"method": "POST", "action": "DeleteCall", "queryKeys": ["action"],
             "bodyKeys": ["apiKey", "token", "callID"],
             "contentType": "application/x-www-form-urlencoded"},
            {"method": "POST", "action": null, "queryKeys": [], "bodyKeys": [],
             "contentType": "application/json"},
        ])
    );
    let text = seen.to_string();
    for secret in [KEY, TOKEN] {
        assert!(!text.contains(secret), "{text}");
    }
    assert!(!text.contains(&c(1)), "values are never recorded: {text}");
}

#[tokio::test]
async fn recent_keeps_the_last_100_and_reset_clears_the_count() {
    let emu = start().await;
    for i in 0..105 {
        emu.get(&format!("/verba/api?action=Probe{i}")).await;
    }
    let seen = emu.requests().await;
    assert_eq!(seen["count"], 105);
    let recent = seen["recent"].as_array().expect("array");
    assert_eq!(recent.len(), 100);
    assert_eq!(recent[0]["action"], "Probe5");
    assert_eq!(recent[99]["action"], "Probe104");

    let (status, _) = emu.reset(&common::fixture_json()).await;
    assert_eq!(status, 200);
    assert_eq!(emu.requests().await, json!({"count": 0, "recent": []}));
}

#[tokio::test]
async fn response_delay_delays_every_api_reply_but_not_the_state_change() {
    let emu = start().await;
    let fixture = common::fixture_json().replacen('{', "{\"responseDelayMs\": 1500,", 1);
    let (status, answer) = emu.reset(&fixture).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["responseDelayMs"], 1500);

    let started = Instant::now();
    let reply = emu.delete(&[("callID", &c(1))]).await;
    assert_eq!(reply.code(), 0);
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );

    // A client that gives up early sees a timeout; the deletion happened anyway.
    let url = emu.url(&format!(
        "/verba/api?action=DeleteCall&apiKey={KEY}&token={TOKEN}&callID={}",
        c(2)
    ));
    let result = emu
        .client
        .get(&url)
        .timeout(Duration::from_millis(300))
        .send()
        .await;
    assert!(result.is_err_and(|e| e.is_timeout()));
    // Admin routes are not delayed.
    let started = Instant::now();
    let ids = emu.call_ids().await;
    assert!(started.elapsed() < Duration::from_millis(1000));
    assert!(!ids.contains(&c(2)));
    // Errors are delayed too.
    let started = Instant::now();
    let reply = emu.api_get(&[("action", "Nope")]).await;
    assert_eq!(reply.code(), 1);
    assert!(started.elapsed() >= Duration::from_millis(1500));
}
