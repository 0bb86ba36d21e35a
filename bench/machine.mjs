// The machine a bench ran on, for its results file: shared by bench/run.mjs and bench/batch.mjs.
import { readFileSync } from "node:fs";
import os from "node:os";

/** CPU, cores, memory, OS, Node, the browser's version, the load at the start and the date. */
export function machine(browserVersion) {
  let cpuModel = "unknown";
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpuModel;
  } catch {
    // not Linux
  }
  return {
    cpuModel,
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: browserVersion,
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    date: new Date().toISOString(),
  };
}
