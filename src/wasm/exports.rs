//! The JavaScript API: `deleteCall`, `validateDeleteCall`, `validateParameter`,
//! `buildDeleteCallRequest`, `parseDeleteCallResponse`.

use super::convert::{self, issues_array, normalized_object, request_object, result_object, set};
use super::error::to_js;
use super::fetch::{self, SendFailure};
use crate::error::VerbaError;
use crate::field::Field;
use crate::params::{DeleteCallParams, ResponseType};
use crate::reply::parse_reply_with;
use crate::request::build_request;
use crate::validation::{IssueCode, ValidationIssue, validate, validate_parameter};
use js_sys::Object;
use wasm_bindgen::JsValue;
use wasm_bindgen::prelude::wasm_bindgen;

/// Validates and reads the options, or gives every issue.
fn checked(
    options: &JsValue,
) -> Result<(DeleteCallParams, convert::ReadOptions), Vec<ValidationIssue>> {
    let read = convert::read_options(options).map_err(|issue| vec![issue])?;
    let params = validate(&read.raw)?;
    Ok((params, read))
}

fn validation_error(issues: Vec<ValidationIssue>) -> JsValue {
    to_js(&VerbaError::Validation { issues }, None)
}

/// Deletes a call. Validates first and sends nothing when the options are invalid. Resolves
/// only on API success; rejects with a `VerbaError` otherwise, or with the signal's reason
/// unchanged when the caller aborts.
#[wasm_bindgen(js_name = deleteCall, unchecked_return_type = "Promise<DeleteCallResult>")]
pub async fn delete_call(
    #[wasm_bindgen(unchecked_param_type = "DeleteCallOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (params, read) = checked(&options).map_err(validation_error)?;
    let request = build_request(&params);
    let secrets = params.secrets();
    let reply = match fetch::send(&request, read.signal.as_ref(), params.timeout_ms).await {
        Ok(reply) => reply,
        Err(SendFailure::Aborted(reason)) => return Err(reason),
        Err(SendFailure::TimedOut) => {
            let timeout_ms = params.timeout_ms.unwrap_or(0);
            return Err(to_js(&VerbaError::Timeout { timeout_ms }, None));
        }
        Err(SendFailure::Network(cause)) => {
            let detail = js_sys::Reflect::get(&cause, &JsValue::from_str("message"))
                .ok()
                .and_then(|message| message.as_string())
                .unwrap_or_default();
            let error = VerbaError::Network { detail }.scrubbed(&secrets);
            return Err(to_js(&error, Some(cause)));
        }
    };
    parse_reply_with(
        &reply.body,
        params.response_type,
        reply.status,
        super::json::parse,
    )
    .map(|outcome| result_object(&outcome))
    .map_err(|error| to_js(&error.scrubbed(&secrets), None))
}

/// Checks a whole options object. Never throws: returns
/// `{ valid, issues, normalized }`, `normalized` being `null` when invalid.
#[wasm_bindgen(js_name = validateDeleteCall, unchecked_return_type = "ValidationReport")]
pub fn validate_delete_call(
    #[wasm_bindgen(unchecked_param_type = "unknown")] options: JsValue,
) -> JsValue {
    let report = Object::new();
    match checked(&options) {
        Ok((params, _)) => {
            set(&report, "valid", true);
            set(&report, "issues", js_sys::Array::new());
            set(&report, "normalized", normalized_object(&params));
        }
        Err(issues) => {
            set(&report, "valid", false);
            set(&report, "issues", issues_array(&issues));
            set(&report, "normalized", JsValue::NULL);
        }
    }
    report.into()
}

/// Checks one option on its own, for live form validation; `[]` when valid. Rules that involve
/// several options (exactly one selector, status with extension) need `validateDeleteCall`.
#[wasm_bindgen(js_name = validateParameter, unchecked_return_type = "ValidationIssue[]")]
pub fn validate_parameter_js(
    #[wasm_bindgen(unchecked_param_type = "string")] name: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue,
) -> JsValue {
    let Some(name) = name.as_string() else {
        let issue = ValidationIssue {
            field: String::new(),
            code: IssueCode::InvalidType,
            message: "validateParameter needs the option's name as a string, such as \"callID\"."
                .to_owned(),
        };
        return issues_array(&[issue]).into();
    };
    let name = name.as_str();
    let raw = match Field::from_name(name) {
        Some(field) => convert::option_value(field, &value),
        None => convert::raw_value(&value),
    };
    issues_array(&validate_parameter(name, &raw)).into()
}

/// Builds the request `deleteCall` would send, without sending it. Throws a `VerbaError` with
/// code `VALIDATION` when the options are invalid. For GET, `url` holds the credentials: show
/// `preview`, never `url`.
#[wasm_bindgen(js_name = buildDeleteCallRequest, unchecked_return_type = "BuiltRequest")]
pub fn build_delete_call_request(
    #[wasm_bindgen(unchecked_param_type = "DeleteCallOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let (params, _) = checked(&options).map_err(validation_error)?;
    Ok(request_object(&build_request(&params)))
}

/// Reads a DeleteCall reply the caller fetched itself, with the same rules as `deleteCall`:
/// returns the result on API success, throws a `VerbaError` otherwise.
#[wasm_bindgen(js_name = parseDeleteCallResponse, unchecked_return_type = "DeleteCallResult")]
pub fn parse_delete_call_response(
    #[wasm_bindgen(unchecked_param_type = "string")] body: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ResponseType")] response_type: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] http_status: JsValue,
) -> Result<JsValue, JsValue> {
    let mut issues = Vec::new();
    let body = body.as_string().unwrap_or_else(|| {
        issues.push(ValidationIssue {
            field: "body".to_owned(),
            code: IssueCode::InvalidType,
            message: "body must be the reply text, a string.".to_owned(),
        });
        String::new()
    });
    let response_type = if response_type.is_undefined() || response_type.is_null() {
        ResponseType::Xml
    } else {
        match response_type
            .as_string()
            .as_deref()
            .and_then(ResponseType::parse)
        {
            Some(kind) => kind,
            None => {
                issues.extend(validate_parameter(
                    Field::ResponseType.name(),
                    &convert::raw_value(&response_type),
                ));
                ResponseType::Xml
            }
        }
    };
    let http_status = if http_status.is_undefined() || http_status.is_null() {
        200
    } else {
        match http_status.as_f64() {
            Some(status) if status.fract() == 0.0 && (100.0..=599.0).contains(&status) => {
                status as u16
            }
            _ => {
                issues.push(ValidationIssue {
                    field: "httpStatus".to_owned(),
                    code: IssueCode::InvalidValue,
                    message: "httpStatus must be a whole number from 100 to 599, such as response.status."
                        .to_owned(),
                });
                200
            }
        }
    };
    if !issues.is_empty() {
        return Err(validation_error(issues));
    }
    parse_reply_with(&body, response_type, http_status, super::json::parse)
        .map(|outcome| result_object(&outcome))
        .map_err(|error| to_js(&error, None))
}
