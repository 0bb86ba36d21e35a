//! Validation of DeleteCall options: each option on its own ([`validate_parameter`], for live
//! form feedback) and the whole request ([`validate`]).
//!
//! ```
//! use verba_api::{validate_delete_call, DeleteCallOptions, Selector};
//!
//! let options = DeleteCallOptions::new()
//!     .with("baseUrl", "https://recorder.example.com")
//!     .with("apiKey", "{74C8EEA0-50C6-40B2-9F3E-252ED501C3C8}")
//!     .with("extension", "+36 (1) 234-5678")
//!     .with("status", "Ongoing, next");
//! let params = validate_delete_call(&options).unwrap();
//! assert_eq!(params.api_key, "74C8EEA0-50C6-40B2-9F3E-252ED501C3C8");
//! assert_eq!(params.selector.value(), "+3612345678");
//! assert_eq!(params.endpoint, "https://recorder.example.com/verba/api");
//! ```

pub(crate) mod rules;

use crate::issue::{IssueCode, ValidationIssue};

use crate::encode::form_encoded_len;
use crate::field::Field;
use crate::options::{DeleteCallOptions, OptionValue};
use crate::params::{DeleteCallParams, HttpMethod, Selector};
use crate::request::ACTION_QUERY;

/// The vendor's limit for a GET request line; the whole URL is held to it.
pub const MAX_GET_URL_CHARS: usize = 4000;

/// The timeout used when `timeoutMs` is not given.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// Checks one option on its own (cross-option rules such as "exactly one selector" need
/// [`validate`]). An unknown name gives one `unknown_option` issue. Never fails otherwise.
pub fn validate_parameter(name: &str, value: &OptionValue) -> Vec<ValidationIssue> {
    let Some(field) = Field::from_name(name) else {
        return vec![unknown_option(&Field::ALL, name)];
    };
    let outcome = match field {
        Field::ApiKey => rules::api_key(value).map(drop),
        Field::Token => rules::token(value).map(drop),
        Field::CallId => rules::call_id(value).map(drop),
        Field::PlatformCallId | Field::NativeId | Field::MeetingId => {
            rules::opaque_id(field, value).map(drop)
        }
        Field::Extension => rules::extension(value).map(drop),
        Field::Status => rules::status(value).map(drop),
        Field::ResponseType => rules::response_type(value).map(drop),
        Field::BaseUrl => rules::base_url(value, false).map(drop),
        Field::Method => rules::method(value).map(drop),
        Field::TimeoutMs => rules::timeout_ms(value).map(drop),
        Field::Signal => rules::signal(value).map(drop),
        Field::AllowInsecureHttp | Field::CorsPreflight => rules::flag(field, value).map(drop),
        // The other requests' own options are not in DeleteCall's table, so never looked up here.
        Field::UserName
        | Field::Password
        | Field::Auth
        | Field::Credentials
        | Field::Concurrency
        | Field::Retries
        | Field::OnProgress => Ok(()),
    };
    outcome.err().into_iter().collect()
}

/// Checks a whole set of options and returns the request they describe, or every issue found
/// (all of them, not just the first, so a form can mark each field at once).
pub fn validate_delete_call(
    options: &DeleteCallOptions,
) -> Result<DeleteCallParams, Vec<ValidationIssue>> {
    let mut issues = Vec::new();
    for name in options.names_outside(&Field::ALL) {
        issues.push(unknown_option(&Field::ALL, name));
    }

    let allow_insecure_http = keep(
        &mut issues,
        rules::flag(
            Field::AllowInsecureHttp,
            options.get(Field::AllowInsecureHttp),
        ),
    );
    let cors_preflight = keep(
        &mut issues,
        rules::flag(Field::CorsPreflight, options.get(Field::CorsPreflight)),
    );
    let api_key = keep(&mut issues, rules::api_key(options.get(Field::ApiKey)));
    let token = keep(&mut issues, rules::token(options.get(Field::Token)));
    let call_id = keep(&mut issues, rules::call_id(options.get(Field::CallId)));
    let platform_call_id = keep(
        &mut issues,
        rules::opaque_id(Field::PlatformCallId, options.get(Field::PlatformCallId)),
    );
    let native_id = keep(
        &mut issues,
        rules::opaque_id(Field::NativeId, options.get(Field::NativeId)),
    );
    let meeting_id = keep(
        &mut issues,
        rules::opaque_id(Field::MeetingId, options.get(Field::MeetingId)),
    );
    let extension = keep(&mut issues, rules::extension(options.get(Field::Extension)));
    let status = keep(&mut issues, rules::status(options.get(Field::Status)));
    let response_type = keep(
        &mut issues,
        rules::response_type(options.get(Field::ResponseType)),
    );
    let method = keep(&mut issues, rules::method(options.get(Field::Method)));
    let timeout_ms = keep(
        &mut issues,
        rules::timeout_ms(options.get(Field::TimeoutMs)),
    );
    keep(&mut issues, rules::signal(options.get(Field::Signal)));
    let endpoint = keep(
        &mut issues,
        rules::base_url(
            options.get(Field::BaseUrl),
            allow_insecure_http.unwrap_or(false),
        ),
    );

    if is_absent(options.get(Field::ApiKey)) {
        issues.push(ValidationIssue::new(
            Field::ApiKey,
            IssueCode::Required,
            &["apiKey is required: the API key issued by the recorder's administration pages."],
        ));
    }
    if is_absent(options.get(Field::BaseUrl)) {
        issues.push(ValidationIssue::new(
            Field::BaseUrl,
            IssueCode::Required,
            &["baseUrl is required here: there is no web page whose origin it could default to."],
        ));
    }
    check_selectors(options, &mut issues);

    let selector = call_id
        .map(Selector::CallId)
        .or(platform_call_id.map(Selector::PlatformCallId))
        .or(native_id.map(Selector::NativeId))
        .or(meeting_id.map(Selector::MeetingId))
        .or(extension.and_then(|number| {
            status
                .clone()
                .map(|status| Selector::Extension { number, status })
        }));

    if !issues.is_empty() {
        return Err(issues);
    }
    let (Some(api_key), Some(selector), Some(endpoint)) = (api_key, selector, endpoint) else {
        // Every way to get here pushed an issue above; this arm keeps the function total.
        return Err(vec![ValidationIssue::named(
            "selector",
            IssueCode::MissingSelector,
            &["The options are incomplete."],
        )]);
    };
    let params = DeleteCallParams {
        api_key,
        token,
        selector,
        response_type: response_type.unwrap_or_default(),
        endpoint,
        method: method.unwrap_or_default(),
        timeout_ms: match timeout_ms {
            None => Some(DEFAULT_TIMEOUT_MS),
            Some(0) => None,
            Some(ms) => Some(ms),
        },
        allow_insecure_http: allow_insecure_http.unwrap_or(false),
        cors_preflight: cors_preflight.unwrap_or(true),
    };
    if params.method == HttpMethod::Get && get_url_len(&params) > MAX_GET_URL_CHARS {
        return Err(vec![ValidationIssue::new(
            Field::Method,
            IssueCode::UrlTooLong,
            &[
                "The GET request would be longer than 4000 characters, which the recorder does \
                 not accept; use method POST.",
            ],
        )]);
    }
    Ok(params)
}

