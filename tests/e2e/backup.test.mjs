// End-to-end: a full backup downloaded from the app is a real bundle that a second reader
// (the wisemind-bundle tool) opens with the bundle passphrase, and no other.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, freshPage, createNotebook } from './harness.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

function readBundle(file, passphrase) {
  return spawnSync('cargo', ['run', '--quiet', '--locked', '--bin', 'wisemind-bundle', '--', 'decrypt', file], {
    cwd: root, env: { ...process.env, WISEMIND_PASSPHRASE: passphrase }, encoding: 'utf8',
  });
}

test('export a backup bundle and read it without a browser', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Client name').fill('Imogen Backhouse');
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('link', { name: 'Imogen Backhouse' }).waitFor();

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Export bundle' }).click();
  await page.getByLabel('Bundle passphrase', { exact: true }).fill('short');
  await page.getByLabel('Confirm bundle passphrase').fill('short');
  await page.getByRole('button', { name: 'Download bundle' }).click();
  await page.getByRole('alert').filter({ hasText: 'at least 12 characters' }).waitFor();

  const bundlePass = 'harbour lantern seventeen';
  await page.getByLabel('Bundle passphrase', { exact: true }).fill(bundlePass);
  await page.getByLabel('Confirm bundle passphrase').fill(bundlePass);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download bundle' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^wisemind-backup-\d{4}-\d{2}-\d{2}\.wisemind$/);
  const file = join(mkdtempSync(join(tmpdir(), 'wisemind-')), download.suggestedFilename());
  await download.saveAs(file);
  await page.getByRole('status').filter({ hasText: /Backup of \d+ records saved/ }).waitFor();

  const ok = readBundle(file, bundlePass);
  assert.equal(ok.status, 0, ok.stderr);
  const payload = JSON.parse(ok.stdout);
  assert.equal(payload.content, 'backup');
  assert.ok(payload.records.some((r) => r.kind === 'client' && r.record.name === 'Imogen Backhouse'));
  const wrong = readBundle(file, 'not the bundle passphrase');
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /wrong passphrase/);
  assert.deepEqual(errors, []);
  await context.close();
});
