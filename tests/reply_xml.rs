//! XML replies: every layout spec section 4 lists, tolerant of layout, strict where it matters,
//! and never expanding a DTD.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{api_error, api_errors, api_parts, excerpt_of, failure, parse_reason, reply, success};
use verba_api::ResponseType::Xml;
use verba_api::{ResponseType, VerbaErrorCode};

/// The server's message in an XML error reply received with HTTP 200.
#[track_caller]
fn message_of(body: &str) -> Option<String> {
    api_error(body, Xml, 200).2
}

/// `successes! { test: [body, ...]; }`: one test whose bodies are each a success, code 0
/// (XML, HTTP 200).
macro_rules! successes {
    ($($(#[$doc:meta])* $test:ident: [$($body:expr),+ $(,)?];)+) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            for body in [$($body),+] {
                assert_eq!(success(body, Xml, 200).code, 0, "{body}");
            }
        }
    )+};
}

/// `messages! { test: body => server message, ...; }`: one test whose error bodies each carry
/// the message given (XML, HTTP 200).
macro_rules! messages {
    ($($(#[$doc:meta])* $test:ident: $($body:expr => $message:expr),+;)+) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            $(assert_eq!(message_of($body).as_deref(), $message, "{}", $body);)+
        }
    )+};
}

/// `parse_errors! { test mentioning [word, ...]: [body, ...]; }`: one test whose bodies are each
/// a PARSE error (XML, HTTP 200) whose reason contains every word given.
macro_rules! parse_errors {
    ($(
        $(#[$doc:meta])*
        $test:ident $(mentioning [$($word:literal),+])?: [$($body:expr),+ $(,)?];
    )+) => {$(
        $(#[$doc])*
        #[test]
        fn $test() {
            let words: &[&str] = &[$($($word),+)?];
            for body in [$($body),+] {
                let reason = parse_reason(body, Xml, 200);
                for word in words {
                    assert!(reason.contains(word), "{body}: {reason}");
                }
            }
        }
    )+};
}

#[test]
fn a_result_names_the_action_delete_call() {
    let outcome = success(
        r#"<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>"#,
        Xml,
        200,
    );
    assert_eq!((outcome.ok, outcome.action), (true, "DeleteCall"));
}

// ---------------------------------------------------------------------------------------------
// The documented samples

#[test]
fn documented_success_sample_with_delete_call_type() {
    let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"DeleteCall\"/>\n  <CallID>a8343631-9f35-4a3a-83f0-9e81592339fb</CallID>\n</VerbaApi>\n";
    let outcome = success(body, Xml, 200);
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.message, None);
    assert_eq!(outcome.response_type, ResponseType::Xml);
    assert_eq!(outcome.http_status, 200);
    assert_eq!(outcome.raw, None, "raw is for TEXT and HTML only");
}

parse_errors! {
    documented_success_sample_of_another_action_is_not_a_delete mentioning ["GetCallID", "DeleteCall"]: [
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"GetCallID\"/>\n  <CallID>a8343631-9f35-4a3a-83f0-9e81592339fb</CallID>\n</VerbaApi>\n",
    ];
}

#[test]
fn documented_error_sample_code_2_is_call_not_found_whatever_the_type() {
    let sample = |kind: &str| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"2\" type=\"{kind}\">\n    <ErrorMessage>Unable to retrieve the call identifier, because the call cannot be found.</ErrorMessage>\n  </Response>\n</VerbaApi>\n"
        )
    };
    for kind in ["GetCallID", "DeleteCall"] {
        let error = failure(&sample(kind), Xml, 200);
        assert_eq!(error.code(), VerbaErrorCode::CallNotFound, "{kind}");
        assert_eq!(error.api_code(), Some(2));
        assert_eq!(error.http_status(), Some(200));
        assert_eq!(
            api_parts(&error),
            Some((
                VerbaErrorCode::CallNotFound,
                Some(2),
                Some(
                    "Unable to retrieve the call identifier, because the call cannot be found."
                        .to_owned()
                )
            ))
        );
    }
}

