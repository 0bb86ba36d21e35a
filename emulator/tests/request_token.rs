//! `action=RequestToken` (spec section 6): both ways of giving the credentials, by GET and POST,
//! in every format; the refusals (code 4, never echoing the password); the token's binding to
//! its key and its expiry; the log and the request records; the demo user.

mod common;

use std::time::Duration;

use common::{KEY, OPEN_KEY, TOKEN, c, encode, start_with};
use serde_json::Value;
use verba_emulator::Options;
use verba_emulator::fixture::{ApiKeyFixture, Fixture, TokenFixture, UserFixture};

/// A second key that requires a token, for the binding tests.
const OTHER_KEY: &str = "bbbbbbbb-cccc-4ddd-8eee-ffffffffffff";
const USER: &str = "api-admin";
const PASSWORD: &str = "s3cret-Pa55:word";
const WRONG_PASSWORD: &str = "wrong-Pa55-guess";
/// A user with only one of the two roles.
const HALF_USER: &str = "half-admin";
const FORMATS: [&str; 4] = ["XML", "JSON", "TEXT", "HTML"];

fn base64(data: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = data.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let mut n = 0u32;
        for (i, b) in chunk.iter().enumerate() {
            n |= u32::from(*b) << (16 - 8 * i);
        }
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn basic(user: &str, password: &str) -> String {
    format!("Basic {}", base64(&format!("{user}:{password}")))
}

/// The standard fixture plus users, a second token key and, if given, a token lifetime.
fn fixture(lifetime_s: Option<i64>) -> Fixture {
    let mut f = common::fixture();
    f.api_keys.push(ApiKeyFixture {
        key: OTHER_KEY.to_string(),
        tokens: Some(vec![TokenFixture::Plain("other-fixture-token".to_string())]),
        requires_token: Some(true),
    });
    let roles = |r: &[&str]| r.iter().map(|s| s.to_string()).collect();
    f.users = vec![
        UserFixture {
            user_name: USER.to_string(),
            password: PASSWORD.to_string(),
            roles: roles(&["System Supervisor", "System Administrator", "Auditor"]),
        },
        UserFixture {
            user_name: HALF_USER.to_string(),
            password: PASSWORD.to_string(),
            roles: roles(&["System Administrator"]),
        },
    ];
    f.token_lifetime_s = lifetime_s;
    f
}

async fn start(lifetime_s: Option<i64>) -> common::Emu {
    start_with(Options::default(), &fixture(lifetime_s)).await
}

/// How the credentials travel.
#[derive(Debug, Clone, Copy)]
enum Auth<'a> {
    Header(&'a str),
    Params(&'a str, &'a str),
}

/// A RequestToken by GET (everything in the query) or POST (action, key and format in the
/// query, `userName`/`password` in a form body), with an optional raw `Authorization`.
async fn request_token(
    emu: &common::Emu,
    post: bool,
    key: &str,
    format: &str,
    auth: Auth<'_>,
) -> (u16, String) {
    let mut query = vec![
        ("action", "RequestToken"),
        ("apiKey", key),
        ("responseType", format),
    ];
    let mut body: Vec<(&str, &str)> = Vec::new();
    let header = match auth {
        Auth::Header(h) => Some(h.to_string()),
        Auth::Params(user, password) => {
            let target = if post { &mut body } else { &mut query };
            target.push(("userName", user));
            target.push(("password", password));
            None
        }
    };
    let url = emu.url(&format!("/verba/api?{}", encode(&query)));
    let mut request = if post {
        emu.client
            .post(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(encode(&body))
    } else {
        emu.client.get(url)
    };
    if let Some(h) = header {
        request = request.header("Authorization", h);
    }
    let response = request.send().await.expect("send");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

/// The code of a reply in any format.
fn code(format: &str, body: &str) -> u32 {
    match format {
        "JSON" => {
            let v: Value = serde_json::from_str(body).expect("JSON");
            v["VerbaApi"]["Response"]["code"].as_u64().expect("code") as u32
        }
        "TEXT" if body.starts_with("OK") => 0,
        "TEXT" => body
            .strip_prefix("ERROR ")
            .and_then(|r| r.split(':').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("TEXT reply {body:?}")),
        "HTML" => {
            let start = body.find("<span class=\"code\">").expect("code span") + 19;
            let end = body[start..].find('<').expect("end") + start;
            body[start..end].parse().expect("number")
        }
        _ => common::xml_code(body),
    }
}

/// The token of a successful reply in any format.
fn token(format: &str, body: &str) -> String {
    let between = |start: &str, end: &str| {
        let s = body
            .find(start)
            .unwrap_or_else(|| panic!("{start} in {body}"))
            + start.len();
        let e = body[s..].find(end).expect("end") + s;
        body[s..e].to_string()
    };
    match format {
        "JSON" => {
            let v: Value = serde_json::from_str(body).expect("JSON");
            assert_eq!(v["VerbaApi"]["Response"]["type"], "RequestToken", "{body}");
            v["VerbaApi"]["Response"]["token"]
                .as_str()
                .expect("token")
                .to_string()
        }
        "TEXT" => body.strip_prefix("OK ").expect("OK <token>").to_string(),
        "HTML" => between("<span class=\"token\">", "</span>"),
        _ => {
            assert!(body.contains("type=\"RequestToken\""), "{body}");
            assert!(body.contains("<SessionId>"), "{body}");
            between("token=\"", "\"")
        }
    }
}

/// DeleteCall of a callID no fixture holds: code 2 means the key and token passed, 4 not.
async fn try_token(emu: &common::Emu, key: &str, token: &str) -> common::Reply {
    let missing = c(999);
    emu.api_get(&[
        ("action", "DeleteCall"),
        ("apiKey", key),
        ("token", token),
        ("callID", &missing),
    ])
    .await
}

#[tokio::test]
async fn both_auth_modes_by_get_and_post_in_every_format() {
    let emu = start(None).await;
    let header = basic(USER, PASSWORD);
    let mut tokens = Vec::new();
    for post in [false, true] {
        for auth in [Auth::Header(&header), Auth::Params(USER, PASSWORD)] {
            for format in FORMATS {
                let (status, body) = request_token(&emu, post, KEY, format, auth).await;
                let what = format!("post={post} {auth:?} {format}");
                assert_eq!(status, 200, "{what}: {body}");
                assert_eq!(code(format, &body), 0, "{what}: {body}");
                let t = token(format, &body);
                assert!(
                    t.len() >= 32 && t.bytes().all(|b| b.is_ascii_alphanumeric()),
                    "{what}: token {t:?}"
                );
                assert_eq!(try_token(&emu, KEY, &t).await.code(), 2, "{what}");
                tokens.push(t);
            }
        }
    }
    // Random: all different.
    let mut unique = tokens.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), tokens.len(), "{tokens:?}");
    // The fixture's token keeps working beside the issued ones.
    assert_eq!(try_token(&emu, KEY, TOKEN).await.code(), 2);
}

#[tokio::test]
async fn the_exact_reply_forms() {
    let emu = start(None).await;
    let header = basic(USER, PASSWORD);
    let (_, xml) = request_token(&emu, false, KEY, "XML", Auth::Header(&header)).await;
    let t = token("XML", &xml);
    assert!(
        xml.starts_with(&format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"RequestToken\" token=\"{t}\"/>\n  <SessionId>"
        )),
        "{xml}"
    );
    assert!(xml.ends_with("</SessionId>\n</VerbaApi>"), "{xml}");
    let (_, json) = request_token(&emu, false, KEY, "json", Auth::Header(&header)).await;
    let t = token("JSON", &json);
    assert_eq!(
        json,
        format!(
            r#"{{"VerbaApi":{{"Response":{{"code":0,"type":"RequestToken","token":"{t}"}}}}}}"#
        )
    );
    let (_, text) = request_token(&emu, true, KEY, "TEXT", Auth::Header(&header)).await;
    assert_eq!(text, format!("OK {}", token("TEXT", &text)));
}

