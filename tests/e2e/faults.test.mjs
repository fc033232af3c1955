// End-to-end: storage faults. A full disk (QuotaExceededError, injected) gets a clear
// message and keeps what the user typed; a failure in the middle of an import rolls the
// whole import back, because it is one IndexedDB transaction; a storage pack damaged on
// disk is reported while the rest of the notebook opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  serve, launch, freshPage, createNotebook, addClient, unlock, previewImport, interruptedImport, openDemo, exportBundle, dumpIndexedDb, demoClientBundle, restoreBackup, PASSPHRASE,
} from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/** Wrap IDBObjectStore.put so a test can make it fail: `failAfter` puts still succeed, then
 * every put throws QuotaExceededError until `failAfter` is set back to -1. */
function injectFaults(page) {
  return page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    window.__faults = { failAfter: -1 };
    IDBObjectStore.prototype.put = function (...args) {
      const f = window.__faults;
      if (f.failAfter === 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      if (f.failAfter > 0) f.failAfter -= 1;
      return put.apply(this, args);
    };
  });
}
const arm = (page, n) => page.evaluate((k) => { window.__faults.failAfter = k; }, n);

test('a full disk keeps the note in the form and damages nothing', async () => {
  const { context, page, errors } = await freshPage(browser, server.url, { beforeGoto: injectFaults });
  await createNotebook(page);
  await addClient(page, 'Rafa Quintero');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Rafa Quintero' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Session date').fill('2026-11-23');
  const text = 'Worked on check the facts before the family visit.';
  await page.getByLabel('Session notes').fill(text);
  await arm(page, 0);
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByRole('alert').filter({ hasText: 'storage for this page is full' }).waitFor();
  assert.equal(await page.getByLabel('Session notes').inputValue(), text, 'the typing is still in the form');

  await arm(page, -1);
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved the note of 2026-11-23' }).waitFor();
  await page.reload();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Rafa Quintero' }).click();
  assert.equal(await page.getByRole('list', { name: 'Progress notes' }).getByRole('listitem').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a failure in the middle of an import leaves the notebook exactly as it was', async () => {
  const { context, page, errors, file, pass } = await interruptedImport(browser, server.url, {
    beforeGoto: injectFaults,
    interrupt: async (p) => {
      const added = Number(await p.getByRole('table', { name: 'Import preview' })
        .getByRole('row', { name: /^progress note/ }).getByRole('cell').first().innerText());
      assert.equal(added, 26);
      await arm(p, 40); // the 41st record written fails, well inside the import
    },
    resume: (p) => arm(p, -1),
    alert: 'storage for this page is full',
  });

  await previewImport(page, file, pass);
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByRole('status').filter({ hasText: /Import complete: \d+ added/ }).waitFor();
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Jordan Rivera (demo)' }).click();
  assert.equal(await page.getByRole('list', { name: 'Progress notes' }).getByRole('listitem').count(), 26);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a passphrase change that cannot be written leaves the old passphrase working', async () => {
  const { context, page, errors } = await freshPage(browser, server.url, { beforeGoto: injectFaults });
  await createNotebook(page);
  await addClient(page, 'Uma Petrova');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Current passphrase').fill('lantern orbit meadow 42');
  await page.getByLabel('New passphrase', { exact: true }).fill('a brand new passphrase 9');
  await page.getByLabel('Confirm new passphrase').fill('a brand new passphrase 9');
  await arm(page, 0);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByRole('alert').filter({ hasText: 'storage for this page is full' }).waitFor();
  await arm(page, -1);

  await page.reload();
  await unlock(page, 'a brand new passphrase 9');
  await page.getByRole('alert').filter({ hasText: 'Wrong passphrase' }).waitFor();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Uma Petrova' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

/** While armed, every read-write transaction ends at its commit the way Chromium ends one
 * over quota: aborted, with a QuotaExceededError as the transaction's error (not a request's,
 * which is what the put wrapper above simulates). */
function quotaAtCommit(page) {
  return page.addInitScript(() => {
    const commit = IDBTransaction.prototype.commit;
    window.__quotaAtCommit = false;
    IDBTransaction.prototype.commit = function (...args) {
      if (!window.__quotaAtCommit || this.mode !== 'readwrite') return commit.apply(this, args);
      Object.defineProperty(this, 'error', { value: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
      return this.abort();
    };
  });
}

test('a quota error reported at commit stops an import whole with the full-storage message', async () => {
  const { context, errors } = await interruptedImport(browser, server.url, {
    beforeGoto: quotaAtCommit,
    interrupt: (p) => p.evaluate(() => { window.__quotaAtCommit = true; }),
    resume: (p) => p.evaluate(() => { window.__quotaAtCommit = false; }),
    alert: 'storage for this page is full',
  });
  assert.deepEqual(errors, []);
  await context.close();
});

/** Arm the app's fault point in its storage writes: the next write stops the app (a trap)
 * after its first request is queued. */
const stopMidWrite = (page) => page.evaluate(() => { window.__wisemindFault = 'write-queued'; });
const stopped = (page) => page.getByRole('alert').filter({ hasText: 'Wisemind stopped' }).waitFor();

test('the app stopping in the middle of an import, a restore or a create leaves the database exactly as it was', async () => {
  // Import: a notebook with a recent save (a loose record, which a bulk write first clears).
  const pass = 'nine owls in the rain';
  const bundle = await demoClientBundle(browser, server.url, pass);
  const importing = await freshPage(browser, server.url);
  let page = importing.page;
  await createNotebook(page);
  await addClient(page, 'Already Here');
  await previewImport(page, bundle, pass);
  const before = await dumpIndexedDb(page);
  await stopMidWrite(page);
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await stopped(page);
  assert.deepEqual(await dumpIndexedDb(page), before, 'not one request of the import committed');
  await page.reload();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Already Here' }).waitFor();
  await importing.context.close();

  // Restore and create, into an empty browser: still empty afterwards.
  const backup = await exportBundle((await (async () => {
    const made = await freshPage(browser, server.url);
    await openDemo(made.page);
    return made.page;
  })()), { what: 'Whole notebook (backup)', passphrase: pass });
  const empty = await freshPage(browser, server.url);
  page = empty.page;
  await page.getByRole('button', { name: 'Restore from backup' }).waitFor();
  const blank = await dumpIndexedDb(page);
  await stopMidWrite(page);
  await restoreBackup(page, backup, pass);
  await stopped(page);
  assert.deepEqual(await dumpIndexedDb(page), blank, 'a stopped restore wrote nothing');
  await page.reload();
  await stopMidWrite(page);
  await page.getByRole('button', { name: 'Restore from backup' }).waitFor();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create notebook' }).click();
  await stopped(page);
  assert.deepEqual(await dumpIndexedDb(page), blank, 'a stopped create wrote nothing');
  await page.reload();
  await page.getByRole('button', { name: 'Restore from backup' }).waitFor();
  await empty.context.close();
});

test('a storage pack damaged on disk: the rest opens, the damage is reported, and importing the backup repairs it', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await openDemo(page);
  const backup = await exportBundle(page, { what: 'Whole notebook (backup)', passphrase: 'demo backup passphrase 3' });
  // Cut the largest pack in half, as a failing disk might.
  const cutKey = await page.evaluate(async () => {
    const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const db = await req(indexedDB.open('wisemind'));
    const store = db.transaction('packs', 'readwrite').objectStore('packs');
    const keys = await req(store.getAllKeys());
    const values = await req(store.getAll());
    const largest = values.reduce((best, v, i) => (v.byteLength > values[best].byteLength ? i : best), 0);
    await req(store.put(values[largest].slice(0, values[largest].byteLength >> 1), keys[largest]));
    db.close();
    return keys[largest];
  });
  assert.match(cutKey, /^[0-9a-f]{2}$/);
  await page.reload();
  await unlock(page, 'demo notebook passphrase');
  await page.getByRole('alert').filter({ hasText: "Part of this notebook's storage is damaged (1 of its storage packs)" }).waitFor();
  // Unlocked, with the notes that survived (which ones depends on the demo's random ids).
  await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
  // The repair the notice suggests: importing the backup rebuilds the damaged pack.
  await previewImport(page, backup, 'demo backup passphrase 3');
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByRole('status').filter({ hasText: 'Import complete' }).waitFor();
  await page.getByText("Part of this notebook's storage is damaged").waitFor({ state: 'detached' });
  await page.reload();
  await unlock(page, 'demo notebook passphrase');
  await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
  assert.equal(await page.getByText("Part of this notebook's storage is damaged").count(), 0, 'repaired for good');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a record deleted on disk behind the app is reported at unlock until the user decides', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Ada Moreau');
  await addClient(page, 'Bo Lindgren');
  // Remove one saved record straight from IndexedDB, as a tool or a partial restore might.
  await page.evaluate(async () => {
    const req = (r) => new Promise((ok, fail) => { r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    const db = await req(indexedDB.open('wisemind'));
    const store = db.transaction('records', 'readwrite').objectStore('records');
    const keys = await req(store.getAllKeys());
    await req(store.delete(keys[0]));
    db.close();
  });
  await page.reload();
  await unlock(page);
  const notice = page.getByRole('alert').filter({ hasText: 'differs from its own sealed record of what was last saved (1 difference)' });
  await notice.waitFor();
  await notice.getByText(/A record saved earlier \(id [0-9a-f]{8}…\) is no longer stored\./).waitFor();
  // Still there after another unlock: it is never accepted silently.
  await page.reload();
  await unlock(page);
  await notice.waitFor();
  await notice.getByRole('button', { name: 'Accept the notebook as it is now' }).click();
  await page.getByRole('status').filter({ hasText: 'Accepted' }).waitFor();
  await notice.waitFor({ state: 'detached' });
  await page.reload();
  await unlock(page);
  await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();
  assert.equal(await page.getByText('sealed record of what was last saved').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Throws a WebAssembly trap (`kind` 'trap') or a TypeError from a task of its own, as a trap
 * in the app is thrown from the event or promise job that called it; resolves after it ran. */
const uncaught = (page, kind, message) => page.evaluate(([k, m]) => new Promise((done) => setTimeout(() => {
  setTimeout(done);
  throw k === 'trap' ? new WebAssembly.RuntimeError(m) : new TypeError(m);
})), [kind, message]);

test('when the app stops on an internal error the page says so and offers a reload', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  // An error of the page's other scripts is not the app stopping.
  await uncaught(page, 'other', 'not the app');
  assert.equal(await page.locator('.fault').count(), 0);

  await uncaught(page, 'trap', 'unreachable');
  const notice = page.getByRole('alert').filter({ hasText: 'Wisemind stopped' });
  await notice.getByText('Everything saved before is safe in this browser.', { exact: false }).waitFor();
  await notice.getByText('For a bug report: RuntimeError: unreachable').waitFor();
  const reload = page.getByRole('button', { name: 'Reload Wisemind' });
  assert.ok(await reload.evaluate((b) => b === document.activeElement), 'the reload button has the focus');
  // What the app showed stays on screen, so that unsaved text can still be copied.
  await page.getByRole('button', { name: 'Lock', exact: true }).waitFor();

  await reload.click();
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  assert.equal(await page.locator('.fault').count(), 0);
  assert.deepEqual(errors, ['TypeError: not the app', 'RuntimeError: unreachable']);
  await context.close();
});
