// The CLI's floor: read every YAML document of a folder, one at a time, with the `yaml` package's
// parseDocument and a walk of every node, keeping nothing. `node -r ./maxrss.cjs cli-floor.cjs DIR`.
const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { isMap, isPair, isScalar, isSeq, parseDocument } = require('yaml');

const dir = process.argv[2];
let nodes = 0;
const walk = (node) => {
  nodes++;
  if (isMap(node) || isSeq(node)) for (const it of node.items) walk(it);
  else if (isPair(node)) {
    walk(node.key);
    walk(node.value);
  } else if (isScalar(node)) void node.value;
};
for (const f of readdirSync(dir).sort()) if (f.endsWith('.yaml')) walk(parseDocument(readFileSync(join(dir, f), 'utf8')).contents);
process.stdout.write(`${nodes} nodes\n`);
