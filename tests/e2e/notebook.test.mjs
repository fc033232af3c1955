// End-to-end: the encrypted notebook as a new user meets it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, freshPage, createNotebook, unlock, dumpIndexedDb, containsText, PASSPHRASE } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

test('create, lock, wrong passphrase, unlock, reload, unlock: nothing readable at rest', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  await assertStatus(page, /Notebook created/);

  const clientName = 'Quillon Aldermoor';
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Client name').fill(clientName);
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: clientName }).waitFor();

  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  assert.equal(await page.getByText(clientName).count(), 0, 'locked screen shows no client data');

  await unlock(page, 'not the passphrase at all');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Wrong passphrase/);
  assert.equal(await page.getByRole('button', { name: 'Lock', exact: true }).count(), 0, 'still locked');

  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: clientName }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0, 'the old alert is gone after a good unlock');

  await page.reload();
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: clientName }).waitFor();

  const values = await dumpIndexedDb(page);
  assert.ok(values.length >= 3, 'header, settings and client are stored');
  for (const typed of [clientName, PASSPHRASE, 'Quillon', 'Aldermoor']) {
    assert.ok(!containsText(values, typed), `"${typed}" found in IndexedDB`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a too-short passphrase is refused with its reason, and nothing is created', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await page.getByLabel('Passphrase', { exact: true }).fill('short one');
  await page.getByLabel('Confirm passphrase', { exact: true }).fill('short one');
  await page.getByRole('button', { name: 'Create notebook' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /at least 12 characters/);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill('short on');
  await page.getByLabel('Passphrase', { exact: true }).fill('aaaaaaaaaaaaaaaa');
  assert.match(await page.getByText(/Weak passphrase/).innerText(), /repeats/);
  await page.reload();
  await page.getByRole('button', { name: 'Create notebook' }).waitFor();
  await context.close();
});

test('auto-lock fires after the configured idle time', async () => {
  const { context, page } = await freshPage(browser, server.url, { beforeGoto: (p) => p.clock.install() });
  await createNotebook(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  const field = page.getByLabel('Auto-lock after (minutes)');
  assert.equal(await field.inputValue(), '10', 'default is 10 minutes');
  await field.fill('1');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await assertStatus(page, /Auto-lock set to 1 minutes/);

  await page.clock.fastForward('00:30');
  assert.equal(await page.getByRole('button', { name: 'Lock', exact: true }).count(), 1, 'still open after 30 s');
  await page.clock.fastForward('00:45');
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  await assertStatus(page, /inactivity/);

  // The setting itself was stored encrypted and survives a relock.
  await unlock(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  assert.equal(await page.getByLabel('Auto-lock after (minutes)').inputValue(), '1');
  await context.close();
});

test('change passphrase: the new one unlocks, the old one does not', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await createNotebook(page);
  await page.getByRole('link', { name: 'Settings' }).click();
  const next = 'copper river twilight 7';

  await page.getByLabel('Current passphrase').fill('wrong current passphrase');
  await page.getByLabel('New passphrase', { exact: true }).fill(next);
  await page.getByLabel('Confirm new passphrase').fill(next);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /current passphrase is not right/);

  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await assertStatus(page, /Passphrase changed/);

  await page.getByRole('button', { name: 'Lock' }).click();
  await unlock(page, PASSPHRASE);
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Wrong passphrase/);
  await unlock(page, next);
  await page.getByRole('button', { name: 'Lock' }).waitFor();
  await context.close();
});

async function assertStatus(page, pattern) {
  const status = page.getByRole('status');
  await status.filter({ hasText: pattern }).waitFor();
}
