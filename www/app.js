// The demo admin page's use of verba-api: live validation in the admin's words, the redacted
// request preview, the confirmation, deleteCall, signing in (a client that gets and renews its
// token from a user name and password), and what each outcome tells the admin. Deleting many
// calls at once (deleteCalls) is bulk.js, with this file's connection and words. The call list
// is the emulator's (emulator-console.js); a portal shows its own instead.
import { h } from "./dom.js";
import { mountEmulatorConsole } from "./emulator-console.js";
import { mountBulkPanel } from "./bulk.js";

// The package, imported as a portal imports it: `import init, { deleteCall, … } from "verba-api"`.
// Loaded in start() with import(), so that a missing build shows a message instead of a dead form.
let deleteCall, deleteCalls, createClient, validateDeleteCall, validateParameter, buildDeleteCallRequest, VerbaError;

// The emulator's demo credentials (emulator/src/demo_data.rs). Set as input values only, never
// written into the page's text.
const DEMO_API_KEY = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
const DEMO_TOKEN = "09835e02-6c10-11e0-bb22-ba324924019b";
// The emulator's demo user; its password is typed by the admin, never prefilled or kept by the
// page (the signed-in client holds it, to renew the token).
const DEMO_USER = "myapiuser";
// Stands in for the signed-in client's token in validation and the redacted preview only (short,
// so the preview shows "REDACTED" alone); the client sends its own token, which the page never
// reads (it is a secret).
const SIGNED_IN_TOKEN = "signed-in";
// A well-formed call ID, so that validateDeleteCall checks the connection alone for the bulk panel.
const PROBE_CALL_ID = "00000000-0000-4000-8000-000000000000";

const SELECTORS = {
  callID: {
    label: "Call ID",
    hint: "32 hexadecimal digits in groups of 8-4-4-4-12.",
    placeholder: "a8343631-9f35-4a3a-83f0-9e81592339fb",
  },
  platformCallID: {
    label: "Platform call ID",
    hint: "The “Platform Call ID” field of the recording.",
    placeholder: "e.g. 71627389",
  },
  nativeID: {
    label: "Native ID",
    hint: "The “Technical Call Identifier” field of the recording.",
    placeholder: "e.g. TRS26140192",
  },
  meetingID: { label: "Meeting ID", hint: "The Lync/Skype meeting ID.", placeholder: "e.g. WHBFM6DD" },
  extension: {
    label: "Extension or phone number",
    hint: "A number that took part in the call: an extension, a phone number with + and separators, or a sip:/tel: address.",
    placeholder: "e.g. 8856 or +36 1 234 5678",
  },
};
const STATUS_WORDS = { ongoing: "the ongoing call", next: "the next call", last: "the last finished call" };

// The package's messages name the options as a developer writes them ("callID must be a GUID …");
// the admin reads the field's name instead, and for the usual problems the page's own words.
const FIELD_NAMES = {
  baseUrl: "recorder base URL",
  apiKey: "API key",
  token: "token",
  callID: "call ID",
  platformCallID: "platform call ID",
  nativeID: "native ID",
  meetingID: "meeting ID",
  extension: "extension or phone number",
  status: "choice of call",
  userName: "user name",
  password: "password",
  "credentials.userName": "user name", // createClient's names for the same
  "credentials.password": "password",
};

