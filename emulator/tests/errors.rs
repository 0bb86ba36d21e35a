//! Error codes 1 to 5, the order of the checks, and that no failed request changes the state.

mod common;

use common::{EXPIRED_TOKEN, KEY, OPEN_KEY, TOKEN, c, start};

/// Sends `pairs` by GET and checks the code, the message and that nothing changed.
async fn expect(emu: &common::Emu, pairs: &[(&str, &str)], code: u32, message_part: &str) {
    let before = emu.calls().await;
    let reply = emu.api_get(pairs).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.code(), code, "{pairs:?}: {}", reply.body);
    assert!(
        reply.body.contains(message_part),
        "{pairs:?}: expected {message_part:?} in {}",
        reply.body
    );
    assert_eq!(
        emu.calls().await,
        before,
        "{pairs:?} must not change the state"
    );
}

fn auth() -> Vec<(&'static str, &'static str)> {
    vec![("action", "DeleteCall"), ("apiKey", KEY), ("token", TOKEN)]
}

fn with<'a>(base: &[(&'a str, &'a str)], more: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut all = base.to_vec();
    all.extend_from_slice(more);
    all
}

#[tokio::test]
async fn code_1_for_the_action() {
    let emu = start().await;
    let id = c(1);
    let missing = [("apiKey", KEY), ("token", TOKEN), ("callID", id.as_str())];
    expect(&emu, &missing, 1, "action parameter is missing").await;
    let unknown = with(&missing, &[("action", "GetCallID")]);
    expect(&emu, &unknown, 1, "Unknown action &apos;GetCallID&apos;").await;
    let lower = with(&missing, &[("action", "deletecall")]);
    expect(&emu, &lower, 1, "Unknown action").await;
    // The type attribute carries the action as given.
    let reply = emu.api_get(&unknown).await;
    assert!(reply.body.contains("type=\"GetCallID\""), "{}", reply.body);
}

#[tokio::test]
async fn code_1_for_selectors() {
    let emu = start().await;
    let id = c(1);
    expect(
        &emu,
        &auth(),
        1,
        "One of callID, platformCallID, nativeID, meetingID or extension is mandatory",
    )
    .await;
    let two = with(&auth(), &[("callID", &id), ("nativeID", "N-1")]);
    expect(&emu, &two, 1, "2 were given: callID, nativeID").await;
    let three = with(
        &auth(),
        &[
            ("meetingID", "M-1"),
            ("extension", "1001"),
            ("status", "last"),
            ("platformCallID", "P-1"),
        ],
    );
    expect(
        &emu,
        &three,
        1,
        "3 were given: platformCallID, meetingID, extension",
    )
    .await;
    let status_alone = with(&auth(), &[("status", "last")]);
    expect(
        &emu,
        &status_alone,
        1,
        "only allowed together with extension",
    )
    .await;
    let status_with_call_id = with(&auth(), &[("callID", &id), ("status", "last")]);
    expect(
        &emu,
        &status_with_call_id,
        1,
        "only allowed together with extension",
    )
    .await;
    let no_status = with(&auth(), &[("extension", "1001")]);
    expect(
        &emu,
        &no_status,
        1,
        "status parameter is mandatory with extension",
    )
    .await;
    let empty = with(&auth(), &[("callID", "")]);
    expect(&emu, &empty, 1, "callID parameter is empty").await;
}

#[tokio::test]
async fn code_1_for_malformed_values() {
    let emu = start().await;
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![("callID", "a8343631-9f35-4a3a-83f0")], "not a GUID"),
        (
            vec![("callID", "{a8343631-9f35-4a3a-83f0-9e81592339fb")],
            "not a GUID",
        ),
        (
            vec![("extension", "88a6"), ("status", "last")],
            "extension parameter",
        ),
        (
            vec![("extension", "12+3"), ("status", "last")],
            "extension parameter",
        ),
        (
            vec![("extension", "1001"), ("status", "first")],
            "Unknown status &apos;first&apos;",
        ),
        (
            vec![("extension", "1001"), ("status", "last,")],
            "empty item",
        ),
        (vec![("extension", "1001"), ("status", "")], "empty item"),
        (vec![("nativeID", " N-1")], "leading or trailing whitespace"),
        (vec![("meetingID", "M\u{1}1")], "control characters"),
    ];
    for (more, message) in cases {
        expect(&emu, &with(&auth(), &more), 1, message).await;
    }
    let long = "x".repeat(257);
    expect(
        &emu,
        &with(&auth(), &[("platformCallID", &long)]),
        1,
        "longer than 256",
    )
    .await;
}

