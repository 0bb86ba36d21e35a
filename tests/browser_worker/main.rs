//! The browser tests again, in a dedicated worker: the very modules of `tests/browser/`, run by
//! wasm-bindgen-test-runner in a module worker (`new Worker(url, { type: "module" })`) that
//! headless Chromium starts from its test page. No `window` or `document` there: fetch,
//! AbortController and `location` are the worker's own.
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
#[path = "../browser/page_location.rs"]
mod page_location;
#[path = "../browser/redirects.rs"]
mod redirects;
#[path = "../browser/request_token.rs"]
mod request_token;
#[path = "../browser/support.rs"]
mod support;
#[path = "../browser/transport.rs"]
mod transport;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// The configuration above took effect: a dedicated worker, and a module one.
#[wasm_bindgen_test::wasm_bindgen_test]
fn these_tests_run_in_a_dedicated_module_worker() {
    use wasm_bindgen::JsCast;
    let global = js_sys::global();
    assert_eq!(
        support::text(&support::get(&global, "constructor"), "name"),
        "DedicatedWorkerGlobalScope"
    );
    assert!(support::get(&global, "window").is_undefined());
    // importScripts() with no URL does nothing in a classic worker; a module worker throws.
    let import_scripts: js_sys::Function = support::get(&global, "importScripts")
        .dyn_into()
        .expect("importScripts");
    assert!(
        import_scripts.call0(&global).is_err(),
        "a module worker refuses importScripts"
    );
}
