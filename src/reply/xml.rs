//! The XML reply, read with quick-xml's streaming (pull) reader over the borrowed text
//! (`Reader::from_str`, without its serde or encoding features, which keeps the wasm build
//! small).
//!
//! Tolerant of layout (`Response` self-closing or not, `ErrorMessage` inside or beside it, with
//! or without attributes, a BOM, no declaration, the vendor's broken closing root tag after a
//! complete `Response`); strict where it matters (root `VerbaApi` or `VerbaData`, exactly one
//! element named `Response` at any depth, an integer `code`, matching end tags up to the end of
//! the root, and after the root only whitespace, comments and processing instructions). DTDs
//! and entity declarations are never expanded: an unknown entity stays as written.
//!
//! Damage is never skipped: the reply is read to its end, and a reply that ends before its root
//! is closed is refused, except for the vendor's broken closing tag (the root's start tag written
//! where its end tag belongs, as one vendor sample does) followed by nothing but whitespace.
//!
//! quick-xml checks less than the tokenizer this module used before (xmlparser); the checks it
//! leaves out are made here, so that the same replies are refused: the declaration first or not
//! at all; before the root only whitespace, comments, processing instructions and one
//! `DOCTYPE`; names that are XML names (by their ASCII characters); `<` in no attribute value;
//! `]]>` in no text; no control characters; end tags matched to start tags by local name, the
//! name elements are known by here.
//!
//! Every step is linear in the length of the reply: quick-xml ends a reference at the next `;`,
//! `&` or `<`, and [`decode`] looks no further than the longest reference it resolves.

use super::{Envelope, MAX_MESSAGE_BYTES, parse_code};
use quick_xml::Reader;
use quick_xml::events::Event;
use std::mem;

const ROOT: &str = "VerbaApi";
/// The root name a third-party client's replies use (spec §4), accepted like `VerbaApi`.
const OTHER_ROOT: &str = "VerbaData";
const RESPONSE: &str = "Response";
const ERROR_MESSAGE: &str = "ErrorMessage";
/// The element a RequestToken reply may carry its token in, inside or beside Response.
const TOKEN: &str = "Token";
const NOT_WELL_FORMED: &str = "the XML is not well formed.";
/// How deep elements may nest: a Verba reply nests three deep, and serde_json refuses JSON
/// nested deeper than 128 as well. The bound keeps the memory a reply takes (the open elements'
/// names, here and in quick-xml) small: wasm memory never shrinks.
const MAX_DEPTH: usize = 128;
const SECOND_DOCUMENT: &str = "a second document follows the root element.";

/// `&#x10FFFF;`: no reference [`reference`] resolves is longer (`&#1114111;` and `&#x0000FF;`
/// are as long).
const LONGEST_REFERENCE: usize = "&#x10FFFF;".len();

/// Where the reader is relative to the `Response` element.
#[derive(PartialEq)]
enum ResponseProgress {
    Before,
    Inside,
    After,
}

/// The local names of the open elements, outermost first, in one buffer.
#[derive(Default)]
struct OpenElements {
    names: String,
    starts: Vec<usize>,
}

impl OpenElements {
    fn depth(&self) -> usize {
        self.starts.len()
    }

    fn push(&mut self, name: &str) {
        self.starts.push(self.names.len());
        self.names.push_str(name);
    }

    /// Closes the innermost element; whether it has the local name given.
    fn pop_matches(&mut self, name: &str) -> bool {
        let Some(start) = self.starts.pop() else {
            return false;
        };
        let matches = self.names.get(start..) == Some(name);
        self.names.truncate(start);
        matches
    }
}

