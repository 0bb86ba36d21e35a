//! `deleteCalls` (issue 11, spec §7): the batch's options checked, each item's outcome named,
//! which failures may be sent again and how long to wait first, and the report's counts. The
//! browser layer runs the pool of requests.
//!
//! ```
//! use verba_api::{BatchCounts, Outcome, VerbaError, backoff_ms, outcome_of, retryable};
//!
//! let timeout = VerbaError::Timeout { timeout_ms: 30_000 };
//! assert!(retryable(&timeout));
//! assert_eq!(outcome_of(&timeout), Outcome::Failed);
//! // The second retry waits 250 ms · 2 = 500 ms, jittered down to no less than half of it.
//! assert_eq!(backoff_ms(2, 0.0, None), 250.0);
//! assert_eq!(backoff_ms(2, 0.999_999, None).round(), 500.0);
//! // A Retry-After of 3 s is waited for as such.
//! assert_eq!(backoff_ms(1, 0.5, Some(3_000.0)), 3_000.0);
//!
//! let mut counts = BatchCounts::default();
//! counts.add(Outcome::Deleted);
//! assert_eq!((counts.deleted, counts.total()), (1, 1));
//! ```

use crate::error::VerbaError;
use crate::field::Field;
use crate::issue::{IssueCode, ValidationIssue};
use crate::options::{OptionValue, is_whole};
use serde::Serialize;

/// Deletions under way at once when `concurrency` is not given.
pub const DEFAULT_CONCURRENCY: u32 = 4;
/// The most deletions under way at once: a recorder is one server, not a fleet.
pub const MAX_CONCURRENCY: u32 = 32;
/// Retries per item when `retries` is not given.
pub const DEFAULT_RETRIES: u32 = 2;
/// The most retries per item.
pub const MAX_RETRIES: u32 = 10;
/// The first retry's wait, before jitter; each further retry doubles it.
pub const BACKOFF_BASE_MS: f64 = 250.0;
/// The longest wait computed by backoff.
pub const BACKOFF_CAP_MS: f64 = 8_000.0;
/// The longest wait a `Retry-After` can ask for: a recorder asking for more is waited for this
/// long, then tried again (or the item fails once its retries are spent).
pub const RETRY_AFTER_CAP_MS: f64 = 30_000.0;

/// What became of one item of a batch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The recorder deleted the call (or marked it for deletion): API code 0.
    Deleted,
    /// The recorder found no such call (`CALL_NOT_FOUND`): it is not there, either way.
    NotFound,
    /// The recorder answered and did not delete (any other API answer, `AUTH_FAILED` included).
    Refused,
    /// The item is not a valid selector: never sent.
    Invalid,
    /// No readable answer after the allowed attempts; see the error's `mayHaveDeleted`.
    Failed,
    /// Never sent: the batch was cancelled or stopped first.
    NotAttempted,
}

impl Outcome {
    /// The outcome as JavaScript spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Deleted => "deleted",
            Outcome::NotFound => "notFound",
            Outcome::Refused => "refused",
            Outcome::Invalid => "invalid",
            Outcome::Failed => "failed",
            Outcome::NotAttempted => "notAttempted",
        }
    }
}

serialize_as_str!(Outcome);

/// How many items ended each way: the JavaScript `BatchCounts`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchCounts {
    /// Items deleted.
    pub deleted: u32,
    /// Items not found.
    pub not_found: u32,
    /// Items refused.
    pub refused: u32,
    /// Items invalid.
    pub invalid: u32,
    /// Items failed.
    pub failed: u32,
    /// Items never sent.
    pub not_attempted: u32,
}

impl BatchCounts {
    /// Counts one more item that ended as `outcome`.
    pub fn add(&mut self, outcome: Outcome) {
        let count = match outcome {
            Outcome::Deleted => &mut self.deleted,
            Outcome::NotFound => &mut self.not_found,
            Outcome::Refused => &mut self.refused,
            Outcome::Invalid => &mut self.invalid,
            Outcome::Failed => &mut self.failed,
            Outcome::NotAttempted => &mut self.not_attempted,
        };
        *count += 1;
    }

    /// Every item counted.
    pub fn total(&self) -> u32 {
        self.deleted
            + self.not_found
            + self.refused
            + self.invalid
            + self.failed
            + self.not_attempted
    }
}

/// What `onProgress` is given after each settled item: the JavaScript `BatchProgress`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct BatchProgress {
    /// Items settled so far.
    pub done: u32,
    /// Items in the batch.
    pub total: u32,
    /// The settled items' outcomes.
    pub counts: BatchCounts,
}

/// A batch's own options, checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BatchSettings {
    /// Deletions under way at once, 1 to [`MAX_CONCURRENCY`].
    pub concurrency: u32,
    /// Retries per item, 0 to [`MAX_RETRIES`].
    pub retries: u32,
}

