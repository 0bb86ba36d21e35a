//! The XML reply, read with quick-xml's streaming reader.
//!
//! Tolerant of layout (`Response` self-closing or not, `ErrorMessage` inside or beside it, with
//! or without attributes, a BOM, no declaration, a broken closing root tag after a complete
//! `Response`); strict where it matters (root `VerbaApi`, exactly one `Response`, an integer
//! `code`). DTDs and entity declarations are never expanded: an unknown entity stays as written.

use super::{Envelope, parse_code};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

const ROOT: &str = "VerbaApi";
const RESPONSE: &str = "Response";
const ERROR_MESSAGE: &str = "ErrorMessage";

/// Where the reader is relative to the `Response` element.
#[derive(PartialEq)]
enum ResponseProgress {
    Before,
    Inside,
    After,
}

/// The envelope of an XML reply.
pub(crate) fn envelope(body: &str) -> Result<Envelope, &'static str> {
    let mut reader = Reader::from_str(body.trim_start_matches('\u{feff}'));
    let mut depth = 0usize;
    let mut progress = ResponseProgress::Before;
    let mut envelope = Envelope::default();
    let mut message: Option<String> = None;
    let mut message_depth: Option<usize> = None;

    loop {
        let event = match reader.read_event() {
            Ok(event) => event,
            // A complete Response is all the reply has to say; trailing damage (one vendor
            // sample closes the root with `<VerbaApi>`) does not change it.
            Err(_) if progress == ResponseProgress::After => break,
            Err(_) => return Err("the XML is not well formed."),
        };
        match event {
            Event::Start(ref element) | Event::Empty(ref element) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = element.local_name();
                let name = name.as_ref();
                if depth == 0 {
                    if progress == ResponseProgress::After {
                        break;
                    }
                    if name != ROOT {
                        return Err("the root element is not VerbaApi.");
                    }
                    if is_empty {
                        return Err("the VerbaApi element is empty: there is no Response.");
                    }
                } else if depth == 1 && name == RESPONSE {
                    if progress != ResponseProgress::Before {
                        return Err("the reply has more than one Response.");
                    }
                    read_response_attributes(element, &mut envelope)?;
                    progress = if is_empty {
                        ResponseProgress::After
                    } else {
                        ResponseProgress::Inside
                    };
                } else if name == ERROR_MESSAGE && message.is_none() {
                    let in_place = match progress {
                        ResponseProgress::Inside => depth == 2,
                        ResponseProgress::After => depth == 1,
                        ResponseProgress::Before => false,
                    };
                    if in_place {
                        message = Some(String::new());
                        message_depth = (!is_empty).then_some(depth);
                    }
                }
                if !is_empty {
                    depth += 1;
                }
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if message_depth == Some(depth) {
                    message_depth = None;
                }
                if progress == ResponseProgress::Inside && depth == 1 {
                    progress = ResponseProgress::After;
                }
                if depth == 0 {
                    break;
                }
            }
            Event::Text(text) if message_depth.is_some() => {
                push_to(&mut message, &text.xml10_content());
            }
            Event::CData(text) if message_depth.is_some() => {
                push_to(&mut message, &text.xml10_content());
            }
            Event::GeneralRef(reference) if message_depth.is_some() => {
                push_reference(&mut message, &reference);
            }
            Event::Eof => break,
            _ => {}
        }
    }

    if progress == ResponseProgress::Before {
        return Err("the reply has no Response element inside VerbaApi.");
    }
    if progress == ResponseProgress::Inside {
        return Err("the reply ends inside its Response element.");
    }
    envelope.message = message
        .map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty());
    Ok(envelope)
}

fn push_to(message: &mut Option<String>, text: &str) {
    if let Some(message) = message {
        message.push_str(text);
    }
}

/// Character references and the five predefined entities are decoded; any other entity is kept
/// as written, never looked up in a DTD.
fn push_reference(message: &mut Option<String>, reference: &BytesRef<'_>) {
    let Some(message) = message else {
        return;
    };
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        message.push(c);
    } else if let Some(text) = resolve_predefined_entity(reference) {
        message.push_str(text);
    } else {
        message.push('&');
        message.push_str(reference);
        message.push(';');
    }
}

fn read_response_attributes(
    element: &BytesStart<'_>,
    envelope: &mut Envelope,
) -> Result<(), &'static str> {
    let mut code = None;
    for attribute in element.attributes() {
        let attribute =
            attribute.map_err(|_| "the Response element's attributes are malformed.")?;
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|_| "the Response element's attributes are malformed.")?;
        match attribute.key.local_name().as_ref() {
            "code" => {
                code = Some(parse_code(&value).ok_or("the Response code is not an integer.")?)
            }
            "type" => envelope.action = Some(value.trim().to_owned()),
            _ => {}
        }
    }
    envelope.code = code.ok_or("the Response element has no code attribute.")?;
    Ok(())
}
