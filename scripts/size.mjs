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
