//! Options as the caller gave them, before validation: the boundary between JavaScript values and
//! the Rust core.

use crate::field::Field;
use std::borrow::Cow;

/// One option's value as received, with just enough of its JavaScript type kept to report a
/// wrong type precisely instead of coercing it.
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue<'a> {
    /// The option is not there, or is `undefined`.
    Absent,
    /// `null`; treated like an absent option.
    Null,
    /// A string, borrowed from the caller where possible.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// An array (accepted for `status` only).
    List(Vec<RawValue<'a>>),
    /// Any other type; the name (`"object"`, `"function"`, ...) is used in the message.
    Other(&'static str),
}

impl RawValue<'_> {
    /// The JavaScript type name used in `invalid_type` messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            RawValue::Absent => "undefined",
            RawValue::Null => "null",
            RawValue::Text(_) => "a string",
            RawValue::Number(_) => "a number",
            RawValue::Bool(_) => "a boolean",
            RawValue::List(_) => "an array",
            RawValue::Other(name) => name,
        }
    }
}

/// Whether `number` is a whole number (`f64::fract` needs the standard library).
pub(crate) fn is_whole(number: f64) -> bool {
    number.is_finite() && number == (number as i64) as f64
}

impl<'a> From<&'a str> for RawValue<'a> {
    fn from(text: &'a str) -> Self {
        RawValue::Text(Cow::Borrowed(text))
    }
}

impl From<String> for RawValue<'_> {
    fn from(text: String) -> Self {
        RawValue::Text(Cow::Owned(text))
    }
}

impl From<f64> for RawValue<'_> {
    fn from(number: f64) -> Self {
        RawValue::Number(number)
    }
}

impl From<bool> for RawValue<'_> {
    fn from(flag: bool) -> Self {
        RawValue::Bool(flag)
    }
}

/// A whole `DeleteCallOptions` object as received.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawOptions<'a> {
    values: Vec<(Field, RawValue<'a>)>,
    unknown: Vec<String>,
}

impl<'a> RawOptions<'a> {
    /// No options at all.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets an option by its JavaScript name; a name that is no option is kept as unknown, so
    /// that validation reports it.
    pub fn set(&mut self, name: &str, value: impl Into<RawValue<'a>>) -> &mut Self {
        match Field::from_name(name) {
            Some(field) => self.set_field(field, value.into()),
            None => self.unknown.push(name.to_owned()),
        }
        self
    }

    /// [`RawOptions::set`], by value, for building options in one expression.
    pub fn with(mut self, name: &str, value: impl Into<RawValue<'a>>) -> Self {
        self.set(name, value);
        self
    }

    /// Sets a known option.
    pub fn set_field(&mut self, field: Field, value: RawValue<'a>) {
        match self.values.iter_mut().find(|(known, _)| *known == field) {
            Some(slot) => slot.1 = value,
            None => self.values.push((field, value)),
        }
    }

    /// The value of an option; [`RawValue::Absent`] when not given.
    pub fn get(&self, field: Field) -> &RawValue<'a> {
        self.values
            .iter()
            .find(|(known, _)| *known == field)
            .map_or(&RawValue::Absent, |(_, value)| value)
    }

    /// The names given that are no option.
    pub fn unknown_names(&self) -> &[String] {
        &self.unknown
    }
}
