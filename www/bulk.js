// The demo page's bulk panel, "Delete many calls": the page's use of the package's deleteCalls
// (or a signed-in client's deleteCalls). A list pasted, uploaded or ticked in the call list, one
// call per line (a call ID, or `extension,status`; CSV accepted), each line checked as the admin
// types (validateDeleteCall); a confirmation; a progress bar with counts and Cancel; a results
// table, one row per line, filterable by outcome; and "Download results (CSV)". The connection
// (key, token or signed-in client) and the admin's words for issues and errors come from app.js.
import { h } from "./dom.js";

/** A well-formed GUID that is no one's: as the API key, validateDeleteCall checks a line's selector alone. */
const PLACEHOLDER_GUID = "00000000-0000-4000-8000-000000000000";
/** More lines than an admin pastes; a bigger file is refused with a message, not a frozen tab. */
const MAX_LINES = 10_000;
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** The progress is announced (aria-live) at most this often, never item by item. */
const ANNOUNCE_EVERY_MS = 5_000;

const SELECTOR_COLUMNS = { callid: "callID", platformcallid: "platformCallID", nativeid: "nativeID", meetingid: "meetingID", extension: "extension" };
const STATUS_WORDS = { ongoing: "the ongoing call", next: "the next call", last: "the last finished call" };
const SELECTOR_WORDS = { callID: "call ID", platformCallID: "platform call ID", nativeID: "native ID", meetingID: "meeting ID" };

/** Filter choices of the results table: the package's outcomes, in the admin's words. */
const OUTCOMES = [
  ["deleted", "Deleted"],
  ["notFound", "Not found"],
  ["refused", "Refused"],
  ["invalid", "Invalid"],
  ["failed", "Failed"],
  ["notAttempted", "Not sent"],
];
const COUNT_WORDS = {
  deleted: "deleted",
  notFound: "not found",
  refused: "refused",
  invalid: "invalid",
  failed: "failed",
  notAttempted: "not sent",
};

const $ = (id) => document.getElementById(id);
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One CSV line's fields: `,`, `;` or a tab between them, double quotes around a field ("" inside). */
export function splitCsvLine(line) {
  const fields = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === "") {
      quoted = true;
      field = "";
    } else if (c === "," || c === ";" || c === "\t") {
      fields.push(field);
      field = "";
    } else field += c;
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

const columnName = (field) => field.toLowerCase().replace(/[^a-z]/g, "");

/** A header row names a selector column (callID, extension, …) and holds no GUID. */
function headerOf(fields) {
  const names = fields.map(columnName);
  if (!names.some((n) => n in SELECTOR_COLUMNS) || fields.some((f) => /[0-9a-f]{8}-[0-9a-f]{4}/i.test(f))) return null;
  return names.map((n) => SELECTOR_COLUMNS[n] ?? (n === "status" ? "status" : null));
}

const statusesOf = (fields) => fields.flatMap((f) => f.split(/[\s,;|]+/)).filter((s) => s !== "");

/**
 * The list's text as lines: { line, text, input } for each line that names a call (blank lines
 * and a header row skipped); `input` is the BatchInput sent for it: the callID string, or a
 * selector object.
 */
export function parseList(text) {
  const rows = [];
  let header = null;
  let tooMany = false;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === "") continue;
    if (rows.length >= MAX_LINES) {
      tooMany = true;
      break;
    }
    const fields = splitCsvLine(raw);
    if (header === null && rows.length === 0) {
      header = headerOf(fields);
      if (header) continue;
    }
    let input;
    if (header) {
      input = {};
      header.forEach((name, j) => {
        const value = fields[j] ?? "";
        if (!name || value === "") return;
        if (name === "status") input.status = statusesOf([value]);
        else input[name] = value;
      });
      if (Object.keys(input).length === 1 && typeof input.callID === "string") input = input.callID;
    } else if (fields.length === 1) {
      input = fields[0];
    } else {
      input = { extension: fields[0], status: statusesOf(fields.slice(1)) };
      if (input.extension === "") delete input.extension;
    }
    rows.push({ line: i + 1, text: raw, input });
  }
  return { rows, tooMany };
}

