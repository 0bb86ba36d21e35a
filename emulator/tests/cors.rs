//! CORS: preflight and simple requests from loopback origins are allowed on every route, a
//! foreign origin is not; `--cors-origin` rules replace the default.

mod common;

use common::{KEY, TOKEN, c, start, start_with};
use reqwest::Method;
use verba_emulator::Options;
use verba_emulator::cors::OriginRule;

const ACAO: &str = "access-control-allow-origin";

async fn preflight(emu: &common::Emu, path: &str, origin: &str) -> reqwest::Response {
    emu.client
        .request(Method::OPTIONS, emu.url(path))
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type")
        .send()
        .await
        .expect("preflight")
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

#[tokio::test]
async fn preflight_from_loopback_origins_is_allowed() {
    let emu = start().await;
    for origin in [
        "http://localhost:5173",
        "http://127.0.0.1:9",
        "http://[::1]:3000",
        "https://localhost:8443",
        "http://localhost",
    ] {
        let response = preflight(&emu, "/verba/api", origin).await;
        assert!(response.status().is_success(), "{origin}");
        assert_eq!(header(&response, ACAO).as_deref(), Some(origin));
        let methods = header(&response, "access-control-allow-methods").unwrap_or_default();
        assert!(
            methods.contains("POST") && methods.contains("GET"),
            "{methods}"
        );
        let headers = header(&response, "access-control-allow-headers").unwrap_or_default();
        // content-type for the form body; x-requested-with for verba-api's preflight gate.
        for needed in ["content-type", "x-requested-with"] {
            assert!(
                headers.to_ascii_lowercase().contains(needed),
                "{needed} in {headers}"
            );
        }
    }
}

#[tokio::test]
async fn preflight_from_a_foreign_origin_is_not_allowed() {
    let emu = start().await;
    for origin in [
        "https://evil.example.com",
        "http://localhost.evil.example.com:8080",
        "http://10.0.0.1:8080",
        "null",
    ] {
        let response = preflight(&emu, "/verba/api", origin).await;
        assert_eq!(header(&response, ACAO), None, "{origin}");
    }
}

#[tokio::test]
async fn preflight_does_not_count_as_an_api_request() {
    let emu = start().await;
    preflight(&emu, "/verba/api", "http://localhost:5173").await;
    assert_eq!(emu.requests().await["count"], 0);
}

#[tokio::test]
async fn every_route_answers_loopback_origins() {
    let emu = start().await;
    let origin = "http://127.0.0.1:5500";
    let api = format!(
        "/verba/api?action=DeleteCall&apiKey={KEY}&token={TOKEN}&callID={}",
        c(1)
    );
    for path in [
        api.as_str(),
        "/__emulator/calls",
        "/__emulator/requests",
        "/no-such-file",
        "/pkg/none.wasm",
        "/__emulator/nope",
    ] {
        let response = emu
            .client
            .get(emu.url(path))
            .header("Origin", origin)
            .send()
            .await
            .expect("GET");
        assert_eq!(header(&response, ACAO).as_deref(), Some(origin), "{path}");
    }
    // A POST reply too.
    let response = emu
        .client
        .post(emu.url("/verba/api?action=DeleteCall"))
        .header("Origin", origin)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(common::encode(&[
            ("apiKey", KEY),
            ("token", TOKEN),
            ("callID", &c(2)),
        ]))
        .send()
        .await
        .expect("POST");
    assert_eq!(header(&response, ACAO).as_deref(), Some(origin));
    // A page may read Retry-After (deleteCalls waits as long as it asks).
    assert_eq!(
        header(&response, "access-control-expose-headers").as_deref(),
        Some("retry-after")
    );
    let body = response.text().await.expect("body");
    assert_eq!(common::xml_code(&body), 0, "{body}");
}

#[tokio::test]
async fn foreign_origins_get_no_cors_headers_on_replies() {
    let emu = start().await;
    let response = emu
        .client
        .get(emu.url("/__emulator/calls"))
        .header("Origin", "https://evil.example.com")
        .send()
        .await
        .expect("GET");
    assert_eq!(header(&response, ACAO), None);
}

#[tokio::test]
async fn configured_origins_replace_the_default() {
    let rules = vec![OriginRule::parse("https://portal.example.com").expect("rule")];
    let options = Options {
        cors: rules,
        ..Options::default()
    };
    let emu = start_with(options, &common::fixture()).await;
    let response = preflight(&emu, "/verba/api", "https://portal.example.com").await;
    assert_eq!(
        header(&response, ACAO).as_deref(),
        Some("https://portal.example.com")
    );
    let response = preflight(&emu, "/verba/api", "http://localhost:5173").await;
    assert_eq!(header(&response, ACAO), None);

    let options = Options {
        cors: vec![
            OriginRule::Loopback,
            OriginRule::parse("https://portal.example.com").expect("rule"),
        ],
        ..Options::default()
    };
    let emu = start_with(options, &common::fixture()).await;
    for origin in ["https://portal.example.com", "http://localhost:5173"] {
        let response = preflight(&emu, "/verba/api", origin).await;
        assert_eq!(header(&response, ACAO).as_deref(), Some(origin));
    }
    let response = preflight(&emu, "/verba/api", "https://other.example.com").await;
    assert_eq!(header(&response, ACAO), None);
}

#[tokio::test]
async fn any_origin_rule() {
    let options = Options {
        cors: vec![OriginRule::Any],
        ..Options::default()
    };
    let emu = start_with(options, &common::fixture()).await;
    let response = preflight(&emu, "/verba/api", "https://anything.example.org").await;
    assert_eq!(
        header(&response, ACAO).as_deref(),
        Some("https://anything.example.org")
    );
}
