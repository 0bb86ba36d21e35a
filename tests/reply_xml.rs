//! XML replies: every layout spec section 4 lists, tolerant of layout, strict where it matters,
//! and never expanding a DTD.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

use verba_api::{ACTION, DeleteCallOutcome, ErrorCode, ResponseType, VerbaError, parse_reply};

fn xml(body: &str) -> Result<DeleteCallOutcome, VerbaError> {
    parse_reply(body, ResponseType::Xml, 200)
}

fn success(body: &str) -> DeleteCallOutcome {
    match xml(body) {
        Ok(outcome) => outcome,
        Err(error) => panic!("expected success, got {error:?} for\n{body}"),
    }
}

fn failure(body: &str) -> VerbaError {
    match xml(body) {
        Ok(outcome) => panic!("expected an error, got {outcome:?} for\n{body}"),
        Err(error) => error,
    }
}

/// The reason of a PARSE error.
fn parse_error(body: &str) -> String {
    match failure(body) {
        VerbaError::Parse {
            reason,
            http_status,
        } => {
            assert_eq!(http_status, Some(200));
            reason
        }
        other => panic!("expected PARSE, got {other:?} for\n{body}"),
    }
}

/// `(api code, server message)` of a CALL_NOT_FOUND or API_ERROR.
fn api_error(body: &str) -> (ErrorCode, Option<i64>, Option<String>) {
    match failure(body) {
        VerbaError::CallNotFound { server_message, .. } => {
            (ErrorCode::CallNotFound, Some(2), server_message)
        }
        VerbaError::Api {
            api_code,
            server_message,
            ..
        } => (ErrorCode::ApiError, Some(api_code), server_message),
        other => panic!("expected an API error, got {other:?} for\n{body}"),
    }
}

fn message_of(body: &str) -> Option<String> {
    api_error(body).2
}

#[test]
fn action_is_delete_call() {
    assert_eq!(ACTION, "DeleteCall");
}

// ---------------------------------------------------------------------------------------------
// The documented samples

#[test]
fn documented_success_sample_with_delete_call_type() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"DeleteCall\"/>\n  <CallID>a8343631-9f35-4a3a-83f0-9e81592339fb</CallID>\n</VerbaApi>\n";
    let outcome = success(body);
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.message, None);
    assert_eq!(outcome.response_type, ResponseType::Xml);
    assert_eq!(outcome.http_status, 200);
    assert_eq!(outcome.raw, None, "raw is for TEXT and HTML only");
}

#[test]
fn documented_success_sample_of_another_action_is_not_a_delete() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"GetCallID\"/>\n  <CallID>a8343631-9f35-4a3a-83f0-9e81592339fb</CallID>\n</VerbaApi>\n";
    let reason = parse_error(body);
    assert!(reason.contains("GetCallID"), "{reason}");
    assert!(reason.contains("DeleteCall"), "{reason}");
}

