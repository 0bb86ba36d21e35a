//! The request log: one line per request with method, path, parameters, status and reply code;
//! the values of apiKey, token and password never appear, whether sent in the query or the body.

mod common;

use common::{KEY, TOKEN, c, encode, spawn, start};
use std::time::Duration;

const PASSWORD: &str = "correct-horse-battery-staple";
const SHORT_TOKEN: &str = "tiny-tok";

fn assert_no_secrets(text: &str) {
    for secret in [KEY, TOKEN, PASSWORD, SHORT_TOKEN] {
        assert!(!text.contains(secret), "secret {secret:?} in log:\n{text}");
    }
    // Not even a long part of one.
    assert!(!text.contains(&KEY[..12]), "{text}");
    assert!(!text.contains(&TOKEN[..12]), "{text}");
}

#[tokio::test]
async fn one_redacted_line_per_request() {
    let emu = start().await;
    emu.delete(&[("callID", &c(1))]).await;
    emu.api_post(&[
        ("apiKey", KEY),
        ("token", TOKEN),
        ("password", PASSWORD),
        ("callID", &c(2)),
    ])
    .await;
    emu.get(&format!(
        "/verba/api?action=DeleteCall&ApiKey={KEY}&Token={SHORT_TOKEN}&callID=bad"
    ))
    .await;
    emu.get(&format!("/__emulator/calls?token={TOKEN}")).await;
    emu.get("/nothing-here").await;

    let lines = emu.log_lines();
    assert_eq!(lines.len(), 5, "{lines:#?}");
    let text = lines.join("\n");
    assert_no_secrets(&text);

    let id1 = c(1);
    assert!(lines[0].starts_with("GET /verba/api ["), "{}", lines[0]);
    assert!(lines[0].contains("apiKey=1111…REDACTED"), "{}", lines[0]);
    assert!(lines[0].contains("token=tok-…REDACTED"), "{}", lines[0]);
    assert!(lines[0].contains(&format!("callID={id1}")), "{}", lines[0]);
    assert!(lines[0].contains("-> 200 code=0"), "{}", lines[0]);

    assert!(lines[1].starts_with("POST /verba/api ["), "{}", lines[1]);
    // A password shows no prefix, whatever its length.
    assert!(lines[1].contains("password=REDACTED"), "{}", lines[1]);
    assert!(lines[1].contains("-> 200 code=0"), "{}", lines[1]);

    // Names are matched case-insensitively; short secrets show no prefix.
    assert!(lines[2].contains("ApiKey=1111…REDACTED"), "{}", lines[2]);
    assert!(lines[2].contains("Token=REDACTED"), "{}", lines[2]);
    assert!(lines[2].contains("-> 200 code=1"), "{}", lines[2]);

    assert!(
        lines[3].starts_with("GET /__emulator/calls [token=tok-…REDACTED] -> 200"),
        "{}",
        lines[3]
    );
    assert!(
        lines[4].starts_with("GET /nothing-here -> 404"),
        "{}",
        lines[4]
    );
}

#[tokio::test]
async fn control_characters_cannot_forge_log_lines() {
    let emu = start().await;
    emu.get("/verba/api?action=DeleteCall%0Afake%20line&callID=%0D%0Ax")
        .await;
    let lines = emu.log_lines();
    assert_eq!(lines.len(), 1);
    assert!(
        !lines[0].contains('\n') && !lines[0].contains('\r'),
        "{:?}",
        lines[0]
    );
}

#[test]
fn the_binary_logs_to_stderr_without_secrets() {
    let emu = spawn(&["--www", "/nonexistent-www", "--pkg", "/nonexistent-pkg"]);
    let client = std::thread::spawn({
        let url = emu.url.clone();
        move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                let client = common::client();
                let get = format!(
                    "{url}/verba/api?action=DeleteCall&apiKey={KEY}&token={TOKEN}&extension=8856&status=last"
                );
                let body = client.get(&get).send().await.expect("GET").text().await.expect("body");
                assert!(body.contains("code=\"4\""), "{body}");
                let form = encode(&[("apiKey", KEY), ("token", TOKEN), ("password", PASSWORD), ("callID", "x")]);
                client
                    .post(format!("{url}/verba/api?action=DeleteCall"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(form)
                    .send()
                    .await
                    .expect("POST");
            });
        }
    });
    client.join().expect("client thread");
    // Let the server write its lines before it is stopped.
    std::thread::sleep(Duration::from_millis(300));
    let stderr = emu.stop();
    assert!(stderr.contains("POST /verba/api"), "{stderr}");
    assert_no_secrets(&stderr);
    assert!(stderr.contains("GET /verba/api [action=DeleteCall apiKey=1111…REDACTED token=tok-…REDACTED extension=8856 status=last] -> 200 code=4"), "{stderr}");
    assert!(stderr.contains("password=REDACTED"), "{stderr}");
}