/// The envelope of an XML reply.
pub(crate) fn envelope(body: &str) -> Result<Envelope, &'static str> {
    let mut open = OpenElements::default();
    let mut progress = ResponseProgress::Before;
    let mut envelope = Envelope::default();
    let mut code = None;
    let mut message: Option<String> = None;
    let mut message_depth: Option<usize> = None;
    // The text of a `Token` element in place (RequestToken), and the depth it was opened at.
    let mut token: Option<String> = None;
    let mut token_depth: Option<usize> = None;
    let mut first_event = true;
    let mut doctype_seen = false;
    // Whether an element named Response has been seen, at any depth.
    let mut response_seen = false;
    // The root's local name, and whether its end tag has been read.
    let mut root = "";
    let mut root_closed = false;
    // Whether the vendor's broken closing tag (the root's start tag again, where its end tag
    // belongs) has been read, with nothing but whitespace since: true at the end of the body,
    // it stands for the end tag. Anything else after it clears it, so the check is one pass.
    let mut broken_close = false;

    // A BOM and whitespace before the declaration are tolerated (the declaration must be the
    // first event).
    let body = body.trim_start_matches(is_bom_or_space);
    let mut reader = Reader::from_str(body);
    let config = reader.config_mut();
    // A lone `&` in text stays as written (a Text event), as an unknown reference does.
    config.allow_dangling_amp = true;
    // End tags are matched by local name below; quick-xml compares the prefixed names.
    config.check_end_names = false;
    config.check_comments = true;

    loop {
        // Where the event starts: no byte is skipped between events.
        let event_start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|_| NOT_WELL_FORMED)?;
        let is_first_event = mem::replace(&mut first_event, false);
        let is_text = matches!(event, Event::Text(_) | Event::GeneralRef(_));
        if breaks_xml_rules(&event, is_text) {
            return Err(NOT_WELL_FORMED);
        }
        let is_blank = matches!(&event, Event::Text(text) if text.bytes().all(is_space));
        broken_close &= is_blank || matches!(event, Event::Eof);
        // After the root only whitespace, comments and processing instructions may follow.
        let outside = if root_closed {
            SECOND_DOCUMENT
        } else {
            NOT_WELL_FORMED
        };
        let depth = open.depth();
        match event {
            Event::Start(ref element) | Event::Empty(ref element) => {
                let is_empty = matches!(event, Event::Empty(_));
                if !is_qname(element.name().as_ref()) {
                    return Err(NOT_WELL_FORMED);
                }
                let name = element.local_name().into_inner();
                if root_closed {
                    return Err(SECOND_DOCUMENT);
                }
                if depth == 0 && name != ROOT && name != OTHER_ROOT {
                    return Err("the root element is neither VerbaApi nor VerbaData.");
                }
                // A Response anywhere but as the envelope is one Response too many as well:
                // a reader that looks elsewhere must not find another answer.
                let is_named_response = depth > 0 && name == RESPONSE;
                if is_named_response && mem::replace(&mut response_seen, true) {
                    return Err("the reply has more than one Response.");
                }
                let is_response = depth == 1 && is_named_response;
                // Every element's attributes are read, so that a malformed one is noticed; only
                // the Response's `code` and `type` are kept. quick-xml's duplicate check stays
                // off: it would refuse repeats on any element, and only these two matter.
                let (mut seen_code, mut seen_type, mut attributes) = (false, false, false);
                let mut seen_token = false;
                for attribute in element.attributes().with_checks(false) {
                    attributes = true;
                    let attribute = match attribute {
                        Ok(attribute)
                            if is_qname(attribute.key.as_ref())
                                && !attribute.value.contains('<') =>
                        {
                            attribute
                        }
                        _ => return Err(NOT_WELL_FORMED),
                    };
                    if !is_response {
                        continue;
                    }
                    let key = attribute.key.local_name().into_inner();
                    let seen = match key {
                        "code" => &mut seen_code,
                        "type" => &mut seen_type,
                        "token" => &mut seen_token,
                        _ => continue,
                    };
                    // A repeated attribute is not well formed, and two codes are ambiguous.
                    if mem::replace(seen, true) {
                        return Err("the Response element repeats an attribute.");
                    }
                    // A code or action name is a few characters; a huge one is decoded nowhere.
                    if attribute.value.len() > MAX_ATTRIBUTE_BYTES {
                        return Err("a Response attribute is longer than 4096 bytes.");
                    }
                    let value = decode(&attribute.value);
                    if key == "code" {
                        code =
                            Some(parse_code(&value).ok_or("the Response code is not an integer.")?);
                    } else if key == "token" {
                        envelope.token = Some(value.trim().to_owned());
                    } else {
                        envelope.action = Some(value.trim().to_owned());
                    }
                }
                if depth == 0 {
                    if is_empty {
                        return Err("the VerbaApi element is empty: there is no Response.");
                    }
                    root = if name == ROOT { ROOT } else { OTHER_ROOT };
                }
                // The vendor's broken closing tag: the root's start tag (by local name, as end
                // tags are matched), without attributes, right inside the root after the
                // complete Response.
                broken_close |= depth == 1
                    && !is_empty
                    && !attributes
                    && name == root
                    && progress == ResponseProgress::After;
                if is_response {
                    envelope.code =
                        Some(code.ok_or("the Response element has no code attribute.")?);
                    progress = if is_empty {
                        ResponseProgress::After
                    } else {
                        ResponseProgress::Inside
                    };
                } else if (name == ERROR_MESSAGE && message.is_none()) || name == TOKEN {
                    let in_place = match progress {
                        ResponseProgress::Inside => depth == 2,
                        ResponseProgress::After => depth == 1,
                        ResponseProgress::Before => false,
                    };
                    if in_place && name == TOKEN {
                        // Two tokens are ambiguous: neither is used.
                        if token.is_some() {
                            return Err("the reply has more than one Token.");
                        }
                        token = Some(String::new());
                        token_depth = (!is_empty).then_some(depth);
                    } else if in_place {
                        message = Some(String::new());
                        message_depth = (!is_empty).then_some(depth);
                    }
                }
                if !is_empty {
                    if depth >= MAX_DEPTH {
                        return Err("the XML nests elements deeper than 128.");
                    }
                    open.push(name);
                }
            }
            Event::End(element) => {
                // After the root, no element is open: `pop_matches` fails.
                if !is_qname(element.name().as_ref())
                    || !open.pop_matches(element.local_name().into_inner())
                {
                    return Err(NOT_WELL_FORMED);
                }
                let depth = open.depth();
                if message_depth == Some(depth) {
                    message_depth = None;
                }
                if token_depth == Some(depth) {
                    token_depth = None;
                }
                if progress == ResponseProgress::Inside && depth == 1 {
                    progress = ResponseProgress::After;
                }
                root_closed = depth == 0;
            }
            // Outside the root only whitespace may stand between the markup.
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if depth == 0 && !is_blank => {
                return Err(outside);
            }
            Event::Decl(ref declaration)
                if root_closed || !is_first_event || declaration.version().is_err() =>
            {
                return Err(outside);
            }
            // One DOCTYPE, before the root; its declarations are never read.
            Event::DocType(_) => {
                // quick-xml also takes `<!doctype`; XML spells it in capitals.
                let is_upper = body
                    .get(event_start..)
                    .is_some_and(|rest| rest.starts_with("<!DOCTYPE"));
                if root_closed || depth > 0 || doctype_seen || !is_upper {
                    return Err(outside);
                }
                doctype_seen = true;
            }
            // quick-xml normalizes line ends (CRLF and lone CR become LF) in `xml10_content`.
            Event::Text(text) if message_depth.is_some() || token_depth.is_some() => {
                if let Some(message) = capture(&mut message, &mut token, token_depth) {
                    keep(message, &text.xml10_content());
                }
            }
            Event::CData(text) if message_depth.is_some() || token_depth.is_some() => {
                if let Some(message) = capture(&mut message, &mut token, token_depth) {
                    keep(message, &text.xml10_content());
                }
            }
            Event::GeneralRef(name) if message_depth.is_some() || token_depth.is_some() => {
                if let Some(message) = capture(&mut message, &mut token, token_depth) {
                    match reference(&name) {
                        Some(c) => keep(message, c.encode_utf8(&mut [0; 4])),
                        None => {
                            keep(message, "&");
                            keep(message, &name);
                            keep(message, ";");
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }

    match progress {
        ResponseProgress::Before => Err("the reply has no Response element inside VerbaApi."),
        ResponseProgress::Inside => Err("the reply ends inside its Response element."),
        // A reply cut short after its Response may have lost a second one.
        ResponseProgress::After if !root_closed && !broken_close => {
            Err("the reply ends before its root element closes.")
        }
        ResponseProgress::After => {
            if let Some(element) = token {
                let element = element.trim().to_owned();
                match &envelope.token {
                    Some(attribute) if *attribute != element => {
                        return Err("the reply gives two different tokens.");
                    }
                    _ => envelope.token = Some(element),
                }
            }
            envelope.message = message
                .map(|text| text.trim().to_owned())
                .filter(|text| !text.is_empty());
            Ok(envelope)
        }
    }
}

/// The text being read: the `Token` element's while one is open (it is never inside the
/// message: both are in place only as children of Response or the root), else the message's.
fn capture<'s>(
    message: &'s mut Option<String>,
    token: &'s mut Option<String>,
    token_depth: Option<usize>,
) -> Option<&'s mut String> {
    if token_depth.is_some() {
        token.as_mut()
    } else {
        message.as_mut()
    }
}

/// XML whitespace, as a byte.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// How long the Response's `code` and `type` may be, as written.
const MAX_ATTRIBUTE_BYTES: usize = 4096;

/// Appends `piece` to the message being read, up to [`MAX_MESSAGE_BYTES`]; the first piece that
/// does not fit is cut at a character boundary and the message ends with `…`.
fn keep(message: &mut String, piece: &str) {
    const CUT: char = '…';
    if message.ends_with(CUT) && message.len() >= MAX_MESSAGE_BYTES {
        return;
    }
    let room = MAX_MESSAGE_BYTES.saturating_sub(message.len());
    if piece.len() <= room {
        message.push_str(piece);
        return;
    }
    let mut end = room;
    while !piece.is_char_boundary(end) {
        end -= 1;
    }
    message.push_str(&piece[..end]);
    message.push(CUT);
}

/// A BOM or XML whitespace. A predicate rather than a char array: its searcher is smaller in
/// the wasm build.
fn is_bom_or_space(c: char) -> bool {
    matches!(c, '\u{feff}' | ' ' | '\t' | '\r' | '\n')
}

/// Whether `name` is a qualified XML name (`local` or `prefix:local`), judged by its ASCII
/// characters: quick-xml does not check names. Non-ASCII characters are taken as name
/// characters.
fn is_qname(name: &str) -> bool {
    let (prefix, local) = name.split_once(':').unwrap_or(("", name));
    (prefix.is_empty() || is_ncname(prefix)) && is_ncname(local)
}

/// A name without `:`: a letter or `_` first, then also digits, `-` and `.`.
fn is_ncname(name: &str) -> bool {
    let mut bytes = name.bytes();
    bytes
        .next()
        .is_some_and(|b| !b.is_ascii() || b.is_ascii_alphabetic() || b == b'_')
        && bytes
            .all(|b| !b.is_ascii() || b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

/// The checks of characters quick-xml leaves out: `]]>` may only end a CDATA section (in
/// `&x]]>y;` quick-xml reads it into a reference, so `text` is a Text or a GeneralRef), and
/// neither U+FFFE, U+FFFF nor a control character other than tab, LF and CR is an XML
/// character.
fn breaks_xml_rules(content: &str, text: bool) -> bool {
    let bytes = content.as_bytes();
    bytes
        .iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        || bytes
            .windows(3)
            .any(|w| matches!(w, [0xEF, 0xBF, 0xBE | 0xBF]) || (text && w == b"]]>"))
}

/// An attribute value with its character references and the five predefined entities decoded;
/// any other `&name;` is kept as written, never looked up in a DTD. Linear: after each `&` the
/// `;` is looked for no further than [`LONGEST_REFERENCE`].
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pieces = text.split('&');
    out.push_str(pieces.next().unwrap_or_default());
    // Each further piece follows an `&`; a reference would end at a `;` early in it.
    for piece in pieces {
        let resolved = piece
            .bytes()
            .take(LONGEST_REFERENCE - 1)
            .position(|b| b == b';')
            .and_then(|end| Some((reference(piece.get(..end)?)?, piece.get(end + 1..)?)));
        match resolved {
            Some((c, rest)) => {
                out.push(c);
                out.push_str(rest);
            }
            None => {
                out.push('&');
                out.push_str(piece);
            }
        }
    }
    out
}

/// The character a reference (`name` between `&` and `;`) stands for, if it is one of the five
/// predefined entities or a character reference.
fn reference(name: &str) -> Option<char> {
    /// A table rather than a `match`, which compiles to more code in the wasm build.
    const PREDEFINED: [(&str, char); 5] = [
        ("lt", '<'),
        ("gt", '>'),
        ("amp", '&'),
        ("apos", '\''),
        ("quot", '"'),
    ];
    match PREDEFINED.iter().find(|(entity, _)| *entity == name) {
        Some(&(_, c)) => Some(c),
        None => name.strip_prefix('#').and_then(char_reference),
    }
}

/// `#65` or `#x41` (after the `#`), if it names a character other than NUL.
fn char_reference(number: &str) -> Option<char> {
    let (digits, radix, max_len) = match number.strip_prefix('x') {
        Some(hex) => (hex, 16, 6),
        None => (number, 10, 7),
    };
    if digits.is_empty() || digits.len() > max_len {
        return None;
    }
    // At most 6 hexadecimal or 7 decimal digits: no overflow.
    let mut value = 0;
    for b in digits.bytes() {
        value = value * radix + char::from(b).to_digit(radix)?;
    }
    char::from_u32(value).filter(|c| *c != '\0')
}
