//! `parse_delete_call_response` on any JSON body and HTTP status: see common/mod.rs.
#![no_main]

mod common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    common::check_delete_call_reply(data, verba_api::ResponseType::Json);
});
