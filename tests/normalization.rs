//! The normalized form `validate` gives: what is stripped, trimmed, re-cased or joined, and what
//! is kept exactly as given.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{CALL, Value, body_value, connection_without_token, issues_of, valid};
use verba_api::{
    DEFAULT_TIMEOUT_MS, HttpMethod, IssueCode, ResponseType, Selector, StatusValue,
    build_delete_call_request,
};

fn extension<'a>(number: impl Into<Value<'a>>, status: impl Into<Value<'a>>) -> Selector {
    valid(
        &connection_without_token()
            .with("extension", number)
            .with("status", status),
    )
    .selector
}

fn endpoint_of(base_url: &str) -> String {
    valid(
        &connection_without_token()
            .with("baseUrl", base_url)
            .with("callID", CALL),
    )
    .endpoint
}

// ---------------------------------------------------------------------------------------------
// GUIDs

#[test]
fn braces_are_stripped_from_api_key_and_call_id() {
    let params = valid(
        &connection_without_token()
            .with("apiKey", "{74C8EEA0-50C6-40B2-9F3E-252ED501C3C8}")
            .with("callID", "{a8343631-9f35-4a3a-83f0-9e81592339fb}"),
    );
    assert!(
        params
            .api_key
            .eq_ignore_ascii_case("74c8eea0-50c6-40b2-9f3e-252ed501c3c8"),
        "{}",
        params.api_key
    );
    assert_eq!(params.api_key.len(), 36);
    assert_eq!(
        params.selector,
        Selector::CallId("a8343631-9f35-4a3a-83f0-9e81592339fb".to_owned())
    );
    assert_eq!(
        body_value(&params, "callID").as_deref(),
        Some("a8343631-9f35-4a3a-83f0-9e81592339fb")
    );
    let body = build_delete_call_request(&params).body.unwrap();
    assert!(!body.contains('{') && !body.contains("%7B"), "{body}");
}

// ---------------------------------------------------------------------------------------------
// status

#[test]
fn status_is_trimmed_lower_cased_and_keeps_the_given_order() {
    for (given, status, wire) in [
        (
            " Ongoing , NEXT ",
            vec![StatusValue::Ongoing, StatusValue::Next],
            "ongoing,next",
        ),
        (
            "LAST,ongoing",
            vec![StatusValue::Last, StatusValue::Ongoing],
            "last,ongoing",
        ),
        (
            "Next, Last ,ONGOING",
            vec![StatusValue::Next, StatusValue::Last, StatusValue::Ongoing],
            "next,last,ongoing",
        ),
    ] {
        let params = valid(
            &connection_without_token()
                .with("extension", "8856")
                .with("status", given),
        );
        assert_eq!(
            params.selector,
            Selector::Extension {
                number: "8856".to_owned(),
                status,
            },
            "{given:?}"
        );
        assert_eq!(
            body_value(&params, "status").as_deref(),
            Some(wire),
            "{given:?}"
        );
    }
}

#[test]
fn status_as_an_array_is_joined_with_commas() {
    let params = valid(&connection_without_token().with("extension", "8856").with(
        "status",
        Value::List(vec![Value::from("Ongoing"), Value::from(" next")]),
    ));
    assert_eq!(
        body_value(&params, "status").as_deref(),
        Some("ongoing,next")
    );
}

#[test]
fn status_values_have_their_wire_spelling() {
    for (status, wire) in [
        (StatusValue::Ongoing, "ongoing"),
        (StatusValue::Next, "next"),
        (StatusValue::Last, "last"),
    ] {
        assert_eq!(status.as_str(), wire);
        assert_eq!(
            StatusValue::parse(&wire.to_uppercase()),
            Some(status),
            "{wire}"
        );
    }
    assert_eq!(StatusValue::parse("later"), None);
}

// ---------------------------------------------------------------------------------------------
// extension

#[test]
fn extension_separators_are_removed() {
    for (given, expected) in [
        ("+36 (1) 234-5678", "+3612345678"),
        ("88.56", "8856"),
        ("88 56", "8856"),
        ("(88)-56", "8856"),
        ("*86#", "*86#"),
        ("+1 (555) 010-0199", "+15550100199"),
        ("8856", "8856"),
    ] {
        match extension(given, "last") {
            Selector::Extension { number, .. } => assert_eq!(number, expected, "{given}"),
            other => panic!("{given}: {other:?}"),
        }
    }
}

