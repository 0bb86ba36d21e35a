//! `deleteCalls` and `client.deleteCalls` (issue 11, spec §7): many deletions, each accounted
//! for.
//!
//! `concurrency` workers take the items in input order from one cursor; each item is read and
//! checked when its turn comes (nothing is kept per item but its entry in the report), sent
//! through the client's session (one shared renewal, one repeat after `AUTH_FAILED`), sent again
//! only after failures that allow it, and settled into the report, then `onProgress` is told
//! (the items a stop leaves unsent, in one last call).
//! An `AUTH_FAILED` that the session could not cure, or a failed token request, stops the
//! sending; the caller's signal stops it too and aborts the requests under way. Whatever stops
//! it, every item not settled is `notAttempted` and the promise resolves with the report.

use super::client::{Shared, until_aborted};
use super::exports::{Rejection, spawn, validation_error};
use super::input::{self, ObjectArgument};
use super::output::{error_value_with, to_js};
use super::transport::{OnAbort, set_timeout};
use crate::batch::{
    BatchCounts, BatchProgress, BatchSettings, Outcome, backoff_ms, html_in_batch, outcome_of,
    retry_after_seconds, retryable, validate_batch_settings,
};
use crate::client::{ClientConfig, CredentialsInput};
use crate::error::{Action, VerbaError};
use crate::field::Field;
use crate::issue::{IssueCode, ValidationIssue};
use crate::options::DeleteCallOptions;
use crate::validation::unknown_option;
use js_sys::{Array, Function, Promise};
use serde::Serialize;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::{Closure, wasm_bindgen};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal};

/// The options of `deleteCalls`.
const OPTIONS: ObjectArgument = ObjectArgument {
    name: "options",
    example: "{ apiKey, concurrency }",
};

/// The options of `client.deleteCalls`.
const CLIENT_OPTIONS: ObjectArgument = ObjectArgument {
    name: "options",
    example: "{ concurrency, signal, onProgress }",
};

/// An item that is a selector object.
const ITEM: ObjectArgument = ObjectArgument {
    name: "item",
    example: "{ callID } or \"a8343631-9f35-4a3a-83f0-9e81592339fb\"",
};

/// Deletes many calls with shared options (`deleteCall`'s without the selector) and the
/// batch's own (`concurrency`, `retries`, `signal`, `onProgress`). Resolves with a report of
/// every item, in input order; rejects only when the options are invalid or `items` is no
/// array (`VerbaError` VALIDATION, nothing sent).
#[wasm_bindgen(js_name = deleteCalls, unchecked_return_type = "Promise<BatchReport>")]
pub fn delete_calls_promise(
    #[wasm_bindgen(unchecked_param_type = "BatchInput[]")] items: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ConnectionOptions & BatchOptions")] options: JsValue,
) -> Promise {
    spawn(delete_calls(items, options))
}

/// `deleteCalls` as a Rust future (the browser tests await it).
// Exported by `delete_calls_promise`, through the one `future_to_promise` (see `spawn`).
pub async fn delete_calls(items: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let invalid = |issues| validation_error(issues, Action::DeleteCalls);
    let read = input::options_of(&options, OPTIONS).map_err(|issue| invalid(vec![issue]))?;
    let known: Vec<Field> = Field::CONNECTION.into_iter().chain(Field::BATCH).collect();
    let mut issues: Vec<ValidationIssue> = read
        .options
        .names_outside(&known)
        .into_iter()
        .map(|name| unknown_option(&known, name))
        .collect();
    let mut connection = DeleteCallOptions::new();
    for field in Field::CONNECTION {
        connection.set_field(field, read.options.get(field).clone());
    }
    let config = ClientConfig::validate(&connection, CredentialsInput::Absent);
    if !read.base_url_parses {
        input::report_unparseable_base_url(&mut issues);
    }
    let settings = settings(&read.options);
    if config.as_ref().is_ok_and(ClientConfig::asks_for_html) {
        issues.push(html_in_batch());
    }
    let (config, settings) = match (config, settings) {
        (Ok(config), Ok(settings)) if issues.is_empty() => (config, settings),
        (config, settings) => {
            issues.extend(config.err().into_iter().flatten());
            issues.extend(settings.err().into_iter().flatten());
            return Err(invalid(issues));
        }
    };
    run(Shared::new(config, None), &items, &options, settings).await
}