function issueText(issue) {
  const name = FIELD_NAMES[issue.field] ?? issue.field;
  switch (issue.code) {
    case "required":
      return `Enter the ${name}.`;
    case "missing_selector":
      return "Pick a call, or enter its ID.";
    case "sign_in_required": // the page's own rule: the Sign in choice needs a signed-in client
      return "Sign in (in Connection), or choose “Enter a token”.";
    case "extension_requires_status":
      return "Choose which call of the extension: ongoing, next or last.";
    case "invalid_guid":
      return `Not a valid ${name}: it has 32 hexadecimal digits in groups of 8-4-4-4-12, like a8343631-9f35-4a3a-83f0-9e81592339fb.`;
    case "invalid_token":
      return "Not a valid token: use the token the recorder issued, without spaces.";
    case "invalid_extension":
      return "Not an extension or phone number: use digits, + * # and spaces or dashes, or a sip:/tel: address.";
    case "insecure_url":
      return "Plain http:// to another computer would send the API key unencrypted: use https://, or tick “Allow plain http://” under Request options.";
    case "url_too_long":
      return "The request is too long for GET: choose POST.";
    case "html_in_batch": // the page's word for deleteCalls' refusal of HTML replies
      return "HTML replies cannot be counted (they carry no result code): choose XML, JSON or TEXT under Request options to delete many calls.";
    default: {
      // The package's sentence, with the field's name for the option's ("userName" for
      // createClient's "credentials.userName" too).
      const option = [issue.field, issue.field.split(".").at(-1)].find((o) => issue.message.startsWith(`${o} `));
      const text = option ? name + issue.message.slice(option.length) : issue.message;
      return text[0].toUpperCase() + text.slice(1);
    }
  }
}

const $ = (id) => document.getElementById(id);
const form = $("delete-form");
const els = {
  baseUrl: $("baseUrl"),
  apiKey: $("apiKey"),
  token: $("token"),
  method: $("method"),
  responseType: $("responseType"),
  allowInsecureHttp: $("allowInsecureHttp"),
  selectorValue: $("selectorValue"),
  formIssues: $("form-issues"),
  deleteButton: $("delete-button"),
  cancelRequest: $("cancel-request"),
  preview: $("preview"),
  result: $("result"),
  dialog: $("confirm-dialog"),
  tokenField: $("token-field"),
  signin: $("signin"),
  signinForm: $("signin-form"),
  signinFields: $("signin-fields"),
  userName: $("userName"),
  password: $("password"),
  signinButton: $("signin-button"),
  signinMsg: $("signin-msg"),
  signinAnnounce: $("signin-announce"),
  signedIn: $("signed-in"),
  signedInUser: $("signed-in-user"),
  signoutButton: $("signout-button"),
  lifetimeText: $("token-lifetime-text"),
  lifetimeLead: $("token-lifetime-lead"),
  lifetime: $("token-lifetime"),
  lifetimeNote: $("token-lifetime-note"),
};
// What the signed-in client was created with: locked while signed in (the token is the key's).
const CONNECTION_INPUTS = ["baseUrl", "apiKey", "method", "responseType", "allowInsecureHttp"];

const state = {
  ready: false, // the package is loaded
  busy: false, // a deleteCall is in flight
  valid: false,
  selector: "callID",
  typed: {}, // the value typed for each selector, back when switching to it again
  done: null, // the selection just deleted: Delete stays off until the selection changes
  controller: null,
  auth: "token", // "token": the token field; "signIn": a client signed in with a user name and password
  client: null, // the signed-in VerbaClient (createClient with credentials), or null
  signedInAs: "", // its user name
  signingIn: null, // the AbortController of a sign-in in flight
  ticker: null, // the interval that counts the token's lifetime down
  bulkBusy: false, // the bulk panel's deleteCalls is running (with the signed-in client, maybe)
  target: null, // what answers, from the last refresh: "emulator", "proxy" or "recorder" (null: not known yet)
};
let calls; // the emulator console: find, show and describe calls of its list, refresh it
let bulk; // the bulk panel (bulk.js)

// ---- the form ----------------------------------------------------------------------------------

const statuses = () => [...form.querySelectorAll('input[name="status"]:checked')].map((i) => i.value);
const selection = () => [state.selector, els.selectorValue.value, state.selector === "extension" && statuses()].join("|");

/** The connection part of the form (also a ClientConfig without credentials); empty fields left out. */
function readConnection() {
  const options = { apiKey: els.apiKey.value, method: els.method.value, responseType: els.responseType.value };
  if (els.baseUrl.value.trim() !== "") options.baseUrl = els.baseUrl.value.trim();
  if (els.allowInsecureHttp.checked) options.allowInsecureHttp = true;
  return options;
}

/**
 * The DeleteCallOptions the form describes; empty fields are left out. Signed in, the token is a
 * stand-in (for validation and the preview): the client sends its own.
 */
