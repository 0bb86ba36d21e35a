// Part of `make test-types`, before tsc: the documentation that tsc cannot see.
// - The READMEs' JavaScript examples must be the ones tests/types/ compiles: each (the first
//   ```js block after a heading) must appear verbatim in its .ts file here; when an example
//   changes, copy it there (tsc then checks it).
// - Every export of npm/index.d.ts has JSDoc with an @example, and every exported function an
//   @throws too.
import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");
const problems = [];

const examples = [
  { readme: "README.md", heading: "## Using it", copy: "tests/types/readme.ts" },
  { readme: "README.md", heading: "### Sessions", copy: "tests/types/readme-sessions.ts" },
  { readme: "README.md", heading: "### Many calls", copy: "tests/types/readme-batch.ts" },
  { readme: "npm/README.md", heading: "# verba-api", copy: "tests/types/npm-readme.ts" },
];
for (const { readme, heading, copy } of examples) {
  const lines = read(readme).split("\n");
  const at = lines.indexOf(heading);
  const open = at < 0 ? -1 : lines.indexOf("```js", at);
  const close = open < 0 ? -1 : lines.indexOf("```", open + 1);
  if (close < 0) {
    problems.push(`${readme}: no \`\`\`js block after "${heading}"`);
  } else if (!read(copy).includes(lines.slice(open + 1, close).join("\n"))) {
    problems.push(`${copy} does not hold ${readme}'s example (after "${heading}") verbatim: copy it there`);
  }
}

const declarations = read("npm/index.d.ts").split("\n");
let exports = 0;
declarations.forEach((line, index) => {
  const name = line.match(/^export (?:declare )?(?:default )?(?:type|interface|class|function) (\w+)/)?.[1];
  if (name === undefined) return;
  exports += 1;
  let end = index - 1;
  if (!declarations[end]?.trim().endsWith("*/")) {
    problems.push(`npm/index.d.ts:${index + 1}: ${name} has no JSDoc`);
    return;
  }
  let start = end;
  while (start > 0 && !declarations[start].trim().startsWith("/**")) start -= 1;
  const doc = declarations.slice(start, end + 1).join("\n");
  if (!doc.includes("@example")) problems.push(`npm/index.d.ts:${index + 1}: ${name}'s JSDoc has no @example`);
  if (/\bfunction\b/.test(line) && !doc.includes("@throws")) {
    problems.push(`npm/index.d.ts:${index + 1}: ${name}'s JSDoc has no @throws`);
  }
});

if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(`docs: ${examples.length} README examples copied verbatim, ${exports} exports documented with @example`);
