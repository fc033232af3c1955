// Seed the fuzz corpus with the raw bundles of the test vectors (each vector file is a text
// preamble, a blank line, then the bundle's bytes) and a valid payload.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [vectors, corpus] = process.argv.slice(2);
mkdirSync(corpus, { recursive: true });
for (const name of readdirSync(vectors).filter((n) => n.endsWith('.bin'))) {
  const bytes = readFileSync(join(vectors, name));
  const split = bytes.indexOf('\n\n');
  const preamble = bytes.subarray(0, split).toString('utf8');
  writeFileSync(join(corpus, `seed-${name}`), bytes.subarray(split + 2));
  const payload = preamble.split('\n').find((l) => l.startsWith('payload: '));
  if (payload) writeFileSync(join(corpus, `seed-payload-${name}`), payload.slice('payload: '.length));
}
