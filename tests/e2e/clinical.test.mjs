// End-to-end: the clinical notebook — clients, progress notes with indicators, search,
// drafts, goals, diary cards, the personal notebook and the demo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, freshPage, createNotebook, unlock, dumpIndexedDb, containsText, addClient, writeNote } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

const noteItems = (page) => page.getByRole('list', { name: 'Progress notes' }).getByRole('listitem');

test('clients and notes: newest first with scores, edit, search, reload, delete', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Robin Kestrel');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Robin Kestrel' }).click();

  // Emotion regulation: outbursts 2 (lower is better → 8), managing 6, triggers 7 → 7.0
  await writeNote(page, '2026-03-02', 'Reviewed chain analysis of the weekend.', { ratings: { 'Emotional outbursts': 2, 'Managing strong emotions': 6, 'Understanding emotional triggers': 7 } });
  // Interpersonal: communication 5, conflict 9 (→ 1) → 3.0; mindfulness 4 and 6 → 5.0
  await writeNote(page, '2026-03-09', 'Practised DEAR MAN with a role play about the landlord.', { ratings: { Communication: 5, 'Interpersonal conflict': 9, 'Present-moment awareness': 4, 'Nonjudgmental stance': 6 } });

  const items = noteItems(page);
  assert.equal(await items.count(), 2);
  const first = await items.nth(0).innerText();
  const second = await items.nth(1).innerText();
  assert.match(first, /2026-03-09/);
  assert.match(second, /2026-03-02/);
  assert.match(first, /Interpersonal effectiveness\s+3\.0/);
  assert.match(first, /Mindfulness\s+5\.0/);
  assert.match(first, /Emotion regulation\s+–/, 'not assessed is shown as a dash, not zero');
  assert.match(second, /Emotion regulation\s+7\.0/);

  // Edit the older note: raise managing strong emotions to 9 → (8 + 9 + 7) / 3 = 8.0
  await items.nth(1).getByRole('link', { name: '2026-03-02' }).click();
  assert.equal(await page.getByLabel('Managing strong emotions', { exact: true }).inputValue(), '6');
  await page.getByLabel('Managing strong emotions', { exact: true }).fill('9');
  await page.getByLabel('Session notes').fill('Reviewed chain analysis of the weekend; used opposite action with zucchini bread.');
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved the note of 2026-03-02' }).waitFor();
  assert.match(await noteItems(page).nth(1).innerText(), /Emotion regulation\s+8\.0/);

  // Search a word from the edited note.
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  await page.getByLabel('Search all notes').fill('zucchini');
  const results = page.getByRole('list', { name: 'Search results' }).getByRole('listitem');
  await results.first().waitFor();
  assert.equal(await results.count(), 1);
  assert.match(await results.first().innerText(), /2026-03-02 — Robin Kestrel/);

  // Reload, unlock, everything is there; nothing typed is readable at rest.
  await page.reload();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Robin Kestrel' }).click();
  assert.equal(await noteItems(page).count(), 2);
  const values = await dumpIndexedDb(page);
  for (const typed of ['Robin Kestrel', 'zucchini', 'DEAR MAN', 'landlord']) {
    assert.ok(!containsText(values, typed), `"${typed}" readable in IndexedDB`);
  }

  // Delete the client after confirmation: it and its notes are gone, also after reload.
  const before = values.length;
  await page.getByRole('button', { name: 'Delete client' }).click();
  await page.getByRole('button', { name: 'Keep client' }).click();
  assert.equal(await page.getByRole('heading', { name: 'Robin Kestrel' }).count(), 1, 'kept when not confirmed');
  await page.getByRole('button', { name: 'Delete client' }).click();
  await page.getByRole('button', { name: 'Confirm delete' }).click();
  await page.getByRole('status').filter({ hasText: 'Client deleted with 3 record(s)' }).waitFor();
  assert.equal(await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Robin Kestrel' }).count(), 0);
  assert.equal((await dumpIndexedDb(page)).length, before - 3);
  await page.reload();
  await unlock(page);
  await page.getByText('No clients yet.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('bad input is refused beside the field and nothing is saved', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Sam Ortolan');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Sam Ortolan' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Session date').fill('2099-01-01');
  await page.getByLabel('Communication', { exact: true }).fill('12');
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByRole('alert').filter({ hasText: 'Nothing was saved' }).waitFor();
  assert.match(await page.getByText('The date cannot be in the future.').innerText(), /future/);
  assert.equal(await page.getByLabel('Communication', { exact: true }).getAttribute('aria-invalid'), 'true');
  assert.equal(await noteItems(page).count(), 0);
  await context.close();
});

