//! The XML reply, read with xmlparser's streaming (pull) tokenizer, which needs no standard
//! library and so keeps the wasm build small.
//!
//! Tolerant of layout (`Response` self-closing or not, `ErrorMessage` inside or beside it, with
//! or without attributes, a BOM, no declaration, a broken closing root tag after a complete
//! `Response`); strict where it matters (root `VerbaApi`, exactly one `Response`, an integer
//! `code`, matching end tags up to the end of `Response`). DTDs and entity declarations are
//! never expanded: an unknown entity stays as written.

use super::{Envelope, parse_code};
use xmlparser::{ElementEnd, Token, Tokenizer};

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
    let mut open: Vec<&str> = Vec::new();
    let mut progress = ResponseProgress::Before;
    let mut envelope = Envelope::default();
    let mut code = None;
    let mut message: Option<String> = None;
    let mut message_depth: Option<usize> = None;
    // The element whose start tag is being read: its local name and depth.
    let mut starting: Option<(&str, usize)> = None;
    let mut seen: Vec<&str> = Vec::new();

    // A BOM and whitespace before the declaration are tolerated (the declaration must be first
    // for the tokenizer).
    let body = body.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    for token in Tokenizer::from(body) {
        let token = match token {
            Ok(token) => token,
            // A complete Response is all the reply has to say; trailing damage (one vendor
            // sample closes the root with `<VerbaApi>`) does not change it.
            Err(_) if progress == ResponseProgress::After => break,
            Err(_) => return Err("the XML is not well formed."),
        };
        match token {
            Token::ElementStart { local, .. } => {
                let name = local.as_str();
                let depth = open.len();
                if depth == 0 && name != ROOT {
                    if progress == ResponseProgress::After {
                        break;
                    }
                    return Err("the root element is not VerbaApi.");
                }
                if depth == 1 && name == RESPONSE && progress != ResponseProgress::Before {
                    return Err("the reply has more than one Response.");
                }
                starting = Some((name, depth));
            }
            Token::Attribute { local, value, .. } => {
                if let Some((RESPONSE, 1)) = starting {
                    match local.as_str() {
                        // A repeated attribute is not well formed, and two codes are ambiguous.
                        "code" | "type" if seen.contains(&local.as_str()) => {
                            return Err("the Response element repeats an attribute.");
                        }
                        "code" => {
                            seen.push("code");
                            let value = decode(value.as_str());
                            code = Some(
                                parse_code(&value).ok_or("the Response code is not an integer.")?,
                            );
                        }
                        "type" => {
                            seen.push("type");
                            envelope.action = Some(decode(value.as_str()).trim().to_owned());
                        }
                        _ => {}
                    }
                }
            }
            Token::ElementEnd { end, .. } => match end {
                ElementEnd::Open | ElementEnd::Empty => {
                    let Some((name, depth)) = starting.take() else {
                        continue;
                    };
                    let is_empty = matches!(end, ElementEnd::Empty);
                    if depth == 0 && is_empty {
                        return Err("the VerbaApi element is empty: there is no Response.");
                    }
                    if depth == 1 && name == RESPONSE {
                        envelope.code =
                            code.ok_or("the Response element has no code attribute.")?;
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
                        open.push(name);
                    }
                }
                ElementEnd::Close(_, local) => {
                    if open.pop() != Some(local.as_str()) {
                        if progress == ResponseProgress::After {
                            break;
                        }
                        return Err("the XML is not well formed.");
                    }
                    let depth = open.len();
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
            },
            Token::Text { text } if message_depth.is_some() => {
                if let Some(message) = &mut message {
                    message.push_str(&decode(&normalize_line_ends(text.as_str())));
                }
            }
            Token::Cdata { text, .. } if message_depth.is_some() => {
                if let Some(message) = &mut message {
                    message.push_str(&normalize_line_ends(text.as_str()));
                }
            }
            _ => {}
        }
    }

    match progress {
        ResponseProgress::Before => Err("the reply has no Response element inside VerbaApi."),
        ResponseProgress::Inside => Err("the reply ends inside its Response element."),
        ResponseProgress::After => {
            envelope.message = message
                .map(|text| text.trim().to_owned())
                .filter(|text| !text.is_empty());
            Ok(envelope)
        }
    }
}

/// XML line-end normalization: CRLF and lone CR become LF.
fn normalize_line_ends(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            chars.next_if_eq(&'\n');
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Character references and the five predefined entities decoded; any other `&name;` is kept as
/// written, never looked up in a DTD.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let resolved = rest.find(';').and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "lt" => Some('<'),
                "gt" => Some('>'),
                "amp" => Some('&'),
                "apos" => Some('\''),
                "quot" => Some('"'),
                _ => name.strip_prefix('#').and_then(char_reference),
            };
            c.map(|c| (c, end + 1))
        });
        match resolved {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `#65` or `#x41` (after the `#`), if it names a character other than NUL.
fn char_reference(number: &str) -> Option<char> {
    let value = match number.strip_prefix('x') {
        Some(hex) if !hex.is_empty() && hex.len() <= 6 => u32::from_str_radix(hex, 16).ok()?,
        None if !number.is_empty()
            && number.len() <= 7
            && number.bytes().all(|b| b.is_ascii_digit()) =>
        {
            number.parse().ok()?
        }
        _ => return None,
    };
    char::from_u32(value).filter(|c| *c != '\0')
}
