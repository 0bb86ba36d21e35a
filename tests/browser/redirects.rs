//! Redirects are never followed: a 307/308 would re-send the form body, key and token included,
//! to the origin the Location names, and another origin's reply must never count as a deletion.

use crate::support::*;

use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn no_redirect_is_followed_and_nothing_reaches_the_third_origin() {
    for status in [301, 302, 303, 307, 308] {
        for method in ["POST", "GET"] {
            let (before, _) = hostile_counts().await;
            let options = options(&[
                ("baseUrl", format!("{}/redirect-{status}", hostile()).into()),
                ("apiKey", KEY.into()),
                ("token", TOKEN.into()),
                ("callID", call_id(0).into()),
                ("method", method.into()),
            ]);
            let error = rejection(options).await;
            assert_verba_error(&error, "HTTP_ERROR");
            let message = text(&error, "message");
            assert!(
                message.contains("redirected"),
                "{status} {method}: {message}"
            );
            assert!(message.contains("baseUrl"), "{message}");
            let http_status = get(&error, "httpStatus");
            assert!(
                http_status.is_undefined() || http_status.as_f64() == Some(f64::from(status)),
                "a browser hides the status, Node shows it: {http_status:?}"
            );
            let (after, third) = hostile_counts().await;
            assert_eq!(
                after,
                before + 1.0,
                "{status} {method}: the recorder was asked once"
            );
            assert_eq!(
                third, 0.0,
                "{status} {method}: nothing reached the third origin"
            );
        }
    }
    // The module keeps working against a polite recorder.
    reset(&fixture(1, &[], 0)).await;
    verba_api::js::delete_call(delete_call_0(&[]))
        .await
        .expect("deleted");
    assert!(calls().await.is_empty());
}
