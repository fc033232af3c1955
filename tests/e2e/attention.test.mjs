// End-to-end: DBT's target hierarchy. A diary card with a suicide urge of 5 puts the client
// under "Needs attention" on the client list with the card's date, and while that flag is
// active the Trends page makes no "advance skills" suggestion; risk notes written in a
// progress note show on Trends until a later note records them as addressed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, freshPage, createNotebook, addClient, writeNote } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); server?.stop(); });

/** The page's local date `days` ago, as YYYY-MM-DD (what the app calls today). */
async function daysAgo(page, days) {
  return page.evaluate((n) => {
    const d = new Date();
    d.setDate(d.getDate() - n);
    const pad = (x) => String(x).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, days);
}

const MINDFULNESS = ['Present-moment awareness', 'Nonjudgmental stance'];

test('a suicide urge of 5 puts the client under Needs attention and holds back advance suggestions', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  const attention = page.getByRole('region', { name: 'Needs attention' });
  await attention.getByText('No client has an active flag today.').waitFor();
  await addClient(page, 'Vera Lund');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Vera Lund' }).click();

  // Six weekly sessions, mindfulness rated 3 then 8: reliably improved and held.
  for (const [i, value] of [3, 3, 3, 8, 8, 8].entries()) {
    const date = await daysAgo(page, 35 - 7 * i);
    const ratings = Object.fromEntries(MINDFULNESS.map((m) => [m, value]));
    await writeNote(page, date, `Session ${i + 1}.`, { ratings });
  }
  await page.getByRole('tab', { name: 'Trends' }).click();
  const suggestions = page.getByRole('list', { name: 'Treatment suggestions' });
  await suggestions.getByText(/more advanced skills/).waitFor();

  // A diary card today with a suicide urge of 5.
  const today = await daysAgo(page, 0);
  await page.getByRole('tab', { name: 'Diary cards' }).click();
  await page.getByRole('button', { name: 'New diary card' }).click();
  await page.getByLabel('Card date').fill(today);
  await page.getByLabel('Suicide urge').fill('5');
  await page.getByRole('button', { name: 'Save diary card' }).click();
  await page.getByRole('status').filter({ hasText: `Saved the diary card of ${today}` }).waitFor();

  // Trends: the flag with its evidence, a safety suggestion first, no advance suggestion.
  await page.getByRole('tab', { name: 'Trends' }).click();
  const flags = page.getByRole('list', { name: 'Needs attention' });
  await flags.getByText('Suicide urge at 4 or above').waitFor();
  assert.match(await flags.innerText(), new RegExp(`${today}\\s+Suicide urge 5 of 5`));
  await suggestions.getByText(/review the crisis and safety plan/).waitFor();
  assert.equal(await suggestions.getByText(/more advanced skills/).count(), 0, 'no advance suggestion while flagged');

  // The client list: Vera Lund under Needs attention, with the rule and the card's date.
  await page.getByRole('link', { name: 'Clients', exact: true }).click();
  const item = attention.getByRole('list').getByRole('listitem').filter({ hasText: 'Vera Lund' });
  await item.getByRole('link', { name: 'Vera Lund' }).waitFor();
  const text = await item.innerText();
  assert.match(text, /Level 1 · Life-threatening/);
  assert.match(text, /Suicide urge at 4 or above/);
  assert.match(text, /Rule: A suicide urge of 4 or more/);
  assert.match(text, new RegExp(`${today}\\s+Suicide urge 5 of 5`));
  // The link opens the client.
  await item.getByRole('link', { name: 'Vera Lund' }).click();
  await page.getByRole('heading', { name: 'Vera Lund' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('risk notes in a progress note show on Trends until a later note records them addressed', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page);
  await addClient(page, 'Odile Marsh');
  await page.getByRole('list', { name: 'Clients', exact: true }).getByRole('link', { name: 'Odile Marsh' }).click();
  const first = await daysAgo(page, 7);
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Session date').fill(first);
  await page.getByLabel('Risk notes').fill('Passive suicidal ideation this week; no plan or intent.');
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByRole('status').filter({ hasText: `Saved the note of ${first}` }).waitFor();

  await page.getByRole('tab', { name: 'Trends' }).click();
  const flags = page.getByRole('list', { name: 'Needs attention' });
  await flags.getByText('Risk recorded in progress notes').waitFor();
  assert.match(await flags.innerText(), new RegExp(`${first}, risk notes\\s+Passive suicidal ideation this week; no plan or intent.`));

  // A later note that records the risk as addressed ends the flag.
  await page.getByRole('tab', { name: 'Progress notes' }).click();
  const second = await daysAgo(page, 0);
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Session date').fill(second);
  await page.getByLabel('Risk addressed in this session').check();
  await page.getByRole('button', { name: 'Save note' }).click();
  await page.getByRole('status').filter({ hasText: `Saved the note of ${second}` }).waitFor();
  await page.getByRole('tab', { name: 'Trends' }).click();
  await page.getByText('Nothing in these records needs attention by the rules today.').waitFor();
  assert.equal(await page.getByText('Risk recorded in progress notes').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('in a personal notebook the client reads their flags in their own words and no treatment suggestions', async () => {
  const { context, page, errors } = await freshPage(browser, server.url);
  await createNotebook(page, undefined, 'Personal');
  await page.getByRole('heading', { name: 'My diary' }).waitFor();
  const today = await daysAgo(page, 0);
  await page.getByRole('button', { name: 'New diary card' }).click();
  await page.getByLabel('Card date').fill(today);
  await page.getByLabel('Self-harm urge').fill('4');
  await page.getByRole('button', { name: 'Save diary card' }).click();
  await page.getByRole('status').filter({ hasText: `Saved the diary card of ${today}` }).waitFor();
  await page.getByRole('tab', { name: 'Trends' }).click();
  const flags = page.getByRole('list', { name: 'Needs attention' });
  await flags.getByText(/You recorded a strong self-harm urge/).waitFor();
  assert.match(await flags.innerText(), /crisis and safety plan/);
  assert.equal(await flags.getByText(/^Rule:/).count(), 0, 'no clinician rules in the client’s words');
  assert.equal(await page.getByRole('heading', { name: 'Treatment suggestions' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Dismiss' }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