test('a draft survives a reload and is offered back', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Ari Lindqvist');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Ari Lindqvist' }).click();
  const stored = (await dumpIndexedDb(page)).length;
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Session notes').fill('Half-written thoughts about validation levels.');
  await page.getByLabel('Healthy coping', { exact: true }).fill('6');
  // The draft is written after a short pause in typing; wait until it is stored.
  for (let i = 0; (await dumpIndexedDb(page)).length <= stored; i++) {
    assert.ok(i < 100, 'the draft was never stored');
    await page.waitForTimeout(100);
  }
  page.on('dialog', (d) => d.accept());
  await page.reload();
  await unlock(page);
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Ari Lindqvist' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByRole('button', { name: 'Restore draft' }).click();
  assert.equal(await page.getByLabel('Session notes').inputValue(), 'Half-written thoughts about validation levels.');
  assert.equal(await page.getByLabel('Healthy coping', { exact: true }).inputValue(), '6');
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved the note' }).waitFor();
  assert.equal(await noteItems(page).count(), 1);
  // Saving removed the draft: a new note offers nothing.
  await page.getByRole('button', { name: 'New note' }).click();
  assert.equal(await page.getByRole('button', { name: 'Restore draft' }).count(), 0);
  await context.close();
});

test('leaving a note mid-typing asks first and keeps the typing as a draft', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Noor Halvorsen');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Noor Halvorsen' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Session notes').fill('Typed just before switching tabs.');
  // Declining the question keeps the form open.
  page.once('dialog', (d) => d.dismiss());
  await page.getByRole('tab', { name: 'Diary cards' }).click();
  assert.equal(await page.getByLabel('Session notes').inputValue(), 'Typed just before switching tabs.');
  // Accepting leaves at once, before the draft timer: the typing is written on the way out.
  page.once('dialog', (d) => d.accept());
  await page.getByRole('tab', { name: 'Diary cards' }).click();
  await page.getByRole('button', { name: 'New diary card' }).waitFor();
  await page.getByRole('tab', { name: 'Progress notes' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByRole('button', { name: 'Restore draft' }).click();
  assert.equal(await page.getByLabel('Session notes').inputValue(), 'Typed just before switching tabs.');
  await context.close();
});

test('goals, milestones and diary cards in a personal notebook', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await createNotebook(page, undefined, 'Personal');
  await page.getByRole('heading', { name: 'My diary' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'New client' }).count(), 0, 'no client list');

  await page.getByRole('button', { name: 'New diary card' }).click();
  await page.getByLabel('Card date').fill('2026-11-20');
  await page.getByLabel('Self-harm urge').fill('3');
  await page.getByLabel('Suicide urge').fill('0');
  await page.getByLabel('Substance use urge').fill('1');
  await page.getByLabel('Sadness').fill('4');
  await page.getByLabel('Joy').fill('2');
  await page.getByLabel('Skills used').fill('5');
  await page.getByRole('button', { name: 'Add target' }).click();
  await page.getByLabel('Target 1', { exact: true }).fill('Bingeing');
  await page.getByLabel('Target 1 urge').fill('4');
  await page.getByLabel('Target 1: acted on').check();
  await page.getByRole('button', { name: 'Save diary card' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved the diary card of 2026-11-20' }).waitFor();
  const cards = page.getByRole('list', { name: 'Diary cards' }).getByRole('listitem');
  assert.match(await cards.first().innerText(), /2026-11-20 · highest urge 4 · skills 5 · target behaviour acted on/);

  // A second card for the same day is refused beside the date.
  await page.getByRole('button', { name: 'New diary card' }).click();
  assert.equal(await page.getByLabel('Target 1', { exact: true }).inputValue(), 'Bingeing', 'own targets carry over');
  assert.equal(await page.getByLabel('Target 1 urge').inputValue(), '', 'ratings do not');
  await page.getByLabel('Card date').fill('2026-11-20');
  await page.getByLabel('Anger').fill('9');
  await page.getByRole('button', { name: 'Save diary card' }).click();
  await page.getByText('Rate from 0 to 5, or leave empty if not assessed.').waitFor();
  await page.getByLabel('Anger').fill('2');
  await page.getByRole('button', { name: 'Save diary card' }).click();
  await page.getByText(/A card for 2026-11-20 already exists/).waitFor();
  assert.equal(await cards.count(), 1);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('tab', { name: 'Goals and milestones' }).click();
  await page.getByRole('button', { name: 'New goal' }).click();
  await page.getByLabel('Goal title').fill('Use TIPP before urges peak');
  await page.getByLabel('Skill area').selectOption({ label: 'Distress tolerance' });
  await page.getByRole('button', { name: 'Save goal' }).click();
  const goals = page.getByRole('list', { name: 'Goals' }).getByRole('listitem');
  await goals.first().waitFor();
  await page.getByLabel('Status of Use TIPP before urges peak').selectOption({ label: 'Achieved' });
  await page.getByRole('status').filter({ hasText: 'A milestone was recorded' }).waitFor();
  const milestones = page.getByRole('list', { name: 'Milestones' }).getByRole('listitem');
  assert.match(await milestones.first().innerText(), /Goal achieved: Use TIPP before urges peak/);
  await context.close();
});

test('the demo notebook opens with six months of records', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await page.getByRole('button', { name: 'Open demo notebook' }).click();
  await page.getByRole('status').filter({ hasText: 'demo notebook passphrase' }).waitFor();
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Jordan Rivera (demo)' }).click();
  assert.equal(await noteItems(page).count(), 26);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await unlock(page, 'demo notebook passphrase');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Jordan Rivera (demo)' }).waitFor();
  await context.close();
});

