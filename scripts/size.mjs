// Prints the gzipped size of everything the page loads from DIR (the release build).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
let total = 0;
const rows = [];
// wisemind.html is the single-file edition, offered for download, never loaded by the page.
for (const name of (await readdir(dir)).sort().filter((n) => n !== 'wisemind.html')) {
  const bytes = await readFile(join(dir, name));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  rows.push([name, bytes.length, gz]);
}
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
for (const [name, raw, gz] of rows) console.log(`${name.padEnd(48)} ${kb(raw)} raw ${kb(gz)} gzipped`);
console.log(`${'total'.padEnd(48)} ${' '.repeat(15)} ${kb(total)} gzipped`);

// The budget of the hardening issue: everything the page loads, gzipped.
const BUDGET_KB = 350;
const totalKb = total / 1024;
if (totalKb > BUDGET_KB) {
  console.error(`over budget: ${totalKb.toFixed(1)} KB gzipped > ${BUDGET_KB} KB`);
  process.exit(1);
}
console.log(`within budget: ${totalKb.toFixed(1)} KB gzipped ≤ ${BUDGET_KB} KB`);
