//! Reading a request body with a size limit.
//!
//! A body over the limit is not kept, but it is still read and discarded up to [`DRAIN_LIMIT`]
//! bytes: if the server answered and closed the connection while the client was still sending,
//! the client's TCP stack could receive a reset and lose the answer. Draining lets the client
//! read the clear "too large" reply; beyond the drain limit the connection is given up.

use std::pin::Pin;

use axum::body::{Body, HttpBody};

/// Bytes of an oversized body read and thrown away before giving up on the connection.
pub const DRAIN_LIMIT: usize = 16 * 1024 * 1024;

/// Why a body could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    /// Longer than the limit.
    TooLarge,
    /// The connection broke or the body was malformed.
    Broken,
}

/// Reads the whole body if it has at most `limit` bytes.
pub async fn read_limited(mut body: Body, limit: usize) -> Result<Vec<u8>, BodyError> {
    // A declared length over the limit needs no reading to be refused, but is drained anyway.
    let declared_too_large = body.size_hint().lower() > limit as u64;
    let mut data = Vec::new();
    let mut total: usize = 0;
    loop {
        let frame = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await;
        match frame {
            None => break,
            Some(Err(_)) => return Err(BodyError::Broken),
            Some(Ok(frame)) => {
                if let Ok(chunk) = frame.into_data() {
                    total = total.saturating_add(chunk.len());
                    if total > DRAIN_LIMIT {
                        return Err(BodyError::TooLarge);
                    }
                    if total <= limit && !declared_too_large {
                        data.extend_from_slice(&chunk);
                    }
                }
            }
        }
    }
    if declared_too_large || total > limit {
        Err(BodyError::TooLarge)
    } else {
        Ok(data)
    }
}
