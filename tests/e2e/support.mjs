// What the browser e2e tests (demo-page.test.mjs, sign-in.test.mjs, bulk.test.mjs,
// dev-proxy.test.mjs) share, written once: the emulator and its demo credentials, the emulator's
// admin routes, a second emulator process (the dev proxy's), the secret reader, the check list,
// the browser's error list, screenshots, axe-core, and the run that prints the summary and sets
// the exit code. Each test keeps its own checks and its own secrets checks; this module asserts
// nothing a test did not ask for. package-face.test.mjs takes the emulator's names from here too.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../support/chromium.mjs";

// Shared with the hostile suite: the emulator binary as a child process, and the reader that
// finds a secret in a text under any encoding.
export { spawnEmulator } from "../support/emulator-process.mjs";
export { secretLeaks, leakExcerpt } from "../support/secret-leaks.mjs";

/** The emulator that tests/support/with-emulator.sh started for this run (unset otherwise). */
export const BASE = process.env.VERBA_EMULATOR_URL;

// The emulator's demo credentials (emulator/src/demo_data.rs: SAMPLE_API_KEY, SAMPLE_TOKEN,
// SAMPLE_USER, SAMPLE_PASSWORD), which the demo page prefills (but the password); one copy, so
// the tests cannot drift apart from each other when the demo data changes.
export const DEMO_API_KEY = "74c8eea0-50c6-40b2-9f3e-252ed501c3c8";
export const DEMO_TOKEN = "09835e02-6c10-11e0-bb22-ba324924019b";
export const DEMO_USER = "myapiuser";
export const DEMO_PASSWORD = "pa$$word";
/** A well-formed call ID that no fixture has: the recorder answers CALL_NOT_FOUND. */
export const UNKNOWN_CALL_ID = "0badc0de-0000-4000-8000-000000000001";

/** Where screenshots go (tests/e2e/screenshots/, git-ignored): next to the tests, for review. */
export const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
/** Playwright's default wait: long enough for a slow CI machine, short enough to fail clearly. */
export const TIMEOUT_MS = 10_000;

// axe-core is a devDependency, found as Node finds packages from this file. Read at import, so
// that a missing install fails before any browser starts, and says how to fix it.
const AXE_SOURCE = readFileSync(resolveOrExplain("axe-core/axe.min.js"), "utf8");

function resolveOrExplain(name) {
  try {
    return createRequire(import.meta.url).resolve(name);
  } catch (err) {
    throw new Error(`${name} not found (${err.code}): axe-core is a devDependency; run make setup-npm`);
  }
}

const started = performance.now();
/** The names of the checks that passed, in order: the failure report says how far a run got. */
const passed = [];
/** Console errors and page errors seen in the browser: any of them fails `noProblems`. */
export const problems = [];
/** [state, rules that passed] for each axe run, all without violations: the final summary. */
const axeStates = [];

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs one named check and prints it with its time; a failure propagates to `runE2e`. */
export async function check(name, fn) {
  const t0 = performance.now();
  await fn();
  passed.push(name);
  console.log(`  ok  ${name} (${Math.round(performance.now() - t0)} ms)`);
}

/** Records the page's console errors and uncaught errors in `problems`, so none goes unseen. */
export function watch(page) {
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
}

/**
 * Fails if the browser reported any console or page error so far; a check that causes an
 * expected one (a 404, a 502) splices it out of `problems` itself.
 */
export const noProblems = () => assert.deepEqual(problems, [], "console or page errors in the browser");

/** Takes the problems that `expected(problem)` accepts out of `problems`; returns them. */
export function dropProblems(expected) {
  const dropped = problems.filter(expected);
  problems.splice(0, problems.length, ...problems.filter((p) => !expected(p)));
  return dropped;
}

/**
 * One of the emulator's admin routes (/__emulator/PATH), as JSON; anything but HTTP 200 fails
 * with the emulator's own answer, which says what was wrong with the request or the fixture.
 */
export async function emulatorJson(path, init = {}) {
  const response = await fetch(`${BASE}/__emulator/${path}`, init);
  const text = await response.text();
  assert.equal(response.status, 200, `${init.method ?? "GET"} /__emulator/${path}: ${text}`);
  return JSON.parse(text);
}

