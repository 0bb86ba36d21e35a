// End-to-end test of the demo page's Sign in step (issue 10) in headless Chromium, driven by
// playwright-core, against the emulator with a short token lifetime.
//
// Run: tests/support/with-emulator.sh node tests/e2e/sign-in.test.mjs (after `make pkg` and
// `make emulator-bin`; `make test-e2e` runs it after demo-page.test.mjs). The emulator is reset to
// a fixture whose RequestToken tokens work for TOKEN_LIFETIME_S seconds only, while the package's
// client believes them good for an hour: the second deletion is refused (AUTH_FAILED), and the
// client must get exactly one new token and repeat the deletion. axe-core checks each state of
// the step; the password must never appear in the page's text or markup, the request preview,
// the console, the page's storage or the emulator's request records. Screenshots go to
// tests/e2e/screenshots/ (git-ignored). The helpers shared with demo-page.test.mjs (checks,
// emulator routes, screenshots, axe, the final report) are in support.mjs. Exits non-zero on any
// failure.
import assert from "node:assert/strict";
// From support.mjs: the emulator; the run and its checks; the page.
import { BASE, DEMO_API_KEY, DEMO_TOKEN, DEMO_USER, DEMO_PASSWORD, emulatorJson, emulatorCalls, emulatorReset } from "./support.mjs";
import { runE2e, check, watch, noProblems, sleep } from "./support.mjs";
import { waitForReady, confirmDeletion, screenshot as capture, assertAccessible } from "./support.mjs";

const WRONG_PASSWORD = "n0t-the-pa$$word-7f3a";
const TOKEN_LIFETIME_S = 4;
const CALL_IDS = [
  "5160c0de-0000-4000-8000-00000000a001",
  "5160c0de-0000-4000-8000-00000000a002",
  "5160c0de-0000-4000-8000-00000000a003",
];
// The key requires a token: the static demo token (for the "Enter a token" path) or one that
// RequestToken issues to the demo user, which works for TOKEN_LIFETIME_S seconds.
const FIXTURE = {
  apiKeys: [{ key: DEMO_API_KEY, tokens: [DEMO_TOKEN], requiresToken: true }],
  users: [{ userName: DEMO_USER, password: DEMO_PASSWORD, roles: ["System Administrator", "System Supervisor"] }],
  tokenLifetimeS: TOKEN_LIFETIME_S,
  calls: CALL_IDS.map((callID, i) => ({
    callID,
    participants: [`88${70 + i}`, "+36 1 234 5678"],
    state: "finished",
    startOffsetS: -3600 - 600 * i,
    endOffsetS: -3000 - 600 * i,
  })),
};

const consoleTexts = []; // every console message, to prove the password is never logged

/** Keeps every console message of the page, errors or not (support.mjs's `watch` keeps errors). */
function keepConsole(page) {
  page.on("console", (msg) => consoleTexts.push(msg.text()));
}

/** The /verba/api requests the emulator saw since the last reset: { count, recent }. */
const emulatorRequests = () => emulatorJson("requests");

/** The actions of the requests after the first `since` of them. */
async function actionsSince(since) {
  const { count, recent } = await emulatorRequests();
  assert.ok(count - since <= recent.length, "the emulator still lists every request since then");
  return recent.slice(recent.length - (count - since));
}