/// `client.deleteCalls(items, options)`: [`delete_calls`] with the client's config and session.
pub(crate) async fn client_delete_calls(
    shared: Rc<Shared>,
    items: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let invalid = |issues| validation_error(issues, Action::DeleteCalls);
    let read = if options.is_undefined() || options.is_null() {
        DeleteCallOptions::new()
    } else {
        input::object(&options, CLIENT_OPTIONS).map_err(|issue| invalid(vec![issue]))?
    };
    let mut issues: Vec<ValidationIssue> = read
        .names_outside(&Field::BATCH)
        .into_iter()
        .map(|name| match Field::from_name_in(&Field::KNOWN, name) {
            Some(_) => ValidationIssue::named(
                name,
                IssueCode::UnknownOption,
                &[
                    name,
                    " is the client's (createClient's config); client.deleteCalls takes \
                     concurrency, retries, signal and onProgress.",
                ],
            ),
            None => unknown_option(&Field::BATCH, name),
        })
        .collect();
    if shared.config().asks_for_html() {
        issues.push(html_in_batch());
    }
    let settings = match settings(&read) {
        Ok(settings) if issues.is_empty() => settings,
        outcome => {
            issues.extend(outcome.err().into_iter().flatten());
            return Err(invalid(issues));
        }
    };
    run(shared, &items, &options, settings).await
}

fn settings(options: &DeleteCallOptions) -> Result<BatchSettings, Vec<ValidationIssue>> {
    validate_batch_settings(
        options.get(Field::Concurrency),
        options.get(Field::Retries),
        options.get(Field::Signal),
        options.get(Field::OnProgress),
    )
}

/// One batch under way.
struct Batch {
    shared: Rc<Shared>,
    items: Array,
    settings: BatchSettings,
    /// Aborted when the caller's signal is: every request of the batch carries its signal.
    stop: AbortController,
    on_progress: Option<Function>,
    /// The next item to take.
    next: Cell<u32>,
    /// Sending stopped for an `AUTH_FAILED` (or a failed token request).
    refused: Cell<bool>,
    counts: Cell<BatchCounts>,
    /// The report's items, by index (`undefined` until settled).
    report: Array,
}

/// What became of one item.
struct Settled {
    outcome: Outcome,
    attempts: u32,
    result: JsValue,
    error: JsValue,
}

impl Settled {
    fn not_attempted() -> Self {
        Settled {
            outcome: Outcome::NotAttempted,
            attempts: 0,
            result: JsValue::UNDEFINED,
            error: JsValue::UNDEFINED,
        }
    }
}

/// One item of the report: the JavaScript `BatchItem`.
#[derive(Serialize)]
struct ItemView {
    index: u32,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    input: JsValue,
    outcome: Outcome,
    attempts: u32,
    #[serde(
        with = "serde_wasm_bindgen::preserve",
        skip_serializing_if = "JsValue::is_undefined"
    )]
    result: JsValue,
    #[serde(
        with = "serde_wasm_bindgen::preserve",
        skip_serializing_if = "JsValue::is_undefined"
    )]
    error: JsValue,
}

/// The JavaScript `BatchReport`.
#[derive(Serialize)]
struct ReportView {
    total: u32,
    counts: BatchCounts,
    aborted: bool,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    items: JsValue,
}

