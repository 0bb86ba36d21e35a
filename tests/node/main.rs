//! The browser tests again, in Node (wasm-bindgen-test's default runner when no
//! `wasm_bindgen_test_configure!` is given): the modules of `tests/browser/` against the same
//! emulator, with Node's own fetch and AbortController. Left out: `page_location`, as Node has
//! no `location` to resolve a relative `baseUrl` against.
//!
//! Run by `make test-browser`, like `tests/browser/` (the same emulator set-up, see there).
#![cfg(target_arch = "wasm32")]

#[path = "../browser/abort_and_timeout.rs"]
mod abort_and_timeout;
#[path = "../browser/api_errors.rs"]
mod api_errors;
#[path = "../browser/batch.rs"]
mod batch;
#[path = "../browser/batch_faults.rs"]
mod batch_faults;
#[path = "../browser/body_read.rs"]
mod body_read;
#[path = "../browser/client.rs"]
mod client;
#[path = "../browser/delete_by_selector.rs"]
mod delete_by_selector;
#[path = "../browser/js_values.rs"]
mod js_values;
#[path = "../browser/redirects.rs"]
mod redirects;
#[path = "../browser/request_token.rs"]
mod request_token;
#[path = "../browser/support.rs"]
mod support;
#[path = "../browser/transport.rs"]
mod transport;

/// No configuration above means Node: `process.versions.node` is there, `window` is not.
#[wasm_bindgen_test::wasm_bindgen_test]
fn these_tests_run_in_node() {
    let global = js_sys::global();
    let versions = support::get(&support::get(&global, "process"), "versions");
    assert!(
        support::text(&versions, "node").starts_with(|c: char| c.is_ascii_digit()),
        "process.versions.node"
    );
    assert!(support::get(&global, "window").is_undefined());
}