#[test]
fn documented_error_sample_code_2_is_call_not_found_whatever_the_type() {
    let sample = |kind: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"2\" type=\"{kind}\">\n    <ErrorMessage>Unable to retrieve the call identifier, because the call cannot be found.</ErrorMessage>\n  </Response>\n</VerbaApi>\n"
        )
    };
    for kind in ["GetCallID", "DeleteCall"] {
        let error = failure(&sample(kind));
        assert_eq!(error.code(), ErrorCode::CallNotFound, "{kind}");
        assert_eq!(error.api_code(), Some(2));
        assert_eq!(error.http_status(), Some(200));
        match error {
            VerbaError::CallNotFound { server_message, .. } => assert_eq!(
                server_message.as_deref(),
                Some("Unable to retrieve the call identifier, because the call cannot be found.")
            ),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn other_codes_are_api_errors_with_code_and_message() {
    for (code, text) in [
        (1, "Invalid request: missing parameter."),
        (3, "More than one call matched."),
        (4, "Authentication failed."),
        (5, "The call is protected from deletion."),
        (-1, "Unexpected failure."),
        (42, "Something new."),
    ] {
        let body = format!(
            "<VerbaApi><Response code=\"{code}\" type=\"DeleteCall\"><ErrorMessage>{text}</ErrorMessage></Response></VerbaApi>"
        );
        let (kind, api_code, message) = api_error(&body);
        assert_eq!(kind, ErrorCode::ApiError, "{code}");
        assert_eq!(api_code, Some(code));
        assert_eq!(message.as_deref(), Some(text));
    }
}

#[test]
fn error_message_with_description_attribute_older_revision() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"2\" type=\"DeleteCall\">\n    <ErrorMessage description=\"Error\">The call cannot be found.</ErrorMessage>\n  </Response>\n</VerbaApi>";
    assert_eq!(
        message_of(body).as_deref(),
        Some("The call cannot be found.")
    );
}

#[test]
fn broken_closing_root_tag_from_the_vendor_sample() {
    // One vendor sample closes the root with `<VerbaApi>` instead of `</VerbaApi>`.
    let ok = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"DeleteCall\"/>\n  <CallID>a8343631-9f35-4a3a-83f0-9e81592339fb</CallID>\n<VerbaApi>";
    assert_eq!(success(ok).code, 0);
    let not_found = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"2\" type=\"DeleteCall\">\n    <ErrorMessage>Not found.</ErrorMessage>\n  </Response>\n<VerbaApi>";
    assert_eq!(
        api_error(not_found),
        (
            ErrorCode::CallNotFound,
            Some(2),
            Some("Not found.".to_owned())
        )
    );
    let mismatched = "<VerbaApi><Response code=\"5\" type=\"DeleteCall\"/><ErrorMessage>Protected.</ErrorMessage></VerbaAPI>";
    assert_eq!(
        api_error(mismatched),
        (ErrorCode::ApiError, Some(5), Some("Protected.".to_owned()))
    );
    let no_close = "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/>";
    assert_eq!(success(no_close).code, 0);
}

#[test]
fn damage_before_the_response_is_complete_is_a_parse_error() {
    for body in [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"><VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\">",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall",
        "<VerbaApi><Response code=\"0",
        "<VerbaApi>",
        "<VerbaApi><",
    ] {
        parse_error(body);
    }
}

// ---------------------------------------------------------------------------------------------
// Tolerated layouts

#[test]
fn response_self_closing_or_not() {
    for body in [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\" /></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"></Response></VerbaApi>",
        "<VerbaApi><Response code='0' type='DeleteCall'></Response></VerbaApi>",
        "<VerbaApi><Response type=\"DeleteCall\" code=\"0\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"\"/></VerbaApi>",
        "<VerbaApi><Response code=\" 0 \" type=\" DeleteCall \"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\" extra=\"ignored\"/></VerbaApi>",
    ] {
        assert_eq!(success(body).code, 0, "{body}");
    }
}

#[test]
fn error_message_inside_or_beside_the_response() {
    let inside = "<VerbaApi><Response code=\"5\" type=\"DeleteCall\"><ErrorMessage>Protected.</ErrorMessage></Response></VerbaApi>";
    let beside = "<VerbaApi><Response code=\"5\" type=\"DeleteCall\"/><ErrorMessage>Protected.</ErrorMessage></VerbaApi>";
    for body in [inside, beside] {
        assert_eq!(
            api_error(body),
            (ErrorCode::ApiError, Some(5), Some("Protected.".to_owned())),
            "{body}"
        );
    }
}

#[test]
fn payload_inside_or_beside_the_response_is_ignored() {
    for body in [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"><CallID>a8343631-9f35-4a3a-83f0-9e81592339fb</CallID><Deleted>true</Deleted></Response></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><CallID>a8343631</CallID><Status><Marked/></Status></VerbaApi>",
        "<VerbaApi><Info/><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ] {
        let outcome = success(body);
        assert_eq!(outcome.message, None, "{body}");
    }
}

#[test]
fn a_message_with_a_success_is_kept() {
    let body = "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"><ErrorMessage>Call marked for deletion.</ErrorMessage></Response></VerbaApi>";
    assert_eq!(
        success(body).message.as_deref(),
        Some("Call marked for deletion.")
    );
}

#[test]
fn an_empty_error_message_is_no_message() {
    for body in [
        "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"><ErrorMessage/></Response></VerbaApi>",
        "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"><ErrorMessage>  \r\n </ErrorMessage></Response></VerbaApi>",
        "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"/></VerbaApi>",
    ] {
        assert_eq!(message_of(body), None, "{body}");
    }
}

#[test]
fn only_the_first_error_message_in_place_counts() {
    let body = "<VerbaApi><ErrorMessage>before</ErrorMessage><Response code=\"3\" type=\"DeleteCall\"><Detail><ErrorMessage>nested</ErrorMessage></Detail><ErrorMessage>first</ErrorMessage><ErrorMessage>second</ErrorMessage></Response></VerbaApi>";
    assert_eq!(message_of(body).as_deref(), Some("first"));
}

#[test]
fn crlf_tabs_and_indentation() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<VerbaApi>\r\n\t<Response\r\n\t\tcode=\"2\"\r\n\t\ttype=\"DeleteCall\">\r\n\t\t<ErrorMessage>\r\n\t\t\tThe call cannot be found.\r\n\t\t</ErrorMessage>\r\n\t</Response>\r\n</VerbaApi>\r\n";
    assert_eq!(
        message_of(body).as_deref(),
        Some("The call cannot be found.")
    );
    let multi_line = "<VerbaApi><Response code=\"2\"><ErrorMessage>line one\r\nline two</ErrorMessage></Response></VerbaApi>";
    let message = message_of(multi_line).unwrap();
    assert!(message.starts_with("line one"), "{message:?}");
    assert!(message.ends_with("line two"), "{message:?}");
    assert!(
        !message.contains('\r'),
        "XML end-of-line handling: {message:?}"
    );
}

