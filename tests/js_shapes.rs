//! The JavaScript shapes, derived from the Rust types with serde: options read from JSON with
//! the same visitor that reads a JavaScript object, and reports, requests and results written as
//! JSON, the shapes serde-wasm-bindgen builds with `Serializer::json_compatible()` (`null` for
//! `None`, absent optional members, plain objects for maps; tests/browser/js_values.rs checks
//! the real JavaScript values); and the TypeScript unions against the Rust values.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{KEY, TOKEN};
use serde_json::{Value, json};
use verba_api::{
    DeleteCallOptions, Field, OptionValue, ResponseType, ValidationReport,
    build_delete_call_request, parse_delete_call_response, validate_delete_call,
};

fn options(json: &str) -> DeleteCallOptions<'_> {
    serde_json::from_str(json).expect("a JSON object")
}

fn report(json: &str) -> Value {
    let options = options(json);
    serde_json::to_value(ValidationReport::from(&validate_delete_call(&options)))
        .expect("serializable")
}

#[test]
fn options_keep_each_values_type_and_every_unknown_name() {
    let read = options(
        r#"{"apiKey": "k", "platformCallID": 7, "status": ["last", 3], "token": null,
            "allowInsecureHttp": true, "method": {"a": 1}, "callId": "x", "x y": [1]}"#,
    );
    assert_eq!(read.get(Field::ApiKey), &OptionValue::from("k"));
    assert_eq!(read.get(Field::PlatformCallId), &OptionValue::Number(7.0));
    assert_eq!(
        read.get(Field::Status),
        &OptionValue::List(vec!["last".into(), OptionValue::Number(3.0)])
    );
    assert_eq!(read.get(Field::Token), &OptionValue::Null);
    assert_eq!(read.get(Field::AllowInsecureHttp), &OptionValue::Bool(true));
    assert_eq!(read.get(Field::Method), &OptionValue::Other("an object"));
    assert_eq!(read.get(Field::CallId), &OptionValue::Absent);
    assert_eq!(read.unknown_names(), ["callId", "x y"]);
}

#[test]
fn a_valid_report_has_every_normalized_member_and_no_absent_selector() {
    let shape = report(&format!(
        r#"{{"baseUrl": "https://recorder.example.com", "apiKey": "{{{KEY}}}", "token": "{TOKEN}",
            "extension": "+36 (1) 234-5678", "status": "Last, ongoing", "timeoutMs": 0}}"#
    ));
    assert_eq!(
        shape,
        json!({
            "valid": true,
            "issues": [],
            "normalized": {
                "apiKey": KEY,
                "token": TOKEN,
                "extension": "+3612345678",
                "status": "last,ongoing",
                "responseType": "XML",
                "baseUrl": "https://recorder.example.com/verba/api",
                "method": "POST",
                "timeoutMs": 0,
                "allowInsecureHttp": false,
                "corsPreflight": true
            }
        })
    );
}

/// npm/index.d.ts types a valid report's `normalized` as options themselves
/// (`deleteCall(report.normalized)` sends the same request): they are valid and normalize to
/// themselves, whatever the selector.
#[test]
fn normalized_options_are_valid_options_that_normalize_to_themselves() {
    let given = [
        format!(
            r#"{{"baseUrl": "https://recorder.example.com", "apiKey": "{{{KEY}}}", "callID": "{{A8343631-9F35-4A3A-83F0-9E81592339FB}}"}}"#
        ),
        format!(
            r#"{{"baseUrl": "https://recorder.example.com/verba/api", "apiKey": "{KEY}", "platformCallID": 71627389, "responseType": "json"}}"#
        ),
        format!(
            r#"{{"baseUrl": "http://127.0.0.1:8080", "apiKey": "{KEY}", "token": "{TOKEN}", "nativeID": "TRS26140192", "method": "get"}}"#
        ),
        format!(
            r#"{{"baseUrl": "http://recorder.lan", "allowInsecureHttp": true, "apiKey": "{KEY}", "meetingID": "WHBFM6DD", "timeoutMs": 0, "corsPreflight": false}}"#
        ),
        format!(
            r#"{{"baseUrl": "https://recorder.example.com", "apiKey": "{KEY}", "extension": "+36 (1) 234-5678", "status": "Last, ongoing"}}"#
        ),
        format!(
            r#"{{"baseUrl": "https://recorder.example.com", "apiKey": "{KEY}", "extension": 8856, "status": ["next", "LAST", "ongoing"]}}"#
        ),
    ];
    for options in given {
        let first = report(&options);
        assert_eq!(first["valid"], json!(true), "{options}");
        let again = report(&first["normalized"].to_string());
        assert_eq!(again["valid"], json!(true), "{options}");
        assert_eq!(again["normalized"], first["normalized"], "{options}");
    }
}

