// Prints the gzipped size of everything the page loads from DIR (the release build): the
// `.gz` copy the server sends where `make build` wrote one (Zopfli, see
// src/bin/wisemind-precompress.rs), otherwise zlib's best (`gzip -9`).
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
let total = 0;
const rows = [];
// wisemind.html is the single-file edition, offered for download, never loaded by the page.
const names = (await readdir(dir)).sort().filter((n) => n !== 'wisemind.html' && !n.endsWith('.gz'));
for (const name of names) {
  const bytes = await readFile(join(dir, name));
  let gz, how;
  if (existsSync(join(dir, `${name}.gz`))) {
    const stored = await readFile(join(dir, `${name}.gz`));
    if (!gunzipSync(stored).equals(bytes)) {
      console.error(`${name}.gz is not ${name} compressed (stale?): run make build`);
      process.exit(1);
    }
    [gz, how] = [stored.length, 'served .gz'];
  } else {
    [gz, how] = [gzipSync(bytes, { level: 9 }).length, 'gzip -9'];
  }
  total += gz;
  rows.push([name, bytes.length, gz, how]);
}
const kb = (n) => (n / 1024).toFixed(1).padStart(8) + ' KB';
for (const [name, raw, gz, how] of rows) console.log(`${name.padEnd(48)} ${kb(raw)} raw ${kb(gz)} gzipped (${how})`);
console.log(`${'total'.padEnd(48)} ${' '.repeat(15)} ${kb(total)} gzipped`);

// The budget: everything the page loads, gzipped (docs/performance.md). It may grow to 480 KB
// only in a commit of its own that names the feature and its cost. 420 → 440 KB: clinical
// safety (the target hierarchy's flags, the caseload's Needs attention, per-target warnings,
// calibrated suggestions), +21.1 KB. 440 → 450 KB: exchange trust (authenticated senders with
// HPKE and keys confirmed by fingerprint +8.4 KB, re-encrypting the notebook +3.5 KB, the
// import that repairs damaged storage +1.4 KB; 428.7 → 443.3 KB). 450 → 460 KB: the rest
// of exchange trust (bundle records kept as text, +4 KB; detecting records rolled back on
// disk, +12.4 KB; 443.3 → 459.5 KB). 460 → 466 KB: the key derived in a Web Worker, with
// Cancel, and unlock reading while it derives (+6.1 KB; 459.0 → 465.1 KB).
const BUDGET_KB = 466;
const totalKb = total / 1024;
if (totalKb > BUDGET_KB) {
  console.error(`over budget: ${totalKb.toFixed(1)} KB gzipped > ${BUDGET_KB} KB`);
  process.exit(1);
}
console.log(`within budget: ${totalKb.toFixed(1)} KB gzipped ≤ ${BUDGET_KB} KB`);
