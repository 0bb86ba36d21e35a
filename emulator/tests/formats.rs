//! The four reply formats, byte for byte where the spec fixes them, with their Content-Types;
//! HTTP 200 for every API answer; escaping of everything that reaches a reply.

mod common;

use common::{KEY, TOKEN, c, start};

const XML_OK: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"DeleteCall\"/>\n</VerbaApi>";
const NOT_FOUND: &str = "Unable to delete the call, because the call cannot be found.";

async fn delete_as(emu: &common::Emu, id: &str, rt: Option<&str>) -> common::Reply {
    let mut pairs = vec![("callID", id)];
    if let Some(rt) = rt {
        pairs.push(("responseType", rt));
    }
    emu.delete(&pairs).await
}

#[tokio::test]
async fn xml_is_the_default_and_exact() {
    let emu = start().await;
    let reply = delete_as(&emu, &c(1), None).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "application/xml; charset=utf-8");
    assert_eq!(reply.body, XML_OK);

    let reply = delete_as(&emu, &c(1), Some("XML")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.body,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"2\" type=\"DeleteCall\">\n    <ErrorMessage>{NOT_FOUND}</ErrorMessage>\n  </Response>\n</VerbaApi>"
        )
    );
}

#[tokio::test]
async fn json_is_exact() {
    let emu = start().await;
    let reply = delete_as(&emu, &c(1), Some("JSON")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "application/json; charset=utf-8");
    assert_eq!(
        reply.body,
        r#"{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}"#
    );
    let reply = delete_as(&emu, &c(1), Some("JSON")).await;
    assert_eq!(
        reply.body,
        format!(
            r#"{{"VerbaApi":{{"Response":{{"code":2,"type":"DeleteCall","ErrorMessage":"{NOT_FOUND}"}}}}}}"#
        )
    );
}

#[tokio::test]
async fn text_is_exact() {
    let emu = start().await;
    let reply = delete_as(&emu, &c(1), Some("TEXT")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "text/plain; charset=utf-8");
    assert_eq!(reply.body, "OK");
    let reply = delete_as(&emu, &c(1), Some("TEXT")).await;
    assert_eq!(reply.body, format!("ERROR 2: {NOT_FOUND}"));
}

#[tokio::test]
async fn html_shows_code_and_message() {
    let emu = start().await;
    let reply = delete_as(&emu, &c(1), Some("HTML")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.content_type, "text/html; charset=utf-8");
    assert!(reply.body.starts_with("<!DOCTYPE html>"), "{}", reply.body);
    assert!(
        reply.body.contains("<span class=\"code\">0</span>"),
        "{}",
        reply.body
    );
    let reply = delete_as(&emu, &c(1), Some("HTML")).await;
    assert!(
        reply.body.contains("<span class=\"code\">2</span>"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains(NOT_FOUND), "{}", reply.body);
}

#[tokio::test]
async fn response_type_is_case_insensitive() {
    let emu = start().await;
    let reply = delete_as(&emu, &c(1), Some("json")).await;
    assert_eq!(reply.content_type, "application/json; charset=utf-8");
    assert_eq!(
        reply.body,
        r#"{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}"#
    );
    let reply = delete_as(&emu, &c(2), Some("Text")).await;
    assert_eq!(reply.body, "OK");
}

#[tokio::test]
async fn unknown_or_empty_response_type_is_code_1_in_xml_and_changes_nothing() {
    let emu = start().await;
    for rt in ["CSV", "", "XMLX"] {
        let reply = delete_as(&emu, &c(1), Some(rt)).await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.content_type, "application/xml; charset=utf-8");
        assert_eq!(reply.code(), 1, "{rt:?}: {}", reply.body);
        assert!(
            reply.body.contains("Unknown responseType"),
            "{}",
            reply.body
        );
    }
    assert!(emu.call_ids().await.contains(&c(1)));
}