function readOptions() {
  const options = readConnection();
  if (state.auth === "token" && els.token.value !== "") options.token = els.token.value;
  if (state.auth === "signIn" && state.client) options.token = SIGNED_IN_TOKEN;
  if (els.selectorValue.value !== "") options[state.selector] = els.selectorValue.value;
  if (state.selector === "extension") options.status = statuses();
  return options;
}

function showIssues(slot, issues, input) {
  slot.replaceChildren(...issues.map((i) => h("p", { class: "msg-error", dataset: { code: i.code } }, issueText(i))));
  if (input && issues.length) input.setAttribute("aria-invalid", "true");
  else if (input) input.removeAttribute("aria-invalid");
}

/** Re-validates everything: field messages, what is missing, the preview, the Delete button. */
function update() {
  if (!state.ready) return;
  if (state.done !== null && state.done !== selection()) state.done = null;
  const options = readOptions();

  // Each field on its own (validateParameter), under the field, as the admin types.
  const fields = [
    ["baseUrl", els.baseUrl],
    ["apiKey", els.apiKey],
    ["token", state.auth === "token" ? els.token : null, "token-msg"],
    [state.selector, els.selectorValue, "selectorValue-msg"],
    ["status", null],
  ];
  const shown = new Set();
  for (const [name, input, slot = `${name}-msg`] of fields) {
    const value = name === "token" && state.auth !== "token" ? undefined : options[name];
    let issues = value === undefined || value.length === 0 ? [] : validateParameter(name, value);
    // One field alone cannot see the opt-in; the whole-form check below still applies.
    if (name === "baseUrl" && options.allowInsecureHttp) issues = issues.filter((i) => i.code !== "insecure_url");
    showIssues($(slot), issues, input);
    issues.forEach((i) => shown.add(`${i.field}/${i.code}`));
  }

  // The whole request (validateDeleteCall): what else is missing, listed above the Delete button.
  const report = validateDeleteCall(options);
  const missing = report.issues.filter((i) => !shown.has(`${i.field}/${i.code}`));
  if (state.auth === "signIn" && !state.client) missing.unshift({ field: "token", code: "sign_in_required" });
  state.valid = report.valid && missing.length === 0;
  const key = missing.map((i) => `${i.field}/${i.code}`).join(" ");
  if (els.formIssues.dataset.key !== key) {
    els.formIssues.dataset.key = key; // a live region: rewritten only when it changes
    els.formIssues.replaceChildren();
    if (missing.length) {
      els.formIssues.append(
        h("p", { class: "form-issues-title" }, "To enable Delete:"),
        h("ul", {}, missing.map((i) => h("li", { dataset: { code: i.code, field: i.field } }, issueText(i)))),
      );
    }
  }
  const statusMissing = report.issues.some((i) => i.field === "status");
  for (const box of form.querySelectorAll('input[name="status"]')) {
    if (statusMissing) box.setAttribute("aria-invalid", "true");
    else box.removeAttribute("aria-invalid");
  }

  // Only `preview` is shown: `url` (GET) and `body` (POST) hold the credentials.
  els.preview.classList.toggle("is-empty", !state.valid);
  els.preview.textContent = state.valid
    ? buildDeleteCallRequest(options).preview
    : "The request appears here once the form is complete and valid.";
  els.deleteButton.disabled = !state.valid || state.busy || state.done !== null;
  const value = options[state.selector];
  calls.show(state.selector, value && validateParameter(state.selector, value).length === 0 ? value : "");
  bulk.update();
}

/**
 * The connection for the bulk panel: the options of step 1 (with the token field's token), the
 * signed-in client (or null), and what keeps the connection from being used, in issues.
 */
