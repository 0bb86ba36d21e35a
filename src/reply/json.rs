//! The JSON reply, read with serde_json by key name, natively and in the browser alike. No vendor
//! sample exists; the canonical form mirrors the XML:
//! `{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall","ErrorMessage":"..."}}}`.
//! Also read: `code` as a numeric string, attribute keys prefixed with `@`, and a body without the
//! `VerbaApi` wrapper.
//!
//! Objects keep every member's name in order, repeats included, so that a key given twice is
//! visible (`JSON.parse` silently keeps the last one); members are looked up as `JSON.parse`
//! would see them, by the last occurrence. Only the envelope's members are read; the rest are
//! skipped unread.

use super::{Envelope, kept_text, parse_code};
use crate::options::is_whole;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::collections::BinaryHeap;
use std::fmt;

/// Larger integers are not exact in JSON numbers as JavaScript reads them.
const MAX_EXACT_INTEGER: f64 = 9_007_199_254_740_991.0;

/// As much of a JSON value as reading a reply needs.
enum Json {
    /// Members in order, repeats kept.
    Object(Vec<(String, Json)>),
    Text(String),
    Number(f64),
    /// Arrays, booleans, `null`: never part of a readable envelope.
    Other,
}

impl Json {
    /// The member `key` of an object (its last occurrence); `None` for a missing key or a value
    /// that is no object.
    fn member(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members
                .iter()
                .rev()
                .find(|(name, _)| name == key)
                .map(|(_, value)| value),
            _ => None,
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Json::Text(text) => Some(text),
            _ => None,
        }
    }

    /// A key of an object that is given twice (sorted, so linear-logarithmic in the members).
    /// Sorted by std's heap sort (`BinaryHeap::into_sorted_vec`): O(n log n) at worst like
    /// `sort_unstable`, with far less code in the wasm build than its pattern-defeating
    /// quicksort.
    fn repeated_key(&self) -> Option<&str> {
        let Json::Object(members) = self else {
            return None;
        };
        let names: BinaryHeap<&str> = members.iter().map(|(name, _)| name.as_str()).collect();
        let names = names.into_sorted_vec();
        names
            .windows(2)
            .find(|pair| pair[0] == pair[1])
            .map(|pair| pair[0])
    }
}

/// Which members of an object are read, each with what is read of its own value; every other
/// member is skipped unread (`IgnoredAny`), so the reply is accepted exactly where `JSON.parse`
/// accepts it (however deep, and whatever it holds), while every key name is kept.
#[derive(Clone, Copy)]
struct Read(&'static [(&'static str, Read)]);

/// A value read for itself (a string or a number); an object's members all skipped.
const SCALAR: Read = Read(&[]);
const ERROR_MESSAGE: Read = Read(&[("#text", SCALAR)]);
const RESPONSE: Read = Read(&[
    ("code", SCALAR),
    ("@code", SCALAR),
    ("type", SCALAR),
    ("@type", SCALAR),
    ("token", SCALAR),
    ("@token", SCALAR),
    ("ErrorMessage", ERROR_MESSAGE),
]);
const WRAPPER: Read = Read(&[("Response", RESPONSE)]);
/// `VerbaData`: the root name a third-party client's replies use (spec §4), read like `VerbaApi`.
const ROOT: Read = Read(&[
    ("VerbaApi", WRAPPER),
    ("VerbaData", WRAPPER),
    ("Response", RESPONSE),
]);

impl<'de> DeserializeSeed<'de> for Read {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(JsonVisitor(self))
    }
}

struct JsonVisitor(Read);

