// End-to-end: two tabs of one notebook stay in step (a save in one appears in the other,
// Lock in one locks both), and a notebook evicted from storage is reported, not silently
// replaced by a blank first run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, freshPage, createNotebook, addClient, unlock, writeNote, PASSPHRASE } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('a save in one tab appears in the other, and Lock locks both', async () => {
  const { context, page: a, errors } = await freshPage(browser, server.url);
  await createNotebook(a);
  const b = await context.newPage();
  await b.goto(server.url);
  await unlock(b);
  await b.getByRole('button', { name: 'New client' }).waitFor();

  await addClient(a, 'Tove Lind');
  await b.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Tove Lind' }).waitFor();
  await addClient(b, 'Ines Duarte');
  await a.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Ines Duarte' }).waitFor();
  assert.equal(await a.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Tove Lind' }).count(), 1, 'neither save was lost');

  await b.getByRole('button', { name: 'Lock', exact: true }).click();
  await a.getByRole('button', { name: 'Unlock' }).waitFor();
  await a.getByRole('status').filter({ hasText: 'Locked from another tab.' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('re-encrypting the notebook locks every tab, and the notebook opens whole afterwards', async () => {
  const { context, page: a, errors } = await freshPage(browser, server.url);
  await createNotebook(a);
  await addClient(a, 'Rhea Castell');
  const b = await context.newPage();
  await b.goto(server.url);
  await unlock(b);
  await b.getByRole('button', { name: 'New client' }).waitFor();

  await a.getByRole('link', { name: 'Settings' }).click();
  await a.getByLabel('Current passphrase').fill('not the passphrase at all');
  await a.getByRole('button', { name: 'Re-encrypt notebook' }).click();
  await a.getByRole('alert').filter({ hasText: 'current passphrase is not right' }).waitFor();
  await a.getByLabel('Current passphrase').fill(PASSPHRASE);
  await a.getByRole('button', { name: 'Re-encrypt notebook' }).click();
  await a.getByRole('status').filter({ hasText: /Notebook re-encrypted: \d+ records sealed under a new key/ }).waitFor();
  await a.getByRole('button', { name: 'Unlock' }).waitFor();
  await b.getByRole('button', { name: 'Unlock' }).waitFor();
  await unlock(b);
  await b.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Rhea Castell' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('when two tabs edit the same note, the second save does not silently overwrite the first', async () => {
  const { context, page: a, errors } = await freshPage(browser, server.url);
  await createNotebook(a);
  await addClient(a, 'Pia Sandoval');
  await a.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Pia Sandoval' }).click();
  await writeNote(a, '2026-11-10', 'Original text.');
  const b = await context.newPage();
  await b.goto(server.url);
  await unlock(b);
  await b.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Pia Sandoval' }).click();
  await b.getByRole('list', { name: 'Progress notes' }).getByRole('link', { name: '2026-11-10' }).click();
  await b.getByLabel('Session notes').fill('Edited in tab B.');

  await a.getByRole('list', { name: 'Progress notes' }).getByRole('link', { name: '2026-11-10' }).click();
  await a.getByLabel('Session notes').fill('Edited in tab A.');
  await a.getByRole('button', { name: 'Save note' }).click();
  await a.getByRole('status').filter({ hasText: 'Saved the note of 2026-11-10' }).waitFor();

  await b.getByRole('button', { name: 'Save note' }).click();
  await b.getByRole('alert').filter({ hasText: 'changed in another tab' }).waitFor();
  assert.equal(await b.getByLabel('Session notes').inputValue(), 'Edited in tab B.', 'B keeps its typing');
  await a.reload();
  await unlock(a);
  await a.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Pia Sandoval' }).click();
  await a.getByRole('list', { name: 'Progress notes' }).getByRole('link', { name: '2026-11-10' }).click();
  assert.equal(await a.getByLabel('Session notes').inputValue(), 'Edited in tab A.', "A's save survived");

  // Saving again in B is a deliberate choice, and goes through.
  await b.getByRole('button', { name: 'Save note' }).click();
  await b.getByRole('status').filter({ hasText: 'Saved the note of 2026-11-10' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a notebook evicted from storage is reported with the way back', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await createNotebook(page);
  await page.close();
  // Another same-origin page deletes the database, as the browser's eviction would.
  const other = await context.newPage();
  await other.goto(new URL('manifest.webmanifest', server.url).href);
  await other.evaluate(() => new Promise((ok, fail) => {
    const r = indexedDB.deleteDatabase('wisemind');
    r.onsuccess = ok; r.onerror = () => fail(r.error); r.onblocked = () => fail(new Error('blocked'));
  }));
  await other.goto(server.url);
  await other.getByRole('alert').filter({ hasText: 'is gone from its storage' }).waitFor();
  await other.getByRole('button', { name: 'Restore from backup' }).waitFor();
  await context.close();
});