function bulkConnection() {
  const options = readConnection();
  if (state.auth === "token" && els.token.value !== "") options.token = els.token.value;
  const probe = { ...options, callID: PROBE_CALL_ID };
  if (state.auth === "signIn" && state.client) probe.token = SIGNED_IN_TOKEN;
  const issues = validateDeleteCall(probe).issues.filter((i) => i.field !== "callID");
  if (state.auth === "signIn" && !state.client) issues.unshift({ field: "token", code: "sign_in_required" });
  // deleteCalls refuses HTML replies (no API code to count): said here, before anything is sent.
  if (String(options.responseType ?? "").toUpperCase() === "HTML") issues.push({ field: "responseType", code: "html_in_batch" });
  return { options, client: state.auth === "signIn" ? state.client : null, signedInAs: state.signedInAs, issues };
}

function setSelector(name) {
  state.typed[state.selector] = els.selectorValue.value;
  state.selector = name;
  const spec = SELECTORS[name];
  form.querySelector(`input[name="selector"][value="${name}"]`).checked = true;
  $("selectorValue-label").textContent = spec.label;
  $("selectorValue-hint").textContent = spec.hint;
  els.selectorValue.placeholder = spec.placeholder;
  els.selectorValue.inputMode = name === "extension" ? "tel" : "text";
  els.selectorValue.value = state.typed[name] ?? "";
  $("status-group").hidden = name !== "extension";
}

/** A call was picked in the list: delete it by its call ID. */
function pickCall(callID) {
  if (state.busy) return;
  setSelector("callID");
  els.selectorValue.value = callID;
  update();
  const box = els.selectorValue.getBoundingClientRect();
  if (box.top < 0 || box.bottom > innerHeight) {
    // Narrow screens: the form is out of sight; bring the filled field to the admin.
    els.selectorValue.focus();
    els.selectorValue.scrollIntoView({ block: "center" });
  }
}

// ---- deleting ----------------------------------------------------------------------------------

/** "the call with call ID …", "the ongoing call or the next call of extension 8856". */
function describeSelection(options) {
  const value = options[state.selector];
  if (state.selector !== "extension") return `the call with ${FIELD_NAMES[state.selector]} ${value}`;
  const words = options.status.map((s) => STATUS_WORDS[s]);
  const which = words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : words[0];
  return `${which} of extension ${value}`;
}

/**
 * [title, text] of a success. The recorder gives the same answer (code 0) whether it deleted a
 * finished call or only marked an ongoing or scheduled one for deletion: what happened follows
 * from the call's state, when the list knows the call or the status says it.
 */
function outcome(options, call) {
  let notEnded = [];
  if (call) notEnded = [call.state !== "finished"];
  else if (state.selector === "extension") notEnded = options.status.map((s) => s !== "last");
  if (notEnded.length && notEnded.every(Boolean)) {
    return ["Marked for deletion", "The call has not ended: the recorder marked it for deletion and deletes it when the call ends."];
  }
  if (notEnded.length && !notEnded.some(Boolean)) return ["Deleted", "The recorder deleted the call."];
  return [
    "Accepted",
    "The recorder accepted the deletion: a finished call is deleted now, a call that has not ended is marked for deletion and deleted when it ends.",
  ];
}

function confirmDelete(options, call) {
  const host = new URL(buildDeleteCallRequest(options).url).host;
  const text = $("confirm-text");
  text.textContent = `You are about to delete ${describeSelection(options)} on ${calls.where(host)}.`;
  if (call && call.state !== "finished") {
    text.append(" The call has not ended: the recorder marks it for deletion and deletes it when it ends.");
  }
  $("confirm-protected").hidden = !call?.doNotDelete; // the list says the recorder will refuse
  const [recording, participants] = call ? calls.describe(call) : [];
  const rows = [
    ["Recording", recording],
    ["Participants", participants],
    ["Request", `${options.method} · reply as ${options.responseType}`],
    ["Signed in as", state.client && state.signedInAs],
  ];
  $("confirm-details").replaceChildren(
    ...rows.filter(([, v]) => v).map(([term, v]) => h("div", {}, h("dt", {}, term), h("dd", {}, v))),
  );
  els.dialog.returnValue = "";
  els.dialog.showModal();
  return new Promise((resolve) => {
    els.dialog.addEventListener("close", () => resolve(els.dialog.returnValue === "delete"), { once: true });
  });
}

