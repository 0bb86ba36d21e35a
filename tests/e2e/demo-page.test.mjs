// End-to-end test of the demo admin page (www/) in headless Chromium, driven by playwright-core.
//
// Run: tests/support/with-emulator.sh node tests/e2e/demo-page.test.mjs
// (after `make pkg` and `make emulator-bin`; `make test-e2e` does all three). The wrapper starts a
// fresh emulator on a free port and exports VERBA_EMULATOR_URL. Screenshots go to
// tests/e2e/screenshots/ (git-ignored), one or more per state of the page. axe-core (a
// devDependency, loaded by support.mjs) checks every state for accessibility violations. The
// helpers shared with sign-in.test.mjs (checks, emulator routes, screenshots, axe, the final
// report) are in support.mjs. Exits non-zero on any failure, console error, page error or axe
// violation.
import assert from "node:assert/strict";
// From support.mjs: the emulator; the run and its checks; the page.
import { BASE, DEMO_API_KEY, DEMO_TOKEN, UNKNOWN_CALL_ID, emulatorCalls, emulatorReset } from "./support.mjs";
import { runE2e, check, problems, noProblems, sleep } from "./support.mjs";
import { waitForReady, confirmOpenDialog, confirmDeletion, technicalDetails, screenshot as capture, assertAccessible } from "./support.mjs";

/** Neither secret anywhere in the page's text or markup (input values are properties, not markup). */
async function assertNoSecretsInPage(page, when) {
  const texts = await page.evaluate(() => [
    document.body.innerText,
    document.body.textContent,
    document.documentElement.outerHTML,
  ]);
  for (const text of texts) {
    assert.ok(!text.includes(DEMO_API_KEY), `the API key appears in the page ${when}`);
    assert.ok(!text.includes(DEMO_TOKEN), `the token appears in the page ${when}`);
  }
  // Masked by default: every screenshot shows dots only.
  assert.equal(await page.locator("#apiKey").getAttribute("type"), "password", `API key masked ${when}`);
  assert.equal(await page.locator("#token").getAttribute("type"), "password", `token masked ${when}`);
}

/** A screenshot (support.mjs: no stray values) of a page that shows neither secret. */
async function screenshot(page, name, options = {}) {
  await assertNoSecretsInPage(page, `in screenshot ${name}`);
  await capture(page, name, options);
}

/** `count` times `text` in `haystack`. */
function occurrences(haystack, text) {
  return haystack.split(text).length - 1;
}

