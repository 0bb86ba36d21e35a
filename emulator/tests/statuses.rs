//! `extension` + `status`: ongoing, next, last and their combinations, matched against the
//! request time. Time margins are generous: "next" calls start 20 s or 45 s after the load,
//! "not next" ones 120 s after.

mod common;

use common::{c, start};

async fn code(emu: &common::Emu, extension: &str, status: &str) -> u32 {
    let reply = emu
        .delete(&[("extension", extension), ("status", status)])
        .await;
    reply.code()
}

#[tokio::test]
async fn ongoing_marks_the_call_and_keeps_it_listed() {
    let emu = start().await;
    let before = emu.calls().await;
    assert_eq!(code(&emu, "2002", "ongoing").await, 0);
    let after = emu.calls().await;
    assert_eq!(after.len(), before.len(), "an ongoing call stays listed");
    for (b, a) in before.iter().zip(&after) {
        let marked = a["markedForDeletion"].as_bool();
        if a["callID"] == c(3).as_str() {
            assert_eq!(marked, Some(true));
        } else {
            assert_eq!(marked, Some(false), "{a}");
            assert_eq!(b["markedForDeletion"], a["markedForDeletion"]);
        }
    }
}

#[tokio::test]
async fn deleting_a_marked_call_again_is_code_0_and_changes_nothing() {
    let emu = start().await;
    assert_eq!(code(&emu, "2002", "ongoing").await, 0);
    let once = emu.calls().await;
    assert_eq!(code(&emu, "2002", "ongoing").await, 0);
    let reply = emu.delete(&[("callID", &c(3))]).await;
    assert_eq!(reply.code(), 0);
    let twice = emu.calls().await;
    assert_eq!(once.len(), twice.len());
    let ids = |v: &Vec<serde_json::Value>| {
        v.iter()
            .map(|c| (c["callID"].clone(), c["markedForDeletion"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&once), ids(&twice));
}

#[tokio::test]
async fn ongoing_ignores_finished_and_scheduled_calls() {
    let emu = start().await;
    // 6006 has only finished calls.
    assert_eq!(code(&emu, "6006", "ongoing").await, 2);
    // 5005 has only scheduled calls.
    assert_eq!(code(&emu, "5005", "ongoing").await, 2);
}

#[tokio::test]
async fn ongoing_ambiguous_is_code_3() {
    let emu = start().await;
    assert_eq!(code(&emu, "4004", "ongoing").await, 3);
    let calls = emu.calls().await;
    assert_eq!(calls.len(), 18);
    assert!(calls.iter().all(|c| c["markedForDeletion"] == false));
}

#[tokio::test]
async fn next_picks_the_earliest_call_within_60_seconds() {
    let emu = start().await;
    // 1001 has scheduled calls at +20 s (c4), +45 s (c15) and +120 s (c5): next is c4 only.
    assert_eq!(code(&emu, "1001", "next").await, 0);
    let c4 = emu.call(&c(4)).await.expect("c4 stays listed");
    assert_eq!(c4["markedForDeletion"], true);
    for other in [c(5), c(15), c(3)] {
        let call = emu.call(&other).await.expect("listed");
        assert_eq!(call["markedForDeletion"], false, "{other}");
    }
}

#[tokio::test]
async fn next_outside_the_window_is_not_found() {
    let emu = start().await;
    let fixture = format!(
        r#"{{"apiKeys":[{{"key":"{}","requiresToken":false}}],
            "calls":[{{"callID":"{}","participants":["1"],"state":"scheduled","startOffsetS":120}},
                     {{"callID":"{}","participants":["1"],"state":"scheduled","startOffsetS":-5}}]}}"#,
        common::OPEN_KEY,
        c(1),
        c(2)
    );
    assert_eq!(emu.reset(&fixture).await.0, 200);
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", common::OPEN_KEY),
            ("extension", "1"),
            ("status", "next"),
        ])
        .await;
    assert_eq!(reply.code(), 2, "{}", reply.body);
}

#[tokio::test]
async fn next_tie_is_ambiguous() {
    let emu = start().await;
    assert_eq!(code(&emu, "5005", "next").await, 3);
}

#[tokio::test]
async fn last_picks_only_the_most_recently_ended_call() {
    let emu = start().await;
    // 6006: c16 ended at -7100 s, c17 at -2900 s.
    assert_eq!(code(&emu, "6006", "last").await, 0);
    let ids = emu.call_ids().await;
    assert!(!ids.contains(&c(17)));
    assert!(ids.contains(&c(16)));
    // The remaining finished call is now the last one.
    assert_eq!(code(&emu, "6006", "last").await, 0);
    assert!(!emu.call_ids().await.contains(&c(16)));
    assert_eq!(code(&emu, "6006", "last").await, 2);
}

#[tokio::test]
async fn last_ignores_ongoing_and_scheduled_calls() {
    let emu = start().await;
    // 2002 takes part only in the ongoing c3; 5005 only in scheduled calls.
    assert_eq!(code(&emu, "2002", "last").await, 2);
    assert_eq!(code(&emu, "5005", "last").await, 2);
}

#[tokio::test]
async fn ongoing_next_combination_is_the_union() {
    let emu = start().await;
    // 7007: c19 ongoing and c18 next: two calls.
    assert_eq!(code(&emu, "7007", "ongoing,next").await, 3);
    // 2002: only c3 (ongoing); next adds nothing.
    assert_eq!(code(&emu, "2002", "ongoing,next").await, 0);
    assert_eq!(
        emu.call(&c(3)).await.expect("c3")["markedForDeletion"],
        true
    );
}

#[tokio::test]
async fn ongoing_last_combination() {
    let emu = start().await;
    // 1001: ongoing c3 plus last c2.
    assert_eq!(code(&emu, "1001", "ongoing,last").await, 3);
    // 6006: no ongoing call, one last: c17.
    assert_eq!(code(&emu, "6006", "last,ongoing").await, 0);
    assert!(!emu.call_ids().await.contains(&c(17)));
}

#[tokio::test]
async fn next_last_and_all_three() {
    let emu = start().await;
    // 1001: next c4 plus last c2.
    assert_eq!(code(&emu, "1001", "next,last").await, 3);
    assert_eq!(code(&emu, "1001", "ongoing,next,last").await, 3);
    // 6006: only a last call.
    assert_eq!(code(&emu, "6006", "ongoing,next,last").await, 0);
}

#[tokio::test]
async fn status_is_case_insensitive_and_trimmed_and_repeats_are_harmless() {
    let emu = start().await;
    assert_eq!(code(&emu, "6006", " Last , LAST").await, 0);
    assert!(!emu.call_ids().await.contains(&c(17)));
}

#[tokio::test]
async fn protected_match_is_code_5_for_each_status() {
    let emu = start().await;
    assert_eq!(code(&emu, "3003", "last").await, 5);
    assert_eq!(code(&emu, "3003", "ongoing").await, 5);
    // Both together are two calls: ambiguity is reported before protection.
    assert_eq!(code(&emu, "3003", "ongoing,last").await, 3);
    assert_eq!(emu.calls().await.len(), 18);
}