#[test]
fn leading_whitespace_and_trailing_garbage_after_the_root() {
    let body = "\n\n  <VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>\n\n<!-- served by IIS -->\ntrailing text";
    assert_eq!(success(body).code, 0);
}

#[test]
fn utf8_bom() {
    let body = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>";
    assert_eq!(success(body).code, 0);
    let no_declaration = "\u{feff}<VerbaApi><Response code=\"2\"/></VerbaApi>";
    assert_eq!(api_error(no_declaration).0, ErrorCode::CallNotFound);
}

#[test]
fn missing_or_different_declaration() {
    for body in [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<?xml version=\"1.0\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<?xml version=\"1.1\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ] {
        assert_eq!(success(body).code, 0, "{body}");
    }
}

#[test]
fn comments_and_processing_instructions_are_skipped() {
    let body = "<?xml version=\"1.0\"?><!-- header --><?xml-stylesheet href=\"a.xsl\"?><VerbaApi><!-- c --><Response code=\"4\" type=\"DeleteCall\"><ErrorMessage>Auth<!-- hidden -->entication failed.</ErrorMessage></Response></VerbaApi>";
    assert_eq!(
        api_error(body),
        (
            ErrorCode::ApiError,
            Some(4),
            Some("Authentication failed.".to_owned())
        )
    );
}

#[test]
fn cdata_in_the_error_message() {
    let body = "<VerbaApi><Response code=\"5\" type=\"DeleteCall\"><ErrorMessage><![CDATA[Call <a8343631> is protected & kept]]></ErrorMessage></Response></VerbaApi>";
    assert_eq!(
        message_of(body).as_deref(),
        Some("Call <a8343631> is protected & kept")
    );
    let mixed = "<VerbaApi><Response code=\"5\"><ErrorMessage>A &amp; <![CDATA[<B>]]> C</ErrorMessage></Response></VerbaApi>";
    assert_eq!(message_of(mixed).as_deref(), Some("A & <B> C"));
}

#[test]
fn predefined_entities_and_character_references_are_decoded() {
    let body = "<VerbaApi><Response code=\"5\" type=\"DeleteCall\"><ErrorMessage>&lt;call&gt; &amp; &quot;x&quot; &apos;y&apos; caf&#233; &#x20AC;5 &#128512;</ErrorMessage></Response></VerbaApi>";
    assert_eq!(
        message_of(body).as_deref(),
        Some("<call> & \"x\" 'y' café €5 😀")
    );
}

#[test]
fn entities_in_attributes_are_decoded() {
    let body = "<VerbaApi><Response code=\"&#50;\" type=\"Delete&#67;all\"/></VerbaApi>";
    assert_eq!(api_error(body).0, ErrorCode::CallNotFound);
    let ok = "<VerbaApi><Response code=\"&#x30;\" type=\"Delete&#x43;all\"/></VerbaApi>";
    assert_eq!(success(ok).code, 0);
}

#[test]
fn undeclared_entities_stay_as_written() {
    let body = "<VerbaApi><Response code=\"1\"><ErrorMessage>Bad &nbsp; value &foo;</ErrorMessage></Response></VerbaApi>";
    assert_eq!(message_of(body).as_deref(), Some("Bad &nbsp; value &foo;"));
}

#[test]
fn dtd_entity_declarations_are_never_expanded() {
    // An XXE attempt: the external entity must not be read, the internal one not substituted.
    let external = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<VerbaApi><Response code=\"1\" type=\"DeleteCall\"><ErrorMessage>leak: &e;</ErrorMessage></Response></VerbaApi>";
    let message = message_of(external).unwrap();
    assert_eq!(message, "leak: &e;");
    assert!(!message.contains("root:"), "{message}");

    let internal = "<!DOCTYPE VerbaApi [<!ENTITY code \"0\"><!ENTITY e \"EXPANDED\">]><VerbaApi><Response code=\"3\" type=\"DeleteCall\"><ErrorMessage>&e;</ErrorMessage></Response></VerbaApi>";
    assert_eq!(message_of(internal).as_deref(), Some("&e;"));
}

