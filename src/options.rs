//! `DeleteCallOptions` as the caller gave them, before validation, read with serde.
//!
//! The options are a map from JavaScript names ([`Field`], the one table of names) to values
//! whose JavaScript type is kept ([`OptionValue`]), so that a wrong type is reported precisely
//! instead of being coerced, and every unknown name is kept for its "did you mean …?" issue.
//! The same visitor reads a JavaScript object (serde-wasm-bindgen, with the browser layer's seed
//! for values) and JSON (serde_json, `Deserialize`).
//!
//! ```
//! use verba_api::{DeleteCallOptions, validate_delete_call};
//!
//! let options: DeleteCallOptions = serde_json::from_str(
//!     r#"{"baseUrl": "https://recorder.example.com",
//!         "apiKey": "74c8eea0-50c6-40b2-9f3e-252ed501c3c8",
//!         "platformCallID": 71627389}"#,
//! )
//! .unwrap();
//! assert_eq!(validate_delete_call(&options).unwrap().selector.value(), "71627389");
//! ```

use crate::field::Field;
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// One option's value as received, with just enough of its JavaScript type kept to report a
/// wrong type precisely instead of coercing it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum OptionValue<'a> {
    /// The option is not there, or is `undefined`.
    #[default]
    Absent,
    /// `null`; treated like an absent option.
    Null,
    /// A string.
    Text(Cow<'a, str>),
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// An array (accepted for `status` only).
    List(Vec<OptionValue<'a>>),
    /// Any other type, by the name used in messages (`"an object"`, `"a function"`, ...);
    /// `"AbortSignal"` for an `AbortSignal`, which only the browser layer can recognize.
    Other(&'static str),
}

impl OptionValue<'_> {
    /// The JavaScript type name used in `invalid_type` messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            OptionValue::Absent => "undefined",
            OptionValue::Null => "null",
            OptionValue::Text(_) => "a string",
            OptionValue::Number(_) => "a number",
            OptionValue::Bool(_) => "a boolean",
            OptionValue::List(_) => "an array",
            OptionValue::Other(name) => name,
        }
    }
}

/// Whether `number` is a whole number.
pub(crate) fn is_whole(number: f64) -> bool {
    number.is_finite() && number.fract() == 0.0
}

impl<'a> From<&'a str> for OptionValue<'a> {
    fn from(text: &'a str) -> Self {
        OptionValue::Text(Cow::Borrowed(text))
    }
}

impl From<String> for OptionValue<'_> {
    fn from(text: String) -> Self {
        OptionValue::Text(Cow::Owned(text))
    }
}

impl From<f64> for OptionValue<'_> {
    fn from(number: f64) -> Self {
        OptionValue::Number(number)
    }
}

impl From<bool> for OptionValue<'_> {
    fn from(flag: bool) -> Self {
        OptionValue::Bool(flag)
    }
}

/// The options of RequestToken, as received: the same reader as DeleteCall's (its names are
/// [`Field::REQUEST_TOKEN`]).
pub type RequestTokenOptions<'a> = DeleteCallOptions<'a>;

/// A whole `DeleteCallOptions` object as received.
#[derive(Clone, Default, PartialEq)]
pub struct DeleteCallOptions<'a> {
    values: Vec<(Field, OptionValue<'a>)>,
    unknown: Vec<String>,
}

impl<'a> DeleteCallOptions<'a> {
    /// No options at all.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets an option by its JavaScript name; a name that is no option is kept as unknown, so
    /// that validation reports it.
    pub fn set(&mut self, name: &str, value: impl Into<OptionValue<'a>>) -> &mut Self {
        match Field::from_name_in(&Field::KNOWN, name) {
            Some(field) => self.set_field(field, value.into()),
            None => self.unknown.push(name.to_owned()),
        }
        self
    }

    /// [`DeleteCallOptions::set`], by value, for building options in one expression.
    pub fn with(mut self, name: &str, value: impl Into<OptionValue<'a>>) -> Self {
        self.set(name, value);
        self
    }