fn shown(rt: &str, code: u32) -> String {
    match rt {
        "XML" => format!("code=\"{code}\""),
        "JSON" => format!("\"code\":{code},"),
        "TEXT" => format!("ERROR {code}: "),
        _ => format!("<span class=\"code\">{code}</span>"),
    }
}

#[tokio::test]
async fn every_error_is_http_200_in_every_format() {
    let emu = start().await;
    for rt in ["XML", "JSON", "TEXT", "HTML"] {
        for (pairs, code) in [
            (vec![("callID", "bad")], 1),
            (vec![("callID", "00000000-0000-4000-8000-000000000999")], 2),
            (vec![("platformCallID", "P-dup")], 3),
            (vec![("callID", "00000000-0000-4000-8000-000000000006")], 5),
        ] {
            let mut all = pairs.clone();
            all.push(("responseType", rt));
            let reply = emu.delete(&all).await;
            assert_eq!(reply.status, 200, "{rt} {pairs:?}");
            assert!(
                reply.body.contains(&shown(rt, code)),
                "{rt} {pairs:?}: {}",
                reply.body
            );
        }
        let reply = emu
            .api_get(&[
                ("action", "DeleteCall"),
                ("callID", &c(1)),
                ("responseType", rt),
            ])
            .await;
        assert_eq!(reply.status, 200);
        assert!(reply.body.contains(&shown(rt, 4)), "{rt}: {}", reply.body);
    }
}

#[tokio::test]
async fn echoed_values_are_escaped_in_every_format() {
    let emu = start().await;
    let hostile = "<b>\"&'</b>";
    for (rt, escaped) in [
        ("XML", "&lt;b&gt;&quot;&amp;&apos;&lt;/b&gt;"),
        ("HTML", "&lt;b&gt;&quot;&amp;&#39;&lt;/b&gt;"),
        ("JSON", r#"<b>\"&'</b>"#),
        ("TEXT", hostile),
    ] {
        let reply = emu
            .api_get(&[
                ("action", "DeleteCall"),
                ("apiKey", KEY),
                ("token", TOKEN),
                ("extension", hostile),
                ("status", "last"),
                ("responseType", rt),
            ])
            .await;
        assert!(reply.body.contains(escaped), "{rt}: {}", reply.body);
        if rt == "XML" || rt == "HTML" {
            assert!(!reply.body.contains("<b>"), "{rt}: {}", reply.body);
        }
        if rt == "JSON" {
            let v: serde_json::Value = serde_json::from_str(&reply.body).expect("valid JSON");
            assert_eq!(v["VerbaApi"]["Response"]["code"], 1);
            assert!(
                v["VerbaApi"]["Response"]["ErrorMessage"]
                    .as_str()
                    .is_some_and(|m| m.contains(hostile))
            );
        }
    }
}

#[tokio::test]
async fn method_other_than_get_or_post_is_405_with_a_code_1_body() {
    let emu = start().await;
    let url = emu.url(&format!(
        "/verba/api?action=DeleteCall&apiKey={KEY}&token={TOKEN}&callID={}",
        c(1)
    ));
    for method in [
        reqwest::Method::PUT,
        reqwest::Method::DELETE,
        reqwest::Method::PATCH,
    ] {
        let response = emu
            .client
            .request(method.clone(), &url)
            .send()
            .await
            .expect("request");
        assert_eq!(response.status().as_u16(), 405, "{method}");
        assert_eq!(
            response
                .headers()
                .get("allow")
                .and_then(|v| v.to_str().ok()),
            Some("GET, POST")
        );
        let body = response.text().await.expect("body");
        assert_eq!(common::xml_code(&body), 1, "{body}");
    }
    assert!(emu.call_ids().await.contains(&c(1)));
}

#[tokio::test]
async fn api_replies_are_not_cacheable() {
    let emu = start().await;
    let reply = delete_as(&emu, &c(1), None).await;
    assert_eq!(
        reply
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
}