function panel(kind, outcomeName, title, ...content) {
  const icon = { success: "✓", error: "!", cancelled: "–" }[kind];
  return h(
    "div",
    { class: `result-card is-${kind}`, dataset: { outcome: outcomeName } },
    h("p", { class: "result-title", tabindex: -1 }, h("span", { class: "result-icon", "aria-hidden": "true" }, icon), title),
    ...content,
  );
}

/** The codes behind an outcome, folded away: for developers and support, not for the admin. */
function technicalDetails(rows, text) {
  const facts = rows
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([term, v]) => h("div", {}, h("dt", {}, term), h("dd", {}, String(v))));
  return h(
    "details",
    { class: "details" },
    h("summary", {}, "Technical details"),
    h("dl", { class: "result-facts" }, facts),
    text && h("pre", {}, text),
  );
}

function successPanel(result, [title, text]) {
  return panel(
    "success",
    "success",
    title,
    h("p", {}, text),
    result.message && h("p", { class: "result-message" }, `The recorder says: ${result.message}`),
    h("p", { class: "result-message" }, "To delete another call, pick it in the list or enter its ID."),
    technicalDetails(
      [
        ["Response type", result.responseType],
        ["HTTP status", result.httpStatus],
        ["API code", result.code],
      ],
      result.raw,
    ),
  );
}

/** What an admin reads for each VerbaError code; err.message is the package's, for developers. */
function errorText(err) {
  switch (err.code) {
    case "VALIDATION": // nothing was sent (the form keeps Delete off while invalid)
      return `Nothing was sent. ${err.issues.map(issueText).join(" ")}`;
    case "CALL_NOT_FOUND":
      return "The recorder has no such call. It may have been deleted already.";
    case "AUTH_FAILED": // API code 4 (or -40…-43): nothing was done
      // Signed in, the client already got a new token once and was refused again.
      return state.client
        ? "The recorder refused the API key or the sign-in, even with a new token. Sign out and sign in again."
        : "The recorder refused the API key or the token. Check them in the settings, or choose “Sign in” to get a new token; a token lasts one hour.";
    case "API_ERROR": // the recorder's own reason, e.g. "… because it is protected from deletion"
      return err.message;
    case "NETWORK":
      return "The recorder could not be reached. Check the recorder base URL; a recorder at another address must allow this page (CORS) or be reached through a proxy.";
    case "TIMEOUT":
      return "The recorder did not answer in time.";
    case "HTTP_ERROR": {
      const status = err.httpStatus ? ` (HTTP ${err.httpStatus})` : "";
      return `The server at the recorder base URL did not answer as a Verba recorder${status}. Check the address.`;
    }
    case "PARSE":
      return "The recorder's answer could not be read. Check the recorder base URL and the response type.";
    default:
      return err.message;
  }
}

/** What to do when the call may have been deleted: look at the list, or (no list) on the recorder. */
function mayHaveDeleted() {
  return calls.listing()
    ? "The recorder may have deleted the call; refresh the list before trying again."
    : "The recorder may have deleted the call; check on the recorder before trying again (a call already deleted is then answered “not found”).";
}

function errorPanel(err) {
  if (err instanceof VerbaError) {
    const card = panel(
      "error",
      "error",
      err.mayHaveDeleted ? "Outcome unknown" : "Not deleted",
      h("p", {}, errorText(err)),
      err.mayHaveDeleted && h("p", { class: "result-warning" }, mayHaveDeleted()),
      technicalDetails(
        [
          ["Error code", err.code],
          ["API code", err.apiCode],
          ["HTTP status", err.httpStatus],
        ],
        err.code === "API_ERROR" ? null : err.message, // API_ERROR's message is the text above
      ),
    );
    card.dataset.code = err.code;
    return card;
  }
  if (err?.name === "AbortError") {
    // Our own signal's reason: the request may have reached the recorder all the same.
    return panel(
      "cancelled",
      "cancelled",
      "Request cancelled",
      h("p", {}, "The request was cancelled before the recorder answered."),
      h("p", { class: "result-warning" }, mayHaveDeleted()),
    );
  }
  return panel("error", "unexpected", "Unexpected error", h("p", {}, String(err?.message ?? err)));
}