test('a note records the goals worked on', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Lee Tanager');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Lee Tanager' }).click();
  await page.getByRole('tab', { name: 'Goals and milestones' }).click();
  await page.getByRole('button', { name: 'New goal' }).click();
  await page.getByLabel('Goal title').fill('Ask for help at work');
  await page.getByLabel('Skill area').selectOption({ label: 'Interpersonal effectiveness' });
  await page.getByRole('button', { name: 'Save goal' }).click();
  await page.getByRole('list', { name: 'Goals' }).getByRole('listitem').first().waitFor();
  await page.getByRole('tab', { name: 'Progress notes' }).click();
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Goal: Ask for help at work').check();
  await page.getByLabel('Session notes').fill('Rehearsed DEAR MAN for asking the manager.');
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved the note' }).waitFor();
  await page.getByRole('tab', { name: 'Goals and milestones' }).click();
  assert.match(await page.getByRole('list', { name: 'Goals' }).innerText(), /worked on in 1 session/);
  await context.close();
});

test('the seventh clean diary card in a row is celebrated as a milestone', async () => {
  const { context, page } = await freshPage(browser, server.url);
  await createNotebook(page, undefined, 'Personal');
  for (let day = 1; day <= 7; day++) {
    const date = `2026-11-${String(10 + day).padStart(2, '0')}`;
    await page.getByRole('button', { name: 'New diary card' }).click();
    await page.getByLabel('Card date').fill(date);
    await page.getByLabel('Self-harm urge').fill('1');
    await page.getByRole('button', { name: 'Save diary card' }).click();
    const status = page.getByRole('status').filter({ hasText: `Saved the diary card of ${date}` });
    await status.waitFor();
    const text = await status.innerText();
    if (day < 7) assert.doesNotMatch(text, /Milestone reached/);
    else assert.match(text, /Milestone reached: 7 days without acting on a target behaviour/);
  }
  await page.getByRole('tab', { name: 'Trends' }).click();
  await page.getByLabel('Range').selectOption({ label: 'All' });
  assert.match(await page.getByRole('list', { name: 'Milestones reached' }).innerText(), /2026-11-17 — 7 days without acting/);
  await context.close();
});
