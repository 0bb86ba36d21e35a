// A recorder that misbehaves after the headers, for the browser tests of what happens while a
// reply's body is read (the emulator only ever delays before its headers). Listens on a free
// loopback port and prints "hostile server listening on http://127.0.0.1:PORT". Every answer
// allows any origin, so the test page (served on another port) can read it.
//
//   <base>/stall-body/verba/api   200, the start of an XML reply, then nothing (the body never
//                                 ends; the socket is closed after 60 s at the latest)
//   <base>/reset-body/verba/api   200 with Content-Length 1000, 10 bytes, then a reset
//   <base>/__requests             how many API requests arrived, as JSON {"count": N}
import { createServer } from "node:http";

let count = 0;
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
    response.end(JSON.stringify({ count }));
    return;
  }
  request.resume();
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

server.listen(0, "127.0.0.1", () => {
  console.log(`hostile server listening on http://127.0.0.1:${server.address().port}`);
});
process.on("SIGTERM", () => process.exit(0));
