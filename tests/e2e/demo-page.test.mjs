// End-to-end test of the demo admin page (www/) in headless Chromium, driven by playwright-core.
//
// Run: tests/support/with-emulator.sh node tests/e2e/demo-page.test.mjs
// (after `make pkg` and `make emulator-bin`; `make test-e2e` does all three). The wrapper starts a
// fresh emulator on a free port and exports VERBA_EMULATOR_URL. Screenshots go to
// tests/e2e/screenshots/ (git-ignored). Exits non-zero on any failure, console error or page error.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const BASE = process.env.VERBA_EMULATOR_URL;
// The emulator's demo credentials (emulator/src/demo_data.rs), which the page prefills.
const DEMO_API_KEY = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
const DEMO_TOKEN = "09835e02-6c10-11e0-bb22-ba324924019b";
const UNKNOWN_CALL_ID = "0badc0de-0000-4000-8000-000000000001";
const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const TIMEOUT_MS = 10_000;

const started = performance.now();
const passed = [];
const problems = []; // console errors and page errors seen in the browser

async function check(name, fn) {
  const t0 = performance.now();
  await fn();
  passed.push(name);
  console.log(`  ok  ${name} (${Math.round(performance.now() - t0)} ms)`);
}

async function emulatorCalls() {
  const response = await fetch(`${BASE}/__emulator/calls`);
  assert.equal(response.status, 200, "GET /__emulator/calls");
  return (await response.json()).calls;
}

async function emulatorReset(fixture) {
  const response = await fetch(`${BASE}/__emulator/reset`, {
    method: "POST",
    headers: fixture ? { "content-type": "application/json" } : {},
    body: fixture ? JSON.stringify(fixture) : "",
  });
  const summary = await response.json();
  assert.equal(response.status, 200, `POST /__emulator/reset: ${JSON.stringify(summary)}`);
  return summary;
}

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

async function screenshot(page, name, options = {}) {
  await assertNoSecretsInPage(page, `in screenshot ${name}`);
  const text = await page.locator("body").innerText();
  assert.doesNotMatch(text, /null|undefined|NaN|\[object /, `stray values in the page text (${name})`);
  await page.screenshot({ path: `${SHOTS}${name}.png`, ...options });
}

/** Waits until the page has loaded the package, or fails with the page's own load error. */
async function waitForReady(page) {
  await page.waitForFunction(
    () => document.documentElement.dataset.ready === "true" || !document.getElementById("load-error").hidden,
  );
  const banner = page.locator("#load-error");
  if (await banner.isVisible()) assert.fail(`the page could not load the package: ${await banner.innerText()}`);
}

async function confirmDeletion(page) {
  const dialog = page.locator("#confirm-dialog");
  await page.locator("#delete-button").click();
  await dialog.waitFor({ state: "visible" });
  await page.locator("#confirm-delete").click();
  await dialog.waitFor({ state: "hidden" });
}

async function main() {
  assert.ok(BASE, "VERBA_EMULATOR_URL is not set; run through tests/support/with-emulator.sh");
  mkdirSync(SHOTS, { recursive: true });
  console.log(`demo page e2e against ${BASE}`);

  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = await context.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()} (${msg.location().url})`);
    });
    page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
    const noProblems = () => assert.deepEqual(problems, [], "console or page errors in the browser");

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
      assert.match(await page.locator("#form-issues").innerText(), /Say which call to delete/);
      await assertNoSecretsInPage(page, "after load");
      const table = await page.locator("#calls-wrap").evaluate((el) => [el.scrollWidth, el.clientWidth]);
      assert.ok(table[0] <= table[1], `the call table fits at 1280 px without scrolling: ${table}`);
      noProblems();
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
      assert.match(await selectorMsg.innerText(), /GUID/);
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
      await screenshot(page, "desktop-1280x800-confirm");
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
      assert.match(text, /Response type\s*XML/i);
      assert.match(text, /HTTP status\s*200/i);
      // The list refreshes by itself after a delete.
      await page.locator(`#calls-body tr[data-call-id='${target.callID}']`).waitFor({ state: "detached" });
      const calls = await emulatorCalls();
      assert.ok(!calls.some((c) => c.callID === target.callID), "gone from /__emulator/calls");
      assert.equal(await rows.count(), calls.length);
      await assertNoSecretsInPage(page, "after the delete");
      await screenshot(page, "desktop-1280x800-deleted");
      await screenshot(page, "desktop-1280x800-deleted-full", { fullPage: true });
      noProblems();
    });

    await check("not found: CALL_NOT_FOUND with API code 2", async () => {
      await selectorValue.fill(UNKNOWN_CALL_ID);
      assert.ok(await deleteButton.isEnabled());
      await confirmDeletion(page);
      const error = result.locator("[data-outcome='error'][data-code='CALL_NOT_FOUND']");
      await error.waitFor();
      const text = await error.innerText();
      assert.match(text, /CALL_NOT_FOUND/);
      assert.match(text, /API code\s*2/i);
      await assertNoSecretsInPage(page, "after CALL_NOT_FOUND");
      await screenshot(page, "desktop-1280x800-not-found");
      noProblems();
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
      assert.match(await result.innerText(), /Marked for deletion/);
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
      assert.match(await result.innerText(), /cancelled/i);
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
      assert.match(await page.locator("#target-text").innerText(), /Recorder/);
      const expected = problems.splice(before).filter((p) => !/404/.test(p));
      assert.deepEqual(expected, [], "only the expected 404");
      await page.unroute("**/__emulator/calls");
      await page.locator("#refresh-calls").click();
      await page.locator("#calls-wrap").waitFor({ state: "visible" });
      assert.ok(await page.locator("#calls-unavailable").isHidden());
      noProblems();
    });

    await check("Reset demo data button restores the demo calls", async () => {
      await page.locator("#reset-calls").click();
      const demo = await (async () => {
        for (let i = 0; i < 50; i++) {
          const calls = await emulatorCalls();
          if (calls.length > 1) return calls;
          await new Promise((r) => setTimeout(r, 100));
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
    await context.close();
  } finally {
    await browser.close();
  }
}

try {
  await main();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`demo page e2e: ${passed.length} checks passed in ${seconds} s; screenshots in ${SHOTS}`);
} catch (err) {
  console.error(`demo page e2e FAILED after ${passed.length} passed checks:`);
  console.error(err);
  if (problems.length) console.error(`browser console/page errors:\n  ${problems.join("\n  ")}`);
  process.exitCode = 1;
}
