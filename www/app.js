// Demo admin page of verba-api: deletes a recorded call through the WebAssembly package, with
// live validation, a redacted request preview, a confirmation step and the emulator's call list.
// Plain ES module, no framework: everything the page does with the package is in this file.
//
// The package is imported dynamically, so that a missing or broken build shows a message on the
// page instead of leaving a dead form: `import init, { deleteCall, ... } from "/pkg/index.js"`.
let deleteCall, validateDeleteCall, validateParameter, buildDeleteCallRequest, VerbaError;

async function loadPackage() {
  const api = await import("/pkg/index.js");
  for (const name of ["default", "deleteCall", "validateDeleteCall", "validateParameter", "buildDeleteCallRequest", "VerbaError"]) {
    if (typeof api[name] !== "function") throw new Error(`the package exports no ${name}`);
  }
  await api.default();
  ({ deleteCall, validateDeleteCall, validateParameter, buildDeleteCallRequest, VerbaError } = api);
}

// The emulator's demo credentials (emulator/src/demo_data.rs: the spec's sample key, which requires
// a token, and its sample token). Set as input values only, never written into the page's text.
const DEMO_API_KEY = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
const DEMO_TOKEN = "09835e02-6c10-11e0-bb22-ba324924019b";

const SELECTORS = {
  callID: {
    label: "Call ID",
    hint: "The recorder's internal call ID, a GUID (8-4-4-4-12 hexadecimal digits). Click a row of the call list to fill it in.",
    placeholder: "a8343631-9f35-4a3a-83f0-9e81592339fb",
    inputMode: "text",
    describe: (v) => `the call with call ID ${v}`,
  },
  platformCallID: {
    label: "Platform call ID",
    hint: "The “Platform Call ID” field of the recording.",
    placeholder: "e.g. 71627389",
    inputMode: "text",
    describe: (v) => `the call with platform call ID ${v}`,
  },
  nativeID: {
    label: "Native ID",
    hint: "The “Technical Call Identifier” field of the recording.",
    placeholder: "e.g. TRS26140192",
    inputMode: "text",
    describe: (v) => `the call with native ID ${v}`,
  },
  meetingID: {
    label: "Meeting ID",
    hint: "The Lync/Skype meeting ID.",
    placeholder: "e.g. WHBFM6DD",
    inputMode: "text",
    describe: (v) => `the meeting with meeting ID ${v}`,
  },
  extension: {
    label: "Extension or phone number",
    hint: "A number that took part in the call, as caller or callee: an extension, a phone number with + and separators, or a sip:/tel: address.",
    placeholder: "e.g. 8856 or +36 1 234 5678",
    inputMode: "tel",
    describe: (v, status) => `${statusPhrase(status)} of extension ${v}`,
  },
};

const STATUS_WORDS = { ongoing: "the ongoing call", next: "the next call", last: "the last finished call" };

const ERROR_HELP = {
  VALIDATION: "The request was not sent: fix the options below.",
  CALL_NOT_FOUND: "No call matched. It may have been deleted already; refresh the call list.",
  API_ERROR: "The recorder refused the request.",
  HTTP_ERROR: "The server answered with an HTTP error and no API reply. Check the base URL.",
  NETWORK: "The recorder could not be reached. Check the base URL; a recorder on another origin needs CORS or a same-origin reverse proxy.",
  TIMEOUT: "The recorder did not answer in time. The call may or may not have been deleted; refresh the call list.",
  PARSE: "The reply could not be read. Check the base URL and the response type.",
};

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
  selectorLabel: $("selectorValue-label"),
  selectorHint: $("selectorValue-hint"),
  statusGroup: $("status-group"),
  formIssues: $("form-issues"),
  deleteButton: $("delete-button"),
  cancelRequest: $("cancel-request"),
  preview: $("preview"),
  result: $("result"),
  dialog: $("confirm-dialog"),
  confirmText: $("confirm-text"),
  confirmDetails: $("confirm-details"),
  callsBody: $("calls-body"),
  callsWrap: $("calls-wrap"),
  callsSummary: $("calls-summary"),
  callsUnavailable: $("calls-unavailable"),
  callsFilter: $("calls-filter"),
  callsSource: $("calls-source"),
  refreshCalls: $("refresh-calls"),
  resetCalls: $("reset-calls"),
  targetText: $("target-text"),
  targetDot: $("target-dot"),
  loadError: $("load-error"),
};