impl<'de> Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut members = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let value = match self.0.0.iter().find(|(kept, _)| *kept == name) {
                Some((_, read)) => map.next_value_seed(*read)?,
                None => {
                    map.next_value::<IgnoredAny>()?;
                    Json::Other
                }
            };
            members.push((name, value));
        }
        Ok(Json::Object(members))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Json, A::Error> {
        while items.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Json::Other)
    }

    // A hostile 1 MiB string is not copied whole: only its start can reach an error.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<Json, E> {
        Ok(Json::Text(kept_text(text)))
    }

    fn visit_string<E: de::Error>(self, text: String) -> Result<Json, E> {
        Ok(Json::Text(kept_text(&text)))
    }

    fn visit_f64<E: de::Error>(self, number: f64) -> Result<Json, E> {
        Ok(Json::Number(number))
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<Json, E> {
        Ok(Json::Number(number as f64))
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<Json, E> {
        Ok(Json::Number(number as f64))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Json, E> {
        Ok(Json::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Json, E> {
        Ok(Json::Other)
    }
}

const REPEATED: &str = "the JSON reply gives a key twice in one object, which makes it ambiguous.";

/// The `VerbaApi` (or `VerbaData`) object of the root, if any; both at once are ambiguous.
fn wrapper_of(root: &Json) -> Result<Option<&Json>, &'static str> {
    match (root.member("VerbaApi"), root.member("VerbaData")) {
        (Some(_), Some(_)) => Err("the JSON reply has both a VerbaApi and a VerbaData object."),
        (api, data) => Ok(api.or(data)),
    }
}

/// The envelope of a JSON reply.
pub(crate) fn envelope(body: &str) -> Result<Envelope, &'static str> {
    let mut reader = serde_json::Deserializer::from_str(body.trim_start_matches('\u{feff}'));
    let root = ROOT
        .deserialize(&mut reader)
        .and_then(|root| reader.end().map(|()| root))
        .map_err(|_| "the body is not valid JSON.")?;
    let wrapper = wrapper_of(&root)?;
    if root.repeated_key().is_some() || wrapper.is_some_and(|w| w.repeated_key().is_some()) {
        return Err(REPEATED);
    }
    let response = match wrapper {
        Some(wrapper) => wrapper.member("Response"),
        None => root.member("Response"),
    }
    .ok_or("the JSON reply has no Response object.")?;
    // A key given twice, or an attribute given both bare and `@`-prefixed, is ambiguous:
    // `JSON.parse` would silently keep one of them (spec §4, "Strictness").
    let given_twice = |name: &str| {
        response.member(name).is_some() && response.member(&["@", name].concat()).is_some()
    };
    if response.repeated_key().is_some()
        || given_twice("code")
        || given_twice("type")
        || given_twice("token")
    {
        return Err(REPEATED);
    }
    let attribute = |name: &str| {
        response
            .member(name)
            .or_else(|| response.member(&["@", name].concat()))
    };
    let code = attribute("code").ok_or("the JSON reply's Response has no code.")?;
    let code = match code {
        Json::Number(number)
            if is_whole(*number) && (-MAX_EXACT_INTEGER..=MAX_EXACT_INTEGER).contains(number) =>
        {
            Some(*number as i64)
        }
        Json::Text(text) => parse_code(text),
        _ => None,
    }
    .ok_or("the JSON reply's code is not an integer.")?;
    if response
        .member("ErrorMessage")
        .is_some_and(|message| message.repeated_key().is_some())
    {
        return Err(REPEATED);
    }
    let message = response.member("ErrorMessage").and_then(|message| {
        message
            .text()
            .or_else(|| message.member("#text").and_then(Json::text))
    });
    Ok(Envelope {
        code: Some(code),
        action: attribute("type").and_then(Json::text).map(str::to_owned),
        token: attribute("token")
            .and_then(Json::text)
            .map(|text| text.trim().to_owned()),
        message: message
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::envelope;

    #[test]
    fn a_key_given_twice_in_any_envelope_object_is_refused() {
        for body in [
            r#"{"Response":{"code":2,"code":0}}"#,
            r#"{"Response":{"code":0,"@code":2}}"#,
            r#"{"Response":{"code":0,"type":"DeleteCall","@type":"Other"}}"#,
            r#"{"VerbaApi":{"Response":{"code":0},"Response":{"code":2}}}"#,
            r#"{"VerbaApi":{"Response":{"code":0}},"VerbaApi":{"Response":{"code":2}}}"#,
            r##"{"Response":{"code":2,"ErrorMessage":{"#text":"a","#text":"b"}}}"##,
            r#"{"Response":{"code":0,"x":1,"x":2}}"#,
        ] {
            assert!(envelope(body).is_err(), "{body}");
        }
        let once = envelope(r#"{"VerbaApi":{"Response":{"code":0,"type":"DeleteCall"}}}"#);
        assert_eq!(once.map(|read| read.code), Ok(Some(0)));
    }
}
