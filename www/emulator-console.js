// The demo's emulator console: the Verba emulator's call list (GET /__emulator/calls), its
// "Reset demo data" button (POST /__emulator/reset) and the header's target indicator. None of
// this uses verba-api, and a real recorder has no such routes: a portal shows its own list of
// calls instead. When the server the base URL names (this page's, by default) is the development
// proxy (verba-emulator --upstream), GET /__dev-proxy names the real recorder behind it, and the
// header and the call list say that the page talks to that recorder. app.js and bulk.js use this module only through the object
// mountEmulatorConsole returns.

import { h } from "./dom.js";

const $ = (id) => document.getElementById(id);

const STATE_LABEL = { finished: "Finished", ongoing: "Ongoing", scheduled: "Scheduled" };
const STATE_ORDER = { ongoing: 0, scheduled: 1, finished: 2 };

function span(seconds) {
  const s = Math.abs(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) {
    const minutes = Math.round(s / 60);
    const rest = minutes % 60;
    return rest ? `${Math.floor(minutes / 60)} h ${rest} min` : `${minutes / 60} h`;
  }
  const days = Math.round(s / 86400);
  return `${days} day${days === 1 ? "" : "s"}`;
}

function relative(seconds, past, future) {
  return seconds <= 0 ? `${past} ${span(seconds)} ago` : `${future} in ${span(seconds)}`;
}

/** "ended 2 days ago · 45 min", "started 4 min ago", "starts in 10 min". */
function when(call) {
  if (call.state === "finished" && call.endOffsetS !== null) {
    return `${relative(call.endOffsetS, "ended", "ends")} · ${span(call.endOffsetS - call.startOffsetS)}`;
  }
  return relative(call.startOffsetS, "started", "starts");
}

function sorted(calls) {
  return [...calls].sort((a, b) => {
    if (a.state !== b.state) return STATE_ORDER[a.state] - STATE_ORDER[b.state];
    if (a.state === "finished") return (b.endOffsetS ?? 0) - (a.endOffsetS ?? 0);
    return a.state === "scheduled" ? a.startOffsetS - b.startOffsetS : b.startOffsetS - a.startOffsetS;
  });
}

const dash = () => h("span", { class: "muted", "aria-label": "none" }, "—");
const badge = (call) => h("span", { class: `badge badge-${call.state}` }, STATE_LABEL[call.state]);

function row(call, ticked) {
  const box = h("input", {
    type: "checkbox",
    class: "pick-box",
    checked: ticked,
    "aria-label": `In the bulk list: call ${call.callID}`,
    dataset: { callId: call.callID },
  });
  return h("tr", { tabindex: 0, class: "call-row", dataset: { callId: call.callID, state: call.state }, title: "Pick this call" },
    h("td", { class: "col-pick" }, box),
    h("td", {}, h("div", { class: "col-state" }, badge(call), h("span", { class: "when" }, when(call)))),
    h("td", { class: "mono" }, call.callID),
    h("td", { class: "mono" }, call.platformCallID ?? dash()),
    h("td", { class: "mono" }, call.nativeID ?? dash()),
    h("td", { class: "mono" }, call.meetingID ?? dash()),
    h("td", { class: "col-participants" }, call.participants.map((p) => h("span", { class: "participant" }, p))),
    h("td", {}, call.doNotDelete ? h("span", { class: "flag flag-protected" }, "Protected") : dash()),
    h("td", {}, call.markedForDeletion ? h("span", { class: "flag flag-marked" }, "Marked") : dash()),
  );
}

/**
 * Shows the emulator's calls of the recorder that `baseUrlInput` names (its origin, or this
 * page's when empty); `onPick(callID)` runs when a row is clicked or chosen with Enter or Space.
 * Each row's box says whether `isTicked(callID)` (the call is in the bulk list); ticking or
 * unticking calls `onTick(callIDs, ticked)` (the header box: every shown call). After each
 * refresh `onTarget(kind)` says what answers: "emulator", "proxy" (a real recorder through the
 * development proxy) or "recorder". Returns { refresh, find, show, describe, where, syncTicks, listing }.
 */
