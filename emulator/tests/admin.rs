//! The admin routes: listing, reset with a fixture or the demo data, invalid fixtures, size
//! limit, unknown routes, and turning them off.

mod common;

use common::{c, start, start_with};
use serde_json::{Value, json};
use verba_emulator::Options;

#[tokio::test]
async fn listing_has_the_fixture_format_plus_marked_for_deletion() {
    let emu = start().await;
    let calls = emu.calls().await;
    assert_eq!(calls.len(), 18);
    let first = &calls[0];
    let keys: Vec<&str> = first
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        [
            "callID",
            "doNotDelete",
            "endOffsetS",
            "markedForDeletion",
            "meetingID",
            "nativeID",
            "participants",
            "platformCallID",
            "startOffsetS",
            "state"
        ]
    );
    assert_eq!(first["callID"], c(1));
    assert_eq!(first["platformCallID"], "P-1");
    assert_eq!(first["nativeID"], "N-1");
    assert_eq!(first["meetingID"], "M-1");
    assert_eq!(first["participants"], json!(["1001", "+36 1 234 5678"]));
    assert_eq!(first["state"], "finished");
    assert_eq!(first["doNotDelete"], false);
    assert_eq!(first["markedForDeletion"], false);
    // Offsets are relative to the listing time (a second or two after the load at most).
    let start = first["startOffsetS"].as_i64().expect("start");
    let end = first["endOffsetS"].as_i64().expect("end");
    assert!((-3610..=-3600).contains(&start), "{start}");
    assert_eq!(end - start, 100);
    // Optional fields absent or null in the fixture are null here.
    let c3 = &calls[2];
    assert_eq!(c3["callID"], c(3));
    assert_eq!(c3["platformCallID"], Value::Null);
    assert_eq!(c3["meetingID"], Value::Null);
    assert_eq!(c3["endOffsetS"], Value::Null);
    assert_eq!(c3["state"], "ongoing");
    assert_eq!(calls[1]["meetingID"], Value::Null);
    assert_eq!(calls[5]["doNotDelete"], true);
}

#[tokio::test]
async fn call_ids_are_listed_normalized() {
    let emu = start().await;
    let fixture = json!({"calls": [{
        "callID": "{A8343631-9F35-4A3A-83F0-9E81592339FB}", "state": "ongoing", "startOffsetS": -5
    }]});
    assert_eq!(emu.reset(&fixture.to_string()).await.0, 200);
    assert_eq!(
        emu.call_ids().await,
        ["a8343631-9f35-4a3a-83f0-9e81592339fb"]
    );
}

#[tokio::test]
async fn listing_can_be_fed_back_as_a_fixture() {
    let emu = start().await;
    assert_eq!(
        emu.delete(&[("extension", "2002"), ("status", "ongoing")])
            .await
            .code(),
        0
    );
    let listing = emu.get("/__emulator/calls").await.body;
    let (status, answer) = emu.reset(&listing).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["calls"], 18);
    assert_eq!(
        emu.call(&c(3)).await.expect("c3")["markedForDeletion"],
        true
    );
}

#[tokio::test]
async fn reset_with_a_custom_fixture_replaces_everything() {
    let emu = start().await;
    let fixture = json!({
        "apiKeys": [{"key": "k-only", "requiresToken": false}],
        "calls": [{"callID": c(42), "participants": ["42"], "state": "finished",
                   "startOffsetS": -100, "endOffsetS": -50}]
    });
    let (status, answer) = emu.reset(&fixture.to_string()).await;
    assert_eq!(status, 200);
    assert_eq!(
        answer,
        json!({"ok": true, "apiKeys": 1, "calls": 1, "responseDelayMs": 0})
    );
    assert_eq!(emu.call_ids().await, [c(42)]);
    // The old key is gone, the new one works.
    assert_eq!(emu.delete(&[("callID", &c(42))]).await.code(), 4);
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", "K-ONLY"),
            ("callID", &c(42)),
        ])
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
    assert!(emu.calls().await.is_empty());
}

#[tokio::test]
async fn reset_with_an_empty_body_loads_the_demo_data() {
    let emu = start().await;
    for body in ["", "  \n"] {
        let (status, answer) = emu.reset(body).await;
        assert_eq!(status, 200);
        assert_eq!(
            answer,
            json!({"ok": true, "apiKeys": 2, "calls": 35, "responseDelayMs": 0})
        );
        assert!(
            emu.call_ids()
                .await
                .contains(&"a8343631-9f35-4a3a-83f0-9e81592339fb".to_string())
        );
    }
}

#[tokio::test]
async fn reset_restores_deleted_calls() {
    let emu = start().await;
    emu.delete(&[("callID", &c(1))]).await;
    assert_eq!(emu.calls().await.len(), 17);
    assert_eq!(emu.reset(&common::fixture_json()).await.0, 200);
    assert_eq!(emu.calls().await.len(), 18);
}