#[tokio::test]
async fn refusals_are_code_4_without_the_password() {
    let emu = start(None).await;
    let nocolon = format!("Basic {}", base64("no-colon-at-all"));
    let wrong = basic(USER, WRONG_PASSWORD);
    let unknown = basic("nobody", PASSWORD);
    let half = basic(HALF_USER, PASSWORD);
    let good = basic(USER, PASSWORD);
    let bearer = format!("Bearer {PASSWORD}");
    let cases: Vec<(&str, Auth, &str)> = vec![
        (KEY, Auth::Header(&wrong), "wrong password"),
        (KEY, Auth::Params(USER, WRONG_PASSWORD), "wrong password"),
        (KEY, Auth::Header(&unknown), "unknown user name"),
        (KEY, Auth::Params("nobody", PASSWORD), "unknown user name"),
        (KEY, Auth::Header(&half), "System Supervisor roles"),
        (
            KEY,
            Auth::Params(HALF_USER, PASSWORD),
            "System Supervisor roles",
        ),
        (
            "00000000-0000-4000-8000-00000000dead",
            Auth::Header(&good),
            "unknown API key",
        ),
        (
            "",
            Auth::Params(USER, PASSWORD),
            "apiKey parameter is missing",
        ),
        (KEY, Auth::Header(&bearer), "not Basic"),
        (KEY, Auth::Header("Basic !!!not-base64"), "not Basic"),
        (KEY, Auth::Header(&nocolon), "not Basic"),
        (KEY, Auth::Header("Basic"), "not Basic"),
        (KEY, Auth::Params(USER, ""), "unknown user name"),
        (KEY, Auth::Params("", PASSWORD), "userName and password"),
    ];
    for (key, auth, message) in cases {
        for post in [false, true] {
            for format in FORMATS {
                let (status, body) = request_token(&emu, post, key, format, auth).await;
                let what = format!("{key:?} {auth:?} post={post} {format}");
                assert_eq!(status, 200, "{what}: {body}");
                assert_eq!(code(format, &body), 4, "{what}: {body}");
                assert!(body.contains(message), "{what}: {message:?} in {body}");
                for secret in [PASSWORD, WRONG_PASSWORD, &base64(PASSWORD)] {
                    assert!(!body.contains(secret), "{what}: password in {body}");
                }
                assert!(!body.contains("token="), "{what}: {body}");
            }
        }
    }
    // No credentials at all.
    let query = encode(&[("action", "RequestToken"), ("apiKey", KEY)]);
    let reply = emu.get(&format!("/verba/api?{query}")).await;
    assert_eq!(reply.code(), 4, "{}", reply.body);
    assert!(reply.body.contains("userName and"), "{}", reply.body);
    // A parameter name in the wrong case is code 1, as for DeleteCall.
    let query = encode(&[
        ("action", "RequestToken"),
        ("apiKey", KEY),
        ("username", USER),
        ("password", PASSWORD),
    ]);
    let reply = emu.get(&format!("/verba/api?{query}")).await;
    assert_eq!(reply.code(), 1, "{}", reply.body);
    assert!(!reply.body.contains(PASSWORD), "{}", reply.body);
}

