// README.md's "Many calls" example, verbatim (tests/types/docs.mjs checks that it still is): it
// must compile as a portal's TypeScript under strict and exactOptionalPropertyTypes; the names it
// takes from the portal (sessionToken, moreCallIDs, show) are declared in readme-globals.d.ts.
// tests/e2e/package-face.test.mjs runs it against the emulator.

import { deleteCalls } from "verba-api";

const controller = new AbortController(); // cancelButton.onclick = () => controller.abort();
const report = await deleteCalls(
  ["a8343631-9f35-4a3a-83f0-9e81592339fb", { extension: "8856", status: "last" }, ...moreCallIDs],
  {
    baseUrl: "https://recorder.example.com",
    apiKey: "74c8eea0-50c6-40b2-9f3e-252ed501c3c8",
    token: sessionToken,
    concurrency: 6,                  // 1 to 32, default 4
    retries: 2,                      // per item, only after NETWORK, TIMEOUT, HTTP 429/502/503/504
    signal: controller.signal,       // cancelling still resolves, with the report
    onProgress: ({ done, total, counts }) => show(`${done} / ${total}, ${counts.deleted} deleted`),
  },
);
show(`${report.counts.deleted} deleted, ${report.counts.notFound} already gone`);
for (const item of report.items) {
  if (item.outcome === "failed" && item.error?.mayHaveDeleted) show(`Check ${item.index}: outcome unknown`);
  else if (item.outcome !== "deleted" && item.outcome !== "notFound") show(`Line ${item.index + 1}: ${item.outcome}`);
}
