// End-to-end: a tab closed in the middle of a save, an import or a passphrase change. The
// browser aborts every transaction a closing tab has not committed; these tests abort the
// app's transaction at that moment (its writes issued, its commit not yet done) and check
// that the notebook reopens exactly as before. The last test closes a real tab during an
// import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serve, launch, freshPage, createNotebook, addClient, unlock, writeNote, demoClientBundle, previewImport, interruptedImport,
  PASSPHRASE,
} from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/** While armed, every read-write transaction is aborted where it would have committed, as
 * when its tab closes: all its requests were issued, none of them lands. */
function abortCommits(page) {
  return page.addInitScript(() => {
    const commit = IDBTransaction.prototype.commit;
    window.__closing = { armed: false, aborted: 0 };
    IDBTransaction.prototype.commit = function (...args) {
      if (window.__closing.armed && this.mode === 'readwrite') {
        window.__closing.aborted += 1;
        return this.abort();
      }
      return commit.apply(this, args);
    };
  });
}
const arm = (page, armed) => page.evaluate((a) => { window.__closing.armed = a; }, armed);
const aborted = (page) => page.evaluate(() => window.__closing.aborted);
const notesOf = (page) => page.getByRole('list', { name: 'Progress notes' }).getByRole('listitem');
const nothingChanged = (page) => page.getByRole('alert').filter({ hasText: /nothing was changed/i });

test('an edit whose save is cut off leaves the stored note as it was', async () => {
  const { context, page, errors } = await freshPage(browser, server.url, { beforeGoto: abortCommits });
  await createNotebook(page);
  await addClient(page, 'Ines Varga');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Ines Varga' }).click();
  await writeNote(page, '2026-11-02', 'Practised paced breathing before the hearing.');

  await notesOf(page).first().getByRole('link', { name: '2026-11-02' }).click();
  await page.getByLabel('Session notes').fill('This edit never reaches the disk.');
  await arm(page, true);
  await page.getByRole('button', { name: 'Save note' }).click();
  await nothingChanged(page).waitFor();
  assert.ok(await aborted(page) >= 1, 'the save went through a transaction that was aborted');
  assert.equal(await page.getByLabel('Session notes').inputValue(), 'This edit never reaches the disk.');
  await arm(page, false);

  await page.reload();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Ines Varga' }).click();
  await notesOf(page).first().waitFor();
  assert.equal(await notesOf(page).count(), 1);
  await notesOf(page).first().getByRole('link', { name: '2026-11-02' }).click();
  assert.equal(await page.getByLabel('Session notes').inputValue(), 'Practised paced breathing before the hearing.');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an import cut off before its commit leaves no part of it', async () => {
  const { context, page, errors, file, pass } = await interruptedImport(browser, server.url, {
    beforeGoto: abortCommits,
    interrupt: (p) => arm(p, true),
    resume: (p) => arm(p, false),
    alert: /nothing was changed/i,
  });
  // The same file imports whole afterwards: nothing half-written stands in its way.
  await previewImport(page, file, pass);
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByRole('status').filter({ hasText: /Import complete: \d+ added/ }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a passphrase change cut off before its commit leaves the old passphrase working', async () => {
  const { context, page, errors } = await freshPage(browser, server.url, { beforeGoto: abortCommits });
  await createNotebook(page);
  await addClient(page, 'Teo Marsh');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByLabel('New passphrase', { exact: true }).fill('cedar kettle morning 8');
  await page.getByLabel('Confirm new passphrase').fill('cedar kettle morning 8');
  await arm(page, true);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByRole('alert').waitFor();
  assert.ok(await aborted(page) >= 1);
  await arm(page, false);

  await page.reload();
  await unlock(page, 'cedar kettle morning 8');
  await page.getByRole('alert').filter({ hasText: 'Wrong passphrase' }).waitFor();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Teo Marsh' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('closing the tab during an import leaves all of it or none of it', async () => {
  const pass = 'seven herons waiting';
  const file = await demoClientBundle(browser, server.url, pass);
  const { context, page } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Already Here');
  await previewImport(page, file, pass);
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await page.close();

  const again = await context.newPage();
  await again.goto(server.url);
  await unlock(again);
  await again.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Already Here' }).waitFor();
  const imported = await again.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Jordan Rivera (demo)' }).count();
  if (imported) {
    await again.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Jordan Rivera (demo)' }).click();
    await notesOf(again).first().waitFor();
    assert.equal(await notesOf(again).count(), 26, 'the import landed whole');
  }
  await context.close();
});
