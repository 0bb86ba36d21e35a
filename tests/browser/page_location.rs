//! A relative `baseUrl` resolves against the global's `location`: a page's, or a worker's. Node
//! has no `location`, so `tests/node/` leaves this module out.

use crate::support::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn a_relative_base_url_resolves_against_the_page() {
    let report = verba_api::js::validate_delete_call(options(&[
        ("baseUrl", "/recorder/".into()),
        ("apiKey", OPEN_KEY.into()),
        ("callID", call_id(0).into()),
    ]));
    // The page's origin; in a worker, the worker's (a WorkerLocation has `origin` too).
    let origin = text(&get(&js_sys::global(), "location"), "origin");
    assert_eq!(
        text(&get(&report, "normalized"), "baseUrl"),
        format!("{origin}/recorder/verba/api")
    );
    let issues = verba_api::js::validate_parameter("baseUrl".into(), "/recorder".into());
    assert_eq!(js_sys::Array::from(&issues).length(), 0);
}