#[tokio::test]
async fn a_token_works_only_with_its_key_and_deletes() {
    let emu = start(None).await;
    let header = basic(USER, PASSWORD);
    let (_, body) = request_token(&emu, true, OTHER_KEY, "XML", Auth::Header(&header)).await;
    let other = token("XML", &body);
    assert_eq!(try_token(&emu, OTHER_KEY, &other).await.code(), 2);
    let reply = try_token(&emu, KEY, &other).await;
    assert_eq!(reply.code(), 4, "{}", reply.body);
    assert!(reply.body.contains("token is not valid"), "{}", reply.body);

    let (_, body) = request_token(&emu, false, KEY, "XML", Auth::Header(&header)).await;
    let mine = token("XML", &body);
    assert_eq!(try_token(&emu, OTHER_KEY, &mine).await.code(), 4);
    // A real deletion with the issued token.
    let id = c(1);
    let reply = emu
        .api_get(&[
            ("action", "DeleteCall"),
            ("apiKey", KEY),
            ("token", &mine),
            ("callID", &id),
        ])
        .await;
    assert_eq!(reply.code(), 0, "{}", reply.body);
    assert!(emu.call(&id).await.is_none());
    // A key without token requirement also gets a token (ignored by DeleteCall, like any token
    // sent with such a key).
    let (_, body) = request_token(&emu, false, OPEN_KEY, "TEXT", Auth::Header(&header)).await;
    assert_eq!(code("TEXT", &body), 0, "{body}");
}

#[tokio::test]
async fn an_issued_token_expires_after_token_lifetime_s() {
    let emu = start(Some(1)).await;
    let header = basic(USER, PASSWORD);
    let (_, body) = request_token(&emu, false, KEY, "JSON", Auth::Header(&header)).await;
    let t = token("JSON", &body);
    assert_eq!(try_token(&emu, KEY, &t).await.code(), 2);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let reply = try_token(&emu, KEY, &t).await;
    assert_eq!(reply.code(), 4, "{}", reply.body);
    assert!(reply.body.contains("expired"), "{}", reply.body);
    // The fixture's own token does not expire with the lifetime.
    assert_eq!(try_token(&emu, KEY, TOKEN).await.code(), 2);
    // A new token works again.
    let (_, body) = request_token(&emu, false, KEY, "JSON", Auth::Header(&header)).await;
    assert_eq!(try_token(&emu, KEY, &token("JSON", &body)).await.code(), 2);
}

