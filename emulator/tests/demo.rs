//! The built-in demo data behaves as its documentation promises (see `demo_data.rs`).

mod common;

use common::start_with;
use verba_emulator::Options;
use verba_emulator::demo_data::{
    EXPIRED_TOKEN, OPEN_API_KEY, SAMPLE_API_KEY, SAMPLE_CALL_ID, SAMPLE_TOKEN, fixture,
};

async fn demo() -> common::Emu {
    start_with(Options::default(), &fixture()).await
}

async fn code(emu: &common::Emu, pairs: &[(&str, &str)]) -> u32 {
    let mut all = vec![
        ("action", "DeleteCall"),
        ("apiKey", SAMPLE_API_KEY),
        ("token", SAMPLE_TOKEN),
    ];
    all.extend_from_slice(pairs);
    emu.api_get(&all).await.code()
}

#[tokio::test]
async fn demo_has_35_calls_in_three_states_and_some_protected() {
    let emu = demo().await;
    let calls = emu.calls().await;
    assert_eq!(calls.len(), 35);
    let count = |state: &str| calls.iter().filter(|c| c["state"] == state).count();
    assert_eq!(
        (count("finished"), count("ongoing"), count("scheduled")),
        (23, 5, 7)
    );
    let protected = calls.iter().filter(|c| c["doNotDelete"] == true).count();
    assert_eq!(protected, 4);
}

#[tokio::test]
async fn sample_identifiers_select_the_sample_call() {
    for (name, value) in [
        ("callID", SAMPLE_CALL_ID),
        ("platformCallID", "71627389"),
        ("nativeID", "TRS26140192"),
        ("meetingID", "WHBFM6DD"),
    ] {
        let emu = demo().await;
        assert_eq!(code(&emu, &[(name, value)]).await, 0, "{name}");
        let ids = emu.call_ids().await;
        assert_eq!(ids.len(), 34);
        assert!(!ids.contains(&SAMPLE_CALL_ID.to_string()), "{name}");
    }
}

#[tokio::test]
async fn documented_extension_cases() {
    let emu = demo().await;
    let ext = |n: &'static str, s: &'static str| [("extension", n), ("status", s)];
    assert_eq!(code(&emu, &ext("8801", "ongoing")).await, 3);
    assert_eq!(code(&emu, &ext("8801", "ongoing,last")).await, 3);
    assert_eq!(code(&emu, &ext("8820", "last")).await, 5);
    assert_eq!(code(&emu, &ext("8840", "ongoing")).await, 5);
    assert_eq!(code(&emu, &ext("8850", "next")).await, 3);
    assert_eq!(code(&emu, &ext("8860", "next")).await, 2);
    assert_eq!(code(&emu, &ext("8899", "ongoing,next,last")).await, 2);
    assert_eq!(code(&emu, &[("platformCallID", "71627400")]).await, 3);
    assert_eq!(code(&emu, &[("meetingID", "K7Q2ZP4M")]).await, 3);
    assert_eq!(code(&emu, &ext("8830", "ongoing")).await, 0);
    assert_eq!(code(&emu, &ext("8830", "ongoing")).await, 0, "idempotent");
    // 8810 has four finished calls: `last` deletes them one after the other.
    for _ in 0..4 {
        assert_eq!(code(&emu, &ext("8810", "last")).await, 0);
    }
    assert_eq!(code(&emu, &ext("8810", "last")).await, 2);
    // 8856: once.
    assert_eq!(code(&emu, &ext("8856", "last")).await, 0);
    assert_eq!(code(&emu, &ext("8856", "last")).await, 2);
}

#[tokio::test]
async fn demo_keys_and_tokens() {
    let emu = demo().await;
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", SAMPLE_API_KEY),
            ("token", EXPIRED_TOKEN),
            ("callID", SAMPLE_CALL_ID),
        ])
        .await;
    assert_eq!(reply.code(), 4);
    assert!(reply.body.contains("expired"), "{}", reply.body);
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", SAMPLE_API_KEY),
            ("callID", SAMPLE_CALL_ID),
        ])
        .await;
    assert_eq!(reply.code(), 4);
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", OPEN_API_KEY),
            ("callID", SAMPLE_CALL_ID),
        ])
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
}
