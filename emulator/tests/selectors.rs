//! Each selector finds the call it names, and deleting it changes that call only.

mod common;

use common::{c, start};

/// Runs one deletion and checks that exactly `gone` disappeared from the listing.
async fn deletes_exactly(emu: &common::Emu, pairs: &[(&str, &str)], gone: &str) {
    let before = emu.call_ids().await;
    assert!(
        before.contains(&gone.to_string()),
        "{gone} must exist first"
    );
    let reply = emu.delete(pairs).await;
    assert_eq!(reply.code(), 0, "{pairs:?}: {}", reply.body);
    let after = emu.call_ids().await;
    let expected: Vec<String> = before.into_iter().filter(|id| id != gone).collect();
    assert_eq!(
        after, expected,
        "{pairs:?} must delete {gone} and nothing else"
    );
}

#[tokio::test]
async fn call_id_plain() {
    let emu = start().await;
    deletes_exactly(&emu, &[("callID", &c(1))], &c(1)).await;
}

#[tokio::test]
async fn call_id_upper_case_with_braces() {
    let emu = start().await;
    let id = format!("{{{}}}", c(2).to_uppercase());
    deletes_exactly(&emu, &[("callID", &id)], &c(2)).await;
}

#[tokio::test]
async fn call_id_unknown_is_not_found() {
    let emu = start().await;
    let reply = emu.delete(&[("callID", &c(999))]).await;
    assert_eq!(reply.code(), 2, "{}", reply.body);
    assert_eq!(emu.calls().await.len(), 18);
}

#[tokio::test]
async fn platform_call_id() {
    let emu = start().await;
    deletes_exactly(&emu, &[("platformCallID", "P-1")], &c(1)).await;
}

#[tokio::test]
async fn platform_call_id_is_compared_exactly() {
    let emu = start().await;
    assert_eq!(emu.delete(&[("platformCallID", "p-1")]).await.code(), 2);
    assert_eq!(emu.delete(&[("platformCallID", "P-")]).await.code(), 2);
}

#[tokio::test]
async fn native_id() {
    let emu = start().await;
    deletes_exactly(&emu, &[("nativeID", "N-2")], &c(2)).await;
}

#[tokio::test]
async fn meeting_id() {
    let emu = start().await;
    deletes_exactly(&emu, &[("meetingID", "M-1")], &c(1)).await;
}

#[tokio::test]
async fn extension_plain_number() {
    let emu = start().await;
    deletes_exactly(&emu, &[("extension", "6006"), ("status", "last")], &c(17)).await;
}

#[tokio::test]
async fn extension_is_normalized_on_both_sides() {
    // The fixture writes "+36 1 234 5678"; the request uses yet another spelling.
    let emu = start().await;
    deletes_exactly(
        &emu,
        &[("extension", "+36 (1) 234-56.78"), ("status", "last")],
        &c(1),
    )
    .await;
}

#[tokio::test]
async fn extension_keeps_the_plus() {
    let emu = start().await;
    let reply = emu
        .delete(&[("extension", "3612345678"), ("status", "last")])
        .await;
    assert_eq!(reply.code(), 2, "{}", reply.body);
}

#[tokio::test]
async fn extension_sip_uri_is_case_insensitive() {
    let emu = start().await;
    deletes_exactly(
        &emu,
        &[("extension", "SIP:alice@EXAMPLE.com"), ("status", "last")],
        &c(2),
    )
    .await;
}

#[tokio::test]
async fn tel_uri_is_taken_as_given() {
    let emu = start().await;
    // The fixture has "tel:+3699999999"; the bare number is another participant.
    let reply = emu
        .delete(&[("extension", "+3699999999"), ("status", "last")])
        .await;
    assert_eq!(reply.code(), 2, "{}", reply.body);
    deletes_exactly(
        &emu,
        &[("extension", "TEL:+3699999999"), ("status", "last")],
        &c(16),
    )
    .await;
}

#[tokio::test]
async fn a_plus_sent_unencoded_in_a_query_is_a_space() {
    // "+" in a query string is a space (form encoding), so "+3612345678" arrives as
    // " 3612345678", which normalizes to a number without the plus: not found. A client must
    // send %2B.
    let emu = start().await;
    let q = format!(
        "/verba/api?action=DeleteCall&apiKey={}&token={}&extension=+3612345678&status=last",
        common::KEY,
        common::TOKEN
    );
    assert_eq!(emu.get(&q).await.code(), 2);
    let q = q.replace("extension=+", "extension=%2B");
    assert_eq!(emu.get(&q).await.code(), 0);
}
