// End-to-end: what `make run`'s server sends around the page — no framing, no content-type
// guessing — and that it serves nothing outside the build folder, whole path segments
// compared (`dist-single` is not inside `dist`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './harness.mjs';

let server;
before(async () => { server = await serve(); });
after(() => server?.stop());

test('the page comes with frame-ancestors none and nosniff', async () => {
  const res = await fetch(server.url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-security-policy'), "frame-ancestors 'none'");
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
});

test('a path that climbs out of the build folder is refused', async () => {
  // `..` encoded so that the URL parser keeps it and the server sees it decoded.
  for (const path of ['%2e%2e%2fdist-single/wisemind.html', '..%2fMakefile', '%2e%2e/%2e%2e/etc/passwd']) {
    const res = await fetch(new URL(path, server.url));
    assert.notEqual(res.status, 200, path);
    await res.arrayBuffer();
  }
});
