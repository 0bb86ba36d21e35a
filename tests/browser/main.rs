//! Browser tests: the wasm module in headless Chromium, talking real HTTP to the emulator.
//!
//! Run by `make test-browser`, which starts an emulator on a free port and passes its URL in
//! `VERBA_EMULATOR_URL` (read at compile time), and a closed port's URL in `VERBA_CLOSED_URL`.
//!
//! `tests/browser_worker/` runs these same modules in a dedicated worker, and `tests/node/` all
//! but `page_location` in Node: tests and helpers use only what a worker and Node have too
//! (`js_sys::global()`, fetch, AbortController; never `window` or `document`).
#![cfg(target_arch = "wasm32")]

mod abort_and_timeout;
mod api_errors;
mod batch;
mod batch_faults;
mod body_read;
mod client;
mod delete_by_selector;
mod js_values;
mod page_location;
mod redirects;
mod request_token;
mod support;
mod transport;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