function setBusy(busy) {
  state.busy = busy;
  els.cancelRequest.hidden = !busy;
  els.signoutButton.disabled = busy || state.bulkBusy; // the deletion in flight uses the client
  form.setAttribute("aria-busy", String(busy));
  update();
}

async function onSubmit(event) {
  event.preventDefault();
  update();
  if (!state.valid || state.busy || state.done !== null) return;
  const options = readOptions();
  const call = calls.find(state.selector, options[state.selector]);
  if (!(await confirmDelete(options, call))) return;

  const submitted = selection();
  state.controller = new AbortController();
  setBusy(true);
  const spinner = h("span", { class: "spinner", "aria-hidden": "true" });
  els.result.replaceChildren(h("p", { class: "result-pending" }, spinner, `Deleting ${describeSelection(options)}…`));
  els.cancelRequest.focus();
  let card;
  const client = state.client;
  const expiresBefore = client?.tokenInfo?.expiresAt;
  try {
    const signal = state.controller.signal;
    // Signed in: the client adds its token, gets a new one when the recorder refuses it (once).
    const result = await (client ? client.deleteCall({ ...selectorOf(options), signal }) : deleteCall({ ...options, signal }));
    card = successPanel(result, outcome(options, call));
    state.done = submitted;
  } catch (err) {
    card = errorPanel(err);
  }
  if (client && client === state.client) tokenMayHaveChanged(expiresBefore);
  state.controller = null;
  const hadFocus = document.activeElement === els.cancelRequest;
  els.result.replaceChildren(card);
  setBusy(false);
  if (hadFocus) card.querySelector(".result-title").focus();
  await calls.refresh();
}

/** The call selector of the options, for a client's deleteCall (which adds the connection). */
function selectorOf(options) {
  const selector = { [state.selector]: options[state.selector] };
  if (state.selector === "extension") selector.status = options.status;
  return selector;
}

// ---- signing in --------------------------------------------------------------------------------

/** "59:58": whole seconds as minutes and seconds. */
function mmss(seconds) {
  const two = (n) => String(n).padStart(2, "0");
  return `${two(Math.floor(seconds / 60))}:${two(seconds % 60)}`;
}

const secondsLeft = (info) => Math.max(0, Math.ceil((info.expiresAt - Date.now()) / 1000));

/**
 * The token's remaining lifetime, from the client's tokenInfo (once a second). Only the timer's
 * digits change each second; the sentence around them when the phase changes. The timer is not a
 * live region: announcements go to #signin-announce, on sign-in, renewal and sign-out only.
 */
function renderLifetime() {
  const info = state.client?.tokenInfo ?? null;
  const left = info ? secondsLeft(info) : 0;
  // The client renews a token a minute before it expires, at its next request.
  const phase = !info ? "none" : left === 0 ? "expired" : left <= 60 ? "renewing" : "valid";
  els.lifetime.textContent = mmss(left);
  if (els.lifetimeText.dataset.phase === phase) return;
  els.lifetimeText.dataset.phase = phase;
  els.lifetime.hidden = phase === "none" || phase === "expired";
  els.lifetimeLead.textContent = {
    valid: "Token expires in ",
    renewing: "Token expires in ",
    expired: "Token expired",
    none: "No token",
  }[phase];
  els.lifetimeNote.textContent = phase === "valid" ? "" : "; a new one is requested with the next deletion.";
}

/** After a deletion: the client may have got a new token (expired, or refused by the recorder). */
function tokenMayHaveChanged(expiresBefore) {
  const info = state.client.tokenInfo;
  renderLifetime();
  if (info && info.expiresAt !== expiresBefore) {
    announce(`A new token was requested; it expires in ${Math.round(secondsLeft(info) / 60)} minutes.`);
  }
}

function markInvalid(input, invalid) {
  if (invalid) input.setAttribute("aria-invalid", "true");
  else input.removeAttribute("aria-invalid");
}

function announce(text) {
  els.signinAnnounce.textContent = text;
}

function signInMessage(issues, code) {
  els.signinMsg.replaceChildren(
    ...issues.map((text) => h("p", { class: "msg-error", dataset: { code } }, text)),
  );
}