/// Runs the batch and gives its report.
async fn run(
    shared: Rc<Shared>,
    items: &JsValue,
    options: &JsValue,
    settings: BatchSettings,
) -> Result<JsValue, JsValue> {
    if !Array::is_array(items) {
        return Err(validation_error(
            vec![ValidationIssue::named(
                "items",
                IssueCode::InvalidType,
                &[
                    "items must be an array of callIDs or selectors such as { callID }, not ",
                    input::option_value(items).type_name(),
                    ".",
                ],
            )],
            Action::DeleteCalls,
        ));
    }
    let items: Array = items.clone().unchecked_into();
    let total = items.length();
    let caller = input::signal(options);
    let stop = AbortController::new().map_err(|cause| {
        error_value_with(
            &VerbaError::Network {
                detail: "AbortController is not available".to_owned(),
                sent: false,
            },
            cause,
            Action::DeleteCalls,
            false,
        )
    })?;
    let _link = caller.as_ref().map(|signal| follow(signal, &stop));
    let on_progress = input::property(options, Field::OnProgress.name()).dyn_into::<Function>();
    let batch = Rc::new(Batch {
        shared,
        items,
        settings,
        stop,
        on_progress: on_progress.ok(),
        next: Cell::new(0),
        refused: Cell::new(false),
        counts: Cell::new(BatchCounts::default()),
        report: Array::new_with_length(total),
    });
    let workers = Array::new();
    for _ in 0..settings.concurrency.min(total) {
        workers.push(&spawn(batch.clone().work()));
    }
    // Workers never reject: each settles its items whatever happens.
    let _ = JsFuture::from(Promise::all(&workers)).await;
    let mut unsent = false;
    for index in 0..total {
        if batch.report.get(index).is_undefined() {
            batch.settle(
                index,
                batch.items.get(index),
                Settled::not_attempted(),
                false,
            );
            unsent = true;
        }
    }
    // The items left unsent by a stop are told in one last call, so `done` always ends at
    // `total` and a progress bar is never left short.
    if unsent {
        batch.tell(batch.counts.get());
    }
    let aborted = caller.is_some_and(|signal| signal.aborted());
    Ok(to_js(&ReportView {
        total,
        counts: batch.counts.get(),
        aborted,
        items: batch.report.clone().into(),
    }))
}

impl Batch {
    /// Whether nothing more is to be sent.
    fn stopped(&self) -> bool {
        self.refused.get() || self.stop.signal().aborted()
    }

    /// Takes items until none is left or the batch stops. Never fails: every item it takes is
    /// settled, whatever happens.
    async fn work(self: Rc<Self>) -> Result<JsValue, JsValue> {
        while !self.stopped() {
            let index = self.next.get();
            if index >= self.items.length() {
                break;
            }
            self.next.set(index + 1);
            let input = self.items.get(index);
            let settled = self.item(&input).await;
            self.settle(index, input, settled, true);
        }
        Ok(JsValue::UNDEFINED)
    }