#[tokio::test]
async fn code_1_for_near_miss_names_and_conflicting_duplicates() {
    let emu = start().await;
    let id = c(1);
    let near = with(&auth(), &[("callId", &id)]);
    expect(&emu, &near, 1, "did you mean &apos;callID&apos;?").await;
    // Unknown names that are not near misses are ignored.
    let reply = emu
        .api_get(&with(&auth(), &[("callID", &id), ("_", "12345")]))
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
    // The same name twice: fine with the same value, code 1 with another value.
    let id2 = c(2);
    let dup = with(&auth(), &[("callID", &id2), ("callID", &id2)]);
    let reply = emu.api_get(&dup).await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
    let conflict = with(&auth(), &[("nativeID", "N-1"), ("nativeID", "N-2")]);
    expect(
        &emu,
        &conflict,
        1,
        "more than once with different values: nativeID",
    )
    .await;
}

#[tokio::test]
async fn code_2_and_3() {
    let emu = start().await;
    expect(
        &emu,
        &with(&auth(), &[("nativeID", "nope")]),
        2,
        "cannot be found",
    )
    .await;
    expect(
        &emu,
        &with(&auth(), &[("platformCallID", "P-dup")]),
        3,
        "2 calls match",
    )
    .await;
    expect(
        &emu,
        &with(
            &auth(),
            &[("extension", "9999"), ("status", "ongoing,next,last")],
        ),
        2,
        "cannot be found",
    )
    .await;
}

#[tokio::test]
async fn code_4_for_each_authentication_failure() {
    let emu = start().await;
    let id = c(1);
    let sel = ("callID", id.as_str());
    let action = ("action", "DeleteCall");
    expect(&emu, &[action, sel], 4, "apiKey parameter is missing").await;
    expect(
        &emu,
        &[action, ("apiKey", ""), sel],
        4,
        "apiKey parameter is missing",
    )
    .await;
    expect(
        &emu,
        &[
            action,
            ("apiKey", "99999999-2222-4333-8444-555555555555"),
            ("token", TOKEN),
            sel,
        ],
        4,
        "unknown API key",
    )
    .await;
    expect(&emu, &[action, ("apiKey", KEY), sel], 4, "requires a token").await;
    expect(
        &emu,
        &[action, ("apiKey", KEY), ("token", ""), sel],
        4,
        "requires a token",
    )
    .await;
    expect(
        &emu,
        &[action, ("apiKey", KEY), ("token", "tok-wrong"), sel],
        4,
        "token is not valid",
    )
    .await;
    // Tokens compare exactly.
    let upper = TOKEN.to_uppercase();
    expect(
        &emu,
        &[action, ("apiKey", KEY), ("token", &upper), sel],
        4,
        "token is not valid",
    )
    .await;
    expect(
        &emu,
        &[action, ("apiKey", KEY), ("token", EXPIRED_TOKEN), sel],
        4,
        "token has expired",
    )
    .await;
}

#[tokio::test]
async fn code_4_messages_never_contain_the_secrets() {
    let emu = start().await;
    let id = c(1);
    for token in ["tok-wrong-secret-value", EXPIRED_TOKEN] {
        for rt in ["XML", "JSON", "TEXT", "HTML"] {
            let reply = emu
                .api_get(&[
                    ("action", "DeleteCall"),
                    ("apiKey", KEY),
                    ("token", token),
                    ("callID", &id),
                    ("responseType", rt),
                ])
                .await;
            assert!(!reply.body.contains(token), "{}", reply.body);
            assert!(!reply.body.contains(KEY), "{}", reply.body);
            assert!(reply.body.contains('4'), "{}", reply.body);
        }
    }
}