/// A whole number option in `min..=max`, or `default` when not given.
fn count_in(
    field: Field,
    raw: &OptionValue,
    min: u32,
    max: u32,
    default: u32,
) -> Result<u32, ValidationIssue> {
    let range = || -> String {
        let mut text = String::new();
        crate::error::push_number(&mut text, i64::from(min));
        text.push_str(" to ");
        crate::error::push_number(&mut text, i64::from(max));
        text
    };
    match raw {
        OptionValue::Absent | OptionValue::Null => Ok(default),
        OptionValue::Number(number)
            if is_whole(*number) && (f64::from(min)..=f64::from(max)).contains(number) =>
        {
            Ok(*number as u32)
        }
        OptionValue::Number(_) => Err(ValidationIssue::new(
            field,
            IssueCode::InvalidValue,
            &[field.name(), " must be a whole number from ", &range(), "."],
        )),
        other => Err(ValidationIssue::new(
            field,
            IssueCode::InvalidType,
            &[
                field.name(),
                " must be a number from ",
                &range(),
                ", not ",
                other.type_name(),
                ".",
            ],
        )),
    }
}

/// Why a batch refuses `responseType: "HTML"`: an HTML reply carries no API code, so its
/// outcome would follow the HTTP status alone, and a recorder's "call not found" page (HTTP
/// 200) would be counted `deleted`. A report must not claim more than the replies say.
pub fn html_in_batch() -> ValidationIssue {
    ValidationIssue::new(
        Field::ResponseType,
        IssueCode::InvalidResponseType,
        &[
            "responseType HTML cannot be counted in a batch (an HTML reply has no API code): \
             use XML, JSON or TEXT.",
        ],
    )
}

/// Checks a batch's own options: `concurrency`, `retries`, `signal` (its presence; the browser
/// layer tells an `AbortSignal`) and `onProgress` (a function).
pub fn validate_batch_settings(
    concurrency: &OptionValue,
    retries: &OptionValue,
    signal: &OptionValue,
    on_progress: &OptionValue,
) -> Result<BatchSettings, Vec<ValidationIssue>> {
    let mut issues = Vec::new();
    let concurrency = count_in(
        Field::Concurrency,
        concurrency,
        1,
        MAX_CONCURRENCY,
        DEFAULT_CONCURRENCY,
    )
    .map_err(|issue| issues.push(issue))
    .ok();
    let retries = count_in(Field::Retries, retries, 0, MAX_RETRIES, DEFAULT_RETRIES)
        .map_err(|issue| issues.push(issue))
        .ok();
    if let Err(issue) = crate::validation::rules::signal(signal) {
        issues.push(issue);
    }
    match on_progress {
        OptionValue::Absent | OptionValue::Null | OptionValue::Other("a function") => {}
        other => issues.push(ValidationIssue::new(
            Field::OnProgress,
            IssueCode::InvalidType,
            &[
                "onProgress must be a function, not ",
                other.type_name(),
                ".",
            ],
        )),
    }
    match (concurrency, retries) {
        (Some(concurrency), Some(retries)) if issues.is_empty() => Ok(BatchSettings {
            concurrency,
            retries,
        }),
        _ => Err(issues),
    }
}

/// The outcome an item ends with when its last attempt gave `error`.
pub fn outcome_of(error: &VerbaError) -> Outcome {
    match error {
        VerbaError::Validation { .. } => Outcome::Invalid,
        VerbaError::CallNotFound { .. } => Outcome::NotFound,
        VerbaError::AuthFailed { .. } | VerbaError::Api { .. } => Outcome::Refused,
        _ => Outcome::Failed,
    }
}

/// Whether an attempt that ended with `error` may be sent again: only when the recorder was not
/// reached, or gave no answer, or said it is overloaded or unreachable behind a proxy (network
/// failures, timeouts, HTTP 429, 502, 503, 504 without a Verba reply). An API answer, a reply
/// that cannot be read and a redirect are never retried.
pub fn retryable(error: &VerbaError) -> bool {
    match error {
        VerbaError::Network { .. } | VerbaError::Timeout { .. } => true,
        VerbaError::Http { http_status, .. } => matches!(http_status, 429 | 502 | 503 | 504),
        _ => false,
    }
}

/// How long to wait before retry number `retry` (1 for the first): the recorder's `Retry-After`
/// when it gave one (at most [`RETRY_AFTER_CAP_MS`]), else capped exponential backoff
/// ([`BACKOFF_BASE_MS`] doubled per retry, at most [`BACKOFF_CAP_MS`]) with "equal jitter":
/// between half of it and all of it, by `random` in `[0, 1)`, so that items failed together do
/// not come back together.
pub fn backoff_ms(retry: u32, random: f64, retry_after_ms: Option<f64>) -> f64 {
    if let Some(asked) = retry_after_ms {
        return asked.clamp(0.0, RETRY_AFTER_CAP_MS);
    }
    let doubled = BACKOFF_BASE_MS * 2f64.powi(retry.saturating_sub(1).min(16) as i32);
    let ceiling = doubled.min(BACKOFF_CAP_MS);
    ceiling / 2.0 + ceiling / 2.0 * random.clamp(0.0, 1.0)
}

/// A `Retry-After` of delay-seconds (RFC 9110 §10.2.3) in milliseconds; `None` for anything
/// else (the browser layer reads an HTTP date with the platform's parser).
pub fn retry_after_seconds(value: &str) -> Option<f64> {
    let value = value.trim();
    if value.is_empty() || value.len() > 10 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value
        .parse::<u64>()
        .ok()
        .map(|seconds| seconds as f64 * 1000.0)
}
