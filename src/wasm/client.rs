//! `createClient`: a client that keeps a session token fresh (issue 10, spec §6).
//!
//! One renewal at a time, shared: the first call that needs a token starts a RequestToken and
//! keeps its promise; every call that needs one meanwhile awaits that same promise, each under
//! its own signal (an aborted call stops waiting; the renewal goes on for the others). A call
//! answered `AUTH_FAILED` gets a new token (the one already renewed by another call if there is
//! one) and is repeated once; nothing else is ever repeated.

use super::exports::{Rejection, send_delete_call, send_request_token, spawn, validation_error};
use super::input::{self, ObjectArgument};
use super::output::to_js;
use super::transport::OnAbort;
use crate::client::{ClientConfig, CredentialsInput, Session, UserCredentials};
use crate::error::{Action, VerbaError};
use crate::field::Field;
use crate::issue::{IssueCode, ValidationIssue};
use crate::options::DeleteCallOptions;
use crate::token::TokenInfo;
use js_sys::{Array, Function, Promise};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::{Closure, wasm_bindgen};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortSignal;

/// A client made by `createClient`: `deleteCall` and `requestToken` with one config and a
/// session token it requests, reuses and renews itself.
#[wasm_bindgen(js_name = VerbaClient)]
pub struct VerbaClient {
    shared: Rc<Shared>,
}

/// What the client's calls share.
pub(crate) struct Shared {
    config: ClientConfig,
    /// The caller's credentials function, when `credentials` is one.
    ask: Option<Function>,
    session: RefCell<Session>,
    /// The RequestToken under way, if any: a promise of its `TokenInfo`.
    renewal: RefCell<Option<Promise>>,
    /// Counts `forgetToken` calls, so that a renewal started before one is not kept after it.
    generation: Cell<u32>,
}

/// The config object.
const CONFIG: ObjectArgument = ObjectArgument {
    name: "config",
    example: "{ apiKey, credentials: { userName, password } }",
};

/// The argument of `client.deleteCall`.
const CALL: ObjectArgument = ObjectArgument {
    name: "selector",
    example: "{ callID }",
};

/// The argument of `client.requestToken`.
const TOKEN_CALL: ObjectArgument = ObjectArgument {
    name: "options",
    example: "{ signal }",
};

/// Makes a client. Checks the config at once and throws a `VerbaError` VALIDATION when it is
/// invalid; sends nothing.
#[wasm_bindgen(js_name = createClient)]
pub fn create_client(
    #[wasm_bindgen(unchecked_param_type = "ClientConfig")] config: JsValue,
) -> Result<VerbaClient, JsValue> {
    let invalid = |issues| validation_error(issues, Action::CreateClient);
    let read = input::options_of(&config, CONFIG).map_err(|issue| invalid(vec![issue]))?;
    let given = input::property(&config, Field::Credentials.name());
    let (credentials, ask) = if given.is_undefined() || given.is_null() {
        (CredentialsInput::Absent, None)
    } else if let Some(ask) = given.dyn_ref::<Function>() {
        (CredentialsInput::Callback, Some(ask.clone()))
    } else if given.is_object() && !Array::is_array(&given) {
        (
            CredentialsInput::Fixed {
                user_name: input::option_value(&input::property(&given, "userName")),
                password: input::option_value(&input::property(&given, "password")),
            },
            None,
        )
    } else {
        (
            CredentialsInput::Other(input::option_value(&given).type_name()),
            None,
        )
    };
    let mut checked = ClientConfig::validate(&read.options, credentials);
    if !read.base_url_parses {
        let mut issues = checked.err().unwrap_or_default();
        input::report_unparseable_base_url(&mut issues);
        checked = Err(issues);
    }
    let config = checked.map_err(invalid)?;
    Ok(VerbaClient {
        shared: Shared::new(config, ask),
    })
}

#[wasm_bindgen(js_class = VerbaClient)]
impl VerbaClient {
    /// Deletes a call named by `selector` (with its own `signal` and `timeoutMs` if given),
    /// getting or renewing the token first when the client has credentials, and repeating the
    /// call once if the recorder refused the token.
    #[wasm_bindgen(js_name = deleteCall, unchecked_return_type = "Promise<DeleteCallResult>")]
    pub fn delete_call(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ClientCall")] selector: JsValue,
    ) -> Promise {
        // The future itself, not an `async` block awaiting it: one state machine less.
        spawn(self.shared.clone().delete_call(selector))
    }

