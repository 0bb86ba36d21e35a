//! AUTH_FAILED: API code 4 (the emulator) and -40…-43 (codes from the field, spec §4) are
//! authentication failures in every response type, for DeleteCall as for RequestToken; nothing
//! was done, so `mayHaveDeleted` is false.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

mod common;

use common::{api_errors, failure};
use verba_api::{ResponseType::*, VerbaErrorCode};

api_errors! {
    xml_auth_codes:
        Xml(r#"<VerbaApi><Response code="4" type="DeleteCall"><ErrorMessage>Authentication failed.</ErrorMessage></Response></VerbaApi>"#)
            => (AuthFailed, 4, Some("Authentication failed.")),
        Xml(r#"<VerbaApi><Response code="-40" type="DeleteCall"/></VerbaApi>"#) => (AuthFailed, -40, None),
        Xml(r#"<VerbaData><Response code="-41"/><ErrorMessage>Invalid API key.</ErrorMessage></VerbaData>"#)
            => (AuthFailed, -41, Some("Invalid API key.")),
        Xml(r#"<VerbaApi><Response code="-42" type="DeleteCall"/></VerbaApi>"#) => (AuthFailed, -42, None),
        Xml(r#"<VerbaApi><Response code="-43" type="DeleteCall"/></VerbaApi>"#) => (AuthFailed, -43, None);
    json_auth_codes:
        Json(r#"{"VerbaApi":{"Response":{"code":4,"type":"DeleteCall","ErrorMessage":"Unknown token."}}}"#)
            => (AuthFailed, 4, Some("Unknown token.")),
        Json(r#"{"Response":{"@code":"-40"}}"#) => (AuthFailed, -40, None),
        Json(r#"{"Response":{"code":-41}}"#) => (AuthFailed, -41, None),
        Json(r#"{"Response":{"code":-42}}"#) => (AuthFailed, -42, None),
        Json(r#"{"Response":{"code":-43}}"#) => (AuthFailed, -43, None);
    text_auth_codes:
        Text("ERROR 4: Authentication failed.") => (AuthFailed, 4, Some("Authentication failed.")),
        Text("error -40: Invalid credentials.") => (AuthFailed, -40, Some("Invalid credentials.")),
        Text("ERROR -41") => (AuthFailed, -41, None),
        Text("ERROR\t-42: Login required.") => (AuthFailed, -42, Some("Login required.")),
        Text("ERROR -43: Token expired.") => (AuthFailed, -43, Some("Token expired."));
    neighbours_stay_api_errors:
        Text("ERROR 3: More than one call matched.") => (ApiError, 3, Some("More than one call matched.")),
        Text("ERROR -39: x") => (ApiError, -39, Some("x")),
        Text("ERROR -44: x") => (ApiError, -44, Some("x")),
        Text("ERROR 40: x") => (ApiError, 40, Some("x")),
        Text("ERROR 5: Protected.") => (ApiError, 5, Some("Protected."));
}

#[test]
fn nothing_was_done_and_the_message_says_what_to_check() {
    let error = failure("ERROR 4: Token expired.", Text, 401);
    assert_eq!(error.code(), VerbaErrorCode::AuthFailed);
    assert_eq!(error.code().as_str(), "AUTH_FAILED");
    assert!(!error.may_have_deleted());
    assert_eq!(error.http_status(), Some(401));
    assert_eq!(
        error.to_string(),
        "The recorder refused the credentials (API code 4): Token expired. Check apiKey, and \
         the token (it lasts one hour) or userName and password; nothing was done."
    );
    let bare = failure(r#"<VerbaApi><Response code="-43"/></VerbaApi>"#, Xml, 200).to_string();
    assert!(
        bare.starts_with("The recorder refused the credentials (API code -43). Check apiKey"),
        "{bare}"
    );
}