#[test]
fn sip_and_tel_uris_are_kept_exactly_as_given() {
    for given in [
        "sip:Alice.Smith@Example.com",
        "SIP:alice@example.com;transport=tls",
        "tel:+1-555-0100",
        "Tel:+3612345678",
    ] {
        let params = valid(
            &connection_without_token()
                .with("extension", given)
                .with("status", "last"),
        );
        assert_eq!(params.selector.value(), given);
        assert_eq!(body_value(&params, "extension").as_deref(), Some(given));
    }
}

#[test]
fn numeric_platform_call_id_and_extension_become_integer_text() {
    for (number, text) in [
        (71627389.0, "71627389"),
        (9_007_199_254_740_991.0, "9007199254740991"),
        (0.0, "0"),
        // -0 is a non-negative whole number too; it must not come out as "-0".
        (-0.0, "0"),
    ] {
        let params = valid(&connection_without_token().with("platformCallID", number));
        assert_eq!(
            params.selector,
            Selector::PlatformCallId(text.to_owned()),
            "{number:?}"
        );
        assert_eq!(
            body_value(&params, "platformCallID").as_deref(),
            Some(text),
            "{number:?}"
        );
    }

    assert_eq!(
        extension(8856.0, "last"),
        Selector::Extension {
            number: "8856".to_owned(),
            status: vec![StatusValue::Last],
        }
    );
    assert_eq!(
        extension(1e15, "next").value(),
        "1000000000000000",
        "no exponent notation"
    );
}

#[test]
fn opaque_ids_are_kept_as_given() {
    for (name, value) in [
        ("platformCallID", "00071627389"),
        ("nativeID", "TRS 2614 0192"),
        ("meetingID", "whbfm6dd"),
        ("nativeID", "a&b=c#d%e+f"),
    ] {
        let params = valid(&connection_without_token().with(name, value));
        assert_eq!(params.selector.value(), value);
        assert_eq!(body_value(&params, name).as_deref(), Some(value));
    }
}

// ---------------------------------------------------------------------------------------------
// responseType, method, defaults

#[test]
fn response_type_is_upper_cased_on_the_wire() {
    for (given, kind, wire) in [
        ("xml", ResponseType::Xml, "XML"),
        ("Json", ResponseType::Json, "JSON"),
        ("text", ResponseType::Text, "TEXT"),
        ("hTmL", ResponseType::Html, "HTML"),
    ] {
        let params = valid(
            &connection_without_token()
                .with("callID", CALL)
                .with("responseType", given),
        );
        assert_eq!(params.response_type, kind);
        assert_eq!(body_value(&params, "responseType").as_deref(), Some(wire));
    }
}

#[test]
fn method_is_upper_cased() {
    for (given, method, wire) in [
        ("get", HttpMethod::Get, "GET"),
        ("Get", HttpMethod::Get, "GET"),
        ("post", HttpMethod::Post, "POST"),
    ] {
        let params = valid(
            &connection_without_token()
                .with("callID", CALL)
                .with("method", given),
        );
        assert_eq!(params.method, method);
        let request = build_delete_call_request(&params);
        assert_eq!(request.method.as_str(), wire);
        assert!(request.preview.starts_with(wire), "{}", request.preview);
    }
}

#[test]
fn defaults_are_post_xml_and_thirty_seconds() {
    let params = valid(&connection_without_token().with("callID", CALL));
    assert_eq!(params.method, HttpMethod::Post);
    assert_eq!(params.response_type, ResponseType::Xml);
    assert_eq!(params.timeout_ms, Some(30_000));
    assert_eq!(DEFAULT_TIMEOUT_MS, 30_000);
    assert_eq!(params.token, None);
    assert!(!params.allow_insecure_http);
    assert_eq!(body_value(&params, "responseType").as_deref(), Some("XML"));
}

#[test]
fn timeout_zero_means_none() {
    for (given, timeout) in [
        (Value::from(0.0), None),
        (Value::from(5000.0), Some(5000)),
        (Value::Null, Some(30_000)),
    ] {
        let params = valid(
            &connection_without_token()
                .with("callID", CALL)
                .with("timeoutMs", given.clone()),
        );
        assert_eq!(params.timeout_ms, timeout, "{given:?}");
    }
}