    /// Deletes many calls with this client's config and session: see `deleteCalls`. An
    /// `AUTH_FAILED` gets one renewal (shared by the items under way) before sending stops.
    #[wasm_bindgen(js_name = deleteCalls, unchecked_return_type = "Promise<BatchReport>")]
    pub fn delete_calls(
        &self,
        #[wasm_bindgen(unchecked_param_type = "BatchInput[]")] items: JsValue,
        #[wasm_bindgen(unchecked_param_type = "BatchOptions")] options: JsValue,
    ) -> Promise {
        spawn(super::batch::client_delete_calls(
            self.shared.clone(),
            items,
            options,
        ))
    }

    /// Requests a new token now (joining one under way), and keeps it for the next calls.
    #[wasm_bindgen(js_name = requestToken, unchecked_return_type = "Promise<TokenInfo>")]
    pub fn request_token(
        &self,
        #[wasm_bindgen(unchecked_param_type = "{ signal?: AbortSignal }")] options: JsValue,
    ) -> Promise {
        spawn(self.shared.clone().forced_renewal(options))
    }

    /// The token the client holds and when it expires, when the client requested it; `null`
    /// before, after `forgetToken`, and for a token given in the config (its expiry is unknown).
    #[wasm_bindgen(getter = tokenInfo, unchecked_return_type = "TokenInfo | null")]
    pub fn token_info(&self) -> JsValue {
        match self.shared.session.borrow().info() {
            Some((token, expires_at)) => to_js(&TokenInfo {
                token: token.to_owned(),
                expires_at,
            }),
            None => JsValue::NULL,
        }
    }

    /// Forgets the token (signing out): the next call requests a new one, and a renewal under
    /// way is not kept.
    #[wasm_bindgen(js_name = forgetToken)]
    pub fn forget_token(&self) {
        let shared = &self.shared;
        shared.session.borrow_mut().forget();
        shared.renewal.borrow_mut().take();
        shared
            .generation
            .set(shared.generation.get().wrapping_add(1));
    }
}

impl Shared {
    /// A client's shared state for `config` (whose token, if any, it holds), with the caller's
    /// credentials function if there is one.
    pub(crate) fn new(config: ClientConfig, ask: Option<Function>) -> Rc<Shared> {
        let session = Session::new(config.token().map(str::to_owned));
        Rc::new(Shared {
            config,
            ask,
            session: RefCell::new(session),
            renewal: RefCell::new(None),
            generation: Cell::new(0),
        })
    }

    /// The checked config.
    pub(crate) fn config(&self) -> &ClientConfig {
        &self.config
    }

    async fn delete_call(self: Rc<Self>, selector: JsValue) -> Result<JsValue, JsValue> {
        let invalid = |issues| validation_error(issues, Action::DeleteCall);
        let call = input::object(&selector, CALL).map_err(|issue| invalid(vec![issue]))?;
        // The call is checked before a token is requested for it: nothing is sent when it is
        // invalid.
        self.config.delete_call(&call, None).map_err(invalid)?;
        self.send(&call, input::signal(&selector))
            .await
            .0
            .map_err(|rejection| rejection.into_js(Action::DeleteCall))
    }

    /// Deletes the call named by `call` (checked by [`ClientConfig::delete_call`]) with the
    /// session's token: at most two attempts, the second only when the recorder refused the
    /// first one's token (and did nothing), with a new token (another call's renewal, if it
    /// already got one). Also gives how many requests were sent (0, 1 or 2).
    pub(crate) async fn send(
        self: &Rc<Self>,
        call: &DeleteCallOptions<'_>,
        signal: Option<AbortSignal>,
    ) -> (Result<JsValue, Rejection>, u32) {
        let mut sent = 0;
        loop {
            let token = match self.token_for_call(signal.as_ref()).await {
                Ok(token) => token,
                Err(rejection) => return (Err(rejection), sent),
            };
            let params = match self.config.delete_call(call, token.as_deref()) {
                Ok(params) => params,
                Err(issues) => return (Err(VerbaError::from(issues).into()), sent),
            };
            let outcome = send_delete_call(&params, signal.clone()).await;
            if !matches!(
                &outcome,
                Err(Rejection::Aborted(_, false)
                    | Rejection::Error(VerbaError::Network { sent: false, .. }, ..))
            ) {
                sent += 1;
            }
            let refused = matches!(&outcome, Err(rejection) if rejection.is_auth_failed());
            if !refused || !self.config.can_renew() {
                // Without credentials the given token stays: it is used as is.
                return (outcome, sent);
            }
            if let Some(token) = &token {
                self.session.borrow_mut().refused(token);
            }
            if sent > 1 {
                return (outcome, sent);
            }
        }
    }