#[test]
fn other_codes_are_api_errors_with_code_and_message() {
    for (code, text) in [
        (1, "Invalid request: missing parameter."),
        (3, "More than one call matched."),
        (5, "The call is protected from deletion."),
        (-1, "Unexpected failure."),
        (42, "Something new."),
    ] {
        let body = format!(
            "<VerbaApi><Response code=\"{code}\" type=\"DeleteCall\"><ErrorMessage>{text}</ErrorMessage></Response></VerbaApi>"
        );
        let (kind, api_code, message) = api_error(&body, Xml, 200);
        assert_eq!(kind, VerbaErrorCode::ApiError, "{code}");
        assert_eq!(api_code, Some(code));
        assert_eq!(message.as_deref(), Some(text));
    }
}

messages! {
    error_message_with_description_attribute_older_revision:
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"2\" type=\"DeleteCall\">\n    <ErrorMessage description=\"Error\">The call cannot be found.</ErrorMessage>\n  </Response>\n</VerbaApi>"
            => Some("The call cannot be found.");
}

#[test]
fn broken_closing_root_tag_from_the_vendor_sample() {
    // One vendor sample closes the root with `<VerbaApi>` instead of `</VerbaApi>`.
    let ok = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"0\" type=\"DeleteCall\"/>\n  <CallID>a8343631-9f35-4a3a-83f0-9e81592339fb</CallID>\n<VerbaApi>";
    assert_eq!(success(ok, Xml, 200).code, 0);
    let not_found = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<VerbaApi>\n  <Response code=\"2\" type=\"DeleteCall\">\n    <ErrorMessage>Not found.</ErrorMessage>\n  </Response>\n<VerbaApi>";
    assert_eq!(
        api_error(not_found, Xml, 200),
        (
            VerbaErrorCode::CallNotFound,
            Some(2),
            Some("Not found.".to_owned())
        )
    );
    // Only the broken tag itself is tolerated: other damage after the Response, or no end at
    // all, is a parse error (tests/reply_xml_documents.rs).
    for damaged in [
        "<VerbaApi><Response code=\"5\" type=\"DeleteCall\"/><ErrorMessage>Protected.</ErrorMessage></VerbaAPI>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><VerbaApi>trailing",
    ] {
        assert_eq!(
            failure(damaged, Xml, 200).code(),
            VerbaErrorCode::Parse,
            "{damaged}"
        );
    }
}

parse_errors! {
    damage_before_the_response_is_complete_is_a_parse_error: [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"><VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\">",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall",
        "<VerbaApi><Response code=\"0",
        "<VerbaApi>",
        "<VerbaApi><",
    ];
}

// ---------------------------------------------------------------------------------------------
// Tolerated layouts

