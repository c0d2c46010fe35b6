// Generates src/api/generated/<module>.ts from each service's OpenAPI document
// (<module>/src/main/resources/openapi/<module>.json), so the app's API types come from the contract.
//   node scripts/api-types.mjs          write the files
//   node scripts/api-types.mjs --check  fail when a committed file differs from what its document gives
// Outside the repository (the web image is built from web/ alone) there are no documents: the committed
// files are used as they are.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const root = path.resolve(web, '..');
const out = path.join(web, 'src', 'api', 'generated');
const check = process.argv.includes('--check');

function documents() {
  return fs.readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ module: entry.name, file: path.join(root, entry.name, 'src', 'main', 'resources', 'openapi', `${entry.name}.json`) }))
    .filter((doc) => fs.existsSync(doc.file))
    .sort((a, b) => a.module.localeCompare(b.module));
}

/** @param {string} file */
async function generate(file) {
  const ast = await openapiTS(pathToFileURL(file), { silent: true });
  return `${COMMENT_HEADER}${astToString(ast)}`;
}

const docs = documents();
if (docs.length === 0) {
  console.log('api-types: no OpenAPI documents beside web/; using the committed src/api/generated as it is');
  process.exit(0);
}
fs.mkdirSync(out, { recursive: true });
/** @type {string[]} */
const stale = [];
for (const doc of docs) {
  const target = path.join(out, `${doc.module}.ts`);
  const text = await generate(doc.file);
  const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (before === text) {
    continue;
  }
  if (check) {
    stale.push(path.relative(web, target));
  } else {
    fs.writeFileSync(target, text);
    console.log(`api-types: ${path.relative(root, doc.file)} -> ${path.relative(web, target)}`);
  }
}
if (stale.length > 0) {
  console.error(`api-types: out of date with the OpenAPI documents: ${stale.join(', ')}; run \`npm run api:types\` and commit the result`);
  process.exit(1);
}
