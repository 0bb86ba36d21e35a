// README.md's "Sessions" example, verbatim (tests/types/docs.mjs checks that it still is): it
// must compile as a portal's TypeScript under strict and exactOptionalPropertyTypes; the names
// it takes from the portal (askPassword, callIDs, show) are declared in readme-globals.d.ts.
// tests/e2e/package-face.test.mjs runs it against the emulator.

import init, { createClient, VerbaError } from "verba-api";

await init(); // createClient is synchronous: it checks the config at once (VerbaError VALIDATION)

const client = createClient({
  baseUrl: "https://recorder.example.com",
  apiKey: "74c8eea0-50c6-40b2-9f3e-252ed501c3c8",
  // Called only when a token is needed (the first call, then about once an hour), so the portal
  // can ask the admin; or give { userName, password } as is. Never kept, never in a message.
  credentials: async () => ({ userName: "myapiuser", password: await askPassword() }),
});

// Concurrent calls share one RequestToken.
const outcomes = await Promise.allSettled(callIDs.map((callID) => client.deleteCall({ callID })));
outcomes.forEach((outcome, i) => {
  if (outcome.status === "fulfilled") show(`${callIDs[i]}: deleted`);
  else if (outcome.reason instanceof VerbaError && !outcome.reason.mayHaveDeleted) show(`${callIDs[i]}: not deleted`);
  else show(`${callIDs[i]}: outcome unknown, check before retrying`);
});

// The token's remaining lifetime (null until the client has one), and signing out.
const left = client.tokenInfo === null ? 0 : client.tokenInfo.expiresAt - Date.now();
show(`Signed in for ${Math.round(left / 60000)} more minutes`);
client.forgetToken();