    /// Sets a known option.
    pub fn set_field(&mut self, field: Field, value: OptionValue<'a>) {
        match self.values.iter_mut().find(|(known, _)| *known == field) {
            Some(slot) => slot.1 = value,
            None => self.values.push((field, value)),
        }
    }

    /// The value of an option; [`OptionValue::Absent`] when not given.
    pub fn get(&self, field: Field) -> &OptionValue<'a> {
        self.values
            .iter()
            .find(|(known, _)| *known == field)
            .map_or(&OptionValue::Absent, |(_, value)| value)
    }

    /// The names given that are no option of either request.
    pub fn unknown_names(&self) -> &[String] {
        &self.unknown
    }

    /// The names given that are no option of the request whose options are `table`: unknown
    /// names, and options of the other request (a `userName` given to DeleteCall), in the
    /// order given.
    pub fn names_outside(&self, table: &[Field]) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .values
            .iter()
            .filter(|(field, _)| !table.contains(field))
            .map(|(field, _)| field.name())
            .collect();
        names.extend(self.unknown.iter().map(String::as_str));
        names
    }
}

/// Shows the options with the credentials' text redacted: `{:?}` of them may end up in a log.
impl fmt::Debug for DeleteCallOptions<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values: Vec<(&str, OptionValue)> = self
            .values
            .iter()
            .map(|(field, value)| match value {
                OptionValue::Text(text) if field.is_secret() => {
                    (field.name(), OptionValue::from(crate::redact::redact(text)))
                }
                _ => (field.name(), value.clone()),
            })
            .collect();
        f.debug_struct("DeleteCallOptions")
            .field("values", &values)
            .field("unknown", &self.unknown)
            .finish()
    }
}

/// Reads an options object whose values are read by `V`: [`OptionValue`]'s own `Deserialize`
/// for self-describing formats, a seed of the browser layer for JavaScript values.
pub(crate) struct OptionsSeed<V>(pub V);

impl<'de, V> DeserializeSeed<'de> for OptionsSeed<V>
where
    V: DeserializeSeed<'de, Value = OptionValue<'de>> + Copy,
{
    type Value = DeleteCallOptions<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(OptionsVisitor(self.0))
    }
}

/// Every key of the object: known names by [`Field`], unknown ones kept by name.
struct OptionsVisitor<V>(V);

impl<'de, V> Visitor<'de> for OptionsVisitor<V>
where
    V: DeserializeSeed<'de, Value = OptionValue<'de>> + Copy,
{
    type Value = DeleteCallOptions<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an options object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut options = DeleteCallOptions::new();
        while let Some(name) = map.next_key::<Cow<'de, str>>()? {
            match Field::from_name_in(&Field::KNOWN, &name) {
                Some(field) => options.set_field(field, map.next_value_seed(self.0)?),
                None => {
                    map.next_value::<IgnoredAny>()?;
                    options.unknown.push(name.into_owned());
                }
            }
        }
        Ok(options)
    }
}

impl<'de> Deserialize<'de> for DeleteCallOptions<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        OptionsSeed(PhantomData::<OptionValue<'de>>).deserialize(deserializer)
    }
}

/// A value of a self-describing format such as JSON. (The browser layer reads JavaScript values
/// with a seed of its own: see `wasm::input`.)
impl<'de> Deserialize<'de> for OptionValue<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = OptionValue<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an option value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OptionValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OptionValue::Null)
    }

    fn visit_bool<E: de::Error>(self, flag: bool) -> Result<Self::Value, E> {
        Ok(OptionValue::Bool(flag))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Self::Value, E> {
        Ok(OptionValue::Number(number as f64))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Self::Value, E> {
        Ok(OptionValue::Number(number as f64))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Self::Value, E> {
        Ok(OptionValue::Number(number))
    }

    fn visit_borrowed_str<E: de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(OptionValue::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(OptionValue::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(OptionValue::Text(Cow::Owned(text)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Self::Value, A::Error> {
        let mut list = Vec::new();
        while let Some(item) = items.next_element()? {
            list.push(item);
        }
        Ok(OptionValue::List(list))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(OptionValue::Other("an object"))
    }
}