    /// Reads an item: a callID string, or a selector object.
    fn read(&self, input: &JsValue) -> Result<DeleteCallOptions<'static>, Vec<ValidationIssue>> {
        let call = match input.as_string() {
            Some(call_id) => DeleteCallOptions::new().with("callID", call_id),
            None => {
                let call = input::object(input, ITEM).map_err(|issue| vec![issue])?;
                let unknown: Vec<ValidationIssue> = call
                    .names_outside(&Field::ITEM)
                    .into_iter()
                    .map(|name| unknown_option(&Field::ITEM, name))
                    .collect();
                if !unknown.is_empty() {
                    return Err(unknown);
                }
                call
            }
        };
        self.shared.config().delete_call(&call, None)?;
        Ok(call)
    }

    /// Sends one item, again after failures that allow it, and says what became of it.
    async fn item(&self, input: &JsValue) -> Settled {
        let call = match self.read(input) {
            Ok(call) => call,
            Err(issues) => {
                return Settled {
                    outcome: Outcome::Invalid,
                    attempts: 0,
                    result: JsValue::UNDEFINED,
                    error: validation_error(issues, Action::DeleteCall),
                };
            }
        };
        let mut attempts = 0;
        let mut retries = 0;
        // Whether an attempt may have deleted the call: then no later error may say it did not.
        let mut may_have_deleted = false;
        // The error of the attempt before a retry, and its cause.
        let mut last: Option<(VerbaError, JsValue)> = None;
        loop {
            let (outcome, sent) = self.shared.send(&call, Some(self.stop.signal())).await;
            attempts += sent;
            let (error, cause, retry_after, reached) = match outcome {
                Ok(result) => {
                    return Settled {
                        outcome: Outcome::Deleted,
                        attempts,
                        result,
                        error: JsValue::UNDEFINED,
                    };
                }
                Err(Rejection::Aborted(reason, was_sent)) => {
                    if !was_sent && attempts == 0 {
                        return Settled::not_attempted();
                    }
                    (VerbaError::Cancelled, reason, None, was_sent)
                }
                Err(Rejection::Renewal(error)) => {
                    // The session could not get a token: nothing more can be sent.
                    self.refused.set(true);
                    // Before a retry, the token request's error (which says nothing was done)
                    // would hide that an earlier attempt may have deleted the call: the item
                    // ends with that attempt's error instead, as between retries.
                    if let (true, Some((error, cause))) = (may_have_deleted, last.take()) {
                        return Settled {
                            outcome: outcome_of(&error),
                            attempts,
                            result: JsValue::UNDEFINED,
                            error: error_value_with(&error, cause, Action::DeleteCall, true),
                        };
                    }
                    return Settled {
                        outcome: Outcome::Refused,
                        attempts,
                        result: JsValue::UNDEFINED,
                        error,
                    };
                }
                Err(Rejection::Error(error, cause, retry_after)) => {
                    let reached = error.may_have_deleted();
                    (error, cause, retry_after, reached)
                }
            };
            may_have_deleted |= reached;
            if let VerbaError::AuthFailed { .. } = error {
                // Refused although the session renewed the token if it could: stop sending.
                self.refused.set(true);
            }
            let may_retry = retryable(&error) && retries < self.settings.retries;
            if may_retry && !self.stopped() {
                retries += 1;
                let wait = backoff_ms(retries, js_sys::Math::random(), retry_after_ms(retry_after));
                if self.wait(wait).await {
                    last = Some((error, cause));
                    continue;
                }
            }
            let outcome = match error {
                VerbaError::Cancelled => Outcome::Failed,
                ref other => outcome_of(other),
            };
            return Settled {
                outcome,
                attempts,
                result: JsValue::UNDEFINED,
                error: error_value_with(&error, cause, Action::DeleteCall, may_have_deleted),
            };
        }
    }

    /// Waits `ms` before a retry; `false` when the batch was stopped meanwhile.
    async fn wait(&self, ms: f64) -> bool {
        let timer = Promise::new(&mut |resolve, _| {
            let _ = set_timeout(&resolve, ms.max(0.0) as u32);
        });
        let stop = self.stop.signal();
        until_aborted(timer, Some(&stop)).await.is_ok() && !self.stopped()
    }

    /// Records an item's outcome in the report and tells `onProgress` (`told`), whose errors
    /// are ignored: a portal's progress bar must not break the batch.
    fn settle(&self, index: u32, input: JsValue, settled: Settled, told: bool) {
        let mut counts = self.counts.get();
        counts.add(settled.outcome);
        self.counts.set(counts);
        self.report.set(
            index,
            to_js(&ItemView {
                index,
                input,
                outcome: settled.outcome,
                attempts: settled.attempts,
                result: settled.result,
                error: settled.error,
            }),
        );
        if told {
            self.tell(counts);
        }
    }

    /// Calls `onProgress`, if given, with `counts`; what it throws is ignored.
    fn tell(&self, counts: BatchCounts) {
        if let Some(on_progress) = &self.on_progress {
            let progress = BatchProgress {
                done: counts.total(),
                total: self.items.length(),
                counts,
            };
            let _ = on_progress.call1(&JsValue::UNDEFINED, &to_js(&progress));
        }
    }
}

/// A `Retry-After` header's wait in milliseconds: delay-seconds, or an HTTP date read by the
/// platform's parser.
fn retry_after_ms(header: Option<String>) -> Option<f64> {
    let header = header?;
    retry_after_seconds(&header).or_else(|| {
        let at = js_sys::Date::parse(&header);
        (!at.is_nan()).then(|| at - js_sys::Date::now())
    })
}

/// Aborts `stop` when the caller's signal is aborted (or is already), for as long as the
/// returned listener is kept.
fn follow(signal: &AbortSignal, stop: &AbortController) -> OnAbort {
    if signal.aborted() {
        stop.abort_with_reason(&signal.reason());
    }
    let (source, target) = (signal.clone(), stop.clone());
    OnAbort::listen(
        signal,
        Closure::new(move || target.abort_with_reason(&source.reason())),
    )
}