/** What the admin reads when signing in fails; never the password (the package redacts it too). */
function signInErrorText(err) {
  if (!(err instanceof VerbaError)) return `Unexpected error: ${String(err?.message ?? err)}`;
  switch (err.code) {
    case "VALIDATION":
      return err.issues.map(issueText).join(" ");
    case "AUTH_FAILED":
      return "The recorder refused the sign-in: check the user name, the password and the API key. The user needs the System Administrator and System Supervisor roles.";
    case "PARSE":
      return "The recorder's answer could not be read. Check the recorder base URL; a token needs the XML, JSON or TEXT response type.";
    default: // NETWORK, TIMEOUT, HTTP_ERROR: the same words as for a deletion
      return errorText(err);
  }
}

function setAuth(mode) {
  state.auth = mode;
  form.querySelector(`input[name="auth"][value="${mode}"]`).checked = true;
  els.tokenField.hidden = mode !== "token";
  els.signin.hidden = mode !== "signIn";
}

/** Signed in or not: which part of the step shows, and whether the connection can change. */
function renderSignIn() {
  const signedIn = state.client !== null;
  const busy = state.signingIn !== null;
  els.signinFields.hidden = signedIn;
  els.signedIn.hidden = !signedIn;
  els.signedInUser.textContent = state.signedInAs;
  els.signinButton.disabled = busy;
  els.signinButton.textContent = busy ? "Signing in…" : "Sign in";
  els.signin.setAttribute("aria-busy", String(busy));
  for (const name of CONNECTION_INPUTS) els[name].disabled = signedIn || busy;
  for (const radio of form.querySelectorAll('input[name="auth"]')) radio.disabled = signedIn || busy;
  els.userName.disabled = busy;
  els.password.disabled = busy;
}

async function onSignIn(event) {
  event.preventDefault();
  if (!state.ready || state.client || state.signingIn) return;
  const userName = els.userName.value;
  const missing = [];
  if (userName === "") missing.push({ field: "userName", code: "required" });
  if (els.password.value === "") missing.push({ field: "password", code: "required" });
  markInvalid(els.userName, userName === "");
  markInvalid(els.password, els.password.value === "");
  if (missing.length) {
    signInMessage(missing.map(issueText), "required");
    (userName === "" ? els.userName : els.password).focus();
    return;
  }
  signInMessage([], "");
  let client;
  try {
    // The password goes into the client only (read from the field, kept by no variable here).
    client = createClient({ ...readConnection(), credentials: { userName, password: els.password.value } });
  } catch (err) {
    signInMessage([signInErrorText(err)], err?.code ?? "unexpected");
    return;
  }
  state.signingIn = new AbortController();
  renderSignIn();
  announce("Signing in…");
  let failure = null;
  try {
    await client.requestToken({ signal: state.signingIn.signal });
  } catch (err) {
    failure = err;
  }
  state.signingIn = null;
  if (failure) {
    client.forgetToken();
    renderSignIn();
    announce("");
    signInMessage([signInErrorText(failure)], failure?.code ?? "unexpected");
    if (failure?.code === "AUTH_FAILED") els.password.value = ""; // most likely mistyped: type it again
    markInvalid(els.password, failure?.code === "AUTH_FAILED");
    (failure?.code === "AUTH_FAILED" ? els.password : els.signinButton).focus();
    update();
    return;
  }
  state.client = client;
  state.signedInAs = userName;
  els.password.value = ""; // the client has it, to renew the token; the page does not keep it
  markInvalid(els.password, false);
  markInvalid(els.userName, false);
  renderSignIn();
  delete els.lifetimeText.dataset.phase;
  renderLifetime();
  state.ticker = setInterval(renderLifetime, 1000);
  announce(`Signed in as ${userName}. The token expires in ${Math.round(secondsLeft(client.tokenInfo) / 60)} minutes.`);
  els.signoutButton.focus();
  update();
}