await runE2e("demo page e2e", async ({ page }) => {
  const body = page.locator("body");
  const deleteButton = page.locator("#delete-button");
  const selectorValue = page.locator("#selectorValue");
  const selectorMsg = page.locator("#selectorValue-msg");
  const result = page.locator("#result");
  const rows = page.locator("#calls-body tr.call-row");
  let target;

  await check("reset the emulator to the demo data", async () => {
    const summary = await emulatorReset();
    assert.equal(summary.ok, true);
    assert.ok(summary.calls > 0, "the demo data has calls");
  });

  await check("open the page: package loaded, call list shown, secrets prefilled but masked", async () => {
    await page.goto(`${BASE}/`);
    await waitForReady(page);
    const calls = await emulatorCalls();
    await assert.doesNotReject(rows.first().waitFor());
    assert.equal(await rows.count(), calls.length, "one row per emulator call");
    assert.equal(await page.locator("#baseUrl").getAttribute("placeholder"), BASE);
    assert.equal(await page.locator("#apiKey").inputValue(), DEMO_API_KEY);
    assert.equal(await page.locator("#token").inputValue(), DEMO_TOKEN);
    assert.match(await page.locator("#credentials-hint").innerText(), /emulator's demo credentials/);
    assert.ok(await deleteButton.isDisabled(), "Delete is disabled while no call is chosen");
    // The package's "Say which call to delete: give one of callID, …", in the admin's words.
    const issues = await page.locator("#form-issues").innerText();
    assert.match(issues, /Pick a call, or enter its ID\./);
    assert.doesNotMatch(issues, /callID|platformCallID/);
    await assertNoSecretsInPage(page, "after load");
    const table = await page.locator("#calls-wrap").evaluate((el) => [el.scrollWidth, el.clientWidth]);
    assert.ok(table[0] <= table[1], `the call table fits at 1280 px without scrolling: ${table}`);
    await screenshot(page, "desktop-1280x800-initial");
    noProblems();
  });

  await check("axe: no violations in the initial state", async () => {
    await assertAccessible(page, "initial");
  });

  await check("1280x800: the call list and a pointer to it are above the fold", async () => {
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    const box = async (locator) => {
      const b = await locator.boundingBox();
      assert.ok(b, "the element is rendered");
      return b;
    };
    const fold = 800;
    const pointer = await box(page.locator("#calls-pointer"));
    assert.ok(pointer.y >= 0 && pointer.y + pointer.height <= fold, `the pointer to the list is above the fold: ${JSON.stringify(pointer)}`);
    assert.match(await page.locator("#calls-pointer a").getAttribute("href"), /^#calls$/);
    assert.match(await page.locator("#calls-pointer").innerText(), /Pick the call in Recorded calls below/);
    const field = await box(selectorValue);
    assert.ok(pointer.y < field.y, "the pointer comes before the ID field");
    const title = await box(page.locator("#calls-title"));
    assert.ok(title.y + title.height <= fold, `the list's title is above the fold: ${JSON.stringify(title)}`);
    const first = await box(rows.first());
    assert.ok(first.y + first.height <= fold, `the first call of the list is above the fold: ${JSON.stringify(first)}`);
    const button = await box(deleteButton);
    assert.ok(button.y + button.height <= fold, `the Delete button is above the fold: ${JSON.stringify(button)}`);
  });

  await check("show/hide toggles reveal and re-mask the secrets", async () => {
    for (const id of ["apiKey", "token"]) {
      const toggle = page.locator(`button.reveal[aria-controls='${id}']`);
      assert.equal(await toggle.getAttribute("aria-pressed"), "false");
      await toggle.click();
      assert.equal(await page.locator(`#${id}`).getAttribute("type"), "text");
      assert.equal(await toggle.getAttribute("aria-pressed"), "true");
      await toggle.press("Enter"); // keyboard works too
      assert.equal(await page.locator(`#${id}`).getAttribute("type"), "password");
      assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    }
  });

  await check("pick a finished, deletable call from /__emulator/calls", async () => {
    const calls = await emulatorCalls();
    target = calls.find((c) => c.state === "finished" && !c.doNotDelete && !c.markedForDeletion);
    assert.ok(target, "the demo data has a finished deletable call");
  });

  await check("extension without status: cross-field issue shown, Delete disabled", async () => {
    await page.locator("#selector-group").getByText("Extension", { exact: true }).click();
    await page.locator("#status-group").waitFor({ state: "visible" });
    await selectorValue.fill("8856");
    await assert.doesNotReject(
      page.locator("#form-issues li[data-code='extension_requires_status']").waitFor(),
    );
    assert.ok(await deleteButton.isDisabled());
    await page.locator("#status-last").check();
    await page.locator("#form-issues li[data-code='extension_requires_status']").waitFor({ state: "detached" });
    assert.ok(await deleteButton.isEnabled(), "extension 8856 with status last is a valid request");
    assert.match(await page.locator("#preview").innerText(), /extension=8856&status=last/);
  });

  await check("choose callID, type an invalid callID: field message, aria-invalid, Delete disabled", async () => {
    await page.locator("#selector-group").getByText("Call ID", { exact: true }).click();
    assert.ok(await page.locator("input[name='selector'][value='callID']").isChecked());
    await page.locator("#status-group").waitFor({ state: "hidden" });
    assert.equal(await selectorValue.inputValue(), "", "each selector keeps its own value");
    await selectorValue.pressSequentially("a8343631-not-a-guid");
    await selectorMsg.locator(".msg-error[data-code='invalid_guid']").waitFor();
    // The package's "callID must be a GUID: …", in the admin's words.
    const message = await selectorMsg.innerText();
    assert.match(message, /^Not a valid call ID: it has 32 hexadecimal digits in groups of 8-4-4-4-12/);
    assert.doesNotMatch(message, /callID|GUID/);
    assert.equal(await selectorValue.getAttribute("aria-invalid"), "true");
    const describedBy = (await selectorValue.getAttribute("aria-describedby")).split(/\s+/);
    assert.ok(describedBy.includes("selectorValue-msg"), "the message is tied to the input");
    assert.ok(await deleteButton.isDisabled(), "Delete is disabled while the callID is invalid");
    assert.match(await page.locator("#preview").innerText(), /appears here once the form is complete/);
  });

  await check("fix it (type the real callID): message gone, Delete enabled, redacted preview", async () => {
    await selectorValue.fill("");
    await selectorValue.pressSequentially(target.callID);
    await selectorMsg.locator(".msg-error").waitFor({ state: "detached" });
    assert.equal(await selectorValue.getAttribute("aria-invalid"), null);
    assert.ok(await deleteButton.isEnabled(), "Delete is enabled for a valid callID");
    const preview = await page.locator("#preview").innerText();
    assert.match(preview, /^POST .*\/verba\/api\?action=DeleteCall/);
    assert.ok(preview.includes(`callID=${target.callID}`), "the preview names the call");
    assert.match(preview, /apiKey=[^&\s]*REDACTED/);
    assert.match(preview, /token=[^&\s]*REDACTED/);
    assert.ok(!preview.includes(DEMO_API_KEY), "no API key in clear in the preview");
    assert.ok(!preview.includes(DEMO_TOKEN), "no token in clear in the preview");
    // The selected call is highlighted in the list.
    assert.equal(await page.locator(`#calls-body tr[data-call-id='${target.callID}']`).getAttribute("aria-current"), "true");
    await screenshot(page, "desktop-1280x800-ready");
  });

  await check("confirmation: Escape cancels and nothing is deleted", async () => {
    await deleteButton.click();
    const dialog = page.locator("#confirm-dialog");
    await dialog.waitFor({ state: "visible" });
    assert.ok((await dialog.innerText()).includes(target.callID), "the dialog names the call");
    assert.ok(await page.locator("#confirm-protected").isHidden(), "a deletable call is not flagged protected");
    await screenshot(page, "desktop-1280x800-confirm");
    await assertAccessible(page, "confirmation dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    assert.match(await result.innerText(), /Nothing sent yet/);
    assert.ok((await emulatorCalls()).some((c) => c.callID === target.callID), "still there");
  });

  await check("delete, confirm: success shown, call gone from the list and the emulator", async () => {
    await confirmDeletion(page);
    await result.locator("[data-outcome='success']").waitFor();
    const text = await result.innerText();
    assert.match(text, /Deleted/);
    assert.match(text, /The recorder deleted the call\./);
    const details = await technicalDetails(page);
    assert.match(details, /Response type\s*XML/i);
    assert.match(details, /HTTP status\s*200/i);
    // The list refreshes by itself after a delete.
    await page.locator(`#calls-body tr[data-call-id='${target.callID}']`).waitFor({ state: "detached" });
    const calls = await emulatorCalls();
    assert.ok(!calls.some((c) => c.callID === target.callID), "gone from /__emulator/calls");
    assert.equal(await rows.count(), calls.length);
    await assertNoSecretsInPage(page, "after the delete");
    await screenshot(page, "desktop-1280x800-deleted");
    await screenshot(page, "desktop-1280x800-deleted-full", { fullPage: true });
    await assertAccessible(page, "success (deleted)");
    noProblems();
  });

  await check("after a success, Delete stays disabled until the call selection changes", async () => {
    assert.ok(await deleteButton.isDisabled(), "Delete is disabled right after the success");
    assert.match(await result.innerText(), /To delete another call, pick it/);
    await selectorValue.fill(target.callID); // the same call again
    assert.ok(await deleteButton.isDisabled(), "the same call: still disabled");
    await page.locator("#selector-group").getByText("Native ID", { exact: true }).click();
    await selectorValue.fill("TRS26139001");
    assert.ok(await deleteButton.isEnabled(), "another selection: enabled");
    await page.locator("#selector-group").getByText("Call ID", { exact: true }).click();
    assert.equal(await selectorValue.inputValue(), target.callID);
    // The selection changed in between: choosing the call again is a new selection.
    assert.ok(await deleteButton.isEnabled(), "back to the deleted call after a change: enabled");
    await page.locator("#selector-group").getByText("Native ID", { exact: true }).click();
    await selectorValue.fill("");
    await page.locator("#selector-group").getByText("Call ID", { exact: true }).click();
  });

  await check("not found: CALL_NOT_FOUND with API code 2", async () => {
    await selectorValue.fill(UNKNOWN_CALL_ID);
    assert.ok(await deleteButton.isEnabled());
    await confirmDeletion(page);
    const error = result.locator("[data-outcome='error'][data-code='CALL_NOT_FOUND']");
    await error.waitFor();
    // Admin wording on the panel; the codes behind "Technical details".
    const text = await error.innerText();
    assert.match(text, /^. ?\s*Not deleted\s+The recorder has no such call\. It may have been deleted already\./);
    assert.doesNotMatch(text, /CALL_NOT_FOUND|API code|may have deleted/);
    const details = await technicalDetails(page);
    assert.match(details, /Error code\s*CALL_NOT_FOUND/i);
    assert.match(details, /API code\s*2/i);
    assert.ok(await deleteButton.isEnabled(), "an error leaves Delete enabled");
    await assertNoSecretsInPage(page, "after CALL_NOT_FOUND");
    await screenshot(page, "desktop-1280x800-not-found");
    await assertAccessible(page, "error (call not found)");
    noProblems();
  });

  await check("protected call: flagged in the confirmation, refused once, in admin words", async () => {
    const protectedCall = (await emulatorCalls()).find((c) => c.state === "finished" && c.doNotDelete);
    assert.ok(protectedCall, "the demo data has a protected finished call");
    await page.locator(`#calls-body tr[data-call-id='${protectedCall.callID}'] .flag-protected`).click();
    assert.equal(await selectorValue.inputValue(), protectedCall.callID);
    assert.match(await page.locator("#selected-call").innerText(), /Protected from deletion/);
    await deleteButton.click();
    const dialog = page.locator("#confirm-dialog");
    await dialog.waitFor({ state: "visible" });
    const flag = page.locator("#confirm-protected");
    assert.ok(await flag.isVisible(), "the dialog flags the protected call");
    assert.match(await flag.innerText(), /Protected: this call is marked “Do not delete”, so the recorder will refuse to delete it\./);
    assert.ok((await dialog.getAttribute("aria-describedby")).split(/\s+/).includes("confirm-protected"));
    await screenshot(page, "desktop-1280x800-confirm-protected");
    await assertAccessible(page, "confirmation dialog, protected call");
    await confirmOpenDialog(page);
    const error = result.locator("[data-outcome='error'][data-code='API_ERROR']");
    await error.waitFor();
    const text = await error.innerText();
    assert.match(text, /Not deleted/);
    assert.doesNotMatch(text, /API_ERROR|may have deleted/);
    assert.equal(occurrences(text, "refused"), 1, `the refusal is said once: ${text}`);
    assert.equal(occurrences(text, "protected from deletion"), 1, `the recorder's reason once: ${text}`);
    assert.match(await technicalDetails(page), /API code\s*5/i);
    assert.ok((await emulatorCalls()).some((c) => c.callID === protectedCall.callID), "still there");
    await screenshot(page, "desktop-1280x800-refused");
    await assertAccessible(page, "error (refused: protected)");
    noProblems();
  });

  await check("no readable answer: outcome unknown, refresh before trying again (mayHaveDeleted)", async () => {
    // A proxy error page instead of the recorder's answer: HTTP_ERROR, mayHaveDeleted true.
    // Chromium logs the 502 as a console error, which is expected in this step only.
    const isApi = (url) => url.pathname === "/verba/api";
    await page.route(isApi, (route) => route.fulfill({ status: 502, contentType: "text/html", body: "<html><body>Bad Gateway</body></html>" }));
    const before = problems.length;
    await selectorValue.fill(UNKNOWN_CALL_ID);
    await confirmDeletion(page);
    const error = result.locator("[data-outcome='error'][data-code='HTTP_ERROR']");
    await error.waitFor();
    await page.unroute(isApi);
    const text = await error.innerText();
    assert.match(text, /Outcome unknown/);
    assert.match(text, /did not answer as a Verba recorder \(HTTP 502\)/);
    assert.equal(occurrences(text, "The recorder may have deleted the call; refresh the list before trying again."), 1, text);
    assert.doesNotMatch(text, /Not deleted|HTTP_ERROR|baseUrl/);
    assert.match(await technicalDetails(page), /Error code\s*HTTP_ERROR/i);
    assert.deepEqual(problems.splice(before).filter((p) => !/502/.test(p)), [], "only the expected 502");
    await screenshot(page, "desktop-1280x800-outcome-unknown");
    await assertAccessible(page, "error (outcome unknown)");
    noProblems();
  });

  await check("an ongoing call picked in the list: marked for deletion, never called deleted", async () => {
    const ongoing = (await emulatorCalls()).find(
      (c) => c.state === "ongoing" && !c.doNotDelete && !c.markedForDeletion && !c.participants.includes("8830"),
    );
    assert.ok(ongoing, "the demo data has another ongoing deletable call");
    const row = page.locator(`#calls-body tr[data-call-id='${ongoing.callID}']`);
    await row.click();
    await deleteButton.click();
    const dialog = page.locator("#confirm-dialog");
    await dialog.waitFor({ state: "visible" });
    assert.match(await page.locator("#confirm-text").innerText(), /has not ended: the recorder marks it for deletion and deletes it when it ends/);
    await confirmOpenDialog(page);
    const success = result.locator("[data-outcome='success']");
    await success.waitFor();
    const text = await success.innerText();
    assert.match(text, /Marked for deletion/);
    assert.match(text, /deletes it when the call ends/);
    assert.doesNotMatch(text, /deleted the call|confirmed the deletion|^. ?\s*Deleted/);
    await row.locator(".flag-marked").waitFor();
    assert.ok(await deleteButton.isDisabled(), "Delete is disabled after the success");
    await row.click(); // the same call again
    assert.ok(await deleteButton.isDisabled(), "picking the same call keeps Delete disabled");
    await screenshot(page, "desktop-1280x800-marked");
    await assertAccessible(page, "success (marked for deletion)");
    await selectorValue.fill(UNKNOWN_CALL_ID);
    assert.ok(await deleteButton.isEnabled(), "another call: enabled");
  });

  await check("extension + ongoing: the ongoing call is marked for deletion in the list", async () => {
    const ongoing = (await emulatorCalls()).find((c) => c.state === "ongoing" && c.participants.includes("8830"));
    assert.ok(ongoing && !ongoing.markedForDeletion, "demo data: one ongoing call of 8830");
    await page.locator("#selector-group").getByText("Extension", { exact: true }).click();
    await selectorValue.fill("8830");
    await page.locator("#status-last").uncheck();
    await page.locator("#status-ongoing").check();
    assert.match(await page.locator("#preview").innerText(), /extension=8830&status=ongoing/);
    await confirmDeletion(page);
    await result.locator("[data-outcome='success']").waitFor();
    const text = await result.innerText();
    assert.match(text, /Marked for deletion/);
    assert.doesNotMatch(text, /deleted the call|confirmed the deletion/);
    const flag = page.locator(`#calls-body tr[data-call-id='${ongoing.callID}'] .flag-marked`);
    await flag.waitFor();
    assert.ok((await emulatorCalls()).find((c) => c.callID === ongoing.callID).markedForDeletion);
    await page.locator("#selector-group").getByText("Call ID", { exact: true }).click();
    assert.equal(await selectorValue.inputValue(), UNKNOWN_CALL_ID, "the callID typed before is back");
  });

  await check("keyboard: Enter on a focused row selects its callID", async () => {
    const row = rows.nth(2);
    const id = await row.getAttribute("data-call-id");
    await row.focus();
    await page.keyboard.press("Enter");
    assert.equal(await selectorValue.inputValue(), id);
    assert.equal(await row.getAttribute("aria-current"), "true");
    const other = rows.nth(3);
    await other.focus();
    await page.keyboard.press(" ");
    assert.equal(await selectorValue.inputValue(), await other.getAttribute("data-call-id"));
    await rows.nth(4).click();
    assert.equal(await selectorValue.inputValue(), await rows.nth(4).getAttribute("data-call-id"));
  });

  await check("instanceof VerbaError, evaluated in the page", async () => {
    const seen = await page.evaluate(
      async ([unknownId, apiKey, token]) => {
        const m = await import("/pkg/index.js");
        await m.default();
        const outcome = async (options) => {
          try {
            await m.deleteCall(options);
            return { resolved: true };
          } catch (e) {
            return {
              verba: e instanceof m.VerbaError,
              error: e instanceof Error,
              name: e.name,
              code: e.code,
              apiCode: e.apiCode,
              issues: Array.isArray(e.issues) ? e.issues.map((i) => i.code) : null,
              message: e.message,
            };
          }
        };
        let built = null;
        try {
          m.buildDeleteCallRequest({ apiKey, callID: "nope" });
        } catch (e) {
          built = { verba: e instanceof m.VerbaError, code: e.code };
        }
        return {
          invalid: await outcome({ apiKey, token, callID: "nope" }),
          notFound: await outcome({ apiKey, token, callID: unknownId }),
          built,
        };
      },
      [UNKNOWN_CALL_ID, DEMO_API_KEY, DEMO_TOKEN],
    );
    assert.equal(seen.invalid.verba, true, "a validation failure is a VerbaError");
    assert.equal(seen.invalid.error, true);
    assert.equal(seen.invalid.name, "VerbaError");
    assert.equal(seen.invalid.code, "VALIDATION");
    assert.ok(seen.invalid.issues.includes("invalid_guid"));
    assert.deepEqual(
      { verba: seen.notFound.verba, code: seen.notFound.code, apiCode: seen.notFound.apiCode },
      { verba: true, code: "CALL_NOT_FOUND", apiCode: 2 },
    );
    assert.ok(!seen.notFound.message.includes(DEMO_API_KEY) && !seen.notFound.message.includes(DEMO_TOKEN));
    assert.deepEqual(seen.built, { verba: true, code: "VALIDATION" });
  });

  await check("cancel an in-flight request with the Cancel request button", async () => {
    // A slow recorder: the same keys, one call, every reply delayed by 5 s.
    const slowId = "5107c0de-1111-4222-8333-944455556666";
    await emulatorReset({
      apiKeys: [{ key: DEMO_API_KEY, tokens: [DEMO_TOKEN] }],
      calls: [
        {
          callID: slowId,
          participants: ["8856", "+36 1 234 5678"],
          state: "finished",
          startOffsetS: -600,
          endOffsetS: -300,
        },
      ],
      responseDelayMs: 5000,
    });
    await page.locator("#refresh-calls").click();
    await page.locator(`#calls-body tr[data-call-id='${slowId}']`).click();
    await confirmDeletion(page);
    const cancel = page.locator("#cancel-request");
    await cancel.waitFor({ state: "visible" });
    assert.match(await result.innerText(), /Deleting/);
    assert.ok(await deleteButton.isDisabled(), "Delete is disabled while a request is in flight");
    await cancel.click();
    await result.locator("[data-outcome='cancelled']").waitFor({ timeout: 3000 });
    await cancel.waitFor({ state: "hidden" });
    const text = await result.innerText();
    assert.match(text, /cancelled/i);
    assert.match(text, /The recorder may have deleted the call; refresh the list before trying again\./);
    await screenshot(page, "desktop-1280x800-cancelled");
    noProblems();
  });

  await check("no call list on a real recorder: the list is hidden with a note", async () => {
    // A recorder without the emulator's admin routes answers 404 there; Chromium logs the 404
    // as a console error, which is expected in this step only.
    await page.route("**/__emulator/calls", (route) =>
      route.fulfill({ status: 404, contentType: "text/plain", body: "Not Found" }),
    );
    const before = problems.length;
    await page.locator("#refresh-calls").click();
    await page.locator("#calls-unavailable").waitFor({ state: "visible" });
    assert.match(await page.locator("#calls-unavailable").innerText(), /only with the Verba emulator/);
    assert.ok(await page.locator("#calls-wrap").isHidden(), "the table is hidden");
    assert.ok(await page.locator("#calls-pointer").isHidden(), "no pointer to a list that is not there");
    assert.match(await page.locator("#target-text").innerText(), /Recorder/);
    const expected = problems.splice(before).filter((p) => !/404/.test(p));
    assert.deepEqual(expected, [], "only the expected 404");
    await page.unroute("**/__emulator/calls");
    await page.locator("#refresh-calls").click();
    await page.locator("#calls-wrap").waitFor({ state: "visible" });
    assert.ok(await page.locator("#calls-unavailable").isHidden());
    assert.ok(await page.locator("#calls-pointer").isVisible());
    noProblems();
  });

  await check("Reset demo data button restores the demo calls", async () => {
    await page.locator("#reset-calls").click();
    const demo = await (async () => {
      for (let i = 0; i < 50; i++) {
        const calls = await emulatorCalls();
        if (calls.length > 1) return calls;
        await sleep(100);
      }
      return emulatorCalls();
    })();
    await page.locator(`#calls-body tr[data-call-id='${demo[0].callID}']`).waitFor();
    assert.equal(await rows.count(), demo.length);
    assert.match(await page.locator("#calls-summary").innerText(), /Demo data restored/);
    await screenshot(page, "desktop-1280x800-reset-full", { fullPage: true });
  });

  await check("phone width 390x844: no horizontal overflow of the body, table scrolls", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await waitForReady(page);
    await rows.first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "phone-390x844-top");
    const m = await page.evaluate(() => ({
      docScroll: document.documentElement.scrollWidth,
      docClient: document.documentElement.clientWidth,
      bodyScroll: document.body.scrollWidth,
      bodyClient: document.body.clientWidth,
      wrapScroll: document.getElementById("calls-wrap").scrollWidth,
      wrapClient: document.getElementById("calls-wrap").clientWidth,
      wide: [...document.querySelectorAll("body *")]
        .filter((el) => !el.closest("#calls-wrap") && el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((el) => el.id || el.className || el.tagName)
        .slice(0, 5),
    }));
    assert.ok(m.docScroll <= m.docClient, `page overflows horizontally: ${JSON.stringify(m)}`);
    assert.ok(m.bodyScroll <= m.bodyClient, `body overflows horizontally: ${JSON.stringify(m)}`);
    assert.deepEqual(m.wide, [], "elements sticking out to the right");
    assert.ok(m.wrapScroll > m.wrapClient, "the call table scrolls inside its own box");
    // Still usable: pick a row, then the form shows the call.
    await selectorValue.fill("not a guid");
    await selectorMsg.locator(".msg-error").waitFor();
    await selectorValue.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await screenshot(page, "phone-390x844-invalid");
    const row = rows.first();
    const id = await row.getAttribute("data-call-id");
    await row.click();
    assert.equal(await selectorValue.inputValue(), id);
    assert.ok(await deleteButton.isEnabled());
    await screenshot(page, "phone-390x844");
    await screenshot(page, "phone-390x844-full", { fullPage: true });
    await assertNoSecretsInPage(page, "at phone width");
    noProblems();
  });

  await check("no console or page errors, no secrets in the page text", async () => {
    await assertNoSecretsInPage(page, "at the end");
    assert.ok(!(await body.innerText()).includes(DEMO_API_KEY));
    noProblems();
  });
});