#[tokio::test]
async fn invalid_fixtures_are_400_with_a_clear_message_and_change_nothing() {
    let emu = start().await;
    emu.delete(&[("callID", &c(1))]).await;
    let before = emu.calls().await;
    let good_call = |extra: Value| {
        let mut call =
            json!({"callID": c(1), "state": "finished", "startOffsetS": -10, "endOffsetS": -5});
        if let (Some(call), Some(extra)) = (call.as_object_mut(), extra.as_object()) {
            for (k, v) in extra {
                call.insert(k.clone(), v.clone());
            }
        }
        json!({"calls": [call]}).to_string()
    };
    let cases: Vec<(String, &str)> = vec![
        ("{".to_string(), "EOF"),
        ("[]".to_string(), "must be a JSON object"),
        ("null".to_string(), "must be a JSON object"),
        (r#"{"calls": 5}"#.to_string(), "invalid type"),
        (
            r#"{"apiKeys": [], "extra": 1}"#.to_string(),
            "unknown field `extra`",
        ),
        (good_call(json!({"callId": "x"})), "unknown field `callId`"),
        (
            good_call(json!({"callID": "not-a-guid"})),
            "calls[0].callID",
        ),
        (
            good_call(json!({"state": "paused"})),
            "unknown variant `paused`",
        ),
        (
            good_call(json!({"endOffsetS": null})),
            "calls[0].endOffsetS",
        ),
        (
            good_call(json!({"endOffsetS": -20})),
            "end is before the start",
        ),
        (
            good_call(json!({"participants": ["12a"]})),
            "calls[0].participants[0]",
        ),
        (good_call(json!({"startOffsetS": 1.5})), "invalid type"),
        (
            good_call(json!({"startOffsetS": 999_999_999_999_i64})),
            "calls[0].startOffsetS",
        ),
        (
            good_call(json!({"markedForDeletion": true})),
            "calls[0].markedForDeletion",
        ),
        (good_call(json!({"nativeID": ""})), "calls[0].nativeID"),
        (
            json!({"calls": [
                {"callID": c(1), "state": "ongoing", "startOffsetS": 0},
                {"callID": c(1).to_uppercase(), "state": "ongoing", "startOffsetS": 0}
            ]})
            .to_string(),
            "calls[1].callID: duplicate",
        ),
        (
            json!({"apiKeys": [{"key": ""}]}).to_string(),
            "apiKeys[0].key",
        ),
        (
            json!({"apiKeys": [{"key": "a"}, {"key": "A"}]}).to_string(),
            "apiKeys[1].key: duplicate",
        ),
        (
            json!({"apiKeys": [{"key": "a", "tokens": [""]}]}).to_string(),
            "apiKeys[0].tokens[0]",
        ),
        (json!({"responseDelayMs": -1}).to_string(), "invalid value"),
        (
            json!({"responseDelayMs": 700_000}).to_string(),
            "responseDelayMs",
        ),
    ];
    for (body, message) in cases {
        let (status, answer) = emu.reset(&body).await;
        assert_eq!(status, 400, "{body}: {answer}");
        let error = answer["error"].as_str().unwrap_or_default();
        assert!(error.starts_with("invalid fixture: "), "{body}: {error}");
        assert!(
            error.contains(message),
            "{body}: expected {message:?} in {error:?}"
        );
    }
    assert_eq!(
        emu.calls().await,
        before,
        "a refused fixture changes nothing"
    );
    // The keys are still the old ones.
    assert_eq!(emu.delete(&[("callID", &c(2))]).await.code(), 0);
}

#[tokio::test]
async fn reset_body_over_16_mib_is_413() {
    let emu = start().await;
    let body = format!(
        "{{\"calls\": [], \"x\": \"{}\"}}",
        "y".repeat(16 * 1024 * 1024)
    );
    let (status, answer) = emu.reset(&body).await;
    assert_eq!(status, 413, "{answer}");
    assert!(
        answer["error"]
            .as_str()
            .is_some_and(|e| e.contains("16777216"))
    );
    assert_eq!(emu.calls().await.len(), 18);
}

#[tokio::test]
async fn unknown_admin_route_is_404_json() {
    let emu = start().await;
    let reply = emu.get("/__emulator/nothing").await;
    assert_eq!(reply.status, 404);
    assert!(
        reply.content_type.starts_with("application/json"),
        "{}",
        reply.content_type
    );
    assert!(reply.body.contains("unknown admin route"), "{}", reply.body);
}

#[tokio::test]
async fn admin_routes_can_be_turned_off() {
    let options = Options {
        admin: false,
        ..Options::default()
    };
    let emu = start_with(options, &common::fixture()).await;
    for path in ["/__emulator/calls", "/__emulator/requests"] {
        assert_eq!(emu.get(path).await.status, 404, "{path}");
    }
    let (status, _) = emu.reset("").await;
    assert_eq!(status, 404);
    // The API itself still works.
    let reply = emu.delete(&[("callID", &c(1))]).await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
}
