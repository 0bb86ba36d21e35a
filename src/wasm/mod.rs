//! Browser layer.
pub(crate) mod json;
