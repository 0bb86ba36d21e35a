//! `deleteCalls`' rules (issue 11, spec §7): which failures may be sent again, what outcome each
//! error ends an item with, the backoff and `Retry-After`, and the batch's own options.
#![cfg(not(target_arch = "wasm32"))] // native only; the browser tests are in tests/browser/

use verba_api::{
    BACKOFF_CAP_MS, BatchCounts, IssueCode, OptionValue, Outcome, RETRY_AFTER_CAP_MS, VerbaError,
    backoff_ms, outcome_of, retry_after_seconds, retryable, validate_batch_settings,
};

fn http(status: u16) -> VerbaError {
    VerbaError::Http {
        http_status: status,
        excerpt: String::new(),
    }
}

/// Each error, whether it may be retried, and the outcome it ends an item with.
fn cases() -> Vec<(VerbaError, bool, Outcome)> {
    let api = |code| VerbaError::Api {
        api_code: Some(code),
        server_message: None,
        http_status: 200,
    };
    vec![
        (
            VerbaError::Network {
                detail: String::new(),
                sent: true,
            },
            true,
            Outcome::Failed,
        ),
        (
            VerbaError::Network {
                detail: String::new(),
                sent: false,
            },
            true,
            Outcome::Failed,
        ),
        (VerbaError::Timeout { timeout_ms: 1 }, true, Outcome::Failed),
        (http(429), true, Outcome::Failed),
        (http(502), true, Outcome::Failed),
        (http(503), true, Outcome::Failed),
        (http(504), true, Outcome::Failed),
        (http(500), false, Outcome::Failed),
        (http(404), false, Outcome::Failed),
        (
            VerbaError::Redirected { http_status: None },
            false,
            Outcome::Failed,
        ),
        (
            VerbaError::Parse {
                reason: String::new(),
                http_status: Some(200),
            },
            false,
            Outcome::Failed,
        ),
        (VerbaError::Cancelled, false, Outcome::Failed),
        (
            VerbaError::CallNotFound {
                api_code: 2,
                server_message: None,
                http_status: 200,
            },
            false,
            Outcome::NotFound,
        ),
        (
            VerbaError::AuthFailed {
                api_code: 4,
                server_message: None,
                http_status: 200,
            },
            false,
            Outcome::Refused,
        ),
        (api(3), false, Outcome::Refused),
        (
            VerbaError::Validation { issues: Vec::new() },
            false,
            Outcome::Invalid,
        ),
    ]
}

#[test]
fn only_failures_without_an_api_answer_are_retried() {
    for (error, retry, outcome) in cases() {
        assert_eq!(retryable(&error), retry, "{error:?}");
        assert_eq!(outcome_of(&error), outcome, "{error:?}");
    }
}

#[test]
fn an_api_answer_with_an_overload_status_is_an_answer_not_a_retry() {
    // A 503 whose body is a Verba reply is read as the reply (an API error), never as HTTP_ERROR.
    let reply = r#"<VerbaApi><Response code="3" type="DeleteCall"><ErrorMessage>busy</ErrorMessage></Response></VerbaApi>"#;
    let error = verba_api::parse_delete_call_response(reply, verba_api::ResponseType::Xml, 503)
        .expect_err("an API error");
    assert!(!retryable(&error));
    assert_eq!(outcome_of(&error), Outcome::Refused);
}

#[test]
fn backoff_doubles_with_equal_jitter_up_to_its_cap() {
    for retry in 1..=12 {
        let ceiling = (250.0 * 2f64.powi(retry as i32 - 1)).min(BACKOFF_CAP_MS);
        let low = backoff_ms(retry, 0.0, None);
        let high = backoff_ms(retry, 0.999_999_9, None);
        assert_eq!(low, ceiling / 2.0, "retry {retry}");
        assert!((high - ceiling).abs() < 0.01, "retry {retry}: {high}");
    }
    assert_eq!(backoff_ms(u32::MAX, 0.5, None), BACKOFF_CAP_MS * 0.75);
}

