//! The browser layer, compiled only for `wasm32`: the JavaScript exports (`exports`), reading
//! the caller's values (`input`, serde-wasm-bindgen and js-sys), building JavaScript values from
//! the core's `Serialize` types (`output`), and sending the request with gloo-net under an abort
//! guard (`transport`); `createClient`'s client, which keeps a session token (`client`);
//! `deleteCalls`, many deletions each accounted for (`batch`). The only JavaScript is the `VerbaError` class (`verba-error.js`).

mod batch;
mod client;
pub mod exports;
pub(crate) mod input;
mod output;
mod transport;
mod typescript;