/** The emulator's calls now, to compare what the page shows with what the recorder holds. */
export const emulatorCalls = async () => (await emulatorJson("calls")).calls;

/** Resets the emulator to `fixture` (its demo data if none); returns its summary ({ ok, calls, … }). */
export function emulatorReset(fixture) {
  return emulatorJson("reset", {
    method: "POST",
    headers: fixture ? { "content-type": "application/json" } : {},
    body: fixture ? JSON.stringify(fixture) : "",
  });
}

/** Waits until the page has loaded the package, or fails with the page's own load error. */
export async function waitForReady(page) {
  await page.waitForFunction(
    () => document.documentElement.dataset.ready === "true" || !document.getElementById("load-error").hidden,
  );
  const banner = page.locator("#load-error");
  if (await banner.isVisible()) assert.fail(`the page could not load the package: ${await banner.innerText()}`);
}

/**
 * Confirms the open confirmation dialog; returns once the previous result panel (if any) has been
 * replaced, so that what the caller reads next is the new outcome, never the last one.
 */
export async function confirmOpenDialog(page) {
  await page.locator("#result > *").evaluateAll((panels) => panels.forEach((p) => (p.dataset.stale = "")));
  await page.locator("#confirm-delete").click();
  await page.locator("#confirm-dialog").waitFor({ state: "hidden" });
  await page.locator("#result > [data-stale]").waitFor({ state: "detached" });
}

/** Opens the "Technical details" of the result panel (as an admin would) and returns its text. */
export async function technicalDetails(page) {
  const details = page.locator("#result details");
  if (!(await details.evaluate((el) => el.open))) await details.locator("summary").click();
  return details.innerText();
}

/** Delete, then confirm: the admin's two clicks, as `confirmOpenDialog` returns. */
export async function confirmDeletion(page) {
  await page.locator("#delete-button").click();
  await page.locator("#confirm-dialog").waitFor({ state: "visible" });
  await confirmOpenDialog(page);
}

/**
 * Saves a screenshot to SHOTS after checking the page text for stray values (null, undefined,
 * NaN, [object …], true/false) that a rendering slip would show an admin. Each test checks its
 * own secrets first (they differ: the key and token, or the password too).
 */
export async function screenshot(page, name, options = {}) {
  const text = await page.locator("body").innerText();
  assert.doesNotMatch(text, /null|undefined|NaN|\[object |\bfalse\b|\btrue\b/, `stray values in the page text (${name})`);
  await page.screenshot({ path: `${SHOTS}${name}.png`, ...options });
}

/** axe-core on the whole page as it is now (WCAG 2 A/AA and best practices): no violation at all. */
export async function assertAccessible(page, state) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes: ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(", ")})`,
  );
  assert.deepEqual(found, [], `axe violations in the state "${state}"`);
  axeStates.push([state, results.passes.length]);
}

/**
 * Runs a test (`label`, e.g. "sign-in e2e") in one headless Chromium: `body({ context, page })`
 * gets a 1280x800 page whose errors are watched. Prints the axe summary and the pass count, or
 * what failed after how many checks (with the browser's errors), and sets the exit code: one
 * shape of output for every e2e test, which `make test-e2e` reads the same way.
 */
export async function runE2e(label, body) {
  try {
    assert.ok(BASE, "VERBA_EMULATOR_URL is not set; run through tests/support/with-emulator.sh");
    mkdirSync(SHOTS, { recursive: true });
    console.log(`${label} against ${BASE}`);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      context.setDefaultTimeout(TIMEOUT_MS);
      const page = await context.newPage();
      watch(page);
      await body({ context, page });
      await context.close();
    } finally {
      await browser.close();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`axe-core: 0 violations in ${axeStates.length} states: ${axeStates.map(([s, n]) => `${s} (${n} rules passed)`).join("; ")}`);
    console.log(`${label}: ${passed.length} checks passed in ${seconds} s; screenshots in ${SHOTS}`);
  } catch (err) {
    console.error(`${label} FAILED after ${passed.length} passed checks:`);
    console.error(err);
    if (problems.length) console.error(`browser console/page errors:\n  ${problems.join("\n  ")}`);
    process.exitCode = 1;
  }
}
