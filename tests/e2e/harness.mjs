// Shared end-to-end harness: serves the release build (dist/) on 127.0.0.1 and drives
// Debian's Chromium through playwright-core. No browser is ever downloaded.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Start the static server on a free port; returns { url, stop }. */
export async function serve(dir = 'dist') {
  const port = 18000 + Math.floor(Math.random() * 2000);
  const child = spawn('node', ['scripts/serve.mjs', dir, String(port)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

export async function launch() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** A fresh page (own storage) with console errors collected. */
export async function freshPage(browser, url, { beforeGoto, offline = false } = {}) {
  const context = await browser.newContext({ offline, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A Content-Security-Policy violation is a defect even when nothing visibly breaks.
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) errors.push(m.text()); });
  if (beforeGoto) await beforeGoto(page);
  await page.goto(url);
  return { context, page, errors };
}

export const PASSPHRASE = 'lantern orbit meadow 42';

/** Fill the first-run form and create a notebook. */
export async function createNotebook(page, passphrase = PASSPHRASE, kind = 'Clinician') {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('radio', { name: kind }).check();
  await page.getByRole('button', { name: 'Create notebook' }).click();
  await page.getByRole('button', { name: 'Lock' }).waitFor();
}

/** Add a client from the client list and wait for its link. */
export async function addClient(page, name) {
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Client name').fill(name);
  await page.getByRole('button', { name: 'Save client' }).click();
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name }).waitFor();
}

/** Write and save a progress note in the open client: `ratings` maps indicator labels to
 * values; `shareable` ticks "Shareable with the client". */
export async function writeNote(page, date, text, { ratings = {}, shareable = false } = {}) {
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Session date').fill(date);
  for (const [label, value] of Object.entries(ratings)) {
    await page.getByLabel(label, { exact: true }).fill(String(value));
  }
  await page.getByLabel('Session notes').fill(text);
  if (shareable) await page.getByLabel('Shareable with the client').check();
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByRole('status').filter({ hasText: `Saved the note of ${date}` }).waitFor();
}

/** Export a bundle from the Exchange page and save it to a temporary file; returns its path. */
export async function exportBundle(page, { what, client, from, to, passphrase, publicKey }) {
  await page.getByRole('link', { name: 'Exchange' }).click();
  await page.getByRole('button', { name: 'Export bundle' }).click();
  if (what) await page.getByLabel('What to export').selectOption({ label: what });
  if (client) await page.getByLabel('Client', { exact: true }).selectOption({ label: client });
  if (from) await page.getByLabel('From', { exact: true }).fill(from);
  if (to) await page.getByLabel('To', { exact: true }).fill(to);
  if (publicKey) {
    await page.getByLabel('The notebook whose public key I paste').check();
    await page.getByLabel('Recipient public key').fill(publicKey);
  } else {
    // The form keeps the last choice of recipient: choose the passphrase again.
    await page.getByLabel('Anyone with a bundle passphrase').check();
    await page.getByLabel('Bundle passphrase', { exact: true }).fill(passphrase);
    await page.getByLabel('Confirm bundle passphrase').fill(passphrase);
  }
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download bundle' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /\.wisemind$/);
  const file = join(mkdtempSync(join(tmpdir(), 'wisemind-')), download.suggestedFilename());
  await download.saveAs(file);
  await page.getByRole('status').filter({ hasText: /Bundle of \d+ records saved/ }).waitFor();
  return file;
}

/** Open the demo notebook from the first-run screen and wait for its client. */
export async function openDemo(page) {
  await page.getByRole('button', { name: 'Open demo notebook' }).click();
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Jordan Rivera (demo)' }).waitFor();
}

/** The demo client's complete record (26 notes, goals, milestones, diary cards) as a bundle
 * sealed to `passphrase`, exported from the demo notebook in a context of its own. */
export async function demoClientBundle(browser, url, passphrase) {
  const { context, page } = await freshPage(browser, url);
  await openDemo(page);
  const file = await exportBundle(page, {
    what: "One client's complete record (to another clinician notebook)", client: 'Jordan Rivera (demo)', passphrase,
  });
  await context.close();
  return file;
}

