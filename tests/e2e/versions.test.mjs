// End-to-end: tabs of different versions. A new version that upgrades the database waits,
// and says why, while a tab of the old version holds it open; a tab asked to let go by a
// newer version offers the reload and never closes the notebook under the user.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, freshPage, createNotebook, addClient } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/** A same-origin page that opens the app's database at `version` as another build would,
 * without a versionchange handler (as the first release had none). Resolves once open, or
 * with 'blocked' if this tab must wait. */
async function otherVersion(context, version, stores) {
  const page = await context.newPage();
  await page.goto(new URL('manifest.webmanifest', server.url).href);
  const opened = page.evaluate(([v, names]) => new Promise((ok, fail) => {
    const r = indexedDB.open('wisemind', v);
    r.onupgradeneeded = () => { for (const n of names) r.result.createObjectStore(n); };
    r.onsuccess = () => { window.db = r.result; ok('open'); };
    r.onerror = () => fail(r.error);
    r.onblocked = () => { window.blocked = true; };
  }), [version, stores]);
  return { page, opened };
}

test('a new version waits for a tab of the old one, says so, then opens', async () => {
  const context = await browser.newContext();
  // The old version, schema 1, holding the database open in another tab.
  const older = await otherVersion(context, 1, ['meta', 'records']);
  assert.equal(await older.opened, 'open');

  const app = await context.newPage();
  const errors = [];
  app.on('pageerror', (e) => errors.push(String(e)));
  await app.goto(server.url);
  await app.getByRole('status').filter({ hasText: 'runs an older version' }).waitFor();
  assert.equal(await app.getByRole('button', { name: 'Create notebook' }).count(), 0);

  // The old tab goes away: the new one upgrades the database and opens.
  await older.page.evaluate(() => window.db.close());
  await app.getByRole('button', { name: 'Create notebook' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a newer version waiting for this tab is offered, never forced', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Ines Barros');

  const newer = await otherVersion(context, 99, []);
  await page.getByRole('region', { name: 'Update' }).waitFor();
  // Nothing is taken from the user: still unlocked, and the notebook still saves.
  await addClient(page, 'Tomas Lind');
  assert.equal(await newer.page.evaluate(() => window.blocked === true), true, 'the newer tab waits');

  // Accepting reloads this tab, which lets the newer one go on.
  await page.getByRole('button', { name: 'Update now' }).click();
  assert.equal(await newer.opened, 'open');
  assert.deepEqual(errors, []);
  await context.close();
});
