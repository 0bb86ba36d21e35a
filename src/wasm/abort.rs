//! One `AbortSignal` for fetch that fires on the caller's signal or on the timeout, whichever
//! comes first; the timer and the listener are released when the guard is dropped.
//!
//! Built from `AbortController` and `setTimeout` rather than `AbortSignal.any`/`.timeout` so it
//! works in every browser that has fetch abort, and so the guard can tell which of the two fired.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{AbortController, AbortSignal};

#[wasm_bindgen]
extern "C" {
    // Global functions, present in windows, workers and Node alike.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(handler: &Closure<dyn FnMut()>, ms: u32) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue);
}

/// Combines the caller's signal with a timeout.
pub(crate) struct AbortGuard {
    controller: AbortController,
    caller: Option<(AbortSignal, Closure<dyn FnMut()>)>,
    timer: Option<(JsValue, Closure<dyn FnMut()>)>,
    timed_out: Rc<Cell<bool>>,
}

impl AbortGuard {
    /// Arms the guard; `Err` if the platform has no `AbortController`.
    pub(crate) fn new(
        caller: Option<&AbortSignal>,
        timeout_ms: Option<u32>,
    ) -> Result<Self, JsValue> {
        let controller = AbortController::new()?;
        let caller = caller.map(|signal| {
            let (signal_for_listener, target) = (signal.clone(), controller.clone());
            let on_abort = Closure::<dyn FnMut()>::new(move || {
                target.abort_with_reason(&signal_for_listener.reason());
            });
            let _ =
                signal.add_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
            (signal.clone(), on_abort)
        });
        let timed_out = Rc::new(Cell::new(false));
        let timer = timeout_ms.map(|ms| {
            let (flag, target) = (timed_out.clone(), controller.clone());
            let on_timeout = Closure::<dyn FnMut()>::new(move || {
                flag.set(true);
                target.abort();
            });
            (set_timeout(&on_timeout, ms), on_timeout)
        });
        Ok(AbortGuard {
            controller,
            caller,
            timer,
            timed_out,
        })
    }

    /// The signal to give fetch.
    pub(crate) fn signal(&self) -> AbortSignal {
        self.controller.signal()
    }

    /// The caller's abort reason, if the caller aborted.
    pub(crate) fn caller_reason(&self) -> Option<JsValue> {
        self.caller
            .as_ref()
            .filter(|(signal, _)| signal.aborted())
            .map(|(signal, _)| signal.reason())
    }

    /// Whether the timeout fired.
    pub(crate) fn timed_out(&self) -> bool {
        self.timed_out.get()
    }
}

impl Drop for AbortGuard {
    fn drop(&mut self) {
        if let Some((id, _)) = &self.timer {
            clear_timeout(id);
        }
        if let Some((signal, on_abort)) = &self.caller {
            let _ = signal
                .remove_event_listener_with_callback("abort", on_abort.as_ref().unchecked_ref());
        }
    }
}

use wasm_bindgen::JsCast as _;