/** The text of a CSV cell: quoted when needed; a leading = + - @ made inert for spreadsheets. */
function csvCell(value) {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Mounts the panel. `connection()` gives { options, client, signedInAs, issues } (the connection
 * of step 1, a signed-in client or null, and what keeps it from being used); `words` the admin's
 * words ({ issueText, errorText }); `calls` the emulator console; `onBusy(busy)` runs when a
 * batch starts and ends. Returns { ready(api), update, isTicked, tick }.
 */
export function mountBulkPanel({ connection, words, calls, onBusy = () => {} }) {
  /** Where to look when a call may have been deleted: the call list, or the recorder without one. */
  const checkFirst = () => (calls.listing() ? "check the call list" : "check on the recorder");
  const els = {
    form: $("bulk-form"),
    list: $("bulk-list"),
    file: $("bulk-file"),
    clear: $("bulk-clear"),
    listAnnounce: $("bulk-list-announce"),
    checkSummary: $("bulk-check-summary"),
    checkWrap: $("bulk-check-wrap"),
    checkBody: $("bulk-check-body"),
    onlyInvalid: $("bulk-only-invalid"),
    onlyInvalidBox: $("bulk-only-invalid-box"),
    concurrency: $("bulk-concurrency"),
    issues: $("bulk-issues"),
    deleteButton: $("bulk-delete"),
    deleteLabel: $("bulk-delete-label"),
    cancel: $("bulk-cancel"),
    progressBox: $("bulk-progress-box"),
    progress: $("bulk-progress"),
    progressText: $("bulk-progress-text"),
    announce: $("bulk-announce"),
    results: $("bulk-results"),
    resultsTitle: $("bulk-results-title"),
    resultsSummary: $("bulk-results-summary"),
    filter: $("bulk-filter"),
    filterSummary: $("bulk-filter-summary"),
    download: $("bulk-download"),
    retry: $("bulk-retry"),
    retryHint: $("bulk-retry-hint"),
    resultsBody: $("bulk-results-body"),
    dialog: $("bulk-confirm-dialog"),
  };
  let api = null; // the package, once loaded: { deleteCalls, validateDeleteCall, buildDeleteCallRequest }
  let checked = { rows: [], tooMany: false, valid: 0, invalid: [] }; // the list as last checked
  let running = null; // { controller, progress, timer, lastAnnounce } while a batch runs
  let results = null; // { rows, report, filter } of the last batch
  let recheckTimer = null;
  let runs = 0; // batches started, in the progress bar's data-run (tests wait for a run's end)

  // ---- the list, checked line by line ------------------------------------------------------

  /** The issues of one line's selector (the placeholder key is valid, so only the line's show). */
  function issuesOf(input) {
    const options = typeof input === "string" ? { callID: input } : input;
    const report = api.validateDeleteCall({ ...options, apiKey: PLACEHOLDER_GUID });
    return { issues: report.issues.filter((i) => i.field !== "apiKey"), normalized: report.normalized };
  }

  /** "call a834…", "the last finished call of extension 8856", "the call with native ID …". */
  function describe(normalized) {
    if (normalized.callID) return ["call ", h("span", { class: "mono nowrap" }, normalized.callID.toLowerCase())];
    if (normalized.extension) {
      const said = statusList(normalized).map((s) => STATUS_WORDS[s] ?? s);
      const which = said.length > 1 ? `${said.slice(0, -1).join(", ")} or ${said.at(-1)}` : said[0];
      return `${which} of extension ${normalized.extension}`;
    }
    const name = Object.keys(SELECTOR_WORDS).find((n) => normalized[n]);
    return `the call with ${SELECTOR_WORDS[name]} ${normalized[name]}`;
  }

  /** A line's issues in the admin's words, as a list line is written (`8856,last`). */
  function lineIssueTexts(issues) {
    const codes = new Set(issues.map((i) => i.code));
    const texts = [];
    for (const issue of issues) {
      switch (issue.code) {
        case "missing_selector":
          if (!codes.has("status_without_extension")) texts.push("Say which call: a call ID, or an extension and ongoing, next or last (8856,last).");
          break;
        case "status_without_extension":
          texts.push("No extension before the comma: write the extension, then which of its calls (8856,last).");
          break;
        case "extension_requires_status":
          texts.push("Add which call of the extension after a comma: ongoing, next or last (8856,last).");
          break;
        case "invalid_status":
          texts.push("Not a choice of call after the comma: write ongoing, next or last.");
          break;
        default:
          texts.push(words.issueText(issue));
      }
    }
    return texts;
  }

  /** The normalized status ("last,ongoing") as a list. */
  const statusList = (normalized) => String(normalized.status).split(",").map((s) => s.trim());

  function check() {
    const parsed = parseList(els.list.value);
    const seen = new Map(); // normalized callID -> first line
    let valid = 0;
    const invalid = [];
    for (const row of parsed.rows) {
      const { issues, normalized } = issuesOf(row.input);
      row.issues = issues;
      row.valid = issues.length === 0;
      row.callID = row.valid && normalized.callID ? normalized.callID.toLowerCase() : null;
      row.what = row.valid ? describe(normalized) : null;
      row.extensionStatus = row.valid && normalized.extension ? statusList(normalized) : null;
      row.duplicateOf = null;
      if (row.callID) {
        if (seen.has(row.callID)) row.duplicateOf = seen.get(row.callID);
        else seen.set(row.callID, row.line);
      }
      if (row.valid) valid++;
      else invalid.push(row.line);
    }
    checked = { ...parsed, valid, invalid, ids: new Set(seen.keys()) };
  }

  function renderCheck() {
    const { rows, valid, invalid, tooMany } = checked;
    let summary;
    if (rows.length === 0) summary = [h("p", { class: "muted" }, "No calls in the list yet.")];
    else {
      summary = [
        h(
          "p",
          {},
          `${plural(rows.length, "line")}: ${plural(valid, "call")} to delete`,
          invalid.length ? `, ${plural(invalid.length, "invalid line")} (${lineList(invalid)}), not sent.` : ".",
        ),
      ];
      if (invalid.length) summary.push(h("p", { class: "msg-error", dataset: { code: "invalid_lines" } }, `Invalid lines are marked below and will not be sent.`));
    }
    if (tooMany) summary.push(h("p", { class: "msg-error", dataset: { code: "too_many" } }, `Only the first ${MAX_LINES.toLocaleString("en")} lines are used; split the list.`));
    const key = `${rows.length}/${valid}/${invalid.join(",")}/${tooMany}`;
    if (els.checkSummary.dataset.key !== key) {
      els.checkSummary.dataset.key = key; // a live region: rewritten only when it changes
      els.checkSummary.replaceChildren(...summary);
    }
    if (invalid.length) els.list.setAttribute("aria-invalid", "true");
    else els.list.removeAttribute("aria-invalid");

    els.checkWrap.hidden = rows.length === 0;
    els.onlyInvalidBox.hidden = invalid.length === 0;
    const onlyInvalid = invalid.length > 0 && els.onlyInvalid.checked;
    els.checkBody.replaceChildren(
      ...rows.filter((row) => !onlyInvalid || !row.valid).map((row) => {
        let status;
        if (!row.valid) {
          status = h("div", { class: "bulk-issues-cell" }, lineIssueTexts(row.issues).map((text) => h("p", { class: "msg-error" }, text)));
        } else if (row.duplicateOf) {
          status = h("span", { class: "flag flag-protected" }, `Same call as line ${row.duplicateOf}`);
        } else status = h("span", { class: "check-ok" }, "OK");
        return h(
          "tr",
          { class: row.valid ? "check-row" : "check-row is-invalid", dataset: { line: row.line, valid: String(row.valid) } },
          h("td", { class: "mono" }, String(row.line)),
          h("td", { class: "bulk-what" }, row.valid ? row.what : h("span", { class: "mono" }, row.text)),
          h("td", { class: "bulk-message" }, status),
        );
      }),
    );
  }

  /** "3, 7 and 12"; a long list shortened. */
  function lineList(lines) {
    const shown = lines.slice(0, 8).map(String);
    if (lines.length > 8) return `lines ${shown.join(", ")} and ${lines.length - 8} more`;
    if (shown.length === 1) return `line ${shown[0]}`;
    return `lines ${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}`;
  }

  /** Re-checks the list (not while a batch runs: its lines are the batch's), then update(). */
  function recheck() {
    clearTimeout(recheckTimer);
    recheckTimer = null;
    delete els.checkSummary.dataset.pending;
    if (!api) return;
    if (!running) {
      check();
      renderCheck();
    }
    update();
  }

  /** As the admin types: at once for a list of usual size, a moment later for a long one. */
  function scheduleRecheck() {
    clearTimeout(recheckTimer);
    els.checkSummary.dataset.pending = "true"; // until the lines are checked (tests wait for it)
    recheckTimer = setTimeout(recheck, els.list.value.length > 40_000 ? 200 : 0);
  }

  /** Says what keeps Delete off (the list as last checked, the connection as it is now). */
  function update() {
    if (!api) return;
    const conn = connection();
    const missing = [];
    if (checked.valid === 0) missing.push({ code: "bulk_empty", text: "Add calls to the list: paste them, upload a file or tick them in Recorded calls." });
    for (const issue of conn.issues) {
      const text = words.issueText(issue);
      missing.push({ code: issue.code, text: issue.code === "sign_in_required" ? text : `Connection (step 1): ${text}` });
    }
    const key = missing.map((m) => m.code).join(" ");
    if (els.issues.dataset.key !== key) {
      els.issues.dataset.key = key;
      els.issues.replaceChildren();
      if (missing.length) {
        els.issues.append(
          h("p", { class: "form-issues-title" }, "To enable Delete:"),
          h("ul", {}, missing.map((m) => h("li", { dataset: { code: m.code } }, m.text))),
        );
      }
    }
    els.deleteLabel.textContent = checked.valid ? `Delete ${plural(checked.valid, "call")}…` : "Delete calls…";
    els.deleteButton.disabled = running !== null || missing.length > 0;
    calls.syncTicks();
  }

  // ---- the list's sources: typing, a file, the call list's boxes ----------------------------

  function setList(text, message) {
    els.list.value = text;
    recheck();
    if (message) els.listAnnounce.textContent = message;
  }

  async function onFile() {
    const file = els.file.files[0];
    els.file.value = ""; // the same file again is a new choice
    if (!file || running) return;
    if (file.size > MAX_FILE_BYTES) {
      els.listAnnounce.textContent = `${file.name} is larger than 5 MB: not loaded.`;
      renderFileError(`${file.name} is larger than 5 MB: not loaded. Split the list.`);
      return;
    }
    const text = (await file.text()).replace(/^\uFEFF/, "");
    renderFileError("");
    setList(text, "");
    els.listAnnounce.textContent = `Loaded ${file.name}: ${plural(checked.rows.length, "line")}, ${plural(checked.invalid.length, "invalid line")}.`;
    els.list.focus();
  }

  function renderFileError(text) {
    let slot = $("bulk-file-msg");
    if (!slot) {
      slot = h("div", { class: "msg", id: "bulk-file-msg" });
      els.file.closest(".bulk-tools").after(slot);
    }
    slot.replaceChildren(...(text ? [h("p", { class: "msg-error", dataset: { code: "file" } }, text)] : []));
  }

  /** Whether the call is in the list (a line naming it by call ID): its box in the call list is ticked. */
  const isTicked = (callID) => checked.ids?.has(callID.toLowerCase()) ?? false;

  /** Ticked in the call list: adds the calls' IDs as lines; unticked: removes their lines. */
  function tick(callIDs, add) {
    if (!api || running) {
      calls.syncTicks();
      return;
    }
    const ids = callIDs.map((id) => id.toLowerCase());
    if (add) {
      const fresh = ids.filter((id) => !isTicked(id));
      const text = els.list.value.replace(/\s+$/, "");
      setList(fresh.length ? `${text}${text ? "\n" : ""}${fresh.join("\n")}\n` : els.list.value, `Added ${plural(fresh.length, "call")} to the list.`);
    } else {
      const drop = new Set(checked.rows.filter((r) => r.callID && ids.includes(r.callID)).map((r) => r.line));
      const lines = els.list.value.split(/\r\n|\r|\n/).filter((_, i) => !drop.has(i + 1));
      setList(lines.join("\n"), `Removed ${plural(drop.size, "line")} from the list.`);
    }
  }

  // ---- running the batch ---------------------------------------------------------------------

  function confirmRun(conn, rows) {
    const host = new URL(api.buildDeleteCallRequest({ ...conn.options, callID: PLACEHOLDER_GUID }).url).host;
    const count = checked.valid;
    $("bulk-confirm-title").textContent = `Delete ${plural(count, "call")}?`;
    $("bulk-confirm-text").textContent = `You are about to delete ${plural(count, "call")} on ${calls.where(host)}, ${
      Number(els.concurrency.value) === 1 ? "one after the other" : `${els.concurrency.value} at a time`
    }. A call that has not ended is marked for deletion and deleted when it ends.`;
    const skipped = $("bulk-confirm-skipped");
    skipped.hidden = checked.invalid.length === 0;
    skipped.textContent = checked.invalid.length ? `${plural(checked.invalid.length, "invalid line")} (${lineList(checked.invalid)}) will not be sent.` : "";
    const duplicates = rows.filter((r) => r.duplicateOf).length;
    const details = [
      ["Calls", String(count)],
      ["Lines", String(rows.length)],
      ["Same call twice", duplicates ? plural(duplicates, "line") : null],
      ["Request", `${conn.options.method} · reply as ${conn.options.responseType}`],
      ["Signed in as", conn.client ? conn.signedInAs : null],
    ];
    $("bulk-confirm-details").replaceChildren(
      ...details.filter(([, v]) => v).map(([term, v]) => h("div", {}, h("dt", {}, term), h("dd", {}, v))),
    );
    $("bulk-confirm-delete").textContent = `Delete ${plural(count, "call")}`;
    els.dialog.returnValue = "";
    els.dialog.showModal();
    return new Promise((resolve) => {
      els.dialog.addEventListener("close", () => resolve(els.dialog.returnValue === "delete"), { once: true });
    });
  }

  const countsText = (counts) =>
    OUTCOMES.filter(([o]) => counts[o] > 0 || o === "deleted").map(([o]) => `${counts[o]} ${COUNT_WORDS[o]}`).join(", ");

  function renderProgress() {
    if (!running) return;
    running.timer = null;
    const { done, total, counts } = running.progress;
    els.progress.max = Math.max(total, 1);
    els.progress.value = done;
    els.progress.dataset.done = String(done);
    els.progressText.textContent = `${done} of ${total} done: ${countsText(counts)}.`;
    // Announced now and then, not per item: a screen reader would read nothing else.
    const now = performance.now();
    if (now - running.lastAnnounce >= ANNOUNCE_EVERY_MS && done < total) {
      running.lastAnnounce = now;
      els.announce.textContent = `${done} of ${total} done.`;
    }
  }

  function setRunning(on) {
    els.cancel.hidden = !on;
    els.list.readOnly = on;
    els.file.disabled = on;
    els.clear.disabled = on;
    els.concurrency.disabled = on;
    els.form.setAttribute("aria-busy", String(on));
    onBusy(on);
    recheck();
  }

  async function onSubmit(event) {
    event.preventDefault();
    recheck();
    if (els.deleteButton.disabled || running) return;
    const conn = connection();
    const rows = checked.rows;
    if (!(await confirmRun(conn, rows))) return;
    if (running) return;

    // What the call list says of each call now: a finished call is deleted, another one marked.
    const states = new Map(rows.filter((r) => r.callID).map((r) => [r.line, calls.find("callID", r.callID)?.state ?? null]));
    const items = rows.map((r) => r.input);
    running = {
      controller: new AbortController(),
      progress: { done: 0, total: items.length, counts: Object.fromEntries(OUTCOMES.map(([o]) => [o, 0])) },
      timer: null,
      lastAnnounce: performance.now(),
    };
    const { signal } = running.controller;
    els.results.hidden = true;
    els.progressBox.hidden = false;
    delete els.progress.dataset.finished;
    els.progress.dataset.run = String(++runs);
    renderProgress();
    els.announce.textContent = `Deleting ${plural(checked.valid, "call")}…`;
    setRunning(true);
    els.cancel.focus();

    const options = {
      concurrency: Number(els.concurrency.value),
      signal,
      onProgress: (progress) => {
        if (!running) return;
        running.progress = progress;
        running.timer ??= setTimeout(renderProgress, 50);
      },
    };
    let report = null;
    let failure = null;
    try {
      // Signed in: the client adds its token and renews it once if the recorder refuses it.
      report = conn.client ? await conn.client.deleteCalls(items, options) : await api.deleteCalls(items, { ...conn.options, ...options });
    } catch (err) {
      failure = err; // only VALIDATION of the shared options: nothing was sent
    }
    clearTimeout(running.timer);
    if (report) running.progress = { done: report.total - report.counts.notAttempted, total: report.total, counts: report.counts };
    renderProgress();
    if (report?.aborted) {
      const sent = report.total - report.counts.notAttempted;
      els.progressText.textContent = `Cancelled after ${sent} of ${report.total}: ${countsText(report.counts)}.`;
    }
    running = null;
    const hadFocus = document.activeElement === els.cancel || document.activeElement === document.body;
    setRunning(false);
    els.progress.dataset.finished = "true";
    if (failure) {
      els.progressText.textContent = `Nothing was sent: ${failure?.issues ? failure.issues.map(words.issueText).join(" ") : String(failure?.message ?? failure)}`;
      els.announce.textContent = els.progressText.textContent;
      return;
    }
    showResults(report, rows, states, conn);
    els.announce.textContent = report.aborted ? els.resultsSummary.textContent : `Done. ${els.resultsSummary.textContent}`;
    if (hadFocus) els.resultsTitle.focus();
    await calls.refresh();
  }

  // ---- the results ---------------------------------------------------------------------------

  /** [words, message, kind] for one item: what an admin reads in the results table. */
  function itemWords(item, row, state, report) {
    const err = item.error;
    switch (item.outcome) {
      case "deleted": {
        let notEnded = [];
        if (state) notEnded = [state !== "finished"];
        else if (row.extensionStatus) notEnded = row.extensionStatus.map((s) => s !== "last");
        if (notEnded.length && notEnded.every(Boolean)) {
          return ["Marked for deletion", "The call has not ended: the recorder marked it for deletion and deletes it when it ends.", "ok"];
        }
        if (notEnded.length && !notEnded.some(Boolean)) return ["Deleted", "The recorder deleted the call.", "ok"];
        return ["Deleted or marked", "The recorder accepted the deletion: a finished call is deleted now, a call that has not ended when it ends.", "ok"];
      }
      case "notFound":
        return err?.mayHaveDeleted
          ? ["Not found", "The recorder has no such call now: an earlier attempt, whose answer was lost, may have deleted it.", "muted"]
          : ["Not found", "The recorder has no such call. It may have been deleted already.", "muted"];
      case "refused":
        return ["Refused", words.errorText(err), "error"];
      case "invalid":
        return ["Invalid line", `Not sent. ${lineIssueTexts(err?.issues ?? []).join(" ")}`.trim(), "error"];
      case "failed": {
        const why = err?.code === "ABORTED" ? "Cancelled while the request was under way." : words.errorText(err);
        if (err?.mayHaveDeleted) {
          return ["Outcome unknown", `${why} The recorder may have deleted the call: ${checkFirst()} before trying again.`, "warn"];
        }
        return ["Not deleted", `${why} Nothing was deleted: it can be tried again.`, "error"];
      }
      case "notAttempted":
        return report.aborted
          ? ["Not sent", "Cancelled before it was sent: nothing was done.", "muted"]
          : ["Not sent", "The recorder refused the API key, the token or the sign-in, so the sending stopped: nothing was done.", "muted"];
      default:
        return [item.outcome, "", "muted"];
    }
  }

  /** The key and token as the page knows them, never in a cell (the package redacts its own text). */
  function scrubber(conn) {
    const secrets = [conn.options.apiKey, conn.options.token]
      .filter((s) => typeof s === "string" && s.length >= 4)
      .flatMap((s) => [s, s.replace(/-/g, "")]);
    const patterns = secrets.map((s) => new RegExp(s.replace(/[^0-9a-z]/gi, "\\$&"), "gi"));
    return (text) => patterns.reduce((out, pattern) => out.replace(pattern, "REDACTED"), text);
  }

  function showResults(report, rows, states, conn) {
    const scrub = scrubber(conn);
    const lines = report.items.map((item) => {
      const row = rows[item.index];
      const [said, message, kind] = itemWords(item, row, states.get(row.line), report);
      return {
        line: row.line,
        input: scrub(row.text),
        text: row.text, // as typed, for "try again"
        outcome: item.outcome,
        words: said,
        attempts: item.attempts,
        message: scrub(message),
        kind,
        code: item.error?.code ?? "",
        mayHaveDeleted: item.error?.mayHaveDeleted === true,
      };
    });
    results = { rows: lines, report, filter: "all" };
    const unknown = lines.filter((l) => l.outcome === "failed" && l.mayHaveDeleted).length;
    els.resultsSummary.textContent =
      (report.aborted ? "Cancelled. " : "") +
      `${plural(report.total, "line")}: ${countsText(report.counts)}.` +
      (unknown ? ` ${unknown} with outcome unknown: ${checkFirst()} before trying again.` : "");
    els.resultsSummary.dataset.aborted = String(report.aborted);
    const choices = [["all", "All", report.total], ...OUTCOMES.filter(([o]) => report.counts[o] > 0).map(([o, w]) => [o, w, report.counts[o]])];
    els.filter.replaceChildren(
      ...choices.map(([value, label, n]) =>
        h("label", {}, h("input", { type: "radio", name: "bulkFilter", value, checked: value === "all" }), h("span", {}, `${label} (${n})`)),
      ),
    );
    const again = lines.filter((l) => l.outcome === "failed" || l.outcome === "notAttempted").length;
    els.retry.hidden = again === 0;
    els.retryHint.hidden = again === 0;
    els.retry.textContent = `Put the ${plural(again, "line")} to try again in the list`;
    els.results.hidden = false;
    renderResults();
  }

  /** The lines that failed or were not sent become the list (the rest is done or needs a fix). */
  function retryLines() {
    if (!results || running) return;
    const again = results.rows.filter((r) => r.outcome === "failed" || r.outcome === "notAttempted");
    setList(`${again.map((r) => r.text).join("\n")}\n`, `The list now holds the ${plural(again.length, "line")} to try again.`);
    els.list.focus();
  }

  function renderResults() {
    const { rows, filter } = results;
    const shown = filter === "all" ? rows : rows.filter((r) => r.outcome === filter);
    els.resultsBody.replaceChildren(
      ...shown.map((r) =>
        h(
          "tr",
          { class: `result-row is-${r.kind}`, dataset: rowData(r) },
          h("td", { class: "mono" }, String(r.line)),
          h("td", { class: "mono bulk-input-cell" }, r.input),
          h("td", {}, h("span", { class: `outcome outcome-${r.kind}` }, r.words)),
          h("td", {}, String(r.attempts)),
          h("td", { class: "bulk-message" }, r.message),
        ),
      ),
    );
    const label = filter === "all" ? "" : `: ${OUTCOMES.find(([o]) => o === filter)[1]}`;
    els.filterSummary.textContent = `Showing ${shown.length} of ${plural(rows.length, "line")}${label}.`;
  }

  function rowData(r) {
    const data = { line: r.line, outcome: r.outcome };
    if (r.code) data.code = r.code;
    if (r.mayHaveDeleted && r.outcome === "failed") data.unknown = "true";
    return data;
  }

  /** The results as CSV: the table's columns and words, every line whatever the filter. */
  function resultsCsv() {
    const head = ["Line", "Input", "Outcome", "Attempts", "Message"];
    const body = results.rows.map((r) => [r.line, r.input, r.words, r.attempts, r.message]);
    return `\uFEFF${[head, ...body].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
  }

  function download() {
    if (!results) return;
    const blob = new Blob([resultsCsv()], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
    const link = h("a", { href: url, download: `verba-bulk-results-${stamp}.csv`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  // ---- wiring ----------------------------------------------------------------------------------

  els.form.addEventListener("submit", onSubmit);
  els.list.addEventListener("input", scheduleRecheck);
  els.file.addEventListener("change", onFile);
  els.clear.addEventListener("click", () => {
    setList("", "The list is empty.");
    els.list.focus();
  });
  els.concurrency.addEventListener("change", update);
  els.onlyInvalid.addEventListener("change", renderCheck);
  els.cancel.addEventListener("click", () => {
    if (!running) return;
    running.controller.abort();
    els.announce.textContent = "Cancelling: nothing more is sent.";
  });
  els.filter.addEventListener("change", (event) => {
    if (!results || event.target.name !== "bulkFilter") return;
    results.filter = event.target.value;
    renderResults();
  });
  els.download.addEventListener("click", download);
  els.retry.addEventListener("click", retryLines);

  return {
    ready(pkg) {
      api = pkg;
      recheck();
    },
    update,
    isTicked,
    tick,
  };
}