#[test]
fn billion_laughs_is_not_expanded() {
    let mut dtd = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for level in 1..=9 {
        let previous = if level == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", level - 1)
        };
        dtd.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">",
            format!("&{previous};").repeat(10)
        ));
    }
    dtd.push_str("]>");
    let body = format!(
        "{dtd}<VerbaApi><Response code=\"1\"><ErrorMessage>&lol9;</ErrorMessage></Response></VerbaApi>"
    );
    assert_eq!(message_of(&body).as_deref(), Some("&lol9;"));
}

#[test]
fn an_entity_cannot_forge_the_code() {
    let body = "<!DOCTYPE VerbaApi [<!ENTITY zero \"0\">]><VerbaApi><Response code=\"&zero;\" type=\"DeleteCall\"/></VerbaApi>";
    assert!(
        xml(body).is_err(),
        "an undeclared-by-XML entity never yields code 0"
    );
}

#[test]
fn namespace_prefixes_are_tolerated() {
    for body in [
        "<v:VerbaApi xmlns:v=\"urn:verba\"><v:Response code=\"0\" type=\"DeleteCall\"/></v:VerbaApi>",
        "<VerbaApi xmlns=\"urn:verba\"><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<v:VerbaApi xmlns:v=\"urn:verba\"><v:Response v:code=\"0\" v:type=\"DeleteCall\"/></v:VerbaApi>",
    ] {
        assert_eq!(success(body).code, 0, "{body}");
    }
    let error = "<v:VerbaApi xmlns:v=\"urn:verba\"><v:Response code=\"2\" type=\"DeleteCall\"><v:ErrorMessage>Gone.</v:ErrorMessage></v:Response></v:VerbaApi>";
    assert_eq!(message_of(error).as_deref(), Some("Gone."));
}

#[test]
fn names_are_case_sensitive() {
    // XML names are case-sensitive; a `verbaapi` root is not the vendor's envelope.
    parse_error("<verbaapi><response code=\"0\" type=\"DeleteCall\"/></verbaapi>");
    parse_error("<VerbaApi><response code=\"0\" type=\"DeleteCall\"/></VerbaApi>");
}

// ---------------------------------------------------------------------------------------------
// Strict where it matters

#[test]
fn no_verba_api_root_is_a_parse_error() {
    for body in [
        "<Response code=\"0\" type=\"DeleteCall\"/>",
        "<Root><Response code=\"0\" type=\"DeleteCall\"/></Root>",
        "<html><body><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi></body></html>",
        "<Other/><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ] {
        let reason = parse_error(body);
        assert!(reason.contains("VerbaApi"), "{reason}");
    }
}

#[test]
fn no_response_is_a_parse_error() {
    for body in [
        "<VerbaApi/>",
        "<VerbaApi></VerbaApi>",
        "<VerbaApi><CallID>a8343631</CallID></VerbaApi>",
        "<VerbaApi><Result code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Wrapper><Response code=\"0\" type=\"DeleteCall\"/></Wrapper></VerbaApi>",
        "<?xml version=\"1.0\"?>",
    ] {
        let reason = parse_error(body);
        assert!(reason.contains("Response"), "{body}: {reason}");
    }
}

#[test]
fn two_responses_are_a_parse_error() {
    for body in [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><Response code=\"2\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"/><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"></Response><Response code=\"0\" type=\"DeleteCall\"></Response></VerbaApi>",
    ] {
        let reason = parse_error(body);
        assert!(reason.contains("more than one"), "{reason}");
    }
}

#[test]
fn a_code_that_is_no_integer_is_a_parse_error() {
    for code in [
        "",
        " ",
        "abc",
        "0x0",
        "1.0",
        "0.5",
        "1e0",
        "0 1",
        "zero",
        "١",
        "99999999999999999999",
    ] {
        let body = format!("<VerbaApi><Response code=\"{code}\" type=\"DeleteCall\"/></VerbaApi>");
        let reason = parse_error(&body);
        assert!(reason.contains("code"), "{code:?}: {reason}");
    }
}

#[test]
fn a_missing_code_is_a_parse_error() {
    for body in [
        "<VerbaApi><Response type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response/></VerbaApi>",
        "<VerbaApi><Response><Code>0</Code></Response></VerbaApi>",
        "<VerbaApi><Response Code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ] {
        let reason = parse_error(body);
        assert!(reason.contains("code"), "{body}: {reason}");
    }
}

