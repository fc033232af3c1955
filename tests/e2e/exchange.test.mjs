// End-to-end: two devices (two separate browser contexts, each with its own storage)
// exchange bundles both ways — a clinician's share to the client, the client's diary cards
// back to the clinician's public key.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  serve, launch, freshPage, createNotebook, addClient, exportBundle, previewImport, publicKeyOf, writeNote,
} from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

async function card(page, date, joy) {
  await page.getByRole('button', { name: 'New diary card' }).click();
  await page.getByLabel('Card date').fill(date);
  await page.getByLabel('Joy').fill(String(joy));
  await page.getByLabel('Self-harm urge').fill('1');
  await page.getByRole('button', { name: 'Save diary card' }).click();
  await page.getByRole('status').filter({ hasText: `Saved the diary card of ${date}` }).waitFor();
}

const cell = (page, kind, column) => page.getByRole('table', { name: 'Import preview' })
  .getByRole('row', { name: new RegExp(`^${kind}`) })
  .getByRole('cell').nth(column);

test('clinician and client exchange a share and diary cards between two devices', async () => {
  const clinician = await freshPage(browser, server.url);
  const client = await freshPage(browser, server.url);
  const c = clinician.page;
  const p = client.page;

  await createNotebook(c);
  await addClient(c, 'Dana Reyes');
  await c.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Dana Reyes' }).click();
  await writeNote(c, '2026-10-05', 'Shared: practised DEAR MAN for the landlord call.', { shareable: true, ratings: { Communication: 5 } });
  await writeNote(c, '2026-10-12', 'Private formulation: invalidating environment.', { ratings: { Communication: 7 } });
  await c.getByRole('tab', { name: 'Goals and milestones' }).click();
  await c.getByRole('button', { name: 'New goal' }).click();
  await c.getByLabel('Goal title').fill('Use DEAR MAN weekly');
  await c.getByLabel('Skill area').selectOption({ label: 'Interpersonal effectiveness' });
  await c.getByRole('button', { name: 'Save goal' }).click();
  await c.getByRole('list', { name: 'Goals' }).getByRole('listitem').first().waitFor();

  // Device 1 → device 2: the share, under a bundle passphrase told another way.
  const sharePass = 'copper kettle whistles twice';
  const share = await exportBundle(c, {
    what: 'Share with a client: shareable notes, goals, milestones, trends', client: 'Dana Reyes', passphrase: sharePass,
  });
  assert.match(share, /wisemind-share-[0-9a-f]{8}-\d{4}-\d{2}-\d{2}\.wisemind$/, 'no client name in the file name');

  await createNotebook(p, 'my own diary passphrase', 'Personal');
  await previewImport(p, share, 'not the share passphrase');
  await p.getByRole('alert').filter({ hasText: 'Wrong bundle passphrase. Nothing was changed.' }).waitFor();
  await previewImport(p, share, sharePass);
  assert.equal(await cell(p, 'progress note', 0).innerText(), '2');
  assert.equal(await cell(p, 'goal', 0).innerText(), '1');
  await p.getByRole('button', { name: 'Confirm import' }).click();
  await p.getByRole('status').filter({ hasText: 'Import complete: 3 added' }).waitFor();

  await p.getByRole('link', { name: 'My diary' }).click();
  await p.getByRole('tab', { name: 'Notes from my therapist' }).click();
  const notes = p.getByRole('list', { name: 'Progress notes' });
  await notes.getByRole('listitem').first().waitFor();
  assert.equal(await notes.getByRole('listitem').count(), 2, 'the shared note and the private one as scores only');
  await notes.getByRole('link', { name: '2026-10-05' }).click();
  await p.getByText('Shared: practised DEAR MAN for the landlord call.').waitFor();
  assert.ok(!(await p.content()).includes('Private formulation'), 'a note not marked shareable never leaves');
  await p.getByRole('tab', { name: 'Goals and milestones' }).click();
  assert.match(await p.getByRole('list', { name: 'Goals' }).innerText(), /Use DEAR MAN weekly/);

  // The same share again changes nothing.
  await previewImport(p, share, sharePass);
  await p.getByText('Everything in this bundle is already here').waitFor();
  await p.getByRole('button', { name: 'Cancel' }).click();

  // Device 2 → device 1: diary cards sealed to the clinician's public key, no passphrase.
  await p.getByRole('link', { name: 'My diary' }).click();
  await p.getByRole('tab', { name: 'Diary cards' }).click();
  await card(p, '2026-10-20', 3);
  await card(p, '2026-10-21', 4);
  const key = await publicKeyOf(c);
  assert.match(key, /^wmpk1[0-9a-f]{64}$/);
  const cards = await exportBundle(p, { what: 'Diary cards for my therapist', publicKey: key });

  // The client's own notebook cannot open what was sealed to the clinician.
  await previewImport(p, cards, '');
  await p.getByRole('alert').filter({ hasText: 'sealed to another notebook' }).waitFor();

  await previewImport(c, cards, '');
  assert.equal(await cell(c, 'diary card', 0).innerText(), '2');
  // The first bundle from the client's key: its fingerprint is confirmed once.
  await c.getByRole('button', { name: 'Confirm fingerprint' }).click();
  await c.getByRole('button', { name: 'Confirm import' }).click();
  await c.getByRole('status').filter({ hasText: 'Import complete: 2 added' }).waitFor();
  await c.getByRole('link', { name: 'Clients', exact: true }).click();
  assert.equal(await c.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: /Dana Reyes/ }).count(), 1, 'paired: no second client was created');
  await c.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Dana Reyes' }).click();
  await c.getByRole('tab', { name: 'Diary cards' }).click();
  const list = await c.getByRole('list', { name: 'Diary cards' }).innerText();
  assert.match(list, /2026-10-21/);
  assert.match(list, /2026-10-20/);
  await c.getByRole('tab', { name: 'Trends' }).click();
  await c.getByLabel('Range').selectOption({ label: 'All' });
  const table = c.locator('table').filter({ has: c.locator('caption', { hasText: /^Diary card/ }) }).first();
  assert.match(await table.textContent(), /2026-10-21/);

  assert.deepEqual(clinician.errors, []);
  assert.deepEqual(client.errors, []);
  await clinician.context.close();
  await client.context.close();
});