/** Forgets the token and the client (with the credentials it holds). */
function signOut() {
  if (state.busy || state.bulkBusy || !state.client) return;
  state.client.forgetToken();
  state.client = null;
  state.signedInAs = "";
  clearInterval(state.ticker);
  state.ticker = null;
  els.password.value = "";
  renderSignIn();
  announce("Signed out. The token is forgotten.");
  (els.userName.value === "" ? els.userName : els.password).focus();
  update();
}

const HINT_DEMO = "Prefilled: the emulator's demo credentials.";
const HINT_REAL = "A real recorder: enter its API key, and its token if the key requires one (or sign in).";
const HINT_OWN = "The recorder's API key, and its token if the key requires one.";

/**
 * The emulator's demo credentials belong to the emulator. They are prefilled once the first
 * refresh says what answers, unless that is a real recorder behind the development proxy; when
 * the base URL turns to one later, the fields still holding them are cleared (what the admin
 * typed stays, and stays on later refreshes).
 */
function onTarget(kind) {
  const real = kind === "proxy";
  const demo = [[els.apiKey, DEMO_API_KEY], [els.token, DEMO_TOKEN], [els.userName, DEMO_USER]];
  if (state.target === null) {
    if (!real) for (const [input, value] of demo) input.value = value;
  } else if (real && state.target !== "proxy") {
    for (const [input, value] of demo) if (input.value === value) input.value = "";
  }
  state.target = kind;
  $("credentials-hint").textContent = real ? HINT_REAL : els.apiKey.value === DEMO_API_KEY ? HINT_DEMO : HINT_OWN;
  update();
}

// ---- start -------------------------------------------------------------------------------------

async function start() {
  els.baseUrl.placeholder = location.origin;
  calls = mountEmulatorConsole({
    baseUrlInput: els.baseUrl,
    onPick: pickCall,
    isTicked: (callID) => bulk.isTicked(callID),
    onTick: (callIDs, ticked) => bulk.tick(callIDs, ticked),
    onTarget,
  });
  bulk = mountBulkPanel({
    connection: bulkConnection,
    words: { issueText, errorText },
    calls,
    onBusy: (busy) => {
      state.bulkBusy = busy;
      els.signoutButton.disabled = busy || state.busy;
    },
  });
  setSelector("callID");
  setAuth("token");
  renderSignIn();
  form.addEventListener("submit", onSubmit);
  form.addEventListener("input", update);
  form.addEventListener("change", (event) => {
    if (event.target.name === "selector") setSelector(event.target.value);
    if (event.target.name === "auth") setAuth(event.target.value);
    update();
  });
  els.signinForm.addEventListener("submit", onSignIn);
  for (const input of [els.userName, els.password]) input.addEventListener("input", () => markInvalid(input, false));
  els.signoutButton.addEventListener("click", signOut);
  for (const button of document.querySelectorAll("button.reveal")) {
    button.addEventListener("click", () => {
      const input = $(button.getAttribute("aria-controls"));
      const reveal = input.type === "password";
      input.type = reveal ? "text" : "password";
      button.setAttribute("aria-pressed", String(reveal));
      button.querySelector(".reveal-label").textContent = reveal ? "Hide" : "Show";
    });
  }
  els.cancelRequest.addEventListener("click", () => state.controller?.abort());

  const listed = calls.refresh();
  try {
    const api = await import("/pkg/index.js");
    await api.default(); // init(): loads the .wasm, once
    ({ deleteCall, deleteCalls, createClient, validateDeleteCall, validateParameter, buildDeleteCallRequest, VerbaError } = api);
    // Ready once the page knows what answers (the emulator, a real recorder behind the proxy):
    // before that no Delete could say where it goes, nor carry the right credentials.
    await listed;
    state.ready = true;
    bulk.ready({ deleteCalls, validateDeleteCall, buildDeleteCallRequest });
    document.documentElement.dataset.ready = "true";
  } catch (err) {
    $("load-error").textContent = `The verba-api package could not be loaded (${err?.message ?? err}). Build it with “make pkg” and reload.`;
    $("load-error").hidden = false;
    els.preview.textContent = "Unavailable: the package did not load.";
  }
  update();
  await listed;
}

start();