/** Import the demo client into a new notebook holding one client, "Already Here", with a
 * fault armed by `interrupt(page)` just before "Confirm import"; wait for the alert matching
 * `alert`, disarm with `resume(page)`, reload and unlock, and check that no part of the import
 * stayed. Returns the open page (with its context and error log), the bundle and its
 * passphrase. */
export async function interruptedImport(browser, url, { beforeGoto, interrupt, resume, alert }) {
  const pass = 'sixty ferns under glass';
  const file = await demoClientBundle(browser, url, pass);
  const opened = await freshPage(browser, url, { beforeGoto });
  const { page } = opened;
  await createNotebook(page);
  await addClient(page, 'Already Here');
  await previewImport(page, file, pass);
  await interrupt(page);
  await page.getByRole('button', { name: 'Confirm import' }).click();
  await page.getByRole('alert').filter({ hasText: alert }).waitFor();
  await resume(page);
  await page.reload();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Already Here' }).waitFor();
  assert.equal(await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Jordan Rivera (demo)' }).count(), 0, 'no part of the import stayed');
  return { ...opened, file, pass };
}

/** Fill and submit "Restore from backup" on the first-run screen (does not wait for the outcome). */
export async function restoreBackup(page, file, bundlePassphrase, passphrase = 'new browser passphrase 7') {
  // The first time from the first-run screen (which may still be rendering); after a
  // refusal the restore form is still open.
  if (await page.getByRole('button', { name: 'Restore notebook' }).count() === 0) {
    await page.getByRole('button', { name: 'Restore from backup' }).click();
  }
  await page.getByLabel('Bundle file').setInputFiles(file);
  await page.getByLabel('Bundle passphrase', { exact: true }).fill(bundlePassphrase);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Confirm passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Restore notebook' }).click();
}

/** Open a bundle on the Exchange page up to its preview. */
export async function previewImport(page, file, passphrase = '') {
  await page.getByRole('link', { name: 'Exchange' }).click();
  await page.getByRole('heading', { name: 'Exchange and backup' }).waitFor();
  if (await page.getByRole('button', { name: 'Preview import' }).count() === 0) {
    await page.getByRole('button', { name: 'Import bundle' }).click();
  }
  await page.getByLabel('Bundle file').setInputFiles(file);
  await page.getByLabel('Bundle passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Preview import' }).click();
}

/** The public key shown in Settings. */
export async function publicKeyOf(page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  return page.getByLabel('Your public key').inputValue();
}

export async function unlock(page, passphrase = PASSPHRASE) {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Every value in every object store of the app's IndexedDB, as bytes (strings as UTF-8). */
export async function dumpIndexedDb(page) {
  return page.evaluate(async () => {
    const db = await new Promise((ok, fail) => {
      const r = indexedDB.open('wisemind');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const out = [];
    for (const name of db.objectStoreNames) {
      const values = await new Promise((ok, fail) => {
        const r = db.transaction(name).objectStore(name).getAll();
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      for (const v of values) {
        const bytes = typeof v === 'string' ? new TextEncoder().encode(v) : new Uint8Array(v);
        out.push(Array.from(bytes));
      }
    }
    db.close();
    return out;
  });
}

/** True if `text` appears in any value as UTF-8, UTF-16LE or UTF-16BE. */
export function containsText(values, text) {
  const utf8 = Buffer.from(text, 'utf8');
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  return values.some((v) => {
    const buf = Buffer.from(v);
    return [utf8, le, be].some((needle) => buf.includes(needle));
  });
}

/** Run the `wisemind-bundle` command-line tool (built first if this tree has not built it):
 * end-to-end tests use it to read bundles and to craft hostile ones, as an attacker with a
 * copy of the format would. `passphrase` answers a passphrase bundle. Returns its output. */
export function bundleTool(args, passphrase = '') {
  const tool = join(root, 'target', 'debug', 'wisemind-bundle');
  if (!existsSync(tool)) {
    execFileSync('cargo', ['build', '--locked', '--quiet', '--bin', 'wisemind-bundle'], { cwd: root, stdio: 'inherit' });
  }
  return execFileSync(tool, args, { encoding: 'utf8', env: { ...process.env, WISEMIND_PASSPHRASE: passphrase } });
}