    /// The token to send now: the one held while it is fresh, else a renewed one (when the
    /// client has credentials); `None` without a token.
    async fn token_for_call(
        self: &Rc<Self>,
        signal: Option<&AbortSignal>,
    ) -> Result<Option<String>, Rejection> {
        if !self.config.can_renew() {
            return Ok(self.session.borrow().token().map(str::to_owned));
        }
        if let Some(token) = self.session.borrow().fresh_token(js_sys::Date::now()) {
            return Ok(Some(token.to_owned()));
        }
        // An aborted call starts no renewal.
        if let Some(signal) = signal.filter(|signal| signal.aborted()) {
            return Err(Rejection::Aborted(signal.reason(), false));
        }
        match until_aborted(self.renewal(), signal).await {
            Ok(info) => Ok(input::property(&info, "token").as_string()),
            Err(reason) if signal.is_some_and(AbortSignal::aborted) => {
                Err(Rejection::Aborted(reason, false))
            }
            Err(failed) => Err(Rejection::Renewal(failed)),
        }
    }

    /// The renewal under way, or a new one.
    fn renewal(self: &Rc<Self>) -> Promise {
        if let Some(under_way) = self.renewal.borrow().as_ref() {
            return under_way.clone();
        }
        // Run as a task of its own: it finishes (and keeps its token) even when every call
        // that awaited it was aborted.
        let promise = spawn(self.clone().renew());
        *self.renewal.borrow_mut() = Some(promise.clone());
        promise
    }

    /// Gets the credentials and requests a token with them; keeps it unless the token was
    /// forgotten meanwhile.
    async fn renew(self: Rc<Self>) -> Result<JsValue, JsValue> {
        // However it ends, the renewal is then no longer under way. (A guard rather than an
        // `async` block around this future that clears it: one state machine less in the wasm
        // build.)
        let generation = self.generation.get();
        let _ended = RenewalEnds(&self, generation);
        let asked;
        let credentials = match self.config.credentials() {
            Some(credentials) => credentials,
            None => {
                // Awaited here rather than in an `async fn` of its own: one state machine less
                // in the wasm build.
                let answer = JsFuture::from(self.ask_credentials()?).await?;
                asked = self.checked_answer(&answer)?;
                &asked
            }
        };
        let params = self
            .config
            .request_token(credentials)
            .map_err(|issues| validation_error(issues, Action::RequestToken))?;
        let info = send_request_token(&params, self.config.cors_preflight(), None)
            .await
            .map_err(|rejection| rejection.into_js(Action::RequestToken))?;
        if self.generation.get() == generation {
            self.session
                .borrow_mut()
                .renewed(&info.token, info.expires_at);
        }
        Ok(to_js(&info))
    }

    /// Calls the caller's credentials function: a promise of its answer. What it throws or
    /// rejects with is passed on unchanged.
    fn ask_credentials(&self) -> Result<Promise, JsValue> {
        let Some(ask) = &self.ask else {
            return Err(credentials_answer_issue("there is no credentials function"));
        };
        Ok(Promise::resolve(&ask.call0(&JsValue::UNDEFINED)?))
    }

    /// Checks what the credentials function resolved with.
    fn checked_answer(&self, answer: &JsValue) -> Result<UserCredentials, JsValue> {
        if !answer.is_object() || Array::is_array(answer) {
            return Err(credentials_answer_issue(
                input::option_value(answer).type_name(),
            ));
        }
        self.config
            .check_credentials(
                &input::option_value(&input::property(answer, "userName")),
                &input::option_value(&input::property(answer, "password")),
            )
            .map_err(|issues| validation_error(issues, Action::RequestToken))
    }

