// The page of the module-worker consumer: starts src/worker.js as a module worker (Vite bundles
// it, with the package and its .wasm, as a worker of its own) and shows what it posts back.
const out = document.querySelector("#out");
const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => {
  out.value = JSON.stringify(data);
  out.dataset.done = "true";
};
worker.onerror = (event) => {
  out.value = JSON.stringify({ error: `worker error: ${event.message}` });
  out.dataset.done = "true";
};
worker.postMessage(Object.fromEntries(new URLSearchParams(location.search)));
