// End-to-end test of the development proxy (verba-emulator --upstream, issue 12) with the demo
// page in headless Chromium, driven by playwright-core.
//
// Run: tests/support/with-emulator.sh node tests/e2e/dev-proxy.test.mjs
// (after `make pkg` and `make emulator-bin`; `make test-e2e` does all three). The emulator that
// the wrapper starts (VERBA_EMULATOR_URL, its demo data, admin routes on) plays the real
// recorder, B. This test starts the proxy A in front of it, as `make demo UPSTREAM=B` does:
// `target/release/verba-emulator --www www --pkg pkg --upstream B --port 0`, and opens the page on
// A. It checks what the page says (a real recorder, B's host; no call list, and why), that the
// deletions and the sign-in made through the page's form reach B (B's state and request log) and
// that A's log shows each forwarded request redacted and holds no secret under any encoding.
// Helpers are in support.mjs. Exits non-zero on any failure, unexpected console or page error,
// or axe violation.
import assert from "node:assert/strict";
// From support.mjs: the recorder B (the wrapper's emulator) and a second emulator process.
import { BASE, DEMO_API_KEY, DEMO_TOKEN, DEMO_USER, DEMO_PASSWORD, UNKNOWN_CALL_ID } from "./support.mjs";
import { emulatorCalls, emulatorJson, emulatorReset, spawnEmulator, secretLeaks, leakExcerpt } from "./support.mjs";
import { runE2e, check, noProblems, dropProblems, sleep } from "./support.mjs";
import { waitForReady, confirmOpenDialog, confirmDeletion, technicalDetails, screenshot as capture, assertAccessible } from "./support.mjs";

const B_HOST = new URL(BASE).host;
/** What the page, A's log and B's log must never show: the credentials as typed or sent. */
const SECRETS = {
  apiKey: DEMO_API_KEY,
  token: DEMO_TOKEN,
  password: DEMO_PASSWORD,
  basicHeader: Buffer.from(`${DEMO_USER}:${DEMO_PASSWORD}`).toString("base64"),
};

/** No secret anywhere in the page's text or markup (input values are properties, not markup). */
async function assertNoSecretsInPage(page, when) {
  const texts = await page.evaluate(() => [document.body.innerText, document.documentElement.outerHTML]);
  const leaks = secretLeaks(texts, SECRETS);
  assert.deepEqual(leaks, [], `secrets in the page ${when}`);
}

/** A screenshot (support.mjs: no stray values) of a page that shows no secret. */
async function screenshot(page, name, options = {}) {
  await assertNoSecretsInPage(page, `in screenshot ${name}`);
  await capture(page, `dev-proxy-${name}`, options);
}

/**
 * The page asks A for the emulator's call list at every refresh and gets A's 404, which Chromium
 * logs as a console error: expected here, and only that one.
 */
function noProblemsBut404s() {
  dropProblems((p) => /404/.test(p) && p.includes("/__emulator/calls"));
  noProblems();
}

/** B's request log ({ count, recent }). */
const requestsOfB = () => emulatorJson("requests");

