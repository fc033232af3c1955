// End-to-end: a full backup is a real bundle that a second reader (the wisemind-bundle
// tool) opens with the bundle passphrase, and it restores completely into a fresh browser.
// Wrong passphrases and altered files are refused with a message and change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  serve, launch, freshPage, createNotebook, addClient, exportBundle, previewImport, unlock, PASSPHRASE, writeNote, restoreBackup,
} from './harness.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

function readBundle(file, passphrase) {
  return spawnSync('cargo', ['run', '--quiet', '--locked', '--bin', 'wisemind-bundle', '--', 'decrypt', file], {
    cwd: root, env: { ...process.env, WISEMIND_PASSPHRASE: passphrase }, encoding: 'utf8',
  });
}

function records(file, passphrase) {
  const out = readBundle(file, passphrase);
  assert.equal(out.status, 0, out.stderr);
  return JSON.parse(out.stdout).records;
}

/** A copy of the file with one byte flipped in the middle (the payload). */
function altered(file) {
  const bytes = readFileSync(file);
  bytes[Math.floor(bytes.length / 2)] ^= 0x01;
  const copy = file.replace(/\.wisemind$/, '-altered.wisemind');
  writeFileSync(copy, bytes);
  return copy;
}

const bundlePass = 'harbour lantern seventeen';

test('a backup is read without a browser and restores completely into a fresh one', async () => {
  const a = await freshPage(browser, server.url);
  await createNotebook(a.page);
  await addClient(a.page, 'Imogen Backhouse');
  await a.page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Imogen Backhouse' }).click();
  await writeNote(a.page, '2026-09-14', 'Worked on radical acceptance of the move.');
  await a.page.getByRole('link', { name: 'Clients', exact: true }).click();
  await a.page.getByText('No full backup of this notebook has been made yet.').waitFor();

  // A weak bundle passphrase is refused before anything is written.
  await a.page.getByRole('link', { name: 'Exchange' }).click();
  await a.page.getByRole('button', { name: 'Export bundle' }).click();
  await a.page.getByLabel('Bundle passphrase', { exact: true }).fill('short');
  await a.page.getByLabel('Confirm bundle passphrase').fill('short');
  await a.page.getByRole('button', { name: 'Download bundle' }).click();
  await a.page.getByRole('alert').filter({ hasText: 'at least 12 characters' }).waitFor();
  await a.page.getByRole('button', { name: 'Cancel' }).click();

  const file = await exportBundle(a.page, { passphrase: bundlePass });
  assert.match(file, /wisemind-backup-\d{4}-\d{2}-\d{2}\.wisemind$/);
  await a.page.getByText('Last full backup: today').waitFor();
  await a.page.getByRole('link', { name: 'Clients', exact: true }).click();
  await a.page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Imogen Backhouse' }).waitFor();
  assert.equal(await a.page.getByText('Back up now').count(), 0, 'the reminder goes once a backup exists');

  const original = records(file, bundlePass);
  assert.ok(original.some((r) => r.kind === 'client' && r.record.name === 'Imogen Backhouse'));
  assert.ok(original.some((r) => r.kind === 'key_pair'));
  const wrong = readBundle(file, 'not the bundle passphrase');
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /wrong passphrase/);

  // A fresh browser: wrong passphrase and an altered file are refused, nothing is created.
  const b = await freshPage(browser, server.url);
  await restoreBackup(b.page, file, 'not the bundle passphrase');
  await b.page.getByRole('alert').filter({ hasText: 'Wrong bundle passphrase. Nothing was changed.' }).waitFor();
  await restoreBackup(b.page, altered(file), bundlePass);
  await b.page.getByRole('alert').filter({ hasText: 'altered or damaged' }).waitFor();
  await b.page.reload();
  await b.page.getByRole('button', { name: 'Create notebook' }).waitFor();

  await restoreBackup(b.page, file, bundlePass);
  await b.page.getByRole('status').filter({ hasText: 'Backup restored' }).waitFor();
  await b.page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Imogen Backhouse' }).click();
  await b.page.getByRole('list', { name: 'Progress notes' }).getByRole('link', { name: '2026-09-14' }).waitFor();

  // Locked and unlocked with the new passphrase, a backup of the restored notebook holds
  // exactly the same records.
  await b.page.reload();
  await unlock(b.page, 'new browser passphrase 7');
  await b.page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Imogen Backhouse' }).waitFor();
  const again = await exportBundle(b.page, { passphrase: bundlePass });
  assert.deepEqual(records(again, bundlePass), original);

  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await a.context.close();
  await b.context.close();
});

test('importing a bad bundle into a notebook says why and changes nothing', async () => {
  const a = await freshPage(browser, server.url);
  await createNotebook(a.page);
  await addClient(a.page, 'Quinn Harrow');
  const file = await exportBundle(a.page, { passphrase: bundlePass });
  const bad = altered(file);
  const junk = file.replace(/\.wisemind$/, '-junk.wisemind');
  writeFileSync(junk, 'this is not a bundle at all');

  await previewImport(a.page, file, 'not the bundle passphrase');
  await a.page.getByRole('alert').filter({ hasText: 'Wrong bundle passphrase. Nothing was changed.' }).waitFor();
  await previewImport(a.page, bad, bundlePass);
  await a.page.getByRole('alert').filter({ hasText: 'altered or damaged' }).waitFor();
  await previewImport(a.page, junk, bundlePass);
  await a.page.getByRole('alert').filter({ hasText: 'This file is not a Wisemind bundle.' }).waitFor();
  assert.equal(await a.page.getByRole('button', { name: 'Confirm import' }).count(), 0);

  // Its own backup imports as "already here": nothing is written twice.
  await previewImport(a.page, file, bundlePass);
  await a.page.getByText('Everything in this bundle is already here').waitFor();
  await a.page.getByRole('button', { name: 'Confirm import' }).click();
  await a.page.getByRole('status').filter({ hasText: 'Import complete: 0 added, 0 updated, 1 already here' }).waitFor();
  await a.page.getByRole('link', { name: 'Clients', exact: true }).click();
  await a.page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Quinn Harrow' }).waitFor();
  assert.equal(await a.page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Quinn Harrow' }).count(), 1);
  await a.page.reload();
  await unlock(a.page, PASSPHRASE);
  await a.page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Quinn Harrow' }).waitFor();
  assert.equal(await a.page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Quinn Harrow' }).count(), 1);
  assert.deepEqual(a.errors, []);
  await a.context.close();
});