/** "59:58" -> 3598. */
function seconds(text) {
  const match = /^(\d\d):(\d\d)$/.exec(text);
  assert.ok(match, `the lifetime reads mm:ss: "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The password (and the key and token) nowhere in the page's text, markup, URL or storage. */
async function assertNoPasswordInPage(page, when) {
  const seen = await page.evaluate(() => [
    document.body.innerText,
    document.body.textContent,
    document.documentElement.outerHTML,
    location.href,
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
    document.cookie,
  ]);
  for (const text of seen) {
    for (const secret of [DEMO_PASSWORD, WRONG_PASSWORD, DEMO_API_KEY, DEMO_TOKEN]) {
      assert.ok(!text.includes(secret), `a secret appears in the page ${when}`);
    }
  }
  assert.equal(await page.locator("#password").getAttribute("type"), "password", `password masked ${when}`);
  for (const text of consoleTexts) assert.ok(!text.includes(DEMO_PASSWORD) && !text.includes(WRONG_PASSWORD), "the password in the console");
}

/** A screenshot (support.mjs: no stray values) of a page that shows no password or secret. */
async function screenshot(page, name) {
  await assertNoPasswordInPage(page, `in screenshot ${name}`);
  await capture(page, name);
}

/** Picks a call in the list, deletes it through the confirmation, waits for the new result. */
async function deleteFromList(page, callID) {
  await page.locator(`#calls-body tr[data-call-id='${callID}']`).click();
  await confirmDeletion(page);
  await page.locator("#result > [data-outcome]").waitFor();
}

await runE2e("sign-in e2e", async ({ context, page }) => {
  keepConsole(page);

  const result = page.locator("#result");
  const deleteButton = page.locator("#delete-button");
  const password = page.locator("#password");
  const signedIn = page.locator("#signed-in");
  const lifetime = page.locator("#token-lifetime");
  const signinMsg = page.locator("#signin-msg");
  const connection = ["#baseUrl", "#apiKey", "#method", "#responseType", "#allowInsecureHttp"];
  let signedInAt; // when the page showed the token: the emulator issued it before that

  await check(`reset the emulator: demo user, tokens that last ${TOKEN_LIFETIME_S} s, ${CALL_IDS.length} calls`, async () => {
    const summary = await emulatorReset(FIXTURE);
    assert.equal(summary.calls, CALL_IDS.length);
  });

  await check("open the page, choose Sign in: user name and password fields, Delete needs a sign-in", async () => {
    await page.goto(`${BASE}/`);
    await waitForReady(page);
    await page.locator(`#calls-body tr[data-call-id='${CALL_IDS[0]}']`).waitFor();
    assert.ok(await page.locator("#token-field").isVisible(), "the token field is today's default");
    assert.ok(await page.locator("#signin").isHidden());
    await page.locator("#auth-group").getByText("Sign in", { exact: true }).click();
    await page.locator("#signin").waitFor({ state: "visible" });
    assert.ok(await page.locator("#token-field").isHidden(), "no token field while signing in");
    assert.equal(await page.locator("#userName").inputValue(), DEMO_USER, "the demo user is prefilled");
    assert.equal(await password.inputValue(), "", "the password is not");
    assert.equal(await page.locator("#userName").getAttribute("autocomplete"), "username");
    assert.equal(await password.getAttribute("type"), "password");
    assert.equal(await password.getAttribute("autocomplete"), "current-password");
    for (const id of ["#userName", "#password", "#signin-button"]) {
      assert.equal(await page.locator(id).getAttribute("form"), "signin-form", `${id} belongs to the sign-in form`);
    }
    await page.locator(`#calls-body tr[data-call-id='${CALL_IDS[0]}']`).click();
    assert.ok(await deleteButton.isDisabled(), "no deletion before signing in");
    assert.match(await page.locator("#form-issues li[data-code='sign_in_required']").innerText(), /Sign in/);
    await screenshot(page, "sign-in-desktop-1280x800-form");
    await assertAccessible(page, "sign-in form");
    noProblems();
  });

  await check("empty password: said under the fields, nothing sent", async () => {
    const before = (await emulatorRequests()).count;
    await page.locator("#signin-button").click();
    await signinMsg.locator(".msg-error").waitFor();
    assert.match(await signinMsg.innerText(), /Enter the password\./);
    assert.equal(await password.getAttribute("aria-invalid"), "true");
    assert.equal((await emulatorRequests()).count, before, "no request without a password");
  });

  await check("wrong password, Enter in the field: refused in the admin's words, password cleared, no deletion", async () => {
    const before = (await emulatorRequests()).count;
    await password.fill(WRONG_PASSWORD);
    await password.press("Enter"); // submits the sign-in form, not the delete form
    const error = signinMsg.locator(".msg-error[data-code='AUTH_FAILED']");
    await error.waitFor();
    assert.match(await error.innerText(), /The recorder refused the sign-in: check the user name, the password and the API key\./);
    assert.ok(await page.locator("#confirm-dialog").isHidden(), "Enter did not open the delete confirmation");
    assert.equal(await password.inputValue(), "", "a refused password is cleared");
    assert.equal(await password.getAttribute("aria-invalid"), "true");
    assert.ok(await signedIn.isHidden());
    assert.ok(await deleteButton.isDisabled());
    const sent = await actionsSince(before);
    assert.deepEqual(sent.map((r) => r.action), ["RequestToken"]);
    assert.equal(sent[0].authorization, "Basic REDACTED", "the credentials travel in the Authorization header");
    assert.ok(!sent[0].queryKeys.includes("password") && !sent[0].bodyKeys.includes("password"));
    assert.deepEqual((await emulatorCalls()).map((c) => c.callID), CALL_IDS, "nothing deleted");
    await screenshot(page, "sign-in-desktop-1280x800-refused");
    await assertAccessible(page, "sign-in refused");
    noProblems();
  });

  await check("sign in as the demo user, delete at once: one RequestToken, then the deletion with it", async () => {
    // The call was picked before signing in (the previous steps); Delete is enabled by the sign-in.
    const before = (await emulatorRequests()).count;
    await password.fill(DEMO_PASSWORD);
    await page.locator("#signin-button").click();
    await signedIn.waitFor({ state: "visible" });
    signedInAt = Date.now();
    assert.ok(await page.locator("#signout-button").evaluate((el) => el === document.activeElement), "focus on Sign out");
    await deleteFromList(page, CALL_IDS[0]);
    assert.ok(
      Date.now() - signedInAt < TOKEN_LIFETIME_S * 1000,
      `the first deletion took longer than the emulator's token lifetime (${TOKEN_LIFETIME_S} s); this machine is too slow for the test`,
    );
    await result.locator("[data-outcome='success']").waitFor();
    assert.match(await result.innerText(), /The recorder deleted the call\./);
    const sent = await actionsSince(before);
    assert.deepEqual(sent.map((r) => r.action), ["RequestToken", "DeleteCall"], "one token, reused by the deletion");
    assert.equal(sent[0].authorization, "Basic REDACTED");
    assert.ok(sent[1].bodyKeys.includes("token") && !sent[1].authorization, "the deletion carries the token, not the password");
    assert.ok(!(await emulatorCalls()).some((c) => c.callID === CALL_IDS[0]), "gone from the emulator");
    await page.locator(`#calls-body tr[data-call-id='${CALL_IDS[0]}']`).waitFor({ state: "detached" });
  });

  await check("signed in: user shown, lifetime mm:ss (a timer, announced once), password cleared, connection locked", async () => {
    assert.match(await signedIn.innerText(), /Signed in as myapiuser/);
    const left = seconds(await lifetime.innerText());
    assert.ok(left > 3540 && left <= 3600, `an hour's token (the client's view): ${left} s`);
    assert.equal(await lifetime.getAttribute("role"), "timer", "the countdown is a timer, not a live region");
    assert.equal(await lifetime.getAttribute("aria-live"), null);
    assert.equal(await lifetime.evaluate((el) => el.closest("[aria-live]")), null, "no live region around the timer");
    const announced = page.locator("#signin-announce");
    assert.equal(await announced.getAttribute("aria-live"), "polite");
    assert.equal(await announced.innerText(), "Signed in as myapiuser. The token expires in 60 minutes.");
    assert.equal(await password.inputValue(), "", "the page keeps no password");
    assert.ok(await page.locator("#signin-fields").isHidden());
    for (const id of connection) assert.ok(await page.locator(id).isDisabled(), `${id} is locked while signed in`);
    await page.locator(`#calls-body tr[data-call-id='${CALL_IDS[1]}']`).click();
    assert.ok(await deleteButton.isEnabled(), "signed in: Delete is enabled");
    const preview = await page.locator("#preview").innerText();
    assert.match(preview, /[?&]token=REDACTED(&|$)/m, "the token redacted entirely, not even its start");
    assert.ok(preview.includes(`callID=${CALL_IDS[1]}`));
    assert.equal(await page.locator("#form-issues").innerText(), "");
    await deleteButton.click();
    await page.locator("#confirm-dialog").waitFor({ state: "visible" });
    assert.match(await page.locator("#confirm-details").innerText(), /Signed in as\s*myapiuser/);
    await page.keyboard.press("Escape");
    await page.locator("#confirm-dialog").waitFor({ state: "hidden" });
    await screenshot(page, "sign-in-desktop-1280x800-signed-in");
    await assertAccessible(page, "signed in");
    noProblems();
  });

  await check("the lifetime counts down once a second", async () => {
    const first = seconds(await lifetime.innerText());
    await sleep(2100);
    const second = seconds(await lifetime.innerText());
    assert.ok(second < first && second >= first - 3, `counted down: ${first} -> ${second}`);
  });

  let beforeRenewal;
  await check(`after the emulator's ${TOKEN_LIFETIME_S} s: the next deletion gets one new token and succeeds`, async () => {
    const wait = signedInAt + TOKEN_LIFETIME_S * 1000 + 700 - Date.now();
    if (wait > 0) await sleep(wait);
    beforeRenewal = seconds(await lifetime.innerText());
    const before = (await emulatorRequests()).count;
    await deleteFromList(page, CALL_IDS[1]);
    const success = result.locator("[data-outcome='success']");
    await success.waitFor();
    assert.match(await success.innerText(), /The recorder deleted the call\./);
    const sent = (await actionsSince(before)).map((r) => r.action);
    assert.deepEqual(sent, ["DeleteCall", "RequestToken", "DeleteCall"], "refused, one new token, the deletion repeated once");
    assert.ok(!(await emulatorCalls()).some((c) => c.callID === CALL_IDS[1]), "gone from the emulator");
    assert.match(await page.locator("#signin-announce").innerText(), /A new token was requested; it expires in 60 minutes\./);
    assert.ok(seconds(await lifetime.innerText()) > beforeRenewal, "the lifetime shown is the new token's");
    assert.match(await signedIn.innerText(), /Signed in as myapiuser/);
    await assertNoPasswordInPage(page, "after the renewal");
    await assertAccessible(page, "signed in, after a renewal");
    noProblems();
  });

  await check("Sign out: token and client forgotten, password empty, the connection unlocked", async () => {
    await page.locator("#signout-button").click();
    await signedIn.waitFor({ state: "hidden" });
    assert.ok(await page.locator("#signin-fields").isVisible());
    assert.equal(await password.inputValue(), "");
    assert.equal(await page.locator("#signin-announce").innerText(), "Signed out. The token is forgotten.");
    assert.ok(await password.evaluate((el) => el === document.activeElement), "focus on the password");
    for (const id of connection) assert.ok(await page.locator(id).isEnabled(), `${id} unlocked`);
    await page.locator(`#calls-body tr[data-call-id='${CALL_IDS[2]}']`).click();
    assert.ok(await deleteButton.isDisabled(), "signed out: no deletion");
    await page.locator("#form-issues li[data-code='sign_in_required']").waitFor();
    assert.match(await page.locator("#preview").innerText(), /appears here once the form is complete/);
    await screenshot(page, "sign-in-desktop-1280x800-signed-out");
    await assertAccessible(page, "signed out");
  });

  await check("back to Enter a token: the static token deletes, no RequestToken", async () => {
    await page.locator("#auth-group").getByText("Enter a token", { exact: true }).click();
    await page.locator("#token-field").waitFor({ state: "visible" });
    assert.equal(await page.locator("#token").inputValue(), DEMO_TOKEN);
    const before = (await emulatorRequests()).count;
    await deleteFromList(page, CALL_IDS[2]);
    await result.locator("[data-outcome='success']").waitFor();
    const sent = await actionsSince(before);
    assert.deepEqual(sent.map((r) => r.action), ["DeleteCall"]);
    assert.ok(sent[0].bodyKeys.includes("token"), "the static token in the POST body");
    assert.deepEqual(await emulatorCalls(), [], "all three deleted");
  });

  await check("phone width 390x844, signed in: no horizontal overflow", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator("#auth-group").getByText("Sign in", { exact: true }).click();
    await password.fill(DEMO_PASSWORD);
    await password.press("Enter");
    await signedIn.waitFor({ state: "visible" });
    await signedIn.scrollIntoViewIfNeeded();
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll("body *")]
        .filter((el) => !el.closest("#calls-wrap") && el.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((el) => el.id || el.className || el.tagName),
    );
    assert.deepEqual(wide, [], "elements sticking out to the right");
    await screenshot(page, "sign-in-phone-390x844-signed-in");
    await page.locator("#signout-button").click();
    await signedIn.waitFor({ state: "hidden" });
  });

  await check("the page's clock moved on: the lifetime's last minute, expiry, renewal before the next deletion", async () => {
    // The client's own view of its token (an hour from sending): the page's clock is moved
    // forward, the emulator's is not, so the client renews because of its clock alone.
    const callID = "5160c0de-0000-4000-8000-00000000a004";
    await emulatorReset({ ...FIXTURE, tokenLifetimeS: 3600, calls: [{ ...FIXTURE.calls[0], callID }] });
    const clocked = await context.newPage();
    watch(clocked);
    keepConsole(clocked);
    await clocked.clock.install();
    await clocked.goto(`${BASE}/`);
    await waitForReady(clocked);
    await clocked.locator("#auth-group").getByText("Sign in", { exact: true }).click();
    await clocked.locator("#password").fill(DEMO_PASSWORD);
    await clocked.locator("#password").press("Enter");
    await clocked.locator("#signed-in").waitFor({ state: "visible" });
    const text = () => clocked.locator("#token-lifetime-text").innerText();
    assert.match(await text(), /^Token expires in (60:00|59:\d\d)$/);
    await clocked.clock.fastForward("59:10");
    assert.match(await text(), /^Token expires in 00:(4\d|50); a new one is requested with the next deletion\.$/);
    await clocked.clock.fastForward("01:00");
    assert.equal(await text(), "Token expired; a new one is requested with the next deletion.");
    const before = (await emulatorRequests()).count;
    await deleteFromList(clocked, callID);
    await clocked.locator("#result [data-outcome='success']").waitFor();
    assert.deepEqual((await actionsSince(before)).map((r) => r.action), ["RequestToken", "DeleteCall"], "renewed first, sent once");
    assert.match(await text(), /^Token expires in (60:00|59:\d\d)$/);
    assert.equal(await clocked.locator("#signin-announce").innerText(), "A new token was requested; it expires in 60 minutes.");
    assert.deepEqual(await emulatorCalls(), []);
    await assertNoPasswordInPage(clocked, "with the clock moved on");
    await clocked.close();
    noProblems();
  });

  await check("the password never reached the page, its storage or the console", async () => {
    await assertNoPasswordInPage(page, "at the end");
    assert.ok(consoleTexts.every((t) => !t.includes(DEMO_PASSWORD)));
    noProblems();
  });
});