#[test]
fn an_invalid_report_has_null_normalized_and_issues_as_objects() {
    let shape = report(r#"{"baseUrl": "https://recorder.example.com", "callId": "x"}"#);
    assert_eq!(shape["valid"], json!(false));
    assert_eq!(shape["normalized"], Value::Null);
    let issues = shape["issues"].as_array().expect("an array");
    let codes: Vec<(&str, &str)> = issues
        .iter()
        .map(|issue| {
            // serde_json's map is sorted: this checks the members, the browser tests their order.
            let keys: Vec<&String> = issue.as_object().expect("an object").keys().collect();
            assert_eq!(keys, ["code", "field", "message"], "{issue}");
            (
                issue["field"].as_str().unwrap_or_default(),
                issue["code"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [
            ("callId", "unknown_option"),
            ("apiKey", "required"),
            ("selector", "missing_selector")
        ]
    );
}

#[test]
fn built_requests_have_headers_as_an_object_and_a_null_body_for_get() {
    let post = format!(
        r#"{{"baseUrl": "https://recorder.example.com", "apiKey": "{KEY}", "nativeID": "N-1"}}"#
    );
    let post = options(&post);
    let shape = serde_json::to_value(build_delete_call_request(
        &validate_delete_call(&post).unwrap(),
    ))
    .unwrap();
    assert_eq!(shape["method"], json!("POST"));
    assert_eq!(
        shape["headers"],
        json!({"Content-Type": "application/x-www-form-urlencoded"})
    );
    assert!(shape["body"].as_str().unwrap().contains("nativeID=N-1"));
    assert!(!shape["preview"].as_str().unwrap().contains("252ed501c3c8"));

    let get = format!(
        r#"{{"baseUrl": "https://recorder.example.com", "apiKey": "{KEY}", "nativeID": "N-1",
            "method": "get"}}"#
    );
    let get = options(&get);
    let shape = serde_json::to_value(build_delete_call_request(
        &validate_delete_call(&get).unwrap(),
    ))
    .unwrap();
    assert_eq!(shape["method"], json!("GET"));
    assert_eq!(shape["body"], Value::Null);
    assert_eq!(shape["headers"], json!({}));
}

#[test]
fn results_carry_the_constant_members_and_raw_only_for_text_and_html() {
    let xml = parse_delete_call_response(
        r#"<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>"#,
        ResponseType::Xml,
        200,
    )
    .unwrap();
    assert_eq!(
        serde_json::to_value(xml).unwrap(),
        json!({
            "ok": true, "code": 0, "action": "DeleteCall", "message": null,
            "responseType": "XML", "httpStatus": 200
        })
    );
    let text = parse_delete_call_response("OK", ResponseType::Text, 200).unwrap();
    let shape = serde_json::to_value(text).unwrap();
    assert_eq!(shape["raw"], json!("OK"));
    assert_eq!(shape["responseType"], json!("TEXT"));
}

/// The members of `export type NAME = "a" | "b" ...;` in the package's TypeScript declarations
/// (the face's, written by hand; the glue's declarations, src/wasm/typescript.rs, import them).
fn union(name: &str) -> Vec<String> {
    let declarations = include_str!("../npm/index.d.ts");
    let start = format!("export type {name} =");
    let at = declarations
        .find(&start)
        .unwrap_or_else(|| panic!("{start} not declared"));
    let body = &declarations[at + start.len()..];
    let body = &body[..body.find(';').expect("the union ends with ;")];
    body.split('|')
        .map(|member| member.trim().trim_matches('"').to_owned())
        // A union written over several lines starts with `|`.
        .filter(|member| !member.is_empty())
        .collect()
}

#[test]
fn the_typescript_unions_name_exactly_the_rust_values() {
    use verba_api::{HttpMethod, IssueCode, StatusValue, VerbaErrorCode};
    let names = |names: &[&str]| {
        names
            .iter()
            .map(|name| name.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        union("IssueCode"),
        names(&IssueCode::ALL.map(IssueCode::as_str))
    );
    // The face adds its own code: a sync export called before `init()`.
    let mut codes = names(&VerbaErrorCode::ALL.map(VerbaErrorCode::as_str));
    codes.push("NOT_INITIALIZED".to_owned());
    assert_eq!(union("VerbaErrorCode"), codes);
    assert_eq!(
        union("ResponseType"),
        names(&ResponseType::ALL.map(ResponseType::as_str))
    );
    assert_eq!(
        union("HttpMethod"),
        names(&HttpMethod::ALL.map(HttpMethod::as_str))
    );
    assert_eq!(
        union("StatusValue"),
        names(&StatusValue::ALL.map(StatusValue::as_str))
    );
    // validateParameter's names (a typo such as "callId" must not compile).
    assert_eq!(union("OptionName"), names(&Field::ALL.map(Field::name)));
}
