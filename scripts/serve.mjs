// A minimal static server for the release build: loopback only, correct MIME types
// (application/wasm is required for streaming compilation), no caching surprises, and the
// `.gz` copies `make build` writes (src/bin/wisemind-precompress.rs) sent as
// `Content-Encoding: gzip` to browsers that accept it.
// Usage: node scripts/serve.mjs DIR [PORT]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';

const root = resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 8080);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png',
};

// A `.gz` is sent only while it still holds the file's bytes: a file changed after the build
// (as the update test does) is sent as it is. Checked once per file version.
const verified = new Map();
async function compressed(file, body) {
  const gz = await readFile(`${file}.gz`).catch(() => null);
  if (!gz) return null;
  const key = `${file}:${(await stat(file)).mtimeMs}:${body.length}:${gz.length}`;
  if (!verified.has(key)) {
    let same = false;
    try { same = gunzipSync(gz).equals(body); } catch { /* a damaged .gz is never sent */ }
    verified.set(key, same);
  }
  return verified.get(key) ? gz : null;
}

const server = createServer(async (req, res) => {
  try {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = normalize(join(root, path));
    // Whole path segments: `dist-single` is not inside `dist`.
    if (file !== root && !file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    const headers = {
      'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', vary: 'accept-encoding',
      // The page's own CSP is in its <meta> (with the bootstrap's hash); what a meta cannot
      // say is sent here: no framing, and no guessing of content types.
      'content-security-policy': "frame-ancestors 'none'", 'x-content-type-options': 'nosniff',
    };
    const gz = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? await compressed(file, body) : null;
    if (gz) headers['content-encoding'] = 'gzip';
    res.writeHead(200, headers);
    res.end(gz ?? body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
});
server.listen(port, '127.0.0.1', () => console.log(`Wisemind is being served at http://127.0.0.1:${port}/`));