    /// `client.requestToken(options)`: a new token now, or the one a renewal under way brings.
    async fn forced_renewal(self: Rc<Self>, options: JsValue) -> Result<JsValue, JsValue> {
        let invalid = |issues| validation_error(issues, Action::RequestToken);
        let signal = if options.is_undefined() || options.is_null() {
            None
        } else {
            let read = input::object(&options, TOKEN_CALL).map_err(|issue| invalid(vec![issue]))?;
            // A loop rather than an iterator chain collected: smaller in the wasm build.
            let mut issues = Vec::new();
            for name in read.names_outside(&[Field::Signal]) {
                issues.push(ValidationIssue::named(
                    name,
                    IssueCode::UnknownOption,
                    &[
                        "client.requestToken takes only { signal }; ",
                        name,
                        " is set in createClient's config.",
                    ],
                ));
            }
            if let Err(issue) = crate::validation::rules::signal(read.get(Field::Signal)) {
                issues.push(issue);
            }
            if !issues.is_empty() {
                return Err(invalid(issues));
            }
            input::signal(&options)
        };
        if let Some(signal) = signal.as_ref().filter(|signal| signal.aborted()) {
            return Err(signal.reason());
        }
        if !self.config.can_renew() {
            return Err(invalid(vec![ValidationIssue::new(
                Field::Credentials,
                IssueCode::Required,
                &[
                    "This client has no credentials to request a token with; give createClient \
                   credentials: { userName, password } or a function that resolves to them.",
                ],
            )]));
        }
        until_aborted(self.renewal(), signal.as_ref()).await
    }
}

/// Clears the renewal under way when dropped, as [`Shared::renew`] ends, unless `forgetToken`
/// came meanwhile (the generation moved on): then the slot is empty or holds a newer renewal.
struct RenewalEnds<'a>(&'a Shared, u32);

impl Drop for RenewalEnds<'_> {
    fn drop(&mut self) {
        if self.0.generation.get() == self.1 {
            self.0.renewal.borrow_mut().take();
        }
    }
}

/// A `VerbaError` VALIDATION for a credentials function that resolved with something else than
/// `{ userName, password }`.
fn credentials_answer_issue(what: &str) -> JsValue {
    validation_error(
        vec![ValidationIssue::new(
            Field::Credentials,
            IssueCode::InvalidType,
            &[
                "The credentials function must resolve to { userName, password }, not ",
                what,
                ".",
            ],
        )],
        Action::RequestToken,
    )
}

/// `promise`'s outcome, or the signal's reason as soon as it is aborted (the promise goes on).
pub(crate) async fn until_aborted(
    promise: Promise,
    signal: Option<&AbortSignal>,
) -> Result<JsValue, JsValue> {
    // One await for both cases (each await point weighs in the wasm build); the waiter, if
    // any, lives until the awaited promise settles.
    let mut waiter = None;
    let awaited = match signal {
        None => promise,
        Some(signal) if signal.aborted() => return Err(signal.reason()),
        Some(signal) => {
            let aborted = &waiter.insert(AbortWaiter::new(signal)).aborted;
            Promise::race(&Array::of2(&promise, aborted))
        }
    };
    let outcome = JsFuture::from(awaited).await;
    drop(waiter);
    outcome
}

/// A promise that rejects with the signal's reason when it is aborted; its listener is removed
/// when dropped, so a long-lived signal gathers none.
struct AbortWaiter {
    _listener: OnAbort,
    aborted: Promise,
}

impl AbortWaiter {
    fn new(signal: &AbortSignal) -> Self {
        let mut reject = None;
        let aborted = Promise::new(&mut |_resolve, rejecter| reject = Some(rejecter));
        let target = signal.clone();
        let on_abort = move || {
            if let Some(reject) = &reject {
                let _ = reject.call1(&JsValue::UNDEFINED, &target.reason());
            }
        };
        AbortWaiter {
            _listener: OnAbort::listen(signal, Closure::new(on_abort)),
            aborted,
        }
    }
}
