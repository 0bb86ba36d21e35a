// A recorder that misbehaves after the headers, for the browser tests of what happens while a
// reply's body is read (the emulator only ever delays before its headers). Listens on a free
// loopback port and prints "hostile server listening on http://127.0.0.1:PORT". Every answer
// allows any origin, so the test page (served on another port) can read it.
//
//   <base>/stall-body/verba/api   200, the start of an XML reply, then nothing (the body never
//                                 ends; the socket is closed after 60 s at the latest)
//   <base>/reset-body/verba/api   200 with Content-Length 1000, 10 bytes, then a reset
//   <base>/redirect-NNN/verba/api NNN (301, 302, 303, 307 or 308) to a third origin, a second
//                                 listener of this process that counts whatever reaches it
//   <base>/__requests             how many API requests arrived, and how many requests reached
//                                 the third origin, as JSON {"count": N, "third": M}
import { createServer } from "node:http";

let count = 0;
let third = 0;
let thirdOrigin = "";
const cors = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-store" };

const server = createServer((request, response) => {
  const path = new URL(request.url, "http://localhost").pathname;
  if (request.method === "OPTIONS") {
    response.writeHead(204, { ...cors, "Access-Control-Allow-Methods": "GET, POST", "Access-Control-Allow-Headers": "*" });
    response.end();
    return;
  }
  if (path === "/__requests") {
    response.writeHead(200, { ...cors, "Content-Type": "application/json" });
    response.end(JSON.stringify({ count, third }));
    return;
  }
  request.resume();
  const redirect = path.match(/^\/redirect-(30[12378])\/verba\/api$/);
  if (redirect) {
    count += 1;
    response.writeHead(Number(redirect[1]), { ...cors, Location: `${thirdOrigin}/verba/api?action=DeleteCall` });
    response.end();
    return;
  }
  if (path === "/stall-body/verba/api") {
    count += 1;
    response.writeHead(200, { ...cors, "Content-Type": "text/xml; charset=utf-8" });
    response.write("<VerbaApi>");
    const timer = setTimeout(() => request.socket.destroy(), 60_000);
    request.socket.on("close", () => clearTimeout(timer));
    return;
  }
  if (path === "/reset-body/verba/api") {
    count += 1;
    response.writeHead(200, { ...cors, "Content-Type": "text/xml; charset=utf-8", "Content-Length": "1000" });
    response.write("<VerbaApi>");
    setTimeout(() => request.socket.destroy(), 50);
    return;
  }
  response.writeHead(404, cors);
  response.end("not here");
});

// The third origin: whatever reaches it is counted, and answered as a successful deletion, so a
// followed redirect would show as a success.
const thirdServer = createServer((request, response) => {
  third += 1;
  request.resume();
  response.writeHead(200, { ...cors, "Content-Type": "text/xml; charset=utf-8" });
  response.end('<VerbaApi><Response code="0" type="DeleteCall"/></VerbaApi>');
});

thirdServer.listen(0, "127.0.0.1", () => {
  thirdOrigin = `http://127.0.0.1:${thirdServer.address().port}`;
  server.listen(0, "127.0.0.1", () => {
    console.log(`hostile server listening on http://127.0.0.1:${server.address().port}`);
  });
});
process.on("SIGTERM", () => process.exit(0));
