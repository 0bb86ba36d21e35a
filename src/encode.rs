//! `application/x-www-form-urlencoded` serialization, as the WHATWG URL standard defines it for
//! both form bodies and query strings.

/// Appends `value` form-encoded: ASCII letters, digits and `*-._` as they are, space as `+`,
/// every other UTF-8 byte as `%XX`.
pub fn push_form_encoded(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in value.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(byte))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0x0f)]));
            }
        }
    }
}

/// `value` form-encoded.
pub fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_form_encoded(&mut out, value);
    out
}

/// The length `value` has once form-encoded, without encoding it.
pub fn form_encoded_len(value: &str) -> usize {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' | b' ' => 1,
            _ => 3,
        })
        .sum()
}
