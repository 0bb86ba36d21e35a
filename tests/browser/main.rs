//! Browser tests: the wasm module in headless Chromium, talking real HTTP to the emulator.
//!
//! Run by `make test-browser`, which starts an emulator on a free port and passes its URL in
//! `VERBA_EMULATOR_URL` (read at compile time), and a closed port's URL in `VERBA_CLOSED_URL`.
#![cfg(target_arch = "wasm32")]

mod abort_and_timeout;
mod api_errors;
mod delete_by_selector;
mod support;
mod transport;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
