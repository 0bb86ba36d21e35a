// The one way the JavaScript test suites start the system Chromium (headless, driven by
// playwright-core): the e2e tests, the hostile-network suite, the consumers' browser check, the
// soak and the benches.
import { chromium } from "playwright-core";

/** Flags for a quiet, reproducible headless run: no GPU, no QUIC, no background traffic. */
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

/**
 * Launches the system Chromium (`make setup-chromium` installs it), with `extraArgs` after the
 * flags above (the soak's memory flags, for one).
 */
export function launchChromium(extraArgs = []) {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS, ...extraArgs] });
}
