//! What the hosting page tells: its location, for relative base URLs and the default origin.

use js_sys::Reflect;
use wasm_bindgen::JsValue;

/// `location.href` and `location.origin` of the page or worker; `None` where there is no
/// location (Node).
fn location_property(name: &str) -> Option<String> {
    let location = Reflect::get(&js_sys::global(), &JsValue::from_str("location")).ok()?;
    if location.is_undefined() || location.is_null() {
        return None;
    }
    Reflect::get(&location, &JsValue::from_str(name))
        .ok()?
        .as_string()
}

/// The page's origin, the default base URL.
pub(crate) fn origin() -> Option<String> {
    location_property("origin").filter(|origin| origin != "null")
}

/// `base_url` resolved against the page with the browser's URL parser (absolute input is only
/// normalized). Input the parser refuses is returned unchanged for the core to report.
pub(crate) fn resolve(base_url: &str) -> String {
    let parsed = match location_property("href") {
        Some(page) => web_sys::Url::new_with_base(base_url, &page),
        None => web_sys::Url::new(base_url),
    };
    parsed.map_or_else(|_| base_url.to_owned(), |url| url.href())
}