#[test]
fn retry_after_is_waited_for_up_to_its_cap() {
    assert_eq!(backoff_ms(1, 0.3, Some(1_000.0)), 1_000.0);
    assert_eq!(backoff_ms(5, 0.3, Some(0.0)), 0.0);
    assert_eq!(backoff_ms(1, 0.3, Some(3_600_000.0)), RETRY_AFTER_CAP_MS);
    assert_eq!(backoff_ms(1, 0.3, Some(-5.0)), 0.0, "a date in the past");
    for (header, ms) in [
        ("1", Some(1_000.0)),
        (" 120 ", Some(120_000.0)),
        ("0", Some(0.0)),
        ("-1", None),
        ("1.5", None),
        ("", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", None),
        ("99999999999", None),
    ] {
        assert_eq!(retry_after_seconds(header), ms, "{header:?}");
    }
}

#[test]
fn batch_options_have_defaults_and_ranges() {
    let absent = OptionValue::Absent;
    let settings = validate_batch_settings(&absent, &absent, &absent, &absent).unwrap();
    assert_eq!((settings.concurrency, settings.retries), (4, 2));
    let settings = validate_batch_settings(
        &OptionValue::Number(32.0),
        &OptionValue::Number(0.0),
        &OptionValue::Other("AbortSignal"),
        &OptionValue::Other("a function"),
    )
    .unwrap();
    assert_eq!((settings.concurrency, settings.retries), (32, 0));
    let wrong: [(
        OptionValue,
        OptionValue,
        OptionValue,
        OptionValue,
        &str,
        IssueCode,
    ); 6] = [
        (
            OptionValue::Number(0.0),
            absent.clone(),
            absent.clone(),
            absent.clone(),
            "concurrency",
            IssueCode::InvalidValue,
        ),
        (
            OptionValue::Number(33.0),
            absent.clone(),
            absent.clone(),
            absent.clone(),
            "concurrency",
            IssueCode::InvalidValue,
        ),
        (
            OptionValue::Number(2.5),
            absent.clone(),
            absent.clone(),
            absent.clone(),
            "concurrency",
            IssueCode::InvalidValue,
        ),
        (
            absent.clone(),
            "3".into(),
            absent.clone(),
            absent.clone(),
            "retries",
            IssueCode::InvalidType,
        ),
        (
            absent.clone(),
            absent.clone(),
            OptionValue::Other("an object"),
            absent.clone(),
            "signal",
            IssueCode::InvalidType,
        ),
        (
            absent.clone(),
            absent.clone(),
            absent.clone(),
            OptionValue::Bool(true),
            "onProgress",
            IssueCode::InvalidType,
        ),
    ];
    for (concurrency, retries, signal, on_progress, field, code) in wrong {
        let issues =
            validate_batch_settings(&concurrency, &retries, &signal, &on_progress).unwrap_err();
        assert_eq!(issues.len(), 1, "{field}");
        assert_eq!((issues[0].field.as_str(), issues[0].code), (field, code));
        assert!(
            issues[0].message.starts_with(field),
            "{}",
            issues[0].message
        );
    }
}

#[test]
fn counts_count_each_outcome_once() {
    let mut counts = BatchCounts::default();
    for outcome in [
        Outcome::Deleted,
        Outcome::NotFound,
        Outcome::Refused,
        Outcome::Invalid,
        Outcome::Failed,
        Outcome::NotAttempted,
        Outcome::Deleted,
    ] {
        counts.add(outcome);
    }
    assert_eq!(counts.total(), 7);
    assert_eq!(
        (
            counts.deleted,
            counts.not_found,
            counts.refused,
            counts.invalid,
            counts.failed,
            counts.not_attempted
        ),
        (2, 1, 1, 1, 1, 1)
    );
}
