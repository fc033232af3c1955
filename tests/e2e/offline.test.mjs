// End-to-end: the served app works with the network off once it has been opened, makes no
// request to any other origin (and none at all after loading, besides the service worker's
// own), and offers — never forces — an update when a new version is published.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  serve, launch, freshPage, createNotebook, addClient, unlock, exportBundle, previewImport, writeNote,
} from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker?.controller !== null);

test('once opened, the app opens and works with the network off', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await controlled(page);
  await createNotebook(page);
  await addClient(page, 'Ezra Vale');
  await context.setOffline(true);
  await page.reload();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Ezra Vale' }).click();
  await writeNote(page, '2026-11-20', 'Session held while offline.');
  // A page opened fresh while offline (a new tab) is served from the cache too.
  const second = await context.newPage();
  await second.goto(server.url);
  await second.getByRole('button', { name: 'Unlock' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a whole session talks to no other origin, and to none after loading', async () => {
  const origin = new URL(server.url).origin;
  const requests = [];
  let loaded = false;
  const { context, page, errors } = await freshPage(browser, server.url, {
    beforeGoto: (p) => p.context().on('request', (r) => requests.push({ url: r.url(), after: loaded, sw: !!r.serviceWorker() })),
  });
  await page.getByRole('button', { name: 'Create notebook' }).waitFor();
  await controlled(page);
  loaded = true;

  await createNotebook(page);
  await addClient(page, 'Mira Sol');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Mira Sol' }).click();
  await writeNote(page, '2026-11-21', 'Practised GIVE.', { ratings: { Communication: 6 } });
  await page.getByRole('tab', { name: 'Trends' }).click();
  await page.getByRole('img', { name: /^Interpersonal effectiveness trend/ }).waitFor();
  const file = await exportBundle(page, { passphrase: 'willow lantern ninety nine' });
  await previewImport(page, file, 'willow lantern ninety nine');
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByRole('status').filter({ hasText: 'Import complete' }).waitFor();

  const foreign = requests.filter((r) => !/^(blob|data):/.test(r.url) && new URL(r.url).origin !== origin);
  assert.deepEqual(foreign, [], 'a request left the origin');
  const late = requests.filter((r) => r.after && !r.sw && !/^(blob|data):/.test(r.url) && !r.url.endsWith('/sw.js'));
  assert.deepEqual(late, [], 'the page made requests after loading');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page is sent as the precompressed gzip copies make build writes', async () => {
  const responses = [];
  const { context, page, errors } = await freshPage(browser, server.url, {
    beforeGoto: (p) => p.on('response', (r) => responses.push(r)),
  });
  await page.getByRole('button', { name: 'Create notebook' }).waitFor();
  for (const name of [/\/wisemind-\w+_bg\.wasm$/, /\/wisemind-\w+\.js$/, /\/fault-\w+\.js$/, /\/style-\w+\.css$/]) {
    const file = responses.find((r) => name.test(r.url()));
    assert.ok(file, `no ${name} was loaded`);
    assert.equal((await file.allHeaders())['content-encoding'], 'gzip', `${name} was sent uncompressed`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new version is offered and applied only when the user accepts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wisemind-dist-'));
  cpSync(fileURLToPath(new URL('../../dist', import.meta.url)), dir, { recursive: true });
  const own = await serve(dir);
  try {
    const { context, page, errors } = await freshPage(browser, own.url);
    await controlled(page);
    await createNotebook(page);
    assert.equal(await page.getByRole('button', { name: 'Update now' }).count(), 0, 'a first install is not an update');

    appendFileSync(join(dir, 'sw.js'), '\n// a new release\n');
    await page.reload();
    await unlock(page);
    await page.getByRole('button', { name: 'Update now' }).waitFor();
    // Still running the old version until the user accepts.
    await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Update now' }).click()]);
    await page.getByRole('button', { name: 'Unlock' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Update now' }).count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    own.stop();
  }
});