await runE2e("dev proxy e2e", async ({ page }) => {
  const result = page.locator("#result");
  const selectorValue = page.locator("#selectorValue");
  const deleteButton = page.locator("#delete-button");
  const targetText = page.locator("#target-text");
  const unavailable = page.locator("#calls-unavailable");
  let proxy; // A
  let A; // its URL
  let firstRequest = 0; // B's request count when A started
  let issuedToken = null; // the token B issued to the signed-in page, read off the reply
  const forwarded = []; // [method, action] of each /verba/api request the page sent to A
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (A && url.origin === A && url.pathname === "/verba/api") forwarded.push([request.method(), url.searchParams.get("action")]);
  });

  /** Chooses the method and the response type under Request options (as they are while signed in). */
  async function setRequestOptions(method, responseType) {
    const options = page.locator("details.options");
    if (!(await options.evaluate((el) => el.open))) await options.locator("summary").click();
    for (const [id, value] of [["#method", method], ["#responseType", responseType]]) {
      if ((await page.locator(id).inputValue()) !== value) await page.locator(id).selectOption(value);
    }
  }

  /** Deletes `callID` through the page's form with this method and response type; returns the success panel's text. */
  async function deleteThroughPage(callID, method, responseType) {
    await setRequestOptions(method, responseType);
    await selectorValue.fill(callID);
    assert.ok(await deleteButton.isEnabled(), `Delete is enabled for ${callID}`);
    await deleteButton.click();
    await page.locator("#confirm-dialog").waitFor({ state: "visible" });
    const confirmText = await page.locator("#confirm-text").innerText();
    assert.ok(
      confirmText.includes(`on the real recorder ${B_HOST} (through the development proxy).`),
      `the confirmation names the real recorder: ${confirmText}`,
    );
    assert.match(await page.locator("#confirm-details").innerText(), new RegExp(`${method} · reply as ${responseType}`));
    await confirmOpenDialog(page);
    const success = result.locator("[data-outcome='success']");
    await success.waitFor();
    const details = await technicalDetails(page);
    assert.match(details, new RegExp(`Response type\\s*${responseType}`, "i"));
    assert.match(details, /HTTP status\s*200/i);
    if (responseType !== "HTML") assert.match(details, /API code\s*0/i);
    return success.innerText();
  }

  try {
    await check("B, the recorder: demo data loaded, admin routes on, no /__dev-proxy", async () => {
      const summary = await emulatorReset();
      assert.ok(summary.ok && summary.calls > 0, JSON.stringify(summary));
      assert.equal((await fetch(`${BASE}/__dev-proxy`)).status, 404, "an emulating server has no proxy description");
      firstRequest = (await requestsOfB()).count;
    });

    await check("start the proxy A: --www www --pkg pkg --upstream B --port 0", async () => {
      proxy = await spawnEmulator(["--www", "www", "--pkg", "pkg", "--upstream", BASE]);
      A = proxy.url;
      assert.notEqual(new URL(A).origin, new URL(BASE).origin);
      await proxy.waitForOutput(new RegExp(`development proxy: /verba/api is forwarded to ${BASE}/verba/api \\(timeout 30 s\\); admin routes /__emulator/\\* are off`));
    });

    await check("A: GET /__dev-proxy names B's origin and the timeout; admin routes 404; B untouched", async () => {
      const response = await fetch(`${A}/__dev-proxy`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type"), /^application\/json/);
      assert.equal(response.headers.get("cache-control"), "no-store");
      assert.deepEqual(await response.json(), { upstream: new URL(BASE).origin, timeoutS: 30 });
      for (const path of ["calls", "requests"]) {
        assert.equal((await fetch(`${A}/__emulator/${path}`)).status, 404, `A's /__emulator/${path}`);
      }
      assert.equal((await fetch(`${A}/__emulator/reset`, { method: "POST", body: "" })).status, 404);
      assert.ok((await emulatorCalls()).length > 0, "B kept its calls");
      assert.equal((await requestsOfB()).count, firstRequest, "nothing reached B's API");
    });

    await check("open the page on A: the header says real recorder, B's host, through the development proxy", async () => {
      await page.goto(`${A}/`);
      await waitForReady(page);
      await unavailable.waitFor({ state: "visible" });
      assert.equal(await targetText.innerText(), `Real recorder · ${B_HOST} (through the development proxy on this page's server)`);
      assert.equal(await page.locator("#target-summary").getAttribute("title"), await targetText.textContent());
      const dot = await page.locator("#target-dot").getAttribute("class");
      assert.match(dot, /\bis-real\b/);
      assert.doesNotMatch(dot, /\bis-emulator\b/);
      assert.notEqual(
        await page.locator("#target-dot").evaluate((el) => getComputedStyle(el).backgroundColor),
        "rgb(138, 153, 173)",
        "the dot is not the plain recorder's grey",
      );
      await screenshot(page, "desktop-1280x800-initial");
      noProblemsBut404s();
    });

    await check("the call list is hidden and the page says why: a real recorder, real deletions, delete by ID", async () => {
      const text = await unavailable.innerText();
      assert.match(text, new RegExp(`^This page is talking to a real recorder, ${B_HOST.replace(/\./g, "\\.")}, through the development proxy on this page's server\\.`));
      assert.match(text, /Deletions are real and cannot be undone\./);
      assert.match(text, /A real recorder has no call list, so none is shown here\./);
      assert.match(text, /Deleting by ID works: enter the call ID \(or another identifier of the call\) under “Call to delete” above\./);
      assert.doesNotMatch(text, /only with the Verba emulator|HTTP 404/);
      assert.match(await unavailable.getAttribute("class"), /\bis-real\b/);
      assert.ok(await page.locator("#calls-wrap").isHidden(), "no table");
      assert.ok(await page.locator("#calls-pointer").isHidden(), "no pointer to a list");
      assert.ok(await page.locator("#calls-source").isHidden(), "no 'emulator' pill");
      assert.ok(await page.locator("#reset-calls").isDisabled(), "no Reset demo data");
      assert.ok(await page.locator("#calls-filter").isDisabled(), "no filter");
      assert.equal(await page.locator("#calls-summary").innerText(), "");
    });

    await check("the emulator's demo credentials are not prefilled for a real recorder; the hint says what to enter", async () => {
      for (const id of ["#apiKey", "#token", "#userName"]) assert.equal(await page.locator(id).inputValue(), "", `${id} is empty`);
      assert.equal(
        await page.locator("#credentials-hint").innerText(),
        "A real recorder: enter its API key, and its token if the key requires one (or sign in).",
      );
      assert.ok(await deleteButton.isDisabled(), "nothing to delete with yet");
      // B's demo credentials stand for the real recorder's, typed by the admin.
      await page.locator("#apiKey").fill(DEMO_API_KEY);
      await page.locator("#token").fill(DEMO_TOKEN);
    });

    await check("axe: no violations in the proxy state", async () => {
      await assertAccessible(page, "dev proxy: real recorder, no call list");
    });

    const targets = (await emulatorCalls()).filter((c) => c.state === "finished" && !c.doNotDelete && !c.markedForDeletion);
    assert.ok(targets.length >= 5, "B's demo data has five finished deletable calls");
    const combos = [
      ["POST", "XML"],
      ["GET", "JSON"],
      ["POST", "TEXT"],
      ["GET", "HTML"],
    ];
    for (const [i, [method, responseType]] of combos.entries()) {
      await check(`delete by call ID through A (${method}, ${responseType}): gone from B, forwarded as sent`, async () => {
        const { callID } = targets[i];
        const before = (await requestsOfB()).count;
        const text = await deleteThroughPage(callID, method, responseType);
        // Without a call list the page cannot tell a finished call from one still going.
        assert.match(text, /Accepted/);
        assert.match(text, /The recorder accepted the deletion/);
        assert.ok(!(await emulatorCalls()).some((c) => c.callID === callID), "gone from B's calls");
        const log = await requestsOfB();
        assert.equal(log.count, before + 1, "exactly one request reached B");
        const record = log.recent.at(-1);
        assert.equal(record.method, method);
        assert.equal(record.action, "DeleteCall");
        const sent = method === "POST" ? record.bodyKeys : record.queryKeys;
        for (const key of ["apiKey", "token", "callID", "responseType"]) assert.ok(sent.includes(key), `${key} in ${JSON.stringify(record)}`);
        if (method === "POST") {
          assert.deepEqual(record.queryKeys, ["action"], "POST keeps the secrets out of the URL");
          assert.match(record.contentType, /^application\/x-www-form-urlencoded/);
        }
        // A logged the forwarded request, redacted (the line for this call: GET names it).
        const mark = method === "GET" ? `callID=${callID}` : "";
        const wanted = new RegExp(`${method} /verba/api \\[action=DeleteCall[^\\n]*${mark}[^\\n]*-> upstream`);
        await proxy.waitForOutput(wanted);
        const line = proxy.output().split("\n").filter((l) => wanted.test(l)).at(-1);
        assert.match(line, /-> upstream 200/);
        if (method === "GET") {
          assert.ok(line.includes(`apiKey=${DEMO_API_KEY.slice(0, 4)}…REDACTED`), line);
          assert.ok(line.includes(`token=${DEMO_TOKEN.slice(0, 4)}…REDACTED`), line);
          assert.ok(line.includes(`callID=${callID}`), line);
        }
        if (i === 0) {
          await screenshot(page, "desktop-1280x800-deleted");
          await assertAccessible(page, "dev proxy: deleted");
        }
        noProblemsBut404s();
      });
    }

    await check("a call that does not exist: the page's not-found outcome, from B through A", async () => {
      const before = (await requestsOfB()).count;
      await setRequestOptions("POST", "XML");
      await selectorValue.fill(UNKNOWN_CALL_ID);
      await confirmDeletion(page);
      const error = result.locator("[data-outcome='error'][data-code='CALL_NOT_FOUND']");
      await error.waitFor();
      assert.match(await error.innerText(), /Not deleted\s+The recorder has no such call\. It may have been deleted already\./);
      assert.match(await technicalDetails(page), /API code\s*2/i);
      assert.equal((await requestsOfB()).count, before + 1);
      await screenshot(page, "desktop-1280x800-not-found");
      await assertAccessible(page, "dev proxy: call not found");
      noProblemsBut404s();
    });

    await check("Sign in with B's demo user through A: RequestToken forwarded with its Basic header", async () => {
      const before = (await requestsOfB()).count;
      await page.locator("#auth-group").getByText("Sign in", { exact: true }).click();
      await page.locator("#signin").waitFor({ state: "visible" });
      assert.equal(await page.locator("#userName").inputValue(), "", "no demo user for a real recorder");
      await page.locator("#userName").fill(DEMO_USER);
      await page.locator("#password").fill(DEMO_PASSWORD);
      // The issued token, read on its way to the page (DevTools' copy of a response body read as
      // a stream is not always kept: waitForResponse().text() failed now and then).
      const isTokenRequest = (url) => url.pathname === "/verba/api" && url.searchParams.get("action") === "RequestToken";
      let body = "";
      await page.route(isTokenRequest, async (route) => {
        const response = await route.fetch();
        body = await response.text();
        await route.fulfill({ response, body });
      });
      await page.locator("#signin-button").click();
      await page.locator("#signed-in").waitFor({ state: "visible" });
      await page.unroute(isTokenRequest);
      issuedToken = /[0-9A-F]{48}/i.exec(body)?.[0] ?? null;
      assert.equal(await page.locator("#signed-in-user").innerText(), DEMO_USER);
      assert.equal(await page.locator("#password").inputValue(), "", "the page keeps no password");
      const log = await requestsOfB();
      assert.equal(log.count, before + 1, "one RequestToken reached B");
      const record = log.recent.at(-1);
      assert.equal(record.action, "RequestToken");
      assert.equal(record.authorization, "Basic REDACTED", "the Authorization header was forwarded");
      assert.ok(issuedToken, `the page got a token from B: ${body}`);
      await proxy.waitForOutput(/\/verba\/api \[action=RequestToken[^\n]*-> upstream/);
      const line = proxy.output().split("\n").filter((l) => l.includes("/verba/api [action=RequestToken")).at(-1);
      assert.match(line, /authorization=Basic REDACTED/);
      assert.match(line, /-> upstream 200/);
      await screenshot(page, "desktop-1280x800-signed-in");
      await assertAccessible(page, "dev proxy: signed in");
      noProblemsBut404s();
    });

    await check("signed in: delete by call ID with B's token through A, then sign out", async () => {
      const { callID } = targets[4];
      const before = (await requestsOfB()).count;
      const text = await deleteThroughPage(callID, "POST", "XML");
      assert.match(text, /Accepted/);
      assert.ok(!(await emulatorCalls()).some((c) => c.callID === callID), "gone from B's calls");
      const log = await requestsOfB();
      assert.equal(log.count, before + 1, "the issued token was accepted at once");
      assert.ok(log.recent.at(-1).bodyKeys.includes("token"));
      await page.locator("#signout-button").click();
      await page.locator("#signin-fields").waitFor({ state: "visible" });
      await page.locator("#auth-group").getByText("Enter a token", { exact: true }).click();
      noProblemsBut404s();
    });

    await check("the bulk panel's confirmation names the real recorder too", async () => {
      await page.locator("#bulk-list").fill(UNKNOWN_CALL_ID);
      await page.locator("#bulk-delete").click();
      const dialog = page.locator("#bulk-confirm-dialog");
      await dialog.waitFor({ state: "visible" });
      const text = await page.locator("#bulk-confirm-text").innerText();
      assert.ok(text.includes(`on the real recorder ${B_HOST} (through the development proxy)`), text);
      const before = (await requestsOfB()).count;
      await page.locator("#bulk-confirm-cancel").click();
      await dialog.waitFor({ state: "hidden" });
      await page.locator("#bulk-list").fill("");
      assert.equal((await requestsOfB()).count, before, "cancelled: nothing sent");
    });

    await check("the base URL: A's own origin is still the proxy; B's origin is the emulator itself", async () => {
      const baseUrl = page.locator("#baseUrl");
      await baseUrl.fill(A);
      await baseUrl.press("Tab"); // change: the list is asked for again
      await page.locator("#refresh-calls").click();
      await unavailable.waitFor({ state: "visible" });
      assert.match(await targetText.innerText(), new RegExp(`^Real recorder · ${B_HOST}`));
      // B directly (cross-origin, loopback CORS): its call list and the emulator indicator, as before.
      await baseUrl.fill(BASE);
      await baseUrl.press("Tab");
      await page.locator("#calls-wrap").waitFor({ state: "visible" });
      assert.equal(await targetText.innerText(), `Emulator · ${B_HOST}`);
      assert.doesNotMatch(await page.locator("#target-dot").getAttribute("class"), /\bis-real\b/);
      assert.equal(await page.locator("#target-summary").getAttribute("title"), null);
      assert.equal(await page.locator("#calls-body tr.call-row").count(), (await emulatorCalls()).length);
      // Relative base URLs resolve against the page, as the package resolves them: still the proxy.
      for (const relative of ["/", "/verba/api"]) {
        await baseUrl.fill(relative);
        await baseUrl.press("Tab");
        await unavailable.waitFor({ state: "visible" });
        assert.equal(await targetText.innerText(), `Real recorder · ${B_HOST} (through the development proxy on this page's server)`, relative);
      }
      // A's server under another name (localhost): the same proxy, named where it is.
      const aByName = A.replace("127.0.0.1", "localhost");
      await baseUrl.fill(aByName);
      await baseUrl.press("Tab");
      // Typing shows "Recorder · localhost:…" at once; the refresh then finds the proxy there.
      await page.waitForFunction((host) => {
        const text = document.getElementById("target-text").textContent;
        return text.startsWith("Real recorder") && text.includes(host);
      }, new URL(aByName).host);
      assert.equal(await targetText.innerText(), `Real recorder · ${B_HOST} (through the development proxy at ${new URL(aByName).host})`);
      assert.match(await unavailable.innerText(), new RegExp(`through the development proxy at ${new URL(aByName).host.replace(/\./g, "\\.")}\\.`));
      // Empty again: back to the proxy's view.
      await baseUrl.fill("");
      await baseUrl.press("Tab");
      await page.locator("#calls-wrap").waitFor({ state: "hidden" });
      assert.match(await targetText.innerText(), /^Real recorder · /);
      assert.match(await unavailable.innerText(), /Deletions are real and cannot be undone\./);
      noProblemsBut404s();
    });

    await check("phone width 390x844: the header says Real recorder, nothing overflows", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.evaluate(() => window.scrollTo(0, 0));
      const [visible, spoken] = await targetText.evaluate((el) => [
        [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE || getComputedStyle(n).position !== "absolute").map((n) => n.textContent).join(""),
        el.textContent,
      ]);
      assert.equal(visible, "Real recorder", "host and proxy words out of sight on a phone");
      assert.equal(spoken, `Real recorder · ${B_HOST} (through the development proxy on this page's server)`, "and still there for screen readers");
      const cut = await targetText.evaluate((el) => el.scrollWidth - el.clientWidth);
      assert.ok(cut <= 0, `the header's "Real recorder" is cut by ${cut} px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page overflows by ${overflow} px`);
      await screenshot(page, "phone-390x844-top");
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await check("A's log: every forwarded request logged, redacted; no key, token, password or Basic header in any encoding", async () => {
      const requests = (await requestsOfB()).count - firstRequest;
      assert.equal(forwarded.length, requests, `the page sent ${forwarded.length} API requests, B received ${requests}`);
      const apiLine = / \/verba\/api \[[^\n]*-> upstream/g;
      const until = Date.now() + 5000;
      while ((proxy.output().match(apiLine) ?? []).length < requests && Date.now() < until) await sleep(20);
      const output = proxy.output();
      const apiLines = output.split("\n").filter((l) => / \/verba\/api \[/.test(l));
      assert.equal(apiLines.length, requests, `one log line per forwarded request:\n${output}`);
      for (const line of apiLines) assert.match(line, /-> upstream 200 \(\d+ ms\)$/, line);
      assert.ok(issuedToken, "the issued token is known");
      const secrets = { ...SECRETS, issuedToken };
      const leaks = secretLeaks([output], secrets);
      assert.deepEqual(leaks, [], `secrets in A's log: ${leaks.join(", ")}; near: ${JSON.stringify(leakExcerpt([output], secrets))}`);
      // And B's request log, as the page could read it, holds names only.
      assert.deepEqual(secretLeaks([JSON.stringify(await requestsOfB())], secrets), []);
    });

    await check("no readable answer through the proxy: outcome unknown, check on the recorder (no list to refresh)", async () => {
      // A 502 page in place of the answer (routed in the page, so A's and B's logs are as above).
      const isApi = (url) => url.pathname === "/verba/api";
      await page.route(isApi, (route) => route.fulfill({ status: 502, contentType: "text/html", body: "<html><body>Bad Gateway</body></html>" }));
      await setRequestOptions("POST", "XML");
      // Back from B's emulator view to the proxy, the demo key and token were cleared again.
      for (const id of ["#apiKey", "#token"]) assert.equal(await page.locator(id).inputValue(), "", `${id} cleared`);
      await page.locator("#apiKey").fill(DEMO_API_KEY);
      await page.locator("#token").fill(DEMO_TOKEN);
      await selectorValue.fill(UNKNOWN_CALL_ID.replace(/1$/, "2")); // not the one just tried: Delete is off for it
      await confirmDeletion(page);
      const error = result.locator("[data-outcome='error'][data-code='HTTP_ERROR']");
      await error.waitFor();
      await page.unroute(isApi);
      const text = await error.innerText();
      assert.match(text, /Outcome unknown/);
      assert.match(text, /The recorder may have deleted the call; check on the recorder before trying again/);
      assert.doesNotMatch(text, /refresh the list/);
      dropProblems((p) => /502/.test(p));
    });

    await check("no secret in the page, no console or page error but A's 404s for the call list", async () => {
      await assertNoSecretsInPage(page, "at the end");
      noProblemsBut404s();
    });
  } finally {
    await proxy?.stop();
  }
});
