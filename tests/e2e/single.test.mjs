// End-to-end: the single-file edition opens from disk (file://) with the network off, keeps
// an encrypted notebook across reloads, makes no request at all, and exchanges bundles with
// the served app. The served app offers the same file for download with its SHA-256.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  serve, launch, freshPage, createNotebook, addClient, exportBundle, previewImport, unlock, PASSPHRASE, writeNote,
} from './harness.mjs';

const single = fileURLToPath(new URL('../../dist-single/wisemind.html', import.meta.url));
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('the single file works from disk with no network and exchanges bundles with the served app', async () => {
  const html = readFileSync(single, 'utf8');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*connect-src 'none'/);

  const requests = [];
  const disk = await freshPage(browser, pathToFileURL(single).href, {
    offline: true,
    beforeGoto: (page) => page.context().on('request', (r) => requests.push(r.url())),
  });
  const d = disk.page;
  await createNotebook(d);
  await addClient(d, 'Noor Haddad');
  await d.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Noor Haddad' }).click();
  await writeNote(d, '2026-11-02', 'Opposite action for avoidance, written from a USB stick.');

  await d.reload();
  await unlock(d);
  await d.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Noor Haddad' }).click();
  await d.getByRole('list', { name: 'Progress notes' }).getByRole('link', { name: '2026-11-02' }).waitFor();
  await d.getByRole('link', { name: 'Settings' }).click();
  await d.getByText('You are using the single-file edition').waitFor();

  const bundlePass = 'quartz ferry morning bell';
  const file = await exportBundle(d, {
    what: "One client's complete record (to another clinician notebook)", client: 'Noor Haddad', passphrase: bundlePass,
  });
  const stray = requests.filter((u) => !/^(file|blob|data):/.test(u));
  assert.deepEqual(stray, [], 'the single file made a network request');

  const served = await freshPage(browser, server.url);
  await createNotebook(served.page);
  await previewImport(served.page, file, bundlePass);
  await served.page.getByRole('button', { name: 'Confirm import' }).click();
  await served.page.getByRole('status').filter({ hasText: 'Import complete: 2 added' }).waitFor();
  await served.page.getByRole('link', { name: 'Clients', exact: true }).click();
  await served.page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Noor Haddad' }).click();
  await served.page.getByRole('list', { name: 'Progress notes' }).getByRole('link', { name: '2026-11-02' }).waitFor();

  // And back: a bundle from the served app opens in the single file.
  await served.page.getByRole('link', { name: 'Clients', exact: true }).click();
  await addClient(served.page, 'Oskar Brandt');
  const back = await exportBundle(served.page, {
    what: "One client's complete record (to another clinician notebook)", client: 'Oskar Brandt', passphrase: bundlePass,
  });
  await previewImport(d, back, bundlePass);
  await d.getByRole('button', { name: 'Confirm import' }).click();
  await d.getByRole('status').filter({ hasText: 'Import complete: 1 added' }).waitFor();
  await d.getByRole('link', { name: 'Clients', exact: true }).click();
  await d.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Oskar Brandt' }).waitFor();
  assert.deepEqual(requests.filter((u) => !/^(file|blob|data):/.test(u)), [], 'the single file made a network request');

  assert.deepEqual(disk.errors, []);
  assert.deepEqual(served.errors, []);
  await disk.context.close();
  await served.context.close();
});

test('the served app offers the single file with its SHA-256', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page, PASSPHRASE);
  await page.getByRole('link', { name: 'Settings' }).click();
  const shown = (await page.locator('section[aria-labelledby="about-title"] code').innerText()).trim();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Save Wisemind for offline use' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'wisemind.html');
  const bytes = readFileSync(await download.path());
  assert.equal(createHash('sha256').update(bytes).digest('hex'), shown);
  assert.equal(createHash('sha256').update(readFileSync(single)).digest('hex'), shown);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the single file, too, says so when the app stops', async () => {
  const { context, page } = await freshPage(browser, pathToFileURL(single).href, { offline: true });
  await page.getByRole('button', { name: 'Create notebook' }).waitFor();
  await page.evaluate(() => setTimeout(() => { throw new WebAssembly.RuntimeError('unreachable'); }));
  await page.getByRole('alert').filter({ hasText: 'Wisemind stopped' }).waitFor();
  await page.getByRole('button', { name: 'Reload Wisemind' }).waitFor();
  await context.close();
});