successes! {
    response_self_closing_or_not: [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\" /></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"></Response></VerbaApi>",
        "<VerbaApi><Response code='0' type='DeleteCall'></Response></VerbaApi>",
        "<VerbaApi><Response type=\"DeleteCall\" code=\"0\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"\"/></VerbaApi>",
        "<VerbaApi><Response code=\" 0 \" type=\" DeleteCall \"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\" extra=\"ignored\"/></VerbaApi>",
    ];
    leading_whitespace_and_trailing_comments_after_the_root: [
        "\n\n  <VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>\n\n<!-- served by IIS -->\n",
    ];
    missing_or_different_declaration: [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<?xml version=\"1.0\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<?xml version=\"1.1\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ];
    whitespace_before_the_declaration_is_tolerated: [
        "\n<?xml version=\"1.0\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "\u{feff}  \r\n<?xml version=\"1.0\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ];
    namespace_prefixes_are_tolerated: [
        "<v:VerbaApi xmlns:v=\"urn:verba\"><v:Response code=\"0\" type=\"DeleteCall\"/></v:VerbaApi>",
        "<VerbaApi xmlns=\"urn:verba\"><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<v:VerbaApi xmlns:v=\"urn:verba\"><v:Response v:code=\"0\" v:type=\"DeleteCall\"/></v:VerbaApi>",
    ];
}

api_errors! {
    error_message_inside_or_beside_the_response:
        Xml("<VerbaApi><Response code=\"5\" type=\"DeleteCall\"><ErrorMessage>Protected.</ErrorMessage></Response></VerbaApi>")
            => (ApiError, 5, Some("Protected.")),
        Xml("<VerbaApi><Response code=\"5\" type=\"DeleteCall\"/><ErrorMessage>Protected.</ErrorMessage></VerbaApi>")
            => (ApiError, 5, Some("Protected."));
    comments_and_processing_instructions_are_skipped:
        Xml("<?xml version=\"1.0\"?><!-- header --><?xml-stylesheet href=\"a.xsl\"?><VerbaApi><!-- c --><Response code=\"4\" type=\"DeleteCall\"><ErrorMessage>Auth<!-- hidden -->entication failed.</ErrorMessage></Response></VerbaApi>")
            => (AuthFailed, 4, Some("Authentication failed."));
}

#[test]
fn payload_inside_or_beside_the_response_is_ignored() {
    for body in [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"><CallID>a8343631-9f35-4a3a-83f0-9e81592339fb</CallID><Deleted>true</Deleted></Response></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><CallID>a8343631</CallID><StatusValue><Marked/></StatusValue></VerbaApi>",
        "<VerbaApi><Info/><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ] {
        let outcome = success(body, Xml, 200);
        assert_eq!(outcome.message, None, "{body}");
    }
}

#[test]
fn a_message_with_a_success_is_kept() {
    let body = "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"><ErrorMessage>Call marked for deletion.</ErrorMessage></Response></VerbaApi>";
    assert_eq!(
        success(body, Xml, 200).message.as_deref(),
        Some("Call marked for deletion.")
    );
}

messages! {
    an_empty_error_message_is_no_message:
        "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"><ErrorMessage/></Response></VerbaApi>" => None,
        "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"><ErrorMessage>  \r\n </ErrorMessage></Response></VerbaApi>" => None,
        "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"/></VerbaApi>" => None;
    only_the_first_error_message_in_place_counts:
        "<VerbaApi><ErrorMessage>before</ErrorMessage><Response code=\"3\" type=\"DeleteCall\"><Detail><ErrorMessage>nested</ErrorMessage></Detail><ErrorMessage>first</ErrorMessage><ErrorMessage>second</ErrorMessage></Response></VerbaApi>"
            => Some("first");
    crlf_tabs_and_indentation:
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<VerbaApi>\r\n\t<Response\r\n\t\tcode=\"2\"\r\n\t\ttype=\"DeleteCall\">\r\n\t\t<ErrorMessage>\r\n\t\t\tThe call cannot be found.\r\n\t\t</ErrorMessage>\r\n\t</Response>\r\n</VerbaApi>\r\n"
            => Some("The call cannot be found.");
    cdata_in_the_error_message:
        "<VerbaApi><Response code=\"5\" type=\"DeleteCall\"><ErrorMessage><![CDATA[Call <a8343631> is protected & kept]]></ErrorMessage></Response></VerbaApi>"
            => Some("Call <a8343631> is protected & kept"),
        "<VerbaApi><Response code=\"5\"><ErrorMessage>A &amp; <![CDATA[<B>]]> C</ErrorMessage></Response></VerbaApi>"
            => Some("A & <B> C");
    predefined_entities_and_character_references_are_decoded:
        "<VerbaApi><Response code=\"5\" type=\"DeleteCall\"><ErrorMessage>&lt;call&gt; &amp; &quot;x&quot; &apos;y&apos; caf&#233; &#x20AC;5 &#128512;</ErrorMessage></Response></VerbaApi>"
            => Some("<call> & \"x\" 'y' café €5 😀");
    undeclared_entities_stay_as_written:
        "<VerbaApi><Response code=\"1\"><ErrorMessage>Bad &nbsp; value &foo;</ErrorMessage></Response></VerbaApi>"
            => Some("Bad &nbsp; value &foo;");
    namespace_prefixes_are_tolerated_in_errors:
        "<v:VerbaApi xmlns:v=\"urn:verba\"><v:Response code=\"2\" type=\"DeleteCall\"><v:ErrorMessage>Gone.</v:ErrorMessage></v:Response></v:VerbaApi>"
            => Some("Gone.");
}

#[test]
fn a_multi_line_message_keeps_its_lines_without_carriage_returns() {
    let body = "<VerbaApi><Response code=\"2\"><ErrorMessage>line one\r\nline two</ErrorMessage></Response></VerbaApi>";
    let message = message_of(body).unwrap();
    assert!(message.starts_with("line one"), "{message:?}");
    assert!(message.ends_with("line two"), "{message:?}");
    assert!(
        !message.contains('\r'),
        "XML end-of-line handling: {message:?}"
    );
}

#[test]
fn utf8_bom() {
    let body = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>";
    assert_eq!(success(body, Xml, 200).code, 0);
    let no_declaration = "\u{feff}<VerbaApi><Response code=\"2\"/></VerbaApi>";
    assert_eq!(
        api_error(no_declaration, Xml, 200).0,
        VerbaErrorCode::CallNotFound
    );
}

#[test]
fn entities_in_attributes_are_decoded() {
    let body = "<VerbaApi><Response code=\"&#50;\" type=\"Delete&#67;all\"/></VerbaApi>";
    assert_eq!(api_error(body, Xml, 200).0, VerbaErrorCode::CallNotFound);
    let ok = "<VerbaApi><Response code=\"&#x30;\" type=\"Delete&#x43;all\"/></VerbaApi>";
    assert_eq!(success(ok, Xml, 200).code, 0);
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
        reply(body, Xml, 200).is_err(),
        "an undeclared-by-XML entity never yields code 0"
    );
}

parse_errors! {
    /// XML names are case-sensitive; a `verbaapi` root is not the vendor's envelope.
    names_are_case_sensitive: [
        "<verbaapi><response code=\"0\" type=\"DeleteCall\"/></verbaapi>",
        "<VerbaApi><response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ];
}

// ---------------------------------------------------------------------------------------------
// Strict where it matters

parse_errors! {
    no_verba_api_root_is_a_parse_error mentioning ["VerbaApi"]: [
        "<Response code=\"0\" type=\"DeleteCall\"/>",
        "<Root><Response code=\"0\" type=\"DeleteCall\"/></Root>",
        "<html><body><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi></body></html>",
        "<Other/><VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ];
    no_response_is_a_parse_error mentioning ["Response"]: [
        "<VerbaApi/>",
        "<VerbaApi></VerbaApi>",
        "<VerbaApi><CallID>a8343631</CallID></VerbaApi>",
        "<VerbaApi><Result code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Wrapper><Response code=\"0\" type=\"DeleteCall\"/></Wrapper></VerbaApi>",
        "<?xml version=\"1.0\"?>",
    ];
    two_responses_are_a_parse_error mentioning ["more than one"]: [
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/><Response code=\"2\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"/><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"></Response><Response code=\"0\" type=\"DeleteCall\"></Response></VerbaApi>",
    ];
    a_missing_code_is_a_parse_error mentioning ["code"]: [
        "<VerbaApi><Response type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response/></VerbaApi>",
        "<VerbaApi><Response><Code>0</Code></Response></VerbaApi>",
        "<VerbaApi><Response Code=\"0\" type=\"DeleteCall\"/></VerbaApi>",
    ];
    malformed_response_attributes_are_a_parse_error: [
        "<VerbaApi><Response code=\"0\" code=\"2\" type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=0 type=\"DeleteCall\"/></VerbaApi>",
        "<VerbaApi><Response code=\"0 type=\"DeleteCall\"/></VerbaApi>",
    ];
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
        let reason = parse_reason(&body, Xml, 200);
        assert!(reason.contains("code"), "{code:?}: {reason}");
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
        let reason = parse_reason(&body, Xml, 200);
        assert!(reason.contains(kind), "{reason}");
    }
}

api_errors! {
    errors_of_another_action_keep_their_code:
        Xml("<VerbaApi><Response code=\"4\" type=\"RequestToken\"><ErrorMessage>Token expired.</ErrorMessage></Response></VerbaApi>")
            => (AuthFailed, 4, Some("Token expired."));
}

// ---------------------------------------------------------------------------------------------
// HTTP status

#[test]
fn non_2xx_with_an_unparseable_body_is_an_http_error_with_an_excerpt() {
    let body = "<html><head><title>502 Bad Gateway</title></head>\r\n<body>nginx</body></html>";
    for status in [400, 404, 500, 502, 503, 301, 100] {
        let error = failure(body, Xml, status);
        assert_eq!(error.code(), VerbaErrorCode::HttpError, "{status}");
        assert_eq!(error.http_status(), Some(status));
        assert_eq!(error.api_code(), None);
        assert!(
            error.to_string().contains(&status.to_string()),
            "{}",
            error.to_string()
        );
        let excerpt = excerpt_of(error);
        assert!(excerpt.contains("502 Bad Gateway"), "{excerpt}");
        assert!(
            !excerpt.contains('\r') && !excerpt.contains('\n'),
            "{excerpt:?}"
        );
    }
}

#[test]
fn two_hundreds_with_an_unparseable_body_are_a_parse_error() {
    for status in [200, 201, 204, 299] {
        let error = failure("<html/>", Xml, status);
        assert_eq!(error.code(), VerbaErrorCode::Parse, "{status}");
        assert_eq!(error.http_status(), Some(status));
    }
}

#[test]
fn the_http_error_excerpt_is_short() {
    let body = format!("<html>{}</html>", "x".repeat(5000));
    let excerpt = excerpt_of(failure(&body, Xml, 500));
    assert!(excerpt.starts_with("<html>xxx"), "{excerpt}");
    assert!(excerpt.chars().count() <= 201, "{}", excerpt.len());
    assert!(excerpt.ends_with('…'), "marks the cut: {excerpt}");
}

#[test]
fn non_2xx_with_a_parseable_body_the_body_code_wins() {
    let not_found = "<VerbaApi><Response code=\"2\" type=\"DeleteCall\"><ErrorMessage>Gone.</ErrorMessage></Response></VerbaApi>";
    let error = failure(not_found, Xml, 404);
    assert_eq!(error.code(), VerbaErrorCode::CallNotFound);
    assert_eq!(error.http_status(), Some(404));

    let auth = "<VerbaApi><Response code=\"4\" type=\"DeleteCall\"/></VerbaApi>";
    let error = failure(auth, Xml, 401);
    assert_eq!(error.code(), VerbaErrorCode::AuthFailed);
    assert_eq!(error.api_code(), Some(4));
    assert_eq!(error.http_status(), Some(401));

    // The body's code is authoritative.
    let ok = "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>";
    let outcome = success(ok, Xml, 500);
    assert_eq!(outcome.code, 0);
    assert_eq!(outcome.http_status, 500);
}

#[test]
fn the_http_status_is_carried_into_the_outcome() {
    let ok = "<VerbaApi><Response code=\"0\" type=\"DeleteCall\"/></VerbaApi>";
    assert_eq!(success(ok, Xml, 202).http_status, 202);
}

#[test]
fn verba_data_is_accepted_as_the_root_and_minus_50_is_call_not_found() {
    let outcome = success(
        r#"<VerbaData><Response code="0" type="DeleteCall"/></VerbaData>"#,
        Xml,
        200,
    );
    assert_eq!(outcome.code, 0);
    let error = failure(
        r#"<VerbaData><Response code="-50" type="DeleteCall"><ErrorMessage>No such call.</ErrorMessage></Response></VerbaData>"#,
        Xml,
        200,
    );
    assert_eq!(
        api_parts(&error),
        Some((
            VerbaErrorCode::CallNotFound,
            Some(-50),
            Some("No such call.".to_owned())
        ))
    );
    let other = failure(r#"<Verba><Response code="0"/></Verba>"#, Xml, 200);
    assert_eq!(other.code(), VerbaErrorCode::Parse);
}