#[test]
fn null_and_empty_options_count_as_absent() {
    let params = valid(
        &connection_without_token()
            .with("callID", CALL)
            .with("token", "")
            .with("responseType", Value::Null)
            .with("method", "")
            .with("signal", Value::Null),
    );
    assert_eq!(params.token, None);
    assert_eq!(params.response_type, ResponseType::Xml);
    assert_eq!(params.method, HttpMethod::Post);
}

#[test]
fn the_last_value_set_for_an_option_wins() {
    let mut options = connection_without_token();
    options.set("callID", "not a guid");
    options.set("callID", CALL);
    assert_eq!(valid(&options).selector.value(), CALL);
}

// ---------------------------------------------------------------------------------------------
// baseUrl → endpoint

#[test]
fn base_url_is_joined_with_the_api_path() {
    for (base, expected) in [
        (
            "https://recorder.example.com",
            "https://recorder.example.com/verba/api",
        ),
        (
            "https://recorder.example.com/",
            "https://recorder.example.com/verba/api",
        ),
        (
            "https://recorder.example.com//",
            "https://recorder.example.com/verba/api",
        ),
        (
            "https://recorder.example.com/verba/api",
            "https://recorder.example.com/verba/api",
        ),
        (
            "https://recorder.example.com/verba/api/",
            "https://recorder.example.com/verba/api",
        ),
        (
            "https://proxy.example.com/recorder",
            "https://proxy.example.com/recorder/verba/api",
        ),
        (
            "https://proxy.example.com/recorder/",
            "https://proxy.example.com/recorder/verba/api",
        ),
        (
            "https://proxy.example.com/recorder/verba/api",
            "https://proxy.example.com/recorder/verba/api",
        ),
        (
            "https://proxy.example.com/myverba/api",
            "https://proxy.example.com/myverba/api/verba/api",
        ),
        (
            "https://proxy.example.com/verba",
            "https://proxy.example.com/verba/verba/api",
        ),
        (
            "https://recorder.example.com:8443",
            "https://recorder.example.com:8443/verba/api",
        ),
        (
            "HTTPS://recorder.example.com",
            "https://recorder.example.com/verba/api",
        ),
        ("http://localhost:8080", "http://localhost:8080/verba/api"),
        ("http://127.0.0.1:8080/", "http://127.0.0.1:8080/verba/api"),
        ("http://[::1]:8080", "http://[::1]:8080/verba/api"),
        ("Http://[::1]", "http://[::1]/verba/api"),
    ] {
        assert_eq!(endpoint_of(base), expected, "{base}");
    }
}

#[test]
fn the_endpoint_is_the_url_before_the_action() {
    let params = valid(
        &connection_without_token()
            .with("baseUrl", "https://proxy.example.com/recorder/")
            .with("callID", CALL),
    );
    assert_eq!(
        build_delete_call_request(&params).url,
        "https://proxy.example.com/recorder/verba/api?action=DeleteCall"
    );
}

#[test]
fn plain_http_is_allowed_for_loopback_only_unless_opted_in() {
    for base in [
        "http://localhost",
        "http://127.0.0.1",
        "http://127.42.0.7:9000",
        "http://[::1]:8080",
    ] {
        let params = valid(
            &connection_without_token()
                .with("baseUrl", base)
                .with("callID", CALL),
        );
        assert!(params.endpoint.starts_with("http://"), "{base}");
        assert!(!params.allow_insecure_http);
    }
    let remote = connection_without_token()
        .with("baseUrl", "http://recorder.lan")
        .with("callID", CALL);
    let issues = issues_of(&remote); // plain http to a LAN host
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].code.as_str(), "insecure_url");
    assert_eq!(issues[0].field, "baseUrl");
    let params = valid(&remote.with("allowInsecureHttp", true));
    assert_eq!(params.endpoint, "http://recorder.lan/verba/api");
    assert!(params.allow_insecure_http);
}

#[test]
fn https_stays_https_whatever_the_opt_in() {
    let params = valid(
        &connection_without_token()
            .with("callID", CALL)
            .with("allowInsecureHttp", true),
    );
    assert_eq!(params.endpoint, "https://recorder.example.com/verba/api");
}

#[test]
fn a_port_beyond_65535_is_an_invalid_base_url() {
    let options = connection_without_token()
        .with("baseUrl", "https://recorder.example.com:65536")
        .with("callID", CALL);
    let issues = issues_of(&options); // port out of range
    assert_eq!(issues[0].code, IssueCode::InvalidBaseUrl);
    valid(&options.with("baseUrl", "https://recorder.example.com:65535"));
}