#[tokio::test]
async fn a_bad_token_lifetime_or_user_is_a_fixture_error() {
    let emu = start(None).await;
    for (body, path) in [
        (r#"{"tokenLifetimeS": 0}"#, "tokenLifetimeS"),
        (r#"{"tokenLifetimeS": "1h"}"#, "invalid type"),
        (
            r#"{"users": [{"userName": "u", "password": ""}]}"#,
            "users[0].password",
        ),
        (r#"{"users": [{"userName": "u"}]}"#, "password"),
    ] {
        let (status, answer) = emu.reset(body).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert!(answer.to_string().contains(path), "{body}: {answer}");
    }
    let (status, answer) = emu
        .reset(
            r#"{"tokenLifetimeS": 1, "users": [{"userName": "u", "password": "p", "roles": []}]}"#,
        )
        .await;
    assert_eq!(status, 200, "{answer}");
}

#[tokio::test]
async fn the_log_and_the_request_records_redact_the_credentials() {
    let emu = start(None).await;
    let header = basic(USER, PASSWORD);
    request_token(&emu, false, KEY, "XML", Auth::Header(&header)).await;
    request_token(&emu, false, KEY, "XML", Auth::Params(USER, PASSWORD)).await;
    request_token(&emu, true, KEY, "XML", Auth::Params(USER, WRONG_PASSWORD)).await;
    let query = encode(&[
        ("action", "RequestToken"),
        ("apiKey", KEY),
        ("userName", USER),
        ("PASSWORD", PASSWORD),
    ]);
    emu.get(&format!("/verba/api?{query}")).await;
    emu.delete(&[("callID", &c(999))]).await;

    let lines = emu.log_lines();
    let text = lines.join("\n");
    let encoded = base64(&format!("{USER}:{PASSWORD}"));
    for secret in [PASSWORD, WRONG_PASSWORD, encoded.as_str(), &encoded[..12]] {
        assert!(!text.contains(secret), "{secret:?} in the log:\n{text}");
    }
    assert!(
        lines[0].contains("Authorization=Basic REDACTED"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("-> 200 code=0"), "{}", lines[0]);
    assert!(lines[1].contains("password=REDACTED"), "{}", lines[1]);
    assert!(lines[2].contains("password=REDACTED"), "{}", lines[2]);
    assert!(lines[2].contains("code=4"), "{}", lines[2]);
    assert!(lines[3].contains("PASSWORD=REDACTED"), "{}", lines[3]);

    // The tokens issued do not reach the log either (they are in no request).
    let requests = emu.requests().await;
    let shown = requests.to_string();
    for secret in [PASSWORD, WRONG_PASSWORD, encoded.as_str()] {
        assert!(!shown.contains(secret), "{secret:?} in {shown}");
    }
    let recent = requests["recent"].as_array().expect("recent");
    let request_tokens = recent
        .iter()
        .filter(|r| r["action"] == "RequestToken")
        .count();
    assert_eq!(request_tokens, 4, "{shown}");
    assert_eq!(recent[0]["authorization"], "Basic REDACTED", "{shown}");
    assert!(recent[1].get("authorization").is_none(), "{shown}");
    assert_eq!(recent[4]["action"], "DeleteCall", "{shown}");
}

#[tokio::test]
async fn the_demo_user_works_with_the_demo_key() {
    let emu = start_with(Options::default(), &verba_emulator::demo_data::fixture()).await;
    let key = verba_emulator::demo_data::SAMPLE_API_KEY;
    // The vendor's example header, as written in its documentation.
    let (_, body) = request_token(
        &emu,
        false,
        key,
        "XML",
        Auth::Header("Basic bXlhcGl1c2VyOnBhJCR3b3Jk"),
    )
    .await;
    assert_eq!(code("XML", &body), 0, "{body}");
    assert_eq!(try_token(&emu, key, &token("XML", &body)).await.code(), 2);
    let (_, body) = request_token(
        &emu,
        true,
        key,
        "TEXT",
        Auth::Params(
            verba_emulator::demo_data::SAMPLE_USER,
            verba_emulator::demo_data::SAMPLE_PASSWORD,
        ),
    )
    .await;
    assert_eq!(code("TEXT", &body), 0, "{body}");
}
