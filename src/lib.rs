//! verba-api: delete recorded calls on a Verba recording server from the browser.