#[test]
fn malformed_response_attributes_are_a_parse_error() {
    for body in [
        "<VerbaApi><Response code=\"0\" code=\"2\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=0 type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0 type=\"DeleteCall\"/></VerbaApi>",
    ] {
        parse_error(body);
    }
}

#[test]
fn success_of_another_action_is_a_parse_error() {
    for kind in [
        "GetCallID",
        "RequestToken",
        "deletecall",
        "DELETECALL",
        "DeleteCalls",
    ] {
        let body = format!("<VerbaApi><Response code=\"0\" type=\"{kind}\"/></VerbaApi>");
        let reason = parse_error(&body);
        assert!(reason.contains(kind), "{reason}");
    }
}

#[test]
fn errors_of_another_action_keep_their_code() {
    let body = "<VerbaApi><Response code=\"4\" type=\"RequestToken\"><ErrorMessage>Token expired.</ErrorMessage></Response></VerbaApi>";
    assert_eq!(
        api_error(body),
        (
            ErrorCode::ApiError,
            Some(4),
            Some("Token expired.".to_owned())
        )
    );
}

// ---------------------------------------------------------------------------------------------
// HTTP status

#[test]
fn non_2xx_with_an_unparseable_body_is_an_http_error_with_an_excerpt() {
    let body = "<html><head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body></html>";
    for status in [400, 404, 500, 502, 503, 301, 100] {
        let error = parse_reply(body, ResponseType::Xml, status).expect_err("not a reply");
        assert_eq!(error.code(), ErrorCode::HttpError, "{status}");
        assert_eq!(error.http_status(), Some(status));
        assert_eq!(error.api_code(), None);
        match &error {
            VerbaError::Http { excerpt, .. } => {
                assert!(excerpt.contains("502 Bad Gateway"), "{excerpt}");
                assert!(
                    !excerpt.contains('\r') && !excerpt.contains('\n'),
                    "{excerpt:?}"
                );
            }
            other => panic!("{other:?}"),
        }
        assert!(
            error.message().contains(&status.to_string()),
            "{}",
            error.message()
        );
    }
}

#[test]
fn two_hundreds_with_an_unparseable_body_are_a_parse_error() {
    for status in [200, 201, 204, 299] {
        let error = parse_reply("<html/>", ResponseType::Xml, status).expect_err("not a reply");
        assert_eq!(error.code(), ErrorCode::Parse, "{status}");
        assert_eq!(error.http_status(), Some(status));
    }
}

#[test]
fn the_http_error_excerpt_is_short() {
    let body = format!("<html>{}</html>", "x".repeat(5000));
    let error = parse_reply(&body, ResponseType::Xml, 500).unwrap_err();
    match error {
        VerbaError::Http { excerpt, .. } => {
            assert!(excerpt.starts_with("<html>xxx"), "{excerpt}");
            assert!(excerpt.chars().count() <= 201, "{}", excerpt.len());
            assert!(excerpt.ends_with('…'), "marks the cut: {excerpt}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn non_2xx_with_a_parseable_body_the_body_code_wins() {
    let not_found = "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"><ErrorMessage>Gone.</ErrorMessage></Response></VerbaApi>";
    let error = parse_reply(not_found, ResponseType::Xml, 404).unwrap_err();
    assert_eq!(error.code(), ErrorCode::CallNotFound);
    assert_eq!(error.http_status(), Some(404));

    let auth = "<VerbaApi><Response code=\"4\" type=\"DeleteCall\"/></VerbaApi>";
    let error = parse_reply(auth, ResponseType::Xml, 401).unwrap_err();
    assert_eq!(error.code(), ErrorCode::ApiError);
    assert_eq!(error.api_code(), Some(4));
    assert_eq!(error.http_status(), Some(401));

    let ok = "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>";
    let outcome =
        parse_reply(ok, ResponseType::Xml, 500).expect("the body's code is authoritative");
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.http_status, 500);
}

#[test]
fn the_http_status_is_carried_into_the_outcome() {
    let ok = "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>";
    assert_eq!(
        parse_reply(ok, ResponseType::Xml, 202).unwrap().http_status,
        202
    );
}

#[test]
fn whitespace_before_the_declaration_is_tolerated() {
    for body in [
        "\n<?xml version=\"1.0\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "\u{feff}  \r\n<?xml version=\"1.0\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ] {
        let outcome = parse_reply(body, ResponseType::Xml, 200).expect("success");
        assert_eq!(outcome.code, 0);
    }
}