export function mountEmulatorConsole({ baseUrlInput, onPick, isTicked = () => false, onTick = () => {}, onTarget = () => {} }) {
  const els = {
    body: $("calls-body"),
    wrap: $("calls-wrap"),
    summary: $("calls-summary"),
    unavailable: $("calls-unavailable"),
    filter: $("calls-filter"),
    source: $("calls-source"),
    refresh: $("refresh-calls"),
    reset: $("reset-calls"),
    pointer: $("calls-pointer"),
    pickAll: $("calls-pick-all"),
    selected: $("selected-call"),
    target: $("target-summary"),
    targetText: $("target-text"),
    targetDot: $("target-dot"),
  };
  let calls = null; // the last listing, or null when the recorder has no call list
  // What GET /__dev-proxy said, by origin: { host } of the real recorder behind that server when it
  // is the development proxy, null when it is not. Asked once per origin (a 404 is a console error).
  const proxies = new Map();
  let shown = { selector: null, value: "" }; // the selection app.js last reported
  let ticket = 0;

  /** The base URL as the package reads it: relative to this page; null when it is no URL. */
  function baseUrl() {
    try {
      return new URL(baseUrlInput.value.trim() || location.href, location.href);
    } catch {
      return null;
    }
  }

  function origin() {
    return baseUrl()?.origin ?? null;
  }

  /**
   * When the server the base URL names is the development proxy and the base URL its /verba/api:
   * { host } of the real recorder behind it and `via`, where the proxy is ("on this page's
   * server", or "at localhost:8080" for another origin); else null.
   */
  function realRecorder() {
    const url = baseUrl();
    const proxy = url && proxies.get(url.origin);
    if (!proxy) return null;
    const path = baseUrlInput.value.trim() === "" ? "" : url.pathname.replace(/\/+$/, "");
    if (!["", "/verba/api"].includes(path)) return null;
    return { host: proxy.host, via: url.origin === location.origin ? "on this page's server" : `at ${url.host}` };
  }

  /** Asks `from` whether it is the development proxy (once per origin). */
  async function askDevProxy(from) {
    if (proxies.has(from)) return;
    let proxy = null;
    try {
      const response = await fetch(`${from}/__dev-proxy`, { cache: "no-store" });
      if (response.ok && (response.headers.get("content-type") || "").includes("json")) {
        proxy = { host: new URL((await response.json())?.upstream).host };
      }
    } catch {
      // Not the proxy, or not reachable: a plain recorder as far as the page can tell.
    }
    proxies.set(from, proxy);
  }

  /** True while the page talks to a real recorder through the development proxy. */
  const viaProxy = () => realRecorder() !== null;

  /** The header's indicator and, without a list, the note in its place: for the base URL as it is now. */
  function updateTarget() {
    const real = realRecorder();
    els.targetDot.classList.toggle("is-emulator", Boolean(calls));
    els.targetDot.classList.toggle("is-real", Boolean(real));
    els.unavailable.classList.toggle("is-real", Boolean(real));
    if (real) {
      els.targetText.replaceChildren(
        "Real recorder",
        h("span", { class: "target-host" }, ` · ${real.host}`),
        h("span", { class: "target-via" }, ` (through the development proxy ${real.via})`),
      );
      els.target.title = els.targetText.textContent;
      els.unavailable.replaceChildren(
        h("strong", {}, `This page is talking to a real recorder, ${real.host}, through the development proxy ${real.via}.`),
        " Deletions are real and cannot be undone. A real recorder has no call list, so none is shown here. Deleting by ID works: enter the call ID (or another identifier of the call) under “Call to delete” above.",
      );
      return;
    }
    els.target.removeAttribute("title");
    els.unavailable.textContent = `The call list is available only with the Verba emulator. ${unavailableReason} Deleting by ID still works.`;
    let host = location.host;
    const raw = baseUrlInput.value.trim();
    if (raw !== "") host = baseUrl()?.host ?? raw;
    els.targetText.replaceChildren(calls ? "Emulator" : "Recorder", h("span", { class: "target-host" }, ` · ${host}`));
  }
  let unavailableReason = "";

  function summaryText() {
    const count = (state) => calls.filter((c) => c.state === state).length;
    return `${calls.length} call${calls.length === 1 ? "" : "s"}: ${count("finished")} finished, ${count("ongoing")} ongoing, ${count("scheduled")} scheduled.`;
  }

  async function refresh({ announce } = {}) {
    const from = origin();
    const mine = ++ticket;
    els.refresh.disabled = true;
    let listing = null;
    let reason = "The base URL is not a valid address.";
    // A known development proxy has no call list: not asked again.
    if (from && !proxies.get(from)) {
      try {
        const response = await fetch(`${from}/__emulator/calls`, { cache: "no-store" });
        if (response.ok && (response.headers.get("content-type") || "").includes("json")) {
          const data = await response.json();
          if (Array.isArray(data?.calls)) listing = data.calls;
        }
        reason = `${from} has no call list (HTTP ${response.status}).`;
      } catch {
        reason = `${from} could not be asked for a call list.`;
      }
      // No emulator there: is that server the development proxy to a real recorder?
      if (!listing) await askDevProxy(from);
    }
    if (mine !== ticket) return; // a newer refresh took over
    els.refresh.disabled = false;
    calls = listing;
    unavailableReason = reason;
    render();
    updateTarget();
    if (calls && announce) els.summary.textContent = `${announce} ${summaryText()}`;
    onTarget(viaProxy() ? "proxy" : calls ? "emulator" : "recorder");
  }

  function render() {
    const available = Array.isArray(calls);
    els.unavailable.hidden = available;
    els.wrap.hidden = !available;
    els.pointer.hidden = !available;
    els.source.hidden = !available;
    els.filter.disabled = !available;
    els.reset.disabled = !available;
    els.pickAll.disabled = !available;
    if (!available) {
      els.summary.textContent = "";
      els.body.replaceChildren();
      show(shown.selector, shown.value);
      return;
    }
    const filter = els.filter.value.trim().toLowerCase();
    const rows = sorted(calls)
      .filter((c) => [c.state, c.callID, c.platformCallID, c.nativeID, c.meetingID, ...c.participants].join(" ").toLowerCase().includes(filter))
      .map((c) => row(c, isTicked(c.callID)));
    if (!rows.length) {
      const text = calls.length ? "No call matches the filter." : "The emulator holds no calls. Use “Reset demo data” to load the demo calls.";
      rows.push(h("tr", { class: "empty-row" }, h("td", { colspan: 9 }, text)));
    }
    els.body.replaceChildren(...rows);
    syncTicks();
    els.summary.textContent = summaryText() + (filter ? ` Showing ${rows.length} matching the filter.` : "");
    show(shown.selector, shown.value);
  }

  /** The listed call that `selector` = `value` names (one of the ID selectors), or null. */
  function find(selector, value) {
    if (!calls || !value || !["callID", "platformCallID", "nativeID", "meetingID"].includes(selector)) return null;
    const wanted = selector === "callID" ? value.trim().replace(/^\{|\}$/g, "").toLowerCase() : value;
    const matches = calls.filter((c) => c[selector] === wanted);
    return matches.length === 1 ? matches[0] : null;
  }

  /** Highlights the chosen call in the list and sums it up under the form's field. */
  function show(selector, value) {
    shown = { selector, value };
    const call = find(selector, value);
    for (const tr of els.body.querySelectorAll("tr.call-row")) {
      const current = call !== null && tr.dataset.callId === call.callID;
      tr.classList.toggle("is-selected", current);
      if (current) tr.setAttribute("aria-current", "true");
      else tr.removeAttribute("aria-current");
    }
    els.selected.hidden = !calls || selector !== "callID" || !value;
    if (els.selected.hidden) return;
    if (!call) {
      els.selected.replaceChildren(h("p", { class: "muted" }, "This call ID is not in the emulator's call list."));
      return;
    }
    const notes = [];
    if (call.doNotDelete) notes.push(h("p", { class: "selected-warn" }, "Protected from deletion: the recorder will refuse."));
    if (call.markedForDeletion) notes.push(h("p", { class: "selected-warn" }, "Already marked for deletion."));
    els.selected.replaceChildren(
      h("p", { class: "selected-head" }, badge(call), " ", when(call)),
      h("p", {}, call.participants.join(" · ")),
      ...notes,
    );
  }

  /**
   * Where a deletion goes, for the confirmations: `host` (the request's), or through the
   * development proxy "the real recorder recorder.example.com (through the development proxy)".
   */
  function where(host) {
    const real = realRecorder();
    return real ? `the real recorder ${real.host} (through the development proxy)` : host;
  }

  /** The call in words, for the confirmation: ["finished, ended 2 days ago · 45 min", "8856, …"]. */
  function describe(call) {
    return [`${call.state}, ${when(call)}`, call.participants.join(", ")];
  }

  /** The rows' boxes (and the header's) after the bulk list changed. */
  function syncTicks() {
    const boxes = [...els.body.querySelectorAll("input.pick-box")];
    for (const box of boxes) box.checked = isTicked(box.dataset.callId);
    const ticked = boxes.filter((b) => b.checked).length;
    els.pickAll.checked = boxes.length > 0 && ticked === boxes.length;
    els.pickAll.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  async function resetDemoData() {
    const from = origin();
    if (!from) return;
    els.reset.disabled = true;
    try {
      const response = await fetch(`${from}/__emulator/reset`, { method: "POST", body: "" });
      const data = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
      await refresh({ announce: "Demo data restored." });
    } catch (err) {
      els.summary.textContent = `Reset failed: ${err.message}`;
    } finally {
      els.reset.disabled = !calls;
    }
  }

  els.refresh.addEventListener("click", () => refresh({ announce: "Refreshed." }));
  els.reset.addEventListener("click", resetDemoData);
  els.filter.addEventListener("input", render);
  baseUrlInput.addEventListener("input", updateTarget);
  baseUrlInput.addEventListener("change", () => refresh());
  els.body.addEventListener("change", (event) => {
    const box = event.target.closest("input.pick-box");
    if (box) onTick([box.dataset.callId], box.checked);
  });
  els.pickAll.addEventListener("change", () => {
    const ids = [...els.body.querySelectorAll("input.pick-box")].map((b) => b.dataset.callId);
    onTick(ids, els.pickAll.checked);
  });
  els.body.addEventListener("click", (event) => {
    if (event.target.closest(".col-pick")) return; // the box adds to the bulk list, it picks no call
    const tr = event.target.closest("tr.call-row");
    if (tr) onPick(tr.dataset.callId);
  });
  els.body.addEventListener("keydown", (event) => {
    const tr = event.target.closest("tr.call-row");
    if (!tr || event.target !== tr) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onPick(tr.dataset.callId);
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      (event.key === "ArrowDown" ? tr.nextElementSibling : tr.previousElementSibling)?.focus();
    }
  });
  updateTarget();
  return { refresh, find, show, describe, where, syncTicks, listing: () => calls };
}