const state = {
  ready: false, // the wasm package is initialised
  busy: false, // a deleteCall is in flight
  valid: false,
  selector: "callID",
  valuesBySelector: {}, // what was typed for each selector, restored when switching back
  calls: null, // the last listing of /__emulator/calls, or null when unavailable
  controller: null,
};

// ---- small DOM helpers -------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function definitionList(rows, className) {
  const dl = h("dl", { class: className });
  for (const [term, value] of rows) {
    if (value === undefined || value === null || value === "") continue;
    dl.append(h("div", {}, h("dt", {}, term), h("dd", {}, value)));
  }
  return dl;
}

function statusPhrase(status) {
  const words = (status || []).map((s) => STATUS_WORDS[s]);
  if (words.length <= 1) return words[0] || "the call";
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function formatSpan(seconds) {
  const s = Math.abs(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) {
    const minutes = Math.round(s / 60);
    const hours = Math.floor(minutes / 60);
    const mins = minutes % 60;
    return mins ? `${hours} h ${mins} min` : `${hours} h`;
  }
  const days = Math.round(s / 86400);
  return `${days} day${days === 1 ? "" : "s"}`;
}

function relative(seconds, pastVerb, futureVerb) {
  return seconds <= 0 ? `${pastVerb} ${formatSpan(seconds)} ago` : `${futureVerb} in ${formatSpan(seconds)}`;
}

function whenText(call) {
  if (call.state === "finished" && call.endOffsetS !== null) {
    return `${relative(call.endOffsetS, "ended", "ends")} · ${formatSpan(call.endOffsetS - call.startOffsetS)}`;
  }
  if (call.state === "ongoing") return relative(call.startOffsetS, "started", "starts");
  return relative(call.startOffsetS, "started", "starts");
}

// ---- reading the form --------------------------------------------------------------------------

function checkedStatuses() {
  return [...form.querySelectorAll('input[name="status"]:checked')].map((i) => i.value);
}

/** The DeleteCallOptions the form describes; empty fields are left out. */
function readOptions() {
  const options = {
    apiKey: els.apiKey.value,
    method: els.method.value,
    responseType: els.responseType.value,
  };
  if (els.token.value !== "") options.token = els.token.value;
  if (els.baseUrl.value.trim() !== "") options.baseUrl = els.baseUrl.value.trim();
  if (els.allowInsecureHttp.checked) options.allowInsecureHttp = true;
  const value = els.selectorValue.value;
  if (value !== "") options[state.selector] = value;
  if (state.selector === "extension") options.status = checkedStatuses();
  return options;
}

// ---- validation and preview --------------------------------------------------------------------

function showFieldIssues(input, slot, issues) {
  slot.replaceChildren(
    ...issues.map((issue) => h("p", { class: "msg-error", dataset: { code: issue.code } }, issue.message)),
  );
  if (input) {
    if (issues.length) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }
}

function fieldIssues(name, value) {
  if (value === "" || (Array.isArray(value) && value.length === 0)) return [];
  return validateParameter(name, value);
}

/** Re-validates everything; updates the messages, the preview and the Delete button. */
function update() {
  if (!state.ready) return;
  const shown = new Set();
  const perField = [
    ["baseUrl", els.baseUrl, els.baseUrl.value.trim()],
    ["apiKey", els.apiKey, els.apiKey.value],
    ["token", els.token, els.token.value],
    ["method", els.method, els.method.value],
    ["responseType", els.responseType, els.responseType.value],
  ];
  let fieldProblems = 0;
  for (const [name, input, value] of perField) {
    let issues = fieldIssues(name, value);
    // The single-field check cannot see the opt-in; the whole-form check below still applies.
    if (name === "baseUrl" && els.allowInsecureHttp.checked) issues = issues.filter((i) => i.code !== "insecure_url");
    showFieldIssues(input, $(`${name}-msg`), issues);
    issues.forEach((i) => shown.add(`${i.field}/${i.code}`));
    fieldProblems += issues.length;
  }
  const selectorIssues = fieldIssues(state.selector, els.selectorValue.value);
  showFieldIssues(els.selectorValue, $("selectorValue-msg"), selectorIssues);
  selectorIssues.forEach((i) => shown.add(`${i.field}/${i.code}`));
  fieldProblems += selectorIssues.length;

  const statusIssues = state.selector === "extension" ? fieldIssues("status", checkedStatuses()) : [];
  showFieldIssues(null, $("status-msg"), statusIssues);
  statusIssues.forEach((i) => shown.add(`${i.field}/${i.code}`));
  fieldProblems += statusIssues.length;

  const options = readOptions();
  const report = validateDeleteCall(options);
  const remaining = report.issues.filter((i) => !shown.has(`${i.field}/${i.code}`));
  state.valid = report.valid && fieldProblems === 0;

  // A live region: rewrite it only when its content changes, so typing does not re-announce it.
  const issuesKey = remaining.map((i) => `${i.field}/${i.code}/${i.message}`).join("\n");
  if (els.formIssues.dataset.key !== issuesKey) {
    els.formIssues.dataset.key = issuesKey;
    els.formIssues.replaceChildren(
      ...(remaining.length
        ? [
            h("p", { class: "form-issues-title" }, "To enable Delete:"),
            h("ul", {}, remaining.map((i) => h("li", { dataset: { code: i.code, field: i.field } }, i.message))),
          ]
        : []),
    );
  }
  // The status checkboxes carry the cross-field problem too, for assistive technology.
  const statusMissing = report.issues.some((i) => i.code === "extension_requires_status");
  for (const box of form.querySelectorAll('input[name="status"]')) {
    if (statusMissing || statusIssues.length) box.setAttribute("aria-invalid", "true");
    else box.removeAttribute("aria-invalid");
  }

  if (state.valid) {
    try {
      // Only `preview` is shown: `url` (GET) and `body` (POST) hold the credentials.
      els.preview.textContent = buildDeleteCallRequest(options).preview;
      els.preview.classList.remove("is-empty");
    } catch (err) {
      state.valid = false;
      els.preview.textContent = err instanceof VerbaError ? err.message : "The request could not be built.";
      els.preview.classList.add("is-empty");
    }
  } else {
    els.preview.textContent = "The request appears here once the form is complete and valid.";
    els.preview.classList.add("is-empty");
  }
  els.deleteButton.disabled = !state.valid || state.busy;
  markSelectedRow();
}

// ---- selector ----------------------------------------------------------------------------------

function setSelector(name, { keepValue = false } = {}) {
  if (!keepValue) state.valuesBySelector[state.selector] = els.selectorValue.value;
  state.selector = name;
  const spec = SELECTORS[name];
  const radio = form.querySelector(`input[name="selector"][value="${name}"]`);
  if (radio && !radio.checked) radio.checked = true;
  els.selectorLabel.textContent = spec.label;
  els.selectorHint.textContent = spec.hint;
  els.selectorValue.placeholder = spec.placeholder;
  els.selectorValue.inputMode = spec.inputMode;
  if (!keepValue) els.selectorValue.value = state.valuesBySelector[name] ?? "";
  els.statusGroup.hidden = name !== "extension";
}

// ---- the emulator's call list ------------------------------------------------------------------

/** Where the admin routes are: the origin of the base URL, or this page's. */
function adminOrigin() {
  const raw = els.baseUrl.value.trim();
  if (raw === "") return location.origin;
  try {
    return new URL(raw).origin;
  } catch {
    return null;
  }
}

function targetLabel() {
  const raw = els.baseUrl.value.trim();
  if (raw === "") return location.host;
  try {
    return new URL(raw).host;
  } catch {
    return raw;
  }
}

function updateTarget() {
  const host = targetLabel();
  const kind = state.calls ? "Emulator" : "Recorder";
  els.targetText.replaceChildren(kind, h("span", { class: "target-host" }, ` · ${host}`));
  els.targetDot.className = state.calls ? "target-dot is-emulator" : "target-dot";
}

const STATE_ORDER = { ongoing: 0, scheduled: 1, finished: 2 };

function sortCalls(calls) {
  return [...calls].sort((a, b) => {
    if (a.state !== b.state) return STATE_ORDER[a.state] - STATE_ORDER[b.state];
    if (a.state === "finished") return (b.endOffsetS ?? 0) - (a.endOffsetS ?? 0);
    if (a.state === "scheduled") return a.startOffsetS - b.startOffsetS;
    return b.startOffsetS - a.startOffsetS;
  });
}

let listRequest = 0;

async function loadCalls({ announce } = {}) {
  const origin = adminOrigin();
  const ticket = ++listRequest;
  els.refreshCalls.disabled = true;
  let calls = null;
  let reason = "";
  if (origin) {
    try {
      const response = await fetch(`${origin}/__emulator/calls`, { cache: "no-store" });
      const isJson = (response.headers.get("content-type") || "").includes("json");
      if (response.ok && isJson) {
        const data = await response.json();
        if (Array.isArray(data?.calls)) calls = data.calls;
      }
      if (!calls) reason = `${origin} has no call list (HTTP ${response.status}).`;
    } catch {
      reason = `${origin} could not be asked for a call list.`;
    }
  } else {
    reason = "The base URL is not a valid address.";
  }
  if (ticket !== listRequest) return; // a newer request took over
  els.refreshCalls.disabled = false;
  state.calls = calls;
  renderCalls();
  updateTarget();
  if (!calls) {
    els.callsUnavailable.textContent = `The call list is available only with the Verba emulator. ${reason} Deleting by ID still works.`;
  } else if (announce) {
    els.callsSummary.textContent = `${announce} ${summaryText(calls)}`;
  }
}

function summaryText(calls) {
  const count = (s) => calls.filter((c) => c.state === s).length;
  return `${calls.length} call${calls.length === 1 ? "" : "s"}: ${count("finished")} finished, ${count("ongoing")} ongoing, ${count("scheduled")} scheduled.`;
}

function renderCalls() {
  const calls = state.calls;
  const available = Array.isArray(calls);
  els.callsUnavailable.hidden = available;
  els.callsWrap.hidden = !available;
  els.callsFilter.disabled = !available;
  els.resetCalls.disabled = !available;
  els.callsSource.hidden = !available;
  if (!available) {
    els.callsSummary.textContent = "";
    els.callsBody.replaceChildren();
    return;
  }
  const filter = els.callsFilter.value.trim().toLowerCase();
  const rows = [];
  for (const call of sortCalls(calls)) {
    const haystack = [call.state, call.callID, call.platformCallID, call.nativeID, call.meetingID, ...call.participants]
      .filter(Boolean)
      .join(" ")
      .toLowerCase();
    if (filter && !haystack.includes(filter)) continue;
    rows.push(renderRow(call));
  }
  if (!rows.length) {
    rows.push(
      h("tr", { class: "empty-row" }, h("td", { colspan: 8 }, calls.length ? "No call matches the filter." : "The emulator holds no calls. Use “Reset demo data” to load the demo calls.")),
    );
  }
  els.callsBody.replaceChildren(...rows);
  els.callsSummary.textContent = summaryText(calls) + (filter ? ` Showing ${rows.length} matching the filter.` : "");
  markSelectedRow();
}

function dash(value) {
  return value ?? h("span", { class: "muted", "aria-label": "none" }, "—");
}

function renderRow(call) {
  const stateLabel = call.state[0].toUpperCase() + call.state.slice(1);
  return h(
    "tr",
    {
      tabindex: 0,
      class: "call-row",
      dataset: { callId: call.callID, state: call.state },
      title: "Select this call",
    },
    h("td", {},
      h("div", { class: "col-state" },
        h("span", { class: `badge badge-${call.state}` }, stateLabel),
        h("span", { class: "when" }, whenText(call)))),
    h("td", { class: "mono col-id" }, call.callID),
    h("td", { class: "mono" }, dash(call.platformCallID)),
    h("td", { class: "mono" }, dash(call.nativeID)),
    h("td", { class: "mono" }, dash(call.meetingID)),
    h("td", { class: "col-participants" }, call.participants.map((p) => h("span", { class: "participant" }, p))),
    h("td", { class: "col-flag" }, call.doNotDelete ? h("span", { class: "flag flag-protected" }, "Protected") : dash(null)),
    h("td", { class: "col-flag" }, call.markedForDeletion ? h("span", { class: "flag flag-marked" }, "Marked") : dash(null)),
  );
}

function markSelectedRow() {
  renderSelectedCall();
  const current = state.selector === "callID" ? els.selectorValue.value.trim().replace(/^\{|\}$/g, "").toLowerCase() : "";
  for (const row of els.callsBody.querySelectorAll("tr.call-row")) {
    const selected = current !== "" && row.dataset.callId === current;
    row.classList.toggle("is-selected", selected);
    if (selected) row.setAttribute("aria-current", "true");
    else row.removeAttribute("aria-current");
  }
}

/** A summary of the chosen call when the emulator's list knows it (callID selector only). */
function renderSelectedCall() {
  const box = $("selected-call");
  const id = els.selectorValue.value.trim();
  const valid = state.ready && id !== "" && state.selector === "callID" && validateParameter("callID", id).length === 0;
  if (!state.calls || !valid) {
    box.hidden = true;
    return;
  }
  const call = knownCall({ callID: id });
  box.hidden = false;
  if (!call) {
    box.replaceChildren(h("p", { class: "muted" }, "This call ID is not in the emulator's call list."));
    return;
  }
  const stateLabel = call.state[0].toUpperCase() + call.state.slice(1);
  const parts = [
    h("p", { class: "selected-head" }, h("span", { class: `badge badge-${call.state}` }, stateLabel), " ", whenText(call)),
    h("p", {}, call.participants.join(" · ")),
  ];
  if (call.doNotDelete) parts.push(h("p", { class: "selected-warn" }, "Protected from deletion: the recorder will refuse."));
  if (call.markedForDeletion) parts.push(h("p", { class: "selected-warn" }, "Already marked for deletion."));
  box.replaceChildren(...parts);
}

function selectRow(row) {
  if (state.busy) return;
  setSelector("callID");
  els.selectorValue.value = row.dataset.callId;
  update();
  const box = els.selectorValue.getBoundingClientRect();
  if (box.top < 0 || box.bottom > window.innerHeight) {
    // Narrow screens: the form is out of sight; bring the filled field to the user.
    els.selectorValue.focus();
    els.selectorValue.scrollIntoView({ block: "center" });
  }
}

async function resetDemoData() {
  const origin = adminOrigin();
  if (!origin) return;
  els.resetCalls.disabled = true;
  try {
    const response = await fetch(`${origin}/__emulator/reset`, { method: "POST", body: "" });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
    await loadCalls({ announce: "Demo data restored." });
  } catch (err) {
    els.callsSummary.textContent = `Reset failed: ${err.message}`;
  } finally {
    els.resetCalls.disabled = !state.calls;
  }
}

// ---- deleting ----------------------------------------------------------------------------------

function currentDescription(options) {
  const value = options[state.selector];
  return SELECTORS[state.selector].describe(value, options.status);
}

function knownCall(options) {
  if (!state.calls || state.selector !== "callID") return null;
  const id = String(options.callID).trim().replace(/^\{|\}$/g, "").toLowerCase();
  return state.calls.find((c) => c.callID === id) || null;
}

function confirmDelete(options) {
  return new Promise((resolve) => {
    const call = knownCall(options);
    els.confirmText.textContent = `You are about to delete ${currentDescription(options)} on ${targetLabel()}.`;
    const rows = [
      ["Recording", call ? `${call.state}, ${whenText(call)}` : null],
      ["Participants", call ? call.participants.join(", ") : null],
      ["Request", `${options.method} · reply as ${options.responseType}`],
    ];
    els.confirmDetails.replaceChildren(...definitionList(rows, "").children);
    if (call?.state === "ongoing") {
      els.confirmText.append(" The call is in progress: the recorder marks it and deletes it when it ends.");
    }
    els.dialog.returnValue = "";
    els.dialog.addEventListener("close", () => resolve(els.dialog.returnValue === "delete"), { once: true });
    els.dialog.showModal();
  });
}

/** "Deleted", or "Marked for deletion" when the call is known to be in progress. */
function successTitle(options, call) {
  if (call?.state === "ongoing") return "Marked for deletion";
  if (state.selector === "extension" && Array.isArray(options.status) && options.status.includes("ongoing")) {
    return options.status.length === 1 ? "Marked for deletion" : "Deleted or marked for deletion";
  }
  return "Deleted";
}

function renderSuccess(result, description, title) {
  const rows = [
    ["Response type", result.responseType],
    ["HTTP status", String(result.httpStatus)],
    ["API code", String(result.code)],
  ];
  const panel = h("div", { class: "result-card is-success", dataset: { outcome: "success" } },
    h("p", { class: "result-title", tabindex: -1 }, h("span", { class: "result-icon", "aria-hidden": "true" }, "✓"), title),
    h("p", { class: "result-message" }, result.message || `The recorder confirmed the deletion of ${description}.`),
    definitionList(rows, "result-facts"),
  );
  if (result.raw !== undefined && result.raw !== null) {
    panel.append(h("details", { class: "raw" }, h("summary", {}, "Raw reply"), h("pre", {}, result.raw)));
  }
  return panel;
}

function renderError(err) {
  if (err instanceof VerbaError) {
    const rows = [
      ["Error code", h("code", {}, err.code)],
      ["API code", err.apiCode === undefined || err.apiCode === null ? null : String(err.apiCode)],
      ["HTTP status", err.httpStatus === undefined || err.httpStatus === null ? null : String(err.httpStatus)],
    ];
    const panel = h("div", { class: "result-card is-error", dataset: { outcome: "error", code: err.code } },
      h("p", { class: "result-title", tabindex: -1 }, h("span", { class: "result-icon", "aria-hidden": "true" }, "!"), `Not deleted: ${err.code}`),
      h("p", { class: "result-help" }, ERROR_HELP[err.code] || "The call was not deleted."),
      definitionList(rows, "result-facts"),
      h("p", { class: "result-message" }, err.message),
    );
    if (err.code === "VALIDATION" && Array.isArray(err.issues) && err.issues.length) {
      panel.append(h("ul", { class: "issues" }, err.issues.map((i) => h("li", {}, h("code", {}, i.field), " ", i.message))));
    }
    return panel;
  }
  if (err?.name === "AbortError") {
    return h("div", { class: "result-card is-cancelled", dataset: { outcome: "cancelled" } },
      h("p", { class: "result-title", tabindex: -1 }, h("span", { class: "result-icon", "aria-hidden": "true" }, "–"), "Request cancelled"),
      h("p", { class: "result-message" }, "The request was cancelled before an answer arrived. The recorder may already have acted on it: check the call list."),
    );
  }
  return h("div", { class: "result-card is-error", dataset: { outcome: "unexpected" } },
    h("p", { class: "result-title", tabindex: -1 }, h("span", { class: "result-icon", "aria-hidden": "true" }, "!"), "Unexpected error"),
    h("p", { class: "result-message" }, String(err?.message ?? err)),
  );
}

function setBusy(busy) {
  state.busy = busy;
  els.cancelRequest.hidden = !busy;
  els.deleteButton.classList.toggle("is-busy", busy);
  form.setAttribute("aria-busy", busy ? "true" : "false");
  update();
}

async function onSubmit(event) {
  event.preventDefault();
  update();
  if (!state.valid || state.busy) return;
  const options = readOptions();
  const description = currentDescription(options);
  const title = successTitle(options, knownCall(options));
  if (!(await confirmDelete(options))) return;

  const controller = new AbortController();
  state.controller = controller;
  setBusy(true);
  els.result.replaceChildren(h("p", { class: "result-pending" }, h("span", { class: "spinner", "aria-hidden": "true" }), `Deleting ${description}…`));
  els.cancelRequest.focus();
  let panel;
  try {
    const result = await deleteCall({ ...options, signal: controller.signal });
    panel = renderSuccess(result, description, title);
  } catch (err) {
    panel = renderError(err);
  } finally {
    state.controller = null;
  }
  const hadFocus = document.activeElement === els.cancelRequest;
  els.result.replaceChildren(panel);
  setBusy(false);
  if (hadFocus) panel.querySelector(".result-title")?.focus();
  if (state.calls) await loadCalls();
}

// ---- wiring ------------------------------------------------------------------------------------

function wire() {
  form.addEventListener("submit", onSubmit);
  form.addEventListener("input", (event) => {
    if (event.target.name === "selector") return;
    update();
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === "selector") {
      setSelector(event.target.value);
      update();
    } else if (event.target === els.baseUrl) {
      loadCalls();
    } else {
      update();
    }
  });
  els.baseUrl.addEventListener("input", updateTarget);

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

  els.refreshCalls.addEventListener("click", () => loadCalls({ announce: "Refreshed." }));
  els.resetCalls.addEventListener("click", resetDemoData);
  els.callsFilter.addEventListener("input", renderCalls);
  els.callsBody.addEventListener("click", (event) => {
    const row = event.target.closest("tr.call-row");
    if (row) selectRow(row);
  });
  els.callsBody.addEventListener("keydown", (event) => {
    const row = event.target.closest("tr.call-row");
    if (!row || event.target !== row) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      selectRow(row);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? row.nextElementSibling : row.previousElementSibling;
      next?.focus();
    }
  });
}

async function start() {
  els.baseUrl.placeholder = location.origin;
  els.apiKey.value = DEMO_API_KEY;
  els.token.value = DEMO_TOKEN;
  setSelector("callID", { keepValue: true });
  wire();
  const calls = loadCalls();
  try {
    await loadPackage();
    state.ready = true;
    document.documentElement.dataset.ready = "true";
  } catch (err) {
    els.loadError.textContent = `The verba-api package could not be loaded (${err?.message ?? err}). Build it with “make pkg” and reload.`;
    els.loadError.hidden = false;
    els.preview.textContent = "Unavailable: the package did not load.";
  }
  update();
  await calls;
}

start();
