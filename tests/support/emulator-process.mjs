// The emulator binary (target/release/verba-emulator) as a child process of a JS suite: started
// on a free port, its URL read from its one stdout line, its output kept for the test to read,
// stopped with SIGTERM. For suites that need a second emulator beside the one that
// tests/support/with-emulator.sh started (the hostile suite's, the dev proxy's).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository's root, with a trailing slash; the binary runs there, so `--www www` works. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const EMULATOR_BIN = `${ROOT}target/release/verba-emulator`;

/**
 * Starts the binary with `--host 127.0.0.1 --port 0` and `args`; resolves once it listens with
 * `{ child, url, output, waitForOutput, stop }`: `url` without a trailing slash, `output()`
 * everything it has written to stdout and stderr so far (the request log, kept whole: start
 * long runs with `--quiet`; a line may come a moment after the answer it logs), `waitForOutput(pattern)` the output once `pattern` (a RegExp)
 * matches it (rejects after `ms`, 5 s by default), `stop()` SIGTERM and wait. Rejects with its
 * output if it exits before listening. Stopped when this process exits, whatever the outcome.
 */
export function spawnEmulator(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(EMULATOR_BIN, ["--host", "127.0.0.1", "--port", "0", ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let listening = false;
    const output = () => out;
    const waitForOutput = async (pattern, ms = 5000) => {
      const until = Date.now() + ms;
      const once = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, "")); // no lastIndex between tries
      while (!once.test(out)) {
        if (Date.now() > until) throw new Error(`the emulator's output never matched ${pattern}:\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return out;
    };
    const stop = () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", () => done());
        child.kill("SIGTERM");
      });
    const killOnExit = () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    };
    process.on("exit", killOnExit);
    child.once("exit", () => process.off("exit", killOnExit));
    child.stderr.on("data", (chunk) => (out += chunk));
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const match = /verba-emulator listening on (http:\/\/\S+)/.exec(out);
      if (match && !listening) {
        listening = true;
        resolve({ child, url: match[1].replace(/\/$/, ""), output, waitForOutput, stop });
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!listening) reject(new Error(`the emulator exited (${code}) before it listened:\n${out}`));
    });
  });
}
