//! The `verba-emulator` binary as the Makefile and the browser tests use it: the start line,
//! the vendor's GET sample verbatim against the demo data, and the command-line flags.

mod common;

use std::process::Command;

use common::spawn;
use serde_json::Value;

const VENDOR_SAMPLE: &str = "/verba/api?action=DeleteCall&apiKey=74c8eea0-50c6-40b2-9f3e-252ed501c3c8&token=09835e02-6c10-11e0-bb22-ba324924019b&responseType=XML&extension=8856&status=last";

async fn get(url: &str) -> (u16, String) {
    let response = common::http_get(url).await.expect("GET");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

#[tokio::test]
async fn start_line_has_the_exact_form() {
    let emu = spawn(&[]);
    let port = emu
        .url
        .strip_prefix("http://127.0.0.1:")
        .expect("http://127.0.0.1:PORT");
    assert!(port.parse::<u16>().is_ok_and(|p| p != 0), "{}", emu.url);
}

#[tokio::test]
async fn vendor_get_sample_answers_code_0_then_code_2() {
    let emu = spawn(&[]);
    let url = format!("{}{VENDOR_SAMPLE}", emu.url);
    let (status, body) = get(&url).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"DeleteCall\"/>\n</VerbaApi>"
    );
    let (status, body) = get(&url).await;
    assert_eq!(status, 200);
    assert_eq!(common::xml_code(&body), 2, "{body}");
    assert!(body.contains("<ErrorMessage>"), "{body}");
    // The demo data had 35 calls; exactly one is gone.
    let (_, listing) = get(&format!("{}/__emulator/calls", emu.url)).await;
    let listing: Value = serde_json::from_str(&listing).expect("JSON");
    assert_eq!(listing["calls"].as_array().map(Vec::len), Some(34));
}

#[tokio::test]
async fn no_admin_flag_turns_the_admin_routes_off() {
    let emu = spawn(&["--no-admin"]);
    for path in ["/__emulator/calls", "/__emulator/requests"] {
        let (status, _) = get(&format!("{}{path}", emu.url)).await;
        assert_eq!(status, 404, "{path}");
    }
    let response = common::client()
        .post(format!("{}/__emulator/reset", emu.url))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 404);
    // The API still answers.
    let (_, body) = get(&format!("{}{VENDOR_SAMPLE}", emu.url)).await;
    assert_eq!(common::xml_code(&body), 0, "{body}");
}

#[tokio::test]
async fn fixture_flag_loads_a_file() {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("fixture-{}.json", std::process::id()));
    std::fs::write(&path, common::fixture_json()).expect("write fixture");
    let emu = spawn(&["--fixture", path.to_str().expect("utf-8 path")]);
    let (_, listing) = get(&format!("{}/__emulator/calls", emu.url)).await;
    let listing: Value = serde_json::from_str(&listing).expect("JSON");
    assert_eq!(listing["calls"].as_array().map(Vec::len), Some(18));
    // The demo's sample key is not in this fixture.
    let (_, body) = get(&format!("{}{VENDOR_SAMPLE}", emu.url)).await;
    assert_eq!(common::xml_code(&body), 4, "{body}");
}

#[test]
fn invalid_fixture_file_exits_with_code_2_and_a_message() {
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("bad-fixture-{}.json", std::process::id()));
    std::fs::write(
        &path,
        r#"{"calls": [{"callID": "nope", "state": "ongoing", "startOffsetS": 0}]}"#,
    )
    .expect("write fixture");
    let output = Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .args(["--port", "0", "--fixture"])
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty(), "no start line");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("invalid fixture: calls[0].callID"),
        "{stderr}"
    );

    let output = Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .args(["--port", "0", "--fixture", "/nonexistent/fixture.json"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot read"));
}

#[test]
fn bad_cors_origin_is_refused_by_the_parser() {
    let output = Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .args(["--port", "0", "--cors-origin", "portal.example.com"])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not an origin"));
}

#[test]
fn dump_demo_fixture_prints_a_loadable_fixture() {
    let output = Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .arg("--dump-demo-fixture")
        .output()
        .expect("run");
    assert!(output.status.success());
    let fixture = verba_emulator::fixture::parse(&output.stdout).expect("a valid fixture");
    assert_eq!(fixture.calls.len(), 35);
    assert_eq!(fixture.api_keys.len(), 2);
    // The vendor's sample user for RequestToken, with both roles.
    assert_eq!(fixture.users.len(), 1);
    assert_eq!(fixture.users[0].user_name, "myapiuser");
    assert_eq!(fixture.users[0].password, "pa$$word");
    assert_eq!(
        fixture.users[0].roles,
        ["System Administrator", "System Supervisor"]
    );
    assert!(verba_emulator::fixture::into_store(&fixture, 0).is_ok());
}

#[test]
fn help_lists_every_flag() {
    let output = Command::new(env!("CARGO_BIN_EXE_verba-emulator"))
        .arg("--help")
        .output()
        .expect("run");
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for flag in [
        "--host",
        "--port",
        "--fixture",
        "--www",
        "--pkg",
        "--cors-origin",
        "--no-admin",
        "--quiet",
        "--dump-demo-fixture",
        "/__emulator/reset",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help:\n{help}");
    }
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_cleanly() {
    let mut emu = spawn(&["--quiet"]);
    let pid = emu.child.id().to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill");
    assert!(status.success());
    let start = std::time::Instant::now();
    let exit = loop {
        if let Some(exit) = emu.child.try_wait().expect("try_wait") {
            break exit;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "still running"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert_eq!(exit.code(), Some(0), "{exit:?}");
}