test('an unpaired bundle asks which client it is about, once', async () => {
  const clinician = await freshPage(browser, server.url);
  const client = await freshPage(browser, server.url);
  const c = clinician.page;
  const p = client.page;
  await createNotebook(c);
  await addClient(c, 'Sam Okafor');
  await createNotebook(p, 'my own diary passphrase', 'Personal');
  await card(p, '2026-11-02', 2);
  const key = await publicKeyOf(c);
  const first = await exportBundle(p, { what: 'Diary cards for my therapist', publicKey: key });

  await previewImport(c, first, '');
  await c.getByLabel('Client this bundle is about').selectOption({ label: 'Sam Okafor' });
  await c.getByRole('button', { name: 'Confirm fingerprint' }).click();
  await c.getByRole('button', { name: 'Confirm import' }).click();
  await c.getByRole('status').filter({ hasText: 'Import complete: 1 added' }).waitFor();

  await p.getByRole('link', { name: 'My diary' }).click();
  await card(p, '2026-11-03', 5);
  const second = await exportBundle(p, { what: 'Diary cards for my therapist', publicKey: key });
  await previewImport(c, second, '');
  assert.equal(await c.getByLabel('Client this bundle is about').count(), 0, 'the pairing was remembered');
  assert.equal(await cell(c, 'diary card', 0).innerText(), '1');
  assert.equal(await cell(c, 'diary card', 2).innerText(), '1');
  await c.getByRole('button', { name: 'Confirm import' }).click();
  await c.getByRole('status').filter({ hasText: 'Import complete: 1 added' }).waitFor();
  await c.getByRole('link', { name: 'Clients', exact: true }).click();
  await c.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Sam Okafor' }).click();
  await c.getByRole('tab', { name: 'Diary cards' }).click();
  assert.equal(await c.getByRole('list', { name: 'Diary cards' }).getByRole('listitem').count(), 2);
  await clinician.context.close();
  await client.context.close();
});

test('plain export is offered only after the warning is acknowledged, and holds the records', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Lena Ortiz');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Lena Ortiz' }).click();
  await writeNote(page, '2026-11-03', 'Practised "wise mind", with a, comma.', { ratings: { Communication: 6 } });
  await page.getByRole('link', { name: 'Exchange' }).click();
  await page.getByLabel('Client to export').selectOption({ label: 'Lena Ortiz' });
  const csvButton = page.getByRole('button', { name: 'Download indicators (CSV)' });
  assert.equal(await csvButton.isDisabled(), true, 'nothing unencrypted before the acknowledgement');
  await page.getByLabel('I understand these files are not encrypted').check();
  const [csv] = await Promise.all([page.waitForEvent('download'), csvButton.click()]);
  assert.match(csv.suggestedFilename(), /^wisemind-indicators-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = readFileSync(await csv.path(), 'utf8').split('\r\n');
  assert.match(rows[0], /^session_date,Emotional outbursts,/);
  assert.match(rows[1], /^2026-11-03,/);
  const [md] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download notes (Markdown)' }).click()]);
  const text = readFileSync(await md.path(), 'utf8');
  assert.match(text, /^# Progress notes — Lena Ortiz/);
  assert.match(text, /\*\*Session notes:\*\* Practised "wise mind", with a, comma\./);
  assert.deepEqual(errors, []);
  await context.close();
});