/// The value of a rule's outcome, recording its issue if any.
pub(crate) fn keep<T>(issues: &mut Vec<ValidationIssue>, outcome: rules::Checked<T>) -> Option<T> {
    outcome.unwrap_or_else(|issue| {
        issues.push(issue);
        None
    })
}

/// Whether an option counts as not given: absent, `undefined`, `null`, `""` or `[]`.
pub(crate) fn is_absent(value: &OptionValue) -> bool {
    match value {
        OptionValue::Absent | OptionValue::Null => true,
        OptionValue::Text(text) => text.is_empty(),
        OptionValue::List(items) => items.is_empty(),
        _ => false,
    }
}

fn check_selectors(options: &DeleteCallOptions, issues: &mut Vec<ValidationIssue>) {
    let given: Vec<Field> = Field::SELECTORS
        .into_iter()
        .filter(|field| !is_absent(options.get(*field)))
        .collect();
    match given.as_slice() {
        [] => issues.push(ValidationIssue::named(
            "selector",
            IssueCode::MissingSelector,
            &["Say which call to delete: give one of callID, platformCallID, nativeID, meetingID, or extension with status."],
        )),
        [_] => {}
        several => {
            let names: Vec<&str> = several.iter().map(|field| field.name()).collect();
            let names = names.join(", ");
            for field in several {
                issues.push(ValidationIssue::new(
                    *field,
                    IssueCode::ConflictingSelectors,
                    &["Give only one of ", &names, ": deleting is irreversible, so the call must be named one way only."],
                ));
            }
        }
    }
    let has_extension = given.contains(&Field::Extension);
    let has_status = !is_absent(options.get(Field::Status));
    if has_extension && !has_status {
        issues.push(ValidationIssue::new(
            Field::Status,
            IssueCode::ExtensionRequiresStatus,
            &["status is required with extension: choose ongoing, next and/or last."],
        ));
    }
    if has_status && !has_extension {
        issues.push(ValidationIssue::new(
            Field::Status,
            IssueCode::StatusWithoutExtension,
            &["status only applies to extension; remove it or give an extension."],
        ));
    }
}

/// The issue for a name that is no option of the request whose options are `table`.
pub(crate) fn unknown_option(table: &[Field], name: &str) -> ValidationIssue {
    match Field::close_to_in(table, name) {
        Some(field) => ValidationIssue::named(
            name,
            IssueCode::UnknownOption,
            &[
                "Unknown option \"",
                name,
                "\"; did you mean \"",
                field.name(),
                "\"? Option names are case-sensitive.",
            ],
        ),
        None => ValidationIssue::named(
            name,
            IssueCode::UnknownOption,
            &[
                "Unknown option \"",
                name,
                "\"; it would be ignored, so it is refused.",
            ],
        ),
    }
}

/// The length of the GET URL for `params`, computed without building it.
fn get_url_len(params: &DeleteCallParams) -> usize {
    params.endpoint.len()
        + ACTION_QUERY.len()
        + params
            .wire_params()
            .iter()
            .map(|(field, value)| 2 + field.name().len() + form_encoded_len(value))
            .sum::<usize>()
}