#[tokio::test]
async fn api_keys_compare_like_guids_and_open_keys_need_no_token() {
    let emu = start().await;
    let braced = format!("{{{}}}", KEY.to_uppercase());
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", &braced),
            ("token", TOKEN),
            ("callID", &c(1)),
        ])
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", OPEN_KEY),
            ("callID", &c(2)),
        ])
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
    // A token sent with a key that needs none is ignored, even a wrong one.
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", OPEN_KEY),
            ("token", "whatever"),
            ("callID", &c(10)),
        ])
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
}

#[tokio::test]
async fn code_5_for_a_protected_call() {
    let emu = start().await;
    expect(
        &emu,
        &with(&auth(), &[("callID", &c(6))]),
        5,
        "protected from deletion",
    )
    .await;
    expect(
        &emu,
        &with(&auth(), &[("callID", &c(7))]),
        5,
        "protected from deletion",
    )
    .await;
}

#[tokio::test]
async fn check_order() {
    let emu = start().await;
    let id = c(1);
    // Authentication comes before lookup: an unauthenticated caller cannot tell whether a call
    // exists (4, not 2) or is protected (4, not 5) or ambiguous (4, not 3).
    for sel in [
        ("callID", c(999)),
        ("callID", c(6)),
        ("platformCallID", "P-dup".to_string()),
    ] {
        let reply = emu
            .api_get(&[
                ("action", "DeleteCall"),
                ("apiKey", "nope"),
                (sel.0, &sel.1),
            ])
            .await;
        assert_eq!(reply.code(), 4, "{sel:?}: {}", reply.body);
    }
    // Syntax comes before authentication: a malformed request is code 1 even without a key.
    let reply = emu
        .api_get(&[("action", "DeleteCall"), ("callID", "x")])
        .await;
    assert_eq!(reply.code(), 1, "{}", reply.body);
    let reply = emu.api_get(&[("action", "Nope"), ("callID", &id)]).await;
    assert_eq!(reply.code(), 1, "{}", reply.body);
    // responseType comes first of all, answered in XML.
    let reply = emu
        .api_get(&[("action", "Nope"), ("responseType", "CSV")])
        .await;
    assert_eq!(reply.code(), 1);
    assert!(
        reply.body.contains("Unknown responseType &apos;CSV&apos;"),
        "{}",
        reply.body
    );
    // Ambiguity comes before protection.
    let reply = emu
        .delete(&[("extension", "3003"), ("status", "ongoing,last")])
        .await;
    assert_eq!(reply.code(), 3, "{}", reply.body);
}

#[tokio::test]
async fn hostile_inputs_get_code_1_and_never_break_the_server() {
    let emu = start().await;
    let key_part = format!("apiKey={KEY}&token={TOKEN}");
    let queries = [
        "/verba/api?action=DeleteCall&callID=%FF%FE".to_string(),
        "/verba/api?action=DeleteCall&callID=%".to_string(),
        "/verba/api?action=%00&callID=1".to_string(),
        format!("/verba/api?action=DeleteCall&{key_part}&extension=%0A%0D&status=last"),
        format!(
            "/verba/api?action=DeleteCall&{key_part}&meetingID=%3Cscript%3E%26&extension=1&status=last"
        ),
        format!("/verba/api?action=DeleteCall&{key_part}&status=%3C%2F%3E&extension=1"),
        "/verba/api?&&&=&==&action".to_string(),
        format!(
            "/verba/api?action=DeleteCall&{key_part}&extension={}&status=last",
            "9".repeat(40)
        ),
        format!(
            "/verba/api?action=DeleteCall&{key_part}&{}=1&callID=x",
            "k".repeat(2000)
        ),
    ];
    for q in &queries {
        let reply = emu.get(q).await;
        assert_eq!(reply.status, 200, "{q}");
        let code = reply.code();
        assert!(code == 1 || code == 4, "{q}: {}", reply.body);
        // No raw markup from the request reaches the reply.
        assert!(!reply.body.contains("<script>"), "{}", reply.body);
        assert!(!reply.body.contains("</>"), "{}", reply.body);
    }
    // Still serving, state intact.
    assert_eq!(emu.calls().await.len(), 18);
    assert_eq!(emu.delete(&[("callID", &c(1))]).await.code(), 0);
}
